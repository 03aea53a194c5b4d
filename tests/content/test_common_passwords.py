"""The shipped common-password list: Django's file unchanged, licensed, and refusing the usual."""

from __future__ import annotations

import doctest
import hashlib
import time
from importlib import resources

from reconnect.content import passwords
from reconnect.content.passwords import LIST_NAME, common_passwords, is_common_password
from reconnect.domain.passwords import password_problem

# sha256 of django/contrib/auth/common-passwords.txt.gz in django-5.2.19-py3-none-any.whl.
DJANGO_5_2_19_SHA256 = "3c1baed62596de36860824eb3f436d5932d37ca8b06e59df78f5a44ec175afe4"
CONTENT = resources.files("reconnect.content")


def test_the_examples_in_the_docstrings_hold() -> None:
    assert doctest.testmod(passwords, raise_on_error=True).attempted >= 2


def test_the_list_is_djangos_file_unchanged() -> None:
    data = CONTENT.joinpath(LIST_NAME).read_bytes()
    assert hashlib.sha256(data).hexdigest() == DJANGO_5_2_19_SHA256


def test_the_licence_ships_beside_the_list_and_names_bsd() -> None:
    text = CONTENT.joinpath("common_passwords.LICENSE").read_text("utf-8")
    assert "BSD-3-Clause" in text
    assert "Django Software Foundation" in text
    assert "Royce Williams" in text
    assert "common_passwords.txt.gz" in text


def test_the_list_is_lower_case_without_blank_space() -> None:
    words = common_passwords()
    assert len(words) == 19_640
    assert all(word == word.lower().strip() and word for word in words)


def test_the_list_loads_in_well_under_100_ms() -> None:
    timings = []
    for _ in range(3):
        common_passwords.cache_clear()
        start = time.perf_counter()
        common_passwords()
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.1


def test_the_passwords_people_really_use_are_on_it() -> None:
    for password in ["password", "12345678", "iloveyou", "password1", "qwertyuiop", "letmein"]:
        assert is_common_password(password), password


def test_case_and_surrounding_space_do_not_hide_a_common_password() -> None:
    assert is_common_password("Password1")
    assert is_common_password("ILOVEYOU")
    assert is_common_password("  letmein ")


def test_an_uncommon_passphrase_is_not_on_it() -> None:
    assert not is_common_password("correct horse battery staple")
    assert not is_common_password("otter kettle tuesday lantern")
    assert not is_common_password("")


def test_the_rule_with_the_real_list_refuses_what_a_user_would_expect() -> None:
    def check(password: str) -> str | None:
        return password_problem(password, username="robin", is_common=is_common_password)

    assert "common or have leaked" in (check("Password1") or "")
    assert "common or have leaked" in (check("iloveyou") or "")
    assert "common or have leaked" in (check("12345678") or "")
    # Full-width letters normalise (NFKC) to a listed password.
    assert "common or have leaked" in (check("ｐａｓｓｗｏｒｄ") or "")
    # Too short is reported before the list is consulted.
    assert "too short" in (check("qwerty") or "")
    assert check("correct horse battery staple") is None
