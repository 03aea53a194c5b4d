"""Load the mood meter's quadrants and named feelings (``content/feelings.toml``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import Field, model_validator

from reconnect.content.schema import Strict, parse_toml
from reconnect.domain.checkins import Quadrant


class _QuadrantIn(Strict):
    id: Literal["red", "yellow", "blue", "green"]
    label: str
    description: str
    feelings: list[str] = Field(min_length=10)


class _FeelingsIn(Strict):
    quadrants: list[_QuadrantIn] = Field(min_length=4, max_length=4)

    @model_validator(mode="after")
    def _check(self) -> _FeelingsIn:
        names = [f for q in self.quadrants for f in q.feelings]
        if len(names) != len(set(names)):
            raise ValueError("a feeling appears in more than one place")
        return self


@lru_cache(maxsize=1)
def load_feelings() -> tuple[Quadrant, ...]:
    """The mood meter's quadrants and their named feelings, from ``content/feelings.toml``."""
    text = resources.files("reconnect.content").joinpath("feelings.toml").read_text("utf-8")
    parsed = parse_toml(_FeelingsIn, text, "feelings.toml")
    return tuple(
        Quadrant(q.id, q.label, q.description, tuple(q.feelings)) for q in parsed.quadrants
    )
