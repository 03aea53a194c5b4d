"""Stored regular-expression code gives exactly the patterns ``re.compile`` makes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zlib

from reconnect.analysis.lexicon import read_checked, read_manifest
from reconnect.analysis.precompiled import CODE_FILE, compiled, interpreter, stored


def _file() -> dict[str, object]:
    data: dict[str, object] = json.loads(zlib.decompress(read_checked(CODE_FILE), wbits=31))
    return data


def test_every_stored_pattern_is_the_one_re_compile_makes() -> None:
    for source, flags in stored():
        made, plain = compiled(source, flags), re.compile(source, flags)
        # Patterns are equal when their expressions, flags and code are.
        assert made == plain
        assert (made.groups, made.groupindex) == (plain.groups, plain.groupindex)


def test_the_code_is_used_only_by_the_interpreter_that_built_it() -> None:
    data = _file()
    assert read_manifest().get(CODE_FILE)  # hash-checked like every artefact
    patterns = data["patterns"]
    assert isinstance(patterns, list)
    if data["interpreter"] == interpreter():
        assert len(stored()) == len(patterns) > 0
    else:
        assert stored() == {}


def test_an_expression_the_file_lacks_is_compiled_as_usual() -> None:
    assert compiled(r"\bnot (?:in|stored)\b", re.I) == re.compile(r"\bnot (?:in|stored)\b", re.I)


def test_the_file_holds_every_expression_a_fresh_analysis_compiles() -> None:
    # Rebuild it with `python -m training.regex_code` after changing one of them (a stale file
    # only costs a fresh process the time to compile what it lacks).
    code = (
        "import json\n"
        "from reconnect.analysis import analyze\n"
        "from reconnect.analysis.precompiled import asked\n"
        "analyze('I feel numb lately')\n"
        "print(json.dumps(asked()))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    asked = {(source, flags) for source, flags in json.loads(found.stdout)}
    patterns = _file()["patterns"]
    assert isinstance(patterns, list)
    assert asked <= {(entry[0], entry[1]) for entry in patterns}
