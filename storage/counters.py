"""Per-user daily counters (e.g. off-topic refusals), incremented atomically."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase

from storage.specs import CollectionSpec, index

Document = dict[str, Any]

DAILY_COUNTERS = "daily_counters"
_KEEP_FOR = timedelta(days=3)


class DailyCounters:
    specs = (
        CollectionSpec(
            DAILY_COUNTERS,
            (
                index("user_id", "name", "day", unique=True),
                index("expires_at", ttl=0),
            ),
        ),
    )

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._counters = db[DAILY_COUNTERS]

    async def increment(self, user_id: str, name: str, now: datetime) -> int:
        """Adds one to today's (UTC) counter and returns the new value, in one round trip."""
        day = now.date().isoformat()
        doc = await self._counters.find_one_and_update(
            {"user_id": user_id, "name": name, "day": day},
            {"$inc": {"count": 1}, "$setOnInsert": {"expires_at": now + _KEEP_FOR}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return int(doc["count"]) if doc else 1

    async def get(self, user_id: str, name: str, day: date) -> int:
        doc = await self._counters.find_one(
            {"user_id": user_id, "name": name, "day": day.isoformat()}
        )
        return int(doc["count"]) if doc else 0
