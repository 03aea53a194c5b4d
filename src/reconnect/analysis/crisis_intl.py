"""Explicit crisis statements in Spanish, Portuguese, French, German, Italian and Hindi.

The analyzer reads English only (``language.py``), but an entry that says
"me quiero morir" or "मैं मरना चाहता हूँ" must still bring up crisis resources.
This module finds such statements, and only explicit ones: wanting to die or to
kill oneself, not wanting to live any more, suicide, self-harm, being a burden,
and a few plain signs of preparation. Idioms that borrow the words ("je meurs de
faim", "me muero de risa", "todmüde") are not crisis.

How it works:

- The phrases live in ``data/crisis_phrases.toml``, reviewed like code, in a
  small syntax (alternatives, optional words, short gaps; see the file). They
  are compiled once (``lru_cache``) into **one** regular expression, bucketed
  by first letter so each word start tries only the phrases that begin with
  its letter; a named group per branch tells the language. The idioms make a
  second expression.
- Text is matched lower-cased with accents folded ("suicídarme" and
  "suicidarme", "não" and "nao" alike), curly apostrophes unified, and the
  Hindi nukta and chandrabindu folded. The folded copy keeps the text's length,
  so offsets hold; only when the text has separate combining marks ("e" +
  U+0301) are they dropped and offsets mapped back. Every hit's ``text`` is
  ``original[start:end]``.
- Every phrase has anchor words (the alternatives of its most telling required
  word: "morir|morirme"). Text holding none of them (nearly every call) costs
  one ``lower()``, one scan for words and a set lookup; only the rest is
  scanned with the big expression, and only when that matched does the idiom
  expression run. A hit that overlaps an idiom is dropped and the scan goes on
  one character later.
- ``language`` is the language of the list that matched. Close languages share
  words (Spanish also says "tentativa de suicidio"), so it is a hint, not a
  verdict.
- A denial ("no quiero morir") still matches, as in ``crisis.py``: a missed
  crisis is far worse than a gentle false alarm.

Cost (CPython 3.11, one core of a shared, busy 2-core machine; best of 5): under
1 µs for a short English entry and about 4 µs for a 250-character one (the
anchor check only); about 20-35 µs for a Spanish sentence that is scanned and
matches; compiling the expressions, once per process and only when some anchor
word appears, about 40 ms. On the first 5,000 GoEmotions training comments
(real English Reddit text) it fires on none.

Nothing here is shown to users; the crisis message lives in ``content/``.

>>> [(h.text, h.language) for h in find_intl_crisis("Hoy me quiero morir, de verdad.")]
[('me quiero morir', 'es')]
>>> find_intl_crisis("Je meurs de faim et je suis morte de rire.")
()
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

__all__ = [
    "PHRASES_FILE",
    "IntlCrisisHit",
    "anchor_words",
    "expand_phrase",
    "find_intl_crisis",
    "load_phrases",
    "phrase_pattern",
]

PHRASES_FILE = "crisis_phrases.toml"
_GAP_WORDS = 3
_LETTER = r"\w\u0900-\u0963\u0966-\u097f"  # a word goes on; Devanagari signs too, not the danda
_BEFORE = f"(?<![{_LETTER}])"
_AFTER = f"(?![{_LETTER}])"
_SEPARATE_MARKS = re.compile("[\u0300-\u036f\u093c]")  # combining accents, the Hindi nukta
_WORD = re.compile(f"[{_LETTER}]+")
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == ord("_") else 32 for c in range(128)) + bytes(
    128
)


def _fold_table() -> dict[int, str]:
    """One character for one: accented Latin letters to their base, quotes and Hindi variants."""
    table: dict[int, str] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFD", chr(code))
        base = decomposed[0]
        if len(decomposed) > 1 and base.isascii() and base.isalpha():
            table[code] = base.lower()
    for code in range(0x0958, 0x0960):  # क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़: the letter without its nukta
        table[code] = unicodedata.normalize("NFD", chr(code))[0]
    table.update({ord(q): "'" for q in "’‘ʼ´"})
    table[0x0901] = "\u0902"  # chandrabindu as anusvara: हूँ and हूं
    return table


_TABLE = _fold_table()


def _fold(text: str) -> tuple[str, list[int] | None]:
    """The text as matched, and (only when its length had to change) each character's origin."""
    lowered = text.lower()
    if text.isascii():
        return lowered, None
    if len(lowered) == len(text):
        folded = lowered.translate(_TABLE)
        if not _SEPARATE_MARKS.search(folded):
            return folded, None
    kept: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        low = char.lower()
        if len(low) != 1:
            low = char  # "İ" lowers to two characters; keep it as it is
        folded_char = low.translate(_TABLE)
        if not _SEPARATE_MARKS.fullmatch(folded_char):
            kept.append(folded_char)
            origin.append(index)
    return "".join(kept), origin


