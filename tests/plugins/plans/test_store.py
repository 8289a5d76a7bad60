"""Plans on the real embedded store: one active plan per user, workouts by date, marks, and
re-planning that never loses a completed session — and nobody else's plan is reachable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from bson.errors import InvalidDocument

from plugins.plans.store import PLANNED, SPECS, PlanStore
from storage.specs import apply_specs

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
START = date(2026, 11, 23)


@pytest.fixture
async def store(db: Any) -> PlanStore:
    await apply_specs(db, SPECS)
    return PlanStore(db)


def _sessions(weeks: int, title: str = "Easy run") -> list[dict[str, Any]]:
    return [
        {"scheduled_date": (START + timedelta(days=d)).isoformat(), "title": f"{title} {d}",
         "workout_type": "easy", "completed": False, "skipped": False}
        for d in range(0, 7 * weeks, 2)
    ]  # fmt: skip


async def test_a_new_plan_supersedes_the_last(store: PlanStore) -> None:
    first = await store.create("ana", {"name": "10K"}, _sessions(2), NOW)
    second = await store.create("ana", {"name": "Half"}, _sessions(3), NOW + timedelta(hours=1))
    current = await store.current("ana")
    assert current is not None and current["_id"] == second["_id"] and current["name"] == "Half"
    old = await store.plan("ana", first["_id"])
    assert old is not None and old["status"] == "superseded"
    assert len(await store.workouts("ana", second["_id"])) == len(_sessions(3))


async def test_workouts_come_by_date_range_in_order(store: PlanStore) -> None:
    plan = await store.create("ana", {"name": "10K"}, _sessions(2)[::-1], NOW)
    week = await store.workouts("ana", plan["_id"], START, START + timedelta(days=7))
    assert [w["scheduled_date"] for w in week] == [
        "2026-11-23", "2026-11-25", "2026-11-27", "2026-11-29",
    ]  # fmt: skip


async def test_nobody_else_reaches_a_plan(store: PlanStore) -> None:
    plan = await store.create("ana", {"name": "10K"}, _sessions(1), NOW)
    [first, *_] = await store.workouts("ana", plan["_id"])
    assert await store.current("bob") is None
    assert await store.plan("bob", plan["_id"]) is None
    assert await store.workouts("bob", plan["_id"]) == []
    assert await store.workout("bob", plan["_id"], first["_id"]) is None
    changed = await store.mark_workout("bob", plan["_id"], first["_id"], {"completed": True}, NOW)
    assert changed is None
    again = await store.workout("ana", plan["_id"], first["_id"])
    assert again is not None and again["completed"] is False


async def test_replanning_keeps_done_and_skipped_sessions(store: PlanStore) -> None:
    plan = await store.create("ana", {"name": "10K"}, _sessions(2), NOW)
    workouts = await store.workouts("ana", plan["_id"])
    await store.mark_workout("ana", plan["_id"], workouts[0]["_id"], {"completed": True}, NOW)
    await store.mark_workout("ana", plan["_id"], workouts[1]["_id"], {"skipped": True}, NOW)
    updated = await store.replace_from(
        "ana", plan["_id"], START, _sessions(1, "Replanned"), {"note": "after a skip"}, NOW
    )
    assert updated is not None and updated["revision"] == 1 and updated["note"] == "after a skip"
    after = await store.workouts("ana", plan["_id"])
    titles = sorted(w["title"] for w in after)
    assert workouts[0]["title"] in titles and workouts[1]["title"] in titles
    assert sum(t.startswith("Replanned") for t in titles) == len(_sessions(1))
    assert not any(
        t.startswith("Easy run") and t not in (workouts[0]["title"], workouts[1]["title"])
        for t in titles
    )


async def test_a_failed_creation_leaves_nothing_behind(store: PlanStore, db: Any) -> None:
    # The plan document cannot be encoded, so its insert fails after the workouts' succeeded.
    with pytest.raises(InvalidDocument):
        await store.create("zed", {"name": "Half", "bad": object()}, _sessions(1), NOW)
    assert await db[PLANNED].count_documents({"user_id": "zed"}) == 0
    assert await store.current("zed") is None
