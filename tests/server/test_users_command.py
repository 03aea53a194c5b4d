"""``reconnect users`` as an admin types it: passwords from standard input, clear refusals,
and nothing from any journal in what it prints."""

from __future__ import annotations

import json

import pytest

from tests.forked_cli import run_cli

PASSWORD = "otter kettle tuesday\n"


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: the commands' PostgreSQL path (schemas made and dropped) is checked in
    test_user_admin.py on both databases (test time)."""
    return server_sqlite_url


def _users(url: str, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = run_cli(["users", *args, "--server-db", url], input=input)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


def test_add_list_disable_and_delete_an_account(server_url: str) -> None:
    code, out, _ = _users(server_url, "add", "Alex", input=PASSWORD)
    assert code == 0
    assert "Added alex (member)." in out
    assert "Recovery key" in out
    code, out, _ = _users(
        server_url, "add", "boss", "--role", "admin", input="copper violet anchor\n"
    )
    assert code == 0
    assert "one-time codes" in out

    code, out, _ = _users(server_url, "list", "--json")
    listed = json.loads(out)
    assert [(a["username"], a["role"], a["disabled"]) for a in listed] == [
        ("alex", "member", False),
        ("boss", "admin", False),
    ]
    assert set(listed[0]) == {"username", "role", "disabled", "totp", "created_at"}

    assert _users(server_url, "disable", "alex")[0] == 0
    assert json.loads(_users(server_url, "list", "--json")[1])[0]["disabled"] is True
    code, _, err = _users(server_url, "delete", "alex")
    assert code == 2
    assert "--yes" in err
    assert _users(server_url, "delete", "alex", "--yes")[0] == 0
    assert [a["username"] for a in json.loads(_users(server_url, "list", "--json")[1])] == ["boss"]


def test_bad_input_gets_one_line_and_an_exit_code(server_url: str) -> None:
    for args, stdin, expected in (
        (("add", "x"), PASSWORD, "3 to 32 characters"),
        (("add", "alex", "--role", "root"), PASSWORD, "unknown role"),
        (("add", "alex"), "password1\n", "common or have leaked"),
        (("add", "alex"), "short\n", "too short"),
        (("add", "alex"), "", "no password on standard input"),
        (("add", "alex"), "x" * 5000, "too long"),
        (("disable", "nobody"), None, "no account called"),
    ):
        code, _, err = _users(server_url, *args, input=stdin)
        assert code in (1, 2), (args, err)
        assert expected in err, (args, err)
    assert json.loads(_users(server_url, "list", "--json")[1]) == []


def test_the_last_admin_cannot_be_removed(server_url: str) -> None:
    _users(server_url, "add", "boss", "--role", "admin", input=PASSWORD)
    for args in (("disable", "boss"), ("delete", "boss", "--yes")):
        code, _, err = _users(server_url, *args)
        assert code == 2
        assert "only admin left" in err


def test_an_invite_link_admits_one_person(server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = _users(server_url, "invite", "--base-url", "https://journal.example.org")
    assert code == 0
    assert out.startswith("https://journal.example.org/signup?invite=")
    assert "expires in 7 days" in err


def test_server_mode_refuses_a_public_address_without_a_proxy_or_tls(server_url: str) -> None:
    """Bind to loopback unless --host is given; a non-loopback bind needs --behind-proxy or
    TLS, and several processes need PostgreSQL."""
    result = run_cli(["serve", "--server", "--host", "0.0.0.0", "--server-db", server_url])
    assert result.returncode == 2
    assert "without TLS" in result.stderr
    assert "--behind-proxy" in result.stderr
    half = run_cli(["serve", "--server", "--ssl-certfile", "cert.pem", "--server-db", server_url])
    assert half.returncode == 2
    assert "both --ssl-certfile and --ssl-keyfile" in half.stderr
    local = run_cli(["serve", "--workers", "2"])
    assert local.returncode == 2
    assert "for server mode" in local.stderr
    if server_url.startswith("sqlite"):
        many = run_cli(["serve", "--server", "--workers", "2", "--server-db", server_url])
        assert many.returncode == 2
        assert "need PostgreSQL" in many.stderr
    for result in (half, local):
        assert "Traceback" not in result.stderr