def _fold_phrase(phrase: str) -> str:
    """A phrase from the data file folded like text (it has no length to keep)."""
    return _fold(unicodedata.normalize("NFC", phrase))[0]


@dataclass(frozen=True, slots=True)
class IntlCrisisHit:
    """One explicit crisis statement: where (``text == original[start:end]``), in what language."""

    start: int
    end: int
    text: str
    language: str


@lru_cache(maxsize=1)
def load_phrases() -> dict[str, dict[str, tuple[str, ...]]]:
    """The data file as ``{language: {"crisis": phrases, "idioms": phrases}}``."""
    raw = resources.files("reconnect.analysis").joinpath("data", PHRASES_FILE).read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    return {
        language: {kind: tuple(table.get(kind, ())) for kind in ("crisis", "idioms")}
        for language, table in data.items()
    }


def _slots(phrase: str) -> list[tuple[list[str], bool]]:
    """A phrase's slots: (folded alternatives, optional). A gap is ``(["*"], False)``."""
    slots: list[tuple[list[str], bool]] = []
    for raw in phrase.split():
        optional = raw.endswith("?") and raw != "?"
        body = raw[:-1] if optional else raw
        alternatives = list(
            dict.fromkeys(_fold_phrase(a.replace("_", " ")) for a in body.split("|"))
        )
        if not all(alternatives) or (body == "*" and (optional or not slots)):
            raise ValueError(f"malformed crisis phrase: {phrase!r}")
        slots.append((alternatives, optional))
    if not slots:
        raise ValueError("empty crisis phrase")
    return slots


def _word_pattern(word: str) -> str:
    """One alternative as a regular expression: flexible apostrophes, hyphens, spaces and ß."""
    out: list[str] = []
    for part in re.split(r"(ss|['\- ])", word):
        if part == "ss":
            out.append("(?:ss|ß)")
        elif part == "'":
            out.append(r"['\s]?")
        elif part == "-":
            out.append(r"[-\s]?")
        elif part == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(part))
    return "".join(out)


def _rest_pattern(slots: list[tuple[list[str], bool]]) -> str:
    """The slots after a phrase's first word, each with the white space before it."""
    pattern = ""
    for alternatives, optional in slots:
        if alternatives == ["*"]:
            pattern += rf"(?:\s+[^\s.!?]+){{0,{_GAP_WORDS}}}"
        else:
            body = "(?:" + "|".join(map(_word_pattern, alternatives)) + ")"
            pattern += f"(?:\\s+{body})?" if optional else f"\\s+{body}"
    return pattern


def _branches(phrase: str) -> list[tuple[str, str]]:
    """The phrase as (first character, regular expression for the rest) pairs: one per way it
    can begin, so the combined expression can try only the phrases that start with a letter."""
    slots = _slots(phrase)
    heads = [slots]
    while heads[-1] and heads[-1][0][1]:  # a leading optional word: with it and without it
        later = heads[-1][1:]
        heads[-1] = [(heads[-1][0][0], False), *later]
        heads.append(later)
    branches: list[tuple[str, str]] = []
    for head in heads:
        if not head or head[0][0] == ["*"]:
            raise ValueError(f"malformed crisis phrase: {phrase!r}")
        after = _rest_pattern(head[1:])
        for word in head[0][0]:
            first = _word_pattern(word[0])
            whole = _word_pattern(word)
            if not whole.startswith(first):  # "ss" at the start: no letter to branch on
                first = ""
            branches.append((word[0] if first else "", whole[len(first) :] + after))
    return branches


def phrase_pattern(phrase: str) -> str:
    """The regular expression for one phrase on its own (whole words, folded text)."""
    branches = "|".join(re.escape(first) + rest for first, rest in _branches(phrase))
    return f"{_BEFORE}(?:{branches}){_AFTER}"


