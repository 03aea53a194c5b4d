"""Signs that the writer is being hurt, frightened or controlled by someone close to them.

Abuse and coercive control are not detachment, and no sign of them is ever shown to, or
sent to, anyone but the writer. When a person's own words describe a partner or family
member monitoring them, cutting them off, threatening them, making them afraid, hurting
them, forcing sex, or taking control of their money, reconnect shows them (and only them)
domestic-abuse help for their country (``content/abuse_resources.toml``).

Rules only, read as the person wrote it: each pattern needs the writer as the one it is
done to ("me", "my"), so "my boss is controlling" or "he hit the gym" stay quiet. A
denial just before ("he would never hit me", "she doesn't check my phone") is not a sign.
Indirect ways of saying it ("she stops hitting me when the kids come in", "I have to text
him when I get to work, when I leave...", "my wages go straight into his account") are
built the same way: who does it, a controlling verb, and the writer's phone, money, friends
or body; they also stay quiet when the sentence says it was the writer's own wish or is
about a boss, a pet, a story or a game. Round two added families of indirect wording (a
threat with a condition, lying to a doctor about an injury, hiding marks, dozens of calls, an
ex who turns up or knows where the writer lives, keys taken so the writer cannot go, timing
the day around someone's moods, "saying no makes it worse") and a veto, for every pattern,
for what was asked for or done out of care ("because I asked her to", "after the wine...
good call", "so she could see I got home safe"). Deterministic and fast: one pass finds where any
pattern could start and only those places are tried, so ``find_harm`` on 20,000 characters
takes a few milliseconds to a few tens (about 0.16 s in the worst case built for it, a
run of trigger words with no full stop, with the learned layer).

Beside the rules, a small learned layer (``harm_model.py``) reads each sentence no rule
matched in: it counts only when its score clears a threshold chosen on real ordinary text and
the sentence has the writer as the one acted on, names someone close (``_WHO``), and is no
denial, play, fiction, boss or own wish. ``find_harm(text, learned=False)`` is the rules alone.

>>> [h.kind for h in find_harm("He checks my phone every night and I'm scared of him.")]
['monitoring', 'fear']
>>> find_harm("My boss is so controlling about deadlines.")
()
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from typing import Any

__all__ = ["HARM_KINDS", "HarmHit", "find_harm"]

# CPython's regular-expression parser, read (never changed) to find where a pattern can
# start; private, so imported by name, and the reading falls back safely if it changes.
_sre: Any = import_module("re._constants")
_parser: Any = import_module("re._parser")

# Who: a partner, an ex or family at home, or a pronoun standing for one.
_WHO = (
    r"(?:he|she|they|him|her|them|mum|mom|dad|bf|gf|step-?dad|step-?mum|step-?mom|brother|sister|"
    r"(?:my|our) (?:husband|wife|partner|boyfriend|"
    r"girlfriend|bf|gf|fianc[eé]e?|spouse|ex|ex-?husband|ex-?wife|ex-?partner|ex-?boyfriend|ex-?"
    r"girlfriend|"
    r"dad|father|mum|mom|mother|step-?dad|step-?mum|step-?mom|stepfather|stepmother|brother|"
    r"sister|parents|in-?laws?|mother-in-law|father-in-law))"
)
_NOT = r"(?<!n't )(?<!not )(?<!never )(?<!wouldn't )(?<!won't )(?<!doesn't )(?<!didn't )"
_ME = r"(?:me|myself)"
# "hit me with a belt" is violence, "hit me with terrible puns" is not.
_WEAPON = (
    r"(?! with (?!(?:a |an |his |her |the |my )?(?:belt|fists?|bat|stick|shoe|slipper|hand|"
    r"bottle|phone|cable|cord|hanger|spoon|remote|plate|cup|mug|chair|door|knife|back of)))"
)

_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "monitoring",
        r"\b" + _WHO + r" (?:\w+ ){0,3}?" + _NOT + r"(?:checks?|checked|checking|goes through|"
        r"went through|reads?|read|going through|looks? through|looked through|tracks?|tracked|"
        r"tracking|monitors?|monitored|monitoring|spies on|spied on)\b[^.!?\n]{0,12}\bmy "
        r"(?:phone|texts|messages|emails?|location|bank|browser|browsing|calls|dms|social media|"
        r"whatsapp|car)\b(?! (?:photos|pictures|gallery|camera roll)\b)(?! (?:out loud|aloud)\b)"
        r"(?! (?:for (?:the time|me)|to (?:check|see) the time|because mine))",
    ),
    (
        "monitoring",
        r"\b(?:makes? me|made me|forces? me to|demands?|demanded)\b[^.!?\n]{0,20}\b(?:share|"
        r"give (?:him|her|them))\b[^.!?\n]{0,10}\bmy (?:location|passwords?|passcodes?|phone)\b"
        r"|\b(?:put|hid|installed|found) (?:a |an )?(?:tracker|tracking app|spyware|airtag|gps t"
        r"racker)\b"
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
        r"\bi'?m (?:not|no longer) allowed to (?![^.!?\n]{0,40}\buntil (?:the|my) (?:plumber|"
        r"delivery|engineer|parcel|results|fever|rash|test))(?:see|go|visit|talk|speak|meet|call"
        r"|work|leave|"
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
        r"(?:kids|children|baby)|kill me|hurt me|leave me with nothing|post|share|send(?! me (?:"
        r"off|home))|leak|"
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
        r"(?:he|she|they)(?:'ll|'d| will| would| might) do\b|to go home\b"
        r"(?![^.!?\n]{0,30}\b(?:spider|mouse|rat|ghost|film|movie))|"
        r"(?:he|she|they)"
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
        r"(?! (?:to|into) \w+ing\b)(?! to (?!the )\w+)(?! at\b)" + _WEAPON,
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
        r"me (?:(?:in)?to )?(?:have sex|sex|sleep with|sleeping with|do (?:sexual )?things|"
        r"things in bed)\b"
        r"|\b(?:my|a wife's|a husband's) duty\b[^.!?\n]{0,40}\b(?:sulks?|until i give in|"
        r"sex|in bed)\b|\buntil i give in\b|\bi said no and (?:he|she|they) "
        r"(?:didn'?t|did not|wouldn'?t|would not) stop\b|\b(?:raped|rapes) me\b",
    ),
    (
        "financial",
        r"\b" + _WHO + r" (?:takes|took|keeps|kept|controls|controlled) (?:all )?(?:of )?my (?:w"
        r"hole |entire )?"
        r"(?:wages|pay|salary|money|bank card|cards?|paycheck|pension|benefits)\b|\b"
        + _WHO
        + r" (?:controls|controlled) (?:all )?(?:the|our) (?:family |household )?money\b|\b(?:gi"
        r"ves|give|gave) me an "
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

# Indirect ways of saying the same things, each still built from who does it (a partner,
# family, he/she) and what of the writer's it is done to.
_HIM = r"(?:him|her|them)"
_HE = r"(?:he|she|they)"
_MORE: tuple[tuple[str, str], ...] = (
    (
        "monitoring",
        r"\b(?:makes?|made) me (?:read|show|send|forward) " + _HIM + r" (?:every|all|each|my)\b"
        r"|\bi (?:have|had|need) to (?:text|call|ring|message|check in with|facetime|send) "
        + _HIM
        + r"\b[^.!?\n]{0,40}\b(?:every time i|whenever i|the (?:second|minute) i|or (?:he|she|"
        r"they)\b|when i (?:get|leave|arrive)[^.!?\n]{0,30}\b(?:when i|again|and when))"
        r"|\b(?:clear|delete|wipe|hide|hid)\w* (?:my |the |all my )?(?:search history|history|"
        r"messages|texts|receipts?|browser|chats?)\b[^.!?\n]{0,40}\b(?:in case|so) "
        + _HE
        + r" (?:looks|checks|sees|finds|won'?t see|doesn'?t see|can'?t see|won'?t find|reads)\b"
        r"|\b" + _WHO + r" (?:\w+ )?(?:times|timed|counts|counted|clocks) how long i\b"
        r"|\b(?:my )?location (?:has to|must|needs to) stay on\b"
        r"|\b" + _HE + r" (?:calls?|called|rings?|rang|texts?|turns? up at) my (?:work|office|"
        r"job|friends?|mum|mom|sister)\b[^.!?\n]{0,20}\b(?:asks?|asking|to ask|to check|to see) "
        r"(?:where i|who i|if i'?m|if i was)"
        r"|\b(?:my ex|he|she|they) (?:keeps? turning|turned|turns|keeps? showing|showed|shows) up "
        r"(?:outside|at) my (?:work|office|house|flat|job|gym|door|school|uni|place)\b (?:again|"
        r"uninvited|unannounced|every)"
        r"|\b(?:my ex|he|she|they) (?:(?:always|somehow|still) ){1,2}knows? where i (?:am|was|go"
        r"|'?ve been)"
        r"|\bhow does (?:my ex|he|she) (?:always |somehow )?know where i (?:am|was|go)"
        r"|\b" + _HE + r" (?:reads?|read|checks?|goes through|went through) (?:this|my) "
        r"(?:journal|diary|notebook)\b",
    ),
    (
        "isolation",
        r"\b" + _WHO + r" (?:says?|said|thinks|decided|decides) (?:that )?(?:my|all my) "
        r"(?:friends?|sister|brother|mum|mom|family|parents|best friend|mates)\b[^.!?\n]{0,12}"
        r"\b(?:is|are) (?:a )?bad influences?\b"
        r"|\b"
        + _WHO
        + r" (?:says?|said|thinks|decided|decides) (?:that )?(?:my|all my) (?:friends?|sister|"
        r"brother|mum|mom|family|parents|best friend|mates) (?:is|are) (?:trying to (?:split|bre"
        r"ak) us up|"
        r"against (?:us|him|her|them)|poison\w*)"
        r"|\b(?:he|she) (?:already )?(?:said|says|decided|told me) (?:that )?i'?m not (?:going|a"
        r"llowed to go)\b"
        r"|\b(?:whenever|every time|when(?:ever)?) i (?:make plans|go|plan|try|arrange|am out|'?m "
        r"out|go out)\b[^.!?\n]{0,60}\b"
        + _HE
        + r" (?:\w+ ){0,2}?(?:texts?|rings?|calls?|messages?|"
        r"has a (?:crisis|go|meltdown)|kicks? off|sulks?|starts?|turns up|goes off|gets? (?:angry|"
        r"jealous|upset|funny|['\"]?(?:sick|ill|poorly)['\"]?))(?:\b|(?<=['\"]))[^.!?\n]{0,60}\b"
        r"i (?:end up|have to|always "
        r"end up) (?:cancel\w*|leaving early|not going|staying (?:home|in)|going home|coming home)"
        r"|\b" + _WHO + r" (?:\w+ )?(?:made|makes|forced|pressured|pushed) me (?:to )?(?:quit|give "
        r"up|leave) my (?:job|work|course|studies|degree|uni|friends)\b"
        r"|\b(?:picks?|picked|answers?|answered) (?:up )?my phone\b[^.!?\n]{0,40}\b(?:tells?|"
        r"told|says?|said) (?:her|him|them|my \w+|\w+) (?:i'?m|i was|i am|i can'?t)\b"
        r"|\b" + _WHO + r" (?:\w+ )?(?:ha(?:s|ve)|keeps?|kept|took|takes|hid|hides|holds?) my "
        r"(?:passport|id|documents|visa)\b"
        r"|\bstopped (?:seeing|talking to|going to|visiting) [^.!?\n]{0,40}\bnot worth the "
        r"(?:argument|row|fight|grief|drama)\b",
    ),
    (
        "threats",
        r"\b" + _WHO + r" (?:says?|said|told me|tells me|warned me|texted)(?: that)? if i\b"
        r"[^.!?\n]{0,60}\b(?:don'?t bother coming back|never come back|(?:he|she|they|mum|mom|dad"
        r"|you)(?:'ll| will|'d| would) ['\"]?(?:make sure|hurt|kill|take (?:the|my|everything|th"
        r"em)|ruin|leave me|"
        r"find (?:me|someone)|make me|tell (?:everyone|my|them|people)|throw me out|kick me out|"
        r"end it|break|beat|hit|be the one who|pay for it|regret|lose (?:the|my))|will (?:be the "
        r"one who )?pays? for it|(?:'|\")?disappear)"
        r"|\b" + _WHO + r" (?:says?|said|told me)(?: that)? (?:the (?:dog|cat|kids|children|baby)|"
        r"my \w+|i|you) (?:will|'ll|would|'d) (?:'|\")?(?:disappear|regret it|pay for it|be sorry|"
        r"get hurt|never see)[^.!?\n]{0,40}\bif i\b",
    ),
    (
        "fear",
        r"\b(?:lied|lie|lying|lies) (?:to [\w']+(?: [\w']+)? )?about (?:the|my|a|where i got the)"
        r" (?:bruises?|marks? on my|black eye|cut on my|burns? on my)\b"
        r"|\bwalk(?:ing)? on eggshells (?:all day|every day|at home|again|around (?:him|her|them|"
        r"my (?:husband|wife|partner|boyfriend|girlfriend|dad|mum|mom|father|stepdad|ex)))"
        r"|\b(?:kids|children|we|i|everyone|the dog) (?:go|goes|went|all go) (?:\w+ )?(?:quiet|"
        r"silent|still)\b[^.!?\n]{0,30}\b(?:his|her) (?:car|key|keys|footsteps|van)\b"
        r"|\b"
        + _HE
        + r" hates? (?:me|it when i) (?:having|doing|going|seeing|earning) (?:anything|"
        r"something|things|my own|friends)"
        r"|\b(?:heart (?:races|pounds|sinks|drops)|stomach (?:drops|turns|knots)|i panic|i freeze)"
        r"\b[^.!?\n]{0,50}\bin case (?:it'?s|its) (?:him|her)\b"
        r"|\b(?:stomach (?:drops|turns|knots)|i panic|i freeze)\b[^.!?\n]{0,30}\bwhen (?:he|she) "
        r"(?:texts|calls|rings|gets home|comes home|walks in)"
        r"|\bi (?:flinch|flinched|flinches|cower|cowered) (?:when|whenever|every time|if) (?:he|"
        r"she|they|my \w+)\b"
        r"|\b(?:outside (?:the|our|my) (?:house|flat|home)|on the drive)\b[^.!?\n]{0,60}\b"
        r"couldn'?t face going (?:in|inside|home)\b"
        r"|\bbag packed\b(?![^\n]{0,80}\b(?:baby|labour|hospital|birth plan|trip|holiday|flight))"
        r"[^\n]{0,60}\bjust in case\b[^\n]{0,40}\b(?:passport|birth "
        r"certificates?)",
    ),
    (
        "physical",
        r"\b(?:wore|wear|wearing|wears) long sleeves\b(?![^.!?\n]{0,80}\b(?:burn|sun|eczema|"
        r"psoriasis|tattoo|mosquito|mozzie|allerg|cold|chilly|air con))[^.!?\n]{0,60}\b"
        r"(?:even though|in (?:this|the) heat|boiling|to hide|so no one|so nobody)\b"
        r"|\b" + _WHO + r" (?:scratched|scratches|spat|spits|bit|bites|burned|burnt|pinched|"
        r"pinches|headbutted|strangled|choked|kicked|slapped|punched) (?:at |on )?(?:me|my (?:face|"
        r"arm|neck|hand|back|leg|chest))\b(?! (?:to|into) \w+ing\b)"
        r"|\b(?:drunk|drinks|drinking|angry|jealous|in a mood|temper)\b[^.!?\n]{0,20}\b"
        + _HE
        + r" (?:gets?|got|can get) (?:rough|violent|physical)\b"
        r"|\b(?:gets?|got) (?:rough|violent|physical) with me when (?:he|she|they)(?:'s| is| gets|"
        r" drinks)"
        r"|\byou bruise (?:so )?easily\b",
    ),
    (
        "sexual_coercion",
        r"\b(?:he|she|they|him|her|sulk\w*|mood)\b[^.!?\n]{0,60}\b(?:easier|quicker|simpler|safer) "
        r"to (?:just )?(?:say yes|give in|go along with it|let (?:him|her))\b(?! to\b)"
        r"|\b(?:easier|simpler|safer) to (?:just )?(?:say yes|give in)(?! to\b)[^.!?\n]{0,30}\b"
        r"(?:sulk\w*|mood|him|her)\b"
        r"|\bi said no\b[^.!?\n]{0,60}\b(?:until i (?:gave|give|finally gave) in|kept (?:on|going|"
        r"asking|pushing)|did it anyway|carried on)"
        r"|\b(?:said|told (?:him|her)|asked (?:him|her) to)(?: i wanted to)? stop\b[^.!?\n]{0,20}"
        r"\b" + _HE + r" (?:didn'?t|did not|wouldn'?t|kept going|carried on)\b"
        r"|\bif i (?:really|actually|truly) loved? (?:him|her|them) i'?d\b"
        r"|\b(?:refuses?|refused|won'?t) (?:to )?(?:use|wear) (?:a )?(?:condom|protection)\b"
        r"|\b" + _HE + r" (?:hid|hides|flushed|threw (?:out|away)|binned|took|takes) my (?:pills|"
        r"contraceptives?|birth control|contraception|pill)\b"
        r"|\b(?:calls?|called) me (?:frigid|boring in bed)\b"
        r"|\b(?:pushing|pushes|pushed|pressures?|pressuring|pressured|guilts?|guilted|makes?|made|"
        r"forces?|forced|begs?|nags?|keeps? asking|keeps? pushing) me (?:to )?(?:send|sending) "
        r"(?:him |her |them )?(?:nudes|naked)"
        r"|\b(?:says?|said|told me|tells me) (?:that )?i (?:owe|owed) (?:him|her|them)(?: (?:aft"
        r"er|since|"
        r"now)\b)"
        r"|\bpretend(?:ed|ing)? to be asleep (?:\w+ ){0,2}?(?:when|until|so) (?:he|she|they)\b"
        r"|\b(?:makes?|made|forces?|forced) me (?:to )?(?:watch|do|try) (?:stuff|things|porn|it)\b"
        r"[^.!?\n]{0,20}\bi (?:don'?t|didn'?t|do not|did not) (?:want|like)"
        r"|\b(?:brings? up|mentions?|talks about) (?:other|another) (?:women|woman|men|man|girls?|"
        r"guys?)\b[^.!?\n]{0,30}\b(?:say no|not in the mood|refuse|said no)"
        r"|\b(?:kept|keeps) (?:topping up|filling up|refilling|pouring)\b[^.!?\n]{0,30}\bafter i "
        r"(?:said|told)"
        r"|\b(?:silent treatment|sulks?|sulking|sulked|ignores me)\b[^.!?\n]{0,30}\buntil i\b",
    ),
    (
        "financial",
        r"\bmy (?:wages|salary|pay|benefits|money|paycheck|pay ?cheque) (?:go|goes|went|gets? "
        r"paid|is paid) (?:straight |directly )?(?:in)?to (?:his|her|their) account\b"
        r"|\b"
        + _HE
        + r" gives? me (?:£|\$|€)?(?:\d+|ten|twenty|thirty|forty|fifty) (?:quid |pounds )?a "
        r"(?:week|month|day)\b(?! (?:for|to)\b)"
        r"|\bi (?:have|had|need) to (?:show|give) (?:him|her|them) (?:the |all the |every |my )?"
        r"receipts?\b"
        r"|\bi (?:have|had|need) to ask (?:him |her |them )?(?:first|before i|permission|if i can"
        r" (?:buy|spend|have|eat))\b"
        r"|\bbecause i didn'?t ask (?:him|her|them) first\b"
        r"|\b(?:makes?|made) me ask (?:him |her |them )?(?:first|before i|permission|if i can)\b"
        r"|\b(?:'allowed'|\"allowed\") to (?:buy|spend|have|eat)\b"
        r"|\b(?:i )?(?:hide|hid|hiding|stash|stashed|stashing|keep|keeping) (?:a bit of |some |a"
        r" little "
        r"|\w+ quid |\w+ pound )?(?:cash|money|notes)\b"
        r"[^.!?\n]{0,40}\b(?:so "
        + _HE
        + r"|in case|only money|actually mine|where "
        + _HE
        + r"|only place "
        + _HE
        + r")"
        r"|\b"
        + _WHO
        + r" (?:\w+ )?(?:keeps?|kept|takes?|took) my (?:wages|salary|pay|money|student loan|tips|"
        r"benefits|paycheck|bank cards?|cards)\b"
        r"|\b" + _WHO + r" (?:cancelled|canceled|froze|blocked|cut up|stopped) my (?:bank )?"
        r"(?:cards?|account)\b"
        r"|\b(?:made|makes|forced|pressured) me (?:to )?sign (?:my|the|our) (?:[\w']+ ){0,4}over\b"
        r"|\bthe money is (?:his|hers|theirs)\b|\bgrateful for what (?:he|she|they) gives? me\b"
        r"|\bi (?:can'?t|cannot|haven'?t|never|couldn'?t|am not allowed to|'m not allowed to)\b"
        r"[^.!?\n]{0,60}\bwithout (?:him|her|them|his|their) (?:approv\w+|permission|say-so|"
        r"checking|agreeing|ok\w*)",
    ),
    (
        "humiliation",
        r"\b" + _HE + r" (?:says|said|thinks|accuses me of|accused me of) (?:i'?m |i am |i was )?"
        r"(?:trying to attract|flirting with|dressing for)\b"
        r"|\b" + _WHO + r" (?:mocks|mocked|laughs at|laughed at|makes fun of|made fun of|"
        r"humiliates|humiliated|imitates) (?:me|my (?:weight|body|looks|accent|face|voice))\b"
        r"[^.!?\n]{0,30}\b(?:at parties|in public|everyone laughs|and everyone|in front of)"
        r"|\b"
        + _WHO
        + r" (?:tells|told) (?:everyone|people|my (?:family|friends|mum|mom|doctor)|our (?:friends|"
        r"family)|(?:his|her) (?:family|friends|mates)) "
        r"(?:that )?(?:i'?m|i am|i was) ['\"]?(?:crazy|mad|insane|unstable|mental|a liar|lying|"
        r"making it up)\b(?! (?:for|about))"
        r"|\b(?:makes?|made|forces?|forced) me (?:to )?(?:get on my knees|kneel|beg|grovel)\b"
        r"|\b(?:makes?|made) me apologi[sz]e to (?:his|her|their) (?:friends|family|mates|mum|"
        r"mother|dad)\b"
        r"|\bmakes? me (?:change|get changed)(?: (?:my )?(?:clothes|outfit|top|dress|shirt|"
        r"skirt))? "
        r"(?:if|when|unless|before i (?:go|leave))\b"
        r"|\b(?:says?|said|tells me|told me) (?:that )?(?:i (?:make|made|making) (?:things|it|"
        r"stuff) up|it never happened (?:whenever|every time|when|and)|i'?m imagining "
        r"(?:things|it)|i'?m remembering it wrong)"
        r"|\b" + _HE + r" (?:posted|shared|sent|leaked|showed) (?:screenshots of )?my (?:messages|"
        r"texts|nudes|photos|pics)\b[^.!?\n]{0,40}\b(?:laugh\w* at me|mock\w* me|to humiliate|"
        r"without (?:asking|my))|\b(?:posted|leaked|shared) my nudes\b"
        r"|\b(?:he|she|they) (?:says|said|tells me|told me|reminds me)(?: that)? (?:no one|nobody|"
        r"no man|no woman|no other \w+)(?: else)? (?:would|will|could) (?:ever )?(?:want|love|"
        r"have|date|put up with) me\b"
        r"|\btells me (?:i'?m|im|i am) a (?:useless|worthless|pathetic|terrible|bad|crap|shit) "
        r"(?:mother|father|mum|mom|dad|wife|husband|parent|partner)\b"
        r"|\b(?:says?|said|tells me|told me) (?:that )?i'?m too (?:thick|stupid|dumb) to\b",
    ),
)

_MORE += (
    (
        "physical",
        r"\b"
        + _WHO
        + r"(?:'s|'d)? (?:\w+ ){0,3}?"
        + _NOT
        + r"(?:hitting|slapping|punching|kicking|choking|"
        r"hurting|shoving|beating|strangling|smacking|throttling) (?:me|on me)\b"
        + _WEAPON
        + r"|\b"
        + _HE
        + r"\b[^.!?\n]{0,60}\b(?:and|then) (?:then )?(?:kicked|hit|slapped|punched|"
        r"shoved|choked|strangled|beat|bit|spat at) me\b"
        + _WEAPON
        + r"|\b"
        + _WHO
        + r" (?:\w+ ){0,2}?"
        + _NOT
        + r"(?:pushes|pushed|shoves|shoved|knocks|kicked|kicks|"
        r"knocked|throws|threw|slams|slammed|pins|pinned|drags|dragged|holds|held) me (?:around|"
        r"about|down (?:on|onto|and)|over|against|to the (?:floor|ground|wall|bed)|into the "
        r"(?:wall|door|table)|across|by (?:my|the) (?:hair|arm|neck|throat|wrist)|"
        r"out of (?:bed|the car)|(?:out |up |down )?of bed onto|onto the floor)"
        r"|\b" + _WHO + r" (?:\w+ ){0,2}?(?:throws|threw|throwing|hurls|hurled) (?:things|stuff|"
        r"plates|cups|mugs|glasses|bottles|shoes|the \w+|a \w+|his \w+|her \w+) at me\b",
    ),
    (
        "monitoring",
        r"\b" + _WHO + r" (?:\w+ ){0,2}?" + _NOT + r"(?:checks?|checked|checking|asks?|asked|"
        r"interrogates me about|questions me about|demands to know|wants to know) who i'?(?:ve|m)?"
        r" ?(?:been )?(?:text|talk|messag|see|call|with|speak)\w*"
        r"|\b" + _WHO + r" (?:\w+ ){0,2}?(?:wants|needs|has|demands) to know where i (?:am|was|go)"
        r" (?:every|at all times|all the time|24|constantly|each)"
        r"|(?<!if )(?<!in case )\b" + _WHO + r" (?:\w+ )?" + _NOT + r"(?:tracks?|tracked|tracking|"
        r"monitors?|monitored|"
        r"stalks?|stalked|stalking) me\b"
        r"|\b" + _WHO + r" (?:\w+ )?" + _NOT + r"(?:takes?|took|hides?|hid|smashed|smashes|broke|"
        r"breaks|confiscates?|confiscated) my (?:phone|laptop|car keys|keys)\b(?! away (?:at|for|"
        r"during|when i was|as a)\b)(?! (?:to|for) "
        r"(?:the|a|check|see|look|use|call|find)\b)",
    ),
    (
        "humiliation",
        r"\b" + _WHO + r" (?:says|said|tells me|told me|calls me|called me)(?: that)?"
        r"(?: i'?m| i am| i was)? (?:worthless|useless|pathetic|disgusting|a waste of space|"
        r"nothing|a failure|an idiot|a burden|a bad mother|a bad father|a bad wife|unlovable)\b"
        r"(?! (?:at|about|for|to|in|with|when it comes)\b)",
    ),
)
_MORE += (
    (
        "monitoring",
        r"\b(?:makes?|made|forces?|forced) me (?:to )?(?:turn on|keep on|share|leave on) (?:my )?"
        r"(?:location|find my|life360|gps)"
        r"|\b(?:i )?(?:have|had|need) to send (?:him|her|them) (?:a )?(?:photos?|pictures?|selfi"
        r"es?|"
        r"pics?|videos?) of (?:where|who)\b"
        r"|\b"
        + _HE
        + r"\b[^.!?\n]{0,40}\bto (?:make sure|check|see) (?:that )?(?:i'?m|i am|i was) "
        r"(?:really |actually )?(?:there|where i said|alone|not lying)\b",
    ),
    (
        "isolation",
        r"\b" + _WHO + r" (?:gets?|got) (?:angry|furious|mad|jealous|nasty) (?:when|if|whenever) i "
        r"(?:see|go out with|talk to|text|visit|call|speak to|meet|message)\b[^.!?\n]{0,20}\b(?:"
        r"friends?|family|sister|brother|mum|mom|parents|colleagues?|men|guys|women|anyone)\b"
        r"|\b"
        + _WHO
        + r" (?:\w+ )?(?:sold|sells|took|takes|hid|hides|disabled|took away) my (?:car|"
        r"bike|phone|laptop|keys|car keys)\b[^.!?\n]{0,30}\bso i (?:can'?t|couldn'?t|have no)\b"
        r"|\bi (?:had|have) to (?:give up|stop) (?:seeing|talking to|visiting|going to|meeting) "
        r"[^.!?\n]{0,30}\bbecause (?:he|she|they|my (?:husband|wife|partner|boyfriend|"
        r"girlfriend))\b",
    ),
    (
        "threats",
        r"\bmake sure i (?:never|don'?t) see (?:my|the) (?:kids|children|son|daughter|baby|family) "
        r"again|\bi'?ll never see (?:my|the) (?:kids|children|son|daughter|baby) again\b",
    ),
    (
        "fear",
        r"\b(?:waiting to|wait to|to) (?:see|hear|find out|know) what mood (?:he|she|they)"
        r"(?:'s| is| will be| are|'ll be)"
        r"|\b(?:scared|afraid|terrified|frightened) to (?:disagree with|say no to|argue with|stand "
        r"up to|contradict|upset|question) (?:him|her|them|my (?:husband|wife|partner|boyfriend|"
        r"girlfriend|dad|father|mum|mom|mother))\b",
    ),
    (
        "sexual_coercion",
        r"\b(?:took|takes|pulled|slipped) (?:the condom off|off the condom)|\bremoved the condom\b",
    ),
    (
        "financial",
        r"\b" + _WHO + r" (?:puts?|pays?|paid|moves?|moved|transfers?|transferred) my (?:wages|"
        r"salary|pay|money|benefits|savings) (?:in|into) (?:his|her|their) (?:own )?account\b",
    ),
)
# Round two: families of indirect wording found missing in the development sets. These
# have only the look-alike vetoes every pattern has (play, asked-for or caring reasons).
_HARMS = (
    r"(?:hurt|kill|smash|ruin|(?:post|share|send|leak) (?:my|me|those|the (?:\w+ )?of me)|expose|"
    r"destroy|break|beat|hit|stop paying for (?:my (?:mum|mom|dad|nan|gran|sister|brother)'s|the "
    r"(?:care|rent|mortgage))|"
    r"cut me off|get me (?:fired|sacked|deported)|have me (?:deported|sectioned|arrested)|"
    r"report me|throw me out|kick me out|take (?:the|my|everything)|leave me with nothing|"
    r"(?:call|ring|phone|email) my (?:boss|manager|work|parents|family|mum|mom|dad|landlord)|mak"
    r"e sure|make me (?:pay|regret)|"
    r"tell (?:everyone|people|the police|immigration|my (?:boss|work|family|parents|kids)))"
)
# Many calls in a row: "called me 14 times", "my phone buzzed 11 times".
_TIMES = (
    r"(?:like |about |over )?(?:1\d|[2-9]\d|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|ni"
    r"ne)teen|twenty|thirty|"
    r"forty|fifty) times\b"
)
_PLAIN: tuple[tuple[str, str], ...] = (
    (
        "threats",
        r"\b(?:"
        + _WHO
        + r" )?(?:says?|said|told me|tells me|texted|warned(?: me)?)(?: that)? "
        + _HE
        + r"(?:'d|'ll| will| would) (?:\w+ )?['\"]?"
        + _HARMS
        + r"\b[^.!?\n]{0,60}\bif i (?:ever )?(?:break up|end|leave|left|tell|told|don'?t|do not|"
        r"go|embarrass|say|report|drop|call|try|talk|speak|see|contact|get)\b"
        r"|\b(?:said|says|told me|texted)\b[^.!?\n]{0,12}\baccidents happen\b"
        r"|\b(?:my ex|" + _HE + r") (?:\w+ ){0,3}?knows? (?:now )?(?:where i (?:live|work|am "
        r"staying)|which school|where (?:the|my) (?:kids|children) (?:go|are|live)|where my "
        r"(?:parents|family|sister|mum|mom) live)(?![^.!?\n]{0,40}\b(?:because we|co-?parent|pic"
        r"ks? (?:the "
        r"kids|them) up|drops? (?:the kids|them) off))|\bi'?d better watch (?:myself|my back|out"
        r")\b",
    ),
    (
        "physical",
        r"\b(?:told|tell|telling) (?:the |my |a )?(?:nurse|doctor|gp|a&e|hospital|dentist|school|"
        r"teacher|work|everyone|people)(?: at (?:the |a )?[\w-]+(?: \w+)?)? (?:that )?i (?:caugh"
        r"t|fell|"
        r"walked into|tripped|slipped|banged|bumped|burned myself|burnt myself)\b(?![^.!?\n]{0,3"
        r"0}\b"
        r"(?:because i (?:did|really)|clumsy|klutz|which (?:is true|i did)))"
        r"|\bit was (?:his|her|their) (?:fist|belt)\b"
        r"|\bso (?:nobody|no one|people|anyone|\w+) (?:(?:sees|notices|asks about)|(?:would|coul"
        r"d|will|wouldn'?t|wouldnt|won'?t|"
        r"can'?t|couldn'?t|didn'?t) (?:see|notice|ask about)) (?:the|my) (?:marks?|bruis\w+|black "
        r"eye|cuts?|burns?)\b"
        r"|\b(?:wore|wear|wearing|wears) (?:long sleeves|a scarf|a polo neck|a turtleneck)\b"
        r"[^.!?\n]{0,40}\bso (?:mum|mom|dad|nobody|no one|people|anyone|they|he|she|work|my \w+) "
        r"(?:wouldn'?t|wouldnt|won'?t|doesn'?t|didn'?t|can'?t) (?:ask|see|notice)\b(?![^.!?\n]{0"
        r",40}"
        r"\b(?:burn|sun|eczema|psoriasis|tattoo|piercing|hickey|love bite|mosquito|rash))"
        r"|\b(?:dragged|drags|pulled|pulls|grabbed|grabs|yanked) me (?:\w+ )?by (?:my|the) "
        r"(?:hair|throat|neck|collar)\b"
        r"|\b"
        + _HE
        + r" (?:squeezed|grabbed|gripped|held|twisted|pinched|dug (?:his|her) nails into) "
        r"my \w+ so (?:hard|tight|tightly)\b(?![^.!?\n]{0,40}\b(?:rollercoaster|ride|we (?:both "
        r")?(?:screamed|laughed)))"
        r"|\b" + _HE + r" (?:was |were |is |kept )?(?:blocking|blocked|blocks) the (?:door|"
        r"doorway|exit|way out)\b",
    ),
    (
        "sexual_coercion",
        r"\btold (?:him|her|them) (?:i was|i'?m|to stop|no|i didn'?t)\b[^.!?\n]{0,60}\b(?:kept "
        r"going|carried on) anyway\b|\b(?:kept going|carried on) anyway\b[^.!?\n]{0,30}\b(?:afte"
        r"r|when|"
        r"even though) i (?:told|said|asked)\b"
        r"|\bdidn'?t want to (?:film|record|do) (?:it|that)\b[^.!?\n]{0,3}[.!?]? ?" + _HE + r" did"
        r"(?: it)? anyway\b"
        r"|\blay there\b[^.!?\n]{0,30}\bfor it to (?:be over|end|stop)\b"
        r"|\b(?:says?|said|tells me|told me)(?: that)? if i (?:really |actually |truly )?loved? "
        r"(?:him|her|them),? i (?:would|wouldn'?t|'d)\b"
        r"|\b(?:stopped saying no|(?:don'?t|doesn'?t|do not|can'?t|never) get to say no|not "
        r"allowed to say no|saying no (?:makes|made|just makes) (?:everything|it|things) worse)\b"
        r"|\b(?:sleep|sleeping|slept|have sex|having sex|had sex) with (?:him|her|them)\b"
        r"[^.!?\n]{0,30}\b(?:because|or|otherwise) if i (?:don'?t|say no|refuse)\b"
        r"|(?:'forgetting'|\bforgetting|\"forgetting\") (?:the |a )?(?:condom|protection)\b"
        r"|\bwoke (?:up )?(?:with|to) (?:him|her|them) (?:already )?(?:on top of me|inside me|"
        r"touching me)"
        r"|\bgets? (?:nasty|angry|aggressive|violent|mean|funny) (?:when|if|whenever) i say no\b"
        r"|\b(?:keeps?|kept) (?:insisting|asking|pushing|going on|nagging|on at me) until i (?:j"
        r"ust )?"
        r"(?:say yes|give in|gave in|agree|said yes)\b(?! to\b)"
        r"|\b(?:a good|a proper|a real) (?:wife|husband|girlfriend|boyfriend|partner) (?:doesn'?"
        r"t|never|"
        r"wouldn'?t|does not) (?:turn|say no|refuse)"
        r"|\b(?:he|she) was already (?:doing it|on top of me|inside me)\b"
        r"|\bgo along with it\b[^.!?\n]{0,20}\bif i say no\b",
    ),
    (
        "isolation",
        r"\b" + _WHO + r" (?:\w+ ){0,2}?(?:told me|tells me|says|said) (?:that )?i (?:can'?t|"
        r"cannot|am not allowed to|mustn'?t) (?:see|visit|call|talk to|speak to|go to|text) (?:m"
        r"y )?"
        r"(?:own )?(?:parents|family|friends|mum|mom|dad|sister|brother|mates)\b"
        r"|\b" + _HE + r" (?:said|says|told me) (?:it was|it'?s|its) (?:that|them|me|my \w+|"
        r"\w+) or (?:him|her|them|me)\b"
        r"|\bbecause (?:he|she|they)\b[^\n]{0,100}\bi (?:don'?t|do not) (?:have|know) (?:anyone|"
        r"a single "
        r"person|a soul) (?:here )?(?:except|but|apart from|other than) (?:him|her|them)\b"
        r"|\baway from (?:everyone|all my friends|my (?:friends|family))\b[^\n]{0,100}\bi "
        r"(?:don'?t|do not) have anyone (?:here )?(?:except|but|apart from|other than) (?:him|her|"
        r"them)\b"
        r"|\b" + _HE + r" (?:stood|stands|sat|sits|was|is|stayed) (?:right )?(?:next to|beside|"
        r"behind|over) me\b[^.!?\n]{0,40}\bso i (?:just |only )?(?:said|told|pretended|couldn'?t"
        r"|hung "
        r"up|kept)\b"
        r"|\bnot allowed to [^.!?\n]{0,40}\banymore because (?:apparently|" + _HE + r")\b"
        r"|\b(?:skipped|missed|cancelled|canceled|stopped|turned down)\b[^.!?\n]{0,40}\bnot worth "
        r"the (?:fight|argument|row|grief|drama)\b"
        r"|\b(?:before|until|unless) " + _HE + r"(?:'d| would|'ll)? lets? me (?:leave|go out|out|"
        r"eat|sleep)\b"
        r"|\b(?:took|takes|keeps?|kept|hid|hides|has) (?:the |my |his |her )?(?:car |front door "
        r"|door "
        r")?keys?\b[^.!?\n]{0,20}\bso i (?:can'?t|cannot|couldn'?t) (?:go|get|leave)\b"
        r"|\b(?:havent|haven'?t|don'?t|do not|hardly) (?:really )?(?:talked|spoken|seen|talk|speak|"
        r"see) (?:to |with )?anyone from my (?:old life|old job|uni|school|family)\b[^\n]{0,60}\b"
        + _HE
        + r" (?:says|said|tells me|told me)\b",
    ),
    (
        "monitoring",
        r"\b(?:" + _WHO + r" (?:\w+ )?(?:called|rang|texted|messaged|calls|rings|texts)(?: me)?|my "
        r"phone (?:buzzed|rang|went off)) " + _TIMES + r"[^\n]{0,80}\b(?:wanted to know|wants to "
        r"know|asked (?:why|who|where)|accus\w+|demand\w+)"
        r"|\b(?:turned|switched) off my (?:location|phone)\b[^\n]{0,80}\b(?:called|rang|texted|"
        r"messaged)(?: me)? "
        + _TIMES
        + r"|\bso (?:he|she|they|my ex) (?:wouldn'?t|won'?t|can'?t|couldn'?t|doesn'?t) (?:know|"
        r"find(?: out)?) where i (?:live|work|am)\b"
        r"|\b(?:he|she|my ex)\b[^\n]{0,80}\bchanged my (?:phone )?number (?:twice|again|\w+ time"
        r"s)\b"
        r"|\b(?:withheld|unknown|private|blocked) numbers?\b[^.!?\n]{0,40}\b(?:breathing|hangs? "
        r"up)\b"
        r"|\b(?:messag\w+|contact\w+|texting|emailing) my (?:new )?(?:girlfriend|boyfriend|partner|"
        r"friends|family|boss|work|mum|mom)\b[^.!?\n]{0,20}\bpretending to be\b"
        r"|\b(?:my ex|he|she) (?:still )?(?:has|kept) (?:a|my) (?:spare )?key\b[^\n]{0,80}\b(?:m"
        r"oved|"
        r"open|been in|sure of it)\b"
        r"|\b(?:split up|broke up|separated)\b[^\n]{0,60}\bi (?:just )?want (?:him|her|them) "
        r"(?:gone|to stop|to leave me alone)\b",
    ),
    (
        "financial",
        r"\b(?:have|had|need) to (?:ask|beg) (?:him|her|them) for my own money\b"
        r"|\b(?:have|had) to (?:ask|beg) (?:\w+ )?for money\b[^\n]{0,60}\b(?:receipts?|every tim"
        r"e)\b"
        r"|\b" + _HE + r" (?:wants?|wanted|demands?|demanded|asks?|asked) to see (?:the|every|all "
        r"the) receipts?\b(?![^.!?\n]{0,25}\b(?:return|exchange|refund|claim|split|expenses))"
        r"|\bmy name (?:isn'?t|is not) on anything\b"
        r"|\bbefore "
        + _HE
        + r"(?:'ll| will|'d| would) (?:transfer|give me|send me|hand over|let me have)\b"
        r"[^.!?\n]{0,30}\b(?:money|cash|allowance|card)\b"
        r"|\bexplain (?:the |every |a )?(?:£|\$|€)\d+ to (?:him|her|them)\b|\bexplain every "
        r"(?:penny|pound|purchase) to (?:him|her|them)\b"
        r"|\bi'?m not allowed (?:to (?:know|see|have|access|touch) )?(?:the |our |my )?(?:password "
        r"to (?:our|the|my) )?(?:online )?(?:password|bank|banking|accounts?|money|finances)\b"
        r"|\bchanged the password (?:on|to|for) (?:our|my|the) (?:joint |bank )?(?:account|"
        r"banking)\b",
    ),
)
_PATTERNS += _PLAIN
_MORE += (
    (
        "monitoring",
        r"\b(?:makes?|made) me\b[^.!?\n]{0,60}\bso " + _HE + r" (?:can|could) (?:hear|see|check|"
        r"listen|track|read|know)\b"
        r"|\b" + _WHO + r" (?:\w+ )?(?:checks?|checked|looks? at|counts?) (?:the )?(?:mileage|"
        r"odometer|miles|my step count)\b[^.!?\n]{0,30}\b(?:when i (?:get|got|come|came) (?:home"
        r"|back)|"
        r"to see (?:if|where|whether) i)"
        r"|\b" + _WHO + r" (?:\w+ ){0,2}?(?:listens?|listened|listening|eavesdrops?) (?:at|outside|"
        r"in on|behind) (?:the |my )?(?:calls|phone|conversations)\b|\b" + _WHO + r" (?:\w+ ){0,2}?"
        r"(?:listens?|listened|listening|eavesdrops?) (?:at|outside|behind) (?:the |my )?door\b"
        r"[^.!?\n]{0,20}\bwhen i(?:'m| am)? (?:on the phone|call|talk|speak|ring|facetime)"
        r"|\b" + _WHO + r" (?:\w+ )?(?:goes|went|going) through (?:everything|all my stuff|my "
        r"stuff)\b(?! (?:in|on|at) the\b)"
        r"|\b" + _WHO + r" (?:\w+ )?(?:had|has|keeps?|kept|watch\w*|check\w*|pull\w* up|open\w*) "
        r"my (?:live )?location\b"
        r"|\bbefore " + _HE + r"(?:'d| would) stop (?:calling|ringing|texting)\b"
        r"|\baccount for every (?:minute|hour|penny)\b[^.!?\n]{0,60}\b" + _HE + r"\b"
        r"|\b(?:my ex|(?:his|her) car)\b(?: \w+){0,4} (?:turned up|showed up|shows up|turns up|"
        r"was parked|is parked|parked|sat|waiting) (?:\w+ )?(?:at|outside|across from) my\b"
        r"(?![^.!?\n]{0,30}\bto (?:drop|pick|collect|return))"
        r"|\b(?:my ex|" + _HE + r")\b[^.!?\n]{0,40}\b(?:asking|asked|asks) (?:\w+ ){0,2}?(?:what "
        r"time i (?:finish|leave|get)|where i (?:live|work|am staying|'?ve moved))",
    ),
    (
        "fear",
        r"\bso " + _HE + r" (?:wouldn'?t|won'?t|doesn'?t|didn'?t) (?:blow up|explode|kick off|"
        r"lose it|snap|go off|get (?:angry|mad|nasty))\b"
        r"|\b(?:in my clothes|with my shoes on|shoes on|shoes by the (?:bed|door))\b[^.!?\n]{0,40}"
        r"\b(?:just in case|in case i (?:need|have) to (?:get out|leave|run)|until i heard (?:him|"
        r"her|them))"
        r"|\b(?:kids|children|we|i|the dog)\b[^.!?\n]{0,20}\b(?:go|goes|went|know to go|hide|run) "
        r"(?:\w+ ){0,2}?(?:quiet|silent|still|to (?:their|my|our) rooms?|upstairs)\b[^.!?\n]{0,30}"
        r"\b(?:his|her) (?:car|key|keys|footsteps|van)\b"
        r"|\bwhich version of (?:him|her|them)\b"
        r"|\b(?:plan|planned|organi[sz]e|arrange|time) (?:my |every |each |the )?(?:day|evening|"
        r"week|life|"
        r"weekend)s? around (?:(?:his|her|their) moods?|whether (?:he|she|they)(?:'s| has| had| "
        r"is)|what "
        r"mood)"
        r"|\b(?:hands|voice|legs) (?:shake|shakes|shaking|trembles?|trembling)\b[^.!?\n]{0,40}\b"
        r"(?:tell|"
        r"ask) (?:him|her|them)\b"
        r"|\b(?:keep|kept|hid\w*|stash\w*|packed)\b[^.!?\n]{0,60}\bin case i (?:ever )?(?:need|h"
        r"ave) to "
        r"(?:get out|leave|run|escape)\b(?! (?:of|for) (?:the|a) (?:fire|flood|storm))"
        r"|\bbefore "
        + _HE
        + r" (?:gets?|comes?|got|came) home\b[^.!?\n]{0,40}\b(?:because last time|or "
        r"(?:else|he|she))\b"
        r"|\b(?:my ex|him|her)\b[^\n]{0,100}\bnot (?:a )?coincidence\b"
        r"|\b" + _HE + r" (?:went|goes|was|is) (?:quiet|silent|cold)\b[^\n]{0,100}\bapologi[sz]\w+ "
        r"for (?:something|things|whatever|nothing)\b"
        r"|\b(?:started|start|was|am|i'?m) (?:literally )?(?:shaking|trembling|panicking)\b[^\n]"
        r"{0,80}"
        r"\bbefore " + _HE + r" (?:got|gets|comes|came) home\b"
        r"|\bbefore " + _HE + r" (?:got|gets|comes|came) home\b[^.!?\n]{0,40}\b(?:shaking|trembl"
        r"ing|"
        r"panic\w*|terrified|scared)\b"
        r"|\bdread\w*\b[^\n]{0,60}\b(?:he|she|stepdad|dad|mum|mom) (?:drinks|is drinking|starts "
        r"drinking) (?:from (?:noon|lunch|midday|the morning|breakfast)|all day|before (?:noon|"
        r"lunch))"
        r"|\b(?:rehears\w+|practis\w+|practic\w+) (?:how|what i'?ll say|what to say)\b"
        r"[^\n]{0,40}\b(?:tell|ask) (?:him|her|them)\b[^\n]{0,100}\b(?:shake|shakes|shaking|"
        r"trembl\w+)\b(?! with (?:excitement|joy|happiness|laughter))"
        r"|\bwhat happens (?:if|when) " + _HE + r" (?:sees?|finds? out|notices?)\b"
        r"|\b(?:keep\w*|kept|hid\w*|stash\w*) my passport and (?:some )?(?:cash|money)\b"
        r"[^\n]{0,60}\bjust in case\b",
    ),
    (
        "humiliation",
        r"\b" + _WHO + r" (?:mocks|mocked|imitates|imitated|mimics|copies|laughs at|makes fun of) "
        r"my (?:stutter|lisp|scars?|limp|disability)\b|\btells me to shut up (?:when|whenever|ev"
        r"ery "
        r"time) i\b"
        r"|\b" + _WHO + r" (?:says|said|tells me|told me|insists)(?: that)? i (?:imagined|made up|"
        r"invented) (?:the whole thing|it all|what happened|everything)\b|\b"
        + _WHO
        + r" (?:says|said|tells "
        r"me|told me|insists)(?: that)? i (?:imagined|made up|dreamt|invented) the whole (?:argu"
        r"ment|row|fight|"
        r"conversation)\b"
        r"|\b(?:says|said|tells me|told me) (?:that )?i'?m (?:losing it|losing my mind|going mad)"
        r"\b[^\n]{0,80}\b(?:'moved'|moved|third time|again|memory)\b"
        r"|\btold (?:the kids|the children|everyone) (?:that )?(?:mummy|mommy|mum|mom|daddy|dad)"
        r"(?:'s| is) (?:being )?(?:crazy|mad|mental|hysterical|unstable)\b"
        r"|\b" + _HE + r" (?:posted|shared|sent|put) (?:a |an )?(?:video|photo|picture|screenshot|"
        r"clip|recording)s? of (?:me|my (?:texts|messages))\b[^.!?\n]{0,60}\b(?:laugh\w*|mock\w*|"
        r"without (?:asking|my)|group chat|to humiliate|online)"
        r"|\bi'?m lucky (?:he|she|they) (?:stays?|puts up with me|keeps me)\b|\bused goods\b",
    ),
    (
        "threats",
        r"\bnext time i\b[^.!?\n]{0,40}\b(?:he|she|they)(?:'ll| will) (?:make sure|hurt|hit|beat|"
        r"kill|regret)",
    ),
    (
        "monitoring",
        r"\b" + _WHO + r" (?:\w+ )?(?:logs?|logged|gets?|got) (?:into|in to) my (?:social media|"
        r"email|accounts?|facebook|instagram|bank|icloud)\b(?! (?:to|so (?:he|she) can) "
        r"(?:print|book|find|get|"
        r"download|check the|pay|sort|order|fix|help)\b)",
    ),
)
_PATTERNS += _MORE
# The indirect patterns above are quieter still: not when the sentence says it was the
# writer's own wish or a fair deal, nor when it is about a boss, a teacher, a pet or a story.
_CHOSEN = re.compile(
    r"\b(?:i asked (?:him|her|them)|my (?:own )?idea|my choice|i chose|i signed up|we (?:both )?"
    r"agreed|because i asked|at my request|fair enough|(?:which|it)(?: i|'s| is) (?:sweet|fair|"
    r"fine|nice|lovely)|bless (?:him|her)|i (?:do|did) the same|both ways|we swap|boss|manager|"
    r"coach|teacher|professor|landlord|referee|the ref|supervisor|trainer|toddler|flatmate|"
    r"roommate|housemate|colleague|coworker|director|"
    r"kitten|puppy|rota|in the (?:book|film|movie|show|game|novel|series|story)|novel|character|"
    r"villain|storyline|audiobook|thriller|typical little (?:brother|sister)|(?:his|her|their) "
    r"(?:birthday|christmas|anniversary) (?:present|gift|surprise)|surprise (?:party|for "
    r"(?:him|her|them)))\b"
)
_FIRST_MORE = len(_PATTERNS) - len(_MORE)

# The second way in: a sentence that names someone close (he, she, my husband, mum, ...),
# has the writer in it (I, me, my) and holds cues whose weights add up to 1. One cue is
# rarely enough; "scared" and "permission" together are. Weights are whole tenths.
_CLOSE = re.compile(
    r"\b(?:he|she|they|him|her|his|hers|them|husband|wife|partner|boyfriend|girlfriend|bf|gf|"
    r"fianc[eé]e?|spouse|ex|dad|father|mum|mom|mother|step-?dad|step-?mum|step-?mom|"
    r"stepfather|stepmother|parents|in-?laws?)\b",
    re.IGNORECASE,
)
_WRITER = re.compile(r"\b(?:i|me|my|mine|myself|i'm|im|i've|i'd|i'll)\b", re.IGNORECASE)
_NOT_CLOSE = re.compile(
    r"\b(?:boss|manager|director|colleague|coworker|flatmate|roommate|housemate|friend from|"
    r"coach|teacher|professor|toddler|baby|puppy|kitten|cat|dog|landlord|"
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
        r"logs? into|logged into|opens?|opened) (?:my|the) (?!\w+ to (?:print|book|find|get|"
        r"download|check the|pay)\b)(?:phone|texts|messages|calls|call log|"
        r"emails?|email|journal|diary|bank|insta|instagram|facebook|accounts?|search "
        r"history)\b(?! (?:photos|pictures|gallery|camera roll)\b)|\bopen(?:s|ed)? my (?:post|mail|"
        r"letters)\b|\b(?:app|tracker|spyware) on my (?:phone|car|laptop)\b|\bchanged the "
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
        r"will) believe me|you'?ll regret it|(?:you'?ll|or|then|just) see what happens|"
        r"accidents happen|get me deported|"
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
        r"broke my (?:phone|glasses)|threw (?:my|a|the) \w+ at me|hits (?:me|my)|hit me)\b"
        + _WEAPON,
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
        r"\b(?:did it anyway|go along with it(?! because (?:honestly|his|her|their) )|never agre"
        r"ed|without "
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
    return tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    return tuple((kind, weight, re.compile(cue)) for kind, weight, cue in _CUES)


def _alternatives(pattern: str) -> list[str]:
    """The top-level branches of a pattern (split at each ``|`` outside groups and sets)."""
    branches, depth, start, i, in_set = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


_ZERO_WIDTH = frozenset({_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT})


def _first_of(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern can start with (None: any), and whether it can be empty."""
    chars: set[str] = set()
    first: set[str] | None
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _sre.LITERAL:
            first, empty = {chr(av)}, False
        elif op is _sre.IN and all(o in (_sre.LITERAL, _sre.RANGE) for o, _ in av):
            first = {chr(a) for o, a in av if o is _sre.LITERAL}
            first |= {chr(c) for o, a in av if o is _sre.RANGE for c in range(a[0], a[1] + 1)}
            empty = False
        elif op is _sre.SUBPATTERN:
            first, empty = _first_of(av[-1].data)
        elif op is _sre.BRANCH:
            parts = [_first_of(branch.data) for branch in av[1]]
            if any(part is None for part, _ in parts):
                return None, False
            first = set().union(*(part for part, _ in parts if part is not None))
            empty = any(empty for _, empty in parts)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            first, empty = _first_of(av[2].data)
            empty = empty or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _gate(patterns: list[str]) -> re.Pattern[str]:
    """One pattern that matches wherever any of ``patterns`` could start a match.

    Python's ``re`` tries every branch at every position, which over dozens of patterns and
    a long entry adds up. Here the branches are sorted by the letter they can start with, so
    at each position only those that can match there are tried; one pass finds the few
    places worth trying each pattern at.
    """
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for pattern in patterns:
        for branch in _alternatives(pattern):
            branch = branch.removeprefix(_NOT)  # a lookbehind only narrows: not needed here
            try:
                first, empty = _first_of(_parser.parse(branch).data)
            except Exception:  # re's internals moved: try this branch everywhere
                first, empty = None, True
            if first is None or empty:
                anywhere.append(branch)
                continue
            for char in first:
                by_char.setdefault(char, []).append(branch)
    parts = [f"(?={re.escape(char)})(?:{'|'.join(branches)})" for char, branches in by_char.items()]
    if all(branch.startswith("\\b") for branches in by_char.values() for branch in branches):
        return re.compile("|".join([rf"\b(?:{'|'.join(parts)})", *anywhere]))
    return re.compile("|".join(parts + anywhere))


