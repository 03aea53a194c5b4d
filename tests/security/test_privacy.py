"""Secrets and content stay out of argv and logs (ENC-11 a, PRIV-6)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient

from reconnect.cli import registered_app
from reconnect.config import Settings
from reconnect.web.app import create_app
from tests.conftest import TEST_PASSPHRASE
from tests.test_docs import command_paths

if TYPE_CHECKING:
    import pytest

CANARY = "CANARY-privacy-Lm42Qz"


def test_enc11_no_command_takes_a_passphrase_as_an_option() -> None:
    import typer.main

    # The lazy root app registers nothing until a command runs: read the full one.
    full = registered_app()
    paths = command_paths(full)
    assert len(paths) >= 30
    offending = []
    for name, _doc in paths:
        parts = name.split()[1:]
        command = typer.main.get_command(full)
        for part in parts:
            command = command.commands[part]  # type: ignore[attr-defined]
        for param in command.params:
            names = " ".join([*param.opts, *param.secondary_opts, param.name or ""]).lower()
            if names == "--ssl-keyfile ssl_keyfile":
                continue  # the path of a TLS key file (uvicorn's name): never the key itself
            if any(word in names for word in ("passphrase", "password", "secret", "key")):
                offending.append((name, names))
    assert offending == []


def test_priv6_logs_at_debug_carry_no_content_or_secret(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    app = create_app(Settings(database_url=sqlite_url, passphrase=None, debug=True))
    with TestClient(app, base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as client:
        token = client.get("/api/csrf").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        client.post("/unlock", data={"csrf_token": token, "passphrase": TEST_PASSPHRASE})
        client.post("/unlock", data={"csrf_token": token, "passphrase": f"wrong {CANARY}"})
        assert client.post("/api/entries", json={"text": f"my secret {CANARY}"}).status_code < 300
        client.post("/api/entries", json={"text": "x" * 30_000 + CANARY})
        client.get(f"/api/entries?search={CANARY}")
        client.get("/api/insights")
    # The test's own HTTP client logs the URLs it requests; everything else is reconnect's side.
    ours = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert ours, "nothing was logged at all: the capture is not working"
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in ours)
    assert CANARY not in logged
    assert TEST_PASSPHRASE not in logged
    assert token not in logged


NETWORK_MODULES = (
    "socket",
    "ssl",
    "http.client",
    "urllib.request",
    "urllib3",
    "requests",
    "httpx",
    "httpx2",
    "aiohttp",
    "smtplib",
    "ftplib",
    "telnetlib",
    "xmlrpc",
    "websockets",
)


# The one module that may import socket: ``reconnect serve`` binds its loopback listener
# itself, so that a busy port is one clear line before anything is announced. It listens;
# it never connects (checked below).
LISTENER = "src/reconnect/web/app.py"
# The modules that may send anything over the network: server mode's worker posts web
# push reminders (issue 13), and only when a person turned them on in their browser, to
# that browser's push service, with fixed words (services/push.py: an allow-list of the
# browsers' push services; decision 0011). They import requests only for its error type.
PUSH_SENDERS = ("src/reconnect/services/push.py", "src/reconnect/services/couple_reminders.py")


def test_priv1_no_source_module_imports_a_network_client() -> None:
    """PRIV-1 (c): reconnect's own code imports no HTTP or socket client at all."""
    import ast

    from tests.conftest import REPO_ROOT

    found = []
    for path in sorted((REPO_ROOT / "src" / "reconnect").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            for name in names:
                if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES):
                    found.append((str(path.relative_to(REPO_ROOT)), name))
    allowed = {(LISTENER, "socket")} | {
        (sender, name)
        for sender in PUSH_SENDERS
        for name in ("requests", "requests.RequestException")
    }
    assert [f for f in found if f not in allowed] == []
    listener = (REPO_ROOT / LISTENER).read_text("utf-8")
    assert re.search(r"\.connect(_ex)?\(|create_connection|\.sendto\(", listener) is None


def test_priv1_analysis_leaves_no_file_behind(tmp_path: Path) -> None:
    """PRIV-1: analysing writes nothing at all: no cache, no model download, no telemetry
    (the language identifier and the static embedding load from the installed package)."""
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TMPDIR": str(temp),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    probe = (
        "from reconnect.analysis import analyze\n"
        "assert analyze('I gave my guitar away and wrote everyone a letter. It feels final.')"
        ".crisis\n"
        "analyze('Walked the dog by the canal. The light on the water was lovely.')\n"
        "assert analyze('Ich will nicht mehr leben.').crisis\n"
    )
    subprocess.run([sys.executable, "-c", probe], env=env, check=True, timeout=120)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == [
        Path("home"),
        Path("tmp"),
    ]
