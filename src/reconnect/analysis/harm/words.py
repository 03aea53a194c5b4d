"""Pieces the abuse patterns are built from: who does it, a denial just before, the
writer as the one it is done to, and the families of harm a threat names."""

from __future__ import annotations

# Who: a partner, an ex or family at home, or a pronoun standing for one.
_CLOSE_PEOPLE = (
    r"he|she|they|him|her|them|mum|mom|dad|bf|gf|step-?dad|step-?mum|step-?mom|brother|sister|"
    r"(?:my|our) (?:husband|wife|partner|boyfriend|"
    r"girlfriend|bf|gf|fianc[eé]e?|spouse|ex|ex-?husband|ex-?wife|ex-?partner|ex-?boyfriend|ex-?"
    r"girlfriend|"
    r"dad|father|mum|mom|mother|step-?dad|step-?mum|step-?mom|stepfather|stepmother|brother|"
    r"sister|parents|in-?laws?|mother-in-law|father-in-law))"
)
# The learned layers' gate reads these words (and names, as written: ``names``).
CLOSE = r"(?:" + _CLOSE_PEOPLE
# The rules read them, a partner without "my" as diaries write it ("Husband checks the
# mileage"), and a name (written over with ``names.NAMED`` letters before the rules read a
# text). Not for the learned layers' gate: there "my first husband" (an ex) would open it.
WHO = r"(?:\u01c2+|husband|wife|boyfriend|girlfriend|" + _CLOSE_PEOPLE
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
    r"(?:hurt|kill|smash|ruin|put me in (?:the ground|a grave|hospital)|(?:post|share|send|leak) "
    r"(?:my|me|those|the (?:\w+ )?of me)|expose|"
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

# Another person of the writer's (family, friends, people around them), after "my" and an
# optional word ("my little sister", "my best friend"): what is theirs is not the writer's.
PERSON = (
    r"(?:\w+ )?(?:mum|mom|mam|mother|dad|father|step-?(?:dad|mum|mom|father|mother|brother|"
    r"sister)|sister|brother|sis|bro|son|daughter|kid|child|children|baby|friend|mate|bestie|"
    r"cousin|aunt|auntie|uncle|nan|nana|gran|granny|grandma|grandmother|grandad|grandpa|"
    r"grandfather|niece|nephew|neighbou?r|flatmate|roommate|housemate|colleague|coworker|"
    r"husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?|ex|parent|in-?law)s?"
)
# Straight after an object, a clause or possessive that makes it another person's: "every
# penny | my mum earned", "all the money | my sister saved", "the card | of my nan's". No
# comma ("he hit me, my sister noticed" is a new clause), and a clause ending in "me" or "us"
# keeps it the writer's ("every penny my mum sends me").
ANOTHERS = (
    r" (?:that |which )?(?:of )?my "
    + PERSON
    + r"(?:'s\b| (?:\w+ly )?(?:\w+ed|earns?|made|makes|gets|got|has|had|keeps|kept|saves|owns|"
    r"brings? (?:in|home)|brought (?:in|home)|gives?|gave|sends?|sent|writes?|wrote|posts?)\b"
    r"(?![^.!?\n]{0,20}\b(?:me|us)\b))"
)
