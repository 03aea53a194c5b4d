"""Load the short shared texts (``content/texts.toml``): the disclaimer, the crisis notice,
the words of the safety check, ..."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from reconnect.content.schema import Strict, parse_toml


class SafetyCheckTexts(Strict):
    """The words of the calm "are you safe right now?" check (an analysis' ``concern``)."""

    question: str
    safe: str
    help: str
    choose: str
    later: str
    thanks: str
    help_link: str
    asked_for_help: str


class NotAnalysedTexts(Strict):
    """What is said about an entry whose stored analysis could not be read."""

    message: str
    hint: str
    short: str
    several: str
    in_insights: str
    in_insights_page: str


class Texts(Strict):
    disclaimer: str
    seek_help_intro: str
    no_seek_help: str
    crisis_notice: str
    help_now: str
    abuse_notice: str
    not_english: str
    safety_check: SafetyCheckTexts
    not_analysed: NotAnalysedTexts


@lru_cache(maxsize=1)
def load_texts() -> Texts:
    """Short shared texts (the disclaimer, ...) from ``content/texts.toml``."""
    text = resources.files("reconnect.content").joinpath("texts.toml").read_text(encoding="utf-8")
    return parse_toml(Texts, text, "texts.toml")
