"""``reconnect users``: server mode's accounts (add, list, disable, enable, delete, invite).

An admin's tool: it reads and changes accounts, never a journal. Passwords come from
standard input (asked twice on a terminal), never from an option.
"""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import JsonOption, root_settings

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices
    from reconnect.storage.accounts import Account

MAX_PASSWORD_BYTES = 4096

users_app = typer.Typer(
    help="Server mode's accounts: add, list, invite, disable, reset their codes or password.",
    no_args_is_help=True,
)

ServerDbOption = Annotated[
    str | None,
    typer.Option(
        "--server-db",
        help=(
            "Server database: sqlite:///PATH or postgresql://USER@HOST/DB. "
            "Default: RECONNECT_SERVER_DATABASE_URL, else server/server.db in your data folder."
        ),
        show_default=False,
    ),
]
RoleOption = Annotated[
    str,
    typer.Option("--role", help="member, counsellor or admin.", show_default=True),
]
YesOption = Annotated[
    bool, typer.Option("--yes", help="Do not ask for confirmation (needed without a terminal).")
]


def _server(ctx: typer.Context, server_db: str | None) -> "ServerServices":
    from reconnect.bootstrap import build_server

    settings = root_settings(ctx)
    if server_db is not None:
        settings = settings.model_copy(update={"server_database_url": server_db})
    return build_server(settings)


def _read_password() -> str:
    """The new password: asked twice on a terminal, else the first line of standard input."""
    from reconnect.errors import InputError

    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("Password for the new account: ")
        if getpass.getpass("The same password again: ") != first:
            raise InputError("the two passwords differ; no account was made")
        return first
    raw = sys.stdin.buffer.read(MAX_PASSWORD_BYTES + 1)
    if len(raw) > MAX_PASSWORD_BYTES:
        raise InputError("the password on standard input is too long; no account was made")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the password on standard input is not UTF-8 text") from None
    line = text.split("\n", 1)[0].removesuffix("\r")
    if not line:
        raise InputError(
            "no password on standard input; no account was made",
            hint="Pipe it in, for example: printf '%s\\n' \"$PASSWORD\" | reconnect users add NAME",
        )
    return line


def _row(account: "Account") -> dict[str, object]:
    return {
        "username": account.username,
        "role": account.role,
        "disabled": account.disabled,
        "totp": account.has_totp,
        "created_at": account.created_at.isoformat(),
    }


@users_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The username (3 to 32 of a-z, 0-9, . - _).")],
    role: RoleOption = "member",
    server_db: ServerDbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Add an account; the password is read from standard input, the recovery key shown once."""
    from reconnect.services.accounts import add_account, check_role, normalise_username

    normalise_username(name)
    check_role(role)
    password = _read_password()
    server = _server(ctx, server_db)
    try:
        made = add_account(server, name, password, role)
    finally:
        server.close()
    if json_output:
        import json

        typer.echo(json.dumps({**_row(made.account), "recovery_key": made.recovery_key}))
        return
    typer.echo(f"Added {made.account.username} ({made.account.role}).")
    typer.echo(f"Recovery key (shown once, give it to them to keep): {made.recovery_key}")
    if role in ("counsellor", "admin"):
        typer.echo("They set up one-time codes at their first login.")


@users_app.command("list")
def list_users(
    ctx: typer.Context, server_db: ServerDbOption = None, json_output: JsonOption = False
) -> None:
    """List the accounts: names, roles, whether disabled and whether one-time codes are set."""
    from reconnect.services.accounts import list_accounts

    server = _server(ctx, server_db)
    try:
        found = list_accounts(server)
    finally:
        server.close()
    if json_output:
        import json

        typer.echo(json.dumps([_row(account) for account in found], indent=2))
        return
    if not found:
        typer.echo("No accounts yet. Add one with: reconnect users add NAME --role admin")
        return
    for account in found:
        state = "disabled" if account.disabled else "active"
        codes = "one-time codes" if account.has_totp else "no one-time codes"
        typer.echo(f"{account.username}\t{account.role}\t{state}\t{codes}")


@users_app.command("disable")
def disable(ctx: typer.Context, name: str, server_db: ServerDbOption = None) -> None:
    """Disable an account: it cannot log in, and its sessions end at once."""
    from reconnect.services.accounts import set_disabled

    server = _server(ctx, server_db)
    try:
        set_disabled(server, name, True)
    finally:
        server.close()
    typer.echo(f"Disabled {name.strip().casefold()}; their sessions have ended.")


@users_app.command("enable")
def enable(ctx: typer.Context, name: str, server_db: ServerDbOption = None) -> None:
    """Enable a disabled account again."""
    from reconnect.services.accounts import set_disabled

    server = _server(ctx, server_db)
    try:
        set_disabled(server, name, False)
    finally:
        server.close()
    typer.echo(f"Enabled {name.strip().casefold()}.")


@users_app.command("reset-codes")
def reset_codes(ctx: typer.Context, name: str, server_db: ServerDbOption = None) -> None:
    """Remove an account's one-time codes (a lost phone); it sets them up again at login."""
    from reconnect.services.accounts import reset_totp

    server = _server(ctx, server_db)
    try:
        account = reset_totp(server, name)
    finally:
        server.close()
    typer.echo(
        f"Removed {account.username}'s one-time codes and ended their sessions; "
        "they set up new ones at their next login."
    )


