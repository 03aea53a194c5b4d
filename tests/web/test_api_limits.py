"""The API's OpenAPI document states every limit it enforces, and enforces every limit it states.

Also the rules on blank entries (allowed everywhere, by design) and on plausible dates.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.forked_cli import run_cli

from reconnect.content import load_feelings, load_instruments
from reconnect.contracts.journal import label_pattern
from reconnect.domain.entries import normalise_label
from reconnect.errors import InputError

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ENTRY = {"text": "A quiet evening."}
CHECKIN = {"pleasantness": 5, "energy": 5}


def body_schema(client: TestClient, name: str) -> dict[str, Any]:
    document = client.get("/api/openapi.json").json()
    schema: dict[str, Any] = document["components"]["schemas"][name]
    return schema


def test_the_entry_schema_states_its_limits(sqlite_client: TestClient) -> None:
    props = body_schema(sqlite_client, "EntryIn")["properties"]
    assert props["text"]["maxLength"] == 20_000
    assert props["text"]["pattern"] == "^[^\\u0000]*$"
    for name in ("tags", "people", "activities"):
        assert props[name]["maxItems"] == 50
        assert props[name]["items"] == {"$ref": "#/components/schemas/Label"}
    label = body_schema(sqlite_client, "Label")
    assert (label["type"], label["minLength"], label["maxLength"]) == ("string", 1, 40)
    assert label["pattern"] == label_pattern()
    assert props["written_at"]["anyOf"][0]["formatMinimum"] == "1900-01-01T00:00:00+00:00"
    assert "one day after the server's clock" in props["written_at"]["description"]


def test_the_checkin_schema_states_its_limits(sqlite_client: TestClient) -> None:
    props = body_schema(sqlite_client, "CheckInIn")["properties"]
    for name in ("pleasantness", "energy"):
        assert (props[name]["minimum"], props[name]["maximum"]) == (1, 10)
    assert props["feelings"]["maxItems"] == 12
    assert props["feelings"]["items"]["maxLength"] == 40
    vocabulary = {name for quadrant in load_feelings() for name in quadrant.feelings}
    assert set(props["feelings"]["items"]["enum"]) == vocabulary | {"cannot-name-it"}
    assert props["note"]["maxLength"] == 2_000
    assert props["checked_at"]["anyOf"][0]["formatMinimum"] == "1900-01-01T00:00:00+00:00"


def test_the_selfcheck_schema_states_its_limits(sqlite_client: TestClient) -> None:
    props = body_schema(sqlite_client, "AnswersIn")["properties"]
    assert props["instrument"]["maxLength"] == 64
    answers = props["answers"]
    assert answers["maxProperties"] == 500
    item_ids = [item.id for instrument in load_instruments() for item in instrument.items]
    assert answers["propertyNames"] == {"maxLength": 64, "enum": item_ids}
    stated = (
        answers["additionalProperties"]["minimum"],
        answers["additionalProperties"]["maximum"],
    )
    scales = {value for i in load_instruments() for value in i.scale.values}
    assert stated == (min(scales), max(scales))


def _server_takes(label: str) -> bool:
    try:
        normalise_label(label)
    except InputError:
        return False
    return True


def test_the_label_pattern_takes_each_character_the_server_takes() -> None:
    # Every code point alone; inside a word and after a sigil, every seventh (the pattern is
    # one character class either way, so the contexts need not repeat all 1.1 million).
    pattern = re.compile(label_pattern())
    for code in range(sys.maxunicode + 1):
        labels = (chr(code), f"a{chr(code)}b", f"#{chr(code)}") if code % 7 == 0 else (chr(code),)
        for label in labels:
            assert bool(pattern.search(label)) == _server_takes(label), (hex(code), label)


# Runs of what labels are made of: letters, sigils, whitespace, controls, format and
# private-use characters, a combining accent, and any character at all.
_LABEL_PARTS = st.sampled_from(
    [
        *("a", "Z", "-", "#", "@", "+", " ", "\t", "\n", "\x1c", "\x85", "\u3000", "\x00"),
        *("\u200b", "\ufeff", "\ue000", "\u0301", "\u00e9", "\U0001f600", "\U000e0001"),
        "\U00050000",
    ]
) | st.characters(exclude_categories=["Cs"])


@cache
def _label_validator() -> jsonschema_rs.Validator:
    """The document's label rule as a JSON Schema validator, built once (about 1 ms each)."""
    return jsonschema_rs.validator_for({"type": "string", "pattern": label_pattern()})


