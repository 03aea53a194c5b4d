"""Account administration through the services: adding (names and the password rule,
WEB-2), listing, disabling, deleting (with the journal), the last admin, and invites."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from reconnect.errors import ForbiddenError, InputError, NotFoundError
from reconnect.services import accounts, sessions, upkeep
from tests.server.conftest import PASSWORDS

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People


def can_log_in(server: ServerServices, name: str, password: str | None = None) -> bool:
    try:
        sessions.login(server, name, password or PASSWORDS[name], address="admin-test")
    except Exception:
        return False
    return True


def journal_exists(server: ServerServices, journal: str) -> bool:
    """Looked up in the database's own catalogue (PostgreSQL) or on disk (SQLite)."""
    if server.db.is_postgres:
        with server.db.engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :name"),
                {"name": journal},
            ).first()
        return found is not None
    url = server.settings.server_database_url
    folder = Path(url.removeprefix("sqlite:///")).parent / "journals"
    return (folder / f"{journal}.sqlite3").exists()


def test_a_username_is_normalised_and_a_taken_one_is_refused(server: ServerServices) -> None:
    made = accounts.add_account(server, "  Alex ", PASSWORDS["alex"])
    assert made.account.username == "alex"
    assert made.recovery_key
    for same in ("alex", "ALEX", " Alex", "Ａｌｅｘ"):  # the last in full-width letters
        with pytest.raises(InputError, match="taken"):
            accounts.add_account(server, same, PASSWORDS["sam"])
    assert [a.username for a in accounts.list_accounts(server)] == ["alex"]
    assert can_log_in(server, "Alex", PASSWORDS["alex"])


def test_bad_usernames_are_refused(server: ServerServices) -> None:
    bad = ["", "   ", "ab", "a" * 33, "-alex", "alex-", "al ex", "alex!", "ålex", "al/ex"]
    bad.append("x\x00yz")
    for name in bad:
        with pytest.raises(InputError, match="username"):
            accounts.add_account(server, name, PASSWORDS["alex"])
    assert accounts.list_accounts(server) == []


def test_the_password_rule_refuses_weak_passwords(server: ServerServices) -> None:
    """WEB-2: too short, containing the username, on the common list → InputError."""
    refused = [
        ("kettle7", "too short"),  # 7 characters
        ("alex-writes-daily", "contains your username"),
        ("Writes.ALEX.daily", "contains your username"),
        ("password1", "common"),
        ("Password1", "common"),
        ("        ", "blank"),
        ("x" * 1025, "too long"),
    ]
    for password, problem in refused:
        with pytest.raises(InputError, match=problem):
            accounts.add_account(server, "alex", password)
    assert accounts.list_accounts(server) == []


def test_long_passwords_are_accepted_and_work(server: ServerServices) -> None:
    """WEB-2: 64 and 128 characters are accepted (and 8, the minimum); each logs in."""
    for name, password in (
        ("long64", "correct horse " * 4 + "battery!"),
        ("long128", ("k" * 127) + "!"),
        ("short8", "qz7-wv4m"),
    ):
        accounts.add_account(server, name, password)
        assert can_log_in(server, name, password)
    assert len("correct horse " * 4 + "battery!") == 64


def test_list_disable_and_enable(people: People, server: ServerServices) -> None:
    people.add("alex")
    people.add("robin", "counsellor")
    listed = accounts.list_accounts(server)  # both made at the same (hand-held) instant
    assert sorted((a.username, a.role, a.disabled) for a in listed) == [
        ("alex", "member", False),
        ("robin", "counsellor", False),
    ]
    assert accounts.set_disabled(server, "alex", True).disabled
    assert {a.username: a.disabled for a in accounts.list_accounts(server)} == {
        "alex": True,
        "robin": False,
    }
    assert not can_log_in(server, "alex")
    assert not accounts.set_disabled(server, "alex", False).disabled
    assert can_log_in(server, "alex")
    with pytest.raises(NotFoundError):
        accounts.set_disabled(server, "nobody", True)


def test_deleting_an_account_removes_it_and_its_journal(
    people: People, server: ServerServices
) -> None:
    """The account cannot log in at once; its journal (PostgreSQL schema, SQLite file) is
    gone once the deletion has run (on PostgreSQL a worker job does it)."""
    people.add("alex")
    people.add("sam")
    journal = accounts.find_account(server, "alex").journal
    other = accounts.find_account(server, "sam").journal
    assert journal_exists(server, journal)
    done = accounts.delete_account(server, "alex")
    assert not can_log_in(server, "alex")
    with pytest.raises(NotFoundError):
        accounts.find_account(server, "alex")
    if done is False:  # queued for ``reconnect worker``: run its job here
        assert upkeep.drop_deleted_journal(server, journal)
    assert not journal_exists(server, journal)
    assert journal_exists(server, other)
    assert can_log_in(server, "sam")
    with pytest.raises(NotFoundError):
        accounts.delete_account(server, "alex")


