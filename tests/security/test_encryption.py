"""Encryption at rest: the ENC rows of RELIABILITY.md, on real SQLite files and real processes."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.crypto import kdf
from reconnect.crypto.envelope import nonce_of
from reconnect.crypto.recovery import normalise_recovery_key
from reconnect.errors import CryptoError, InputError, TamperedDataError, WrongPassphraseError
from reconnect.services import checkins, journal, practices, selfcheck, vault, vault_setup
from tests.conftest import TEST_PASSPHRASE
from tests.forked_cli import run_cli

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reconnect.services import Services


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _fresh(url: str, fast: bool = True) -> Services:
    return build_services(Settings(database_url=url, test_fast_kdf=fast, passphrase=None))


def run(
    url: str, *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return run_cli(
        ["--db", url, *args], input=stdin, env={**os.environ, **(env or {})}, timeout=120
    )


@pytest.fixture
def big_url(ten_thousand: Path, tmp_path: Path) -> str:
    copy = tmp_path / "copy.db"
    shutil.copyfile(ten_thousand, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def opened(sqlite_url: str) -> Iterator[Services]:
    services = _fresh(sqlite_url)
    vault.unlock(services, TEST_PASSPHRASE)
    yield services
    services.close()


def test_enc1_every_entry_has_its_own_nonce_and_there_is_one_active_key(big_url: str) -> None:
    with sqlite3.connect(_path(big_url)) as db:
        payloads = [row[0] for row in db.execute("SELECT payload FROM entries")]
        active = db.execute("SELECT COUNT(*) FROM data_keys WHERE active").fetchone()[0]
    nonces = {nonce_of(base64.b64decode(p)) for p in payloads}
    assert len(payloads) == 10_000
    assert len(nonces) == 10_000
    assert active == 1


def test_enc2_the_slot_stores_the_default_argon2id_parameters(empty_sqlite_url: str) -> None:
    services = _fresh(empty_sqlite_url, fast=False)
    try:
        vault_setup.create_journal(services, "a long enough passphrase")
    finally:
        services.close()
    with sqlite3.connect(_path(empty_sqlite_url)) as db:
        row = db.execute(
            "SELECT kdf, memory_kib, iterations, lanes, length(salt) FROM key_slots "
            "WHERE kind = 'passphrase'"
        ).fetchone()
    assert row == ("argon2id", 65536, 3, 4, 16)


def test_enc2_parameters_below_the_floor_are_refused(empty_sqlite_url: str) -> None:
    services = _fresh(empty_sqlite_url)
    try:
        for weak in (
            kdf.KdfParams(19_455, 2, 1),
            kdf.KdfParams(65_536, 1, 4),
            kdf.KdfParams(65_536, 3, 0),
        ):
            with pytest.raises(CryptoError, match="below the minimum"):
                vault_setup.create_journal(services, "a long enough passphrase", params=weak)
        assert vault.journal_state(services) == "none"
    finally:
        services.close()


def test_enc3_ciphertexts_moved_to_another_row_or_column_do_not_open(opened: Services) -> None:
    first = journal.write_entry(opened, "the first entry")
    second = journal.write_entry(opened, "the second entry")
    record = checkins.record_checkin(opened, pleasantness=5, energy=5, note="a check-in note")
    path = _path(opened.settings.database_url)
    opened.keys.lock()
    with sqlite3.connect(path) as db:
        a = db.execute("SELECT payload FROM entries WHERE id=?", (first.id,)).fetchone()[0]
        b = db.execute("SELECT payload FROM entries WHERE id=?", (second.id,)).fetchone()[0]
        c = db.execute("SELECT payload FROM checkins WHERE id=?", (record.id,)).fetchone()[0]
        db.execute("UPDATE entries SET payload=? WHERE id=?", (b, first.id))
        db.execute("UPDATE entries SET payload=? WHERE id=?", (a, second.id))
        db.execute("UPDATE checkins SET payload=? WHERE id=?", (a, record.id))
        db.execute(
            "INSERT INTO entries (written_at, updated_at, analyzer_version, payload) "
            "VALUES ('2026-01-01', '2026-01-01', 'x', ?)",
            (c,),
        )
    vault.unlock(opened, TEST_PASSPHRASE)
    detected = 0
    for entry_id in (first.id, second.id, second.id + 1):
        with pytest.raises(TamperedDataError):
            journal.get_entry(opened, entry_id)
        detected += 1
    with pytest.raises(TamperedDataError):
        checkins.list_checkins(opened)
    detected += 1
    assert detected == 4


def test_enc4_changing_the_passphrase_rewraps_the_key_only(big_url: str) -> None:
    path = _path(big_url)

    def snapshot() -> tuple[str, list[tuple[object, ...]]]:
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT * FROM entries ORDER BY id").fetchall()
            slots = db.execute("SELECT * FROM key_slots ORDER BY kind").fetchall()
        return hashlib.sha256(repr(rows).encode()).hexdigest(), slots

    entries_before, slots_before = snapshot()
    result = run(big_url, "passphrase", "change", stdin="a brand new passphrase\n" * 2)
    assert result.returncode == 0, result.stderr
    entries_after, slots_after = snapshot()
    assert entries_after == entries_before
    changed = [a for a, b in zip(slots_after, slots_before, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0] == "passphrase"
    assert run(big_url, "log", "--json").returncode == 1  # the old passphrase (env) is refused
    new = run(big_url, "log", "--json", env={"RECONNECT_PASSPHRASE": "a brand new passphrase"})
    assert new.returncode == 0 and len(json.loads(new.stdout)) == 10_000


def test_enc5_the_recovery_key_opens_the_journal_and_a_typo_is_caught_first(
    empty_sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = _fresh(empty_sqlite_url)
    made = vault_setup.create_journal(services, "the passphrase I will forget")
    journal.write_entry(services, "something private")
    services.close()
    assert made.recovery_key is not None
    groups = made.recovery_key.split("-")
    assert len("".join(groups)) * 5 >= 128 + 5 and all(len(g) <= 4 for g in groups)

    # A typo: one character changed. It is reported before any key derivation.
    chars = list(made.recovery_key)
    index = next(i for i, ch in enumerate(chars) if ch != "-")
    chars[index] = "7" if chars[index] != "7" else "8"
    calls: list[str] = []
    import reconnect.crypto.keys as keys_module

    real = keys_module.recovery_slot_key

    def counting(recovery_key: str, salt: bytes) -> bytes:
        calls.append("kdf")
        return real(recovery_key, salt)

    monkeypatch.setattr(keys_module, "recovery_slot_key", counting)
    services = _fresh(empty_sqlite_url)
    with pytest.raises(InputError, match="typo"):
        vault.unlock_with_recovery_key(services, "".join(chars))
    assert calls == []

    vault.unlock_with_recovery_key(services, made.recovery_key.lower().replace("-", " "))
    assert [e.text for e in journal.list_entries(services)] == ["something private"]
    vault_setup.set_passphrase(services, "my new passphrase")
    services.close()
    services = _fresh(empty_sqlite_url)
    vault.unlock(services, "my new passphrase")
    assert len(journal.list_entries(services)) == 1
    services.close()


def test_enc5_recover_from_the_command_line(empty_sqlite_url: str) -> None:
    init = run(empty_sqlite_url, "init")
    assert init.returncode == 0, init.stderr
    key = next(line.strip(" │") for line in init.stdout.splitlines() if line.count("-") == 6)
    assert normalise_recovery_key(key)
    typo = key[:-1] + ("0" if key[-1] != "0" else "1")
    bad = run(empty_sqlite_url, "recover", stdin=f"{typo}\n")
    assert bad.returncode == 2 and "typo" in bad.stderr
    good = run(
        empty_sqlite_url, "recover", stdin=f"{key}\nrecovered passphrase\nrecovered passphrase\n"
    )
    assert good.returncode == 0, good.stderr
    assert (
        run(
            empty_sqlite_url, "log", env={"RECONNECT_PASSPHRASE": "recovered passphrase"}
        ).returncode
        == 0
    )


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_enc6_a_wrong_passphrase_changes_nothing(sqlite_url: str) -> None:
    run(sqlite_url, "write", "kept safe")
    folder = _path(sqlite_url).parent
    before = _tree_digest(folder)
    for _ in range(3):
        result = run(sqlite_url, "log", env={"RECONNECT_PASSPHRASE": "not the passphrase"})
        assert result.returncode == 1
        assert "wrong passphrase" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.count("Passphrase:") <= 3
    assert _tree_digest(folder) == before


def test_enc7_a_damaged_slot_is_not_called_a_wrong_passphrase(sqlite_url: str) -> None:
    with sqlite3.connect(_path(sqlite_url)) as db:
        wrapped = bytearray(
            db.execute("SELECT wrapped FROM key_slots WHERE kind='passphrase'").fetchone()[0]
        )
        wrapped[30] ^= 0x01
        db.execute("UPDATE key_slots SET wrapped=? WHERE kind='passphrase'", (bytes(wrapped),))
    result = run(sqlite_url, "log")
    assert result.returncode == 1
    assert "damaged" in result.stderr and "recovery key" in result.stderr
    assert "wrong passphrase" not in result.stderr
    assert "Traceback" not in result.stderr


def test_enc7_each_tampered_entry_is_named_and_the_rest_are_shown(big_url: str) -> None:
    rng = random.Random(7)
    spoiled = sorted(rng.sample(range(1, 10_001), 100))
    with sqlite3.connect(_path(big_url)) as db:
        for entry_id in spoiled:
            raw = bytearray(
                base64.b64decode(
                    db.execute("SELECT payload FROM entries WHERE id=?", (entry_id,)).fetchone()[0]
                )
            )
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
            db.execute(
                "UPDATE entries SET payload=? WHERE id=?",
                (base64.b64encode(bytes(raw)).decode(), entry_id),
            )
    result = run(big_url, "log", "--json")
    assert result.returncode == 1
    shown = json.loads(result.stdout)
    assert len(shown) == 9_900
    assert all(e["text"].startswith("entry number ") for e in shown)
    named = result.stderr.split("not shown:")[1].split("\n")[0]
    assert sorted(int(x) for x in named.replace(" ", "").split(",")) == spoiled
    assert "Traceback" not in result.stderr


CANARY = "CANARY-" + "q7Zx9KpL2mWv4RtY8nBc3HdF6jGs"  # 35 characters nobody would type


def _scan(folders: list[Path]) -> list[str]:
    needles = [CANARY.encode("utf-8"), CANARY.encode("utf-16-le")]
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [str(path) for needle in needles if needle in data]
    return found


def test_enc8_no_content_is_stored_in_plaintext(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    tag, person, activity = "tag" + CANARY[7:15], "who" + CANARY[7:15], "act" + CANARY[7:15]
    services = _fresh(sqlite_url)
    vault.unlock(services, TEST_PASSPHRASE)
    entry = journal.write_entry(
        services, f"text {CANARY}", tags=[tag], people=[person], activities=[activity]
    )
    checkins.record_checkin(services, pleasantness=3, energy=3, feelings=["numb"], note=CANARY)
    practices.log_practice(services, "box-breathing", reflection=CANARY)
    from reconnect.content import load_instrument
    from reconnect.domain.selfcheck import Perspective

    items = load_instrument().items
    selfcheck.take_selfcheck(
        services, perspective=Perspective.SELF, answers={item.id: 2 for item in items}
    )
    assert entry.text.endswith(CANARY)
    services.close()
    folder = _path(sqlite_url).parent
    assert _scan([folder, temp]) == []
    for short in (tag, person, activity):
        for path in folder.rglob("*"):
            if path.is_file():
                assert short.encode() not in path.read_bytes(), (short, path)


def test_enc9_a_data_key_is_rotated_after_its_limit_and_old_rows_still_open(
    opened: Services,
) -> None:
    journal.write_entry(opened, "sealed with the first key")
    codec = opened.keys.codec
    assert codec is not None
    codec.rotate_after = 3  # type: ignore[attr-defined]
    for i in range(4):
        journal.write_entry(opened, f"entry {i}")
    with sqlite3.connect(_path(opened.settings.database_url)) as db:
        keys = db.execute("SELECT id, encryptions, active FROM data_keys ORDER BY id").fetchall()
    assert len(keys) == 2
    assert keys[0][2] == 0 and keys[1][2] == 1
    assert keys[0][1] == 4  # 3 sealed plus the one that found the limit reached
    opened.keys.lock()
    vault.unlock(opened, TEST_PASSPHRASE)
    assert len(journal.list_entries(opened)) == 5


def test_enc10_no_passphrase_source_means_no_journal(empty_sqlite_url: str) -> None:
    env = {"RECONNECT_PASSPHRASE": ""}
    result = run_cli(
        ["--db", empty_sqlite_url, "init"],
        stdin=subprocess.DEVNULL,
        env={k: v for k, v in {**os.environ, **env}.items() if k != "RECONNECT_PASSPHRASE"},
    )
    assert result.returncode == 2
    assert "no passphrase given" in result.stderr and "--no-encryption" in result.stderr
    plain = run(empty_sqlite_url, "init", "--no-encryption")
    assert plain.returncode == 0 and "unencrypted" in plain.stderr
    run(empty_sqlite_url, "write", "stored as it is")
    with sqlite3.connect(_path(empty_sqlite_url)) as db:
        assert db.execute("SELECT encrypted FROM vault").fetchone()[0] == 0


def test_enc10_commands_refuse_a_journal_that_does_not_exist_yet(empty_sqlite_url: str) -> None:
    result = run(empty_sqlite_url, "write", "hello")
    assert result.returncode == 1
    assert "no journal here yet" in result.stderr and "reconnect init" in result.stderr


def test_enc12_files_and_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "data"
    url = f"sqlite:///{folder / 'reconnect.db'}"
    assert run(url, "init").returncode == 0
    assert run(url, "write", "hello").returncode == 0
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    for path in folder.iterdir():
        assert oct(path.stat().st_mode & 0o777) == oct(0o600), path


def test_wrong_passphrase_then_right_one_in_the_service(opened: Services) -> None:
    opened.keys.lock()
    with pytest.raises(WrongPassphraseError):
        vault.unlock(opened, "nope nope nope")
    vault.unlock(opened, TEST_PASSPHRASE)
    assert journal.list_entries(opened) == []


def test_an_unencrypted_journal_is_encrypted_in_place(empty_sqlite_url: str) -> None:
    services = _fresh(empty_sqlite_url)
    vault_setup.create_journal(services, None, encrypted=False)
    journal.write_entry(services, f"before encryption {CANARY}")
    checkins.record_checkin(services, pleasantness=4, energy=4, note=CANARY)
    services.close()
    folder = _path(empty_sqlite_url).parent
    assert _scan([folder])  # plaintext is there before
    result = run(empty_sqlite_url, "encrypt", stdin="")
    assert result.returncode == 0, result.stderr
    assert _scan([folder]) == []
    listed = json.loads(run(empty_sqlite_url, "log", "--json").stdout)
    assert [e["text"] for e in listed] == [f"before encryption {CANARY}"]


def test_the_keyring_is_opt_in_and_delete_all_removes_its_entry(sqlite_url: str) -> None:
    no_env = {k: v for k, v in os.environ.items() if k != "RECONNECT_PASSPHRASE"}

    def bare(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(["--db", sqlite_url, *args], stdin=subprocess.DEVNULL, env=no_env)

    assert bare("log").returncode == 1  # locked: no passphrase, no keyring entry yet
    on = run(sqlite_url, "keyring", "on")
    assert on.returncode == 0, on.stderr
    assert bare("log").returncode == 0  # the keyring opens it now
    keyring_file = Path(os.environ["XDG_DATA_HOME"]) / "python_keyring" / "keyring_pass.cfg"
    assert keyring_file.exists()
    assert run(sqlite_url, "keyring", "off").returncode == 0
    assert bare("log").returncode == 1
    assert run(sqlite_url, "keyring", "on").returncode == 0
    deleted = run(sqlite_url, "delete", "--all", "--yes")
    assert deleted.returncode == 0 and "keyring" in deleted.stderr
    import configparser

    stored = configparser.ConfigParser()
    stored.read(keyring_file)
    assert not stored.has_section("reconnect") or stored.options("reconnect") == []


def test_enc_a_flipped_encrypted_flag_never_lets_plaintext_in(empty_sqlite_url: str) -> None:
    """Audit defect 1: `update vault set encrypted=0` must not turn an encrypted journal
    into a plaintext one. Whether it is encrypted rests on its keys, not on the flag."""
    env = {"RECONNECT_PASSPHRASE": TEST_PASSPHRASE, "RECONNECT_TEST_FAST_KDF": "1"}
    assert run(empty_sqlite_url, "init", env=env).returncode == 0
    assert run(empty_sqlite_url, "write", "first, sealed", env=env).returncode == 0
    path = _path(empty_sqlite_url)
    with sqlite3.connect(path) as db:
        db.execute("update vault set encrypted = 0")
    written = run(empty_sqlite_url, "write", "PLAINTEXT-CANARY", env={})
    assert written.returncode != 0
    assert "marked unencrypted" in written.stderr + written.stdout
    assert "Traceback" not in written.stderr
    listed = run(empty_sqlite_url, "log", env=env)
    assert listed.returncode != 0 and "marked unencrypted" in listed.stderr + listed.stdout
    for file in path.parent.glob(path.name + "*"):
        assert b"PLAINTEXT-CANARY" not in file.read_bytes()
    with sqlite3.connect(path) as db:
        db.execute("update vault set encrypted = 1")
    restored = run(empty_sqlite_url, "log", env=env)
    assert restored.returncode == 0 and "first, sealed" in restored.stdout
