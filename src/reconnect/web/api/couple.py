"""Couples in server mode: pairing, the weekly check-in, shared entries (issue "Together")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from reconnect.services import couple_checkins, couple_sharing, couples
from reconnect.web.member_session import OpenedMember

if TYPE_CHECKING:
    from reconnect.domain.couple_selfchecks import ViewRow

router = APIRouter(tags=["couple"])
EntryId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class CodeOut(BaseModel):
    """A single-use pairing code for your partner, valid 48 hours."""

    code: str


class JoinIn(BaseModel):
    """The code your partner gave you."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=32)


class CoupleOut(BaseModel):
    """Whether you are paired, with whom, and whether shared check-ins are paused."""

    paired: bool
    partner: str | None
    paused: bool
    notice: str | None = Field(description="Said once: 'The pairing has ended.'")


class QuestionOut(BaseModel):
    """One check-in question."""

    id: str
    kind: Literal["scale", "text"]
    wording: str
    min: int | None = None
    max: int | None = None
    low: str | None = None
    high: str | None = None


class CoupleAnswersIn(BaseModel):
    """Your answers, by question id: whole numbers for scales, short text for the rest."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, int | str] = Field(max_length=20)


class WeekOut(BaseModel):
    """One week's check-in. ``waiting``: only your own answers. ``revealed``: both sets,
    side by side, with conversation starters. ``paused``: nothing."""

    week: str
    status: Literal["waiting", "revealed", "paused"]
    mine: dict[str, int | str] | None
    partner: dict[str, int | str] | None
    starters: list[str]


class SharedEntryOut(BaseModel):
    """An entry your partner chose to share."""

    entry_id: int
    text: str
    written_at: str
    shared_at: str


# The name api/couple_pattern.py imports from here.
Opened = OpenedMember


def _status(found: couples.CoupleStatus) -> CoupleOut:
    return CoupleOut(
        paired=found.paired, partner=found.partner, paused=found.paused, notice=found.notice
    )


@router.get("/couple", summary="Your pairing")
def couple_status(opened: OpenedMember) -> CoupleOut:
    server, session = opened
    return _status(couples.status(server, session))


@router.post("/couple/invite", summary="A code for your partner (48 hours, single use)")
def couple_invite(opened: OpenedMember) -> CodeOut:
    server, session = opened
    return CodeOut(code=couples.invite(server, session))


@router.post("/couple/join", summary="Pair with your partner's code")
def couple_join(body: JoinIn, opened: OpenedMember) -> Any:
    server, session = opened
    try:
        return _status(couples.join(server, session, body.code))
    except couples.TooManyTriesError as exc:
        return JSONResponse(
            {"error": exc.message, "hint": exc.hint},
            status_code=429,
            headers={"Retry-After": str(exc.retry_after)},
        )


@router.delete("/couple", status_code=204, summary="Unpair (alone, at once)")
def couple_unpair(opened: OpenedMember) -> None:
    server, session = opened
    couples.unpair(server, session)


@router.get("/couple/checkins/questions", summary="The weekly check-in's questions")
def checkin_questions(opened: OpenedMember) -> list[QuestionOut]:
    del opened  # only a paired or unpaired member may read the questions
    return [
        QuestionOut(
            id=q.id,
            kind="scale" if q.kind == "scale" else "text",
            wording=q.wording,
            min=q.min,
            max=q.max,
            low=q.low,
            high=q.high,
        )
        for q in couple_checkins.questions()
    ]


@router.post("/couple/checkins", summary="Answer this week's check-in (alone)")
def checkin_answer(body: CoupleAnswersIn, opened: OpenedMember) -> dict[str, Any]:
    """Returns the ISO week. If your words describe being hurt or controlled, shared
    check-ins pause for both of you, nothing of them is stored, and help is shown to you
    alone (``abuse_resources``)."""
    server, session = opened
    week, harm = couple_checkins.answer(server, session, dict(body.answers))
    if not harm:
        return {"week": week}
    from reconnect.contracts.safety import abuse_help_out

    texts = " ".join(v for v in body.answers.values() if isinstance(v, str))
    help_out = abuse_help_out(texts, server.settings.country)
    return {"week": week, "paused": True, "abuse_resources": help_out}


@router.get("/couple/checkins/{week}", summary="One week's check-in")
def checkin_week(week: Annotated[str, Path(max_length=10)], opened: OpenedMember) -> WeekOut:
    server, session = opened
    view = couple_checkins.week_view(server, session, week)
    return WeekOut(
        week=view.week,
        status=_week_status(view.status),
        mine=view.mine,
        partner=view.partner,
        starters=list(view.starters),
    )


def _week_status(status: str) -> Literal["waiting", "revealed", "paused"]:
    if status == "revealed":
        return "revealed"
    return "paused" if status == "paused" else "waiting"


@router.post("/couple/resume", status_code=204, summary="Resume paused check-ins")
def checkin_resume(opened: OpenedMember) -> None:
    server, session = opened
    couple_checkins.resume(server, session)


@router.post("/entries/{entry_id}/share", status_code=204, summary="Share one entry")
def share_entry(entry_id: EntryId, opened: OpenedMember) -> None:
    server, session = opened
    couple_sharing.share_entry(server, session, entry_id)


@router.delete("/entries/{entry_id}/share", status_code=204, summary="Stop sharing one entry")
def unshare_entry(entry_id: EntryId, opened: OpenedMember) -> None:
    server, session = opened
    couple_sharing.unshare_entry(server, session, entry_id)


@router.get("/couple/entries", summary="Entries your partner shared")
def partner_entries(opened: OpenedMember) -> list[SharedEntryOut]:
    server, session = opened
    found = couple_sharing.partner_entries(server, session)
    return [
        SharedEntryOut(
            entry_id=e.entry_id, text=e.text, written_at=e.written_at, shared_at=e.shared_at
        )
        for e in found
    ]


class ViewRowOut(BaseModel):
    """One dimension about one person: their own view and their partner's (0-100, more
    signs = higher; None when too few answers)."""

    dimension: str
    name: str
    own_view: float | None
    partner_view: float | None


class SideBySideOut(BaseModel):
    """``waiting`` until both partners shared their self-check scores; then ``about_me``
    (my view of me beside my partner's view of me) and ``about_partner``; ``paused``, with
    nothing shown, while harm has paused the couple's check-ins."""

    status: Literal["waiting", "shown", "paused"]
    mine_shared: bool
    about_me: list[ViewRowOut]
    about_partner: list[ViewRowOut]
    note: str


def _rows(found: tuple[ViewRow, ...]) -> list[ViewRowOut]:
    return [
        ViewRowOut(
            dimension=r.dimension, name=r.name, own_view=r.own_view, partner_view=r.partner_view
        )
        for r in found
    ]


def _view_status(status: str) -> Literal["waiting", "shown", "paused"]:
    if status in ("shown", "paused"):
        return "shown" if status == "shown" else "paused"
    return "waiting"


@router.get("/couple/selfchecks", summary="Self and partner side by side, if both agree")
def selfchecks_side_by_side(opened: OpenedMember) -> SideBySideOut:
    server, session = opened
    view = couple_sharing.selfchecks_side_by_side(server, session)
    return SideBySideOut(
        status=_view_status(view.status),
        mine_shared=view.mine_shared,
        about_me=_rows(view.about_me),
        about_partner=_rows(view.about_partner),
        note=view.note,
    )


@router.post("/couple/selfchecks/share", status_code=204, summary="Agree to the side-by-side view")
def share_selfchecks(opened: OpenedMember) -> None:
    """Shares your latest self-check scores (about you and about your partner, not your
    answers); they are shown only once your partner has shared theirs."""
    server, session = opened
    couple_sharing.share_selfchecks(server, session)


@router.delete("/couple/selfchecks/share", status_code=204, summary="Stop the side-by-side view")
def unshare_selfchecks(opened: OpenedMember) -> None:
    server, session = opened
    couple_sharing.unshare_selfchecks(server, session)
