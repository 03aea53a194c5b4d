"""The weekly relationship check-in two partners answer apart and read together.

The questions come from the seeds: schedule regular check-ins about feelings and needs
(001), notice who reaches out and who pulls back, and whether one partner feels chased
(004). Each partner answers alone; nothing of one partner's answers is shown until both
have answered. Where their answers differ, a few conversation starters are offered:
invitations to talk, never a verdict on who is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from reconnect.domain.days import local_day

if TYPE_CHECKING:
    from collections.abc import Mapping

MAX_TEXT_CHARS = 1000
WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True)
class Question:
    """One check-in question: a scale with labelled ends, or a short text."""

    id: str
    kind: str  # "scale" or "text"
    wording: str
    min: int | None = None
    max: int | None = None
    low: str | None = None  # what ``min`` means
    high: str | None = None  # what ``max`` means


QUESTIONS: tuple[Question, ...] = (
    Question(
        "closeness", "scale", "How close did you feel to each other this week?",
        1, 5, "far apart", "very close",
    ),
    Question(
        "heard", "scale", "How much did you feel heard by your partner?",
        1, 5, "not at all", "completely",
    ),
    Question(
        "want", "scale", "Right now, do you want more closeness or more space?",
        1, 5, "much more space", "much more closeness",
    ),
    Question(
        "reached_out", "scale", "Who reached out to reconnect this week?",
        1, 5, "my partner, mostly", "I did, mostly",
    ),
    Question(
        "pressured", "scale", "Did you feel pushed for closeness you did not want?",
        1, 5, "not at all", "a lot",
    ),
    Question("appreciation", "text", "One thing you appreciated about your partner this week."),
    Question("wish", "text", "One small wish for the week ahead."),
)  # fmt: skip
BY_ID = {question.id: question for question in QUESTIONS}

Answers = dict[str, int | str]


class AnswerError(ValueError):
    """The answers are not acceptable; the message says which and why."""


def check_answers(raw: Mapping[str, object]) -> Answers:
    """The answers, checked: every scale answered within range; texts optional, trimmed.

    >>> check_answers({"closeness": 4, "heard": 3, "want": 3, "reached_out": 2,
    ...                "pressured": 1, "wish": "  a walk  "})["wish"]
    'a walk'
    """
    unknown = sorted(set(raw) - set(BY_ID))
    if unknown:
        raise AnswerError(f"unknown question {unknown[0][:40]!r}")
    answers: Answers = {}
    for question in QUESTIONS:
        value = raw.get(question.id)
        if question.kind == "scale":
            assert question.min is not None and question.max is not None
            if isinstance(value, bool) or not isinstance(value, int):
                raise AnswerError(f"{question.id}: a whole number is needed")
            if not question.min <= value <= question.max:
                raise AnswerError(f"{question.id}: choose from {question.min} to {question.max}")
            answers[question.id] = value
        else:
            if value is None:
                continue
            if not isinstance(value, str):
                raise AnswerError(f"{question.id}: text is needed")
            text = value.strip()
            if len(text) > MAX_TEXT_CHARS:
                raise AnswerError(f"{question.id}: at most {MAX_TEXT_CHARS} characters")
            if text:
                answers[question.id] = text
    return answers


def iso_week(moment: datetime, zone: tzinfo = UTC) -> str:
    """The ISO week (``2026-W49``) of a moment, in the person's zone.

    >>> iso_week(datetime(2026, 12, 6, 12, tzinfo=UTC))
    '2026-W49'
    """
    year, week, _ = local_day(moment, zone).isocalendar()
    return f"{year}-W{week:02d}"


def check_week(text: str) -> str:
    """``text`` if it names an ISO week (``2026-W49``), else AnswerError."""
    found = WEEK.fullmatch(text)
    if not found or not 1 <= int(found.group(2)) <= 53:
        raise AnswerError("a week looks like 2026-W49")
    return text


def starters(mine: Answers, partner: Answers) -> list[str]:
    """Conversation starters drawn from where two sets of answers differ (at most three).

    Worded as shared questions, never as who is right; nothing when they agree closely.
    """
    found: list[str] = []

    def gap(question: str) -> int:
        a, b = mine.get(question), partner.get(question)
        return abs(a - b) if isinstance(a, int) and isinstance(b, int) else 0

    if gap("closeness") >= 2:
        found.append(
            "You felt the week differently. What was one moment when you felt close, and "
            "one when you did not?"
        )
    if gap("heard") >= 2:
        found.append(
            "One of you felt more heard than the other. What helps each of you feel listened to?"
        )
    if gap("want") >= 2:
        found.append(
            "One of you wants more closeness and the other more space, which is common. "
            "What would a comfortable amount of time together look like this week?"
        )
    # "Who reached out" mirrors: my 1 ("my partner, mostly") agrees with their 5.
    mine_out, their_out = mine.get("reached_out"), partner.get("reached_out")
    seen_apart = (
        isinstance(mine_out, int)
        and isinstance(their_out, int)
        and abs(mine_out - (6 - their_out)) >= 2
    )
    if seen_apart or gap("pressured") >= 2:
        found.append(
            "Reaching out and stepping back can turn into a loop. How could each of you "
            "ask for what you need without the other feeling chased or shut out?"
        )
    return found[:3]
