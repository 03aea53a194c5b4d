"""The second way in: a sentence about the writer and someone close whose cues add up."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from reconnect.analysis.harm.gate import gate, starts_of
from reconnect.analysis.harm.hit import HarmHit
from reconnect.analysis.harm.vetoes import DENIED, DENIED_AROUND, anothers, excused
from reconnect.analysis.harm.words import WEAPON

# The second way in: a sentence that names someone close (he, she, my husband, mum, ...),
# has the writer in it (I, me, my) and holds cues whose weights add up to 1. One cue is
# rarely enough; "scared" and "permission" together are. Weights are whole tenths.
CLOSE = re.compile(
    r"\b(?:he|she|they|him|her|his|hers|them|husband|wife|partner|boyfriend|girlfriend|bf|gf|"
    r"fianc[eé]e?|spouse|ex|dad|father|mum|mom|mother|step-?dad|step-?mum|step-?mom|"
    r"stepfather|stepmother|parents|in-?laws?)\b",
    re.IGNORECASE,
)
WRITER = re.compile(r"\b(?:i|me|my|mine|myself|i'm|im|i've|i'd|i'll)\b", re.IGNORECASE)
NOT_CLOSE = re.compile(
    r"\b(?:boss|manager|director|colleague|coworker|flatmate|roommate|housemate|friend from|"
    r"coach|teacher|professor|toddler|baby|puppy|kitten|cat|dog|landlord|"
    r"referee|in the (?:book|film|movie|show|game|novel|series)|character|villain|neighbou?rs?|"
    # someone else's partner ("my cousin's ex keeps threatening her")
    r"(?:friend|cousin|sister|brother|colleague|coworker|neighbou?r|mate|aunt|uncle|niece|"
    r"nephew|daughter|son)'s (?:husband|wife|partner|boyfriend|girlfriend|ex|fianc\w*))\b",
    re.IGNORECASE,
)
# Cue families from the signs of coercive control (isolation, monitoring, threats, fear,
# violence, sexual coercion, money, humiliation). A strong cue (1.0) is enough alone; the
# others add up. Written from those signs, then weighed on tests/analysis/data/coercion_dev*.
STRONG, MID, WEAK = 1.0, 0.6, 0.4
CUES: tuple[tuple[str, float, str], ...] = (
    # fear and keeping safe
    ("fear", MID, r"\b(?:scared|afraid|terrified|frightened|petrified)\b"),
    (
        "fear",
        STRONG,
        r"\b(?:walk(?:ing)? on eggshells|set(?:s)? (?:him|her|them) off|start "
        r"something|starts? on me|in one of (?:his|her) moods|what kind of night it'?s going to be|"
        r"(?:his|her) key in the door|my (?:whole )?body went cold|couldn'?t face going in|bag "
        r"packed|just in case\b[^.]{0,40}\b(?:passport|birth certificates)|fell down the stairs|"
        r"walked into a door|so (?:it|he|she) stops|so nothing sets)\b",
    ),
    (
        "fear",
        MID,
        r"\b(?:flinch\w*|ballistic|lose it|loses it|explode\w*|kick(?:s)? off|blow(?:s)? "
        r"up|go(?:es)? off at me|one wrong word|started it|goes? (?:completely )?quiet the minute|"
        r"heart (?:races|pounds)|pretend(?:ed)? to be asleep|edge of the bed)\b",
    ),
    (
        "fear",
        WEAK,
        r"\block(?:ed)? (?:the|my|our) (?:door|bedroom|room)\b|\bwhen (?:he|she) "
        r"(?:drinks|is drunk|gets home|comes home)\b",
    ),
    # isolation
    (
        "isolation",
        STRONG,
        r"\b(?:(?<!phone )(?<!app )(?<!computer )(?<!laptop )(?<!it )(?:won'?t|doesn'?t|never) "
        r"lets? me(?! (?:forget|live it|hear the end|carry|lift|pay|win))|"
        r"not allowed to|"
        r"isn'?t allowed|wasn'?t allowed|need (?:his|her|their) permission|ask(?:ing)? permission|"
        r"deleted my friends|cancel(?:led|ed)? my (?:counselling|therapy|doctor|appointments?)|"
        r"has my passport|have my passport|took my passport|takes the (?:wifi|router|car keys)|"
        r"takes my (?:car )?keys|told (?:all )?my friends i'?m)\b",
    ),
    (
        "isolation",
        MID,
        r"\b(?:stopped seeing|haven'?t (?:seen|been to)|can'?t see|don'?t see) "
        r"(?:my )?\w+|\b(?:always a reason we can'?t|not worth the argument|bad influence|end up "
        r"(?:cancelling|leaving early)|(?:picks|picked) up my phone|made me quit|no outsiders|"
        r"goes silent for days|stuck here all day|can'?t talk to anyone)\b",
    ),
    # monitoring
    (
        "monitoring",
        STRONG,
        r"\b(?:checks?|checked|reads?|read|goes through|went through|"
        r"logs? into|logged into|opens?|opened) (?:my|the) (?!\w+ to (?:print|book|find|get|"
        r"download|check the|pay)\b)(?:phone|texts|messages|calls|call log|"
        r"emails?|email|journal|diary|bank|insta|instagram|facebook|accounts?|search "
        r"history)\b(?! (?:photos|pictures|gallery|camera roll)\b)|\bopen(?:s|ed)? my (?:post|mail|"
        r"letters)\b|\b(?:app|tracker|spyware) on my (?:phone|car|laptop)\b|\bchanged the "
        r"password on my\b|\b(?:selfie|photo|picture) every\b|\bto prove (?:who|where)\b",
    ),
    (
        "monitoring",
        MID,
        r"\b(?:counts the miles|mileage|times how long|know(?:s)? where i am|"
        r"location (?:has to )?stay on|text (?:him|her) when i|turned up outside|where the extra|"
        r"in case (?:he|she) looks|before i send it|questions every (?:payment|text|call))\b",
    ),
    # threats
    (
        "threats",
        STRONG,
        r"\b(?:threaten\w*|no one (?:would|will) believe me|nobody (?:would|"
        r"will) believe me|you'?ll regret it|(?:you'?ll|or|then|just) see what happens|"
        r"accidents happen|get me deported|"
        r"unfit (?:mother|father|parent)|never see the kids|take the (?:kids|children|house)|"
        r"leave me with nothing|change the locks|deal with me|knows where my (?:parents|family|"
        r"sister|mum|mom) live|be waiting outside|send those photos|out me)\b",
    ),
    (
        "threats",
        WEAK,
        r"\bif i (?:ever )?(?:leave|left|try to leave|end (?:it|things)|divorce|"
        r"don'?t|tell|go to|say no|so much as)\b|\bdon'?t bother coming back\b",
    ),
    # physical
    (
        "physical",
        STRONG,
        # not a simile: "I keep poking at it like a bruise that isn't there"
        r"\b(?:(?<!like a )(?<!like an )bruis\w+|black eye|hands? (?:on|round|around) my (?:neck|"
        r"throat)|"
        r"scratched my|slapped me|shoved me|punched (?:me|the wall)|strangl\w+|held me down|"
        r"wouldn'?t let me (?:out|leave|go)|locked me (?:out|in)|made me get out of the car|"
        r"broke my (?:phone|glasses)|threw (?:my|a|the) \w+ at me|hits (?:me|my)|hit me)\b"
        + WEAPON,
    ),
    (
        "physical",
        WEAK,
        r"\b(?:long sleeves|told everyone (?:at work )?it was|stood in the "
        r"doorway)\b",
    ),
    # sexual coercion
    (
        "sexual_coercion",
        STRONG,
        r"\b(?:did it anyway|go along with it(?! because (?:honestly|his|her|their) )|never agre"
        r"ed|without "
        r"(?:my )?(?:asking|consent|agreeing)|wouldn'?t take no|won'?t take no|won'?t wear "
        r"protection|filmed (?:us|me)|my duty as|sulks? (?:for days )?until i|until i give in|"
        r"wasn'?t in the mood and)\b",
    ),
    # money
    (
        "financial",
        STRONG,
        r"\b(?:gives? me an allowance|hid(?:e|ing)? (?:a bit of |some |a "
        r"little |twenty quid )?(?:cash|money|notes)|in (?:his|her|their) name|in my name|"
        r"takes (?:all )?my (?:wages|pay|salary|money)|every penny|show (?:him|her) receipts|"
        r"ask (?:him|her) for money|debts? on my card|controls (?:all )?(?:the|our) money)\b",
    ),
    (
        "financial",
        MID,
        r"\b(?:receipts?|my (?:bank )?card|my wages|my salary|student loan|"
        r"my own money|every payment|logs into my bank)\b",
    ),
    # humiliation
    (
        "humiliation",
        STRONG,
        r"\b(?:calls? me (?:worthless|useless|pathetic|stupid|fat|ugly|"
        r"a disgrace|nothing)|weighs me|write apologies|tells me (?:i'?m|im) (?:stupid|useless|"
        r"worthless|ugly|fat|crazy|mad)|no one else would (?:want|have|love) me)\b",
    ),
    (
        "humiliation",
        MID,
        r"\b(?:mocks?|mocked|mocking|imitates?|a disgrace|pathetic|decides "
        r"what i (?:eat|wear)|throws out (?:my|any) clothes|in front of (?:his|her) friends|"
        r"trying to attract)\b",
    ),
)


@lru_cache(maxsize=1)
def compiled_cues() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    """Every cue's kind, weight and compiled pattern (compiled once)."""
    return tuple((kind, weight, re.compile(cue)) for kind, weight, cue in CUES)


