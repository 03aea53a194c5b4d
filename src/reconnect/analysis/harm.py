"""Signs that the writer is being hurt, frightened or controlled by someone close to them.

Abuse and coercive control are not detachment, and no sign of them is ever shown to, or
sent to, anyone but the writer. When a person's own words describe a partner or family
member monitoring them, cutting them off, threatening them, making them afraid, hurting
them, forcing sex, or taking control of their money, reconnect shows them (and only them)
domestic-abuse help for their country (``content/abuse_resources.toml``).

Rules only, read as the person wrote it: each pattern needs the writer as the one it is
done to ("me", "my"), so "my boss is controlling" or "he hit the gym" stay quiet. A
denial just before ("he would never hit me", "she doesn't check my phone") is not a sign.
Deterministic and fast; ``find_harm`` on 20,000 characters takes a few milliseconds.

>>> [h.kind for h in find_harm("He checks my phone every night and I'm scared of him.")]
['monitoring', 'fear']
>>> find_harm("My boss is so controlling about deadlines.")
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["HARM_KINDS", "HarmHit", "find_harm"]

# Who: a partner, an ex or family at home, or a pronoun standing for one.
_WHO = (
    r"(?:he|she|they|him|her|them|mum|mom|dad|(?:my|our) (?:husband|wife|partner|boyfriend|"
    r"girlfriend|bf|gf|fianc[eé]e?|spouse|ex|ex-?husband|ex-?wife|ex-?partner|ex-?boyfriend|ex-?girlfriend|"
    r"dad|father|mum|mom|mother|step-?dad|step-?mum|step-?mom|stepfather|stepmother|brother|"
    r"sister|in-?laws?|mother-in-law|father-in-law))"
)
_NOT = r"(?<!n't )(?<!not )(?<!never )(?<!wouldn't )(?<!won't )(?<!doesn't )(?<!didn't )"
_ME = r"(?:me|myself)"

_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "monitoring",
        r"\b" + _WHO + r" (?:\w+ ){0,3}?" + _NOT + r"(?:checks?|checked|checking|goes through|"
        r"went through|reads?|read|going through|looks? through|looked through|tracks?|tracked|"
        r"tracking|monitors?|monitored|monitoring|spies on|spied on)\b[^.!?\n]{0,12}\bmy "
        r"(?:phone|texts|messages|emails?|location|bank|browser|browsing|calls|dms|social media|"
        r"whatsapp|car)\b(?! (?:for (?:the time|me)|to (?:check|see) the time|because mine))",
    ),
    (
        "monitoring",
        r"\b(?:makes? me|made me|forces? me to|demands?|demanded)\b[^.!?\n]{0,20}\b(?:share|"
        r"give (?:him|her|them))\b[^.!?\n]{0,10}\bmy (?:location|passwords?|passcodes?|phone)\b"
        r"|\b(?:put|hid|installed|found) (?:a )?(?:tracker|tracking app|spyware)\b"
        r"|\binstalled (?:something|an app|software|a program) on my (?:phone|laptop|computer)\b"
        r"|\b(?:makes?|made) me (?:send|show) (?:him|her|them )?(?:a )?(?:photos?|pictures?|"
        r"selfies?|proof|screenshots?) of (?:where|who)\b|\b" + _WHO + r" (?:goes|went) through "
        r"my (?:bag|things|pockets|drawers)\b",
    ),
    (
        "isolation",
        _NOT + r"\b" + _WHO + r" (?:won'?t|will not|wouldn'?t|doesn'?t|does not|never) "
        r"(?:let|allow) me (?:to )?(?:see|go|visit|talk|speak|meet|call|work|leave|have|"
        r"drive|study|get a job|text)\b",
    ),
    (
        "isolation",
        r"\bi'?m (?:not|no longer) allowed to (?:see|go|visit|talk|speak|meet|call|work|leave|"
        r"have (?:friends|my own)|drive|text|get a job)\b|\b(?:cut|cuts|cutting|keeps?|kept) me "
        r"(?:off|away) from (?:my |all my )?(?:friends|family|sister|brother|mum|mom|parents)\b"
        r"|\b" + _WHO + r" (?:gets?|got) (?:angry|furious|mad|jealous) (?:when|if|whenever) i "
        r"(?:see|go out with|talk to|text|visit|call) (?:my )?(?:friends|family|sister|mum|mom)\b"
        r"|\b(?:makes?|made) me (?:delete|block|unfriend|stop seeing|stop talking to) (?:all )?my "
        r"(?:friends|family|mum|mom|sister|brother)\b|\bstarts? (?:a fight|a row|an argument|"
        r"shouting) (?:so|whenever|every time|when) i (?:plan|try|want|arrange) to (?:see|visit|"
        r"go|meet)\b|\b(?:every time|whenever|when) i (?:plan|try|want|arrange) to (?:see|visit|"
        r"go out|meet)\b[^.!?\n]{0,40}\b(?:he|she|they) (?:starts?|picks?) (?:a fight|a row|an "
        r"argument)\b|\bi'?m not allowed (?:my own|to have (?:my own|a)) (?:phone|money|bank "
        r"account|car|friends)\b",
    ),
    (
        "threats",
        r"\b(?:threatened|threatens|threatening|threaten)\b[^.!?\n]{0,8}\b(?:to )?(?:take the "
        r"(?:kids|children|baby)|kill me|hurt me|leave me with nothing|post|share|send|leak|"
        r"report me|have me deported|throw me out|kick me out|take everything|ruin me|"
        r"tell everyone|hurt the (?:kids|children|dog|cat))\b",
    ),
    (
        "threats",
        r"\b" + _WHO + r" (?:said|says|told me) (?:that )?(?:he|she|they)(?:'d|'ll| would| will)"
        r" (?:take the (?:kids|children|baby)|kill me|hurt me|make me pay|ruin me|post my|"
        r"send my|leave me with nothing|kill (?:himself|herself|themselves) if i)\b|"
        r"\bif i (?:leave|left|tell anyone|told anyone|go to the police)\b[^.!?\n]{0,6}\b"
        r"(?:he|she|they)(?:'d|'ll| would| will) (?:hurt|kill|take|ruin|find)\b"
        r"|\bif i (?:leave|left|tell anyone|told anyone|go to the police|say anything)\b"
        r"[^.!?\n]{0,50}\b(?:he|she|they)(?:'d|'ll| would| will) (?:throw|kick) me out\b"
        r"|\b(?:i'?ll|i will|you'?ll) regret it if i (?:don'?t|leave|tell)\b|\b"
        + _WHO
        + r" (?:says?|said|threatens?|threatened)(?: that)? (?:he|she|they)(?:'ll|'d| will| would)"
        r" tell (?:everyone|my (?:work|boss|family|parents))\b",
    ),
    (
        "fear",
        r"\bi'?m (?:so |really |too )?(?:scared|afraid|terrified|frightened) (?:of (?:him|her|"
        r"them|my (?:husband|wife|partner|boyfriend|girlfriend|ex|dad|father))\b|of what "
        r"(?:he|she|they)(?:'ll|'d| will| would| might) do\b|to go home\b|(?:he|she|they)"
        r"(?:'ll|'d| will| would| might) (?:hurt|hit|kill) me\b)|\bwalk(?:ing)? on eggshells\b"
        r"[^.!?\n]{0,40}\b(?:so|or) (?:he|she|they) (?:doesn'?t|don'?t|won'?t) (?:explode|"
        r"snap|lose it|kick off|hit)"
        r"|\bso (?:he|she|they) (?:won'?t|doesn'?t|don'?t) (?:get angry|explode|kick off|lose "
        r"it|snap|hit me)\b|\b(?:my stomach drops|i freeze|i flinch|i start shaking|my heart "
        r"races) when i hear (?:his|her|their) (?:car|key|keys|voice|footsteps)\b"
        r"|\bwhen i hear (?:his|her|their) (?:car|key|keys|voice|footsteps)\b[^.!?\n]{0,30}"
        r"\b(?:my stomach drops|i freeze|i flinch|i start shaking|my heart races|i panic)\b",
    ),
    (
        "physical",
        _NOT + r"\b" + _WHO + r" (?:hit|hits|slapped|slaps|punched|punches|pushed|shoved|"
        r"choked|chokes|strangled|grabbed|kicked|kicks|beat|beats|hurt|hurts|bit|burned|"
        r"threw (?:something|a \w+|things|my \w+) at)(?: " + _ME + r"\b| me(?= |,|\.|$))"
        r"(?! (?:to|into) \w+ing\b)(?! to (?!the )\w+)",
    ),
    (
        "physical",
        r"\b" + _WHO + r" (?:grabbed|grabs|pulled|twisted|squeezed) my (?:wrist|arm|hair|neck|"
        r"throat|face)\b(?! (?:to|and) (?:stop|save|catch|steady|help|pull) me)(?! so i didn'?t "
        r"(?:fall|trip))|\b(?:blocked|blocks|stood in) the door(?:way)? so i (?:couldn'?t|"
        r"can'?t|could not) (?:leave|get out)\b",
    ),
    (
        "physical",
        r"\b(?:covered|cover|hid|hide|hiding|covering) (?:the|my) (?:bruises?|black eye|marks)\b"
        r"|\bbruises? (?:from where|where) (?:he|she|they) (?:grabbed|hit|held)\b",
    ),
    (
        "sexual_coercion",
        r"\b(?:makes|made|forces|forced|pressures|pressured|guilts|guilted|pressuring|forcing) "
        r"me (?:(?:in)?to )?(?:have sex|sleep with|do (?:sexual )?things|things in bed)\b"
        r"|\b(?:my|a wife's|a husband's) duty\b[^.!?\n]{0,40}\b(?:sulks?|until i give in|"
        r"sex|in bed)\b|\buntil i give in\b|\bi said no and (?:he|she|they) "
        r"(?:didn'?t|did not|wouldn'?t|would not) stop\b|\b(?:raped|rapes) me\b",
    ),
    (
        "financial",
        r"\b" + _WHO + r" (?:takes|took|keeps|kept|controls|controlled) (?:all )?(?:of )?my "
        r"(?:wages|pay|salary|money|bank card|cards?|paycheck|pension|benefits)\b|\b"
        + _WHO
        + r" (?:controls|controlled) (?:all )?(?:the|our) money\b|\b(?:gives|give|gave) me an "
        r"allowance\b|\bi (?:have|had) to ask (?:him|her|them) for (?:money|bus fare|cash)\b"
        r"|\b(?:took|takes|opened|opens|taken) out (?:a |another )?(?:credit card|loan|loans|"
        r"debt|contract) in my name\b|\b(?:keeps|kept|has|took) my (?:bank )?card\b[^.!?\n]{0,40}"
        r"\b(?:receipts?|every penny|ask)\b",
    ),
    (
        "humiliation",
        r"\b" + _WHO + r" (?:tells|told|decides|decided) (?:me )?what (?:i'?m allowed to |i can |"
        r"to )?(?:wear|eat)\b|\b" + _WHO + r" (?:calls|called) me (?:worthless|useless|"
        r"pathetic|disgusting|a whore|a slut|fat and ugly|nothing)\b"
        r"|\b" + _WHO + r" (?:mocks|mocked|laughs at|laughed at|makes fun of|made fun of|"
        r"humiliates|humiliated) (?:me|my (?:weight|body|looks|accent|face))\b[^.!?\n]{0,40}\b"
        r"(?:in front of|with (?:his|her|their) friends|at dinner|says i'?m too sensitive)\b"
        r"|\btells me (?:i'?m|im|i am) (?:stupid|useless|worthless|ugly|fat|pathetic|nothing)\b"
        r"|\bno one else would (?:want|put up with|have|love) me\b",
    ),
)

# The second way in: a sentence that names someone close (he, she, my husband, mum, ...),
# has the writer in it (I, me, my) and holds cues whose weights add up to 1. One cue is
# rarely enough; "scared" and "permission" together are. Weights are whole tenths.
_CLOSE = re.compile(
    r"\b(?:he|she|they|him|her|his|hers|them|husband|wife|partner|boyfriend|girlfriend|bf|gf|"
    r"fianc[eé]e?|spouse|ex|dad|father|mum|mom|mother|step-?dad|step-?mum|step-?mom|"
    r"stepfather|stepmother|in-?laws?)\b",
    re.IGNORECASE,
)
_WRITER = re.compile(r"\b(?:i|me|my|mine|myself|i'm|im|i've|i'd|i'll)\b", re.IGNORECASE)
_NOT_CLOSE = re.compile(
    r"\b(?:boss|manager|coach|teacher|professor|toddler|baby|puppy|kitten|cat|dog|landlord|"
    r"referee|in the (?:book|film|movie|show|game|novel|series)|character|villain)\b",
    re.IGNORECASE,
)
# Cue families from the signs of coercive control (isolation, monitoring, threats, fear,
# violence, sexual coercion, money, humiliation). A strong cue (1.0) is enough alone; the
# others add up. Written from those signs, then weighed on tests/analysis/data/coercion_dev*.
_STRONG, _MID, _WEAK = 1.0, 0.6, 0.4
_CUES: tuple[tuple[str, float, str], ...] = (
    # fear and keeping safe
    ("fear", _MID, r"\b(?:scared|afraid|terrified|frightened|petrified)\b"),
    (
        "fear",
        _STRONG,
        r"\b(?:walk(?:ing)? on eggshells|set(?:s)? (?:him|her|them) off|start "
        r"something|starts? on me|in one of (?:his|her) moods|what kind of night it'?s going to be|"
        r"(?:his|her) key in the door|my (?:whole )?body went cold|couldn'?t face going in|bag "
        r"packed|just in case\b[^.]{0,40}\b(?:passport|birth certificates)|fell down the stairs|"
        r"walked into a door|so (?:it|he|she) stops|so nothing sets)\b",
    ),
    (
        "fear",
        _MID,
        r"\b(?:flinch\w*|ballistic|lose it|loses it|explode\w*|kick(?:s)? off|blow(?:s)? "
        r"up|go(?:es)? off at me|one wrong word|started it|goes? (?:completely )?quiet the minute|"
        r"heart (?:races|pounds)|pretend(?:ed)? to be asleep|edge of the bed)\b",
    ),
    (
        "fear",
        _WEAK,
        r"\block(?:ed)? (?:the|my|our) (?:door|bedroom|room)\b|\bwhen (?:he|she) "
        r"(?:drinks|is drunk|gets home|comes home)\b",
    ),
    # isolation
    (
        "isolation",
        _STRONG,
        r"\b(?:won'?t let me|doesn'?t let me|never lets me|not allowed to|"
        r"isn'?t allowed|wasn'?t allowed|need (?:his|her|their) permission|ask(?:ing)? permission|"
        r"deleted my friends|cancel(?:led|ed)? my (?:counselling|therapy|doctor|appointments?)|"
        r"has my passport|have my passport|took my passport|takes the (?:wifi|router|car keys)|"
        r"takes my (?:car )?keys|told (?:all )?my friends i'?m)\b",
    ),
    (
        "isolation",
        _MID,
        r"\b(?:stopped seeing|haven'?t (?:seen|been to)|can'?t see|don'?t see) "
        r"(?:my )?\w+|\b(?:always a reason we can'?t|not worth the argument|bad influence|end up "
        r"(?:cancelling|leaving early)|(?:picks|picked) up my phone|made me quit|no outsiders|"
        r"goes silent for days|stuck here all day|can'?t talk to anyone)\b",
    ),
    # monitoring
    (
        "monitoring",
        _STRONG,
        r"\b(?:checks?|checked|reads?|read|goes through|went through|"
        r"logs? into|logged into|opens?|opened) (?:my|the) (?:phone|texts|messages|calls|call log|"
        r"emails?|email|journal|diary|post|mail|bank|insta|instagram|facebook|accounts?|search "
        r"history)\b|\b(?:app|tracker|spyware) on my (?:phone|car|laptop)\b|\bchanged the "
        r"password on my\b|\b(?:selfie|photo|picture) every\b|\bto prove (?:who|where)\b",
    ),
    (
        "monitoring",
        _MID,
        r"\b(?:counts the miles|mileage|times how long|know(?:s)? where i am|"
        r"location (?:has to )?stay on|text (?:him|her) when i|turned up outside|where the extra|"
        r"in case (?:he|she) looks|before i send it|questions every (?:payment|text|call))\b",
    ),
    # threats
    (
        "threats",
        _STRONG,
        r"\b(?:threaten\w*|no one (?:would|will) believe me|nobody (?:would|"
        r"will) believe me|you'?ll regret it|see what happens|accidents happen|get me deported|"
        r"unfit (?:mother|father|parent)|never see the kids|take the (?:kids|children|house)|"
        r"leave me with nothing|change the locks|deal with me|knows where my (?:parents|family|"
        r"sister|mum|mom) live|be waiting outside|send those photos|out me)\b",
    ),
    (
        "threats",
        _WEAK,
        r"\bif i (?:ever )?(?:leave|left|try to leave|end (?:it|things)|divorce|"
        r"don'?t|tell|go to|say no|so much as)\b|\bdon'?t bother coming back\b",
    ),
    # physical
    (
        "physical",
        _STRONG,
        r"\b(?:bruis\w+|black eye|hands? (?:on|round|around) my (?:neck|throat)|"
        r"scratched my|slapped me|shoved me|punched (?:me|the wall)|strangl\w+|held me down|"
        r"wouldn'?t let me (?:out|leave|go)|locked me (?:out|in)|made me get out of the car|"
        r"broke my (?:phone|glasses)|threw (?:my|a|the) \w+ at me|hits (?:me|my)|hit me)\b",
    ),
    (
        "physical",
        _WEAK,
        r"\b(?:long sleeves|told everyone (?:at work )?it was|stood in the "
        r"doorway)\b",
    ),
    # sexual coercion
    (
        "sexual_coercion",
        _STRONG,
        r"\b(?:did it anyway|go along with it|never agreed|without "
        r"(?:my )?(?:asking|consent|agreeing)|wouldn'?t take no|won'?t take no|won'?t wear "
        r"protection|filmed (?:us|me)|my duty as|sulks? (?:for days )?until i|until i give in|"
        r"wasn'?t in the mood and)\b",
    ),
    # money
    (
        "financial",
        _STRONG,
        r"\b(?:gives? me an allowance|hid(?:e|ing)? (?:a bit of |some |a "
        r"little |twenty quid )?(?:cash|money|notes)|in (?:his|her|their) name|in my name|"
        r"takes (?:all )?my (?:wages|pay|salary|money)|every penny|show (?:him|her) receipts|"
        r"ask (?:him|her) for money|debts? on my card|controls (?:all )?(?:the|our) money)\b",
    ),
    (
        "financial",
        _MID,
        r"\b(?:receipts?|my (?:bank )?card|my wages|my salary|student loan|"
        r"my own money|every payment|logs into my bank)\b",
    ),
    # humiliation
    (
        "humiliation",
        _STRONG,
        r"\b(?:calls? me (?:worthless|useless|pathetic|stupid|fat|ugly|"
        r"a disgrace|nothing)|weighs me|write apologies|tells me (?:i'?m|im) (?:stupid|useless|"
        r"worthless|ugly|fat|crazy|mad)|no one else would (?:want|have|love) me)\b",
    ),
    (
        "humiliation",
        _MID,
        r"\b(?:mocks?|mocked|mocking|imitates?|a disgrace|pathetic|decides "
        r"what i (?:eat|wear)|throws out (?:my|any) clothes|in front of (?:his|her) friends|"
        r"trying to attract)\b",
    ),
)

HARM_KINDS = tuple(dict.fromkeys(kind for kind, _ in _PATTERNS))


@dataclass(frozen=True, slots=True)
class HarmHit:
    """One sign of abuse or control: its kind and where it is in the text."""

    kind: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS)


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    return tuple((kind, weight, re.compile(cue, re.IGNORECASE)) for kind, weight, cue in _CUES)


_SENTENCE = re.compile(r"[^.!?\n]+")
# A denial just before a cue ("would never hit me", "doesn't check my phone") cancels it.
_DENIED = re.compile(
    r"\b(?:never|not|no longer|n't|doesn'?t|didn'?t|wouldn'?t|won'?t|don'?t|isn'?t|wasn'?t)"
    r"(?: \w+)? ?$",
    re.IGNORECASE,
)


def _cue_hits(text: str) -> list[HarmHit]:
    """In a text about the writer and someone close, sentences whose cues add up to 1."""
    found: list[HarmHit] = []
    if not (_CLOSE.search(text) and _WRITER.search(text)):
        return found
    for sentence in _SENTENCE.finditer(text):
        words = sentence.group(0)
        if _NOT_CLOSE.search(words):
            continue
        if _PLAY.search(words):
            continue
        matched = [
            (kind, weight)
            for kind, weight, cue in _cues()
            for m in cue.finditer(words)
            if not _DENIED.search(words, 0, m.start())
        ]
        if round(sum(weight for _, weight in matched), 2) >= 1.0:
            kind = max(matched, key=lambda pair: pair[1])[0]
            start = sentence.start() + len(words) - len(words.lstrip())
            end = sentence.end() - (len(words) - len(words.rstrip()))
            found.append(HarmHit(kind, start, end, text[start:end]))
    return found


# Play and hyperbole in the same sentence ("punched me in the arm when his team scored, we're
# both idiots"; "she'll kill me if I spoil the finale"): not a sign, except for kinds that
# are never play (sexual coercion, money taken).
_PLAY = re.compile(
    r"\b(?:lol|lmao|haha\w*|jk|joking|kidding|we laughed|laughed about|both idiots|finale|"
    r"spoil\w*|episode|spoilers?|the ending|team scored|pillow fight|tickl\w+|play ?fight\w*|"
    r"board game|video game|in that (?:shirt|dress|top|outfit)|prank\w*|on the swings?|like we "
    r"were \d+|bjj|jiu.?jitsu|judo|sparring|training|in (?:the )?class|saved (?:me|my)|when i "
    r"(?:slipped|tripped|fell|stumbled)|(?:cyclist|car|bus|lorry|traffic) (?:came|was coming)|"
    r"(?:going to|gonna|will|'ll) (?:kill|strangle|murder) me (?:when|if)|threatened to "
    r"(?:eat|finish|watch|steal|spoil|drink) my|for the time|(?:his|hers|theirs) (?:died|was "
    r"dead)|let me pay|such a (?:gentleman|sweetheart))\b",
    re.IGNORECASE,
)
_NEVER_PLAY = frozenset({"sexual_coercion", "financial"})


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i != -1]
    return text[left + 1 : min(rights) if rights else len(text)]


def find_harm(text: str) -> tuple[HarmHit, ...]:
    """Every sign of abuse or coercive control in ``text``, in order of where it starts."""
    folded = text.replace("\u2019", "'")
    hits = [
        HarmHit(kind, m.start(), m.end(), text[m.start() : m.end()])
        for kind, pattern in _compiled()
        for m in pattern.finditer(folded)
        if kind in _NEVER_PLAY or not _PLAY.search(_sentence(folded, m.start(), m.end()))
    ]
    if not hits:
        hits = _cue_hits(folded)
    hits.sort(key=lambda h: (h.start, h.end))
    return tuple(hits)
