"""FUZZ-3 targets: every parser that reads a user's file, fed arbitrary bytes.

A target returns normally or raises an error from the documented family (InputError for
import files, TamperedDataError for the encryption envelope); anything else is a crash.
What a parser accepts must also be acceptable to the domain rules, so a file can never
get past the parser and then fail half-way through saving.
The same targets run under Hypothesis in CI (tests/fuzz/test_parser_fuzz.py) and under
atheris or Hypothesis for minutes at a time (scripts/fuzz_parsers.py).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from reconnect.crypto.envelope import Place, key_id_of, nonce_of, open_envelope, seal
from reconnect.domain.checkins import SCALE_MAX, SCALE_MIN
from reconnect.domain.entries import check_entry_text, labels_for
from reconnect.errors import InputError, TamperedDataError
from reconnect.reports.importers.daylio import parse_daylio
from reconnect.reports.importers.jrnl import parse_jrnl
from reconnect.reports.importers.native import parse_native
from reconnect.services.transfer import MAX_IMPORT_BYTES, import_vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconnect.reports.importers import ImportBatch, Vocabulary

PLACE = Place("journal", "entries", "1", "payload")
KEY = bytes(range(32))


@cache
def vocabulary() -> Vocabulary:
    return import_vocabulary()


def _decoded(data: bytes) -> str | None:
    """The file's text as ``reconnect import`` reads it (None: refused before parsing)."""
    if len(data) > MAX_IMPORT_BYTES:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _check_accepted(batch: ImportBatch) -> None:
    """Whatever a parser accepts passes the rules that saving applies (else: a crash)."""
    for entry in batch.entries:
        text = check_entry_text(entry.text)
        labels_for(text, entry.tags, entry.people, entry.activities)
        text.encode("utf-8")
        assert entry.written_at.utcoffset() is not None
    for checkin in batch.checkins:
        assert SCALE_MIN <= checkin.pleasantness <= SCALE_MAX
        assert SCALE_MIN <= checkin.energy <= SCALE_MAX
        checkin.note.encode("utf-8")
        assert checkin.checked_at.utcoffset() is not None
    for practice in batch.practices:
        assert practice.practice_id in vocabulary().practice_ids
        practice.reflection.encode("utf-8")
    for reminder in batch.reminders:
        assert reminder.practice_id in vocabulary().practice_ids
        assert reminder.days


def _parser_target(parse: Callable[[str], ImportBatch]) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        text = _decoded(data)
        if text is None:
            return
        try:
            batch = parse(text)
        except InputError as exc:
            assert exc.message, "an InputError without a message"
            assert "\n" not in exc.message, f"a message of several lines: {exc.message!r}"
            return
        _check_accepted(batch)

    return target


def envelope_target(data: bytes) -> None:
    """Open arbitrary bytes as an envelope: TamperedDataError or (never) plaintext."""
    try:
        key_id_of(data)
        nonce_of(data)
        open_envelope({1: KEY}, data, PLACE)
    except TamperedDataError:
        return
    assert data == sealed_example(), "bytes other than the sealed seed opened as an envelope"


def native_target(data: bytes) -> None:
    _parser_target(lambda text: parse_native(text, vocabulary()))(data)


jrnl_target = _parser_target(parse_jrnl)
daylio_target = _parser_target(parse_daylio)

TARGETS: dict[str, Callable[[bytes], None]] = {
    "envelope": envelope_target,
    "native": native_target,
    "jrnl": jrnl_target,
    "daylio": daylio_target,
}


@cache
def sealed_example() -> bytes:
    """A valid envelope, as a seed for mutation."""
    return seal(KEY, 1, b'{"text": "a seed"}', PLACE, nonce_source=lambda n: bytes(n))
