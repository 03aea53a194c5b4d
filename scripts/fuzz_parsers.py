"""FUZZ-3, the long run: fuzz every parser of user files for minutes per target, by hand.

    .venv/bin/python scripts/fuzz_parsers.py                  # 10 minutes per target
    .venv/bin/python scripts/fuzz_parsers.py --seconds 60 native daylio

With atheris installed (``pip install atheris``; a wheel exists for CPython 3.11 on
x86-64 Linux) each target runs coverage-guided under libFuzzer in its own process,
starting from the seed corpus in tests/fuzz/corpus/<target>/; otherwise (or with
``--engine hypothesis``) Hypothesis generates inputs from the CI strategies until the
time is up. A crash is written to tests/fuzz/corpus/<target>/crash-<hash>, which CI then
replays for ever (tests/fuzz/test_parser_fuzz.py). The summary printed at the end is
what docs/fuzz-results.md records.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
TARGETS = ("envelope", "native", "jrnl", "daylio")
DONE = re.compile(r"#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+) corp: (\d+)")


def _atheris_available() -> bool:
    return importlib.util.find_spec("atheris") is not None


def _atheris_worker(target: str, seconds: int, work: Path) -> None:
    """Runs in its own process: instrument reconnect, then hand the target to libFuzzer."""
    atheris = importlib.import_module("atheris")
    sys.path.insert(0, str(ROOT))
    with atheris.instrument_imports(include=["reconnect", "tests.fuzz"]):
        from tests.fuzz.targets import TARGETS as FUNCTIONS
    crash_prefix = f"{CORPUS / target}/"  # libFuzzer names the file crash-<sha1>
    argv = [
        sys.argv[0],
        str(work),
        f"-max_total_time={seconds}",
        f"-artifact_prefix={crash_prefix}",
        "-max_len=4096",
        "-rss_limit_mb=4096",
        "-print_final_stats=1",
    ]
    atheris.Setup(argv, FUNCTIONS[target])
    atheris.Fuzz()


def _run_atheris(target: str, seconds: int) -> dict[str, str]:
    known = set((CORPUS / target).glob("crash-*"))
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as folder:
        work = Path(folder)
        for seed in (CORPUS / target).iterdir():
            shutil.copy(seed, work / seed.name)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, __file__, "--worker", target, "--seconds", str(seconds), str(work)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        elapsed = time.monotonic() - started
    log = done.stderr
    stats = DONE.findall(log)
    runs, cov, features, corpus = stats[-1] if stats else ("?", "?", "?", "?")
    crashes = sorted(p.name for p in set((CORPUS / target).glob("crash-*")) - known)
    return {
        "target": target,
        "engine": "atheris (libFuzzer)",
        "seconds": f"{elapsed:.0f}",
        "inputs": runs,
        "coverage": f"cov {cov}, features {features}, corpus {corpus}",
        "result": "crash" if done.returncode else "no crash",
        "crashes": ", ".join(crashes) or "—",
    }


def _run_hypothesis(target: str, seconds: int) -> dict[str, str]:
    import hashlib

    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import HypothesisException

    sys.path.insert(0, str(ROOT))
    from tests.fuzz.targets import TARGETS as FUNCTIONS
    from tests.fuzz.test_parser_fuzz import STRATEGIES

    known = set((CORPUS / target).glob("crash-*"))
    count = 0
    crash = ""
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    while time.monotonic() < deadline and not crash:

        @settings(
            max_examples=200,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=STRATEGIES[target])
        def run(data: bytes) -> None:
            nonlocal count
            count += 1
            try:
                FUNCTIONS[target](data)
            except Exception:
                name = f"crash-{hashlib.sha1(data).hexdigest()}"
                (CORPUS / target / name).write_bytes(data)
                raise

        try:
            run()
        except (AssertionError, HypothesisException, Exception) as exc:
            crash = type(exc).__name__
    crashes = sorted(p.name for p in set((CORPUS / target).glob("crash-*")) - known)
    return {
        "target": target,
        "engine": "Hypothesis",
        "seconds": f"{time.monotonic() - started:.0f}",
        "inputs": str(count),
        "coverage": "not measured",
        "result": f"crash ({crash})" if crash else "no crash",
        "crashes": ", ".join(crashes) or "—",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=list(TARGETS))
    parser.add_argument("--seconds", type=int, default=600, help="per target (default 600)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        _atheris_worker(options.worker, options.seconds, Path(options.targets[0]))
        return 0
    unknown = set(options.targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    engine = options.engine
    if engine == "auto":
        engine = "atheris" if _atheris_available() else "hypothesis"
    rows = []
    for target in options.targets:
        run = _run_atheris if engine == "atheris" else _run_hypothesis
        row = run(target, options.seconds)
        print(f"{target}: {row['result']} after {row['inputs']} inputs", file=sys.stderr)
        rows.append(row)
    columns = ("target", "engine", "seconds", "inputs", "coverage", "result", "crashes")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(row[c] for c in columns) + " |")
    return 1 if any(row["result"] != "no crash" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
