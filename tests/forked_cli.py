"""``reconnect`` command lines run as real processes forked from a warm interpreter.

``run_cli(args, ...)`` answers like ``subprocess.run([sys.executable, "-m", "reconnect",
*args], capture_output=True, text=True, ...)``: a new process per call, with its own
argv, environment, working folder, umask and standard streams (pipes), the code path of
``python -m reconnect`` (``runpy`` runs ``reconnect.__main__`` as ``__main__``, so usage
lines still say ``python -m reconnect``), and its real exit status from ``waitpid``. What it
skips is the interpreter's start and the imports: the process is forked from a helper that
has already imported reconnect, its libraries and the analyzer's model (about 1 s of CPU
per run otherwise), as tests/security/_workers.py does for the durability tests.
``start_cli`` starts a long-running command (``serve``) the same way and gives back a
handle with Popen's ``pid``, ``poll``, ``wait``, ``terminate`` and ``kill``.

So a test that is about what a command does (its output, exit code, the files it leaves)
uses ``run_cli``; a test that is about the process itself (cold-start imports, a pty,
signals, kill -9, resource limits, fsync under strace, a locale) starts ``python -m
reconnect`` itself. Both fall back to a real start whenever the environment asks
for something the interpreter reads only at start-up (``LANG``, ``LC_*``, ``PYTHON*``)
and differs from the helper's.

The helper preloads only modules whose import reads no environment or file outside the
package (STYLE.md: nothing reads settings or opens a database at import time), and loads the
analyzer, which reads only the package's model files. It runs until the test process that
started it exits (a lifeline pipe), one per xdist worker. Like a real start, it stays in
the test process's session, so its children have the same controlling terminal, if any.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import importlib
import json
import locale
import os
import select
import selectors
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

REPO_ROOT = Path(__file__).resolve().parents[1]
# The interpreter reads these only when it starts (locale coercion, stdio, hash seed,
# bytecode, paths, warnings): a run that sets them differently needs a real start.
_STARTUP_PREFIXES = ("LANG", "LC_", "PYTHON")
_NOT_STARTUP = frozenset({"PYTHON_KEYRING_BACKEND"})  # read by keyring when it is used
_HEADER = struct.Struct("!Q")
_LAUNCH_ENVIRONMENT = dict(os.environ)  # imported while tests are collected, before any runs
BOOT = "from tests.forked_cli import become, serve\nbecome(serve())\n"


def _startup_values(env: Mapping[str, str]) -> dict[str, str]:
    return {
        name: value
        for name, value in env.items()
        if name.startswith(_STARTUP_PREFIXES) and name not in _NOT_STARTUP
    }


# ---------------------------------------------------------------- the helper process


def _preload() -> None:
    """Import what command lines (``serve`` among them) import; load the analyzer's model
    and the guide's index."""
    from reconnect import cli

    for _name, module, _attribute in cli.COMMANDS:
        importlib.import_module(f"reconnect.cli.{module}")
    for name in (
        "reconnect.bootstrap",
        "reconnect.services",
        "reconnect.config",
        "reconnect.web.app",
        "uvicorn.config",
        "uvicorn.server",
    ):
        importlib.import_module(name)
    from reconnect.analysis import default_analyzer
    from reconnect.guide import default_retriever

    default_analyzer().analyze("warm")
    default_retriever()  # the guide's index: cards and anchors read from the package only


def _receive(connection: socket.socket) -> dict[str, Any]:
    head, fds, _flags, _address = socket.recv_fds(connection, _HEADER.size, 3)
    while len(head) < _HEADER.size:
        head += connection.recv(_HEADER.size - len(head))
    (size,) = _HEADER.unpack(head)
    body = b""
    while len(body) < size:
        chunk = connection.recv(size - len(body))
        if not chunk:
            raise ConnectionError("request cut short")
        body += chunk
    request: dict[str, Any] = json.loads(body)
    request["fds"] = fds
    return request


