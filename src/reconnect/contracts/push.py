"""JSON shapes of server mode's push reminders: a browser's subscription and the schedule."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PushKeysIn(BaseModel):
    """The subscription's keys, as ``PushSubscription.toJSON()`` gives them (base64url)."""

    model_config = ConfigDict(extra="ignore")

    p256dh: str = Field(min_length=1, max_length=200)
    auth: str = Field(min_length=1, max_length=100)


class SubscriptionIn(BaseModel):
    """A browser's push subscription. Extra fields (``expirationTime``) are ignored."""

    model_config = ConfigDict(extra="ignore")

    endpoint: str = Field(min_length=1, max_length=2000)
    keys: PushKeysIn


class UnsubscribeIn(BaseModel):
    """The endpoint of the browser to stop reminding."""

    model_config = ConfigDict(extra="forbid")

    endpoint: str = Field(min_length=1, max_length=2000)


class ScheduleIn(BaseModel):
    """When to remind: weekdays (0 = Monday ... 6 = Sunday), a local time and its zone."""

    model_config = ConfigDict(extra="forbid")

    days: list[int] = Field(min_length=1, max_length=7, examples=[[0, 1, 2, 3, 4]])
    at: str = Field(max_length=5, examples=["19:30"], description="24-hour local time, HH:MM.")
    timezone: str = Field(max_length=64, examples=["Europe/London"], description="IANA name.")


class ScheduleOut(BaseModel):
    """The schedule as stored."""

    days: list[int]
    at: str
    timezone: str


class PushStatusOut(BaseModel):
    """The account's schedule (null: no reminders) and how many browsers receive them."""

    schedule: ScheduleOut | None
    devices: int


class PushKeyOut(BaseModel):
    """The server's VAPID public key: ``applicationServerKey`` for ``pushManager.subscribe``."""

    public_key: str
