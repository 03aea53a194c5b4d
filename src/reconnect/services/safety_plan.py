"""Safety-plan use cases: read the person's plan, and save it whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.domain.safety_plan import SafetyPlan, build_plan, with_professionals
from reconnect.services.safety import crisis_resources
from reconnect.storage import safety_plan as plan_rows

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from reconnect.services import Services


def get_plan(services: Services) -> SafetyPlan:
    """The saved plan, or an empty one when none was saved yet."""
    with services.transaction() as connection:
        plan = plan_rows.get_plan(connection)
    return plan if plan is not None else SafetyPlan()


def save_plan(services: Services, sections: Mapping[str, Iterable[str]]) -> SafetyPlan:
    """Check every section, then replace the saved plan; InputError saves nothing."""
    plan = build_plan(sections)
    with services.transaction() as connection:
        return plan_rows.save_plan(connection, plan, services.clock())


def plan_for_editing(services: Services, country: str | None) -> SafetyPlan:
    """The saved plan; an empty professionals section starts with the country's crisis lines."""
    return with_professionals(get_plan(services), crisis_resources(country).resources)
