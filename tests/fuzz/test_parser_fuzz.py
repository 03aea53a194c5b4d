"""FUZZ-3 in CI: a short Hypothesis run of every file parser, and the corpus replayed.

The long, coverage-guided run is ``scripts/fuzz_parsers.py`` (results in
docs/fuzz-results.md). Every crash it finds is saved under tests/fuzz/corpus/<target>/
and replayed here for ever, next to the seed files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.targets import TARGETS, sealed_example

CORPUS = Path(__file__).parent / "corpus"

settings.register_profile(
    "fuzz3-smoke", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SMOKE = settings.get_profile("fuzz3-smoke")

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2026-01-02T09:00:00+00:00", "2026-01-02", "21:15", "body-scan", "numb"]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


def seeds(target: str) -> list[bytes]:
    return [path.read_bytes() for path in sorted((CORPUS / target).iterdir())]


@st.composite
def mutated(draw: st.DrawFn, target: str) -> bytes:
    """A seed with a few bytes inserted, deleted or replaced (a cheap, blind mutator)."""
    data = bytearray(draw(st.sampled_from(seeds(target))))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=8) | st.sampled_from([b'"', b",", b"\n"]))
        if action == "insert":
            data[where:where] = chunk
        elif action == "delete":
            del data[where : where + len(chunk)]
        else:
            data[where : where + len(chunk)] = chunk
    return bytes(data)


@st.composite
def replaced_json(draw: st.DrawFn, target: str) -> bytes:
    """A seed document with one value, anywhere in it, replaced by an arbitrary JSON value."""
    document = json.loads(draw(st.sampled_from(seeds(target))))
    node = document
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = draw(st.sampled_from(keys))
        if not isinstance(node[key], dict | list) or not node[key] or draw(st.booleans()):
            node[key] = draw(json_values)
            break
        node = node[key]
    return json.dumps(document).encode("utf-8")


csv_field = st.lists(
    st.sampled_from(['"', ",", "\n", "\r", "a", "é", " ", "|", "2025-03-01", "pm", "\x00"]),
    max_size=12,
).map("".join)
csv_rows = st.lists(st.lists(csv_field, max_size=10), max_size=6).map(
    lambda rows: (
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        + "\n".join(",".join(row) for row in rows)
    ).encode("utf-8")
)

STRATEGIES = {
    "envelope": st.binary(max_size=80) | mutated("envelope"),
    "native": st.binary(max_size=200) | mutated("native") | replaced_json("native"),
    "jrnl": st.binary(max_size=200) | mutated("jrnl") | replaced_json("jrnl"),
    "daylio": st.binary(max_size=200) | mutated("daylio") | csv_rows,
}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_short_fuzz_run_finds_no_crash(target: str) -> None:
    @SMOKE
    @given(data=STRATEGIES[target])
    def run(data: bytes) -> None:
        TARGETS[target](data)

    run()


CORPUS_FILES = sorted(path for path in CORPUS.glob("*/*") if path.is_file())


@pytest.mark.parametrize(
    "path", CORPUS_FILES, ids=[f"{p.parent.name}/{p.name}" for p in CORPUS_FILES]
)
def test_the_corpus_replays_without_a_crash(path: Path) -> None:
    TARGETS[path.parent.name](path.read_bytes())


def test_every_target_has_seeds_and_the_envelope_seed_is_current() -> None:
    assert all(seeds(target) for target in TARGETS)
    assert (CORPUS / "envelope" / "seed-valid").read_bytes() == sealed_example()
