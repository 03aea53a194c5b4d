"""Commands for the journal itself: init, unlock, lock, passphrase, recover, encrypt, backup."""

from __future__ import annotations

import sys
from pathlib import Path  # noqa: TC003 - Typer reads the annotations at run time
from typing import TYPE_CHECKING, Annotated

import typer

from reconnect.cli.options import DbOption, command_settings

if TYPE_CHECKING:
    from reconnect.config import Settings
    from reconnect.services import Services

keyring_app = typer.Typer(
    help="Keep the journal's key in your system keyring, so commands stop asking.",
    no_args_is_help=True,
)
passphrase_app = typer.Typer(
    help="Change the passphrase that unlocks your journal.", no_args_is_help=True
)


def _read_new_passphrase(settings: Settings, *, allow_env: bool) -> str:
    """A new passphrase: RECONNECT_PASSPHRASE (init only), two prompts, or two stdin lines."""
    import getpass

    from reconnect.errors import InputError

    if allow_env and settings.passphrase is not None:
        return settings.passphrase.get_secret_value()
    if sys.stdin.isatty():
        first = getpass.getpass("New passphrase: ")
        second = getpass.getpass("The same passphrase again: ")
    else:
        lines = sys.stdin.read(4096).splitlines()
        if len(lines) < 2:
            raise InputError(
                "no passphrase given",
                hint=(
                    "Set RECONNECT_PASSPHRASE, run this in a terminal, or pipe the new "
                    "passphrase twice, one per line. Without encryption: --no-encryption."
                ),
            )
        first, second = lines[0], lines[1]
    if first != second:
        raise InputError("the two passphrases differ; nothing was changed")
    return first


def _show_recovery_key(key: str) -> None:
    from rich.panel import Panel

    from reconnect.cli.render import console

    console().print(
        Panel(
            f"[bold]{key}[/]\n\n"
            "This recovery key opens your journal if you forget the passphrase. It is "
            "shown only now: print it or write it down and keep it somewhere safe. "
            "Anyone who has it can read your journal.",
            title="Your recovery key",
            border_style="yellow",
        )
    )


def _build(ctx: typer.Context, db: str | None) -> Services:
    from reconnect.cli.session import open_services

    return open_services(command_settings(ctx, db))


