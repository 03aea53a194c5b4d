"""Documentation kept honest by tests: every command and setting is documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reconnect.cli import registered_app
from reconnect.config import Settings

if TYPE_CHECKING:
    import typer

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths(typer_app: typer.Typer, prefix: str = "reconnect") -> list[tuple[str, str]]:
    """(full command, help text) for every command and sub-command."""
    found: list[tuple[str, str]] = []
    for info in typer_app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        doc = info.help or (info.callback.__doc__ if info.callback else "") or ""
        found.append((f"{prefix} {name}", doc))
    for group in typer_app.registered_groups:
        sub = group.typer_instance
        assert sub is not None
        name = f"{prefix} {group.name}"
        callback = sub.registered_callback
        doc = (callback.callback.__doc__ if callback and callback.callback else "") or ""
        found.append((name, doc or (sub.info.help or "")))
        found.extend(command_paths(sub, name))
    return found


def test_every_command_has_help_text() -> None:
    missing = [name for name, doc in command_paths(registered_app()) if not doc.strip()]
    assert missing == []


def test_every_command_is_listed_in_the_readme() -> None:
    listed = set(re.findall(r"^\| `(reconnect[^`]*)` \|", README, flags=re.M))
    commands = {name for name, _ in command_paths(registered_app())}
    assert commands - listed == set()


def test_every_setting_is_documented_as_an_environment_variable() -> None:
    for field in Settings.model_fields:
        assert f"`RECONNECT_{field.upper()}`" in README, field


def test_the_readme_gives_the_two_setup_commands() -> None:
    assert "./scripts/serve" in README
    assert "./scripts/test" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "scripts/test" in ci


def test_the_readme_screenshot_exists() -> None:
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (Path(__file__).resolve().parents[1] / image).is_file(), image
