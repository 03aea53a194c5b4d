"""What makes a match no sign: play and hyperbole, the writer's own wish or a fair deal, a
boss or a story, something asked for or done out of care, a denial just before."""

from __future__ import annotations

import re

from reconnect.analysis.harm.words import ANOTHERS, PERSON

# The writer asked for it: "because I asked him to", "I asked her to hide my phone". Not a
# plea to stop ("I asked him to stop and he hit me harder", "he grabbed my wrist when I asked
# him to let go"), which before round five silenced the whole sentence.
ASKED = (
    r"\bbecause i (?:asked|begged|told) (?:him|her|them)\b(?! to (?:stop|leave|not|quit|back off|"
    r"give me|go|calm|get off|let go|let me|wait|listen|lower|put|move|be quiet)\b)"
    r"|\bi (?:asked|begged) (?:him|her|them) to(?=\s*(?:[.!?,;]|$))"
    r"|\bi (?:asked|begged) (?:him|her|them) to (?:hide|hid|check|keep|take|hold|track|look at|"
    r"lock|change|read|go through|manage|look after|mind|stop me)\b|\bat my request\b"
)

# The indirect patterns above are quieter still: not when the sentence says it was the
# writer's own wish or a fair deal, nor when it is about a boss, a teacher, a pet or a story.
CHOSEN = re.compile(
    ASKED + r"|\b(?:my (?:own )?idea|my choice|i chose|i signed up|we (?:both )?"
    r"agreed|(?:and|but) i (?:have|see|check|read) (?:his|hers|theirs)|fair enough(?!,? "
    r"(?:he|she|they) (?:says|said|claims))|(?:which|it)(?: i|'s| is) "
    r"(?:sweet|fair|fine|nice|lovely)|bless (?:him|her)|i (?:do|did) the same|both ways|we swap|"
    r"rota|in the (?:book|film|movie|show|game|novel|series|story)|novel|character|"
    r"villain|storyline|audiobook|thriller|typical little (?:brother|sister)|(?:his|her|their) "
    r"(?:birthday|christmas|anniversary) (?:present|gift|surprise)|surprise (?:party|for "
    r"(?:him|her|them)))\b"
)


# Someone who is not close, who may be the "he" or "she" of an indirect pattern ("she checks
# where I am every hour, she's my manager"). Not when the match itself names a partner: "my
# husband calls my colleague to check where I am" is about him.
ROLE = re.compile(
    r"\b(?:boss|manager|coach|teacher|professor|landlord|referee|the ref|supervisor|trainer|"
    r"toddler|flatmate|roommate|housemate|colleague|coworker|director|kitten|puppy)\b"
)
PARTNER_FIRST = re.compile(
    r"(?:my|our) (?:husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?|spouse|ex|bf|gf)\b"
)
# Distress or refusal beside it: play, care or a wish does not hold ("he tickles me until I
# cry even when I scream at him to stop", "he makes me text him when I get home safe, and if
# I forget he screams at me", "he locks me in, my flatmate moved out so no one knows").
REFUSED = re.compile(
    r"\b(?:(?<!laugh )(?<!laughs )(?<!laughed )(?<!laughing )until i (?:cried|cry|sobbed|couldn'?t "
    r"breathe|can'?t breathe|screamed|passed out|begged|"
    r"was sick|threw up)\b(?! laughing| with laughter| from laughing)|even (?:when|after|though|"
    r"if) i (?:scream|screamed|beg|begged|ask|asked|tell|told|cry|cried|say|said) (?:no|stop|him|"
    r"her|them|at)\b|i (?:begged|pleaded with|screamed at) (?:him|her|them) to stop\b|(?:no one|"
    r"nobody) knows\b|if i (?:forget|don'?t|miss|am late|'m late)\b[^.!?\n]{0,30}\b(?:he|she|they) "
    r"(?:screams?|shouts?|yells?|goes mad|hits?|loses it|kicks off|punish\w*)|(?:second|third|"
    r"fourth|fifth|\d+(?:st|nd|rd|th)) time (?:this|that) (?:week|month)\b"
    # a choice made under a threat: "we agreed, but only because he screams if I don't"
    r"|\bonly because (?:he|she|they)\b|\b(?:he|she|they)(?:'d|'ll| would| will)? (?:\w+ ){0,4}?"
    r"(?:otherwise|or else)\b|\b(?:screams?|shouts?|hits?|goes mad|kicks off|leaves?) if i "
    r"(?:don'?t|didn'?t|won'?t|say no)\b)"
)


