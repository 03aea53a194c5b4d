"""JSON shape of a guide reply (``reconnect ask --json`` and ``GET /api/ask``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.contracts.safety import CrisisResourcesOut

if TYPE_CHECKING:
    from reconnect.domain.guide import AnswerCard, GuideReply


class CardSourceOut(BaseModel):
    """Where a card's idea comes from: the seed article's file name and its section."""

    seed: str = Field(description="file name of the seed article")
    section: str


class GuideAnswerOut(BaseModel):
    """One answer card."""

    id: str
    title: str
    answer: str
    source: CardSourceOut
    practices: list[str] = Field(
        description="ids of practices that fit (reconnect practice show ID)"
    )


class GuideReplyOut(BaseModel):
    """A question's reply: crisis first, the best cards (at most 3), or an abstention.

    ``crisis`` with no answers: confident crisis language. ``crisis`` and ``concern`` with
    answers: resources first, then the cards.
    """

    crisis: bool = Field(
        description="crisis language: show crisis_resources and the safety plan first"
    )
    abstained: bool = Field(description="true when the guide cannot answer this question")
    concern: bool = Field(
        default=False,
        description="the crisis language is unsure: the cards that answer follow the resources",
    )
    answers: list[GuideAnswerOut]
    crisis_resources: CrisisResourcesOut | None = Field(
        default=None, description="present when crisis is true"
    )
    abuse_resources: CrisisResourcesOut | None = Field(
        default=None,
        description="domestic-abuse help, present when the question describes being hurt or "
        "controlled by someone close",
    )


def guide_answer_out(card: AnswerCard) -> GuideAnswerOut:
    """One card as its JSON shape."""
    return GuideAnswerOut(
        id=card.id,
        title=card.title,
        answer=card.answer,
        source=CardSourceOut(seed=card.seed_file, section=card.section),
        practices=list(card.practices),
    )


def guide_reply_out(
    reply: GuideReply,
    resources: CrisisResourcesOut | None = None,
    abuse: CrisisResourcesOut | None = None,
) -> GuideReplyOut:
    """The reply as its JSON shape; ``resources`` for a crisis, ``abuse`` for abuse help."""
    return GuideReplyOut(
        crisis=reply.crisis,
        abstained=reply.abstained,
        concern=reply.concern,
        answers=[guide_answer_out(card) for card in reply.answers],
        crisis_resources=resources if reply.crisis else None,
        abuse_resources=abuse if reply.abuse else None,
    )