def _starts(gate: re.Pattern[str], text: str) -> list[int]:
    """Every position where ``gate`` matches, overlapping matches included."""
    found: list[int] = []
    match = gate.search(text)
    while match:
        found.append(match.start())
        match = gate.search(text, match.start() + 1)
    return found


@lru_cache(maxsize=1)
def _pattern_gate() -> re.Pattern[str]:
    return _gate([pattern for _, pattern in _PATTERNS])


@lru_cache(maxsize=1)
def _any_cue() -> re.Pattern[str]:
    return _gate([cue for _, _, cue in _CUES])


_SENTENCE = re.compile(r"[^.!?\n]+")
# A denial just before a cue ("would never hit me", "doesn't check my phone") cancels it.
_DENIED = re.compile(
    r"\b(?:never|not|no longer|n't|doesn'?t|didn'?t|wouldn'?t|won'?t|don'?t|isn'?t|wasn'?t)"
    r"(?: \w+)? ?$",
    re.IGNORECASE,
)


def _cue_hits(text: str, original: str) -> list[HarmHit]:
    """In a text about the writer and someone close, sentences whose cues add up to 1."""
    found: list[HarmHit] = []
    if not (_CLOSE.search(text) and _WRITER.search(text)):
        return found
    # One pass for any cue at all, so only sentences holding one are weighed.
    starts = _starts(_any_cue(), text)
    if not starts:
        return found
    for sentence in _SENTENCE.finditer(text):
        i = bisect_left(starts, sentence.start())
        if i == len(starts) or starts[i] >= sentence.end():
            continue
        words = sentence.group(0)
        if _NOT_CLOSE.search(words):
            continue
        if _PLAY.search(words) or _CHOSEN.search(words) or _CARE.search(words):
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
            found.append(HarmHit(kind, start, end, original[start:end]))
    return found