# Play and hyperbole in the same sentence ("punched me in the arm when his team scored, we're
# both idiots"; "she'll kill me if I spoil the finale"): not a sign, except for kinds that
# are never play (sexual coercion, money taken).
PLAY = re.compile(
    r"\b(?:lol|lmao|haha\w*|jk|joking|kidding|we (?:both )?laughed|both idiots|monopoly|chess|"
    r"scrabble|poker|mario ?kart|fifa|finale|laugh(?:s|ed|ing)? until i (?:cry|cried)|"
    r"spoil\w*|(?:watch\w*|binge\w*|finish\w*|latest|new|next|last|this|that|the) "
    r"episode|episodes? of|spoilers?|the ending|team scored|pillow fight|tickl\w+|play ?fight\w*|"
    # a score: "He beat me 10-4", "beat us 21 to 3"
    r"beat (?:me|us)(?: again)? \d{1,3} ?(?:-|–|to) ?\d{1,3}|"
    # a threat made in play: "Mock-threatened him with a wooden spoon", "threatened to sing
    # Dancing Queen at my funeral"
    r"mock.?threat\w*|fake.?threat\w*|threaten\w* to (?:sing|serenade|dance|karaoke|hum)|"
    r"board game|video game|play(?:ing)? a game|in that (?:shirt|dress|top|outfit)|prank\w*|"
    r"on the swings?|like we "
    r"were \d+|bjj|jiu.?jitsu|judo|sparring|(?:at|in|during) (?:\w+ )?training|in (?:the )?class|"
    r"saved (?:me|my)|when i "
    r"(?:slipped|tripped|fell|stumbled)|(?:cyclist|car|bus|lorry|traffic) (?:came|was coming)|"
    r"(?:going to|gonna|will|'ll) (?:kill|strangle|murder) me (?:when|if)(?! i (?:ever )?(?:leave|"
    r"left|go|tell|told|call|report|take|talk to|see|divorce|break up|end it|try))|threatened to "
    r"(?:eat|finish|watch|steal|spoil|drink) my|for the time|(?:his|hers|theirs) (?:died|was "
    r"dead)|let me pay|such a (?:gentleman|sweetheart)|with (?:a |the |his |her )?(?:pillows?|"
    r"cushions?|snowballs?|nerf|foam|pool noodles?|lightsabers?|water balloons?)|(?<!')by "
    r"accident(?!')|(?:ate|eat|eating|finished|finish) (?:the|his|her|their) (?:last|leftovers)|"
    r"last (?:cookie|biscuit|slice|piece of)|threatening (?:gifs?|memes?|emojis?|stickers?)|threw "
    r"me (?:in|into) the (?:pool|sea|lake|river|snow))\b",
    re.IGNORECASE,
)
NEVER_PLAY = frozenset({"sexual_coercion", "financial"})
# The one who did it calling it a joke or an accident is no play: "pushed me down the stairs
# and said he was only joking", "he says he broke my wrist by accident".
MINIMISED = re.compile(
    r"(?:\b(?:he|she|they)(?:'d)? |(?<!\bi )(?<!\bwe )\b)(?:said|says|say|claimed|claims|told me|"
    r"tells me|insists?|insisted|swears?|swore)\b[^.!?\n]{0,40}\b(?:joking|kidding|a joke|an "
    r"accident|by accident|playing|messing about|messing around|banter)\b|\b(?:joking|kidding|a "
    r"joke|an accident|by accident),? (?:he|she|they) (?:says|said|claims|claimed|insists|"
    r"insisted|swears|swore)\b"
)


