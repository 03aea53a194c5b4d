"""The crisis decision: what the rules, the learned layer and the band head read, graded.

``crisis`` (confident: resources first) needs an explicit statement that the rules read
(``crisis/``), or the learned layer above its *confident* threshold where the words hold
crisis vocabulary, or a hedged rule hit that the learned layer also finds worrying.
``concern`` (unsure: a calm question) is the learned layer above its *concern* threshold, or
a rule hit it does not back. Then, in order:

1. rule hits used only to deny them firmly ("Do I want to die? No. Not even slightly.") give
   neither (``crisis_denial.py``);
2. where no firm rule hit decides, the band head (``crisis_band.py``, decision 0014) confirms
   the calm check as the banner, or clears a banner that rests on the learned layer alone;
3. in writing that reads like a journal entry, a calm check that rests on the learned layer
   alone is dropped where the band head finds crisis writing unlikely;
4. where nothing worried at all, the band head alone may ask the calm question.

A crisis told as past or resolved, or about someone else, is crisis like any other (rule 10
of the labelling guidelines; decision 0017): the banner's words fit all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.analysis.crisis import FIRM_RULE_SCORE, find_crisis, has_idiom
from reconnect.analysis.crisis_denial import firmly_denied
from reconnect.analysis.crisis_intl import find_intl_crisis
from reconnect.analysis.crisis_words import (
    EVERYDAY_ONLY_CONFIDENT,
    beyond_everyday,
    crisis_worded,
)
from reconnect.analysis.tokens import Span

if TYPE_CHECKING:
    from reconnect.analysis.crisis import CrisisHit
    from reconnect.analysis.crisis.scanner import Bones
    from reconnect.analysis.heads import Scores, Thresholds

__all__ = ["MAX_EVIDENCE", "CrisisReading", "read_crisis"]

MAX_EVIDENCE = 5
# The band head (``crisis_band.py``) turns the calm check into the banner at or above
# BAND_CONFIRMS, and a banner that rests on the learned layer alone (no rule hit) into the
# calm check under BAND_CLEARS; where nothing else worried, it alone asks the calm question at
# BAND_ASKS, on texts the crisis head gives at least BAND_ASK_FLOOR (nine in ten real comments
# fall below it). Chosen on the development sets ``crisis_probe6.jsonl`` and
# ``crisis_probe7.jsonl``, with ``fresh_crisis_check_5.jsonl`` and GoEmotions' dev comments
# beside them; banner on statements / on look-alikes, then GoEmotions' dev banners:
#
#   (confirm, clear, ask)   probe6 (130+130)  probe7 (150+150)  check 5 (160+300)  dev (5,426)
#   no band head            62 / 28           99 / 32           141 / 18           16
#   (0.8, 0.3, 0.6)         78 / 21           122 / 24          145 / 16           12
#   (0.75, 0.5, 0.6)        82 / 19           123 / 23          144 / 13           12
#   (0.75, 0.6, 0.6)        80 / 17           123 / 23          144 / 11           10
#   (0.8, 0.5, 0.6)         78 / 19           122 / 23          144 / 13           11
#   (0.7, 0.4, 0.6)         83 / 21           125 / 25          145 / 15           14
#
# Asking alone at 0.6 brings the calm check to 105 of probe6's statements (98 without), 137
# of probe7's (132), and 9 more of the dev comments (67 banners or calm checks in all, 1.2%).
# Clearing hedged rule hits too cost must-catch statements ("I can't go on like this
# anymore." went to the calm check) for one look-alike on each set.
# 0.75 confirmed "I won't be around for the meeting on Friday, I'm on annual leave." (0.78).
#
# 3.10: 0.7, and 0.8 (BAND_CONFIRMS_IDIOM) where an everyday idiom of the crisis rules borrows
# the words ("on annual leave", "killing it"). Rule 10 made recall the gap (precision is 0.87
# or more on every set), and the statements the band head sits between 0.7 and 0.8 on are the
# indirect ones the banner is for: "I've stopped thinking about the future because I don't
# expect to be in it", "Not going to be a problem for anyone much longer". On the development
# sets, before 3.10's rules and idioms (banner on statements and rule-10 stories / on
# look-alikes; GoEmotions' dev comments; the 851 ordinary entries of the held-out slice and
# the fresh marker check; with the rules, the idioms and the idiom's 0.8: probe8 127 / 13,
# ordinary 13):
#
#   confirm   probe6 (165+95)  probe7 (190+110)  probe8 (150+150)  check 5  dev  ordinary
#   0.8       92 / 8           146 / 12          119 / 13          145 / 10  12   12
#   0.7       98 / 9           149 / 13          125 / 13          145 / 10  13   15
#   0.6       99 / 9           150 / 13          127 / 13          146 / 11  15   21
#
# At 0.6 six more ordinary entries get the banner for four more statements. A band head
# fitted again with the rule-10 labels gave as many banners, but on recovery stories in place
# of present-tense plans ("Set an alarm for 4am so I can leave before anyone wakes up"), and a
# small network in its place, or a fine-tuned MiniLM reader (about 50 ms an entry in numpy),
# did no better for their cost (docs/analyzer-accuracy.md).
BAND_CONFIRMS = 0.7
BAND_CONFIRMS_IDIOM = 0.8
BAND_CLEARS = 0.5
BAND_ASKS = 0.6
BAND_ASK_FLOOR = 0.02
# 3.12: where the band head is this sure it asks even when the crisis head reads nothing
# ("Half the time I feel like a ghost already. Might as well make it official.": crisis head
# 0.004, band head 0.90). On the development sets: the calm check on one more statement of
# crisis_probe5 and of probe8, and on no look-alike, ordinary journal entry or GoEmotions
# dev comment more (at 0.7: two more statements, and two more ordinary entries asked).
BAND_ASKS_ALONE = 0.8
# 3.15 (decision 0019): in writing the journal head reads as a journal entry (at least
# JOURNAL_STYLE), a calm check that rests on the learned layer alone (no rule hit) is dropped
# where the band head finds crisis writing under BAND_CLEARS_CALM. In such writing the band
# head tells statements from their look-alikes better than the crisis head, which reads many
# ordinary days like the statements it learned ("25 years married today. He gave me a card
# with a terrible poem he wrote himself.", "Said goodbye to Biscuit at the vet today."). Forum
# writing keeps its calm checks: the band head learned no such text (with no journal gate, 0.05
# took the calm check from 4 of the 21 real crisis comments of real_crisis.jsonl; with it,
# none). Chosen on the development sets: calm checks lost on crisis_probe5-8's 580
# statements, and dropped on their 580 other entries (111 calm checks; recovery stories and
# someone else at risk, crisis by rule 10, are among them), on the marker sets' 1,633
# snippets that are not crisis (124) and on the 360 days of ordinary_days_dev.jsonl (33):
#
#   under   statements   other entries   marker snippets   ordinary days
#   0.05    1            29 of 111       17 of 124         13 of 33
#   0.1     2            57              28                17
#   0.15    3            65              40                20
#   0.2     6            73              45                22
#
# At 0.1, 11 of the 57 are rule-10 stories ("Walked past the bridge I almost jumped from in
# 2015. Felt a pang, then kept going to get my coffee. I'm okay."), and one of the marker sets'
# crisis snippets lost its calm check (it has the banner now, from a rule written from it).
# Read after the choice, the held-out crisis_fresh6-11 (580 statements, 106 rule-10 stories,
# 474 look-alikes; counts only): the banner or the calm check on 533 statements (538), 77
# stories (83) and 87 look-alikes (120); the held-out ordinary days: 14 calm checks of 300 (26).
# Banners are unchanged everywhere. Keeping the clearing to texts with no crisis word beyond
# the everyday ones cost fewer stories but dropped far fewer look-alikes (dev: 7 positives for
# 18 alarms, against 13 for 63).
BAND_CLEARS_CALM = 0.1
JOURNAL_STYLE = 0.5


# Not frozen: one is made for every text read, and a frozen dataclass's __init__ (an
# object.__setattr__ a field) takes about four times as long. Nothing changes one once made.
@dataclass(slots=True)
class CrisisReading:
    """How sure the analyzer is of crisis language, and the spans that show it."""

    crisis: bool
    concern: bool
    evidence: tuple[Span, ...]
    score: float


def read_crisis(
    text: str,
    folded: str,
    whole: Span | None,
    scores: Scores | None,
    bones: Bones,
    thresholds: Thresholds,
    p_band: float | None,
) -> CrisisReading:
    """Grade ``text``'s crisis language: ``folded`` is ``fold(text)`` (the crisis rules'
    folding, same offsets), ``whole`` its span from first sentence to last,
    ``scores`` the learned heads' reading (None for a text with no sentence), ``p_band`` the
    band head's probability (None: the rules and the learned layer decide alone)."""
    hits = find_crisis(text, bones)
    intl = find_intl_crisis(text, bones.words) if not hits else ()
    concern_at, confident_at = thresholds.concern, thresholds.confident
    # The learned layer's reading of the whole text and of each longer sentence. A
    # reading counts fully only where the same words hold crisis vocabulary.
    readings: list[tuple[Span, float]] = []
    if scores is not None and whole is not None:
        readings = [(whole, scores.of("crisis")), *scores.sentences]
    p_any = max([p for _, p in readings], default=0.0)
    worded: list[tuple[Span, float]] = []
    # No worded reading can clear a threshold when none at all does: skip the search.
    if readings and p_any >= min(concern_at, confident_at):
        flags = crisis_worded(readings[0][0], [s for s, _ in readings[1:]])
        worded = [reading for reading, flag in zip(readings, flags, strict=True) if flag]
    p_worded = p_second = 0.0  # what the two below give for no worded reading (most texts)
    if worded:
        p_worded = max([p for _, p in worded], default=0.0)
        p_second = max(
            [
                p
                for span, p in worded
                if p >= confident_at and (p >= EVERYDAY_ONLY_CONFIDENT or beyond_everyday(span))
            ],
            default=0.0,
        )
    firm = (bool(hits) and any(h.score >= FIRM_RULE_SCORE for h in hits)) or bool(intl)
    hedged = bool(hits) and not firm
    crisis = firm or p_second >= confident_at or (hedged and p_any >= concern_at)
    concern = not crisis and (p_worded >= concern_at or p_any >= confident_at or hedged)
    if (crisis or concern) and not intl and firmly_denied(folded, hits):
        # crisis words used only to say plainly that the writer is not at risk
        return CrisisReading(False, False, (), p_any)
    if p_band is not None and not firm and (crisis or concern):
        # What no firm rule settles, the band head does: it confirms the calm check as
        # the banner, or clears a banner that rests on the learned layer alone.
        if (
            concern
            and p_band >= BAND_CONFIRMS
            and (p_band >= BAND_CONFIRMS_IDIOM or not has_idiom(text))
        ):
            crisis, concern = True, False
        elif crisis and not hits and p_band < BAND_CLEARS:
            crisis, concern = False, True
    if (
        concern
        and not hits
        and not intl
        and p_band is not None
        and p_band < BAND_CLEARS_CALM
        and scores is not None
        and scores.of("journal") >= JOURNAL_STYLE
    ):
        # Two learned readings disagree about an entry written like a journal's, and the
        # one that learned such writing finds it ordinary.
        concern = False
    asked = (
        not (crisis or concern)
        and p_band is not None
        and ((p_any >= BAND_ASK_FLOOR and p_band >= BAND_ASKS) or p_band >= BAND_ASKS_ALONE)
    )
    if asked:
        # nothing else worried, but the band head reads it like the statements it
        # learned: the calm check, with the sentence the learned layer liked least
        concern = True
    if not (crisis or concern):
        return CrisisReading(False, False, (), p_any)
    spans = _ranked_hits(hits) + [Span(h.start, h.end, h.text) for h in intl]
    pool = worded if p_worded >= concern_at else readings
    if pool:
        sentence, p = max(pool, key=lambda reading: reading[1])
        if (p >= concern_at or asked) and not any(_inside(s, sentence) for s in spans):
            # The rules' explicit words first; then the sentence the learned layer
            # found most worrying (first of all when the rules found nothing).
            spans.append(sentence)
    best = max([h.score for h in hits] + [p_any] + ([0.9] if intl else []))
    return CrisisReading(crisis, concern, tuple(spans[:MAX_EVIDENCE]), best)


def _ranked_hits(hits: tuple[CrisisHit, ...]) -> list[Span]:
    """Rule hits, most worrying first (then in reading order)."""
    ordered = sorted(hits, key=lambda h: (-h.score, h.start))
    return [Span(h.start, h.end, h.text) for h in ordered]


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
