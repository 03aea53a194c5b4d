"""JSON shape of the safety plan (``reconnect safety-plan show --json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.domain.safety_plan import SECTIONS

if TYPE_CHECKING:
    from reconnect.domain.safety_plan import SafetyPlan


class SafetyPlanSectionOut(BaseModel):
    """One step of the plan and the person's lines for it."""

    key: str
    title: str
    question: str
    items: list[str]


class SafetyPlanOut(BaseModel):
    """The person's safety plan, every section in order (empty ones included)."""

    saved: bool = Field(description="false until a plan has been saved")
    updated_at: str | None
    sections: list[SafetyPlanSectionOut]


def safety_plan_out(plan: SafetyPlan) -> SafetyPlanOut:
    """The plan as its JSON shape."""
    return SafetyPlanOut(
        saved=plan.updated_at is not None,
        updated_at=None if plan.updated_at is None else plan.updated_at.isoformat(),
        sections=[
            SafetyPlanSectionOut(
                key=s.key, title=s.title, question=s.question, items=list(plan.section(s.key))
            )
            for s in SECTIONS
        ],
    )
