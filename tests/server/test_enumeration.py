"""WEB-9 (no user enumeration) and WEB-3 (password hashing strength) at the login API.

An unknown name, a wrong password and a disabled account must look the same to whoever
sends the login: the same status and body, and the same one Argon2id derivation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import pytest

import reconnect.crypto.keys
import reconnect.services.sessions
from reconnect.bootstrap import build_server
from reconnect.config import Settings
from reconnect.crypto.kdf import DEFAULT, FLOOR, KdfParams
from reconnect.crypto.kdf import derive_key as real_derive_key
from reconnect.crypto.keys import KDF_ARGON2ID, PASSPHRASE
from reconnect.services import accounts
from reconnect.storage.database import transaction
from reconnect.storage.vault import get_slot
from tests.server.conftest import PASSWORDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from fastapi.testclient import TestClient
    from httpx2 import Response

    from reconnect.services.server import ServerServices
    from tests.server.conftest import Clock, People

WRONG = "not the right password at all"


@pytest.fixture
def server_url(server_sqlite_url: str) -> str:
    """SQLite only: what this module checks does not depend on the database, and every
    route it uses runs on PostgreSQL too in the authorization matrix (test time)."""
    return server_sqlite_url


@dataclass
class Derivations:
    """Every Argon2id derivation made, by its parameters."""

    made: list[KdfParams] = field(default_factory=list)

    def __call__(self, passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        self.made.append(params)
        return real_derive_key(passphrase, salt, params)

    def during(self, action: Callable[[], Response]) -> tuple[Response, list[KdfParams]]:
        self.made.clear()
        response = action()
        return response, list(self.made)


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> Derivations:
    counter = Derivations()
    monkeypatch.setattr(reconnect.services.sessions, "derive_key", counter)
    monkeypatch.setattr(reconnect.crypto.keys, "derive_key", counter)
    return counter


def attempt(client: TestClient, name: str, password: str) -> Response:
    return client.post("/api/login", json={"username": name, "password": password})


def test_unknown_name_wrong_password_and_disabled_account_look_the_same(
    people: People,
    client_for: Callable[[str | None], TestClient],
    server: ServerServices,
    derivations: Derivations,
) -> None:
    """WEB-9: identical status and JSON body, and exactly one Argon2id derivation with the
    same parameters, whether the account exists, is disabled, or the password is wrong."""
    people.add("alex")
    people.add("sam")
    accounts.set_disabled(server, "sam", True)
    client = client_for(None)
    unknown, unknown_kdf = derivations.during(lambda: attempt(client, "nobody", WRONG))
    wrong, wrong_kdf = derivations.during(lambda: attempt(client, "alex", WRONG))
    disabled, disabled_kdf = derivations.during(lambda: attempt(client, "sam", PASSWORDS["sam"]))
    assert unknown.status_code == wrong.status_code == disabled.status_code == 401
    assert unknown.json() == wrong.json() == disabled.json()
    assert "reconnect_session" not in "".join(
        r.headers.get("set-cookie", "") for r in (unknown, wrong, disabled)
    )
    assert len(unknown_kdf) == len(wrong_kdf) == len(disabled_kdf) == 1
    assert unknown_kdf == wrong_kdf == disabled_kdf

    right, right_kdf = derivations.during(lambda: attempt(client, "alex", PASSWORDS["alex"]))
    assert right.status_code == 200
    assert right_kdf == wrong_kdf


def test_odd_usernames_get_the_same_refusal_and_one_derivation(
    people: People,
    client_for: Callable[[str | None], TestClient],
    derivations: Derivations,
) -> None:
    """WEB-9: other spellings of a real name and names that cannot exist are refused
    like any wrong login (or, past the length limit, by the request check alone)."""
    people.add("alex")
    client = client_for(None)
    wrong = attempt(client, "alex", WRONG)
    for name in ("ALEX", "  alex ", "no such person", "x" * 500, ""):
        odd, made = derivations.during(partial(attempt, client, name, WRONG))
        assert odd.status_code in (401, 422), name
        if odd.status_code == 401:
            assert odd.json() == wrong.json()
            assert len(made) == 1
        else:
            assert made == []


def test_a_long_password_is_refused_the_same_for_a_real_and_an_unknown_name(
    people: People,
    client_for: Callable[[str | None], TestClient],
    derivations: Derivations,
) -> None:
    """WEB-9: however long the password, a real name and an unknown one get the same
    answer and the same number of derivations."""
    people.add("alex")
    client = client_for(None)
    for length in (1024, 1025, 5000):
        password = "x" * length
        real, real_kdf = derivations.during(partial(attempt, client, "alex", password))
        unknown, unknown_kdf = derivations.during(partial(attempt, client, "nobody", password))
        assert real.status_code == unknown.status_code
        assert real.status_code in (401, 422)
        assert real.json() == unknown.json()
        assert real_kdf == unknown_kdf
        assert len(real_kdf) == (1 if real.status_code == 401 else 0)


def passphrase_slot_params(server: ServerServices, username: str) -> tuple[str, KdfParams]:
    account = accounts.find_account(server, username)
    journal = server.journal(account.journal)
    with transaction(journal.engine) as connection:
        slot = get_slot(connection, PASSPHRASE)
    assert slot is not None and slot.params is not None
    return slot.kdf, slot.params


def test_the_passphrase_slot_uses_argon2id_at_least_at_the_owasp_minimum(
    people: People, server: ServerServices
) -> None:
    """WEB-3: the account's passphrase slot is Argon2id with m >= 19456 KiB and t >= 2
    (the test suite's fast setting is exactly that floor)."""
    people.add("alex")
    kdf, params = passphrase_slot_params(server, "alex")
    assert kdf == KDF_ARGON2ID
    assert params.memory_kib >= 19_456
    assert params.iterations >= 2
    assert not params.is_below(FLOOR)


def test_without_the_test_setting_accounts_get_the_full_default_cost(
    server_sqlite_url: str, clock: Clock
) -> None:
    """WEB-3: a real server (no test_fast_kdf) stores Argon2id m=64 MiB, t=3, p=4."""
    real = build_server(
        Settings(server_database_url=server_sqlite_url, test_fast_kdf=False), clock=clock
    )
    try:
        accounts.add_account(real, "alex", PASSWORDS["alex"])
        kdf, params = passphrase_slot_params(real, "alex")
    finally:
        real.close()
    assert kdf == KDF_ARGON2ID
    assert params == DEFAULT
    assert params.memory_kib >= 19_456 and params.iterations >= 2