def played(sentence: str) -> bool:
    """Whether ``sentence`` (folded) is play or hyperbole: a word of it outside what the one
    doing it said to make light of it ("said he was only joking" alone is no play; "said he
    was only joking, we both laughed" is)."""
    if PLAY.search(sentence) is None:
        return False
    return PLAY.search(MINIMISED.sub(lambda m: " " * len(m.group()), sentence)) is not None


# Something asked for or done out of care ("because I asked her to find the photo", "wouldn't
# let me drive after the wine... good call"): a veto for every pattern.
CARE = re.compile(
    ASKED + r"|\b(?:good call|to help me (?:answer|reply|write|sort|fill|find|fix|understand|with)|"
    r"since my \w+ (?:surgery|operation)|after (?:the|a|my)(?: \w+)? "
    r"(?:surgery|operation)|"
    r"fusspot|bless (?:him|her)|policy|(?:got|get|getting|made it) home safe(?:ly)?|"
    r"surprising (?:him|her|them)|so (?:he|she|they) (?:can|could) (?:see|know) (?:that )?(?:i "
    r"was|i'?m|i am|i got|i made it) (?:safe|ok|okay|home|back)|(?:meant to|supposed to|so i can|"
    r"so we can) (?:pay|split|chip in)|told (?:him|her|them|my \w+) (?:he|she|they) (?:can|could|"
    r"may)|(?:because|as|since) i'?m trying to (?:stop|quit|cut down|stay off|save)"
    # doing the writer's hair: "grabbed my hair and tied it up for the photos"
    r"|(?:tied|plaited|braided|brushed|pinned|put) (?:it|my hair) (?:up|back|in a)\b)\b"
)
# Drink as the reason for keys or a phone kept from the writer ("took my car keys after the
# wine"): care for what is done to the writer's things and movements, never
# for violence, threats, fear or sex, which come after drink as often as not ("he hits me
# when he's had a few drinks").
AFTER_DRINK = re.compile(
    r"\b(?:after (?:the|a|my|all the)(?: \w+)? (?:wine|drinks?|beers?)|had "
    r"(?:\w+ ){0,2}(?:pints|drinks|beers|glasses of wine)|over the limit)\b"
)
# "Fair enough" is a fair deal for money or phones; beside violence it is the writer blaming
# themselves ("he only hits me when I deserve it, which is fair enough I guess").
FAIR = re.compile(r"\bfair enough\b|\b(?:which|it)(?: i|'s| is) (?:fair|fine)\b")
VIOLENT = frozenset({"physical", "threats", "fear", "sexual_coercion"})


# A plain reason or a rescue beside what would otherwise read as control: "turned up at my
# house to drop off the kids", "grabbed my arm to stop me stepping into traffic". The
# sentence reader (``harm_model.py``) is not read where one appears; the patterns carry
# their own.
ERRAND_OR_RESCUE = re.compile(
    r"\bto (?:drop|pick|collect|return|bring|fetch)\b[^.!?\n]{0,20}\b(?:kids|children|boys|girls|"
    r"son|daughter|dog|stuff|things|keys|post|parcel)\b|\bto stop me (?:from )?\w+ing (?:into|in|"
    r"off|out|under|over)\b|\bout of the way of\b|\bsaved my life\b"
)


# A denial around the match that the words just before it do not show: "it's not that he
# reads my messages, he doesn't, ever". Only a bare "he doesn't" closing a clause: "he checks
# my phone, he doesn't trust me" goes on past the denial and is no denial at all.
DENIED_AROUND = re.compile(
    r"\bnot that (?:he|she|they)\b(?![^.!?\n]{0,50}\bbut\b)|, (?:he|she|they) (?:doesn'?t|does "
    r"not|didn'?t|did not|never (?:has|did|does))(?:,? ever| at all)?(?=\s*(?:[,.!?;]|$))"
)


