"""Where a new entry's text comes from: the command's argument, standard input, or $EDITOR
on a private temporary folder that is removed afterwards, even after a killed run (ENC-11)."""

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from reconnect.errors import InputError

MAX_STDIN_BYTES = 200_000
EDIT_PREFIX = "reconnect-edit-"


def sweep_editor_leftovers() -> None:
    """ENC-11: remove editing folders left by a reconnect that was killed mid-edit.

    Each folder carries the process id that made it; only those whose process is
    gone (and that belong to this user) are removed.
    """
    for folder in Path(tempfile.gettempdir()).glob(f"{EDIT_PREFIX}*"):
        try:
            pid = int(folder.name.removeprefix(EDIT_PREFIX).split("-", 1)[0])
            if folder.stat().st_uid != os.getuid() or _alive(pid):
                continue
        except (ValueError, OSError):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _from_editor() -> str:
    """Open $EDITOR on a private temporary file and return what was saved; nothing stays."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise InputError(
            "no text given and no editor set",
            hint='Write inline: reconnect write "...", pipe text in, or set $EDITOR.',
        )
    sweep_editor_leftovers()
    folder = Path(tempfile.mkdtemp(prefix=f"{EDIT_PREFIX}{os.getpid()}-"))  # mode 0700
    path = folder / "entry.md"
    try:
        path.touch(mode=0o600)
        result = subprocess.run([*shlex.split(editor), str(path)], check=False)
        if result.returncode != 0:
            raise InputError(f"the editor exited with code {result.returncode}; nothing was saved")
        return path.read_text(encoding="utf-8")
    finally:
        # Whatever the editor left beside the file (swap or backup files) goes too.
        shutil.rmtree(folder, ignore_errors=True)


def read_text(text: str | None) -> str:
    """The text given, else standard input (when it is not a terminal), else $EDITOR's."""
    if text is not None:
        return text
    if not sys.stdin.isatty():
        raw = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("the text on standard input is not UTF-8") from None
    return _from_editor()