def init(
    ctx: typer.Context,
    no_encryption: Annotated[
        bool,
        typer.Option(
            "--no-encryption",
            help="Store the journal unencrypted. Anyone who can read the file can read it.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Create your journal, protected by a passphrase, and show its recovery key once.

    The passphrase comes from a prompt (asked twice) or RECONNECT_PASSPHRASE; it is
    never taken as an option, so it cannot show up in the process list.
    """
    from reconnect.services.vault_setup import create_journal

    settings = command_settings(ctx, db)
    passphrase = None if no_encryption else _read_new_passphrase(settings, allow_env=True)
    services = _build(ctx, db)
    try:
        made = create_journal(services, passphrase, encrypted=not no_encryption)
    finally:
        services.close()
    if made.recovery_key is None:
        typer.echo("Created an unencrypted journal.", err=True)
        return
    _show_recovery_key(made.recovery_key)
    typer.echo("Created your encrypted journal.", err=True)


def unlock(ctx: typer.Context, db: DbOption = None) -> None:
    """Check your passphrase against the journal.

    Each command asks for the passphrase (or reads RECONNECT_PASSPHRASE) and
    forgets the key when it ends; the web app stays unlocked until you lock it
    or it has been idle for 15 minutes.
    """
    from reconnect.services.vault import open_codec

    services = _build(ctx, db)
    try:
        open_codec(services)
    finally:
        services.close()
    typer.echo("The journal opens with that passphrase.", err=True)


def lock(ctx: typer.Context, db: DbOption = None) -> None:  # noqa: ARG001 - a --db for symmetry
    """Forget every key this command line holds (it keeps none between commands)."""
    typer.echo(
        "Locked. The command line keeps no key between commands; in the web app use "
        "the Lock button.",
        err=True,
    )


@passphrase_app.command("change")
def change(ctx: typer.Context, db: DbOption = None) -> None:
    """Set a new passphrase. Only the key slot changes; your entries are not rewritten.

    Asks for the current passphrase first (or reads RECONNECT_PASSPHRASE), then the new
    one twice (from standard input, one per line, when it is not a terminal).
    """
    from reconnect.services.vault import open_codec
    from reconnect.services.vault_setup import set_passphrase

    services = _build(ctx, db)
    try:
        open_codec(services)
        set_passphrase(services, _read_new_passphrase(services.settings, allow_env=False))
    finally:
        services.close()
    typer.echo("Passphrase changed. Your recovery key still works.", err=True)


def recover(ctx: typer.Context, db: DbOption = None) -> None:
    """Open the journal with the recovery key and set a new passphrase.

    Reads the recovery key (first line of standard input when it is not a terminal),
    then the new passphrase twice.
    """
    import getpass

    from reconnect.services.vault import unlock_with_recovery_key
    from reconnect.services.vault_setup import set_passphrase

    settings = command_settings(ctx, db)
    typed = (
        getpass.getpass("Recovery key: ")
        if sys.stdin.isatty()
        else (sys.stdin.readline(4096).strip())
    )
    services = _build(ctx, db)
    try:
        unlock_with_recovery_key(services, typed)
        set_passphrase(services, _read_new_passphrase(settings, allow_env=False))
    finally:
        services.close()
    typer.echo("Recovered: your journal opens with the new passphrase.", err=True)


def encrypt(ctx: typer.Context, db: DbOption = None) -> None:
    """Encrypt an unencrypted journal in place, all at once (nothing half-done on failure)."""
    from rich.progress import Progress

    from reconnect.cli.render import error_console
    from reconnect.services.vault_setup import encrypt_in_place

    settings = command_settings(ctx, db)
    passphrase = _read_new_passphrase(settings, allow_env=True)
    services = _build(ctx, db)
    try:
        with Progress(console=error_console(), transient=True) as progress:
            task = progress.add_task("Encrypting", total=None)
            made = encrypt_in_place(
                services,
                passphrase,
                lambda done, total: progress.update(task, completed=done, total=total),
            )
    finally:
        services.close()
    assert made.recovery_key is not None
    _show_recovery_key(made.recovery_key)
    typer.echo("Your journal is now encrypted.", err=True)


def backup(
    ctx: typer.Context,
    target: Annotated[
        Path | None,
        typer.Argument(help="File to write (default: a dated file in the backups folder)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write a consistent copy of the journal, safe while the app is writing to it.

    The copy stays encrypted and opens with the same passphrase and recovery key.
    """
    from reconnect.services.datafiles import backup as make_backup

    services = _build(ctx, db)
    try:
        written = make_backup(services, target)
    finally:
        services.close()
    typer.echo(f"Backup written to {written}", err=True)


@keyring_app.command("on")
def keyring_on(ctx: typer.Context, db: DbOption = None) -> None:
    """Keep the key in the system keyring (asks for the passphrase once).

    Anyone who can use your unlocked desktop session can then read the journal
    with reconnect. The web app still asks for the passphrase.
    """
    from reconnect.services.vault import enable_keyring

    services = _build(ctx, db)
    try:
        backend = enable_keyring(services)
    finally:
        services.close()
    typer.echo(f"The journal's key is kept in the system keyring ({backend}).", err=True)


@keyring_app.command("off")
def keyring_off(ctx: typer.Context, db: DbOption = None) -> None:
    """Remove the key from the system keyring; commands ask for the passphrase again."""
    from reconnect.services.vault import disable_keyring

    services = _build(ctx, db)
    try:
        removed = disable_keyring(services)
    finally:
        services.close()
    typer.echo(
        "Removed the key from the system keyring." if removed else "The keyring held no key.",
        err=True,
    )