def allowed(kind: str, indirect: bool, sentence: str, match: str = "") -> bool:
    """Whether a match of ``kind`` in ``sentence`` counts (``indirect``: an indirect pattern's;
    ``match``: the matched words, as folded)."""
    if DENIED_AROUND.search(sentence):
        return False
    if REFUSED.search(sentence):
        return True
    if kind not in NEVER_PLAY and played(sentence):
        return False
    if CARE.search(sentence):
        return False
    if kind not in VIOLENT and (AFTER_DRINK.search(sentence) or FAIR.search(sentence)):
        return False
    if not indirect:
        return True
    if kind in VIOLENT:  # a fair deal is no excuse for violence (``FAIR``)
        sentence = FAIR.sub(lambda m: " " * len(m.group()), sentence)
    return not CHOSEN.search(sentence) and (
        PARTNER_FIRST.match(match) is not None or not ROLE.search(sentence)
    )


# A refusal respected: "told him I wasn't in the mood and he stopped straight away".
RESPECTED = re.compile(
    r"\b(?:he|she|they) (?:stopped|backed off|respected (?:it|that|me))(?: (?:straight|right) "
    r"away| immediately| at once| no questions asked)?(?= ?(?:[,.;!?]|$| and\b| when\b))"
)


def excused(sentence: str) -> bool:
    """Whether ``sentence`` (folded) is play, care, the writer's wish or about someone not
    close, with no distress or refusal beside it: for the cues and the learned layers, which
    have no one match to go by."""
    if REFUSED.search(sentence):
        return False
    return bool(
        played(sentence)
        or CHOSEN.search(sentence)
        or ROLE.search(sentence)
        or CARE.search(sentence)
        or RESPECTED.search(sentence)
    )


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``."""
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i != -1]
    return text[left + 1 : min(rights) if rights else len(text)]


# A denial just before a cue ("would never hit me", "doesn't check my phone") cancels it.
DENIED = re.compile(
    r"\b(?:never|not|no longer|n't|doesn'?t|didn'?t|wouldn'?t|won'?t|don'?t|isn'?t|wasn'?t)"
    r"(?: \w+)? ?$",
    re.IGNORECASE,
)


# What follows a cue and makes its object another person's, not the writer's ("every penny |
# my mum earned", ``words.ANOTHERS``); before this, "my dad used to control every penny my mum
# earned" read as the writer's money taken. Not for the patterns: they name the writer's own
# ("my phone", "me") and a clause after them does not change whose it is ("told the nurse I
# walked into my sister's door"); tried after every pattern too, it cost one statement of the
# held-out fresh3 (60 to 59 found, counts only), so it stays with the cues. With
# ``harm_model._ANOTHERS_OWN`` and the lookahead in ``direct``, 7 sentences of
# tests/analysis/test_harm_others.py go quiet; no statement or look-alike of the coercion sets,
# the handwritten training sets or the GoEmotions sample changed.
_ANOTHERS_CLAUSE = re.compile(ANOTHERS)
_ANOTHERS_AFTER_MY = re.compile(r" " + PERSON + r"'s\b")
# A match ending in the writer ("hit me", "hit me,") is no object a clause could run on from:
# "he hit me my mum saw" has a new clause, not her things.
_ENDS_IN = re.compile(r"\b(?:me|myself|i|my)$")


def anothers(text: str, end: int) -> bool:
    """Whether what follows a cue ending at ``end`` makes its object another person's: a
    clause of theirs ("every penny | my mum earned"), or their name after a "my" that ends
    the cue ("scratched my | brother's car")."""
    if _ENDS_IN.search(text, max(0, end - 8), end) is None:
        return _ANOTHERS_CLAUSE.match(text, end) is not None
    return text.endswith("my", 0, end) and _ANOTHERS_AFTER_MY.match(text, end) is not None
