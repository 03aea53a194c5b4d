"""Marks on the writer and the stories told about them: "Split lip. Told the kids I fell over
the dog.", "Told my colleague the bruise was from netball. It wasn't netball.", "Need
concealer for the mark on my cheek", a third 'accident' this month. Read as plainly as the
direct patterns (``direct``): the colleague or the kids here are who hears the story, not who
did it, so the vetoes for a boss or a colleague do not apply."""

from __future__ import annotations

from reconnect.analysis.harm.words import WHO

# Who hears the cover story.
_AUDIENCE = (
    r"(?:the |my |a |our )?(?:kids|children|son|daughter|colleagues?|boss|manager|mum|mom|dad|"
    r"friends?|sister|brother|neighbou?rs?|teacher|doctor|nurse|gp|everyone(?: at \w+)?|people|"
    r"work|\u01c2+)"
)
_INJURY = (
    r"(?:bruis\w+|black eye|split lip|fat lip|the marks?|fingermarks|finger ?prints on my|swollen "
    r"(?:wrist|eye|lip|jaw|cheek))"
)
# A sport or a plain cause anywhere near: "bruise from netball, long sleeves anyway, freezing".
_PLAIN_CAUSE = (
    r"(?![^\n]{0,80}\b(?:netball|football|rugby|hockey|climbing|boxing|the gym|my bike|sunburn|"
    r"tattoo|eczema|hickey|love bite|freezing|so cold|chilly|clumsy)\b)"
)

COVER: tuple[tuple[str, str], ...] = (
    (
        "physical",
        # a cover story told, with no word that it is true
        r"\b(?:told|tell|telling) "
        + _AUDIENCE
        + r"(?: at (?:the |a )?[\w-]+)? (?:that )?(?:i (?:fell|walked into|tripped|slipped|banged|"
        r"bumped)|(?:it|the (?:bruise|mark|cut|black eye|lip))(?: was|'s| came)? from (?:netball|"
        r"football|rugby|hockey|the gym|a door|the door|a fall|falling|the cupboard|the dog|the "
        r"cat|the stairs))\b(?![^.!?\n]{0,60}\b(?:because i (?:did|really)|clumsy|klutz|which "
        r"(?:is true|i did)|i (?:really |actually |genuinely |honestly )?did (?:fall|trip|slip)))"
        # the same story in the writer's own words: "said I walked into the cupboard door"
        r"|\b(?:said|say|saying) (?:that )?i walked into (?:a|the) (?:\w+ )?(?:door|doorframe|"
        r"cupboard|wall)\b(?![^.!?\n]{0,60}\b(?:because i (?:did|really)|clumsy|klutz|which "
        r"(?:is true|i did)|i (?:really |actually |genuinely |honestly )?did\b))"
        # the writer saying the story is not true
        r"|\bit wasn'?t (?:netball|football|rugby|hockey|the gym|a door|the door|the cupboard|the "
        r"dog|the cat|the stairs|a fall|an accident)\b"
        # covering a mark
        r"|\bconcealer (?:for|over|on) (?:the |this |that |my )?(?:marks?|bruis\w+|yellow|purple|"
        r"black eye|(?:mark|bruise) on my)\b" + _PLAIN_CAUSE + r"|\b" + _INJURY + r"\b[^\n]{0,60}"
        r"\b(?:wearing|wore|wear) (?:long sleeves|a turtleneck|a polo neck|a scarf)\b"
        + _PLAIN_CAUSE
        # waiting for a mark to fade before being seen
        + r"|\b"
        + _INJURY
        + r"\b[^\n]{0,80}\bshould be (?:gone|faded|healed|hidden) (?:by|before)"
        r"\b"
        + _PLAIN_CAUSE
        +
        # an 'accident' in quotes, beside who did it or an injury
        r"|\b"
        + WHO
        + r"\b[^.!?\n]{0,60}'accidents?'|'accidents?'[^.!?\n]{0,40}\b(?:wrist|arm|"
        r"bruis\w+|eye|lip|ribs?|swollen)\b",
    ),
)