@users_app.command("reset-password")
def reset_password(
    ctx: typer.Context, name: str, server_db: ServerDbOption = None, yes: YesOption = False
) -> None:
    """Give an account a new password WITHOUT its recovery key: it starts again with a new,
    empty journal, and the old one is deleted. With the recovery key, the person keeps
    everything by using "Forgot your password?" on the login page instead."""
    from reconnect.errors import InputError
    from reconnect.services.accounts import find_account
    from reconnect.services.accounts import reset_password as reset

    server = _server(ctx, server_db)
    try:
        account = find_account(server, name)
        warning = (
            f"{account.username}'s journal cannot be opened without their password or "
            "recovery key, so this gives them a new, EMPTY journal and deletes the old one. "
            "Nothing in it can be recovered."
        )
        if not yes:
            if not sys.stdin.isatty():
                raise InputError(warning, hint="Add --yes to agree, after telling them.")
            typer.confirm(f"{warning} Go ahead?", abort=True)
        made = reset(server, account.username, _read_password())
    finally:
        server.close()
    typer.echo(f"{made.account.username} has a new password and a new, empty journal.")
    typer.echo(f"New recovery key (shown once, give it to them to keep): {made.recovery_key}")


@users_app.command("delete")
def delete(
    ctx: typer.Context, name: str, server_db: ServerDbOption = None, yes: YesOption = False
) -> None:
    """Delete an account and its whole journal. It cannot be undone."""
    from reconnect.errors import InputError
    from reconnect.services.accounts import delete_account, find_account

    server = _server(ctx, server_db)
    try:
        account = find_account(server, name)
        if not yes:
            if not sys.stdin.isatty():
                raise InputError(
                    "deleting an account needs confirmation", hint="Add --yes to confirm."
                )
            typer.confirm(
                f"Delete {account.username} and everything in their journal? "
                "This cannot be undone.",
                abort=True,
            )
        now = delete_account(server, account.username)
    finally:
        server.close()
    if now:
        typer.echo(f"Deleted {account.username} and their journal.")
    else:
        typer.echo(
            f"Deleted {account.username}; their journal (unreachable from now on) is deleted "
            "by the next job a worker runs (reconnect worker)."
        )


@users_app.command("invite")
def invite(
    ctx: typer.Context,
    role: RoleOption = "member",
    base_url: Annotated[
        str,
        typer.Option(help="The server's public address, for the link.", show_default=True),
    ] = "http://127.0.0.1:8765",
    server_db: ServerDbOption = None,
) -> None:
    """Make a single-use sign-up link, valid for 7 days."""
    from reconnect.services.accounts import INVITE_DAYS, create_invite

    server = _server(ctx, server_db)
    try:
        code = create_invite(server, role, actor=None)
    finally:
        server.close()
    typer.echo(f"{base_url.rstrip('/')}/signup?invite={code}")
    typer.echo(f"Single use, for a {role}; it expires in {INVITE_DAYS} days.", err=True)
