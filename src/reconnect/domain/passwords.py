"""The password rule for server mode (OWASP ASVS 5.0 level 2, NIST SP 800-63B).

At least 8 and at most 1024 characters, counted as Unicode code points after NFKC
normalisation; not the username; not on a list of common or leaked passwords. There are no
composition rules (no "one digit, one capital"): NIST and ASVS advise against them.
The list is passed in as ``is_common`` so that this module stays pure.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1024
# A shorter username ("al", "jo") would reject too many good passwords that merely contain it.
MIN_USERNAME_CHARS_CHECKED = 3


def password_length(password: str) -> int:
    """The length the rule counts: Unicode code points after NFKC normalisation.

    A ligature counts as the letters it stands for; a family emoji is 7 code points
    (4 people joined by 3 zero-width joiners), though it shows as one picture.

    >>> password_length("ﬁsh"), password_length("café")
    (4, 4)
    >>> password_length("👨\u200d👩\u200d👧\u200d👦")
    7
    """
    return len(unicodedata.normalize("NFKC", password))


def password_problem(
    password: str, *, username: str, is_common: Callable[[str], bool]
) -> str | None:
    """None when ``password`` is acceptable, else one plain sentence saying what is wrong.

    The checks run in order (length, blank space, username, the list) and the first that
    fails is reported. ``is_common`` receives the NFKC-normalised password.

    >>> never = lambda _: False
    >>> password_problem("otter kettle tuesday", username="sam", is_common=never) is None
    True
    >>> password_problem("kettle", username="sam", is_common=never)
    'The password is too short: use at least 8 characters.'
    >>> password_problem("Sam-the-great", username="sam", is_common=never)
    'The password contains your username.'
    >>> leaked = password_problem("password", username="sam", is_common={"password"}.__contains__)
    >>> leaked.endswith("common or have leaked, so attackers try it first.")
    True
    """
    normalised = unicodedata.normalize("NFKC", password)
    if len(normalised) < MIN_PASSWORD_CHARS:
        return f"The password is too short: use at least {MIN_PASSWORD_CHARS} characters."
    if len(normalised) > MAX_PASSWORD_CHARS:
        return f"The password is too long: use at most {MAX_PASSWORD_CHARS} characters."
    if not normalised.strip():
        return "The password is only blank space: include some other characters."
    name = unicodedata.normalize("NFKC", username).strip().casefold()
    if len(name) >= MIN_USERNAME_CHARS_CHECKED:
        folded = normalised.strip().casefold()
        if folded == name:
            return "The password is the same as your username."
        if name in folded:
            return "The password contains your username."
    if is_common(normalised):
        return (
            "The password is on a list of passwords that are common or have leaked, "
            "so attackers try it first."
        )
    return None
