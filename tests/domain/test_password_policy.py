"""The server-mode password rule: 8 to 1024 characters, not the username, not a common password."""

from __future__ import annotations

import doctest
import secrets

import pytest

from reconnect.domain import passwords
from reconnect.domain.passwords import (
    MAX_PASSWORD_CHARS,
    MIN_PASSWORD_CHARS,
    password_length,
    password_problem,
)

COMMON = frozenset({"password", "12345678", "iloveyou", "password1"})


def never(_: str) -> bool:
    return False


def listed(password: str) -> bool:
    # Stands in for the shipped list: the real one is checked in tests/content.
    return password.lower().strip() in COMMON


def problem(password: str, username: str = "robin") -> str | None:
    return password_problem(password, username=username, is_common=listed)


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(passwords, raise_on_error=True).attempted >= 8


def test_the_limits_are_the_asvs_level_2_ones() -> None:
    assert (MIN_PASSWORD_CHARS, MAX_PASSWORD_CHARS) == (8, 1024)


def test_a_long_random_passphrase_is_accepted() -> None:
    assert problem("correct horse battery staple") is None
    assert problem(secrets.token_urlsafe(32)) is None
    assert problem("Tänzer auf dem Dach, 1987!") is None


def test_there_are_no_composition_rules() -> None:
    # All lower case, all digits, no symbols: each is fine when long and uncommon.
    assert problem("otterkettletuesday") is None
    assert problem("40187365290") is None
    assert problem("OTTER KETTLE") is None


def test_seven_characters_is_too_short_and_the_message_names_the_minimum() -> None:
    message = problem("kettle7")
    assert message is not None
    assert "too short" in message
    assert "8" in message
    assert problem("kettle78") is None


def test_an_empty_password_is_too_short() -> None:
    assert problem("") == problem("a")
    assert "too short" in (problem("") or "")


def test_1024_characters_is_accepted_and_1025_is_too_long() -> None:
    assert problem("k" * 1024) is None
    message = problem("k" * 1025)
    assert message is not None
    assert "too long" in message
    assert "1024" in message


def test_length_counts_code_points_so_emoji_and_accents_count_once_each() -> None:
    assert password_length("🐱🐶🐭🐹🦊🐻🐼") == 7
    assert "too short" in (problem("🐱🐶🐭🐹🦊🐻🐼") or "")
    assert problem("🐱🐶🐭🐹🦊🐻🐼🐨") is None
    assert problem("日本語のパスワード") is None  # 9 characters
    assert "too short" in (problem("日本語のパスワ") or "")  # 7


def test_length_is_counted_after_nfkc_normalisation() -> None:
    # "e" followed by a combining acute accent composes to one "é".
    decomposed = "cafe\u0301cafe\u0301"
    assert len(decomposed) == 10
    assert password_length(decomposed) == 8
    # The "ﬃ" ligature is three letters once normalised.
    assert password_length("ﬃﬃ") == 6
    # A family emoji is 4 people and 3 zero-width joiners: 7 code points, one picture.
    family = "👨\u200d👩\u200d👧\u200d👦"
    assert password_length(family) == 7
    assert problem(family * 2) is None


def test_spaces_are_allowed_but_a_password_of_only_blank_space_is_not() -> None:
    assert problem("  otter  kettle  ") is None
    message = problem(" " * 12)
    assert message is not None
    assert "blank space" in message
    assert "blank space" in (problem("\t \u3000" * 4) or "")
    assert "too short" in (problem(" " * 7) or "")


def test_the_username_itself_is_refused_whatever_its_case() -> None:
    assert problem("robin-hood", username="Robin-Hood") == (
        "The password is the same as your username."
    )
    assert problem("ROBINHOOD", username="robinhood") == (
        "The password is the same as your username."
    )


def test_a_password_containing_the_username_is_refused() -> None:
    assert problem("my name is Robin!", username="robin") == "The password contains your username."
    assert problem("xxROBINxx", username="robin") == "The password contains your username."


def test_a_short_username_is_not_looked_for() -> None:
    assert problem("jo-and-the-otters", username="jo") is None
    assert problem("the-ann-otters", username="ann") == "The password contains your username."


def test_a_common_password_is_refused_with_the_reason() -> None:
    assert problem("iloveyou") == (
        "The password is on a list of passwords that are common or have leaked, "
        "so attackers try it first."
    )
    assert problem("12345678") is not None
    assert problem("Password1") is not None


def test_the_list_is_asked_about_the_normalised_password() -> None:
    asked: list[str] = []

    def record(password: str) -> bool:
        asked.append(password)
        return False

    assert password_problem("ｐａｓｓｗｏｒｄ", username="robin", is_common=record) is None
    assert asked == ["password"]


@pytest.mark.parametrize("password", ["kettle7", "k" * 1025, " " * 9, "robin123", "password"])
def test_every_problem_is_one_plain_sentence(password: str) -> None:
    message = problem(password)
    assert message is not None
    assert message.startswith("The password ")
    assert message.endswith(".")
    assert message.count(". ") == 0
