"""Workouts: the one record of training that every skill reads — the goals skill counts them
towards goals, the plans skill matches them to planned sessions and anchors paces on them.

A workout document (saved by ``POST /api/v1/workouts`` and by chat) carries:

- ``_id`` (``"<user_id>:<workout_id>"``, so a client's id is idempotent per user), ``user_id``,
  ``workout_id`` (the client's id);
- ``started_at`` (UTC), ``tz`` (the zone it happened in) and ``local_date`` (``YYYY-MM-DD`` in
  that zone: the day it counts on);
- ``activity`` (``ruck``, ``run``, ``walk``, ``hike``, ``bike``, ``swim``, …) and the measures in
  canonical units, each optional: ``distance_km``, ``duration_minutes``, ``elevation_gain_m``,
  ``load_kg``, ``steps``, ``power_points``.

Every method takes the owner's ``user_id`` and filters by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import DESCENDING, UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from storage.specs import CollectionSpec, index

WORKOUTS = "workouts"
WORKOUT_SPEC = CollectionSpec(
    WORKOUTS, (index("user_id", ("started_at", DESCENDING)), index("user_id", "workout_id"))
)

Document = dict[str, Any]


def workout_key(user_id: str, workout_id: str) -> str:
    """Workouts are idempotent per user by the client's id: the same id is the same workout."""
    return f"{user_id}:{workout_id}"


class WorkoutStore:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self.collection = db[WORKOUTS]

    async def since(self, user_id: str, since: datetime) -> list[Document]:
        cursor = self.collection.find({"user_id": user_id, "started_at": {"$gte": since}})
        return await cursor.to_list(None)

    async def existing(self, user_id: str, workout_ids: Sequence[str]) -> dict[str, Document]:
        keys = [workout_key(user_id, w) for w in workout_ids]
        docs = await self.collection.find({"_id": {"$in": keys}, "user_id": user_id}).to_list(None)
        return {d["workout_id"]: d for d in docs}

    async def upsert(self, user_id: str, docs: Sequence[Document]) -> None:
        ops = [
            UpdateOne(
                {"_id": workout_key(user_id, d["workout_id"]), "user_id": user_id},
                {"$set": d},
                upsert=True,
            )
            for d in docs
        ]
        if ops:
            await self.collection.bulk_write(ops, ordered=True)

    async def page(
        self, user_id: str, *, before: datetime | None, since: datetime | None, limit: int
    ) -> list[Document]:
        """Newest first, started before ``before`` and at or after ``since``."""
        query: Document = {"user_id": user_id}
        span: Document = {}
        if before is not None:
            span["$lt"] = before
        if since is not None:
            span["$gte"] = since
        if span:
            query["started_at"] = span
        cursor = self.collection.find(query).sort("started_at", DESCENDING).limit(limit)
        return await cursor.to_list(None)

    async def delete(self, user_id: str, workout_id: str) -> Document | None:
        return await self.collection.find_one_and_delete(
            {"_id": workout_key(user_id, workout_id), "user_id": user_id}
        )
