"""Where training plans and their planned workouts live (seed 004 "Database Models").

Every method takes the owner's ``user_id`` and filters by it. Dates of planned workouts are
stored as ``YYYY-MM-DD`` strings: a session is planned for a day in the athlete's own calendar,
not for an instant, and ISO dates sort and range-query as strings.

A user has at most one active plan. Creating one supersedes the last; a plan is written
workouts first, plan last, so a plan document never points at missing workouts, and a failure
part-way removes what was written.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase

from storage.specs import CollectionSpec, index
from storage.workouts import WORKOUT_SPEC

PLANS = "training_plans"
PLANNED = "planned_workouts"

Document = dict[str, Any]

SPECS = (
    CollectionSpec(PLANS, (index("user_id", "status", ("created_at", DESCENDING)),)),
    CollectionSpec(
        PLANNED,
        (index("user_id", "plan_id", "scheduled_date"), index("user_id", "scheduled_date")),
    ),
    WORKOUT_SPEC,
)


class PlanStore:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self.plans = db[PLANS]
        self.planned = db[PLANNED]

    async def create(
        self, user_id: str, plan: Document, workouts: Sequence[Document], now: datetime
    ) -> Document:
        """Saves a new active plan and its workouts, superseding the user's active plan."""
        plan_id = uuid.uuid4().hex
        docs = [
            {**w, "_id": uuid.uuid4().hex, "user_id": user_id, "plan_id": plan_id} for w in workouts
        ]
        doc = {
            **plan,
            "_id": plan_id,
            "user_id": user_id,
            "status": "active",
            "revision": 0,
            "created_at": now,
            "updated_at": now,
        }
        try:
            if docs:
                await self.planned.insert_many(docs, ordered=True)
            await self.plans.insert_one(doc)
        except BaseException:
            await self.planned.delete_many({"user_id": user_id, "plan_id": plan_id})
            raise
        await self.plans.update_many(
            {"user_id": user_id, "status": "active", "_id": {"$ne": plan_id}},
            {"$set": {"status": "superseded", "updated_at": now}},
        )
        return doc

    async def current(self, user_id: str) -> Document | None:
        """The user's active plan (the newest, should an interrupted creation have left two)."""
        cursor = self.plans.find({"user_id": user_id, "status": "active"})
        found: list[Document] = await cursor.sort("created_at", DESCENDING).limit(1).to_list(None)
        return found[0] if found else None

    async def plan(self, user_id: str, plan_id: str) -> Document | None:
        found: Document | None = await self.plans.find_one({"_id": plan_id, "user_id": user_id})
        return found

    async def update_plan(
        self, user_id: str, plan_id: str, changes: Document, now: datetime
    ) -> Document | None:
        found: Document | None = await self.plans.find_one_and_update(
            {"_id": plan_id, "user_id": user_id},
            {"$set": {**changes, "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return found

    async def workouts(
        self, user_id: str, plan_id: str, start: date | None = None, end: date | None = None
    ) -> list[Document]:
        """The plan's workouts from ``start`` up to and excluding ``end``, in date order."""
        query: Document = {"user_id": user_id, "plan_id": plan_id}
        span: Document = {}
        if start is not None:
            span["$gte"] = start.isoformat()
        if end is not None:
            span["$lt"] = end.isoformat()
        if span:
            query["scheduled_date"] = span
        cursor = self.planned.find(query).sort([("scheduled_date", ASCENDING), ("_id", ASCENDING)])
        found: list[Document] = await cursor.to_list(None)
        return found

    async def workout(self, user_id: str, plan_id: str, workout_id: str) -> Document | None:
        found: Document | None = await self.planned.find_one(
            {"_id": workout_id, "plan_id": plan_id, "user_id": user_id}
        )
        return found

    async def mark_workout(
        self, user_id: str, plan_id: str, workout_id: str, changes: Document, now: datetime
    ) -> Document | None:
        found: Document | None = await self.planned.find_one_and_update(
            {"_id": workout_id, "plan_id": plan_id, "user_id": user_id},
            {"$set": {**changes, "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return found

    async def replace_from(
        self,
        user_id: str,
        plan_id: str,
        start: date,
        workouts: Sequence[Document],
        plan_changes: Document,
        now: datetime,
    ) -> Document | None:
        """Re-planning: the open (neither completed nor skipped) workouts from ``start`` on
        give way to ``workouts``; the plan's revision goes up. New workouts are written
        before the old ones are removed, so a failure leaves the old plan whole."""
        kept = {
            "user_id": user_id,
            "plan_id": plan_id,
            "scheduled_date": {"$gte": start.isoformat()},
            "completed": {"$ne": True},
            "skipped": {"$ne": True},
        }
        old_ids = [d["_id"] async for d in self.planned.find(kept, {"_id": 1})]
        docs = [
            {**w, "_id": uuid.uuid4().hex, "user_id": user_id, "plan_id": plan_id} for w in workouts
        ]
        if docs:
            await self.planned.insert_many(docs, ordered=True)
        if old_ids:
            await self.planned.delete_many(
                {"_id": {"$in": old_ids}, "user_id": user_id, "plan_id": plan_id}
            )
        found: Document | None = await self.plans.find_one_and_update(
            {"_id": plan_id, "user_id": user_id},
            {"$set": {**plan_changes, "updated_at": now}, "$inc": {"revision": 1}},
            return_document=ReturnDocument.AFTER,
        )
        return found
