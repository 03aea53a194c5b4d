"""Words that met a locked journal: carried through the unlock page, saved once it opens.

The journal locks itself after its idle minutes, so a form sent after that finds it locked.
Rather than lose what was written, the form's handler answers with the unlock page
(``unlock_to_save``), which carries the form's fields in hidden inputs: nothing of them is
kept on the server while it is locked. Unlocking sends them back (``carried_draft``) and
``save_draft`` saves them as the form would have. A journal entry (new or edited), a
check-in and a practice's reflection travel this way.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Form, Request

from reconnect.errors import InputError, NotFoundError
from reconnect.services import checkins, journal, practices
from reconnect.web.deps import render

if TYPE_CHECKING:
    from fastapi.responses import HTMLResponse

    from reconnect.services import Services

CHECKIN = "checkin"
PRACTICE = "practice:"
# What the words were for: "new" (an entry), an entry's id (an edit), a check-in, or a
# practice done ("practice:box-breathing"). Anything else is refused before unlocking.
DraftForField = Annotated[
    str, Form(max_length=100, pattern=r"^(new|[0-9]{1,18}|checkin|practice:[a-z0-9-]{1,80})?$")
]
DraftField = Annotated[str, Form(max_length=20_000)]
ScaleField = Annotated[int | None, Form()]  # the range is the service's to check
INCOMPLETE_CHECKIN = "The check-in this page carried has no square of the mood meter."


@dataclass(frozen=True)
class Draft:
    """What a form was saving when it met the lock.

    ``target`` is one of the DraftForField values; ``text`` the words (the entry, the
    check-in's note, the practice's reflection). A check-in also has its mood-meter square
    and the feelings named.
    """

    target: str
    text: str = ""
    pleasantness: int | None = None
    energy: int | None = None
    feelings: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """Entry, checkin or practice: what the words were for."""
        if self.target == CHECKIN:
            return "checkin"
        return "practice" if self.target.startswith(PRACTICE) else "entry"

    @property
    def page(self) -> str:
        """The page the words were written on."""
        if self.kind == "checkin":
            return "/checkin"
        if self.kind == "practice":
            return f"/practices/{self.target.removeprefix(PRACTICE)}"
        return "/journal"

    def fields(self) -> list[tuple[str, str]]:
        """The hidden fields that carry it through the unlock page, in carried_draft's names."""
        carried = [("draft_for", self.target), ("draft", self.text)]
        for name, number in (("pleasantness", self.pleasantness), ("energy", self.energy)):
            if number is not None:
                carried.append((f"draft_{name}", str(number)))
        carried += [("draft_feeling", feeling) for feeling in self.feelings]
        return carried


def unlock_to_save(request: Request, draft: Draft) -> HTMLResponse:
    """The unlock page for words that met a locked journal: it carries them; unlocking saves."""
    context = {"next": draft.page, "error": None, "draft": draft}
    return render(request, "unlock.html", context, status_code=401)


def carried_draft(
    draft_for: DraftForField = "",
    draft: DraftField = "",
    draft_pleasantness: ScaleField = None,
    draft_energy: ScaleField = None,
    draft_feeling: Annotated[list[str] | None, Form(max_length=12)] = None,
) -> Draft | None:
    """The draft the unlock form sent back, if any (a dependency of the unlock route).

    A check-in without its square is refused here, before anything is unlocked.
    """
    if not draft_for:
        return None
    if draft_for == CHECKIN and (draft_pleasantness is None or draft_energy is None):
        raise InputError(INCOMPLETE_CHECKIN)
    feelings = tuple(draft_feeling or ())
    return Draft(draft_for, draft, draft_pleasantness, draft_energy, feelings)


def save_draft(services: Services, draft: Draft) -> str:
    """Save what the unlock page carried, as its form would have; the page that shows it.

    An edited entry deleted meanwhile (in another tab) gets its words back as a new entry:
    they are never dropped.
    """
    if draft.kind == "checkin":
        assert draft.pleasantness is not None and draft.energy is not None  # carried_draft
        saved = checkins.record_checkin(
            services,
            pleasantness=draft.pleasantness,
            energy=draft.energy,
            feelings=draft.feelings,
            note=draft.text,
        )
        return f"/checkin?saved={saved.id}"
    if draft.kind == "practice":
        logged = practices.log_practice(services, draft.target.removeprefix(PRACTICE), draft.text)
        return f"{draft.page}?logged={logged.id}"
    entry = None
    if draft.target != "new":
        with suppress(NotFoundError):
            entry = journal.edit_entry(services, int(draft.target), draft.text)
    if entry is None:
        entry = journal.write_entry(services, draft.text)
    return f"/journal/entries/{entry.id}"
