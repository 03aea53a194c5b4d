"""Indirect ways of saying it ("she stops hitting me when the kids come in", "my wages go
straight into his account"): still who does it, a controlling verb and the writer's
phone, money, friends or body; quieter still (``vetoes.CHOSEN``)."""

from __future__ import annotations

from reconnect.analysis.harm.indirect_later import LATER
from reconnect.analysis.harm.minimised import MINIMISED
from reconnect.analysis.harm.words import HE, HIM, NOT, WEAPON, WHO

# Indirect ways of saying the same things, each still built from who does it (a partner,
# family, he/she) and what of the writer's it is done to.
INDIRECT: tuple[tuple[str, str], ...] = (
    (
        "monitoring",
        r"\b(?:makes?|made) me (?:read|show|send|forward) " + HIM + r" (?:every|all|each|my)\b"
        r"|\bi (?:have|had|need) to (?:text|call|ring|message|check in with|facetime|send) "
        + HIM
        + r"\b[^.!?\n]{0,40}\b(?:every time i|whenever i|the (?:second|minute) i|or (?:he|she|"
        r"they)\b|when i (?:get|leave|arrive)[^.!?\n]{0,30}\b(?:when i|again|and when))"
        r"|\b(?:clear|delete|wipe|hide|hid)\w* (?:my |the |all my )?(?:search history|history|"
        r"messages|texts|receipts?|browser|chats?)\b[^.!?\n]{0,40}\b(?:in case|so) "
        + HE
        + r" (?:looks|checks|sees|finds|won'?t see|doesn'?t see|can'?t see|won'?t find|reads)\b"
        r"|\b" + WHO + r" (?:\w+ )?(?:times|timed|counts|counted|clocks) how long i\b"
        r"|\b(?:my )?location (?:has to|must|needs to) stay on\b"
        r"|\b" + HE + r" (?:calls?|called|rings?|rang|texts?|turns? up at) my (?:work|office|"
        r"job|friends?|mum|mom|sister)\b[^.!?\n]{0,20}\b(?:asks?|asking|to ask|to check|to see) "
        r"(?:where i|who i|if i'?m|if i was)"
        r"|\b(?:my ex|he|she|they) (?:keeps? turning|turned|turns|keeps? showing|showed|shows) up "
        r"(?:outside|at) my (?:work|office|house|flat|job|gym|door|school|uni|place)\b (?:again|"
        r"uninvited|unannounced|every)"
        r"|\b(?:my ex|he|she|they) (?:(?:always|somehow|still) ){1,2}knows? where i (?:am|was|go"
        r"|'?ve been)"
        r"|\bhow does (?:my ex|he|she) (?:always |somehow )?know where i (?:am|was|go)"
        r"|\b" + HE + r" (?:reads?|read|checks?|goes through|went through) (?:this|my) "
        r"(?:journal|diary|notebook)\b",
    ),
    (
        "isolation",
        r"\b" + WHO + r" (?:says?|said|thinks|decided|decides) (?:that )?(?:my|all my) "
        r"(?:friends?|sister|brother|mum|mom|family|parents|best friend|mates)\b[^.!?\n]{0,12}"
        r"\b(?:is|are) (?:a )?bad influences?\b"
        r"|\b"
        + WHO
        + r" (?:says?|said|thinks|decided|decides) (?:that )?(?:my|all my) (?:friends?|sister|"
        r"brother|mum|mom|family|parents|best friend|mates) (?:is|are) (?:trying to (?:split|bre"
        r"ak) us up|"
        r"against (?:us|him|her|them)|poison\w*)"
        r"|\b(?:he|she) (?:already )?(?:said|says|decided|told me) (?:that )?i'?m not (?:going|a"
        r"llowed to go)\b"
        r"|\b(?:whenever|every time|when(?:ever)?) i (?:make plans|go|plan|try|arrange|am out|'?m "
        r"out|go out)\b[^.!?\n]{0,60}\b" + HE + r" (?:\w+ ){0,2}?(?:texts?|rings?|calls?|messages?|"
        r"has a (?:crisis|go|meltdown)|kicks? off|sulks?|starts?|turns up|goes off|gets? (?:angry|"
        r"jealous|upset|funny|['\"]?(?:sick|ill|poorly)['\"]?))(?:\b|(?<=['\"]))[^.!?\n]{0,60}\b"
        r"i (?:end up|have to|always "
        r"end up) (?:cancel\w*|leaving early|not going|staying (?:home|in)|going home|coming home)"
        r"|\b" + WHO + r" (?:\w+ )?(?:made|makes|forced|pressured|pushed) me (?:to )?(?:quit|give "
        r"up|leave) my (?:job|work|course|studies|degree|uni|friends)\b"
        r"|\b(?:picks?|picked|answers?|answered) (?:up )?my phone\b[^.!?\n]{0,40}\b(?:tells?|"
        r"told|says?|said) (?:her|him|them|my \w+|\w+) (?:i'?m|i was|i am|i can'?t)\b"
        r"|\b" + WHO + r" (?:\w+ )?(?:ha(?:s|ve)|keeps?|kept|took|takes|hid|hides|holds?) my "
        r"(?:passport|id|documents|visa)\b"
        r"|\bstopped (?:seeing|talking to|going to|visiting) [^.!?\n]{0,40}\bnot worth the "
        r"(?:argument|row|fight|grief|drama)\b",
    ),
    (
        "threats",
        r"\b" + WHO + r" (?:says?|said|told me|tells me|warned me|texted)(?: that)? if i\b"
        r"[^.!?\n]{0,60}\b(?:don'?t bother coming back|never come back|(?:he|she|they|mum|mom|dad"
        r"|you)(?:'ll| will|'d| would) ['\"]?(?:make sure|hurt|kill|take (?:the|my|everything|th"
        r"em)|ruin|leave me|"
        r"find (?:me|someone)|make me|tell (?:everyone|my|them|people)|throw me out|kick me out|"
        r"end it|break|beat|hit|be the one who|pay for it|regret|lose (?:the|my))|will (?:be the "
        r"one who )?pays? for it|(?:'|\")?disappear)"
        r"|\b" + WHO + r" (?:says?|said|told me)(?: that)? (?:the (?:dog|cat|kids|children|baby)|"
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
        r"|\b" + HE + r" hates? (?:me|it when i) (?:having|doing|going|seeing|earning) (?:anything|"
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
        r"|\b" + WHO + r" (?:scratched|scratches|spat|spits|bit|bites|burned|burnt|pinched|"
        r"pinches|headbutted|strangled|choked|kicked|slapped|punched) (?:at |on )?(?:me|my (?:face|"
        r"arm|neck|hand|back|leg|chest))\b(?! (?:to|into) \w+ing\b)"
        r"|\b(?:drunk|drinks|drinking|angry|jealous|in a mood|temper)\b[^.!?\n]{0,20}\b"
        + HE
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
        r"\b" + HE + r" (?:didn'?t|did not|wouldn'?t|kept going|carried on)\b"
        r"|\bif i (?:really|actually|truly) loved? (?:him|her|them) i'?d\b"
        r"|\b(?:refuses?|refused|won'?t) (?:to )?(?:use|wear) (?:a )?(?:condom|protection)\b"
        r"|\b" + HE + r" (?:hid|hides|flushed|threw (?:out|away)|binned|took|takes) my (?:pills|"
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
        + HE
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
        + HE
        + r"|in case|only money|actually mine|where "
        + HE
        + r"|only place "
        + HE
        + r")"
        r"|\b"
        + WHO
        + r" (?:\w+ )?(?:keeps?|kept|takes?|took) my (?:wages|salary|pay|money|student loan|tips|"
        r"benefits|paycheck|bank cards?|cards)\b"
        r"|\b" + WHO + r" (?:cancelled|canceled|froze|blocked|cut up|stopped) my (?:bank )?"
        r"(?:cards?|account)\b"
        r"|\b(?:made|makes|forced|pressured) me (?:to )?sign (?:my|the|our) (?:[\w']+ ){0,4}over\b"
        r"|\bthe money is (?:his|hers|theirs)\b|\bgrateful for what (?:he|she|they) gives? me\b"
        r"|\bi (?:can'?t|cannot|haven'?t|never|couldn'?t|am not allowed to|'m not allowed to)\b"
        r"[^.!?\n]{0,60}\bwithout (?:him|her|them|his|their) (?:approv\w+|permission|say-so|"
        r"checking|agreeing|ok\w*)",
    ),
    (
        "humiliation",
        r"\b" + HE + r" (?:says|said|thinks|accuses me of|accused me of) (?:i'?m |i am |i was )?"
        r"(?:trying to attract|flirting with|dressing for)\b"
        r"|\b" + WHO + r" (?:mocks|mocked|laughs at|laughed at|makes fun of|made fun of|"
        r"humiliates|humiliated|imitates) (?:me|my (?:weight|body|looks|accent|face|voice))\b"
        r"[^.!?\n]{0,30}\b(?:at parties|in public|everyone laughs|and everyone|in front of)"
        r"|\b"
        + WHO
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
        r"|\b" + HE + r" (?:posted|shared|sent|leaked|showed) (?:screenshots of )?my (?:messages|"
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

INDIRECT += (
    (
        "physical",
        r"\b"
        + WHO
        + r"(?:'s|'d)? (?:\w+ ){0,3}?"
        + NOT
        + r"(?:hitting|slapping|punching|kicking|choking|"
        r"hurting|shoving|beating|strangling|smacking|throttling) (?:me|on me)\b"
        + WEAPON
        + r"|\b"
        + HE
        + r"\b[^.!?\n]{0,60}\b(?:and|then) (?:then )?(?:kicked|hit|slapped|punched|"
        r"shoved|choked|strangled|beat|bit|spat at) me\b"
        + WEAPON
        + r"|\b"
        + WHO
        + r" (?:\w+ ){0,2}?"
        + NOT
        + r"(?:pushes|pushed|shoves|shoved|knocks|kicked|kicks|"
        r"knocked|throws|threw|slams|slammed|pins|pinned|drags|dragged|holds|held) me (?:around|"
        r"about|down (?:on|onto|and)|over|against|to the (?:floor|ground|wall|bed)|into the "
        r"(?:wall|door|table)|across|by (?:my|the) (?:hair|arm|neck|throat|wrist)|"
        r"out of (?:bed|the car)|(?:out |up |down )?of bed onto|onto the floor)"
        r"|\b" + WHO + r" (?:\w+ ){0,2}?(?:throws|threw|throwing|hurls|hurled) (?:things|stuff|"
        r"plates|cups|mugs|glasses|bottles|shoes|the \w+|a \w+|his \w+|her \w+) at me\b",
    ),
    (
        "monitoring",
        r"\b" + WHO + r" (?:\w+ ){0,2}?" + NOT + r"(?:checks?|checked|checking|asks?|asked|"
        r"interrogates me about|questions me about|demands to know|wants to know) who i'?(?:ve|m)?"
        r" ?(?:been )?(?:text|talk|messag|see|call|with|speak)\w*"
        r"|\b" + WHO + r" (?:\w+ ){0,2}?(?:wants|needs|has|demands) to know where i (?:am|was|go)"
        r" (?:every|at all times|all the time|24|constantly|each)"
        r"|(?<!if )(?<!in case )\b" + WHO + r" (?:\w+ )?" + NOT + r"(?:tracks?|tracked|tracking|"
        r"monitors?|monitored|"
        r"stalks?|stalked|stalking) me\b"
        r"|\b" + WHO + r" (?:\w+ )?" + NOT + r"(?:takes?|took|hides?|hid|smashed|smashes|broke|"
        r"breaks|confiscates?|confiscated) my (?:phone|laptop|car keys|keys)\b(?! away (?:at|for|"
        r"during|when i was|as a)\b)(?! (?:to|for) "
        r"(?:the|a|check|see|look|use|call|find)\b)",
    ),
    (
        "humiliation",
        r"\b" + WHO + r" (?:says|said|tells me|told me|calls me|called me)(?: that)?"
        r"(?: i'?m| i am| i was)? (?:worthless|useless|pathetic|disgusting|a waste of space|"
        r"nothing|a failure|an idiot|a burden|a bad mother|a bad father|a bad wife|unlovable)\b"
        r"(?! (?:at|about|for|to|in|with|when it comes)\b)",
    ),
)
INDIRECT += (
    (
        "monitoring",
        r"\b(?:makes?|made|forces?|forced) me (?:to )?(?:turn on|keep on|share|leave on) (?:my )?"
        r"(?:location|find my|life360|gps)"
        r"|\b(?:i )?(?:have|had|need) to send (?:him|her|them) (?:a )?(?:photos?|pictures?|selfi"
        r"es?|"
        r"pics?|videos?) of (?:where|who)\b"
        r"|\b" + HE + r"\b[^.!?\n]{0,40}\bto (?:make sure|check|see) (?:that )?(?:i'?m|i am|i was) "
        r"(?:really |actually )?(?:there|where i said|alone|not lying)\b",
    ),
    (
        "isolation",
        r"\b" + WHO + r" (?:gets?|got) (?:angry|furious|mad|jealous|nasty) (?:when|if|whenever) i "
        r"(?:see|go out with|talk to|text|visit|call|speak to|meet|message)\b[^.!?\n]{0,20}\b(?:"
        r"friends?|family|sister|brother|mum|mom|parents|colleagues?|men|guys|women|anyone)\b"
        r"|\b"
        + WHO
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
        r"\b" + WHO + r" (?:puts?|pays?|paid|moves?|moved|transfers?|transferred) my (?:wages|"
        r"salary|pay|money|benefits|savings) (?:in|into) (?:his|her|their) (?:own )?account\b",
    ),
)

INDIRECT += LATER + MINIMISED