def test_the_last_admin_can_be_neither_disabled_nor_deleted(
    people: People, server: ServerServices
) -> None:
    people.add("admin", "admin")
    with pytest.raises(InputError, match="only admin"):
        accounts.set_disabled(server, "admin", True)
    with pytest.raises(InputError, match="only admin"):
        accounts.delete_account(server, "admin")
    people.add("casey", "admin")
    accounts.set_disabled(server, "casey", True)  # two admins: one may go
    with pytest.raises(InputError, match="only admin"):
        accounts.delete_account(server, "admin")  # the disabled one does not count
    accounts.set_disabled(server, "casey", False)
    accounts.delete_account(server, "casey")
    with pytest.raises(InputError, match="only admin"):
        accounts.set_disabled(server, "admin", True)
    assert [a.username for a in accounts.list_accounts(server)] == ["admin"]


def test_an_invite_admits_one_person(server: ServerServices) -> None:
    code = accounts.create_invite(server, "member", actor=None)
    made = accounts.sign_up(server, "sam", PASSWORDS["sam"], code)
    assert (made.account.username, made.account.role) == ("sam", "member")
    with pytest.raises(InputError, match="not valid"):
        accounts.sign_up(server, "casey", PASSWORDS["casey"], code)
    assert [a.username for a in accounts.list_accounts(server)] == ["sam"]
    assert can_log_in(server, "sam")


def test_an_invite_carries_its_role(server: ServerServices) -> None:
    code = accounts.create_invite(server, "counsellor", actor=None)
    assert accounts.sign_up(server, "robin", PASSWORDS["robin"], code).account.role == "counsellor"


def test_an_invite_expires_after_seven_days(server: ServerServices, clock: Clock) -> None:
    fresh = accounts.create_invite(server, "member", actor=None)
    stale = accounts.create_invite(server, "member", actor=None)
    clock.advance(days=7, seconds=-60)
    accounts.sign_up(server, "sam", PASSWORDS["sam"], fresh)
    clock.advance(seconds=60)
    with pytest.raises(InputError, match="not valid"):
        accounts.sign_up(server, "casey", PASSWORDS["casey"], stale)
    with pytest.raises(NotFoundError):
        accounts.find_account(server, "casey")


def test_who_may_invite_whom(people: People, server: ServerServices) -> None:
    """A counsellor invites members (their clients) only; a member invites nobody."""
    people.add("robin", "counsellor")
    people.add("alex")
    people.add("admin", "admin")
    robin = accounts.find_account(server, "robin")
    alex = accounts.find_account(server, "alex")
    admin = accounts.find_account(server, "admin")
    assert accounts.create_invite(server, "member", actor=robin)
    for role in ("admin", "counsellor"):
        with pytest.raises(ForbiddenError):
            accounts.create_invite(server, role, actor=robin)
    for role in ("member", "admin"):
        with pytest.raises(ForbiddenError):
            accounts.create_invite(server, role, actor=alex)
    for role in ("member", "counsellor", "admin"):
        assert accounts.create_invite(server, role, actor=admin)
    with pytest.raises(InputError, match="unknown role"):
        accounts.create_invite(server, "superuser", actor=admin)


def test_a_failed_sign_up_leaves_the_invite_usable(people: People, server: ServerServices) -> None:
    people.add("alex")
    code = accounts.create_invite(server, "member", actor=None)
    with pytest.raises(InputError, match="taken"):
        accounts.sign_up(server, "alex", PASSWORDS["sam"], code)
    with pytest.raises(InputError):
        accounts.sign_up(server, "sam", "password1", code)  # refused before it is spent
    assert accounts.sign_up(server, "sam", PASSWORDS["sam"], code).account.username == "sam"
    with pytest.raises(InputError, match="not valid"):
        accounts.sign_up(server, "casey", PASSWORDS["casey"], code)


def test_sign_up_without_an_invite_only_when_open(server: ServerServices) -> None:
    for invite in (None, "", "   "):
        with pytest.raises(InputError, match="invitation only"):
            accounts.sign_up(server, "casey", PASSWORDS["casey"], invite)
    with pytest.raises(InputError, match="not valid"):
        accounts.sign_up(server, "casey", PASSWORDS["casey"], "made-up-code")
    assert accounts.list_accounts(server) == []
    open_server = dataclasses.replace(
        server, settings=server.settings.model_copy(update={"open_signup": True})
    )
    made = accounts.sign_up(open_server, "casey", PASSWORDS["casey"], None)
    assert (made.account.username, made.account.role) == ("casey", "member")