@lru_cache(maxsize=1)
def any_cue() -> re.Pattern[str]:
    """One pattern for wherever any cue could start."""
    return gate([cue for _, _, cue in CUES])


SENTENCE = re.compile(r"[^.!?\n]+")


def cue_hits(text: str, original: str) -> list[HarmHit]:
    """In a text about the writer and someone close, sentences whose cues add up to 1."""
    found: list[HarmHit] = []
    if not (CLOSE.search(text) and WRITER.search(text)):
        return found
    # One pass for any cue at all, so only sentences holding one are weighed.
    starts = starts_of(any_cue(), text)
    if not starts:
        return found
    for sentence in SENTENCE.finditer(text):
        i = bisect_left(starts, sentence.start())
        if i == len(starts) or starts[i] >= sentence.end():
            continue
        words = sentence.group(0)
        if NOT_CLOSE.search(words):
            continue
        if excused(words):
            continue
        if DENIED_AROUND.search(words):
            continue
        matched = [
            (kind, weight)
            for kind, weight, cue in compiled_cues()
            for m in cue.finditer(words)
            if not DENIED.search(words, 0, m.start()) and not anothers(words, m.end())
        ]
        if round(sum(weight for _, weight in matched), 2) >= 1.0:
            kind = max(matched, key=lambda pair: pair[1])[0]
            start = sentence.start() + len(words) - len(words.lstrip())
            end = sentence.end() - (len(words) - len(words.rstrip()))
            found.append(HarmHit(kind, start, end, original[start:end]))
    return found
