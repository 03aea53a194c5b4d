"""The shipped list of common and leaked passwords, and the check against it.

``common_passwords.txt.gz`` is Django 5.2.19's copy of Royce Williams' list (lowercased,
deduplicated, one password a line); ``common_passwords.LICENSE`` says where it came from.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

LIST_NAME = "common_passwords.txt.gz"


@cache
def common_passwords() -> frozenset[str]:
    """Every password on the shipped list, read once (a few milliseconds) and kept."""
    data = resources.files("reconnect.content").joinpath(LIST_NAME).read_bytes()
    return frozenset(line.strip() for line in gzip.decompress(data).decode("utf-8").splitlines())


def is_common_password(password: str) -> bool:
    """Whether ``password``, ignoring case and surrounding blank space, is on the list.

    >>> is_common_password("Password1"), is_common_password(" iloveyou ")
    (True, True)
    >>> is_common_password("otter kettle tuesday lantern")
    False
    """
    return password.lower().strip() in common_passwords()
