"""``reconnect write`` and ``show``: domestic-abuse help for the writer, in the terminal."""

from __future__ import annotations

import os

from tests.forked_cli import run_cli

TITLE = "If someone close to you is hurting or controlling you"


def run(*args: str) -> str:
    env = {**os.environ, "RECONNECT_COUNTRY": "AU"}
    done = run_cli(args, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_writing_about_being_hurt_shows_help_and_show_does_again(sqlite_url: str) -> None:
    out = run("--db", sqlite_url, "write", "she pushed me against the wall again tonight")
    assert TITLE in out
    assert "1800RESPECT" in out and "1800 737 732" in out
    again = run("--db", sqlite_url, "show", "1")
    assert TITLE in again and "1800 737 732" in again


def test_a_look_alike_shows_no_such_help(sqlite_url: str) -> None:
    out = run("--db", sqlite_url, "write", "my mum will kill me if I'm late again lol")
    assert TITLE not in out
