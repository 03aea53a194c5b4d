"""``reconnect ask``: a question in your own words, answered from the guide's cards."""

from typing import Annotated

import typer

from reconnect.cli.options import JsonOption
from reconnect.errors import InputError

EXAMPLES = (
    'Try: reconnect ask "why do I feel nothing when my partner cries"',
    'or: reconnect ask "how do I open up without oversharing"',
)


def ask_command(
    ctx: typer.Context,
    question: Annotated[
        list[str] | None,
        typer.Argument(help="Your question, in your own words (quotes are optional)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Ask the guide about detachment, numbness, withdrawal or closeness.

    Answers come from cards written from the articles reconnect is built on, each naming
    its source and the practices that fit. Runs offline; the question is not saved.
    """
    if not question:
        raise InputError("there is no question", hint="\n".join(EXAMPLES))
    from reconnect.cli import render
    from reconnect.contracts import guide_reply_out
    from reconnect.services.guide import ask

    reply = ask(" ".join(question))
    resources = abuse = None
    if reply.crisis or reply.abuse:
        from reconnect.cli.options import root_settings
        from reconnect.contracts import abuse_help_out, crisis_resources_out
        from reconnect.services.safety import crisis_resources

        # Settings are read only when a reply needs the country's lines.
        country = root_settings(ctx).country
        if reply.crisis:
            # Unsure language gets the calm help-now words; confident, the crisis notice.
            chosen = crisis_resources(country)
            resources = crisis_resources_out(chosen, detected=not reply.concern)
        if reply.abuse:
            abuse = abuse_help_out(reply.question, country)
    if json_output:
        render.print_json(guide_reply_out(reply, resources, abuse))
        return
    console = render.console()
    if abuse is not None:
        console.print(render.abuse_panel(abuse))
    if resources is not None:
        from reconnect.cli.helpnow import PLAN_POINTER

        console.print(render.resources_panel(resources))
        console.print(PLAN_POINTER, highlight=False, soft_wrap=True)
        if not reply.answers:
            return
        console.print()
    if reply.abstained:
        from reconnect.domain.guide import CANT_ANSWER

        console.print(CANT_ANSWER, highlight=False, markup=False, soft_wrap=True)
        console.print(
            "If you are struggling right now: reconnect help-now", highlight=False, soft_wrap=True
        )
        return
    console.print(render.guide_answers(reply.answers))
