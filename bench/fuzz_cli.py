"""FUZZ-4 by hand: generated argv, stdin and environment for every command, >= 300 cases.

    .venv/bin/python bench/fuzz_cli.py [--per-command 7] [--seed N] [--write FILE.md]

Each command found in the Typer app gets ``--per-command`` cases, each in a new process
with its HOME and XDG folders in a temporary folder. The summary is printed and, with
``--write``, saved as Markdown. CI runs the same engine briefly in tests/cli/test_cli_fuzz.py.
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

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.cli.cli_fuzzing import (  # noqa: E402
    DOCUMENTED_EXIT_CODES,
    Case,
    Outcome,
    cases,
    cli_commands,
    describe,
    run_case,
)
from tests.conftest import create_journal  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-command", type=int, default=7)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--write", type=Path, default=None)
    options = parser.parse_args()
    random_seed = options.seed if options.seed is not None else random.randrange(2**32)
    commands = cli_commands()
    outcomes: list[Outcome] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        templates = {"encrypted": folder / "encrypted.db", "plain": folder / "plain.db"}
        create_journal(f"sqlite:///{templates['encrypted']}")
        create_journal(f"sqlite:///{templates['plain']}", encrypted=False)
        for command in commands:

            @seed(random_seed)
            @settings(
                max_examples=options.per_command,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=cases((command,)))
            def run(case: Case) -> None:
                outcome = run_case(case, folder / f"case-{len(outcomes)}", templates)
                outcomes.append(outcome)
                if outcome.problems():
                    print(describe(outcome), flush=True)

            run()
    seconds = time.monotonic() - started
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "src"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    failing = [outcome for outcome in outcomes if outcome.problems()]
    tracebacks = sum(
        "Traceback" in line for outcome in outcomes for line in outcome.stderr.splitlines()
    )
    codes = Counter("timeout" if o.exit_code is None else str(o.exit_code) for o in outcomes)
    lines = [
        "# FUZZ-4: CLI fuzzing results",
        "",
        "Hypothesis-generated argv, stdin, RECONNECT_* and locale/terminal/editor variables,",
        "settings file and input file for every command read from the Typer app, each run as",
        "`python -m reconnect` in a new process with HOME and XDG folders in a temporary folder.",
        "Made by `.venv/bin/python bench/fuzz_cli.py --write docs/fuzz-cli-results.md`.",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit}" + (" (with uncommitted changes under src/)" if dirty else ""),
        f"- seed: {random_seed}; commands: {len(commands)}; up to {options.per_command} cases each",
        f"- cases: **{len(outcomes)}** in {seconds:.0f} s",
        f'- stderr lines with "Traceback": **{tracebacks}**; cases breaking FUZZ-4 '
        f'(traceback, "unexpected problem", undocumented exit code or a hang): '
        f"**{len(failing)}**",
        f"- exit codes (documented: {sorted(DOCUMENTED_EXIT_CODES)}; serve and practice run "
        "are stopped when still running): "
        + ", ".join(f"{code}: {count}" for code, count in sorted(codes.items())),
        "",
        "| command | cases | exit codes |",
        "|---|---|---|",
    ]
    for command in commands:
        mine = [o for o in outcomes if o.case.command == command]
        seen = Counter("timeout" if o.exit_code is None else str(o.exit_code) for o in mine)
        lines.append(
            f"| `reconnect {command.name}` | {len(mine)} | "
            + ", ".join(f"{code}: {count}" for code, count in sorted(seen.items()))
            + " |"
        )
    if failing:
        lines += ["", "Failing cases:", ""]
        lines += ["```", *(describe(outcome) for outcome in failing), "```"]
    text = "\n".join(lines) + "\n"
    print(text)
    if options.write:
        options.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
