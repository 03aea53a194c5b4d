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
    from collections.abc import Sequence

    from reconnect.analysis.tokens import Span

__all__ = [
    "CRISIS_VOCABULARY",
    "EVERYDAY_ONLY_CONFIDENT",
    "EVERYDAY_WORDS",
    "beyond_everyday",
    "crisis_worded",
    "has_vocabulary",
]

# The second signal a confident learned guess needs before it becomes the banner: a word
# that crisis language uses (dying, living, being around, a burden, goodbyes, harm, the
# future...). Without one, a high score is a calm question: the static embedding alone
# has flagged "It's such a fun movie" (GoEmotions dev) as surely as a goodbye note.
# Disappearing "for a week" (or a day, a weekend, a while) is a break, not a wish to be gone
# (3.14: "I wish I could just disappear for a week and switch my phone off" had the banner;
# no text of the sets or of GoEmotions' comments changes).
CRISIS_VOCABULARY = compiled(
    r"\b(?:die|dying|died|dead|death|deaths|suicid\w*|kill\w*|end (?:it|things|my life|"
    r"everything)|ending (?:it|things)|alive|live|living|life|lives|exist\w*|gone|goodbye|bye|"
    r"farewell|burden\w*|better off|without me|hurt(?:ing)? myself|harm\w*|cut(?:ting)? myself|"
    r"disappear\w*(?! for (?:a|an|the|some|a few|a couple of) (?:days?|weeks?|weekend|while|bit|"
    r"months?|hours?|nights?)\b)|vanish\w*|wake up|waking up|sleep forever|anymore|any more|around|"
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
# comments lost one banner (17 to 16); such a walk now gets the calm check. 3.14 adds the
# medication words: a missed or changed dose is an ordinary day in a journal about low mood
# ("Forgot my pills again this morning" had the banner). Over every set and GoEmotions' train
# and dev comments three texts went from the banner to the calm check, none of them a crisis
# statement (two abuse statements, one ordinary day); pills saved up, stockpiled or counted
# keep their full weight through those words.
EVERYDAY_WORDS = re.compile(
    r"bridge|ledge|cliffs?|tracks|the river|cold water|jump\w*|drown\w*|here|around|stay|"
    r"life|live|living|lives|pills|tablets|meds|medication"
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
