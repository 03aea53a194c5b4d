"""Journal entries: the value type and how tags, people and activities are read from text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from reconnect.domain.analysis import Analysis
    from reconnect.domain.safety import SafetyCheck

# Stated in the README and in `reconnect write --help`.
MAX_ENTRY_CHARS = 20_000
MAX_LABELS = 50
MAX_LABEL_CHARS = 40

_LABEL = r"[^\W_][\w\-']{0,39}"
TAG_PATTERN = re.compile(rf"(?<![\w#@])#({_LABEL})", re.UNICODE)
PERSON_PATTERN = re.compile(rf"(?<![\w#@])@({_LABEL})", re.UNICODE)
# Activities are written as "+walk" or "+cooking-together".
ACTIVITY_PATTERN = re.compile(rf"(?<![\w#@+])\+({_LABEL})", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DamagedEntry:
    """An entry whose stored content failed its integrity check: only its id and date are known
    (both are stored in plaintext), so it can be named and skipped while the rest is read."""

    id: int
    written_at: datetime

    def describe(self) -> str:
        """How a person is told about it: ``entry 12 (written 2026-03-04)``."""
        return f"entry {self.id} (written {self.written_at:%Y-%m-%d})"


@dataclass(frozen=True, slots=True)
class Entry:
    """One journal entry: what was written and when, its labels, its analysis and the answer
    to the safety check its analysis asked for.

    ``analysis`` is None when the stored analysis could not be read: the entry is then
    treated as not analysed until ``reconnect reanalyze`` reads it again.
    """

    id: int
    written_at: datetime
    updated_at: datetime
    text: str
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    analysis: Analysis | None = None
    safety_check: SafetyCheck | None = None

    @property
    def crisis(self) -> bool:
        """Whether the analysis flagged crisis language (resources come first)."""
        return self.analysis is not None and self.analysis.crisis

    @property
    def concern(self) -> bool:
        """Whether the analysis was unsure and asks the calm safety check (never with crisis)."""
        return self.analysis is not None and self.analysis.concern and not self.analysis.crisis

    @property
    def needs_reanalysis(self) -> bool:
        """Whether the stored analysis could not be read (``reconnect reanalyze`` mends it)."""
        return self.analysis is None

    @property
    def marker_names(self) -> frozenset[str]:
        """The names of the markers detected in this entry (none when not analysed)."""
        return frozenset() if self.analysis is None else self.analysis.marker_names


# Dropped from the start of a label (after surrounding whitespace), so "#walk" is "walk".
LABEL_SIGILS = "#@+"


def label_char_allowed(ch: str) -> bool:
    """Whether a label may contain this character: no whitespace, no control, format,
    private-use, surrogate or unassigned character (Unicode category C)."""
    return not (ch.isspace() or unicodedata.category(ch).startswith("C"))


def normalise_label(raw: str) -> str:
    """A tag, person or activity in canonical form: NFC, lower case, no leading sigil.

    >>> normalise_label("#Sunday-Walk")
    'sunday-walk'
    """
    label = unicodedata.normalize("NFC", raw.strip()).lstrip(LABEL_SIGILS).casefold()
    if not label:
        raise InputError("a tag, person or activity cannot be empty")
    if len(label) > MAX_LABEL_CHARS:
        raise InputError(f"{raw!r} is longer than {MAX_LABEL_CHARS} characters")
    if not all(label_char_allowed(ch) for ch in label):
        raise InputError(f"{raw!r} may not contain spaces or control characters")
    return label


def _unique(labels: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for label in labels:
        seen.setdefault(normalise_label(label), None)
    if len(seen) > MAX_LABELS:
        raise InputError(f"an entry can carry at most {MAX_LABELS} labels of each kind")
    return tuple(seen)


def extract_tags(text: str) -> tuple[str, ...]:
    """``#tags`` in the text, normalised, in order of first appearance.

    >>> extract_tags("Long walk #outdoors with @Sam, then #Outdoors again")
    ('outdoors',)
    """
    return _unique(TAG_PATTERN.findall(text))


def extract_people(text: str) -> tuple[str, ...]:
    """``@people`` in the text, normalised, in order of first appearance.

    >>> extract_people("Dinner with @Sam and @alex-b. @sam laughed.")
    ('sam', 'alex-b')
    """
    return _unique(m.rstrip(".'") for m in PERSON_PATTERN.findall(text))


def extract_activities(text: str) -> tuple[str, ...]:
    """``+activities`` in the text, normalised, in order of first appearance.

    >>> extract_activities("+walk then +cooking-together; 2+2 is not one")
    ('walk', 'cooking-together')
    """
    return _unique(ACTIVITY_PATTERN.findall(text))


def check_entry_text(text: str) -> str:
    """The text to save: refused when over the limit or containing NUL characters.

    A blank entry is allowed (DESIGN: "a blank entry is always possible").
    """
    if len(text) > MAX_ENTRY_CHARS:
        raise InputError(
            f"the entry is {len(text):,} characters long; the limit is {MAX_ENTRY_CHARS:,}",
            hint="Split it into several entries.",
        )
    if "\x00" in text:
        raise InputError("the entry contains a NUL character")
    return text


def labels_for(
    text: str,
    tags: Iterable[str] = (),
    people: Iterable[str] = (),
    activities: Iterable[str] = (),
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Tags, people and activities: those written in the text plus those given explicitly."""
    return (
        _unique([*extract_tags(text), *tags]),
        _unique([*extract_people(text), *people]),
        _unique([*extract_activities(text), *activities]),
    )
