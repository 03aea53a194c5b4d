"""What one machine holds in server mode, against the single-user local app, in one command.

.venv/bin/python bench/server_load.py [--users 50] [--duration 30] [--fast-kdf]

Makes a fresh PostgreSQL database with ``--users`` accounts (real Argon2id defaults unless
``--fast-kdf``), starts ``reconnect serve --server --workers 2`` on it, logs every simulated
user in at once, then has each loop for ``--duration`` seconds: POST /api/entries (a journal
entry of about 300 characters), GET /api/entries, GET /api/insights. The named peer is the
single-user local app (``reconnect serve`` on another fresh PostgreSQL database, one
journal, unlocked once) under the same loop and the same number of simulated users. Both
servers and the load generator share this machine. Peak RSS is the sum over the server's
process tree, sampled from /proc. The databases and processes are removed at the end, also
on errors and Ctrl+C.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2
import psycopg

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "server_load.md"
RECONNECT = [sys.executable, "-m", "reconnect"]
PASSWORD = "quiet-harbour-lantern-7316"
SECONDS_PER_REQUEST = 10.0  # the "what this means" assumption: one request per active user

TEXTS = (
    "Woke up tired again and skipped breakfast. The meeting with Sam went better than I "
    "feared; he listened and we agreed on a plan for the release. Still, by the evening I "
    "felt flat, as if the day had happened to someone else. Called my sister for a while, "
    "which helped a little. Going to bed early tonight and walking before work tomorrow.",
    "A slow Sunday. Read in the park for an hour and noticed I was actually enjoying it, "
    "which has not happened in weeks. Later the old worry about money came back and I spent "
    "too long checking the bank app. Cooked dinner with Maya, laughed about the burnt rice. "
    "I want to remember that I can feel close to people when I let myself slow down.",
    "Work was loud and I kept drifting off in the afternoon, staring at the screen without "
    "reading it. I did not answer Alex's message because I had nothing to say, then felt "
    "guilty about it. Went to the gym anyway and felt more awake afterwards. Tomorrow I will "
    "reply to Alex first thing, even if it is only a few words, and take a proper lunch.",
)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# --- databases -------------------------------------------------------------------------


@contextlib.contextmanager
def fresh_database(base: str, name: str) -> Iterator[str]:
    """Create database ``name`` on the server at ``base``; drop it afterwards, whatever happens."""
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def add_accounts(url: str, users: int, *, fast_kdf: bool) -> float:
    """Add ``users`` members through the services; the seconds it took."""
    from reconnect.bootstrap import build_server
    from reconnect.config import Settings
    from reconnect.services.accounts import add_account

    server = build_server(Settings(server_database_url=url, test_fast_kdf=fast_kdf))
    start = time.perf_counter()
    try:
        for i in range(users):
            add_account(server, f"user{i:04d}", PASSWORD, "member")
    finally:
        server.close()
    return time.perf_counter() - start


# --- processes -------------------------------------------------------------------------


def process_tree_rss(root: int) -> int:
    """Resident memory, in bytes, of ``root`` and every process below it."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rpartition(")")[2].split()[1])
    tree = {root}
    grew = True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(below)
        tree |= below
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


class RssSampler:
    """The peak of process_tree_rss(root), sampled every ``every`` seconds in a thread."""

    def __init__(self, root: int, every: float = 0.2) -> None:
        self.root, self.every, self.peak = root, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, process_tree_rss(self.root))
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, process_tree_rss(self.root))


@contextlib.contextmanager
def serving(arguments: list[str], env: dict[str, str], port: int) -> Iterator[int]:
    """Run ``reconnect ARGUMENTS`` in its own process group until /healthz answers 200; its pid.

    The group is stopped (TERM, then KILL) on the way out.
    """
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        [*RECONNECT, *arguments],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        with httpx2.Client(timeout=2) as probe:
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(f"reconnect {' '.join(arguments)} exited:\n{output}")
                with contextlib.suppress(httpx2.HTTPError):
                    if probe.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no 200 from /healthz on port {port} within 60 s")
                time.sleep(0.1)
        yield process.pid
    finally:
        for sig, wait in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
            if process.poll() is not None:
                break
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(wait)
        log.close()


