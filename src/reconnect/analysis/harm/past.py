"""Harm the writer describes as over: said in a past frame, said to be over, and nothing in
the entry saying it goes on ("My ex used to check my phone. That was years ago and I'm safe
now"). Such a sentence is no sign: pausing a couple's check-ins for it helps no one."""

from __future__ import annotations

import re

# A frame where the one doing it is out of reach now: an ex, or the writer's childhood.
GONE = (
    r"my ex\b|ex-?(?:husband|wife|partner|boyfriend|girlfriend|bf|gf)\b|my (?:first|former|"
    r"previous|old|late) (?:husband|wife|partner|boyfriend|girlfriend|marriage|relationship|dad|"
    r"father|mum|mom|mother|stepdad|stepfather)\b|when i was (?:a |\w+ )?(?:kid|child|little|"
    r"small|young|younger|teen\w*|girl|boy|\d+)\b|when i was (?:at|in) (?:school|primary|"
    r"secondary|high school|college|uni|my teens)\b|as a (?:kid|child|teen\w*|little (?:girl|"
    r"boy))\b|growing up\b|(?:in )?my (?:childhood|teens)\b|when (?:i was with (?:him|her|them)|"
    r"we were (?:together|married))\b"
)
OUT_OF_REACH = re.compile(r"\b(?:" + GONE + r")")
# A clearly past frame: GONE, "used to", "years ago", a past year. Needed in the sentence of
# the match, or in the next one when it points back at it ("My dad hit me a lot. That was
# when I was a kid"). Alone it vetoes nothing: "my ex checks my phone" is a sign.
PAST = re.compile(
    r"\b(?:"
    + GONE
    + r"|(?<!'m )(?<!am )(?<!get )(?<!got )used to\b|(?:years|decades|a long time|long|ages) "
    r"ago\b|back then\b|(?:in|back in|until|till|from|during|around) (?:19[5-9]\d|20[0-2]\d)\b)"
)
# A partner of now ("my husband", not "my ex-husband" or "my first husband") is still in
# reach: a sentence naming one is never set aside, whatever else the entry says.
PARTNER_NOW = re.compile(r"\bmy (?:husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?|bf|gf)\b")
# "We're close now", "we worked through it": with a parent of the writer's childhood, or an
# ex, it is over; with anyone else (a "he" who "used to" hit the writer) it says the two are
# still together, so the veto needs GONE in the window too.
TOGETHER = re.compile(
    r"\b(?:we'?re (?:really |actually )?(?:close|good|fine|ok|okay|friends|on good terms) now|we "
    r"get on (?:\w+ )?now|we(?:'ve| have)? (?:worked|got|gotten|come) through)\b"
)
# Where the next sentence points back at the match ("That was years ago"), its past frame
# counts; a sentence before one like that is not what it points at.
POINTS_BACK = re.compile(
    r"\s*(?:but |and |honestly |though )?(?:that|this|it|all (?:of )?(?:that|this))(?: all)? "
    r"(?:was|were|happened|ended|stopped)\b"
)
# The writer says it is over or they are safe now, in the match's sentence or one either side.
# With PAST and GOES_ON, the 17 past-and-over entries of tests/analysis/test_harm_past.py go
# quiet and its 24 entries that go on are still found; on the coercion sets (dev to fresh,
# fresh2 and fresh3 by count only), the handwritten training statements and the GoEmotions
# sample nothing stopped or started firing (one look-alike, in fresh, has a past frame and a
# word of it being over, and it fired on nothing before).
OVER = re.compile(
    r"\b(?:(?:i'?m|i am|i feel|i'?ve felt|i have felt) (?:(?:finally|totally|completely|really|"
    r"so much|much|perfectly) )?safe\b(?! for now)(?: now| these days)?(?: ever since)?|i "
    r"(?:finally )?(?:left|divorced|escaped(?: from)?|got away from|walked away from|cut off) "
    r"(?:him|her|them|my ex|home|that (?:house|marriage|relationship))\b|i (?:finally )?got "
    r"out\b|(?:that|it|this|all (?:of )?(?:that|this))(?: all)? (?:was|happened|ended|stopped) "
    r"(?:\w+ ){0,2}?(?:years|decades|a long time|ages|so long|long) ago\b|we'?re (?:really "
    r"|actually )?(?:close|good|fine|ok|okay|friends|on good terms) now\b|we get on (?:\w+ )?now\b|"
    r"(?:worked|working|got|gotten|come) through (?:it|that|this|a lot of (?:it|that)|most of "
    r"(?:it|that)|all of (?:it|that)|the trauma)\b|(?:made|make) peace with (?:it|that|him|her|"
    r"them)\b|(?:healed|moved on) from\b|i'?ve (?:healed|moved on)\b|no contact (?:since|for|in)\b|"
    r"(?:we|i) (?:haven'?t|have not|hadn'?t) (?:seen|spoken to|spoken|heard from|talked to|"
    r"talked)(?: (?:him|her|them|each other|my ex))? (?:since|for|in)\b|(?:he|she)(?:'s| is| "
    r"has)(?: been)? (?:dead|in prison)\b|(?:he|she) (?:died|passed away)\b|(?:it'?s|that'?s|it "
    r"is|that is) (?:all )?(?:behind me|over now|in the past)\b)"
)
# A day near the time of writing, beside the one who did it ("today he...", "he rang last
# night"); "therapy today" alone is the writer's day, not his.
_RECENT = (
    r"(?:today|tonight|last night|yesterday|last (?:week|weekend|month)|this (?:morning|week|"
    r"weekend|evening))"
)
_THEM = r"(?:he|she|they|my ex)"
# Anything saying it goes on cancels the veto, anywhere in the entry (read with the OVER
# statements blanked, so "no contact since" or "safe ever since" are not read as "since"):
# still, again, except, "but he...", now he..., since, keeps, every time, fear now or of what
# comes, something he does in the present tense or has done since ("he's got my new
# number"), a recent day beside him. Generous on purpose: a word of it read wrongly only
# leaves the sentence found, as it was before this veto. "Still" about the writer's own
# feelings since ("strange still being angry at someone who can't do anything anymore", "I
# still don't think it was right") says nothing of the harm going on.
GOES_ON = re.compile(
    r"\b(?:still(?! (?:being |feeling |feel |get |getting |am |so )?(?:angry|mad|upset|sad|bitter|"
    r"grieving)\b)(?! (?:don'?t|do not) (?:think|believe|understand|know why)\b)|again|except|"
    r"now (?:he|she|they|my|just)|but (?:then |now |recently |last \w+ )?"
    r"(?:he|she|they|my ex|my (?:husband|wife|partner|boyfriend|girlfriend))|until "
    + _THEM
    + r"|these days|lately|recently|nowadays|at the moment|currently|to this day|since|"
    r"(?<!\bi )keeps?|keeping|every time|whenever|each time|won'?t (?:stop|leave me)|hasn'?t "
    r"stopped|never stopped|not over|(?:not|n't) (?:feel )?safe|unsafe|"
    + _RECENT
    + r"\b[^.!?\n]{0,30}\b"
    + _THEM
    + r"|"
    + _THEM
    + r"\b[^.!?\n]{0,40}\b"
    + _RECENT
    + r"|(?:i'?m|i am|i feel|still) (?:so |really |still )?(?:scared|afraid|terrified|frightened|"
    r"worried)|(?:scared|afraid|terrified|frightened|worried) (?:that )?"
    + _THEM
    + r"|"
    + _THEM
    + r"(?:'ll| will| might| could|'s going to| is going to| are going to)|(?:he|she|they)(?:'s|"
    r"'ve| has| have) (?:\w+ )?(?:been|started|begun|got|gotten|found|sent|come back|turned up|"
    r"shown up|moved|tracked)|(?:he|she|they)(?:'s|'re| is| are) \w+ing|(?:he|she|my ex|(?:my )?"
    r"(?:husband|wife|partner|boyfriend|girlfriend|dad|father|mum|mom|mother|stepdad|stepmum|"
    r"stepmom))(?: (?:\w+ly|always|also|even|just|never|often|sometimes))? (?!was\b|has\b|is\b|"
    r"does\b|always\b|sometimes\b)[a-z]+s)\b"
)
# Doubt about being safe ("I'm not sure I'm safe now", "I hope I'm safe", "safe, I think"):
# read on the entry as written, since GOES_ON reads it with "I'm safe now" blanked.
DOUBT = re.compile(
    r"\b(?:not sure|unsure|hope|hoping|hopefully|wonder\w*|whether|if|don'?t know|can'?t tell|"
    r"pretend\w*|tell(?:ing)? myself|thought|supposed to)\b(?: \w+){0,3}? (?:i'?m|i am|i feel|"
    r"i'?ll be) (?:\w+ )?safe\b|\bsafe\b(?: now)?,? i (?:think|hope|guess|suppose)\b|\bam i "
    r"(?:\w+ )?safe\b"
)
# Something the one who did it did after the writer said it was over, told in a later
# sentence with no past frame of its own ("I left him years ago. He turned up at my work on
# Friday"): it came back, so the veto does not hold.
LATER = re.compile(
    r"\b(?:he|she|they|my ex)\b(?: \w+){0,2}? (?!used\b)(?:\w+ed|came|found|sent|took|broke|"
    r"hit|got|went|saw|rang|told|said|made|threw|left|wrote|showed up|turned up)\b"
)
SENTENCE = re.compile(r"[^.!?\n]+")


