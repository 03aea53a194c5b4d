"""Build ``analysis/data/regex_code.json.gz``: the compiled code of the expressions a fresh
analysis compiles (``reconnect.analysis.precompiled``).

Run after changing an expression that the analyzer compiles for its first text, with the
interpreter the app runs on: ``python -m training.regex_code``. It analyses ``SAMPLE`` in
this fresh process, then stores, for every expression asked of ``precompiled.compiled``, the
code CPython's ``re`` compiler makes of it (the same steps as ``re._compiler.compile``) with
this interpreter's stamp. The file is byte-for-byte reproducible on the same interpreter and
its SHA-256 is recorded in the manifest.
"""

from __future__ import annotations

import gzip
import json
import re
from importlib import import_module
from typing import Any

from training.manifest import DATA, record

# Not the analyzer itself: importing it compiles expressions, which reads the file built here.
CODE_FILE = "regex_code.json.gz"

# The text a fresh process is timed on (README: ``reconnect analyze "I feel numb lately"``);
# an ordinary text compiles what nearly every first text does.
SAMPLE = ("I feel numb lately",)

_parser: Any = import_module("re._parser")
_compiler: Any = import_module("re._compiler")
_sre: Any = import_module("_sre")


def code_of(source: str, flags: int) -> list[Any]:
    """One stored entry: what ``re._compiler.compile`` hands ``_sre.compile`` for ``source``."""
    from reconnect.analysis.precompiled import packed

    parsed = _parser.parse(source, flags)
    code = packed([int(word) for word in _compiler._code(parsed, flags)])
    names = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, group in names.items():
        indexgroup[group] = name
    final = int(flags | parsed.state.flags)
    return [source, flags, final, code, parsed.state.groups - 1, dict(names), indexgroup]


def main() -> None:
    if not (DATA / CODE_FILE).exists():  # the first build: an empty table to start from
        _write({"interpreter": {}, "patterns": []})
    from reconnect.analysis import analyze
    from reconnect.analysis.precompiled import FORMAT, asked, interpreter, unpacked

    for text in SAMPLE:
        analyze(text)
    patterns = [code_of(source, flags) for source, flags in asked()]
    for source, flags, final, code, groups, names, indexgroup in patterns:
        # the engine's pattern from the stored code is re.compile's (same expression, flags
        # and code): checked before anything is written
        made = _sre.compile(source, final, unpacked(code), groups, names, tuple(indexgroup))
        if made != re.compile(source, flags):
            raise SystemExit(f"the stored code differs from re.compile's: {source[:60]!r}")
    _write({"format": FORMAT, "interpreter": interpreter(), "patterns": patterns})
    words = sum(len(unpacked(entry[3])) for entry in patterns)
    print(f"{CODE_FILE}: {len(patterns)} expressions, {words:,} code words")


def _write(table: dict[str, Any]) -> None:
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    (DATA / CODE_FILE).write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    record(CODE_FILE)


if __name__ == "__main__":
    main()