@settings(max_examples=2_000, deadline=None, database=None)
@given(st.lists(_LABEL_PARTS, min_size=1, max_size=8).map("".join))
def test_the_label_pattern_agrees_with_the_server(label: str) -> None:
    # Not stated: a label whose lower case is longer than 40 characters ("ß" is "ss") is
    # refused though the document allows up to 40 characters as written.
    validator = _label_validator()
    assert bool(re.search(label_pattern(), label)) == _server_takes(label)
    assert validator.is_valid(label) == _server_takes(label)


def test_the_body_size_limit_is_stated_and_enforced(sqlite_client: TestClient) -> None:
    document = sqlite_client.get("/api/openapi.json").json()
    assert "over 1 MB is refused with 413" in document["info"]["description"]
    huge = sqlite_client.post("/api/entries", content=b"x" * 1_000_001)
    assert huge.status_code == 413


def at_and_over(limit: int, fill: str = "a") -> tuple[str, str]:
    return fill * limit, fill * (limit + 1)


@pytest.mark.parametrize(
    ("path", "base", "field", "at_limit", "over_limit"),
    [
        pytest.param("/api/entries", ENTRY, "text", *at_and_over(20_000), id="entry-text"),
        pytest.param(
            "/api/entries",
            ENTRY,
            "tags",
            [f"t{i}" for i in range(50)],
            [f"t{i}" for i in range(51)],
            id="tags-count",
        ),
        pytest.param("/api/entries", ENTRY, "people", ["p" * 40], ["p" * 41], id="person-length"),
        pytest.param("/api/entries", ENTRY, "activities", ["walk"], [""], id="activity-blank"),
        pytest.param("/api/checkins", CHECKIN, "note", *at_and_over(2_000), id="checkin-note"),
        pytest.param("/api/checkins", CHECKIN, "pleasantness", 10, 11, id="pleasantness-high"),
        pytest.param("/api/checkins", CHECKIN, "energy", 1, 0, id="energy-low"),
        pytest.param(
            "/api/checkins",
            CHECKIN,
            "feelings",
            ["calm"],
            ["calm" * 10 + "x"],
            id="feeling-length",
        ),
    ],
)
def test_each_stated_limit_is_enforced_both_ways(
    sqlite_client: TestClient,
    path: str,
    base: dict[str, Any],
    field: str,
    at_limit: object,
    over_limit: object,
) -> None:
    accepted = sqlite_client.post(path, json={**base, field: at_limit})
    assert accepted.status_code == 201, accepted.text
    refused = sqlite_client.post(path, json={**base, field: over_limit})
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"].startswith(field)


def test_feelings_over_the_stated_count_are_refused(sqlite_client: TestClient) -> None:
    refused = sqlite_client.post("/api/checkins", json={**CHECKIN, "feelings": ["calm"] * 13})
    assert refused.status_code == 422


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        pytest.param(0, 201, id="lowest"),
        pytest.param(4, 201, id="highest"),
        pytest.param(-1, 422, id="below"),
        pytest.param(5, 422, id="above"),
    ],
)
def test_selfcheck_answers_are_held_to_the_stated_range(
    sqlite_client: TestClient, answer: int, status: int
) -> None:
    items = load_instruments()[0].items
    answers = {item.id: 2 for item in items} | {items[0].id: answer}
    response = sqlite_client.post("/api/selfchecks", json={"answers": answers})
    assert response.status_code == status, response.text


