"""SAFE-6 and SAFE-7: no banned or diagnostic wording anywhere a person reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconnect.content import load_texts
from reconnect.domain.safety import BANNED_PHRASES

SRC = Path(__file__).resolve().parents[2] / "src" / "reconnect"
SURFACES = sorted(
    [
        *SRC.joinpath("content").rglob("*.toml"),
        *SRC.joinpath("web", "templates").rglob("*.html"),
        *SRC.joinpath("cli").glob("*.py"),
    ]
)
DIAGNOSIS = (
    "you have depression",
    "you are depressed",
    "you suffer from",
    "diagnosed with",
    "you have a disorder",
    "this confirms",
    "symptoms of your",
)


@pytest.mark.parametrize("path", SURFACES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_banned_or_diagnostic_phrases(path: Path) -> None:
    text = path.read_text(encoding="utf-8").casefold()
    assert not BANNED_PHRASES.search(text), BANNED_PHRASES.search(text)
    for phrase in DIAGNOSIS:
        assert phrase not in text, phrase


def test_every_crisis_message_offers_a_way_to_help() -> None:
    texts = load_texts()
    for message in (texts.crisis_notice, texts.help_now):
        lowered = message.casefold()
        assert "not alone" in lowered or "alone" in lowered
        assert "crisis line" in lowered or "lines" in lowered
    assert "emergency" in texts.crisis_notice.casefold()


def test_the_surfaces_are_found() -> None:
    assert len(SURFACES) >= 20
