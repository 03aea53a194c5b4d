"""FUZZ-1 by hand: Schemathesis against the in-process app, every check, >= 5,000 cases.

    .venv/bin/python bench/fuzz_api.py [--examples 110] [--seed N] [--write FILE.md]

Every operation of the OpenAPI document gets up to ``--examples`` positive and as many
negative cases as each persona (unlocked, locked, not set up). The summary is printed and,
with ``--write``, saved as Markdown. CI runs the same engine briefly in
tests/web/test_api_fuzz.py.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.api_fuzzing import PERSONAS, fuzz_api  # noqa: E402
from tests.web.test_api_fuzz import unexplained  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=110)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--write", type=Path, default=None)
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.randrange(2**32)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        run = fuzz_api(Path(folder), examples=options.examples, random_seed=seed)
    seconds = time.monotonic() - started
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "src"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    operations = sorted(run.operations())
    per_persona = Counter(dict.fromkeys(PERSONAS, 0))
    for (persona, _, _), count in run.cases.items():
        per_persona[persona] += count
    findings = [f for kind in run.findings.values() for f in kind]
    lines = [
        "# FUZZ-1: API fuzzing results",
        "",
        "Schemathesis in-process against the ASGI app with every check (server errors, status",
        "codes, content types, headers and response bodies against the OpenAPI document,",
        "negative data rejected, positive data accepted, and the rest of the built-in checks).",
        "Made by `.venv/bin/python bench/fuzz_api.py --write docs/fuzz-api-results.md`.",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit}" + (" (with uncommitted changes under src/)" if dirty else ""),
        f"- seed: {seed}; up to {options.examples} positive and {options.examples} negative "
        "cases per operation and persona",
        f"- operations: {len(operations)}; personas: {', '.join(PERSONAS)}",
        f"- cases: **{run.total:,}** in {seconds:.0f} s "
        f"({', '.join(f'{p} {n:,}' for p, n in per_persona.items())})",
        f"- findings: **{len(findings)}** in {len(run.findings)} kinds; "
        f"5xx or exceptions: **{sum(1 for f in findings if (f.status or 500) >= 500)}**; "
        f"response-schema violations: "
        f"**{sum(1 for f in findings if f.title == 'Response violates schema')}**; "
        f"not yet explained (beyond the known 422s): **{len(unexplained(run))}**",
        "",
        "| operation | check | title | cases | personas | a response |",
        "|---|---|---|---|---|---|",
    ]
    for (operation, code, title), kind in sorted(run.findings.items()):
        personas = ", ".join(sorted({f.persona for f in kind}))
        sample = kind[0].response.replace("|", "\\|").replace("\n", " ")[:160]
        lines.append(
            f"| `{operation}` | {code} | {title} | {len(kind)} | {personas} | "
            f"{kind[0].status} `{sample}` |"
        )
    if not run.findings:
        lines.append("| (none) | | | | | |")
    lines += ["", "Cases by operation (all personas, positive + negative):", ""]
    by_operation = Counter[str]()
    for (_, operation, _), count in run.cases.items():
        by_operation[operation] += count
    lines += [f"- `{operation}`: {by_operation[operation]:,}" for operation in operations]
    text = "\n".join(lines) + "\n"
    print(text)
    for line in unexplained(run)[:20]:
        print(line)
    if options.write:
        options.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
