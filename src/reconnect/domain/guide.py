"""The guide's value types: answer cards written from the seeds, and what a question gets back.

A card answers one section or FAQ question of one seed article, in the project's own
words, and links the practices that fit. A reply is crisis first (resources and the safety
plan; no card when the crisis language is confident, the cards after them when it is
unsure), or up to three cards best first, or an honest "reconnect can't answer that"
(``abstained``) when no card is close enough.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_ANSWERS = 3
MAX_QUESTION_CHARS = 500

# The seed articles the cards are written from, by id: the names the contract reports.
SEED_FILES: dict[str, str] = {
    "000": "000_dbfe9a2ee7a005df.txt",
    "001": "001_a73bf7174d7bd7f9.txt",
    "002": "002_a84d93e5d8e74459.txt",
    "003": "003_01aca2aed12cae2f.txt",
    "004": "004_b057ac144da81938.txt",
}

CANT_ANSWER = (
    "reconnect can't answer that. The guide only answers questions about emotional "
    "detachment, numbness, withdrawal and closeness, from the articles it is built on."
)


@dataclass(frozen=True, slots=True)
class AnswerCard:
    """One answer: its title and text, the seed section it comes from, practices that fit.

    ``asks`` are ways a person might put the question, written with the card; they help
    the search find it and are never shown.
    """

    id: str
    title: str
    answer: str
    seed: str
    section: str
    practices: tuple[str, ...]
    asks: tuple[str, ...] = ()

    @property
    def seed_file(self) -> str:
        """The file name of the seed article this card is written from."""
        return SEED_FILES[self.seed]

    def blocks(self) -> tuple[Block, ...]:
        """The answer as paragraphs and lists: lines starting with "- " are list items."""
        found: list[Block] = []
        for paragraph in self.answer.split("\n\n"):
            for line in paragraph.splitlines():
                text = line.strip()
                if not text:
                    continue
                if text.startswith("- "):
                    if found and found[-1].kind == "list" and found[-1].open:
                        found[-1].lines.append(text[2:].strip())
                    else:
                        found.append(Block("list", [text[2:].strip()]))
                elif found and found[-1].kind == "text" and found[-1].open:
                    found[-1].lines.append(text)
                else:
                    found.append(Block("text", [text]))
            if found:
                found[-1].open = False
        return tuple(found)


@dataclass(slots=True)
class Block:
    """A paragraph (its lines joined) or a list (one item per line) of a card's answer."""

    kind: str  # "text" or "list"
    lines: list[str]
    open: bool = True

    @property
    def text(self) -> str:
        """The paragraph's lines as one text."""
        return " ".join(self.lines)


@dataclass(frozen=True, slots=True)
class GuideReply:
    """What a question gets: crisis first, or the best cards, or an honest abstention."""

    question: str
    crisis: bool
    abstained: bool
    answers: tuple[AnswerCard, ...] = ()
    concern: bool = False  # unsure crisis language: resources first, then the cards
    abuse: bool = False  # the question describes being hurt or controlled: abuse help first
