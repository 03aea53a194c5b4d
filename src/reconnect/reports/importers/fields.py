"""Typed reading of imported values: every refusal names where (a JSON path or a line),
the field, and what was expected, as one InputError.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from reconnect.domain.entries import MAX_LABELS, check_entry_text, labels_for, normalise_label
from reconnect.domain.safety import SafetyCheck
from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Callable

# Far deeper than any export nests (three levels), far shallower than the interpreter's limit.
MAX_JSON_DEPTH = 64


def describe(value: object) -> str:
    """A short, safe description of a value for an error message (never the whole value)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= 40 else f"a number of {len(text):,} digits"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else f"{value[:30]!r}… ({len(value):,} characters)"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def refuse(where: str, expected: str, value: object) -> InputError:
    """The error for a value that is not what ``where`` needs."""
    return InputError(f"{where}: expected {expected}, not {describe(value)}")


def _nesting_position(text: str) -> tuple[int, int]:
    """(line, column) where brackets first nest deeper than MAX_JSON_DEPTH."""
    depth, line, column, in_string, escaped = 0, 1, 0, False, False
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return line, column
        elif char in "]}":
            depth -= 1
    return line, column


def _too_deep(value: object) -> bool:
    """Whether a parsed document nests deeper than MAX_JSON_DEPTH (checked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def load_json(text: str) -> object:
    """A JSON document; InputError with the line for invalid or absurdly nested JSON."""
    data: object = None
    try:
        data = json.loads(text)
        too_deep = _too_deep(data)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        too_deep = True
    except ValueError as exc:  # an integer with thousands of digits
        raise InputError(f"not valid JSON ({exc})") from None
    if too_deep:
        line, column = _nesting_position(text)
        raise InputError(
            f"line {line}, column {column}: the JSON is nested more than "
            f"{MAX_JSON_DEPTH} levels deep; an export never is"
        )
    return data


def text_value(value: object, where: str, max_chars: int) -> str:
    """A string of at most ``max_chars``, without NUL or unpaired surrogates."""
    if not isinstance(value, str):
        raise refuse(where, "text", value)
    if len(value) > max_chars:
        raise InputError(
            f"{where}: {len(value):,} characters; expected at most {max_chars:,} characters"
        )
    if "\x00" in value:
        raise InputError(f"{where}: contains a NUL character; expected plain text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{where}: contains an unpaired surrogate; expected plain text") from None
    return value


def entry_text(value: object, where: str) -> str:
    """An entry's text within the entry size limit."""
    checked = text_value(value, where, 10**9)
    try:
        return check_entry_text(checked)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message}") from None


def moment(value: object, where: str) -> datetime:
    """An ISO 8601 date-time with a time zone, as UTC (the instant is kept, not the offset)."""
    if not isinstance(value, str) or len(value) > 40:
        raise refuse(where, "a date-time like 2026-01-31T21:30:00+00:00", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise refuse(where, "a date-time like 2026-01-31T21:30:00+00:00", value) from None
    if parsed.tzinfo is None:
        raise refuse(where, "a date-time with a time zone (like +00:00)", value)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00 is before the first UTC moment
        raise refuse(where, "a date-time between the years 1 and 9999", value) from None


def string_list(value: object, where: str, max_items: int = 1_000) -> list[str]:
    """A list of strings."""
    if not isinstance(value, list):
        raise refuse(where, "a list of text", value)
    if len(value) > max_items:
        raise InputError(f"{where}: {len(value):,} items; expected at most {max_items:,}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise refuse(f"{where}[{index}]", "text", item)
    return value


def label_list(value: object, where: str, sigils: str = "") -> tuple[str, ...]:
    """Tags, people or activities: a list of short labels without spaces."""
    items = string_list(value, where, max_items=MAX_LABELS * 4)
    labels: list[str] = []
    for index, item in enumerate(items):
        try:
            labels.append(normalise_label(item.lstrip(sigils) if sigils else item))
        except InputError as exc:
            raise InputError(
                f"{where}[{index}]: {exc.message}; expected a label of 1 to 40 characters"
            ) from None
    if len(dict.fromkeys(labels)) > MAX_LABELS:
        raise InputError(f"{where}: expected at most {MAX_LABELS} different labels")
    return tuple(labels)


def text_labels(
    text: str,
    where: str,
    tags: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    activities: tuple[str, ...] = (),
) -> None:
    """Check that the labels written in ``text`` plus the given ones are within the limits."""
    try:
        labels_for(text, tags, people, activities)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message}") from None


def safety_check(value: object, where: str) -> SafetyCheck | None:
    """An answer to the safety check, or None."""
    if value is None:
        return None
    try:
        return SafetyCheck.from_dict(value)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message.removeprefix('safety_check: ')}") from None


class Record:
    """One JSON object read at a path: each field is fetched with its expected type."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise refuse(where, "an object", value)
        self.data: dict[str, Any] = value
        self.where = where

    def at(self, name: str) -> str:
        """The path of one field."""
        return f"{self.where}.{name}"

    def raw(self, name: str, default: object = ..., *, required: bool = True) -> object:
        """A field's value; InputError when a required field is missing."""
        if name in self.data:
            return self.data[name]
        if required and default is ...:
            raise InputError(f"{self.at(name)}: missing; this field is required")
        return None if default is ... else default

    def read(self, name: str, reader: Callable[[object, str], Any], default: object = ...) -> Any:
        """A field passed through ``reader(value, path)``; a missing field takes ``default``."""
        if name not in self.data and default is not ...:
            return default
        return reader(self.raw(name), self.at(name))

    def integer(self, name: str, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``."""
        value = self.raw(name)
        expected = f"a whole number from {low} to {high}"
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise refuse(self.at(name), expected, value)
        return value


def items(value: object, where: str) -> list[object]:
    """A list of records (a missing list is an empty one)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise refuse(where, "a list", value)
    return value
