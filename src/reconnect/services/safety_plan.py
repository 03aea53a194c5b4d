"""Safety-plan use cases: read the person's plan, and save it whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.domain.safety_plan import SafetyPlan, build_plan, with_professionals
from reconnect.services.safety import crisis_resources
from reconnect.storage import safety_plan as plan_rows
from reconnect.storage.database import transaction

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


def readable_copy(services: Services) -> SafetyPlan | None:
    """The copy kept readable while locked, or None; never needs (or asks for) the key."""
    with transaction(services.engine) as connection:
        return plan_rows.get_open_copy(connection)


def keeps_readable_copy(services: Services) -> bool:
    """Whether the person chose to keep the plan readable while the journal is locked."""
    with transaction(services.engine) as connection:
        return plan_rows.has_open_copy(connection)


def set_readable_copy(services: Services, keep: bool) -> SafetyPlan | None:
    """Turn the readable copy on (written from the plan, so the journal must be open) or off.

    Turning it off deletes the copy at once; turning it on copies the current plan, and every
    later save keeps the copy in step. Returns the copy now kept, or None.
    """
    with services.transaction() as connection:
        if not keep:
            plan_rows.drop_open_copy(connection)
            return None
        plan = plan_rows.get_plan(connection) or SafetyPlan()
        when = plan.updated_at or services.clock()
        plan_rows.keep_open_copy(connection, plan, when)
        return plan_rows.get_open_copy(connection)


def plan_or_readable_copy(services: Services) -> tuple[SafetyPlan, bool]:
    """The plan, opening the journal if it can; while locked, the readable copy if one is kept.

    Returns the plan and whether it is the readable copy. LockedError when the journal is
    locked and no copy is kept (the default).
    """
    from reconnect.errors import LockedError

    if not services.keys.is_open:  # no passphrase is asked for when a copy is kept
        copy = readable_copy(services)
        if copy is not None:
            return copy, True
    try:
        return get_plan(services), False
    except LockedError:
        copy = readable_copy(services)
        if copy is None:
            raise
        return copy, True


def plan_for_showing(services: Services, country: str | None) -> tuple[SafetyPlan, bool]:
    """``plan_or_readable_copy`` with the country's crisis lines in an empty professionals step."""
    plan, is_copy = plan_or_readable_copy(services)
    return with_professionals(plan, crisis_resources(country).resources), is_copy
