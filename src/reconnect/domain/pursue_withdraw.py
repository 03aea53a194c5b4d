"""The pursue–withdraw pattern: who leaned toward closeness and who toward space, week by
week, read from a couple's revealed check-ins and told from one partner's point of view.

The idea comes from the seeds (004, 001): when one partner keeps reaching for closeness and
the other keeps stepping back, each move tends to prompt more of the other. The roles are
positions in a loop both partners feed, never a fault in either. Everything here is a sign
drawn from a few answers, not a diagnosis; the wording says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.domain.wording import counted

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

MIN_WEEKS = 3  # weeks both partners answered before a pattern is named
WINDOW = 8  # the most recent weeks both answered that are read
PRESSURED_FROM = 4  # "pushed for closeness" at 4 or 5 counts as feeling pressured
# Markers in a person's own entries read as pulling away, and as moving toward others.
AWAY_MARKERS = frozenset({"withdrawal", "avoidance", "disconnection", "numbness"})
TOWARD_MARKERS = frozenset({"reconnection"})

YOU = "you"
PARTNER = "your_partner"
NEITHER = "neither"
BOTH = "both"

NOT_ENOUGH = "not_enough_weeks"
YOU_SEEK = "you_seek_closeness"
PARTNER_SEEKS = "partner_seeks_closeness"
BALANCED = "balanced"

LOOP_NOTE = (
    "These are signs in a few check-in answers, not a verdict on either of you. Reaching "
    "for closeness (sometimes called pursuing) and stepping back for space (withdrawing) "
    "are two roles in one loop that both partners keep going, and the roles can swap from "
    "one month to the next."
)

HOW_COMPUTED = (
    f"Only weeks you both answered are read, at most the latest {WINDOW}. A week one of "
    "you skipped is left out, and nothing is read while check-ins are paused.",
    "Each week gets up to three signs. Closeness or space: whoever chose the closer end "
    "of that question leaned toward closeness. Reaching out: both of your answers are "
    "averaged, with your partner's turned around, since 'I did' for them is 'my partner' "
    "for you. Pressure: a 4 or 5 on feeling pushed, from one of you only, counts as a "
    "sign that the other was reaching.",
    "Each sign adds one point toward the partner it points to. Two points or more in "
    "one direction means that partner was the one seeking closeness that week; "
    "otherwise the week counts as even.",
    f"A pattern is named only after {MIN_WEEKS} weeks or more: when at least half of the "
    "weeks lean the same way and no more than one week in four leans the other way. "
    "Otherwise it is called balanced.",
    "The line about your own journal counts only your own entries written in those same "
    "weeks: how many showed signs of pulling away (withdrawal, avoidance, disconnection "
    "or numbness) and how many showed signs of reconnecting. Your partner never sees it, "
    "and your partner's journal is never read.",
)

SUGGESTIONS: dict[str, tuple[str, ...]] = {
    YOU_SEEK: (
        "Stop chasing for a while. Let a few messages and questions go unsent, and let a "
        "quiet evening stay quiet instead of filling it.",
        "Reconnect internally first: give time to what steadies you, such as a walk, a "
        "friend or something you make, so feeling okay does not wait on your partner's "
        "reply.",
        "If you tell your partner, keep it short and warm: that you will ease off, and "
        "that you still care. Then let your actions carry it.",
    ),
    PARTNER_SEEKS: (
        "Take one small, safe step toward your partner this week: a two-minute chat "
        "about their day, a hand on their arm, or a message saying they crossed your mind.",
        "When you need room, say so and say when you will be back, for example: 'I need an "
        "hour alone, then let's sit together.' A clear return makes chasing less likely.",
        "Notice what makes closeness feel like pressure, and try putting it into the "
        "check-in's wish for the week ahead.",
    ),
    BALANCED: (
        "Neither of you seems stuck in one role lately. Keep naming what you need, "
        "closeness or room, before it builds up.",
        "Keep answering the check-in on your own; the differences in your answers are the "
        "best starting points to talk.",
    ),
    NOT_ENOUGH: (
        "Keep answering the weekly check-in, both of you: a pattern needs a few weeks to show.",
    ),
}


@dataclass(frozen=True, slots=True)
class WeekPair:
    """One revealed week: my answers and my partner's (both answered)."""

    week: str
    mine: Mapping[str, int | str]
    partner: Mapping[str, int | str]


@dataclass(frozen=True, slots=True)
class WeekReading:
    """One week from my point of view: ``you``, ``your_partner``, ``neither`` or ``both``."""

    week: str
    wanted_closeness: str  # who chose the closer end of "closeness or space"
    reached_out: str  # who reached out, from both answers
    felt_pressured: str  # who felt pushed for closeness
    sought_closeness: str  # the week's reading: you, your_partner or neither
    summary: str


@dataclass(frozen=True, slots=True)
class PatternReading:
    """The pattern for one partner: weeks, a sentence, suggestions for their role."""

    status: str  # not_enough_weeks, you_seek_closeness, partner_seeks_closeness, balanced
    weeks: tuple[WeekReading, ...]
    sentence: str
    loop_note: str
    suggestions: tuple[str, ...]
    how_computed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntrySignals:
    """Counts from one person's own entries over the weeks read."""

    entries: int
    away: int
    toward: int


def _scale(answers: Mapping[str, int | str], question: str) -> int:
    value = answers.get(question)
    return value if isinstance(value, int) else 3