# Play and hyperbole in the same sentence ("punched me in the arm when his team scored, we're
# both idiots"; "she'll kill me if I spoil the finale"): not a sign, except for kinds that
# are never play (sexual coercion, money taken).
_PLAY = re.compile(
    r"\b(?:lol|lmao|haha\w*|jk|joking|kidding|we (?:both )?laughed|both idiots|monopoly|chess|"
    r"scrabble|poker|mario ?kart|fifa|finale|"
    r"spoil\w*|episode|spoilers?|the ending|team scored|pillow fight|tickl\w+|play ?fight\w*|"
    r"board game|video game|play(?:ing)? a game|in that (?:shirt|dress|top|outfit)|prank\w*|"
    r"on the swings?|like we "
    r"were \d+|bjj|jiu.?jitsu|judo|sparring|training|in (?:the )?class|saved (?:me|my)|when i "
    r"(?:slipped|tripped|fell|stumbled)|(?:cyclist|car|bus|lorry|traffic) (?:came|was coming)|"
    r"(?:going to|gonna|will|'ll) (?:kill|strangle|murder) me (?:when|if)|threatened to "
    r"(?:eat|finish|watch|steal|spoil|drink) my|for the time|(?:his|hers|theirs) (?:died|was "
    r"dead)|let me pay|such a (?:gentleman|sweetheart)|with (?:a |the |his |her )?(?:pillows?|"
    r"cushions?|snowballs?|nerf|foam|pool noodles?|lightsabers?|water balloons?)|(?<!')by "
    r"accident(?!')|(?:ate|eat|eating|finished|finish) (?:the|his|her|their) (?:last|leftovers)|"
    r"last (?:cookie|biscuit|slice|piece of))\b",
    re.IGNORECASE,
)
_NEVER_PLAY = frozenset({"sexual_coercion", "financial"})


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i != -1]
    return text[left + 1 : min(rights) if rights else len(text)]