def test_an_instrument_name_over_the_stated_length_is_refused(sqlite_client: TestClient) -> None:
    answers = {load_instruments()[0].items[0].id: 1}
    at = sqlite_client.post("/api/selfchecks", json={"instrument": "x" * 64, "answers": answers})
    over = sqlite_client.post("/api/selfchecks", json={"instrument": "x" * 65, "answers": answers})
    assert at.status_code == 404 and over.status_code == 422


# Dates: from 1900-01-01T00:00:00Z to one day after the server's clock; never a number.


@pytest.mark.parametrize(
    "moment",
    [
        pytest.param(0, id="unix-zero"),
        pytest.param(1_700_000_000, id="unix-seconds"),
        pytest.param(1.5, id="float"),
        pytest.param("1899-12-31T23:59:59Z", id="before-1900"),
        pytest.param("0001-01-01T00:00:00Z", id="year-one"),
        pytest.param((datetime.now(UTC) + timedelta(days=2)).isoformat(), id="two-days-ahead"),
        pytest.param("9999-12-31T23:59:59Z", id="year-9999"),
    ],
)
@pytest.mark.parametrize(
    ("path", "base", "field"),
    [
        pytest.param("/api/entries", ENTRY, "written_at", id="entry"),
        pytest.param("/api/checkins", CHECKIN, "checked_at", id="checkin"),
    ],
)
def test_implausible_dates_are_refused(
    sqlite_client: TestClient, path: str, base: dict[str, Any], field: str, moment: object
) -> None:
    response = sqlite_client.post(path, json={**base, field: moment})
    assert response.status_code == 422, response.text
    assert response.json()["error"].startswith(field)
    assert sqlite_client.get(path).json() == []


@pytest.mark.parametrize(
    "moment",
    [
        pytest.param("1900-01-01T00:00:00Z", id="first-moment"),
        pytest.param("1970-01-01T00:00:00Z", id="1970-as-text"),
        pytest.param("2026-02-01T20:00:00", id="no-offset-means-utc"),
        pytest.param((datetime.now(UTC) + timedelta(hours=20)).isoformat(), id="tomorrow"),
    ],
)
def test_plausible_dates_are_kept(sqlite_client: TestClient, moment: str) -> None:
    response = sqlite_client.post("/api/entries", json={**ENTRY, "written_at": moment})
    assert response.status_code == 201, response.text


# Blank entries: DESIGN.md "a blank entry is always possible"; the README says so too. The
# same rule holds in the CLI, on the web page and in the API; NUL characters are refused by all.


def test_a_blank_entry_is_kept_by_the_api_the_page_and_the_cli(
    sqlite_client: TestClient, sqlite_url: str
) -> None:
    assert sqlite_client.post("/api/entries", json={"text": ""}).status_code == 201
    assert sqlite_client.post("/api/entries", json={"text": "  \n"}).status_code == 201
    page = sqlite_client.post("/journal", data={"text": ""}, follow_redirects=False)
    assert page.status_code == 303
    assert [e["text"] for e in sqlite_client.get("/api/entries").json()] == ["", "  \n", ""]
    cli = run_cli(["--db", sqlite_url, "write", ""])
    assert cli.returncode == 0, cli.stderr


def test_a_nul_character_is_refused_by_the_api_the_page_and_the_cli(
    sqlite_client: TestClient, sqlite_url: str
) -> None:
    api = sqlite_client.post("/api/entries", json={"text": "a\x00b"})
    assert api.status_code == 422
    assert api.json()["error"] == "the entry contains a NUL character"
    page = sqlite_client.post("/journal", data={"text": "a\x00b"})
    assert page.status_code == 422 and "NUL character" in page.text
    cli = run_cli(["--db", sqlite_url, "write"], input="a\x00b")
    assert cli.returncode == 2 and "NUL character" in cli.stderr
