"""The strict base every content file's schema is validated with, and the seed ids
content may cite."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

SEED_IDS = ("000", "001", "002", "003", "004")


class Strict(BaseModel):
    """A content schema: unknown keys are an error, and a parsed file cannot change."""

    model_config = ConfigDict(extra="forbid", frozen=True)
