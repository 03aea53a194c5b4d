"""Signs that the writer is being hurt, frightened or controlled by someone close to them.

Abuse and coercive control are not detachment, and no sign of them is ever shown to, or
sent to, anyone but the writer. When a person's own words describe a partner or family
member monitoring them, cutting them off, threatening them, making them afraid, hurting
them, forcing sex, or taking control of their money, reconnect shows them (and only them)
domestic-abuse help for their country (``content/abuse_resources.toml``).

Rules only, read as the person wrote it: each pattern needs the writer as the one it is
done to ("me", "my"), so "my boss is controlling" or "he hit the gym" stay quiet, and another
person's things are not the writer's ("every penny my mum earned", "my sister's phone"). A
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
good call", "so she could see I got home safe"). No veto holds beside distress or refusal
("until I couldn't breathe", "even when I scream at him to stop"); a plea to stop is not the
writer asking for it, drink is a reason only for keys and phones, and a joke or an accident
claimed by the one doing it is no play. Deterministic and fast: one pass finds where any
pattern could start and only those places are tried, so ``find_harm`` on 20,000 characters
takes a few milliseconds to a few tens (about 0.16 s in the worst case built for it, a
run of trigger words with no full stop, with the learned layer).

The rules live in this package, one responsibility a module: ``words`` (the pieces patterns
are built from), ``direct``, ``indirect`` and ``indirect_later`` (the patterns), ``injuries``
(marks and the stories told about them), ``names`` (a name read as someone who may be close),
``cues`` (sentences whose cues add up), ``vetoes`` (play, own wish, care, denial), ``past``
(harm the writer says is past and over: "my ex used to check my phone; that was years ago and
I'm safe now", unless the entry says it goes on), ``gate`` (where any pattern could start)
and ``detector`` (``find_harm``, which sets aside what ``past`` finds for the rules and the
learned layer alike).

Beside the rules, a small learned layer (``harm_model.py``) reads each sentence no rule
matched in: it counts only when its score clears a threshold chosen on real ordinary text and
the sentence has the writer as the one acted on, names someone close (``words.WHO``), and is no
denial, play, fiction, boss or own wish. ``find_harm(text, learned=False)`` is the rules alone.

>>> [h.kind for h in find_harm("He checks my phone every night and I'm scared of him.")]
['monitoring', 'fear']
>>> find_harm("My boss is so controlling about deadlines.")
()
"""

from __future__ import annotations

from reconnect.analysis.harm.detector import HARM_KINDS, find_harm
from reconnect.analysis.harm.hit import HarmHit

__all__ = ["HARM_KINDS", "HarmHit", "find_harm"]
