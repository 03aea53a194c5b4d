"""``reconnect serve``: the port comes from --port, else RECONNECT_PORT, else the settings file."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path
from typing import TextIO

import pytest
from tests.conftest import create_journal
from tests.forked_cli import ForkedProcess, run_cli, start_cli


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _settings_file() -> Path:
    return Path(os.environ["HOME"]) / ".config" / "reconnect" / "settings.toml"


def _listening_port(db_url: str, args: list[str], env: dict[str, str]) -> int:
    """Start ``reconnect serve``, wait for the line naming its address, and return the port.

    The server is then reached on that port (waiting on the process, not on a fixed delay),
    and stopped. It is a real server process, forked from a warm interpreter
    (tests/forked_cli.py).
    """
    reading, writing = os.pipe()
    with open(os.devnull, "wb") as nothing, os.fdopen(reading, encoding="utf-8") as stderr:
        try:
            process = start_cli(
                ["--db", db_url, "serve", *args], env=env, stdout=nothing.fileno(), stderr=writing
            )
        finally:
            os.close(writing)
        try:
            return _port_answering(process, stderr)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _port_answering(process: ForkedProcess | subprocess.Popen[bytes], stderr: TextIO) -> int:
    line = stderr.readline()  # blocks until the server announces itself (or exits)
    assert "reconnect is running at http://127.0.0.1:" in line, line + stderr.read()
    port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return port
        except OSError:
            with pytest.raises(subprocess.TimeoutExpired):
                process.wait(timeout=0.1)  # still running: uvicorn is binding
    pytest.fail(f"nothing answered on port {port}")


@pytest.mark.parametrize(
    ("use_flag", "use_env", "use_file", "winner"),
    [
        pytest.param(False, True, False, "env", id="env-alone"),
        pytest.param(True, True, True, "flag", id="flag-beats-env-and-file"),
        pytest.param(False, True, True, "env", id="env-beats-file"),
        pytest.param(False, False, True, "file", id="file-beats-default"),
    ],
)
def test_the_port_follows_flag_then_environment_then_settings_file(
    tmp_path: Path, use_flag: bool, use_env: bool, use_file: bool, winner: str
) -> None:
    db_url = create_journal(f"sqlite:///{tmp_path / 'serve.db'}")
    ports = dict(zip(("flag", "env", "file"), _free_ports(3), strict=True))
    env = {k: v for k, v in os.environ.items() if k != "RECONNECT_PORT"}
    if use_env:
        env["RECONNECT_PORT"] = str(ports["env"])
    if use_file:
        _settings_file().parent.mkdir(parents=True, exist_ok=True)
        _settings_file().write_text(f"port = {ports['file']}\n", encoding="utf-8")
    args = ["--port", str(ports["flag"])] if use_flag else []
    assert _listening_port(db_url, args, env) == ports[winner]


def test_a_non_loopback_host_from_the_environment_is_refused(tmp_path: Path) -> None:
    db_url = create_journal(f"sqlite:///{tmp_path / 'serve.db'}")
    result = run_cli(["--db", db_url, "serve"], env={**os.environ, "RECONNECT_HOST": "0.0.0.0"})
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_busy_port_is_one_clear_line_and_never_announced(tmp_path: Path) -> None:
    # Issue 11, item 12: "running at ..." was printed before "address already in use".
    db_url = create_journal(f"sqlite:///{tmp_path / 'serve.db'}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli(["--db", db_url, "serve", "--port", str(port)])
    assert result.returncode == 2, result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "running at" not in result.stderr
    assert "Traceback" not in result.stderr
