"""The cipher envelope: the first version's bytes still open, and any bit flip is caught."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.crypto.envelope import HEADER, Place, new_key, open_envelope, seal
from reconnect.crypto.kdf import KdfParams
from reconnect.crypto.keys import Slot, open_slot, unwrap_data_key
from reconnect.errors import TamperedDataError
from tests.conftest import REPO_ROOT

FIXTURE = REPO_ROOT / "tests" / "security" / "fixtures" / "envelope_v1.json"
PLACE = Place("j" * 32, "entries", "7", "payload")


def test_a_journal_written_by_the_first_envelope_version_still_opens() -> None:
    data = json.loads(FIXTURE.read_text("utf-8"))
    s = data["slot"]
    slot = Slot(
        s["kind"],
        s["kdf"],
        KdfParams(s["memory_kib"], s["iterations"], s["lanes"]),
        bytes.fromhex(s["salt"]),
        bytes.fromhex(s["wrapped"]),
        s["checksum"],
    )
    master = open_slot(data["journal_id"], slot, data["passphrase"])
    key_id = data["data_key"]["id"]
    data_key = unwrap_data_key(
        data["journal_id"], master, key_id, bytes.fromhex(data["data_key"]["wrapped"])
    )
    e = data["envelope"]
    place = Place(data["journal_id"], e["table"], e["row"], e["column"])
    plain = open_envelope({key_id: data_key}, bytes.fromhex(e["hex"]), place)
    assert plain.decode() == data["plaintext"]
    assert bytes.fromhex(e["hex"])[:4] == b"RCE\x01"


@settings(max_examples=200, deadline=None)
@given(message=st.binary(max_size=300), data=st.data())
def test_any_single_bit_flip_is_an_integrity_error(message: bytes, data: st.DataObject) -> None:
    key = new_key()
    envelope = seal(key, 3, message, PLACE)
    assert open_envelope({3: key}, envelope, PLACE) == message
    bit = data.draw(st.integers(0, len(envelope) * 8 - 1))
    flipped = bytearray(envelope)
    flipped[bit // 8] ^= 1 << (bit % 8)
    try:
        open_envelope({3: key}, bytes(flipped), PLACE)
    except TamperedDataError:
        return
    raise AssertionError(f"a flip of bit {bit} went unnoticed")


@settings(max_examples=200, deadline=None)
@given(garbage=st.binary(max_size=200))
def test_garbage_is_refused_as_tampered_data(garbage: bytes) -> None:
    try:
        open_envelope({1: new_key()}, garbage, PLACE)
    except TamperedDataError:
        return
    raise AssertionError("garbage opened")


def test_the_header_is_twenty_bytes() -> None:
    assert HEADER.size == 20
    envelope = seal(new_key(), 258, b"x", PLACE)
    assert envelope[:3] == b"RCE" and envelope[3] == 1
    assert int.from_bytes(envelope[4:8], "big") == 258
    assert len(envelope) == 20 + 1 + 16
