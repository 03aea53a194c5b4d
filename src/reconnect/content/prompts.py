"""Load the journaling prompts (``content/prompts.toml``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import Field

from reconnect.content.schema import Strict, parse_toml
from reconnect.domain.prompts import Prompt


class _PromptIn(Strict):
    id: str
    text: str = Field(min_length=10)
    answers: str = Field(alias="for")
    seed: Literal["000", "001", "002", "003", "004"]


class _PromptsIn(Strict):
    prompts: list[_PromptIn] = Field(min_length=1)


@lru_cache(maxsize=1)
def load_prompts() -> tuple[Prompt, ...]:
    """The journaling prompts from ``content/prompts.toml``."""
    text = resources.files("reconnect.content").joinpath("prompts.toml").read_text("utf-8")
    parsed = parse_toml(_PromptsIn, text, "prompts.toml")
    return tuple(Prompt(p.id, p.text, p.answers, p.seed) for p in parsed.prompts)