def _who(mine: bool, theirs: bool) -> str:
    if mine and theirs:
        return BOTH
    return YOU if mine else PARTNER if theirs else NEITHER


def read_week(pair: WeekPair) -> WeekReading:
    """One week's signs, from my side.

    >>> read_week(WeekPair("2026-W49", {"want": 5, "reached_out": 5, "pressured": 1},
    ...                    {"want": 2, "reached_out": 1, "pressured": 5})).sought_closeness
    'you'
    """
    want_gap = _scale(pair.mine, "want") - _scale(pair.partner, "want")
    wanted = YOU if want_gap > 0 else PARTNER if want_gap < 0 else NEITHER
    # My 5 ("I did, mostly") agrees with my partner's 1 ("my partner, mostly").
    my_share = (_scale(pair.mine, "reached_out") + 6 - _scale(pair.partner, "reached_out")) / 2
    reached = YOU if my_share > 3.5 else PARTNER if my_share < 2.5 else BOTH
    pressured = _who(
        _scale(pair.mine, "pressured") >= PRESSURED_FROM,
        _scale(pair.partner, "pressured") >= PRESSURED_FROM,
    )
    score = 0
    score += {YOU: 1, PARTNER: -1}.get(wanted, 0)
    score += {YOU: 1, PARTNER: -1}.get(reached, 0)
    # The partner who felt pushed points to the other as the one reaching.
    score += {PARTNER: 1, YOU: -1}.get(pressured, 0)
    sought = YOU if score >= 2 else PARTNER if score <= -2 else NEITHER
    return WeekReading(
        pair.week, wanted, reached, pressured, sought, _week_summary(wanted, reached, pressured)
    )


def _week_summary(wanted: str, reached: str, pressured: str) -> str:
    parts = [
        {
            YOU: "you wanted more closeness than your partner",
            PARTNER: "your partner wanted more closeness than you",
        }.get(wanted, "you wanted about the same closeness"),
        {
            YOU: "you did most of the reaching out",
            PARTNER: "your partner did most of the reaching out",
        }.get(reached, "the reaching out was shared"),
        {
            YOU: "you felt pushed",
            PARTNER: "your partner felt pushed",
            BOTH: "both of you felt pushed",
        }.get(pressured, "neither felt pushed"),
    ]
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def read_pattern(pairs: Sequence[WeekPair]) -> PatternReading:
    """The pattern over the latest weeks both answered, oldest first, from my side."""
    weeks = tuple(read_week(pair) for pair in sorted(pairs, key=lambda p: p.week)[-WINDOW:])
    count = len(weeks)
    if count < MIN_WEEKS:
        sentence = (
            f"Not enough weeks yet: a pattern needs {MIN_WEEKS} weeks that you both "
            f"answered, and so far there {'is' if count == 1 else 'are'} "
            f"{counted(count, 'week')}."
        )
        return PatternReading(
            NOT_ENOUGH, weeks, sentence, LOOP_NOTE, SUGGESTIONS[NOT_ENOUGH], HOW_COMPUTED
        )
    mine = sum(1 for w in weeks if w.sought_closeness == YOU)
    theirs = sum(1 for w in weeks if w.sought_closeness == PARTNER)
    span = f"Over the last {counted(count, 'week')} you both answered"
    if mine * 2 >= count and theirs * 4 <= count:
        status = YOU_SEEK
        sentence = (
            f"{span}, you seem to be the one seeking closeness while your partner seeks "
            f"space ({mine} of {count} weeks leaned that way)."
        )
    elif theirs * 2 >= count and mine * 4 <= count:
        status = PARTNER_SEEKS
        sentence = (
            f"{span}, your partner seems to be the one seeking closeness while you seek "
            f"space ({theirs} of {count} weeks leaned that way)."
        )
    else:
        status = BALANCED
        sentence = (
            f"{span}, neither of you is steadily the one reaching or the one stepping "
            "back: the pattern looks balanced."
        )
    if status != BALANCED and weeks[-1].sought_closeness == NEITHER:
        sentence += " The latest week looked more even."
    return PatternReading(status, weeks, sentence, LOOP_NOTE, SUGGESTIONS[status], HOW_COMPUTED)


def entry_signals(markers: Iterable[frozenset[str]]) -> EntrySignals:
    """Counts over one person's own entries, each given as its set of marker names.

    >>> entry_signals([frozenset({"withdrawal"}), frozenset({"reconnection"}), frozenset()])
    EntrySignals(entries=3, away=1, toward=1)
    """
    entries = away = toward = 0
    for names in markers:
        entries += 1
        away += bool(names & AWAY_MARKERS)
        toward += bool(names & TOWARD_MARKERS)
    return EntrySignals(entries, away, toward)


def entries_line(signals: EntrySignals, weeks: int) -> str:
    """The private line about a person's own entries over the weeks read (theirs alone)."""
    if weeks == 0:
        return "There are no weeks you both answered yet, so nothing from your journal is read."
    span = f"the {counted(weeks, 'week')} read here"
    if signals.entries == 0:
        return f"You wrote no entries in {span}, so your journal adds nothing to this view."
    total = signals.entries
    line = (
        f"In your own entries from {span}, {signals.away} of {total} showed signs of "
        f"pulling away and {signals.toward} of {total} showed signs of reconnecting."
    )
    if signals.away > signals.toward:
        line += " Stepping back shows up more than reaching out in your writing lately."
    elif signals.toward > signals.away:
        line += " Moving toward others shows up more than stepping back in your writing."
    return line