# Something asked for or done out of care ("because I asked her to find the photo", "wouldn't
# let me drive after the wine... good call"): a veto for every pattern.
_CARE = re.compile(
    r"\b(?:because i asked|i asked (?:him|her|them) to|at my request|good call|after (?:the|a|my|"
    r"all the)(?: \w+)? (?:wine|drinks?|beers?|surgery|operation)|since my \w+ (?:surgery|operat"
    r"ion)|"
    r"fusspot|bless (?:him|her)|had (?:\w+ ){0,2}(?:pints|drinks|beers|glasses of wine)|over the "
    r"limit|policy|fair enough|(?:got|get|getting|made it) home safe(?:ly)?|surpris"
    r"ing "
    r"(?:him|her|them)|so (?:he|she|they) (?:can|could) (?:see|know) (?:that )?(?:i was|i'?m|i a"
    r"m|i got|"
    r"i made it) (?:safe|ok|okay|home|back)|(?:meant to|supposed to|so i can|so we can) (?:pay|s"
    r"plit|chip in))\b"
)


def _allowed(kind: str, index: int, sentence: str) -> bool:
    if kind not in _NEVER_PLAY and _PLAY.search(sentence):
        return False
    if _CARE.search(sentence):
        return False
    return index < _FIRST_MORE or not _CHOSEN.search(sentence)


