"""Counsellor shares: the client shares chosen summaries, the counsellor reads only those,
until revoked or expired (issue "Together", PAIR-4, PAIR-5, WEB-11)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from reconnect.services import counsellor_shares, shares
from reconnect.web.member_session import Opened  # noqa: TC001 - FastAPI reads it

router = APIRouter(tags=["shares"])
ShareId = Annotated[str, Path(max_length=32)]
ClientId = Annotated[str, Path(max_length=32)]
NO_STORE = {"Cache-Control": "no-store"}  # nothing shared may outlive a revocation in a cache


class ShareIn(BaseModel):
    """What to share with which counsellor, until when (default 90 days, at most a year)."""

    model_config = ConfigDict(extra="forbid")

    counsellor: str = Field(max_length=64)
    scopes: list[str] = Field(
        max_length=5,
        description="From: selfchecks, checkin_trends, marker_trends, practices, entries",
    )
    # 2**53 - 1: the largest id a JSON number carries exactly (a fuzzer reads the bound too)
    entry_ids: list[Annotated[int, Field(ge=1, le=2**53 - 1)]] = Field(
        default_factory=list, max_length=50
    )
    expires_at: AwareDatetime | None = None


class ShareOut(BaseModel):
    """One of your shares."""

    id: str
    counsellor: str
    scopes: list[str]
    entry_ids: list[int]
    created_at: datetime
    expires_at: datetime


class AccessOut(BaseModel):
    """One read of your share by the counsellor."""

    counsellor: str
    what: str
    at: datetime


class ClientOut(BaseModel):
    """A client who shares with you."""

    id: str
    name: str
    scopes: list[str]
    expires_at: datetime


def _share_out(view: shares.ShareView) -> ShareOut:
    return ShareOut(
        id=view.id,
        counsellor=view.counsellor,
        scopes=list(view.scopes),
        entry_ids=list(view.entry_ids),
        created_at=view.created_at,
        expires_at=view.expires_at,
    )


def _split(values: list[str]) -> list[str]:
    return [part for value in values for part in value.split(",") if part.strip()]


@router.post("/shares", status_code=201, summary="Share chosen summaries with a counsellor")
def create_share(body: ShareIn, opened: Opened) -> ShareOut:
    """Entries are included only when named, and never one about a crisis, safety or harm
    (422). A new share with the same counsellor replaces the last."""
    server, session = opened
    return _share_out(
        shares.create_share(
            server, session, body.counsellor, body.scopes, body.entry_ids, body.expires_at
        )
    )


@router.get("/shares", summary="Your shares")
def list_shares(opened: Opened) -> list[ShareOut]:
    server, session = opened
    return [_share_out(v) for v in shares.list_shares(server, session)]


@router.get("/shares/preview", summary="Exactly what the counsellor would see")
def preview_share(
    opened: Opened,
    scopes: Annotated[list[str], Query(max_length=5)],
    entry_ids: Annotated[list[str] | None, Query(max_length=50)] = None,
) -> Any:
    """``scopes`` and ``entry_ids`` repeated or comma-separated."""
    server, session = opened
    ids = [int(i) for i in _split(entry_ids or []) if i.strip().isdigit()]
    summary = shares.preview(server, session, _split(scopes), ids)
    return JSONResponse(summary, headers=NO_STORE)


@router.post("/shares/{share_id}/refresh", summary="Rebuild a share's summary from now")
def refresh_share(share_id: ShareId, opened: Opened) -> ShareOut:
    server, session = opened
    return _share_out(shares.refresh_share(server, session, share_id))


@router.delete("/shares/{share_id}", status_code=204, summary="Revoke a share, at once")
def revoke_share(share_id: ShareId, opened: Opened) -> None:
    server, session = opened
    shares.revoke_share(server, session, share_id)


@router.get("/shares/{share_id}/access", summary="Every time the counsellor looked")
def share_access(share_id: ShareId, opened: Opened) -> list[AccessOut]:
    server, session = opened
    found = shares.access_log(server, session, share_id)
    return [AccessOut(counsellor=a.counsellor_name, what=a.what, at=a.at) for a in found]


@router.get("/clients", summary="Clients who share with you (counsellors)")
def list_clients(opened: Opened) -> list[ClientOut]:
    server, session = opened
    found = counsellor_shares.list_clients(server, session)
    return [
        ClientOut(id=c.id, name=c.name, scopes=list(c.scopes), expires_at=c.expires_at)
        for c in found
    ]


@router.get("/clients/{client_id}/summary", summary="A client's shared summary (counsellors)")
def client_summary(client_id: ClientId, opened: Opened) -> Any:
    """Self-reported signs within the scopes the client chose; not a diagnosis (``notice``)."""
    server, session = opened
    summary = counsellor_shares.client_summary(server, session, client_id)
    return JSONResponse(summary, headers=NO_STORE)


@router.get("/clients/{client_id}/report.html", summary="Between-sessions report (HTML)")
def client_report_html(client_id: ClientId, opened: Opened) -> HTMLResponse:
    from reconnect.reports.report_html import render_html

    server, session = opened
    data = counsellor_shares.client_report(server, session, client_id, "html")
    return HTMLResponse(render_html(data), headers=NO_STORE)


@router.get("/clients/{client_id}/report.pdf", summary="Between-sessions report (PDF)")
def client_report_pdf(client_id: ClientId, opened: Opened) -> Response:
    from reconnect.reports.report_pdf import render_pdf

    server, session = opened
    data = counsellor_shares.client_report(server, session, client_id, "pdf")
    headers = {**NO_STORE, "Content-Disposition": 'attachment; filename="report.pdf"'}
    return Response(render_pdf(data), media_type="application/pdf", headers=headers)
