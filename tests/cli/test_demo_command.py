"""``reconnect demo`` then ``reconnect serve --demo``: the served demo says it is one on every
page, offers no Lock that locks nothing, and the command names how to serve the file it wrote
(issue 11, item 12)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from typing import TYPE_CHECKING

import pytest
from tests.conftest import free_port

if TYPE_CHECKING:
    from pathlib import Path

MARKER = "Demo journal — sample entries, nothing here is yours"


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            text: str = response.read().decode("utf-8")
            return text
    except OSError:
        return None


class Demo:
    """A demo journal made by ``reconnect demo --db URL``, and what the command said."""

    def __init__(self, url: str, said: str) -> None:
        self.url = url
        self.said = said


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    made = subprocess.run(
        [sys.executable, "-m", "reconnect", "demo", "--db", url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return Demo(url, made.stderr)


def test_the_demo_names_the_file_to_serve_when_it_is_not_the_default(demo: Demo) -> None:
    # Plain --demo serves the default demo file, not this one.
    assert f"Run: reconnect serve --demo --db {demo.url}" in demo.said


def test_the_served_demo_is_marked_and_has_no_lock(demo: Demo, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        command = ["serve", "--demo", "--db", demo.url, "--port", str(port)]
        server = subprocess.Popen(
            [sys.executable, "-m", "reconnect", *command],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(os.environ),
        )
        try:
            deadline = time.monotonic() + 30
            page = None
            while page is None and server.poll() is None and time.monotonic() < deadline:
                page = _get(f"http://127.0.0.1:{port}/insights")
                if page is None:
                    time.sleep(0.1)
            assert page is not None, log.read_text()
            assert MARKER in page
            assert "What goes with numbness or reconnection" in page  # the demo's own entries
            assert not re.search(r'<form[^>]*action="/lock"', page)
        finally:
            server.terminate()
            server.wait(timeout=10)
    assert "Serving the demo journal" in log.read_text()


def _reconnect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reconnect", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_root_db_option_says_where_the_demo_goes(sqlite_url: str) -> None:
    from reconnect.config import default_data_dir

    assert _reconnect("--db", sqlite_url, "write", "A quiet walk by the river.").returncode == 0
    made = _reconnect("--db", sqlite_url, "demo")
    # The demo went for the journal named at the root, found it in use, and left it alone:
    # no demo.db appeared in the user data folder instead.
    assert made.returncode == 2
    assert made.stderr.splitlines()[0] == (
        f"Error: {sqlite_url} already holds entries; the demo only fills an empty database"
    )
    assert not (default_data_dir() / "demo.db").exists()


def test_the_root_db_option_says_which_demo_to_serve() -> None:
    served = _reconnect("--db", "mysql://root@localhost/demo", "serve", "--demo")
    assert served.returncode == 2
    assert "unsupported database URL scheme 'mysql'" in served.stderr.splitlines()[0]
