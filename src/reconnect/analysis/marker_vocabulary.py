"""The second signal a learned marker guess needs when no rule phrase stands behind it.

A static embedding reads topic as readily as state: on real comments it has taken "My heart
just melted." for numbness and a quarrel about "reading comprehension" for suppression. So a
head that fires alone counts only where the text also uses a word of the marker's own
vocabulary: the words people reach for when they describe that state (after the seeds'
descriptions of each sign, ``../shared/seeds``). The lists are broad on purpose; they are a
second signal, not a rule, and never flag anything by themselves.

Markers without a list here (hopelessness, reconnection, intimacy_fear) need no second
signal: on real comments their heads' guesses alone were either right or had the words any
list would hold. Chosen on GoEmotions' train comments read out of fold
(``training/oof_markers.py``) and the journal-style sets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.analysis.precompiled import compiled

if TYPE_CHECKING:
    import re

__all__ = ["VOCABULARY", "has_vocabulary"]

_FEEL = r"feel\w*|felt"

# A marker's words: one alternation, or several that must all be found.
_WORDS: dict[str, str | tuple[str, ...]] = {
    # A feeling and, beside it, its absence. "Your feelings have nothing at all to do with the
    # question" (0.52) and "I feel exactly the same way you do. I'm tired" (0.69), GoEmotions
    # train comments read out of fold, had a word of a one-list vocabulary and neither sense.
    "numbness": (
        r"feel|feels|feeling|felt|numb\w*|empty|emptiness|hollow|flat|blank|void|dead|deaden\w*|cold|"
        r"ice|stone|tears?|cry|cries|cried|crying|dry|muted|switched off|grey|gray|beige|"
        r"colou?rless|react\w*|care|cared|caring|move[ds]?|touch(?:ed|es)?|reach(?:ed|es)?|"
        r"shrug\w*|robot\w*|zombie",
        r"numb\w*|empty|emptiness|hollow|flat|blank|void|dead|deaden\w*|cold|ice|stone|dry|"
        r"muted|switched off|grey|gray|beige|colou?rless|shrug\w*|nothingness|robot\w*|zombie|"
        r"cardboard|nothing|not|no|never|without|can't|cannot|couldn't|don't|doesn't|didn't|won't|"
        r"wasn't|isn't",
    ),
    "disconnection": (
        _FEEL + r"|unreal|real|dream\w*|fog\w*|haz[ey]\w*|glass|screen|movie|film|video|"
        r"watch\w*|outside|body|distant|far away|detach\w*|disconnect\w*|strange|floating|"
        r"someone else|not me|behind|bubble|wall|muffled|extras?|npc|observ\w*|spectator|"
        r"present|there|here|myself|away|underwater|autopilot|ghost"
    ),
    "suppression": (
        r"fine|ok|okay|alright|all right|good|smil\w*|brave|face|mask\w*|hid|hide|hiding|"
        r"pretend\w*|tell|told|say|said|admit\w*|cry|cried|crying|tears?|swallow\w*|"
        r"bottl\w*|push\w* (?:it|them|down)|kept|keep\w*|inside|lid|nobody knows|no one knows|"
        r"show\w*|strong|together|laugh\w*|jok\w*|cheerful|act\w*|front|bury|buried|shower|"
        r"locked|quiet|nod\w*|sorry|nothing"
    ),
    "autopilot": (
        r"auto-?pilot|motions|routine\w*|loop\w*|repeat\w*|same|blur\w*|blend\w*|robot\w*|"
        r"machine\w*|mechanical\w*|sleepwalk\w*|zombie|checklist|habit\w*|remember\w*|"
        r"exist\w*|drift\w*|clock\w*|boxes|grind\w*|hamster|groundhog|on repeat|default|"
        r"numb\w*|absent|present|blank|autopilot|through it|a daze|daze\w*|gone|passed|"
        r"wake|woke|work|commute|desk|bed|sleep\w*"
    ),
    # A pleasure or pastime and, beside it, its loss: "used to" alone is a past, not a loss
    # ("I used to love watching that show", "Happy holidays used to refer to both").
    "anhedonia": (
        r"enjoy\w*|joy\w*|fun|interest\w*|pleasure\w*|care|caring|bother\w*|used to|tast\w*|"
        r"flat|spark\w*|buzz|excit\w*|look(?:ed|ing)? forward|lov(?:e|ed|ing)|lik(?:e|ed|ing)|"
        r"favou?rite|hobb(?:y|ies)|music|food|appetite|bland|dull|grey|gray|meh|happy|happiness|"
        r"drive|motivat\w*|passion\w*|escape|relax\w*|live for",
        r"now|anymore|any more|no longer|nothing|lost|los(?:e|ing)|stopped|gave up|given up|"
        r"bor(?:ed|ing)|can't|cannot|couldn't|don't|doesn't|didn't|haven't|hasn't|won't|"
        r"not even|without|empty|chore|effort|pointless|numb\w*",
    ),
    "healthy_boundary": (
        r"said no|say no|boundar\w*|need\w*|space|rest|recharge\w*|time (?:for|to) myself|"
        r"myself|limit\w*|ask\w*|told|tell|say|said|explain\w*|decid\w*|chose|choose|"
        r"okay|ok|enough|respect\w*|leave|left|early|break|pause|quiet|alone|later|tomorrow"
    ),
    # Since 3.4: the ways people write of steering round something. Out of fold on GoEmotions'
    # train comments the avoidance head alone flagged four comments, none right ("He wants to
    # speak to the manager", "I should call him up so we can talk about our mutual problems");
    # none of them has one of these words, and each right guess alone in the journal sets has.
    "avoidance": (
        r"avoid\w*|dodg\w*|excuses?|subject|put(?:ting)? (?:it )?off|unopened|sealed|unread|"
        r"on read|ignor\w*|silent|silence|voicemail|long way|(?:wouldn't|won't|didn't|don't|"
        r"do not|did not) have to|so (?:i|he|she|they|we) (?:won't|wouldn't|don't|didn't|can't|"
        r"couldn't)|pretend\w*|busy|slammed|early|screen\w*|whenever|every time|the second|"
        r"door|instead|kettle|mention\w*|near|haven't (?:opened|read|answered|replied|called|"
        r"rung)|still haven't|steer\w*|swerv\w*|hid|hide|hiding|escape\w*|excus\w*|later"
    ),
    # Since 3.4: the weight of others' needs. Out of fold on GoEmotions' train comments the
    # burdened head alone flagged three comments, none right ("Everyone is a little toxic
    # inside ... It's a vicious cycle."); none has one of these words, and each right guess
    # alone in the journal sets has.
    "burdened": (
        r"wip(?:ed|es) (?:me )?out|exhaust\w*|drain\w*|tired|tiring|chores?|weight|heavy|"
        r"carry\w*|effort|keep(?:ing)? up|needs?|needing|needy|holding|hold (?:everyone|it all)|"
        r"brace|debt|owe\w*|paying off|job|shift|duty|duties|obligat\w*|nothing left|no break|"
        r"lap|race|flatten\w*|wince|dread\w*|burden\w*|demand\w*|leaves? (?:me|her|him|us)|"
        r"left (?:me|her|him|us)|too much|sucks? (?:the|me|everything)|suffocat\w*|smother\w*|"
        r"on call|always there|running on|fumes|empty"
    ),
    # Since 3.4: indifference to someone's feelings. Out of fold on GoEmotions' train comments
    # the low_empathy head alone flagged two comments, neither right ("I told their kid that
    # it was okay to be upset"); neither has one of these words, and each right guess alone
    # in the journal sets has.
    "low_empathy": (
        r"care|cared|caring|matters?|mattered|shrug\w*|annoy\w*|irritat\w*|bored|boring|"
        r"whatever|overreact\w*|dinner|tea|phone|scroll\w*|nod\w*|guilt\w*|didn't (?:even )?"
        r"ask|went (?:back|to bed)|late|nothing|so what|roll\w*|and\?|cold|numb|indifferen\w*|"
        r"sympath\w*|empath\w*|compassion|couldn't bring myself|can't make myself|telly|"
        r"listen\w*|hear (?:her|him|them)|inconvenien\w*|bother\w*|impatien\w*"
    ),
    "withdrawal": (
        r"alone|myself|isolat\w*|withdr[ae]w\w*|cancel\w*|stopp?\w*|quit\w*|left|leave|"
        r"stay\w*|home|room|bed|hid|hide|hiding|hermit|recluse|friends?|people|anyone|"
        r"anybody|everyone|social\w*|invit\w*|group|chats?|messages?|texts?|repl\w*|"
        r"talk\w*|spoken|speak\w*|pull\w*|drift\w*|shell|curtains|quiet|ignor\w*|"
        r"answer\w*|call\w*|phone|muted?|skip\w*|avoid\w*|away"
    ),
}

VOCABULARY: dict[str, tuple[re.Pattern[str], ...]] = {
    name: tuple(
        compiled(r"\b(?:" + part + r")\b")
        for part in ((words,) if isinstance(words, str) else words)
    )
    for name, words in _WORDS.items()
}


def has_vocabulary(marker: str, folded: str) -> bool:
    """Whether lower-cased ``folded`` text holds a word of ``marker``'s vocabulary (or the
    marker needs none)."""
    patterns = VOCABULARY.get(marker, ())
    return all(pattern.search(folded) is not None for pattern in patterns)
