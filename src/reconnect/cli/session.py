"""Opening the journal from the command line: the passphrase from the environment or a prompt."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconnect.config import Settings
    from reconnect.services import Services


def terminal_unlocker(settings: Settings) -> Callable[[int], str | None]:
    """RECONNECT_PASSPHRASE when set (one attempt); else up to three prompts in a terminal."""
    import getpass

    from reconnect.cli.render import error_console

    def ask(attempt: int) -> str | None:
        if settings.passphrase is not None:
            return settings.passphrase.get_secret_value() if attempt == 1 else None
        if not sys.stdin.isatty():
            return None
        if attempt > 1:
            error_console().print("[red]Wrong passphrase.[/] Try again.", highlight=False)
        return getpass.getpass("Passphrase: ")

    return ask


def open_services(settings: Settings) -> Services:
    """Services for a command, unlocking the journal on first use."""
    from reconnect.bootstrap import build_services

    services = build_services(settings, unlocker=terminal_unlocker(settings))
    services.keys.use_keyring = True
    return services
