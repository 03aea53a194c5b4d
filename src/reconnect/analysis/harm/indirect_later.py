"""More indirect wording of monitoring, fear, humiliation and threats: mileage checked,
calls listened in on, an ex's car parked outside, keeping quiet "so he wouldn't blow up".
Apart from ``indirect`` only to keep each module short; ``indirect`` appends these after
its own, in this order, so the patterns are tried exactly as before."""

from __future__ import annotations

from reconnect.analysis.harm.words import HE, WHO

LATER: tuple[tuple[str, str], ...] = (
    (
        "monitoring",
        r"\b(?:makes?|made) me\b[^.!?\n]{0,60}\bso " + HE + r" (?:can|could) (?:hear|see|check|"
        r"listen|track|read|know)\b"
        r"|\b" + WHO + r" (?:\w+ )?(?:checks?|checked|looks? at|counts?) (?:the )?(?:mileage|"
        r"odometer|miles|my step count)\b[^.!?\n]{0,30}\b(?:when i (?:get|got|come|came) (?:home"
        r"|back)|"
        r"to see (?:if|where|whether) i|to (?:check|make sure) (?:that )?i (?:only |just )?(?:went|"
        r"drove|go|drive|came|stayed)\b)"
        r"|\b" + WHO + r" (?:\w+ ){0,2}?(?:listens?|listened|listening|eavesdrops?) (?:at|outside|"
        r"in on|behind) (?:the |my )?(?:calls|phone|conversations)\b|\b" + WHO + r" (?:\w+ ){0,2}?"
        r"(?:listens?|listened|listening|eavesdrops?) (?:at|outside|behind) (?:the |my )?door\b"
        r"[^.!?\n]{0,20}\bwhen i(?:'m| am)? (?:on the phone|call|talk|speak|ring|facetime)"
        r"|\b" + WHO + r" (?:\w+ )?(?:goes|went|going) through (?:everything|all my stuff|my "
        r"stuff)\b(?! (?:in|on|at) the\b)"
        r"|\b" + WHO + r" (?:\w+ )?(?:had|has|keeps?|kept|watch\w*|check\w*|pull\w* up|open\w*) "
        r"my (?:live )?location\b"
        r"|\bbefore " + HE + r"(?:'d| would) stop (?:calling|ringing|texting)\b"
        r"|\baccount for every (?:minute|hour|penny)\b[^.!?\n]{0,60}\b" + HE + r"\b"
        r"|\b(?:my ex|(?:his|her) car)\b(?: \w+){0,4} (?:turned up|showed up|shows up|turns up|"
        r"was parked|is parked|parked|sat|waiting) (?:\w+ )?(?:at|outside|across from) my\b"
        r"(?![^.!?\n]{0,30}\bto (?:drop|pick|collect|return))"
        r"|\b(?:my ex|" + HE + r")\b[^.!?\n]{0,40}\b(?:asking|asked|asks) (?:\w+ ){0,2}?(?:what "
        r"time i (?:finish|leave|get)|where i (?:live|work|am staying|'?ve moved))",
    ),
    (
        "fear",
        r"\bso " + HE + r" (?:wouldn'?t|won'?t|doesn'?t|didn'?t) (?:blow up|explode|kick off|"
        r"lose it|snap|go off|get (?:angry|mad|nasty))\b"
        r"|\b(?:in my clothes|with my shoes on|shoes on|shoes by the (?:bed|door))\b[^!?\n]{0,40}"
        r"\b(?:just in case|in case i (?:need|have) to (?:get out|leave|run|go)|until i heard "
        r"(?:him|her|them))"
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
        + HE
        + r" (?:gets?|comes?|got|came) home\b[^.!?\n]{0,40}\b(?:because last time|or "
        r"(?:else|he|she))\b"
        r"|\b(?:my ex|him|her)\b[^\n]{0,100}\bnot (?:a )?coincidence\b"
        r"|\b" + HE + r" (?:went|goes|was|is) (?:quiet|silent|cold)\b[^\n]{0,100}\bapologi[sz]\w+ "
        r"for (?:something|things|whatever|nothing)\b"
        r"|\b(?:started|start|was|am|i'?m) (?:literally )?(?:shaking|trembling|panicking)\b[^\n]"
        r"{0,80}"
        r"\bbefore " + HE + r" (?:got|gets|comes|came) home\b"
        r"|\bbefore " + HE + r" (?:got|gets|comes|came) home\b[^.!?\n]{0,40}\b(?:shaking|trembl"
        r"ing|"
        r"panic\w*|terrified|scared)\b"
        r"|\bdread\w*\b[^\n]{0,60}\b(?:he|she|stepdad|dad|mum|mom) (?:drinks|is drinking|starts "
        r"drinking) (?:from (?:noon|lunch|midday|the morning|breakfast)|all day|before (?:noon|"
        r"lunch))"
        r"|\b(?:rehears\w+|practis\w+|practic\w+) (?:how|what i'?ll say|what to say)\b"
        r"[^\n]{0,40}\b(?:tell|ask) (?:him|her|them)\b[^\n]{0,100}\b(?:shake|shakes|shaking|"
        r"trembl\w+)\b(?! with (?:excitement|joy|happiness|laughter))"
        r"|\bwhat happens (?:if|when) " + HE + r" (?:sees?|finds? out|notices?)\b"
        r"|\b(?:keep\w*|kept|hid\w*|stash\w*) my passport and (?:some )?(?:cash|money)\b"
        r"[^\n]{0,60}\bjust in case\b",
    ),
    (
        "humiliation",
        r"\b" + WHO + r" (?:mocks|mocked|imitates|imitated|mimics|copies|laughs at|makes fun of) "
        r"my (?:stutter|lisp|scars?|limp|disability)\b|\btells me to shut up (?:when|whenever|ev"
        r"ery "
        r"time) i\b"
        r"|\b" + WHO + r" (?:says|said|tells me|told me|insists)(?: that)? i (?:imagined|made up|"
        r"invented) (?:the whole thing|it all|what happened|everything)\b|\b"
        + WHO
        + r" (?:says|said|tells "
        r"me|told me|insists)(?: that)? i (?:imagined|made up|dreamt|invented) the whole (?:argu"
        r"ment|row|fight|"
        r"conversation)\b"
        r"|\b(?:says|said|tells me|told me) (?:that )?i'?m (?:losing it|losing my mind|going mad)"
        r"\b[^\n]{0,80}\b(?:'moved'|moved|third time|again|memory)\b"
        r"|\btold (?:the kids|the children|everyone) (?:that )?(?:mummy|mommy|mum|mom|daddy|dad)"
        r"(?:'s| is) (?:being )?(?:crazy|mad|mental|hysterical|unstable)\b"
        r"|\b" + HE + r" (?:posted|shared|sent|put) (?:a |an )?(?:video|photo|picture|screenshot|"
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
        r"\b" + WHO + r" (?:\w+ )?(?:logs?|logged|gets?|got) (?:into|in to) my (?:social media|"
        r"email|accounts?|facebook|instagram|bank|icloud)\b(?! (?:to|so (?:he|she) can) "
        r"(?:print|book|find|get|"
        r"download|check the|pay|sort|order|fix|help)\b)",
    ),
    # From a probe set a helper wrote for round five (development data).
    (
        "isolation",
        r"\b(?:i'?m|i am|i was|im) (?:still |now )?not (?:allowed|permitted) (?:out|to go out|to "
        r"leave (?:the house|the flat|his side|her side))\b"
        r"(?! until (?:the |a |i (?:learn|finish|get|pass|know)))"
        r"|\b(?:doesn'?t|won'?t) (?:like|let) me (?:having|have|to have|keep|keeping) (?:any )?"
        r"friends\b"
        r"|\bjealous of us\b[^.!?\n]{0,60}\b(?:choose|cut (?:her|him|them) off|stop seeing)\b"
        r"|\b" + WHO + r" (?:\w+ )?'forgets?'[^.!?\n]{0,30}\b(?:messages|calls|invitations?|"
        r"texts|to tell me)\b",
    ),
    (
        "financial",
        r"\b(?:had|have|has|need|needed) to ask (?:him |her |them )?(?:for )?permission to (?:buy|"
        r"spend|get)\b"
        r"|\b" + HE + r"(?:'d| had)? (?:frozen|froze|cancelled|canceled|blocked|stopped) (?:it|my "
        r"card|the card|my account)\b[^.!?\n]{0,30}\bbecause i\b",
    ),
    (
        "sexual_coercion",
        r"\b(?:sulks?|sulking|goes quiet|gets angry|punishes me|ignores me)\b[^.!?\n]{0,30}\bif "
        r"i (?:don'?t|won'?t|say no)\b[^.!?\n]{0,20}\b(?:sleep with|have sex|do it|put out)\b"
        r"|\bif i (?:don'?t|won'?t|say no)\b[^.!?\n]{0,30}\b(?:sleep with|have sex|do it)\b"
        r"[^.!?\n]{0,30}\b(?:sulks?|sulking|goes quiet|gets angry|punishes me|ignores me)\b",
    ),
    (
        "fear",
        r"\bin case (?:tonight|he|she|it|things) (?:goes|go|turns out|ends up|gets) (?:the way|"
        r"like) (?:last|the last)\b",
    ),
    (
        "threats",
        r"\b(?:rather see you dead|rather you were dead) than\b",
    ),
)
