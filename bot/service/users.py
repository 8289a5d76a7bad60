"""User accounts and profiles.

The profile is what skills see as ``ctx.user`` (time zone, units, locale) plus the account
fields only the service needs (email, password hash). Emails are unique case-insensitively.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from bot.skill import UserProfile
from storage.specs import CollectionSpec, index

USERS = "users"

Phase = Literal["goal_setting", "tracking"]
Units = Literal["metric", "imperial"]


class QuietHours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: str = Field("21:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", examples=["21:00"])
    end: str = Field("07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", examples=["07:00"])


class Channels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    push: bool = True
    email: bool = True
    slack: bool = False
    telegram: bool = False


class User(BaseModel):
    user_id: str
    email: str
    name: str = ""
    tz: str = "UTC"
    locale: str = "en"
    units: Units = "metric"
    reminder_time: str = "07:30"
    quiet_hours: QuietHours = Field(default_factory=QuietHours)
    channels: Channels = Field(default_factory=Channels)
    phase: Phase = "goal_setting"
    created_at: datetime
    updated_at: datetime

    def profile(self) -> UserProfile:
        return UserProfile(
            user_id=self.user_id,
            tz=self.tz,
            locale=self.locale,
            units=self.units,
            name=self.name,
            reminder_time=self.reminder_time,
            quiet_start=self.quiet_hours.start,
            quiet_end=self.quiet_hours.end,
        )


class EmailTaken(Exception):
    pass


class UserStore:
    specs = (CollectionSpec(USERS, (index("user_id", unique=True), index("email", unique=True))),)

    def __init__(self, db: AsyncDatabase[dict[str, Any]]) -> None:
        self._users = db[USERS]

    async def create(
        self, *, email: str, password_hash: str, name: str, tz: str, now: datetime
    ) -> User:
        user_id = uuid.uuid4().hex
        doc = {
            "user_id": user_id,
            "email": email.lower(),
            "password_hash": password_hash,
            "name": name,
            "tz": tz,
            "created_at": now,
            "updated_at": now,
        }
        try:
            await self._users.insert_one(doc)
        except DuplicateKeyError:
            raise EmailTaken(email) from None
        return _user(doc)

    async def credentials(self, email: str) -> tuple[User, str] | None:
        doc = await self._users.find_one({"email": email.lower()})
        return (_user(doc), doc["password_hash"]) if doc else None

    async def get(self, user_id: str) -> User | None:
        doc = await self._users.find_one({"user_id": user_id})
        return _user(doc) if doc else None

    async def update(self, user_id: str, changes: dict[str, Any], now: datetime) -> User | None:
        doc = await self._users.find_one_and_update(
            {"user_id": user_id},
            {"$set": {**changes, "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return _user(doc) if doc else None


def _user(doc: dict[str, Any]) -> User:
    return User.model_validate({k: v for k, v in doc.items() if k not in ("_id", "password_hash")})
