"""Pieces the abuse patterns are built from: who does it, a denial just before, the
writer as the one it is done to, and the families of harm a threat names."""

from __future__ import annotations

# Who: a partner, an ex or family at home, or a pronoun standing for one.
WHO = (
    r"(?:he|she|they|him|her|them|mum|mom|dad|bf|gf|step-?dad|step-?mum|step-?mom|brother|sister|"
    r"(?:my|our) (?:husband|wife|partner|boyfriend|"
    r"girlfriend|bf|gf|fianc[eé]e?|spouse|ex|ex-?husband|ex-?wife|ex-?partner|ex-?boyfriend|ex-?"
    r"girlfriend|"
    r"dad|father|mum|mom|mother|step-?dad|step-?mum|step-?mom|stepfather|stepmother|brother|"
    r"sister|parents|in-?laws?|mother-in-law|father-in-law))"
)
NOT = r"(?<!n't )(?<!not )(?<!never )(?<!wouldn't )(?<!won't )(?<!doesn't )(?<!didn't )"
ME = r"(?:me|myself)"
# "hit me with a belt" is violence, "hit me with terrible puns" is not.
WEAPON = (
    r"(?! with (?!(?:a |an |his |her |the |my )?(?:belt|fists?|bat|stick|shoe|slipper|hand|"
    r"bottle|phone|cable|cord|hanger|spoon|remote|plate|cup|mug|chair|door|knife|back of)))"
)


HIM = r"(?:him|her|them)"
HE = r"(?:he|she|they)"

HARMS = (
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
TIMES = (
    r"(?:like |about |over )?(?:1\d|[2-9]\d|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|ni"
    r"ne)teen|twenty|thirty|"
    r"forty|fifty) times\b"
)
