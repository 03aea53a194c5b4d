"""JSON shapes of server mode's accounts: login, one-time codes, invites and sign-up."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_PASSWORD = 1024


class LoginIn(BaseModel):
    """A login: username and password, and the one-time code once one is set up."""

    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=64)
    password: str = Field(max_length=MAX_PASSWORD)
    totp: str | None = Field(default=None, max_length=16)


class LoginOut(BaseModel):
    """A new session. Send ``csrf_token`` as X-CSRF-Token with every unsafe request."""

    csrf_token: str
    username: str
    role: str
    scope: Literal["full", "enrol"] = Field(
        description="'enrol': this session can only set up one-time codes (POST /api/totp/enrol)."
    )
    expires_at: datetime


class MeOut(BaseModel):
    """Who is logged in."""

    username: str
    role: str
    totp: bool


class TotpEnrolOut(BaseModel):
    """The secret for an authenticator app, and the same as an ``otpauth://`` URI."""

    secret: str
    uri: str


class TotpConfirmIn(BaseModel):
    """A code from the authenticator app, to finish setting up one-time codes."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(max_length=16)


class InviteIn(BaseModel):
    """Who the invite is for: members (admins and counsellors), counsellors or admins
    (admins only)."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["member", "counsellor", "admin"] = "member"


class InviteOut(BaseModel):
    """A single-use invite, valid for a week; only its holder can sign up with it."""

    code: str
    url: str
    role: str


class SignupIn(BaseModel):
    """A sign-up: the invite (unless sign-up is open), a username and a password."""

    model_config = ConfigDict(extra="forbid")

    invite: str | None = Field(default=None, max_length=100)
    username: str = Field(max_length=64)
    password: str = Field(max_length=MAX_PASSWORD)


class SignupOut(BaseModel):
    """The new account and its recovery key: shown once, the only way back in without the
    password."""

    username: str
    role: str
    recovery_key: str


class RecoverIn(BaseModel):
    """A forgotten password: the username, the recovery key, and the new password."""

    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=64)
    recovery_key: str = Field(max_length=100)
    new_password: str = Field(max_length=MAX_PASSWORD)
