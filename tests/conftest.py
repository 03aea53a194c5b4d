"""Shared fixtures: a clean environment, a loopback-only network, and both real databases."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

# Every journal the tests create is encrypted with this passphrase; RECONNECT_TEST_FAST_KDF
# makes its key slots use the Argon2id floor rather than the 64 MiB default.
TEST_PASSPHRASE = "test passphrase, not a real one"

POSTGRES_ADMIN_URL = os.environ.get(
    "RECONNECT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)
REPO_ROOT = Path(__file__).resolve().parents[1]

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(address: Any) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX paths
        return True
    host = address[0]
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_loopback(address):
        raise OSError(f"PRIV-1: the test suite refused a non-loopback connection to {address!r}")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _is_loopback(address):
        raise OSError(f"PRIV-1: the test suite refused a non-loopback connection to {address!r}")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def loopback_only() -> Iterator[None]:
    """PRIV-1 (a): any attempt to reach a non-loopback address fails the test that made it."""
    socket.socket.connect = _guarded_connect  # type: ignore[assignment,method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[assignment,method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


# Where the settings file, the data folder, caches and the keyring file are looked for
# (platformdirs on Linux and macOS). A user's own values must never reach a test: one test
# run wrote ``country = "GB"`` into the settings file of a user with XDG_CONFIG_HOME set.
USER_FOLDER_VARIABLES = (
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
)
_session_home: Path | None = None
_saved_environment: dict[str, str] = {}


def _home_variables(home: Path) -> dict[str, str]:
    """The user-folder variables, all pointing inside ``home``."""
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(home / "run"),
    }


def pytest_configure() -> None:
    """Before collection: the user folders point into a temporary home for the whole run.

    Collection already builds ``Settings`` (tests/web/test_api_fuzz.py reads the OpenAPI
    document at import), which reads the settings file; subprocesses inherit this too.
    Each test then gets a fresh home of its own (``clean_environment``).
    """
    global _session_home
    _session_home = Path(tempfile.mkdtemp(prefix="reconnect-tests-home-"))
    for name, value in _home_variables(_session_home).items():
        if name in os.environ:
            _saved_environment[name] = os.environ[name]
        os.environ[name] = value
    (_session_home / "run").mkdir(mode=0o700)


def pytest_unconfigure() -> None:
    """Put the user's folders back and remove the temporary home."""
    for name in USER_FOLDER_VARIABLES:
        if name in _saved_environment:
            os.environ[name] = _saved_environment.pop(name)
        else:
            os.environ.pop(name, None)
    if _session_home is not None:
        shutil.rmtree(_session_home, ignore_errors=True)


@pytest.fixture(autouse=True)
def clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No RECONNECT_* or proxy settings leak in; every user folder is in a fresh temp home.

    HOME and every XDG base directory point inside it, so neither this process nor a
    subprocess it starts (which inherits the environment) reads or writes the real
    settings file, data folder, cache or keyring.
    """
    for name in list(os.environ):
        if name.startswith("RECONNECT_") and name != "RECONNECT_TEST_POSTGRES":
            monkeypatch.delenv(name)
        if name.lower() in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    for name, value in _home_variables(home).items():
        monkeypatch.setenv(name, value)
    (home / "run").mkdir(mode=0o700)
    monkeypatch.setenv("RECONNECT_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setenv("RECONNECT_TEST_FAST_KDF", "1")
    # Days are counted in UTC unless a test chooses a zone: the machine's own zone must not
    # decide which day an entry falls on in a test.
    monkeypatch.setenv("RECONNECT_TIMEZONE", "UTC")
    # A real keyring backend that keeps its file under the temporary HOME.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")


def free_port() -> int:
    """A loopback TCP port that was free a moment ago, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def create_journal(url: str, *, encrypted: bool = True) -> str:
    """Create the journal in a database (as ``reconnect init`` does) and return the URL."""
    from reconnect.bootstrap import build_services
    from reconnect.config import Settings
    from reconnect.services.vault_setup import create_journal as create

    services = build_services(
        Settings(database_url=url, test_fast_kdf=True, passphrase=None, country=None)
    )
    try:
        create(services, TEST_PASSPHRASE if encrypted else None, encrypted=encrypted)
    finally:
        services.close()
    return url


@pytest.fixture
def empty_sqlite_url(tmp_path: Path) -> str:
    """A SQLite path where no journal exists yet."""
    return f"sqlite:///{tmp_path / 'reconnect.db'}"


@pytest.fixture(scope="session")
def journal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One new, empty, encrypted SQLite journal, made once and copied for each test (fast)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    create_journal(f"sqlite:///{path}")
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    return path


@pytest.fixture
def sqlite_url(empty_sqlite_url: str, journal_template: Path) -> str:
    """A fresh SQLite file holding a new, empty, encrypted journal."""
    path = Path(empty_sqlite_url.removeprefix("sqlite:///"))
    shutil.copyfile(journal_template, path)
    path.chmod(0o600)
    return empty_sqlite_url


@pytest.fixture
def default_journal() -> str:
    """A new encrypted journal at the default location (the user data folder)."""
    from reconnect.config import default_database_url

    return create_journal(default_database_url())


@pytest.fixture
def postgres_url(empty_postgres_url: str) -> str:
    """A fresh schema on the real PostgreSQL server holding a new, empty, encrypted journal."""
    return create_journal(empty_postgres_url)


@pytest.fixture
def empty_postgres_url() -> Iterator[str]:
    """A fresh schema on the real PostgreSQL server, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Every test using this runs on a real SQLite file and on the real PostgreSQL server."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest) -> str:
    """Like ``database_url``, but with no journal created (nothing migrated yet)."""
    name = "empty_sqlite_url" if request.param == "sqlite" else "empty_postgres_url"
    url: str = request.getfixturevalue(name)
    return url
