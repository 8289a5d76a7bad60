"""Where goals, their progress and notification schedules live (workouts: `storage.workouts`).

Every method takes the owner's ``user_id`` and filters by it, so no route or chat turn can reach
another user's documents. The daily pass (``active_goal_batches``) is the one reader across
users and is never reachable from a user's request.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

import bson
from pymongo import ASCENDING, DESCENDING, ReplaceOne, ReturnDocument, UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from storage.specs import CollectionSpec, index
from storage.workouts import WORKOUT_SPEC, WorkoutStore

GOALS = "goals"
PROGRESS = "goal_progress"
SCHEDULES = "notification_schedules"
MESSAGES = "goal_messages"

Document = dict[str, Any]

SPECS = (
    CollectionSpec(
        GOALS,
        (
            index("user_id", "status"),
            index("user_id", ("created_at", DESCENDING)),
            index("status"),
        ),
    ),
    CollectionSpec(PROGRESS, (index("user_id"),)),
    WORKOUT_SPEC,
    CollectionSpec(
        SCHEDULES,
        (
            index("user_id", "goal_id", "schedule_type", unique=True),
            index("enabled", "next_run_at"),
        ),
    ),
    CollectionSpec(MESSAGES, (index("user_id", "goal_id", ("sent_at", DESCENDING)),)),
)

LIVE = ("active", "paused", "completed", "expired")
"""Statuses a user sees; ``canceled`` goals are soft-deleted."""


class GoalStore:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self.goals = db[GOALS]
        self.progress = db[PROGRESS]
        self.workouts = WorkoutStore(db)
        self.schedules = db[SCHEDULES]
        self.messages = db[MESSAGES]

    # goals

    async def count_active(self, user_id: str) -> int:
        return await self.goals.count_documents({"user_id": user_id, "status": "active"})

    async def insert_goal(self, user_id: str, fields: Document, now: datetime) -> Document:
        doc = {
            "_id": uuid.uuid4().hex,
            "user_id": user_id,
            **fields,
            "status": "active",
            "created_at": now,
            "updated_at": now,
        }
        await self.goals.insert_one(doc)
        return doc

    async def remove_goal(self, user_id: str, goal_id: str) -> None:
        """Undo a creation that could not finish, so no half-made goal is left behind."""
        await self.goals.delete_one({"_id": goal_id, "user_id": user_id})
        await self.progress.delete_one({"_id": goal_id, "user_id": user_id})
        await self.schedules.delete_many({"goal_id": goal_id, "user_id": user_id})

    async def goals_of(self, user_id: str, statuses: Sequence[str] = LIVE) -> list[Document]:
        cursor = self.goals.find({"user_id": user_id, "status": {"$in": list(statuses)}})
        return await cursor.sort("created_at", ASCENDING).to_list(None)

    async def goal(self, user_id: str, goal_id: str) -> Document | None:
        return await self.goals.find_one(
            {"_id": goal_id, "user_id": user_id, "status": {"$in": list(LIVE)}}
        )

    async def update_goal(
        self, user_id: str, goal_id: str, changes: Document, now: datetime
    ) -> Document | None:
        return await self.goals.find_one_and_update(
            {"_id": goal_id, "user_id": user_id, "status": {"$in": list(LIVE)}},
            {"$set": {**changes, "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )

    async def active_goal_batches(self, size: int) -> AsyncIterator[list[Document]]:
        """Every active goal of every user, ``size`` at a time, from one cursor on the status
        index. No order and no paging by ``_id``: the embedded server sorts in Python, so each
        ``_id``-keyed page would cost it a scan and a sort of every active goal."""
        batch: list[Document] = []
        async for goal in self.goals.find({"status": "active"}, batch_size=size):
            batch.append(goal)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch

    # progress

    async def progress_of(self, user_id: str, goal_ids: Sequence[str]) -> dict[str, Document]:
        docs = await self.progress.find(
            {"_id": {"$in": list(goal_ids)}, "user_id": user_id}
        ).to_list(None)
        return {d["_id"]: d for d in docs}

    async def progress_by_goal(self, goal_ids: Sequence[str]) -> dict[str, Document]:
        """For the daily pass: progress documents of goals it already read by status."""
        docs = await self.progress.find({"_id": {"$in": list(goal_ids)}}).to_list(None)
        return {d["_id"]: d for d in docs}

    async def save_evaluations(self, writes: Sequence[tuple[Document, Document, Document]]) -> None:
        """``(goal, progress fields, goal changes)`` per goal, in two bulk writes."""
        if not writes:
            return
        progress_ops = [
            UpdateOne(
                {"_id": goal["_id"], "user_id": goal["user_id"]},
                {"$set": fields, "$setOnInsert": {"goal_id": goal["_id"]}},
                upsert=True,
            )
            for goal, fields, _ in writes
        ]
        goal_ops = [
            UpdateOne({"_id": goal["_id"], "user_id": goal["user_id"]}, {"$set": changes})
            for goal, _, changes in writes
            if changes
        ]
        await self.progress.bulk_write(progress_ops, ordered=False)
        if goal_ops:
            await self.goals.bulk_write(goal_ops, ordered=False)

    async def replace_evaluations(
        self, writes: Sequence[tuple[Document, Document, Document, Document]], now: datetime
    ) -> tuple[list[str], list[str]]:
        """The daily pass's save: ``(goal, its progress document as read, progress fields
        evaluated at now, goal changes)`` per goal. Returns the goals saved, and those to
        evaluate again because someone else wrote their progress, at an earlier moment, after
        it was read.

        Whole documents: the embedded server replaces a document for about half what a
        ``$set`` costs it (for an update it loads, copies and re-encodes the stored one). A
        replace only lands on the document as it was read, so a workout recorded meanwhile
        (new daily values) is never overwritten by an evaluation of the old ones; where the
        other write evaluated at ``now`` or later, its evaluation stands.
        """
        if not writes:
            return [], []
        wanted = {goal["_id"]: {**read, **fields} for goal, read, fields, _ in writes}
        ops = [
            ReplaceOne(
                {"_id": goal["_id"], "user_id": goal["user_id"], "updated_at": read["updated_at"]},
                wanted[goal["_id"]],
            )
            for goal, read, _, _ in writes
        ]
        result = await self.progress.bulk_write(ops, ordered=False)
        ids = list(wanted)
        saved, again = ids, []
        if result.matched_count < len(ops):
            # Rare: work out which landed. A document stamped earlier than now is to be done
            # again; one stamped now is ours only if it is exactly what was sent.
            stored = {d["_id"]: d async for d in self.progress.find({"_id": {"$in": ids}})}
            stamp = {i: _ms(d["updated_at"]) for i, d in stored.items() if "updated_at" in d}
            saved = [
                i
                for i in ids
                if stamp.get(i) == _ms(now) and stored[i] == self._as_stored(wanted[i])
            ]
            again = [i for i in ids if i in stamp and stamp[i] < _ms(now)]
        done = set(saved)
        goal_ops = [
            UpdateOne({"_id": goal["_id"], "user_id": goal["user_id"]}, {"$set": changes})
            for goal, _, _, changes in writes
            if changes and goal["_id"] in done
        ]
        if goal_ops:
            await self.goals.bulk_write(goal_ops, ordered=False)
        return saved, again

    def _as_stored(self, doc: Document) -> Document:
        """``doc`` as it reads back once saved (millisecond dates, lists for tuples)."""
        options = self.progress.codec_options
        return bson.decode(bson.encode(doc, codec_options=options), codec_options=options)

    # schedules and messages

    async def schedules_of(self, user_id: str, goal_id: str) -> list[Document]:
        cursor = self.schedules.find({"user_id": user_id, "goal_id": goal_id})
        return await cursor.sort("schedule_type", ASCENDING).to_list(None)

    async def next_reminders(self, user_id: str, goal_ids: Sequence[str]) -> dict[str, datetime]:
        cursor = self.schedules.find(
            {"user_id": user_id, "goal_id": {"$in": list(goal_ids)}, "enabled": True}
        )
        soonest: dict[str, datetime] = {}
        async for doc in cursor:
            at = doc.get("next_run_at")
            if at is not None and (doc["goal_id"] not in soonest or at < soonest[doc["goal_id"]]):
                soonest[doc["goal_id"]] = at
        return soonest

    async def put_schedule(
        self, user_id: str, goal_id: str, schedule_type: str, fields: Document, now: datetime
    ) -> Document:
        doc = await self.schedules.find_one_and_update(
            {"user_id": user_id, "goal_id": goal_id, "schedule_type": schedule_type},
            {
                "$set": {**fields, "updated_at": now},
                "$setOnInsert": {"_id": uuid.uuid4().hex, "created_at": now},
            },
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        assert doc is not None
        return doc

    async def messages_of(self, user_id: str, goal_id: str, limit: int) -> list[Document]:
        cursor = self.messages.find({"user_id": user_id, "goal_id": goal_id})
        return await cursor.sort("sent_at", DESCENDING).limit(limit).to_list(None)


def _ms(at: datetime) -> datetime:
    """Dates as BSON keeps them: to the millisecond."""
    return at.replace(microsecond=at.microsecond // 1000 * 1000)