def serve() -> dict[str, Any]:
    """The helper's loop; returns only in a forked child, with the request it is to run."""
    address, lifeline, launch_values = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    _preload()
    # What the interpreter's start changed (PEP 538 sets LC_CTYPE when it coerces the C
    # locale): a real start would change the child's environment the same way.
    started = _startup_values(os.environ)
    changed = {name: value for name, value in started.items() if launch_values.get(name) != value}
    import gc

    gc.freeze()  # fewer copy-on-write pages touched in each child
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    choose = selectors.DefaultSelector()
    choose.register(listener, selectors.EVENT_READ, "accept")
    choose.register(lifeline, selectors.EVENT_READ, "lifeline")
    running: dict[int, tuple[int, socket.socket]] = {}  # pidfd -> (pid, connection)
    while True:
        for key, _events in choose.select():
            if key.data == "lifeline":
                sys.exit(0)
            if key.data == "accept":
                connection, _ = listener.accept()
                try:
                    request = _receive(connection)
                except (OSError, ValueError):
                    connection.close()
                    continue
                sys.stdout.flush()  # nothing buffered here may reach a child's output
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    choose.close()
                    listener.close()
                    os.close(lifeline)
                    for pidfd, (_pid, other) in running.items():
                        os.close(pidfd)
                        other.close()
                    connection.close()
                    request["env"].update(changed)
                    return request
                for fd in request["fds"]:
                    os.close(fd)
                pidfd = os.pidfd_open(pid)
                running[pidfd] = (pid, connection)
                choose.register(pidfd, selectors.EVENT_READ, "child")
                connection.sendall(f"{pid}\n".encode())
                continue
            pid, connection = running.pop(key.fd)
            choose.unregister(key.fd)
            os.close(key.fd)
            _, status = os.waitpid(pid, 0)
            with contextlib.suppress(OSError):  # the caller may have given up waiting
                connection.sendall(f"{status}\n".encode())
            connection.close()


def become(request: dict[str, Any]) -> None:
    """In the forked child: take the caller's streams, folder, umask, environment and argv,
    then run ``reconnect`` as ``python -m reconnect`` would. Its SystemExit ends the process
    the usual way (atexit handlers, flushed streams)."""
    import runpy

    if request.get("new_session"):
        os.setsid()  # as Popen(start_new_session=True): no controlling terminal
    for target, fd in enumerate(request["fds"]):
        os.dup2(fd, target)
    for fd in request["fds"]:
        if fd > 2:
            os.close(fd)
    os.chdir(request["cwd"])
    os.umask(request["umask"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    sys.path[0] = request["cwd"]  # what ``-m`` puts first
    sys.argv = ["-m", *request["args"]]
    runpy.run_module("reconnect", run_name="__main__", alter_sys=True)


# ---------------------------------------------------------------- the test side


def _launch_environment() -> dict[str, str]:
    """The environment the test run started with, less its settings and user folders."""
    return {
        name: value
        for name, value in _LAUNCH_ENVIRONMENT.items()
        if not name.startswith(("RECONNECT_", "XDG_"))
    }


class _Helper:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="reconnect-forked-cli-"))
        self.address = str(self.folder / "socket")
        self.log = self.folder / "helper.log"
        home = self.folder / "home"
        home.mkdir()
        # The environment the test run started with: nothing a test set (its HOME, settings,
        # a LANG of its own) reaches the helper's imports or decides what it can fork.
        env = _launch_environment()
        env["HOME"] = str(home)
        self.startup = _startup_values(env)
        lifeline, self._keep = os.pipe()
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", BOOT, self.address, str(lifeline), json.dumps(self.startup)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                cwd=REPO_ROOT,
                env=env,
                pass_fds=(lifeline,),
            )
        os.close(lifeline)
        atexit.register(self.stop)

    def stop(self) -> None:
        """Close the lifeline (the helper exits) and remove the folder."""
        if self._keep < 0:
            return
        os.close(self._keep)
        self._keep = -1
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def connect(self, deadline: float) -> socket.socket:
        while True:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                connection.connect(self.address)
                return connection
            except OSError as error:
                connection.close()
                if error.errno not in (errno.ENOENT, errno.ECONNREFUSED):
                    raise
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the forked-CLI helper did not start:\n{self.log_tail()}")
            time.sleep(0.02)

    def log_tail(self) -> str:
        return self.log.read_text("utf-8", "replace")[-4000:]


_helper: _Helper | None = None
_helper_lock = threading.Lock()


def _running_helper() -> _Helper:
    global _helper
    with _helper_lock:
        if _helper is None or _helper.process.poll() is not None:
            _helper = _Helper()
        return _helper


def _text(data: bytes) -> str:
    # As subprocess.run(text=True) decodes: the locale's encoding, universal newlines.
    decoded = data.decode(locale.getpreferredencoding(False))
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def _current_umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _forkable(environment: Mapping[str, str]) -> _Helper | None:
    """The helper, if a process with this environment may be forked from it."""
    helper = _running_helper()
    return helper if _startup_values(environment) == helper.startup else None