def _combined(phrases: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """One expression for many ``(language, phrase)`` pairs, bucketed by first letter, and the
    language of each named group (a match's ``lastgroup``). An empty language: no groups."""
    buckets: dict[str, list[str]] = {}
    languages: dict[str, str] = {}
    for language, phrase in phrases:
        for first, rest in _branches(phrase):
            if language:
                name = f"{language}_{len(languages)}"
                languages[name] = language
                rest = f"(?P<{name}>{rest})"
            buckets.setdefault(first, []).append(rest)
    alternation = "|".join(
        re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in buckets.items()
    )
    return f"{_BEFORE}(?:{alternation or '(?!)'}){_AFTER}", languages


def expand_phrase(phrase: str) -> list[str]:
    """Plain texts a phrase must match: every alternative at least once, each optional word both
    ways (used by the tests so every entry of the data file is exercised)."""
    slots = [(alts, optional) for alts, optional in _slots(phrase) if alts != ["*"]]
    texts = {" ".join(alts[0] for alts, _ in slots)}
    texts.add(" ".join(alts[0] for alts, optional in slots if not optional))
    for index, (alternatives, _) in enumerate(slots):
        for alternative in alternatives[1:]:
            words = [alts[0] for alts, _ in slots]
            words[index] = alternative
            texts.add(" ".join(words))
    return sorted(text for text in texts if text)


def anchor_words(phrase: str) -> frozenset[str]:
    """Words of which every match of the phrase holds one: the alternatives of its most telling
    required slot. A text with none of any phrase's anchors cannot match, so it skips the scan."""
    plain = [
        alternatives
        for alternatives, optional in _slots(phrase)
        if not optional and alternatives != ["*"] and all(_WORD.fullmatch(a) for a in alternatives)
    ]
    if not plain:
        raise ValueError(f"crisis phrase without a plain required word: {phrase!r}")
    best = max(reversed(plain), key=lambda alternatives: min(map(len, alternatives)))
    return frozenset(best) | {a.replace("ss", "ß") for a in best}


@lru_cache(maxsize=1)
def _anchors() -> frozenset[str]:
    """The anchor words of every crisis phrase."""
    return frozenset().union(
        *(anchor_words(p) for lists in load_phrases().values() for p in lists["crisis"])
    )


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    """The crisis expression, the language of each of its groups, and the idiom expression."""
    phrases = load_phrases()
    crisis, languages = _combined(
        [(language, phrase) for language, lists in phrases.items() for phrase in lists["crisis"]]
    )
    idioms, _ = _combined(
        [("", phrase) for lists in phrases.values() for phrase in lists["idioms"]]
    )
    return re.compile(crisis), languages, re.compile(idioms)


def find_intl_crisis(
    text: str, ascii_words: AbstractSet[str] | None = None
) -> tuple[IntlCrisisHit, ...]:
    """Explicit crisis statements in the six languages, in text order; ``()`` for none.

    ``ascii_words`` are the words of the crisis rules' skeleton (``crisis.scanner.Bones``)
    when the caller has them: for an ASCII text, the words read here (runs of letters,
    digits and ``_`` of the lower-cased text).

    >>> find_intl_crisis("ich habe die Tabletten schon gesammelt")[0].language
    'de'
    """
    folded, origin = _fold(text)
    words: AbstractSet[str] | list[str]
    if text.isascii():  # the same words as _WORD finds, several times faster
        words = (
            folded.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
            if ascii_words is None
            else ascii_words
        )
    else:
        words = _WORD.findall(folded)
    if _anchors().isdisjoint(words):
        return ()
    crisis, languages, idioms = _compiled()
    match = crisis.search(folded)
    if match is None:
        return ()
    idiom_spans = [m.span() for m in idioms.finditer(folded)]  # in order, never overlapping
    idiom_ends = [end for _, end in idiom_spans]
    hits: list[IntlCrisisHit] = []
    while match is not None:
        start, end = match.span()
        nearest = bisect_right(idiom_ends, start)  # the first idiom that ends after the start
        if nearest < len(idiom_spans) and idiom_spans[nearest][0] < end:
            match = crisis.search(folded, start + 1)
            continue
        if start < end:
            hits.append(_hit(text, origin, start, end, languages[match.lastgroup or ""]))
        match = crisis.search(folded, max(end, start + 1))
    return tuple(hits)


def _hit(text: str, origin: list[int] | None, start: int, end: int, language: str) -> IntlCrisisHit:
    """A hit with offsets into the original text (marks after the last letter included)."""
    if origin is not None:
        first, last = origin[start], origin[end - 1] + 1
        while last < len(text) and _SEPARATE_MARKS.fullmatch(text[last].lower().translate(_TABLE)):
            last += 1
        start, end = first, last
    return IntlCrisisHit(start, end, text[start:end], language)
