"""Regular expressions compiled when the package was built, for the interpreter that built it.

Parsing and compiling the analyzer's larger expressions (each marker's phrase alternation,
the crisis prefilter's trie, the scripts' character class, the crisis vocabulary) was about
40 ms of a fresh ``reconnect analyze "..."``, and Python keeps no compiled expression from
one process to the next. ``python -m training.regex_code`` stores the code CPython's ``re``
compiler makes of every expression a fresh analysis compiles through ``compiled``
(``data/regex_code.json.gz``, hash-checked like every artefact), and ``compiled`` hands that
code to the regular-expression engine, as ``re.compile`` itself does once it has compiled
an expression (``_sre.compile``).

That code is CPython's own and may change with its version, so the file is read only by the
interpreter it was built with (its implementation, version, and the engine's magic number
and code size, as stamped in the file); under any other, and for an expression the file
does not hold, ``compiled`` is ``re.compile``. Either way the pattern is the same: two
``re.Pattern`` objects are equal only when their expressions, flags and code are, and the
tests hold every stored pattern equal to ``re.compile``'s.

>>> compiled(r"\\bnumb\\b") == re.compile(r"\\bnumb\\b")
True
"""

from __future__ import annotations

import base64
import json
import re
import sys
import zlib
from array import array
from functools import lru_cache
from importlib import import_module
from typing import Any

from reconnect.analysis.lexicon import read_checked

__all__ = [
    "CODE_FILE",
    "FORMAT",
    "asked",
    "compiled",
    "interpreter",
    "packed",
    "stored",
    "unpacked",
]

CODE_FILE = "regex_code.json.gz"
FORMAT = 2  # the file's layout (2: code words packed); a file of another is not read

# The regular-expression engine, private: imported by name (``re`` hands it its code the same
# way); its MAGIC and CODESIZE say which code it reads.
_sre: Any = import_module("_sre")

# (flags with the expression's own, code words as stored (``packed``), groups, {name: group},
# (name or None by group))
_Code = tuple[int, str, int, dict[str, int], tuple[str | None, ...]]

# Every (expression, flags) asked for in this process, in order: what the build stores.
_ASKED: dict[tuple[str, int], None] = {}


def interpreter() -> dict[str, Any]:
    """What the stored code depends on: this interpreter's stamp, as the file records it."""
    return {
        "implementation": sys.implementation.name,
        "version": list(sys.version_info[:3]),
        "magic": _sre.MAGIC,
        "codesize": _sre.CODESIZE,
    }


def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the stored code when the file holds it."""
    key = (source, int(flags))
    _ASKED[key] = None
    code = stored().get(key)
    if code is None:
        return re.compile(source, flags)
    final, words, groups, groupindex, indexgroup = code
    pattern: re.Pattern[str] = _sre.compile(
        source, final, unpacked(words), groups, groupindex, indexgroup
    )
    return pattern


def packed(words: list[int]) -> str:
    """Code words as the file stores them: base64 of little-endian 32-bit words (reading a
    few thousand numbers from JSON took longer than the rest of the file)."""
    found = array("I", words)
    if sys.byteorder != "little":
        found.byteswap()
    return base64.b64encode(found.tobytes()).decode("ascii")


def unpacked(text: str) -> list[int]:
    """The code words ``packed`` stored."""
    found = array("I", base64.b64decode(text))
    if sys.byteorder != "little":
        found.byteswap()
    return found.tolist()


def asked() -> list[tuple[str, int]]:
    """The (expression, flags) of every ``compiled`` call so far, first asked first."""
    return list(_ASKED)


@lru_cache(maxsize=1)
def stored() -> dict[tuple[str, int], _Code]:
    """The stored code by (expression, flags); empty under another interpreter than the
    one that built the file."""
    data = json.loads(zlib.decompress(read_checked(CODE_FILE), wbits=31))
    if (
        data.get("format") != FORMAT
        or data["interpreter"] != interpreter()
        or array("I").itemsize != 4
    ):
        return {}
    return {
        (source, flags): (final, code, groups, groupindex, tuple(indexgroup))
        for source, flags, final, code, groups, groupindex, indexgroup in data["patterns"]
    }
