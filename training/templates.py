"""The project's own templated training snippets, built in memory when the analyzer is trained.

Snippets are built from hand-written phrases for each marker, set in varied
everyday contexts, writers' voices and subjects, with hard negatives: idioms,
feelings of people who are still engaged, and negated or recovered states.
Labels follow shared/data/markers_guidelines.md. Deterministic (fixed seed); nothing is
written to disk (``training.corpus`` reads them with the hand-written sources).
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HANDWRITTEN = ROOT / "training" / "handwritten"
SEED = 7

CONTEXTS = [
    "",
    "Since the move,",
    "After the funeral,",
    "Third week of night shifts and",
    "Back from my sister's wedding and",
    "Christmas at my parents' and",
    "Since the baby arrived,",
    "Two months into the new job and",
    "Since the divorce went through,",
    "First term at uni and",
    "Since I retired,",
    "After the diagnosis,",
    "Another Sunday and",
    "On the school run today",
    "At the team away day",
    "Lately",
    "Honestly,",
    "ngl",
    "Not sure why but",
    "Since lockdown",
]

OTHERS = [
    ("My husband", "he", "his"),
    ("My wife", "she", "her"),
    ("My partner", "they", "their"),
    ("My son", "he", "his"),
    ("My daughter", "she", "her"),
    ("My dad", "he", "his"),
    ("My mum", "she", "her"),
    ("My best friend", "she", "her"),
    ("My flatmate", "he", "his"),
    ("My brother", "he", "his"),
]

# Self phrases per marker (first person). Other phrases use {S} (subject), {p} (possessive).
SELF: dict[str, list[str]] = {
    "numbness": [
        "I feel nothing at all, not even about the good news.",
        "everything reaches me like it's wrapped in cotton wool.",
        "I watched the fireworks and felt exactly as much as the lamppost did.",
        "my feelings seem to have been switched to mute.",
        "people cry at the sad bits and I just check my phone.",
        "I know I should be happy and there's only static where the happy should be.",
        "the hug felt like being held by a coat rack, and I was the coat rack.",
        "I'm hollow, like someone scooped out the middle.",
        "my heart has gone quiet in a way that scares me a bit.",
        "I got the promotion and felt about as excited as a spreadsheet.",
        "nothing lands. Good, bad, it all slides off.",
        "I'm flat as a pancake inside, emotionally speaking.",
    ],
    "disconnection": [
        "I feel like I'm watching my own life through a shop window.",
        "it's as if I'm a spectator at my own dinner table.",
        "everything looks slightly fake, like a stage set.",
        "I keep floating above the conversation instead of being in it.",
        "my hands don't feel like my hands when I type.",
        "the whole day had a dreamlike, underwater quality.",
        "I'm in the room but somehow on the other side of a pane.",
        "it feels like I'm narrating someone else's life.",
        "the world feels muffled and far off, like it's happening next door.",
        "I looked in the mirror and didn't quite recognise who was there.",
    ],
    "avoidance": [
        "I let my brother's call ring out again and texted 'busy' afterwards.",
        "I took the long way home so I wouldn't pass the hospital.",
        "whenever she brings up the wedding plans I suddenly need the loo.",
        "I've left the email from my old boss unopened for a fortnight.",
        "I joked my way out of the conversation about money again.",
        "I made up a migraine so I didn't have to go to the reunion.",
        "I ducked into the shop doorway when I saw her across the street.",
        "I keep steering every chat with Mum away from Dad's illness.",
        "the voicemail from my GP is still sitting there unplayed.",
        "I muted the family group so I don't have to see the anniversary posts.",
    ],
    "withdrawal": [
        "I've turned down every invite this month and stopped replying to the group chat.",
        "I eat lunch alone in the car now instead of the staff room.",
        "I haven't had anyone round since the spring.",
        "I've quietly dropped out of five-a-side and the lads have stopped asking.",
        "weekends are just me and the telly, and I prefer it that way lately.",
        "I skipped book club again and then left the WhatsApp group.",
        "I used to ring my nan every Sunday. I can't remember the last time.",
        "I stay in my room when my housemates are in the kitchen.",
        "I've let most of my friendships go quiet without really deciding to.",
        "I don't go to the allotment socials any more, I just don't show up.",
    ],
    "suppression": [
        "when she asked how I was I said 'all good' and changed the subject to the weather.",
        "I cried in the work toilets and came out smiling for the meeting.",
        "I keep a lid on everything because if I start I won't stop.",
        "nobody at home knows how bad the last month has been.",
        "I told everyone the redundancy was a relief. It wasn't.",
        "I swallow the hurt and make another cup of tea.",
        "I laughed it off at the table and then lay awake till four.",
        "I act like the strong one because someone has to.",
        "I rehearse my 'I'm grand' face in the car before I go in.",
        "I never mention the miscarriage. It's easier for everyone.",
    ],
    "autopilot": [
        "work, gym, dinner, bed, repeat, and I couldn't tell you what happened on Tuesday.",
        "I drove to work and have no memory of the journey at all.",
        "the days are stamped out of the same mould.",
        "I'm ticking boxes all day without really being there for any of them.",
        "I made the kids' tea, bathed them, read the story, all on a kind of cruise control.",
        "I went to put the kettle on and found the keys in the fridge.",
        "every week is a photocopy of the one before.",
        "I say the right things at the right times like a recorded announcement.",
        "the weeks have smeared into one long grey Wednesday.",
        "I go through my routine like a wind-up toy.",
    ],
    "anhedonia": [
        "my guitar has sat in its case since January and I don't miss it.",
        "even my favourite curry tastes of nothing much now.",
        "I used to live for the weekend football. Now I don't bother watching.",
        "I bought the new book by my favourite author and it's still in the bag.",
        "gardening used to be my happy place. The weeds have won and I don't care.",
        "I scrolled the whole evening looking for something I'd enjoy and found nothing.",
        "the beach holiday I'd been looking forward to for a year felt like sitting in a waiting room.",
        "I renewed the gym membership out of habit and haven't been since spring.",
        "games night used to be the highlight of my week. Now it's just noise.",
        "nothing sparks anything. Not music, not food, not films.",
    ],
    "low_empathy": [
        "my friend told me her mum is ill and I mainly wondered when I could leave.",
        "he was upset about his job and honestly I found it boring.",
        "my sister cried on the phone and I kept eating my dinner.",
        "someone at work lost their dog and I said 'it's just a dog'.",
        "my partner wanted comfort and I just felt irritated by the fuss.",
        "I hear people's problems and think, well, that's yours to sort.",
        "my son was crying about a fall-out with a mate and I told him to toughen up without looking up.",
        "I couldn't bring myself to care that she'd had a horrible day.",
    ],
    "intimacy_fear": [
        "the moment he says something sweet I make a joke to shut it down.",
        "I'd rather keep things casual, the second it gets serious I want out.",
        "if I let her see the real me she'll realise I'm not worth staying for.",
        "when he asked me to move in my chest went tight and I said it was too soon.",
        "I don't let anyone close because they always leave in the end.",
        "I keep my phone face-down and my past under lock and key.",
        "being loved feels like standing on thin ice.",
        "she wants to meet my parents and I keep inventing reasons not to.",
        "I pick fights whenever we get too close, I know I do.",
        "saying 'I love you' first would be like handing over a loaded gun.",
    ],
    "burdened": [
        "every message from my mother feels like another item on the to-do list.",
        "our evenings together feel like overtime.",
        "my friend's crises have become my second job.",
        "I love him but being with him is like carrying shopping uphill.",
        "my phone buzzes and my stomach drops because it's probably her wanting something.",
        "family gatherings leave me wrung out for days.",
        "looking after Dad and the kids, there's nothing of me left over.",
        "date night feels like a meeting I'm obliged to attend.",
        "her needs fill every room I walk into.",
        "visiting the in-laws is a shift I work without pay.",
    ],
    "hopelessness": [
        "I can't see this ever getting better, so why bother trying.",
        "there's no light at the end of anything.",
        "whatever I do, it'll end up the same, so I've stopped trying.",
        "the future looks like a blank wall.",
        "I've applied, I've tried, I've changed, and nothing ever shifts.",
        "it's always going to be like this, I've made my peace with it.",
        "there's no point planning anything, it never works out.",
        "next year will be the same grey slog as this one.",
    ],
    "healthy_boundary": [
        "I told my brother I love him but I won't lend him money any more, and we had a decent chat after.",
        "I switched my work phone off at six and still answered the urgent thing in the morning.",
        "I said no to hosting Christmas this year and offered to do Boxing Day instead.",
        "I took a quiet evening on my own to recharge and then rang my mum for a proper catch-up.",
        "I let my friend know I can't talk every night, but I booked in a walk with her on Saturday.",
        "I leave family dinners after two hours now, calmly, and I still go every month.",
        "I told my manager I won't answer emails on holiday, and handed over properly before I left.",
        "I asked my partner for an hour to myself after work, then we cooked together.",
    ],
    "reconnection": [
        "I finally told my husband how low I've been, and he just held me.",
        "I cried at a film for the first time in years and it felt like thawing.",
        "I rang my old friend out of the blue and we talked for two hours.",
        "we sat on the back step and actually talked, properly, for the first time in ages.",
        "I noticed the smell of cut grass this morning and it made me smile.",
        "I let my sister see me upset instead of pretending, and she stayed.",
        "I laughed so hard with the kids tonight I had to sit down.",
        "I joined the choir again and my chest felt full in a good way.",
        "I told my therapist the thing I've never told anyone.",
        "I held her hand on the walk home and didn't want to let go.",
    ],
    "crisis": [
        "I keep thinking everyone would cope better if I wasn't here.",
        "I've been googling ways to die and closing the tab.",
        "I've started to hurt myself again when it gets loud in my head.",
        "I don't want to wake up tomorrow.",
        "I've written letters for the kids to open after I'm gone.",
        "I've been saving my tablets in a sock drawer.",
        "I stood on the platform edge longer than I should have.",
        "I want to disappear and not come back.",
        "I feel like such a burden that my family would be better off without me.",
        "some nights I think about ending it.",
    ],
}

OTHER: dict[str, list[str]] = {
    "numbness": [
        "{S} says {p} feelings have gone flat since the accident.",
        "{S} didn't react at all when I told them the news, just a blank face.",
    ],
    "withdrawal": [
        "{S} has stopped seeing friends and spends every evening alone upstairs.",
        "{S} used to be the life of the party and now turns down every invitation.",
    ],
    "avoidance": [
        "{S} changes the subject every time I mention the hospital.",
        "{S} lets my calls ring out and then texts 'busy'.",
    ],
    "suppression": [
        "{S} keeps saying 'I'm fine' with that tight little smile.",
        "{S} never talks about how {p} week has really been.",
    ],
    "autopilot": [
        "{S} moves through the day like a sleepwalker, same routine, eyes somewhere else."
    ],
    "anhedonia": ["{S} hasn't touched {p} paints in months and says there's no point."],
    "low_empathy": ["{S} shrugged when I said I was struggling and went back to the telly."],
    "intimacy_fear": ["{S} backs off every time things get serious between us."],
    "hopelessness": ["{S} keeps saying nothing is ever going to change."],
    "crisis": [
        "{S} told me they want to die and I'm frightened.",
        "{S} has been giving away {p} things and saying goodbye in odd ways.",
    ],
}

NEGATIVES = [
    "Packed a spare jumper just in case it turns cold at the beach.",
    "Killed the last boss on the new game and did a little dance.",
    "I'm knackered after the night shift but we had a good laugh on the ward.",
    "I'm killing it at work this week and I'm proud of myself.",
    "Dying to see the new film with my mates on Friday.",
    "Got some rough news today, rang my sister and we talked it through.",
    "Furious about the parking ticket, ranted to my partner, felt better.",
    "Sad that Gran's moving into a home, we spent the afternoon looking at old photos together.",
    "So nervous before the interview, my friend talked me down on the phone.",
    "Had a row with my husband about the bins, made up over tea.",
    "My foot went numb sitting cross-legged at the assembly.",
    "This commute is killing me but the podcast is good.",
    "Busy week: work, gym, kids' parents' evening, and a lovely dinner with friends on Friday.",
    "Missing Dad today. Lit a candle and told the kids stories about him.",
    "I'd die of embarrassment if anyone saw my dance moves.",
    "Cried watching the final, happy tears, hugging strangers in the pub.",
    "Worried about money, sat down with my partner and made a budget together.",
    "The phone died halfway through the call with Mum so I rang her back from the landline.",
    "Bored to death in the training session but lunch with the team was fun.",
    "Really looking forward to the camping trip with my brother.",
    "Lonely evening, so I invited the neighbour round for a cuppa.",
    "Fed up with the rain, baked bread with the kids instead.",
]

RECOVERED = [
    ("I don't feel numb anymore, I cried at the school play.", "reconnection"),
    ("Not on autopilot today, I noticed every tree on the walk.", "reconnection"),
    ("I'm no longer hiding how I feel from my wife.", "reconnection"),
    ("For the first time in months I'm not avoiding my dad's calls.", "reconnection"),
    ("The fog has lifted a bit, I actually enjoyed the concert.", "reconnection"),
    (
        "I used to feel empty all the time, but this week I felt proud and silly and happy.",
        "reconnection",
    ),
]


# Slot-filled templates: hard negatives, recovered states and hypotheticals (guidelines 1, 13, 14).
PEOPLE = [
    "my sister", "my brother", "my mum", "my dad", "my husband", "my wife", "my partner",
    "my best friend", "my flatmate", "my son", "my daughter", "my nan", "my boss", "the team",
    "my girlfriend", "my boyfriend", "my neighbour", "my uncle", "my cousin", "my mate",
]  # fmt: skip
ENGAGED_FEELINGS = [
    "gutted", "furious", "so nervous", "really sad", "anxious", "knackered", "fed up", "stressed",
    "heartbroken", "worried sick", "exhausted", "annoyed", "lonely", "tearful", "cross",
]  # fmt: skip
EVENTS = [
    "the interview", "the results", "the move", "the funeral", "the diagnosis", "the breakup",
    "the exam", "the match", "the money", "the rota", "the inspection", "the wedding plans",
    "the vet bill", "the car failing its MOT", "the job offer falling through",
]  # fmt: skip
ENGAGED_ACTIONS = [
    "rang {p} and talked it through", "cried on {p}'s shoulder", "ranted to {p} for an hour",
    "went for a walk with {p}", "had a cuppa with {p} and felt better",
    "told {p} all about it", "laughed about it with {p} later", "hugged {p} for ages",
]  # fmt: skip
PAST_SIGNS = {
    "numbness": ["feel numb", "feel empty", "feel flat", "feel nothing"],
    "autopilot": ["on autopilot", "going through the motions"],
    "avoidance": ["avoiding {p}", "dodging {p}'s calls"],
    "withdrawal": ["hiding away from everyone", "cancelling on everyone"],
    "suppression": ["bottling everything up", "pretending I'm fine"],
}
RECOVERY_TEMPLATES = [
    "I'm not {sign} anymore. {good}",
    "I don't {sign} any more, {good_lower}",
    "No longer {sign}. {good}",
    "For months I was {sign}, but not anymore. {good}",
]
GOOD = [
    "Cried at the school play and it felt good.", "Laughed properly with {p} tonight.",
    "Told {p} how I've really been.", "Actually enjoyed the walk home.",
    "Felt close to {p} for the first time in ages.", "Rang {p} just to chat.",
]  # fmt: skip
HYPOTHETICALS = [
    "If I ever stopped caring about {p}, I'd want someone to tell me.",
    "I'd hate to end up {sign} like my old boss.",
    "What if I start {sign} like I did at uni? Not now, but it worries me.",
    "Imagine {sign} at your own wedding. Couldn't be me, I cry at everything.",
]


def templated(rng: random.Random, count: int) -> list[dict[str, object]]:
    """Slot-filled snippets: engaged feelings (no label), recoveries, hypotheticals."""
    rows: list[dict[str, object]] = []
    for _ in range(count):
        person = rng.choice(PEOPLE)
        kind = rng.random()
        if kind < 0.45:
            action = rng.choice(ENGAGED_ACTIONS).format(p=person)
            text = f"{rng.choice(ENGAGED_FEELINGS).capitalize()} about {rng.choice(EVENTS)}. {action.capitalize()}."
            rows.append({"text": text, "labels": [], "subject": "self"})
        elif kind < 0.8:
            marker = rng.choice(sorted(PAST_SIGNS))
            sign = rng.choice(PAST_SIGNS[marker]).format(p=person)
            if sign.startswith("feel ") and "{sign}" in (
                template := rng.choice(RECOVERY_TEMPLATES)
            ):
                template = "I don't {sign} anymore. {good}"
            else:
                template = rng.choice(RECOVERY_TEMPLATES[:1] + RECOVERY_TEMPLATES[2:])
                sign = sign.removeprefix("feel ")
            good = rng.choice(GOOD).format(p=person)
            text = template.format(sign=sign, good=good, good_lower=good[0].lower() + good[1:])
            rows.append({"text": text, "labels": ["reconnection"], "subject": "self"})
        else:
            marker = rng.choice(sorted(PAST_SIGNS))
            sign = rng.choice(PAST_SIGNS[marker]).format(p=person).replace("feel ", "feeling ")
            text = rng.choice(HYPOTHETICALS).format(p=person, sign=sign)
            rows.append({"text": text, "labels": [], "subject": "self"})
    return rows


def snippet(rng: random.Random, core: str) -> str:
    context = rng.choice(CONTEXTS)
    if not context:
        return core[0].upper() + core[1:]
    return f"{context} {core}"


def read_handwritten() -> list[dict[str, object]]:
    """Hand-written snippets from training/handwritten/*.txt: ``labels | subject | text`` per line.

    Labels are comma-separated marker names or ``-`` for none; lines starting with ``#``
    are comments.
    """
    markers = set(SELF) | {"crisis", "healthy_boundary", "reconnection"}
    rows: list[dict[str, object]] = []
    for path in sorted(HANDWRITTEN.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            labels_part, subject, text = (part.strip() for part in line.split(" | ", 2))
            labels = [] if labels_part == "-" else [x.strip() for x in labels_part.split(",")]
            unknown = set(labels) - markers
            if unknown or subject not in {"self", "other"} or not text:
                raise SystemExit(f"{path.name}:{number}: bad line ({sorted(unknown)}, {subject!r})")
            rows.append({"text": text, "labels": labels, "subject": subject})
    return rows


def generated() -> list[dict[str, object]]:
    """Every templated snippet, in a fixed order."""
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []
    for marker, phrases in SELF.items():
        for phrase in phrases:
            for _ in range(8):
                rows.append({"text": snippet(rng, phrase), "labels": [marker], "subject": "self"})
    for marker, phrases in OTHER.items():
        for phrase in phrases:
            for subject, pronoun, possessive in OTHERS:
                text = phrase.format(S=subject, s=pronoun, p=possessive)
                rows.append({"text": text, "labels": [marker], "subject": "other"})
    for phrase in NEGATIVES:
        for _ in range(6):
            rows.append(
                {
                    "text": snippet(rng, phrase[0].lower() + phrase[1:]),
                    "labels": [],
                    "subject": "self",
                }
            )
    for phrase, marker in RECOVERED:
        for _ in range(6):
            rows.append(
                {
                    "text": snippet(rng, phrase[0].lower() + phrase[1:]),
                    "labels": [marker],
                    "subject": "self",
                }
            )
    rows.extend(templated(random.Random(SEED + 1), 700))
    rng.shuffle(rows)
    return rows
