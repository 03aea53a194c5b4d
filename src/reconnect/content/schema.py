"""The strict base every content file's schema is validated with, how a file is read into
one, and the seed ids content may cite."""

from __future__ import annotations

import tomllib
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from reconnect.errors import ContentError

SEED_IDS = ("000", "001", "002", "003", "004")


class Strict(BaseModel):
    """A content schema: unknown keys are an error, and a parsed file cannot change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


SchemaT = TypeVar("SchemaT", bound=BaseModel)


def parse_toml(schema: type[SchemaT], text: str, what: str) -> SchemaT:
    """``text``, a content file's TOML, validated by ``schema``; a ContentError saying that
    ``what`` ("feelings.toml", "practice file x.toml") is invalid, and why, otherwise."""
    try:
        return schema.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise ContentError(f"{what} is invalid: {exc}") from exc