def _launch(
    helper: _Helper,
    args: Sequence[str],
    environment: dict[str, str],
    fds: tuple[int, int, int],
    cwd: str | Path | None,
    umask: int | None,
    deadline: float,
    new_session: bool = False,
) -> socket.socket:
    """Ask the helper to fork a process on these standard streams; its reply comes on the
    returned connection: the pid, then the wait status when it has ended. Text may hold
    lone surrogates (bytes that are not UTF-8, as a real start shows them): JSON carries
    them as escapes."""
    request = json.dumps(
        {
            "args": list(args),
            "env": environment,
            "cwd": str(Path(cwd if cwd is not None else os.getcwd()).absolute()),
            "umask": _current_umask() if umask is None else umask,
            "new_session": new_session,
        }
    ).encode()
    connection = helper.connect(deadline)
    socket.send_fds(connection, [_HEADER.pack(len(request))], list(fds))
    connection.sendall(request)
    return connection


def run_cli(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    stdin: int | None = None,
    cwd: str | Path | None = None,
    umask: int | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reconnect ARGS`` in a new process; see the module docstring.

    ``input`` is written to a pipe on standard input; ``stdin=subprocess.DEVNULL`` gives
    ``/dev/null``; with neither, the process inherits this one's standard input. The
    process has this one's umask unless ``umask`` is given.
    """
    if stdin not in (None, subprocess.DEVNULL) or (stdin is not None and input is not None):
        raise ValueError("stdin may only be subprocess.DEVNULL, and not together with input")
    environment = dict(os.environ if env is None else env)
    argv = [sys.executable, "-m", "reconnect", *args]
    helper = _forkable(environment)
    if helper is None:

        def set_umask() -> None:
            if umask is not None:
                os.umask(umask)

        return subprocess.run(
            argv,
            capture_output=True,
            text=True,
            input=input,
            stdin=stdin,
            env=environment,
            cwd=cwd,
            timeout=timeout,
            check=False,
            preexec_fn=set_umask if umask is not None else None,
        )
    deadline = time.monotonic() + timeout
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    if stdin == subprocess.DEVNULL:
        in_read, in_write = os.open(os.devnull, os.O_RDONLY), -1
    elif input is None:
        in_read, in_write = os.dup(0), -1  # inherit standard input, as subprocess.run does
    else:
        in_read, in_write = os.pipe()
    try:
        connection = _launch(
            helper, args, environment, (in_read, out_write, err_write), cwd, umask, deadline + 30
        )
    finally:
        for fd in (in_read, out_write, err_write):
            os.close(fd)
    pending = input.encode(locale.getpreferredencoding(False)) if input is not None else b""

    def give_up(pid: int | None, out: bytes, err: bytes) -> float:
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
        raise subprocess.TimeoutExpired(argv, timeout, out, err)

    status, out, err = _exchange(
        connection, pending, in_write, out_read, err_read, deadline, give_up
    )
    return subprocess.CompletedProcess(
        argv, os.waitstatus_to_exitcode(status), _text(out), _text(err)
    )


@dataclass(frozen=True)
class RawRun:
    """What ``run_raw`` saw: the exit code (None: stopped at the timeout) and both outputs."""

    returncode: int | None
    stdout: bytes
    stderr: bytes


def launch_startup_values() -> dict[str, str]:
    """The variables read at the interpreter's start (``LANG``, ``LC_*``, ``PYTHON*``) that
    the helper runs with: an environment holding exactly these can be forked."""
    return _startup_values(_launch_environment())


def run_raw(
    args: Sequence[str],
    *,
    env: Mapping[str, str],
    input: bytes,
    cwd: Path,
    timeout: float,
    new_session: bool = False,
) -> RawRun | None:
    """``Popen([python, -m, reconnect, *args], ...).communicate(input, timeout)`` in bytes, in
    a forked process (in a session of its own with ``new_session``); None when the
    environment needs a real start. At the timeout the process (its whole session's group
    with ``new_session``) is killed and what it wrote is returned with ``returncode`` None."""
    helper = _forkable(env)
    if helper is None:
        return None
    deadline = time.monotonic() + timeout
    in_read, in_write = os.pipe()
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    try:
        connection = _launch(
            helper,
            args,
            dict(env),
            (in_read, out_write, err_write),
            cwd,
            None,
            deadline + 30,
            new_session,
        )
    finally:
        for fd in (in_read, out_write, err_write):
            os.close(fd)
    stopped = False

    def stop(pid: int | None, _out: bytes, _err: bytes) -> float:
        nonlocal stopped
        if stopped or pid is None:
            raise RuntimeError(f"a forked reconnect {args!r} did not end when killed")
        stopped = True
        with contextlib.suppress(ProcessLookupError):  # it may have ended just now
            if new_session:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        return time.monotonic() + 30

    status, out, err = _exchange(connection, input, in_write, out_read, err_read, deadline, stop)
    return RawRun(None if stopped else os.waitstatus_to_exitcode(status), out, err)


class ForkedProcess:
    """A long-running command started by ``start_cli``: the part of Popen the tests use."""

    def __init__(self, argv: list[str], connection: socket.socket) -> None:
        self.args = argv
        self._connection = connection
        self._replies = b""
        self.returncode: int | None = None
        while b"\n" not in self._replies:
            self._read(None)
        self.pid = int(self._replies.split(b"\n")[0])

    def _read(self, timeout: float | None) -> None:
        ready, _, _ = select.select([self._connection], [], [], timeout)
        if ready:
            chunk = self._connection.recv(4096)
            if not chunk and self._replies.count(b"\n") < 2:
                raise RuntimeError("the forked-CLI helper stopped during a run")
            self._replies += chunk
            lines = self._replies.split(b"\n")
            if len(lines) > 2:
                self.returncode = os.waitstatus_to_exitcode(int(lines[1]))
                self._connection.close()

    def poll(self) -> int | None:
        if self.returncode is None:
            self._read(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
            self._read(left)
        return self.returncode

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, number)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def start_cli(
    args: Sequence[str], *, env: Mapping[str, str] | None = None, stdout: int, stderr: int
) -> ForkedProcess | subprocess.Popen[bytes]:
    """Start ``python -m reconnect ARGS`` (a server, say) with standard output and error on
    these file descriptors, like ``Popen(argv, stdout=stdout, stderr=stderr)``; standard input
    is inherited."""
    environment = dict(os.environ if env is None else env)
    argv = [sys.executable, "-m", "reconnect", *args]
    helper = _forkable(environment)
    if helper is None:
        return subprocess.Popen(argv, stdout=stdout, stderr=stderr, env=environment)
    connection = _launch(
        helper, args, environment, (0, stdout, stderr), None, None, time.monotonic() + 60
    )
    return ForkedProcess(argv, connection)


def _exchange(
    connection: socket.socket,
    pending: bytes,
    in_write: int,
    out_read: int,
    err_read: int,
    deadline: float,
    on_timeout: Callable[[int | None, bytes, bytes], float],
) -> tuple[int, bytes, bytes]:
    """Feed standard input, read both outputs and the wait status, as communicate() does.

    At ``deadline``, ``on_timeout(pid, stdout so far, stderr so far)`` raises or kills the
    process and gives the deadline for its end to be seen."""
    outputs: dict[int, bytearray] = {out_read: bytearray(), err_read: bytearray()}
    replies = bytearray()
    pid: int | None = None
    status: int | None = None
    choose = selectors.DefaultSelector()
    try:
        choose.register(connection, selectors.EVENT_READ, "reply")
        for fd in outputs:
            choose.register(fd, selectors.EVENT_READ, "output")
        if in_write >= 0:
            if pending:
                os.set_blocking(in_write, False)
                choose.register(in_write, selectors.EVENT_WRITE, "input")
            else:
                os.close(in_write)
                in_write = -1
        while status is None or len(choose.get_map()) > 0:
            left = deadline - time.monotonic()
            if left <= 0:
                deadline = on_timeout(pid, bytes(outputs[out_read]), bytes(outputs[err_read]))
                continue
            for key, _events in choose.select(timeout=left):
                if key.data == "input":
                    try:
                        sent = os.write(in_write, pending[:65536])
                    except BrokenPipeError:
                        sent = len(pending)
                    pending = pending[sent:]
                    if not pending:
                        choose.unregister(in_write)
                        os.close(in_write)
                        in_write = -1
                elif key.data == "output":
                    chunk = os.read(key.fd, 65536)
                    if chunk:
                        outputs[key.fd] += chunk
                    else:
                        choose.unregister(key.fd)
                else:
                    chunk = connection.recv(4096)
                    replies += chunk
                    lines = bytes(replies).split(b"\n")
                    if len(lines) > 1 and pid is None:
                        pid = int(lines[0])
                    if len(lines) > 2:
                        status = int(lines[1])
                    if not chunk:
                        choose.unregister(connection)
                        if status is None:
                            raise RuntimeError("the forked-CLI helper stopped during a run")
    finally:
        choose.close()
        connection.close()
        for fd in (in_write, out_read, err_read):
            if fd >= 0:
                os.close(fd)
    assert status is not None  # the loop ends only once the status has come
    return status, bytes(outputs[out_read]), bytes(outputs[err_read])
