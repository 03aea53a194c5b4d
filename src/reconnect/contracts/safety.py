"""JSON shapes of crisis resources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from reconnect.content import load_texts

if TYPE_CHECKING:
    from reconnect.domain.safety import HelpService, ResourceChoice


class HelpServiceOut(BaseModel):
    """A service to contact now."""

    name: str
    description: str
    hours: str
    phone: str | None
    sms: str | None
    url: str | None


class CrisisResourcesOut(BaseModel):
    """Crisis resources for a country (or the international list)."""

    country: str
    name: str
    emergency: str
    services: list[HelpServiceOut]
    fell_back: bool = Field(description="true when the requested country is not listed")
    note: str | None
    message: str
    international: list[HelpServiceOut]
    verified_on: str
    source_url: str


def _service_out(service: HelpService) -> HelpServiceOut:
    return HelpServiceOut(
        name=service.name,
        description=service.description,
        hours=service.hours,
        phone=service.phone,
        sms=service.sms,
        url=service.url,
    )


def crisis_resources_out(
    choice: ResourceChoice, detected: bool = True, why: str | None = None
) -> CrisisResourcesOut:
    """The chosen resources with the calm message shown above them.

    ``detected`` says whether crisis language was found (the message then speaks of it).
    ``why`` is the one line that says why no country was asked for (none set, or the
    settings file unreadable); it becomes the note whenever the international list is shown.
    """
    chosen = choice.resources
    note = (
        f"No resources are listed for {choice.requested!r} yet; here is the international list."
        if choice.fell_back
        else (why if chosen is choice.international else None)
    )
    return CrisisResourcesOut(
        country=chosen.code,
        name=chosen.name,
        emergency=chosen.emergency,
        services=[_service_out(s) for s in chosen.services],
        fell_back=choice.fell_back,
        note=note,
        message=load_texts().crisis_notice if detected else load_texts().help_now,
        international=[_service_out(s) for s in choice.international.services],
        verified_on=chosen.verified_on.isoformat(),
        source_url=chosen.source_url,
    )


def why_international(problem: str | None, unset: str) -> str:
    """The one line saying why the international list is shown when no country was asked for.

    ``problem`` is why the country could not be read (``config.read_country``); without one,
    no country is set and ``unset`` says so (and how to set one, in the interface's words).
    """
    return f"{problem}, so this is the international list." if problem else unset


def abuse_help_out(text: str, country: str | None) -> CrisisResourcesOut | None:
    """Domestic-abuse help, with its own message, when ``text`` describes abuse or control."""
    from reconnect.services.safety import abuse_help_for

    choice = abuse_help_for(text, country)
    if choice is None:
        return None
    out = crisis_resources_out(choice)
    return out.model_copy(update={"message": load_texts().abuse_notice})


def resources_if(crisis: bool, country: str | None) -> CrisisResourcesOut | None:
    """Crisis resources for the country when ``crisis`` is true (DESIGN safety rules)."""
    if not crisis:
        return None
    from reconnect.services.safety import crisis_resources

    return crisis_resources_out(crisis_resources(country))
