"""Load the practices library (``content/practices/*.toml``) into domain practices."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import Field

from reconnect.content.schema import Strict, parse_toml
from reconnect.domain.practices import Practice
from reconnect.errors import ContentError


class _PracticeIn(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    why: str = Field(min_length=20)
    seed: Literal["000", "001", "002", "003", "004"]
    audience: Literal["self", "partner", "couple"] = Field(alias="for")
    duration_minutes: int = Field(ge=1, le=120)
    difficulty: int = Field(ge=1, le=5)
    timed: bool
    addresses: list[str] = Field(min_length=1)
    steps: list[str] = Field(min_length=1)


class _PracticesIn(Strict):
    practices: list[_PracticeIn] = Field(min_length=1)


@lru_cache(maxsize=1)
def load_practices() -> tuple[Practice, ...]:
    """Every practice in ``content/practices/*.toml``, sorted by id; ids must be unique."""
    folder = resources.files("reconnect.content").joinpath("practices")
    found: list[Practice] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".toml"):
            continue
        parsed = parse_toml(_PracticesIn, entry.read_text("utf-8"), f"practice file {entry.name}")
        found.extend(
            Practice(
                p.id,
                p.title,
                p.why,
                p.seed,
                p.audience,
                p.duration_minutes,
                p.difficulty,
                p.timed,
                tuple(p.addresses),
                tuple(p.steps),
            )
            for p in parsed.practices
        )
    ids = [p.id for p in found]
    if len(ids) != len(set(ids)):
        raise ContentError("two practices share an id")
    return tuple(sorted(found, key=lambda p: p.id))