def _fold(text: str) -> str:
    """Lower case with straight apostrophes, one character for one so spans stay put."""
    folded = text.replace("\u2019", "'").lower()
    if len(folded) != len(text):  # a few letters lower to two characters ("İ")
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        folded = folded.replace("\u2019", "'")
    return folded


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying only the positions in ``starts``."""
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            found.append(match)
            end = max(match.end(), start + 1)
    return found


def find_harm(text: str, *, learned: bool = True) -> tuple[HarmHit, ...]:
    """Every sign of abuse or coercive control in ``text``, in order of where it starts.

    With ``learned`` (the default) the learned layer (``harm_model.py``) adds the sentences it
    is sure of that no rule matched in; without it, the rules alone answer.
    """
    folded = _fold(text)
    starts = _starts(_pattern_gate(), folded)
    hits = [
        HarmHit(kind, m.start(), m.end(), text[m.start() : m.end()])
        for index, (kind, pattern) in enumerate(_compiled())
        for m in _matches(pattern, folded, starts)
        if _allowed(kind, index, _sentence(folded, m.start(), m.end()))
    ]
    if not hits:
        hits = _cue_hits(folded, text)
    if learned:
        from reconnect.analysis.harm_model import learned_hits

        hits += learned_hits(text, folded, [(hit.start, hit.end) for hit in hits])
    hits.sort(key=lambda h: (h.start, h.end))
    return tuple(hits)
