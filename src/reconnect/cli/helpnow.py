"""``reconnect help-now``: crisis resources at once, whatever state the database is in."""

from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import JsonOption

if TYPE_CHECKING:
    from reconnect.contracts import CrisisResourcesOut

NO_COUNTRY = (
    "No country is set, so this is the international list; "
    "set yours with: reconnect settings set country GB"
)


PLAN_POINTER = (
    "Your own safety plan: reconnect safety-plan show (write it: reconnect safety-plan edit)"
)


def help_now(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="Two-letter country code (US, GB, CA, AU, IE, IN, ...). "
            "Default: RECONNECT_COUNTRY, then the settings file; unknown codes show the "
            "international list and say so.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Show crisis lines and emergency numbers now. Works offline and without your journal."""
    from reconnect.cli import render
    from reconnect.config import read_country

    # Only the country is read: no other setting, however broken, may hide it (SAFE-4).
    chosen, problem = read_country(country)
    if json_output:
        render.print_json(help_now_resources(chosen, problem))
        return
    print_help_now(chosen, problem)
    _print_plan_contacts(ctx)


def _print_plan_contacts(ctx: typer.Context) -> None:
    """The people and professionals of the person's plan, when the journal opens as it is.

    Only a journal that exists, needs no migration and opens without a prompt (unencrypted,
    RECONNECT_PASSPHRASE, or the copy the person chose to keep readable while locked) is
    read; anything else, or any failure, prints nothing more: the help above must never wait
    on, or fail with, the journal (SAFE-4).
    """
    try:
        from reconnect.bootstrap import open_existing
        from reconnect.cli import render
        from reconnect.cli.options import root_settings
        from reconnect.domain.safety_plan import SECTIONS
        from reconnect.services.safety_plan import plan_or_readable_copy

        services = open_existing(root_settings(ctx))
        if services is None:
            return
        try:
            plan, _ = plan_or_readable_copy(services)
        finally:
            services.close()
        console = render.console()
        for section in SECTIONS:
            if section.key in ("people", "professionals") and plan.section(section.key):
                console.print(f"\n[bold]{section.title}[/] (from your plan)", highlight=False)
                for item in plan.section(section.key):
                    console.print(f"  • {item}", highlight=False, markup=False, soft_wrap=True)
    except Exception:  # help-now never fails because of the journal
        return


def help_now_resources(country: str | None, problem: str | None = None) -> "CrisisResourcesOut":
    """The resources ``reconnect help-now`` shows for a country (no crisis was detected).

    When the international list is shown, its note says why: the country is unknown,
    ``problem`` (why the country could not be read), or no country is set.
    """
    from reconnect.contracts import crisis_resources_out, why_international
    from reconnect.services.safety import crisis_resources

    why = why_international(problem, NO_COUNTRY)
    return crisis_resources_out(crisis_resources(country), detected=False, why=why)


def print_help_now(country: str | None, problem: str | None = None) -> None:
    """Print exactly what ``reconnect help-now`` prints for this country."""
    from reconnect.cli import render

    console = render.console()
    console.print(render.resources_panel(help_now_resources(country, problem)))
    console.print(PLAN_POINTER, highlight=False, soft_wrap=True)