def _goes_on(folded: str, parts: list[tuple[int, int]]) -> bool:
    """Whether the entry says the harm goes on: a word of it anywhere (with the statements
    that it is over blanked), or something done again after the last of those statements."""
    if DOUBT.search(folded) or GOES_ON.search(OVER.sub(lambda m: " " * len(m.group()), folded)):
        return True
    last = max((i for i, (a, b) in enumerate(parts) if OVER.search(folded, a, b)), default=-1)
    return any(
        LATER.search(folded, a, b) and not PAST.search(folded, a, b) for a, b in parts[last + 1 :]
    )


def over_and_done(folded: str) -> list[tuple[int, int]]:
    """The sentences of ``folded`` (lower case) that describe harm as past and over.

    A sentence counts when it, or the next one pointing back at it, has a past frame; when
    it or a neighbour says it is over or the writer is safe now; when it names no partner of
    now; and when nothing in the whole entry says it goes on.

    >>> text = "my ex used to check my phone. that was years ago and i'm safe now."
    >>> [text[a:b] for a, b in over_and_done(text)][0]
    'my ex used to check my phone'
    >>> over_and_done("he used to hit me, now he just shouts. i'm safe now.")
    []
    """
    if not PAST.search(folded) or not OVER.search(folded):
        return []
    parts = [(m.start(), m.end()) for m in SENTENCE.finditer(folded)]
    if _goes_on(folded, parts):
        return []
    found = []
    for i, (start, end) in enumerate(parts):
        near = [folded[a:b] for a, b in parts[max(0, i - 1) : i + 2]]
        after = folded[slice(*parts[i + 1])] if i + 1 < len(parts) else ""
        past = PAST.search(folded[start:end]) or (POINTS_BACK.match(after) and PAST.search(after))
        window = " ".join(near)
        if (
            past
            and any(OVER.search(sentence) for sentence in near)
            and not PARTNER_NOW.search(folded, start, end)
            and (OUT_OF_REACH.search(window) or not TOGETHER.search(window))
        ):
            found.append((start, end))
    return found


def within(spans: list[tuple[int, int]], start: int) -> bool:
    """Whether ``start`` falls inside one of ``spans``."""
    return any(a <= start < b for a, b in spans)
