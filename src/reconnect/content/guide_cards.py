"""Load the guide's answer cards (``content/guide/*.toml``) and check them.

Every card names a seed and the section it answers, links only practices that exist, and
has an id no other card uses. A broken file is a ContentError naming it.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reconnect.content import load_practices
from reconnect.content.schema import parse_toml
from reconnect.domain.guide import AnswerCard
from reconnect.errors import ContentError


class _CardIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=80)
    title: str = Field(min_length=5, max_length=100)
    seed: Literal["000", "001", "002", "003", "004"]
    section: str = Field(min_length=3, max_length=200)
    answer: str = Field(min_length=200, max_length=2500)
    practices: list[str] = Field(default_factory=list, max_length=4)
    asks: list[str] = Field(default_factory=list, max_length=24)


class _CardsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cards: list[_CardIn] = Field(min_length=1)


@lru_cache(maxsize=1)
def load_cards() -> tuple[AnswerCard, ...]:
    """Every answer card, in file order (seed 000 first)."""
    folder = resources.files("reconnect.content").joinpath("guide")
    known_practices = {p.id for p in load_practices()}
    found: list[AnswerCard] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        what = f"guide card file {entry.name}"
        parsed = parse_toml(_CardsIn, entry.read_text("utf-8"), what)
        for card in parsed.cards:
            unknown = sorted(set(card.practices) - known_practices)
            if unknown:
                raise ContentError(
                    f"guide card {card.id} ({entry.name}) links unknown practices: "
                    + ", ".join(unknown)
                )
            found.append(
                AnswerCard(
                    id=card.id,
                    title=card.title.strip(),
                    answer=card.answer.strip(),
                    seed=card.seed,
                    section=card.section.strip(),
                    practices=tuple(card.practices),
                    asks=tuple(a.strip() for a in card.asks if a.strip()),
                )
            )
    ids = [c.id for c in found]
    if len(ids) != len(set(ids)):
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        raise ContentError("two guide cards share an id: " + ", ".join(doubled))
    if not found:
        raise ContentError("no guide cards are installed (content/guide/*.toml)")
    return tuple(found)


class _OffTopicIn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: list[str] = Field(min_length=1)


@lru_cache(maxsize=1)
def load_off_topic() -> tuple[str, ...]:
    """The questions the guide declines (``content/guide_off_topic.toml``): anchors, never shown."""
    entry = resources.files("reconnect.content").joinpath("guide_off_topic.toml")
    try:
        parsed = _OffTopicIn.model_validate(tomllib.loads(entry.read_text("utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ContentError(f"guide_off_topic.toml is invalid: {exc}") from exc
    return tuple(dict.fromkeys(q.strip() for q in parsed.questions if q.strip()))
