"""The test suite never touches a user's own folders, even when their XDG variables are set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, USER_FOLDER_VARIABLES


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below ``folder`` with its modification time and content."""
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_every_user_folder_points_inside_a_temporary_folder(tmp_path: Path) -> None:
    from reconnect.config import config_file, default_data_dir

    temporary = tmp_path.parent.parent  # pytest's base temporary folder for this run
    for name in USER_FOLDER_VARIABLES:
        assert Path(os.environ[name]).is_relative_to(temporary), name
    assert config_file().is_relative_to(temporary)
    assert default_data_dir().is_relative_to(temporary)


def test_a_real_looking_config_folder_is_never_written_by_the_settings_tests(
    tmp_path: Path,
) -> None:
    """Run the CLI settings tests as a user with XDG_CONFIG_HOME set would: nothing changes."""
    user = tmp_path / "user"
    settings = user / "config" / "reconnect" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('country = "NZ"\n')
    for folder in ("data", "cache", "state"):
        (user / folder).mkdir()
    before = _snapshot(user)
    env = {
        **os.environ,
        "HOME": str(user),
        "XDG_CONFIG_HOME": str(user / "config"),
        "XDG_DATA_HOME": str(user / "data"),
        "XDG_CACHE_HOME": str(user / "cache"),
        "XDG_STATE_HOME": str(user / "state"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            f"--basetemp={tmp_path / 'inner'}",
            "tests/cli/test_settings_command.py",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" in result.stdout
    assert _snapshot(user) == before
    assert settings.read_text() == 'country = "NZ"\n'
