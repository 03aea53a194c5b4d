"""Crisis vocabulary: the words crisis language uses, which a learned crisis guess needs
beside it before it counts as a signal (``analyzer.Analyzer``), and the everyday ones among
them that need a surer guess."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from reconnect.analysis.precompiled import compiled

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from reconnect.analysis.tokens import Span

__all__ = [
    "CRISIS_VOCABULARY",
    "EVERYDAY_ONLY_CONFIDENT",
    "EVERYDAY_WORDS",
    "RECOVERED",
    "RETURNING",
    "beyond_everyday",
    "crisis_worded",
    "has_vocabulary",
    "recovered",
    "recovered_apart",
    "tells_recovery",
]

# The second signal a confident learned guess needs before it becomes the banner: a word
# that crisis language uses (dying, living, being around, a burden, goodbyes, harm, the
# future...). Without one, a high score is a calm question: the static embedding alone
# has flagged "It's such a fun movie" (GoEmotions dev) as surely as a goodbye note.
CRISIS_VOCABULARY = compiled(
    r"\b(?:die|dying|died|dead|death|deaths|suicid\w*|kill\w*|end (?:it|things|my life|"
    r"everything)|ending (?:it|things)|alive|live|living|life|lives|exist\w*|gone|goodbye|bye|"
    r"farewell|burden\w*|better off|without me|hurt(?:ing)? myself|harm\w*|cut(?:ting)? myself|"
    r"disappear\w*|vanish\w*|wake up|waking up|sleep forever|anymore|any more|around|"
    r"last (?:time|day|entry|note)|final|note|letter|will|give (?:away|it all)|gave (?:away|my)|"
    r"giving away|pills|tablets|meds|medication|overdos\w*|relapse\w*|self.harm|attempt\w*|"
    r"over(?: soon)?|done|no point|point|pointless|hopeless|forever|never (?:see|wake)|"
    r"leave (?:them|everyone|this)|miss me|notice|funeral|grave|heaven|ready to go|"
    r"won'?t need|stay|stick(?:ing)? around|here|"
    # means, self-harm and its aftercare, and the weight of costing others
    r"rope|noose|blades?|razors?|knife|knives|bridge|ledge|cliff|jump\w*|tracks|drown\w*|"
    r"hang\w*|gun|swerv\w*|crash\w*|plasters|bandages|scars?|bleed\w*|burn(?:ed|t)? myself|"
    r"cold water|the river|whole (?:bag|bottle|packet|box)|stockpil\w*|saved up|cost|owe|"
    r"payment|peace|legacy|whoever|affairs|letters?|thanks? (?:you )?for everything|get out|"
    r"escape)\b"
)


@lru_cache(maxsize=1)
def _vocabulary() -> re.Pattern[str]:
    """CRISIS_VOCABULARY as searched: the same matches, sooner (rewritten on first use: most
    texts never need it, nor the rule parser ``by_first_char`` imports)."""
    from reconnect.analysis.alternation import by_first_char

    return by_first_char(CRISIS_VOCABULARY)


# Words of CRISIS_VOCABULARY that an ordinary day uses as often: places and everyday words.
# Where a sentence holds only these, the learned layer must be this sure before its guess
# counts as the second signal: the static embedding read "Walked by the river after work. The
# light on the water was lovely." at 0.70, above the confident threshold. At 0.8 no banner on
# the 570 crisis statements of check files 1 to 5 became a calm check, and GoEmotions' dev
# comments lost one banner (17 to 16); such a walk now gets the calm check.
EVERYDAY_WORDS = re.compile(
    r"bridge|ledge|cliffs?|tracks|the river|cold water|jump\w*|drown\w*|here|around|stay|"
    r"life|live|living|lives"
)
EVERYDAY_ONLY_CONFIDENT = 0.8


def beyond_everyday(span: Span) -> bool:
    """Whether ``span`` holds a crisis word that is not one of ``EVERYDAY_WORDS``."""
    return any(
        EVERYDAY_WORDS.fullmatch(m.group()) is None
        for m in _vocabulary().finditer(span.text.casefold())
    )


def has_vocabulary(span: Span) -> bool:
    """Whether ``span`` holds a word of ``CRISIS_VOCABULARY``."""
    return _vocabulary().search(span.text.casefold()) is not None


def crisis_worded(whole: Span, parts: Sequence[Span]) -> list[bool]:
    """Whether ``whole`` and then each of ``parts`` (sentences within it) holds a word of
    CRISIS_VOCABULARY: ``[has_vocabulary(s) for s in (whole, *parts)]``, from one scan.

    A match in a sentence's folded text is a match at the same place in the whole's: a
    sentence starts after a space, a stop, a quote or a bracket and ends with one of those
    or before a space, a new line or the end, so a word boundary or a run of word
    characters at its edges reads the same either way; the reverse holds for a whole-text
    match inside the sentence. Folding keeps offsets when it keeps the length. A sentence that no
    whole-text match overlaps has none; one that a match only crosses into is searched alone.
    """
    folded = whole.text.casefold()
    if len(folded) != len(whole.text):  # folding moved offsets: search each one
        return [has_vocabulary(whole), *(has_vocabulary(s) for s in parts)]
    base = whole.start
    hits = [(m.start() + base, m.end() + base) for m in _vocabulary().finditer(folded)]
    found = [bool(hits)]
    if not hits:
        return found + [False] * len(parts)
    ends = [end for _, end in hits]
    for part in parts:
        inside = crossed = False
        # matches do not overlap, so their ends rise with their starts
        for index in range(bisect_right(ends, part.start), len(hits)):
            start, end = hits[index]
            if start >= part.end:
                break
            if part.start <= start and end <= part.end:
                inside = True
                break
            crossed = True
        found.append(inside or (crossed and has_vocabulary(part)))
    return found


# Recovery told now about a crisis the rules place in the past: "two years ago today I was in
# hospital after trying to end my life; today I went for a run and I'm really glad I'm still
# here". With every rule hit past and words like these, the entry gets the calm check, not
# the banner: help stays one step away, and a recovery story is not met with an alarm.
RECOVERED = compiled(
    r"\b(?:(?:so |really |very )?glad (?:i'?m|i am) (?:still )?(?:here|alive)|grateful|"
    r"gratitude|thankful|proud|progress|i came back|(?:i'?m|i am) (?:in a )?(?:much |so "
    r"much |far )?better (?:place|now|these days)|(?:i'?m|i am) (?:not that person|safe|"
    r"ok|okay|doing (?:ok|okay|well|better)) now|(?:haven'?t|have not|hasn'?t) (?:needed|"
    r"written|felt|done|wanted|thought|had)\w*(?: \w+){0,4} (?:in|for|since) (?:over |"
    r"more than |almost |nearly )?(?:months|years|a year|ages|(?:\d+|two|three|four|five|"
    r"six|several|a few|many) (?:months|years))|(?:a |one |two |three |four |five |six "
    r"|\d+ )?(?:years?|months?) (?:[\w-]+ )?(?:clean|free|since)|(?:been |so |really )"
    r"stable|stable (?:for|since) (?:months|years|a year|ages|a while|\d+)|recovered|recovery|"
    r"survived|survivor|got through|(?:i|we) came through|helped me through|saved my life|"
    r"(?:so |really )?glad i (?:didn'?t|stayed|held on|hung on|waited|reached out|told)"
    r"|a life i (?:actually |really |genuinely )?(?:like|love|enjoy|want)|(?:as|like) "
    r"(?:history|a story)|(?:it|that|all that|it all)(?:'s| is) behind me|got better|(?:doing|"
    r"feel|feeling) (?:so much |much |a lot )?better|(?:i'?m|i am) (?:healing|healed)|"
    r"got help|(?:i'?m|i am) safe(?! for now| for tonight| tonight| enough)|still here,? "
    r"and (?:i'?m )?glad|glad (?:she|he|past me|that (?:girl|boy|kid|version of me)) (?:didn'?t|"
    r"stayed|held on)|(?:things are|life is|everything is|it'?s all) (?:so |very |completely "
    r")?different now|(?:it'?s|it has) been \d+ (?:days|weeks|months)(?: now| clean| free)"
    r"?|(?:(?:i'?m|i am) (?:good|fine|okay|ok|well|doing well|doing good) now)|(?:has|"
    r"have|had)n'?t (?:come back|been back|needed it)|(?:would|did|do|does) get better|"
    r"stuck around|growth|(?:self[- ]?harm|cutting|cut|harm)[- ]free|clean from|instead "
    r"of (?:hurting|cutting|harming|using)|(?:it|the urge|the feeling) passed|(?:wasn'?t|"
    r"isn'?t) the end of (?:the|my) story|(?:we'?re|i'?m) (?:both )?still here|one year "
    r"chip|heart is full|handling it|not in a bad way anymore|meant it for the first time|"
    r"(?:hadn'?t|haven'?t) (?:thought|felt) (?:about )?(?:it|that) in (?:weeks|days|months|"
    r"ages))\b"
)


# ...unless anything says the risk is back: "relapsed. 3 months clean and I cut tonight".
RETURNING = re.compile(
    r"\b(?:relaps\w*|again|barely|(?<!n't )(?:came|come|coming|comes) back|tonight|right "
    r"now|these days|lately|urges?|tempted|thinking (?:about|of) (?:self[- ]?harm\w*|cutting|"
    r"hurting|killing|ending|dying|it)|(?:want|wanna|going|gonna|about) (?:to )?(?:do "
    r"it|die|end|kill|cut|hurt)|can'?t stop|still (?:want|think|feel like|have the))\b"
)


class _RecoveryCheck:
    """Whether a folded text holds words of ``RECOVERED``, as ``RECOVERED.search`` tells.

    After the first ``DIRECT_CHECKS`` texts it asks ``rule_scanner.finder`` instead, which
    tells the same three times sooner (about 5 against 16 microseconds on a crisis statement)
    but takes a few milliseconds to build: a fresh process that reads one text never does.
    """

    DIRECT_CHECKS = 2

    def __init__(self) -> None:
        self._direct_left = self.DIRECT_CHECKS
        self._found: Callable[[str], bool] | None = None

    def __call__(self, text: str) -> bool:
        found = self._found
        if found is not None:
            return found(text)
        if self._direct_left > 0:
            self._direct_left -= 1  # a race between threads only moves the switch-over
            return RECOVERED.search(text) is not None
        found = self._found = _recovered_finder()
        return found(text)


def _recovered_finder() -> Callable[[str], bool]:
    r"""``rule_scanner.finder`` of RECOVERED's alternatives: ``\b(?:a|b|...)\b`` matches where
    one of ``\b(?:a)\b``, ``\b(?:b)\b``... does."""
    from reconnect.analysis.rule_scanner import atoms, finder

    parsed = atoms(RECOVERED.pattern)
    if len(parsed) != 3 or parsed[0].text != r"\b" or parsed[2].text != r"\b":
        raise ValueError("RECOVERED is not a \\b(?:...)\\b alternation")
    options = parsed[1].options
    if options is None or parsed[1].quantified:
        raise ValueError("RECOVERED is not a \\b(?:...)\\b alternation")
    return finder([rf"\b(?:{''.join(a.text for a in option)})\b" for option in options])


tells_recovery = _RecoveryCheck()


def recovered(text: str, quoted: Iterable[tuple[int, int]] = ()) -> bool:
    """Whether ``text`` (folded) tells recovery now (``RECOVERED``) and nothing in it says the
    risk is back (``RETURNING``), outside the ``quoted`` spans: crisis words quoted from the
    past are themselves no sign of a return ("I used to write 'I want to die' in every
    entry")."""
    if not tells_recovery(text):
        return False
    outside = text
    for start, end in quoted:
        outside = outside[:start] + " " * (end - start) + outside[end:]
    return RETURNING.search(outside) is None


def recovered_apart(text: str, cues: re.Pattern[str]) -> bool:
    """Whether ``text`` (folded) tells recovery (``recovered``) and, in other words than the
    recovery's, places something back in time by one of ``cues``: "haven't written in here
    in ages" is one cue, not two."""
    if not recovered(text):
        return False
    told = [m.span() for m in RECOVERED.finditer(text)]
    return any(
        all(end <= m.start() or m.end() <= start for start, end in told)
        for m in cues.finditer(text)
    )
