"""Start-up time of ``reconnect --help`` against ``jrnl --help``, run as whole processes.

    python -m venv /tmp/jrnlvenv && /tmp/jrnlvenv/bin/pip install jrnl
    .venv/bin/python bench/cli_startup.py --jrnl /tmp/jrnlvenv/bin/jrnl [--runs 30]

jrnl is the named peer: a journalling command line in Python whose start-up is
kept lean by lazy imports. Install it in a throwaway virtual environment, never in
this project's (it is not a dependency); ``--jrnl`` or ``RECONNECT_BENCH_JRNL`` says
where its executable is. The two commands run alternately, each pair back to back
and in alternating order, so a busy machine slows both alike; the figures are the
medians of the whole-process wall times and the median of the per-pair ratios.
The load average is printed with them, because on a shared machine it moves them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def wall_time(command: list[str]) -> float:
    """Seconds from starting ``command`` to its exit; fails if it does not exit with 0."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def default_reconnect() -> str:
    """The ``reconnect`` script installed next to this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("reconnect")
    return str(beside) if beside.exists() else (shutil.which("reconnect") or "reconnect")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=30, help="pairs of runs (default 30)")
    parser.add_argument(
        "--jrnl",
        default=os.environ.get("RECONNECT_BENCH_JRNL"),
        help="the jrnl executable (or RECONNECT_BENCH_JRNL); see the module docstring",
    )
    parser.add_argument("--reconnect", default=default_reconnect(), help="the reconnect script")
    args = parser.parse_args()
    if not args.jrnl:
        parser.error(
            "where is jrnl? Install it apart from this project: python -m venv /tmp/jrnlvenv "
            "&& /tmp/jrnlvenv/bin/pip install jrnl, then pass --jrnl /tmp/jrnlvenv/bin/jrnl"
        )
    commands = {"reconnect": [args.reconnect, "--help"], "jrnl": [args.jrnl, "--help"]}
    for command in commands.values():  # warm the file cache; not counted
        wall_time(command)

    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {name: [] for name in commands}
    ratios = []
    for run in range(args.runs):
        order = list(commands) if run % 2 == 0 else list(reversed(commands))
        pair = {name: wall_time(commands[name]) for name in order}
        for name, seconds in pair.items():
            times[name].append(seconds)
        ratios.append(pair["reconnect"] / pair["jrnl"])
    load_after = os.getloadavg()[0]

    print(f"{args.runs} pairs, load average {load_before:.1f} before, {load_after:.1f} after")
    for name, found in times.items():
        print(
            f"  {name + ' --help':<17} median {statistics.median(found):.3f} s  "
            f"(fastest {min(found):.3f} s, slowest {max(found):.3f} s)"
        )
    median_ratio = statistics.median(times["reconnect"]) / statistics.median(times["jrnl"])
    print(
        f"  reconnect / jrnl: {median_ratio:.2f}x of the medians, "
        f"{statistics.median(ratios):.2f}x median of the paired ratios"
    )


if __name__ == "__main__":
    main()
