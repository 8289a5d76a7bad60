"""Request and response bodies of the REST API (also the source of the OpenAPI schemas)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.service.users import Channels, Phase, QuietHours, Units, User

CONVERSATION_ID = r"^[A-Za-z0-9_-]{1,64}$"
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r}; use an IANA name like Europe/Madrid"
        ) from None
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RegisterBody(Strict):
    email: str = Field(
        max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", examples=["ana@example.com"]
    )
    password: str = Field(min_length=8, max_length=128)
    name: str = Field("", max_length=80)
    tz: str = Field("UTC", max_length=64, examples=["Europe/Madrid"])

    _check_tz = field_validator("tz")(_time_zone)


class LoginBody(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)


class UserOut(BaseModel):
    id: str
    email: str
    name: str
    tz: str
    locale: str
    units: Units
    reminder_time: str
    quiet_hours: QuietHours
    channels: Channels
    phase: Phase
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(id=user.user_id, **user.model_dump(exclude={"user_id", "updated_at"}))


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the scheme name, not a secret
    expires_in: int = Field(description="Seconds until the token expires.")
    user: UserOut


class UserUpdate(Strict):
    """Fields to change; leave out what stays the same."""

    name: str | None = Field(None, max_length=80)
    tz: str | None = Field(None, max_length=64)
    locale: str | None = Field(None, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    units: Units | None = None
    reminder_time: str | None = Field(None, pattern=HHMM, examples=["07:30"])
    quiet_hours: QuietHours | None = None
    channels: Channels | None = None

    @field_validator("tz")
    @classmethod
    def _tz(cls, value: str | None) -> str | None:
        return None if value is None else _time_zone(value)


class PhaseUpdate(Strict):
    phase: Phase


class ChatBody(Strict):
    text: str = Field(min_length=1, max_length=20000)
    conversation_id: str = Field("api", pattern=CONVERSATION_ID)


class ChipOut(BaseModel):
    label: str
    value: str


class CardFieldOut(BaseModel):
    label: str
    value: str


class CardOut(BaseModel):
    kind: str
    title: str
    subtitle: str = ""
    fields: list[CardFieldOut] = []
    data: dict[str, Any] = {}
    actions: list[ChipOut] = []


class MessageOut(BaseModel):
    text: str
    cards: list[CardOut] = []
    chips: list[ChipOut] = []
    refused: bool = False


class ChatTurnOut(BaseModel):
    turn_id: str
    conversation_id: str
    outcome: str
    message: MessageOut


class HistoryQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: str = Field("web", pattern=CONVERSATION_ID)
    limit: int = Field(50, ge=1, le=200)
    before: int | None = Field(
        None, ge=0, description="Page on: the `seq` of the oldest message you have."
    )


class ConversationQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: str = Field("web", pattern=CONVERSATION_ID)


class HistoryMessage(BaseModel):
    role: Literal["user", "bot"]
    text: str | None
    redacted: bool = False
    cards: list[CardOut] = []
    chips: list[ChipOut] = []
    refused: bool = False
    turn_id: str
    seq: int
    created_at: datetime


class HistoryOut(BaseModel):
    messages: list[HistoryMessage]
    next_before: int | None


class StatusOut(BaseModel):
    status: Literal["ok", "unavailable"]
    checks: dict[str, str] = {}