def child_environment(home: Path) -> dict[str, str]:
    """This environment without RECONNECT_* settings, with a private home and config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECONNECT_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    return env


# --- load ------------------------------------------------------------------------------


@dataclass
class Measured:
    """What one run produced."""

    name: str
    logins: list[float] = field(default_factory=list)
    login_seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    peak_rss: int = 0
    entries_at_end: int = 0

    @property
    def requests(self) -> list[float]:
        return [value for values in self.latencies.values() for value in values]

    @property
    def rate(self) -> float:
        return len(self.requests) / self.seconds if self.seconds else 0.0


class User:
    """One simulated person: a client with its cookies and CSRF token."""

    def __init__(self, base: str, index: int) -> None:
        self.client = httpx2.Client(base_url=base, timeout=120)
        self.index = index
        self.count = 0

    def step(self, measured: Measured, lock: threading.Lock, *, record: bool) -> None:
        """One pass of the loop: write an entry, list the entries, read the insights."""
        text = TEXTS[(self.index + self.count) % len(TEXTS)]
        self.count += 1
        calls = (
            ("POST /api/entries", "POST", "/api/entries", {"text": text, "tags": ["bench"]}),
            ("GET /api/entries", "GET", "/api/entries", None),
            ("GET /api/insights", "GET", "/api/insights", None),
        )
        for label, method, path, body in calls:
            start = time.perf_counter()
            try:
                response = self.client.request(method, path, json=body)
                ok = response.status_code in (200, 201)
                problem = f"{label}: {response.status_code} {response.text[:200]}"
            except httpx2.HTTPError as exc:
                ok, problem = False, f"{label}: {exc!r}"
            elapsed = time.perf_counter() - start
            with lock:
                if not ok:
                    measured.errors.append(problem)
                elif record:
                    measured.latencies.setdefault(label, []).append(elapsed)


def run_loop(users: list[User], measured: Measured, warmup: float, duration: float) -> None:
    """Every user loops until the time is up; only steps begun after ``warmup`` count."""
    lock = threading.Lock()
    start = time.perf_counter()
    measure_from = start + warmup
    until = measure_from + duration

    stop = threading.Event()  # Ctrl+C or an error: the other users stop after their step

    def drive(user: User) -> None:
        while (now := time.perf_counter()) < until and not stop.is_set():
            user.step(measured, lock, record=now >= measure_from)

    with ThreadPoolExecutor(len(users)) as pool:
        try:
            for future in [pool.submit(drive, user) for user in users]:
                future.result()
        except BaseException:
            stop.set()
            raise
    # Steps begun before the end finish after it: count the time they took.
    measured.seconds = time.perf_counter() - measure_from


def login_all(base: str, count: int, measured: Measured) -> list[User]:
    """Log ``count`` users in at once (server mode); each keeps its cookie and CSRF token."""
    users = [User(base, i) for i in range(count)]
    lock = threading.Lock()

    def login(user: User) -> None:
        start = time.perf_counter()
        response = user.client.post(
            "/api/login", json={"username": f"user{user.index:04d}", "password": PASSWORD}
        )
        elapsed = time.perf_counter() - start
        with lock:
            if response.status_code != 200:
                measured.errors.append(f"login: {response.status_code} {response.text[:200]}")
                return
            measured.logins.append(elapsed)
        user.client.headers["X-CSRF-Token"] = response.json()["csrf_token"]

    start = time.perf_counter()
    with ThreadPoolExecutor(count) as pool:
        list(pool.map(login, users))
    measured.login_seconds = time.perf_counter() - start
    return users


def unlocked_users(base: str, count: int) -> list[User]:
    """Unlock the local app once, as its page does; every user shares the cookies and token."""
    with httpx2.Client(base_url=base, timeout=120) as opener:
        token: str = opener.get("/api/csrf").json()["csrf_token"]
        opened = opener.post(
            "/unlock",
            data={"csrf_token": token, "passphrase": PASSWORD},
            headers={"X-CSRF-Token": token},
            follow_redirects=False,
        )
        if opened.status_code != 303:
            raise RuntimeError(f"unlock: {opened.status_code} {opened.text[:300]}")
        cookies = dict(opener.cookies.items())
    users = [User(base, i) for i in range(count)]
    for user in users:
        user.client.cookies.update(cookies)
        user.client.headers["X-CSRF-Token"] = token
    return users


def entries_now(user: User) -> int:
    response = user.client.get("/api/entries")
    return len(response.json()) if response.status_code == 200 else -1


def close_all(users: list[User]) -> None:
    for user in users:
        user.client.close()


# --- the two runs ----------------------------------------------------------------------


def run_server(args: argparse.Namespace, base_url: str, tag: str, home: Path) -> Measured:
    measured = Measured(f"server (--workers {args.workers}, {args.users} accounts)")
    with fresh_database(base_url, f"bench_load_{tag}_server") as url:
        kdf = "Argon2id minimum (--fast-kdf)" if args.fast_kdf else "Argon2id defaults"
        print(f"adding {args.users} accounts ({kdf}) ...", flush=True)
        took = add_accounts(url, args.users, fast_kdf=args.fast_kdf)
        print(f"  {took:.1f} s ({took / args.users:.2f} s each)", flush=True)
        port = free_port()
        arguments = ["serve", "--server", "--workers", str(args.workers)]
        arguments += ["--server-db", url, "--port", str(port)]
        with serving(arguments, child_environment(home), port) as pid, RssSampler(pid) as rss:
            base = f"http://127.0.0.1:{port}"
            print(f"server up (pid {pid}); {args.users} users log in at once ...", flush=True)
            users = login_all(base, args.users, measured)
            try:
                print(f"  {measured.login_seconds:.1f} s; loop {args.duration:g} s ...", flush=True)
                run_loop(users, measured, args.warmup, args.duration)
                measured.entries_at_end = entries_now(users[0])
            finally:
                close_all(users)
        measured.peak_rss = rss.peak
    return measured


def run_local(args: argparse.Namespace, base_url: str, tag: str, home: Path) -> Measured:
    measured = Measured(f"local app (one journal, {args.users} users)")
    with fresh_database(base_url, f"bench_load_{tag}_local") as url:
        env = child_environment(home)
        made = subprocess.run(
            [*RECONNECT, "--db", url, "init"],
            env={**env, "RECONNECT_PASSPHRASE": PASSWORD},
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            raise RuntimeError(f"reconnect init: {made.stdout}{made.stderr}")
        port = free_port()
        arguments = ["--db", url, "serve", "--port", str(port)]
        with serving(arguments, env, port) as pid, RssSampler(pid) as rss:
            base = f"http://127.0.0.1:{port}"
            users = unlocked_users(base, args.users)
            try:
                print(f"local app up (pid {pid}); loop {args.duration:g} s ...", flush=True)
                run_loop(users, measured, args.warmup, args.duration)
                measured.entries_at_end = entries_now(users[0])
            finally:
                close_all(users)
        measured.peak_rss = rss.peak
    return measured


# --- report ----------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def report(args: argparse.Namespace, server: Measured, local: Measured) -> str:
    kdf = (
        "Argon2id minimum (m=19456 KiB, t=2, p=1; --fast-kdf)"
        if args.fast_kdf
        else "Argon2id defaults (64 MiB, t=3, p=4)"
    )
    lines = [
        "# Server mode under load",
        "",
        f"`bench/server_load.py`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: "
        f"{os.cpu_count()} cores (nproc), {cpu_model()}, Python {platform.python_version()}, "
        "PostgreSQL on the same machine; the load generator (one Python process, a thread "
        "per user) shares the cores with the server.",
        "",
        f"Parameters: {args.users} accounts and {args.users} simulated users at once, "
        f"`--workers {args.workers}`, key derivation {kdf}; each user logs in once, then "
        f"loops POST /api/entries (~300 characters), GET /api/entries, GET /api/insights "
        f"for {args.duration:g} s after {args.warmup:g} s of warm-up. Peer: the single-user "
        "local app (`reconnect serve`, one process, one journal on PostgreSQL) under the "
        "same loop with the same number of users. Journals start empty.",
        "",
        "| | server | local app | ratio server/local |",
        "|---|---:|---:|---:|",
    ]
    if server.logins:
        lines.append(
            f"| logins/s ({len(server.logins)} at once) | "
            f"{len(server.logins) / server.login_seconds:.2f} | (unlocked once) | |"
        )
        lines.append(
            "| login latency p50 / p95 / p99, ms | "
            + " / ".join(ms(percentile(server.logins, q)) for q in (50, 95, 99))
            + " | | |"
        )
    both = (server, local)
    lines.append(
        f"| requests/s (loop) | {server.rate:.1f} | {local.rate:.1f} | "
        f"{server.rate / local.rate if local.rate else float('nan'):.2f} |"
    )
    for q in (50, 95, 99):
        values = [percentile(m.requests, q) for m in both]
        lines.append(
            f"| latency p{q}, ms | {ms(values[0])} | {ms(values[1])} | "
            f"{values[0] / values[1]:.2f} |"
        )
    labels = sorted(set(server.latencies) | set(local.latencies))
    for label in labels:
        cells = [
            f"{ms(percentile(m.latencies.get(label, []), 50))} / "
            f"{ms(percentile(m.latencies.get(label, []), 99))}"
            for m in both
        ]
        lines.append(f"| {label} p50 / p99, ms | {cells[0]} | {cells[1]} | |")
    lines.append(f"| requests measured | {len(server.requests)} | {len(local.requests)} | |")
    lines.append(f"| errors | {len(server.errors)} | {len(local.errors)} | |")
    lines.append(
        f"| peak RSS, MiB (process tree) | {server.peak_rss / 2**20:,.0f} | "
        f"{local.peak_rss / 2**20:,.0f} | {server.peak_rss / max(local.peak_rss, 1):.2f} |"
    )
    lines.append(
        f"| entries in one journal at the end | {server.entries_at_end} | "
        f"{local.entries_at_end} | |"
    )
    active = server.rate * SECONDS_PER_REQUEST
    login_rate = len(server.logins) / server.login_seconds if server.login_seconds else 0.0
    lines += [
        "",
        f"What this means: assuming each active user makes one request every "
        f"{SECONDS_PER_REQUEST:g} s (the same mix of writes, lists and insights), this "
        f"{os.cpu_count()}-core machine holds about **{active:,.0f} active users** "
        f"({server.rate:.1f} req/s x {SECONDS_PER_REQUEST:g} s), with PostgreSQL and the "
        f"load generator on the same cores. That rate is saturation (p99 "
        f"{ms(percentile(server.requests, 99))} ms with {args.users} users looping without "
        "pause), so plan for less. The local app's one journal takes every user's entries, so "
        "its lists and insights read a larger journal than each account's. "
        f"Logins are the expensive part: "
        f"{login_rate:.1f} logins/s means {args.users} people arriving at once wait up to "
        f"{server.login_seconds:.0f} s.",
        "",
    ]
    errors = server.errors + local.errors
    if errors:
        lines += ["First errors:", "", *(f"- `{e}`" for e in errors[:5]), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="accounts and concurrent users")
    parser.add_argument("--duration", type=float, default=30, help="seconds of steady loop")
    parser.add_argument("--warmup", type=float, default=5, help="seconds before measuring")
    parser.add_argument("--workers", type=int, default=2, help="server mode's processes")
    parser.add_argument(
        "--fast-kdf", action="store_true", help="Argon2id minimum instead of the defaults"
    )
    parser.add_argument(
        "--postgres", default="postgresql://postgres@127.0.0.1:5432", help="server, no database"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown file to write")
    args = parser.parse_args()
    tag = secrets.token_hex(4)
    home = Path(tempfile.mkdtemp(prefix="bench_load_"))
    try:
        server = run_server(args, args.postgres, tag, home)
        local = run_local(args, args.postgres, tag, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    text = report(args, server, local)
    print()
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    print(f"written to {args.out}")
    if server.errors or local.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
