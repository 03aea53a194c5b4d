"""Harm told sideways: played down ("he only pushes when he's had a drink"), put in scare
quotes ("he's 'lost' my passport"), answered by "it didn't matter" ("said no again last
night, it didn't matter"), an ex who keeps turning up after it ended, things of the writer's
broken to punish them, and being made to apologise for what they did not do.

Written from the misses of the development set ``coercion_dev4``, each as the family of
wordings it belongs to rather than the sentence that was missed. ``direct`` appends
``PLAYED_DOWN`` after its own patterns and ``indirect`` appends ``MINIMISED`` after
``indirect_later``'s, so earlier patterns are tried exactly as before.
"""

from __future__ import annotations

from reconnect.analysis.harm.words import HE, WHO

# "my ex", a name (``names.NAMED`` letters) or he/she, as the one who turns up.
_EX = r"(?:my ex|\u01c2+|he|she)"
# Said in the same entry: the relationship is over, or the writer has asked them to stop.
_ENDED = (
    r"(?=[^\n]{0,160}\b(?:split up|broke up|we'?re (?:done|over|finished)|it'?s over|ended it|"
    r"told (?:him|her|them) (?:we'?re|it'?s) (?:done|over)|to leave me alone|not to (?:come|contact"
    r"|call|text)|restraining order|non-molestation))"
)
# Scare quotes around an innocent word: "he 'lost' my bank card", "she 'forgot' to tell me".
_QUOTED = r"['\u2018](?:lost|misplaced|forgot|forgets|forgotten|accidentally)['\u2019]"

# Read as plainly as the direct patterns (``direct`` appends them): "Liam grabbed the back of
# my neck because I'd talked to the teacher too long" is about Liam, not a teacher.
PLAYED_DOWN: tuple[tuple[str, str], ...] = (
    (
        "physical",
        # played down: "he only pushes when he's had a drink", "she only slaps me when..."
        r"\b" + HE + r" only (?:pushes|shoves|slaps|hits|grabs|shakes|kicks)(?: me)? (?:when|if|"
        r"after|once)\b"
        # kept at it: "he kept pushing me even after I asked him to stop" (not "pushing me to
        # apply")
        r"|\b" + WHO + r" (?:kept|keeps|keep) (?:pushing|shoving|hitting|slapping|kicking|pinching|"
        r"squeezing|shaking) me\b(?! (?:to|towards?|on|forward|along|into)\b)"
        # hands on the neck, throat or hair
        r"|\b" + WHO + r" (?:\w+ )?(?:grabbed|grabs|yanked|yanks|squeezed|squeezes) (?:me by )?"
        r"(?:the back of )?my (?:neck|throat|hair)\b(?! (?:and|to) (?:kiss|massage|rub|play)\w*)",
    ),
)

MINIMISED: tuple[tuple[str, str], ...] = (
    (
        "sexual_coercion",
        # a no that did not count: "said no again last night. it didn't matter again."
        r"\b(?:said|say|told (?:him|her|them)) no\b(?! to\b)[^?\n]{0,60}\b(?:didn'?t|did not|"
        r"doesn'?t|does not|never) (?:matter|count|stop (?:him|her|them)|listen)\b",
    ),
    (
        "financial",
        r"\b" + WHO + r"(?:'s| has| had)? (?:\w+ )?" + _QUOTED + r" (?:my|to (?:pick|collect|take"
        r"|give|pass|tell|pay))\b",
    ),
    (
        "monitoring",
        # an ex (or a name) turning up, or their car outside, after it ended
        r"\b" + _EX + r" (?:turned|turns|showed|shows|keeps? turning|keeps? showing) up (?:at|"
        r"outside) my (?:work|office|house|flat|door|gym|school|uni|place|job)\b"
        + _ENDED
        + r"|\b(?:\u01c2+|my ex)'s car\b(?: \w+){0,3} (?:outside|opposite|across from|at) (?:my|"
        r"the) (?:house|flat|work|office|gym|school|door|building)\b" + _ENDED,
    ),
    (
        "threats",
        # the writer's things broken to punish them: "smashed my phone because I laughed"
        r"\b" + WHO + r" (?:\w+ )?(?:smashed|smashes|snapped|stamped on|threw|broke|ripped up|cut "
        r"up) my (?:phone|laptop|glasses|tablet|ipad|guitar|painting|dress|clothes)\b[^.!?\n]{0,60}"
        r"\bbecause i\b",
    ),
    (
        "monitoring",
        # checking up at work: "my husband called my work again to check I was on shift"
        r"\b" + WHO + r" (?:\w+ )?(?:calls?|called|rings?|rang|phones?|phoned) my (?:work|office|"
        r"job|shift|manager|boss)\b[^.!?\n]{0,20}\bto (?:check|see|make sure) (?:that |if |"
        r"whether )?i(?:'m| am| was| were) (?:actually|really|definitely|there|at work|at my desk|"
        r"on (?:shift|site)|in (?:work|the office)|where i said)\b"
        # the deleted messages too: "he checks the deleted folder too"
        r"|\b"
        + WHO
        + r" (?:\w+ )?(?:checks?|checked|goes through|went through|looks? (?:in|at)) (?:the|my) "
        r"(?:recently )?deleted (?:folder|messages|texts|items|photos)\b",
    ),
    (
        "isolation",
        r"\b(?:wasn'?t|was not|am not|'m not|not|never) (?:allowed|permitted) to leave (?:his|her) "
        r"side\b(?![^.!?\n]{0,60}\b(?:hospital|nurse|doctor|ward|hospice|labou?r|birth|surgery))",
    ),
    (
        "sexual_coercion",
        r"\b(?:wouldn'?t|won'?t|doesn'?t|didn'?t) let me (?:sleep|leave|go)\b[^.!?\n]{0,20}"
        r"\buntil i(?:'d|'ve| had| have)? (?:had sex|slept with|done it|did it|given in)\b",
    ),
    (
        "threats",
        # a veiled threat quoted: "He replied 'I know which bus you get home.'"
        r"\b(?:he|she|they|my ex)(?: \w+)? (?:said|says|replied|texted|messaged|wrote)[:,]? "
        r"['\"\u2018\u201c]i know (?:which bus|where you (?:live|work|are|sleep|go)|what time you)",
    ),
    (
        "humiliation",
        r"\bapologi[sz](?:e|es|ed|ing) for (?:something|things|stuff) i(?: didn'?t| never|'m not "
        r"(?:even )?sure i| am not (?:even )?sure i| don'?t (?:remember|think i))\b",
    ),
)
