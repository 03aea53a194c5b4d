"""ENC-7 (a): a damaged key slot or data key is named as such and never tried blindly."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reconnect.crypto.kdf import KdfParams, check_params
from reconnect.crypto.keys import slot_checksum
from reconnect.errors import CryptoError

# The CLI run under test may use this much address space: far less than m=4 GiB, so a build
# that starts Argon2id on a hostile slot fails at once instead of stalling the machine.
ADDRESS_SPACE = 3 * 1024**3


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reconnect", "--db", url, *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=False,
        preexec_fn=_limited,  # the child has no threads before exec
    )


def _rewrite_slot_params(path: Path, memory_kib: int, iterations: int, lanes: int) -> None:
    """Rewrite the passphrase slot's Argon2id parameters with a matching (unkeyed) checksum."""
    with sqlite3.connect(path) as db:
        kind, kdf, salt, wrapped = db.execute(
            "SELECT kind, kdf, salt, wrapped FROM key_slots WHERE kind='passphrase'"
        ).fetchone()
        params = KdfParams(memory_kib, iterations, lanes)
        db.execute(
            "UPDATE key_slots SET memory_kib=?, iterations=?, lanes=?, checksum=? "
            "WHERE kind='passphrase'",
            (
                memory_kib,
                iterations,
                lanes,
                slot_checksum(kind, kdf, params, bytes(salt), bytes(wrapped)),
            ),
        )


def _slots(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT * FROM key_slots ORDER BY kind").fetchall()


@pytest.mark.parametrize(
    ("memory_kib", "iterations", "lanes"),
    [
        pytest.param(4 * 1024 * 1024, 1000, 4, id="m-4GiB-t-1000"),
        pytest.param(4 * 1024 * 1024, 3, 4, id="m-4GiB"),
        pytest.param(65_536, 100_000, 4, id="t-100000"),
        pytest.param(8_000, 2, 1, id="below-the-floor"),
    ],
)
def test_a_slot_with_impossible_argon2_parameters_is_refused_as_damaged_before_any_work(
    sqlite_url: str, memory_kib: int, iterations: int, lanes: int
) -> None:
    path = _path(sqlite_url)
    _rewrite_slot_params(path, memory_kib, iterations, lanes)
    before = _slots(path)
    result = run(sqlite_url, "log")
    assert result.returncode == 1, result.stderr
    assert "passphrase key slot is damaged" in result.stderr
    assert f"m={memory_kib} KiB, t={iterations}, p={lanes}" in result.stderr
    assert "recovery key" in result.stderr
    assert "wrong passphrase" not in result.stderr
    assert "Traceback" not in result.stderr
    assert _slots(path) == before


def test_new_slots_beyond_the_ceiling_are_refused() -> None:
    with pytest.raises(CryptoError, match="beyond the maximum"):
        check_params(KdfParams(4 * 1024 * 1024, 1000, 4))


def test_a_damaged_data_key_is_named_with_what_to_do(sqlite_url: str) -> None:
    assert run(sqlite_url, "write", "written before the damage").returncode == 0
    path = _path(sqlite_url)
    with sqlite3.connect(path) as db:
        key_id, wrapped = db.execute("SELECT id, wrapped FROM data_keys").fetchone()
        spoiled = bytearray(wrapped)
        spoiled[-5] ^= 0x01
        db.execute("UPDATE data_keys SET wrapped=? WHERE id=?", (bytes(spoiled), key_id))
    result = run(sqlite_url, "log")
    assert result.returncode == 1
    assert f"data key {key_id} of this journal is damaged" in result.stderr
    assert "passphrase is right" in result.stderr
    assert "backup" in result.stderr
    assert "failed its integrity check" not in result.stderr
    assert "wrong passphrase" not in result.stderr
    assert "Traceback" not in result.stderr
