"""``reconnect ask``: the JSON contract, the printed answer, crisis first, bad questions."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from tests.forked_cli import run_cli

from reconnect.domain.guide import SEED_FILES

if TYPE_CHECKING:
    import subprocess


def run(*args: str, country: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if country:
        env["RECONNECT_COUNTRY"] = country
    return run_cli(args, env=env)


def test_json_follows_the_contract_best_first_at_most_three() -> None:
    done = run("ask", "why do I feel nothing when my partner cries", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"crisis", "abstained", "answers"}
    assert data["crisis"] is False and data["abstained"] is False
    assert 1 <= len(data["answers"]) <= 3
    for answer in data["answers"]:
        assert set(answer) == {"id", "title", "answer", "source", "practices"}
        assert set(answer["source"]) == {"seed", "section"}
        assert answer["source"]["seed"] in SEED_FILES.values()
        assert answer["source"]["section"]
        assert all(isinstance(p, str) for p in answer["practices"])
    assert data["crisis_resources"] is None


def test_the_printed_answer_names_its_source_and_the_practices_to_try() -> None:
    done = run("ask", "can autism make it hard to show feelings")
    assert done.returncode == 0, done.stderr
    assert "autism" in done.stdout.lower()
    assert "From: 000_dbfe9a2ee7a005df.txt" in done.stdout
    assert "reconnect practice show" in done.stdout


def test_words_without_quotes_are_one_question() -> None:
    quoted = json.loads(run("ask", "can autism make it hard to show feelings", "--json").stdout)
    loose = json.loads(
        run("ask", "can", "autism", "make", "it", "hard", "to", "show", "feelings", "--json").stdout
    )
    assert quoted == loose


def test_crisis_language_shows_crisis_lines_and_the_safety_plan_and_no_card() -> None:
    done = run("ask", "I want to die, what is the point of anything", country="GB")
    assert done.returncode == 0, done.stderr
    assert "Samaritans" in done.stdout and "116 123" in done.stdout
    assert "reconnect safety-plan show" in done.stdout
    assert "From:" not in done.stdout
    data = json.loads(run("ask", "I want to die, what is the point of anything", "--json").stdout)
    assert data["crisis"] is True and data["answers"] == []
    assert data["crisis_resources"]["emergency"]


def test_an_off_topic_question_is_declined_in_plain_words() -> None:
    done = run("ask", "how do I reset my router")
    assert done.returncode == 0
    assert done.stdout.startswith("reconnect can't answer that.")
    assert "reconnect help-now" in done.stdout
    data = json.loads(run("ask", "how do I reset my router", "--json").stdout)
    assert data == {
        "crisis": False,
        "abstained": True,
        "concern": False,
        "answers": [],
        "crisis_resources": None,
        "abuse_resources": None,
    }


def test_bad_questions_get_a_message_and_exit_code_two() -> None:
    empty = run("ask")
    assert empty.returncode == 2 and "there is no question" in empty.stderr
    assert 'reconnect ask "' in empty.stderr
    long = run("ask", "why " * 300)
    assert long.returncode == 2 and "at most 500 characters" in long.stderr
    blank = run("ask", "   ")
    assert blank.returncode == 2 and "the question is empty" in blank.stderr
    for done in (empty, long, blank):
        assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_question_describing_control_brings_abuse_help_first() -> None:
    done = run("ask", "my husband checks my phone every night, is that normal", country="GB")
    assert done.returncode == 0, done.stderr
    assert done.stdout.index("National Domestic Abuse Helpline") < done.stdout.index("From:")
    data = json.loads(
        run("ask", "my husband checks my phone every night, is that normal", "--json").stdout
    )
    assert data["abuse_resources"]["services"]
    assert data["crisis"] is False
