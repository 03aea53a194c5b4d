"""The guide API: a question in a person's own words, answered from the cards."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from reconnect.contracts import (
    GuideReplyOut,
    abuse_help_out,
    crisis_resources_out,
    guide_reply_out,
)
from reconnect.domain.guide import MAX_QUESTION_CHARS
from reconnect.services.guide import ask
from reconnect.services.safety import crisis_resources

router = APIRouter(tags=["guide"])


@router.get("/ask", summary="Ask the guide")
def ask_guide(
    request: Request,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUESTION_CHARS,
            description="The question, in your own words.",
        ),
    ],
) -> GuideReplyOut:
    """Crisis language brings ``crisis_resources`` first: with no card when it is confident,
    with the cards after them when it is unsure (``concern``). Otherwise up to three cards,
    best first, or ``abstained`` when the guide cannot answer. Nothing is stored."""
    reply = ask(q)
    resources = None
    if reply.crisis:
        chosen = crisis_resources(request.app.state.settings.country)
        resources = crisis_resources_out(chosen, detected=not reply.concern)
    country = request.app.state.settings.country
    abuse = abuse_help_out(q, country) if reply.abuse else None
    return guide_reply_out(reply, resources, abuse)
