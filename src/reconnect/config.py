"""Settings, built once at the edge (CLI callback, web factory, tests) and passed down."""

from __future__ import annotations

import contextlib
import os
import tomllib
from datetime import UTC, tzinfo
from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from reconnect.errors import InputError

APP_NAME = "reconnect"

SUPPORTED_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg")


def default_data_dir() -> Path:
    """The per-user data directory where the default database lives."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The user's settings file, written by ``reconnect settings set``."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


# Settings a person may store in the settings file (the rest come from options or the environment).
STORED_SETTINGS = ("country", "timezone")


def save_setting(name: str, value: str) -> Path:
    """Store one setting in the settings file (mode 0600); InputError for an unknown name."""
    import json

    if name not in STORED_SETTINGS:
        known = ", ".join(STORED_SETTINGS)
        raise InputError(f"unknown setting {name!r}", hint=f"Settings you can store: {known}")
    path = config_file()
    current: dict[str, str] = {}
    if path.exists():
        try:
            current = {k: str(v) for k, v in tomllib.loads(path.read_text("utf-8")).items()}
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            current = {}
    current[name] = value
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = "".join(f"{key} = {json.dumps(val)}\n" for key, val in sorted(current.items()))
    temp = path.with_suffix(".tmp")
    temp.write_text(text, encoding="utf-8")
    temp.chmod(0o600)
    temp.replace(path)
    return path


def read_country(option: str | None = None) -> tuple[str | None, str | None]:
    """The country for crisis resources, read on its own: ``(code, problem)``.

    Help must never depend on unrelated settings (a bad ``RECONNECT_PORT`` once hid the
    stored country), so this reads only the country, in the order ``Settings`` uses: the
    option, then ``RECONNECT_COUNTRY``, then the settings file. ``problem`` says why no
    country could be read (the settings file is unreadable); it is None when simply none is set.
    """
    import os

    for given in (option, os.environ.get("RECONNECT_COUNTRY")):
        if given and given.strip():
            return given.strip(), None
    path = config_file()
    try:
        stored = tomllib.loads(path.read_text("utf-8")).get("country")
    except FileNotFoundError:
        return None, None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return None, f"The settings file {path} cannot be read"
    if stored is None:
        return None, None
    if not isinstance(stored, str) or not stored.strip():
        return None, f"The country in the settings file {path} is not a country code"
    return stored.strip(), None


def default_database_url() -> str:
    """A SQLite file in the user data directory."""
    return f"sqlite:///{default_data_dir() / 'reconnect.db'}"


def default_server_database_url() -> str:
    """Server mode's SQLite file (its journals go in a ``journals`` folder beside it)."""
    return f"sqlite:///{default_data_dir() / 'server' / 'server.db'}"


class Settings(BaseSettings):
    """Everything configurable. Environment variables use the ``RECONNECT_`` prefix."""

    model_config = SettingsConfigDict(env_prefix="RECONNECT_", extra="ignore")

    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLite file (sqlite:///PATH) or PostgreSQL (postgresql://...) URL.",
    )
    host: str = Field(default="127.0.0.1", description="Address the web app binds to.")
    port: int = Field(default=8765, ge=1, le=65535, description="Port the web app listens on.")
    debug: bool = Field(default=False, description="Show tracebacks for unexpected errors.")
    country: str | None = Field(
        default=None,
        description="Two-letter country code for crisis resources (US, GB, CA, AU, IE, IN, ...).",
    )

    timezone: str | None = Field(
        default=None,
        description=(
            "Time zone (IANA name such as Europe/London) whose days and weeks the calendar, "
            "Home and insights count in. Default: this machine's zone."
        ),
    )

    passphrase: SecretStr | None = Field(
        default=None,
        description=(
            "Passphrase that unlocks (and, for reconnect init, creates) an encrypted journal "
            "without a prompt. Never taken as a command-line option."
        ),
    )
    auto_lock_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="The web app locks itself after this idle time."
    )
    server_database_url: str = Field(
        default_factory=default_server_database_url,
        description=(
            "Server mode only (reconnect serve --server, reconnect users): where accounts "
            "and their journals live. PostgreSQL for several processes; SQLite for one."
        ),
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description=(
            "Host names the web app answers to besides its bind address (server mode behind "
            "a proxy: the public name, such as journal.example.org)."
        ),
    )
    session_hours: int = Field(
        default=12, ge=1, le=24 * 30, description="Server mode: a login lasts at most this long."
    )
    session_idle_minutes: int = Field(
        default=30,
        ge=1,
        le=24 * 60,
        description="Server mode: a session ends after this long without a request.",
    )
    open_signup: bool = Field(
        default=False,
        description="Server mode: anyone may create an account, without an invite.",
    )
    test_fast_kdf: bool = Field(
        default=False,
        description=(
            "For the test suite only: new key slots use the Argon2id minimum "
            "(m=19456 KiB, t=2, p=1) instead of the defaults."
        ),
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,  # noqa: ARG003 - not used: no .env files
        file_secret_settings: PydanticBaseSettingsSource,  # noqa: ARG003 - no secrets directory
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Options beat the environment, which beats the settings file, which beats defaults."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, config_file()))

    @field_validator("timezone")
    @classmethod
    def _check_zone(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        named = value.strip()
        if load_zone(named) is None:
            raise ValueError(f"unknown time zone {named!r}; use a name such as Europe/London")
        return named

    @property
    def zone(self) -> tzinfo:
        """The zone days are counted in: the setting, else this machine's, else UTC."""
        chosen = load_zone(self.timezone) if self.timezone else None
        return chosen or system_zone()

    @field_validator("database_url")
    @classmethod
    def _check_scheme(cls, value: str) -> str:
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in SUPPORTED_SCHEMES:
            shown = scheme or value
            raise ValueError(
                f"unsupported database URL scheme {shown!r}; "
                "use sqlite:///PATH or postgresql://USER@HOST/DB"
            )
        return value


def load_zone(name: str) -> tzinfo | None:
    """The IANA zone called ``name``, or None when there is no such zone."""
    from zoneinfo import ZoneInfo

    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def system_zone() -> tzinfo:
    """This machine's zone: ``TZ``, then /etc/localtime's link, then /etc/timezone, else UTC."""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    with contextlib.suppress(OSError):
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(Path("/etc/timezone").read_text("utf-8").strip())
    for name in candidates:
        zone = load_zone(name) if name else None
        if zone is not None:
            return zone
    return UTC


def resolve(**overrides: object) -> Settings:
    """Build settings: explicit overrides (CLI options) beat the environment, which beats defaults.

    ``None`` overrides are ignored, so unset CLI options fall through.
    """
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        raise InputError(
            f"the settings file {config_file()} cannot be read",
            hint="Fix it or delete it; reconnect settings set writes a new one.",
        ) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InputError(
            f"invalid setting {field}: {message}",
            hint="Check --db and the RECONNECT_* environment variables.",
        ) from None
