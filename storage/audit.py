"""The audit trail: one event per turn (and per proactive message).

Events hold metadata only — skill, outcome, flags, prompt id/version/hash, model and the final
validated JSON — never the raw text of a refused message.
"""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING, InsertOne
from pymongo.asynchronous.database import AsyncDatabase

from storage.batching import BatchedWriter
from storage.specs import CollectionSpec, index

Document = dict[str, Any]

AUDIT_EVENTS = "audit_events"


class AuditLog:
    specs = (
        CollectionSpec(
            AUDIT_EVENTS,
            (
                index("user_id", ("created_at", DESCENDING)),
                index("turn_id"),
            ),
        ),
    )

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._events = db[AUDIT_EVENTS]
        self._writer = BatchedWriter(self._events)

    async def record(self, event: Document) -> None:
        if not event.get("user_id"):
            raise ValueError("an audit event needs a user_id")
        await self._writer.write(InsertOne(dict(event)))

    async def for_user(self, user_id: str, *, limit: int = 50) -> list[Document]:
        cursor = (
            self._events.find({"user_id": user_id}, {"_id": 0})
            .sort("created_at", DESCENDING)
            .limit(limit)
        )
        return [doc async for doc in cursor]
