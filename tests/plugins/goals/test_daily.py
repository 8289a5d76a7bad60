"""The daily pass on the real store: what it saves is exactly what a fresh evaluation from the
workouts saves at the same moment, and it never overwrites newer daily values."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.skill import UserProfile
from plugins.goals.daily import evaluate_active_goals
from plugins.goals.model import Constraints, GoalDraft
from plugins.goals.service import GoalService, local_date
from plugins.goals.settings import GoalsSettings
from plugins.goals.store import SPECS, GoalStore
from storage.specs import apply_specs

BERLIN = "Europe/Berlin"
TOKYO = "Asia/Tokyo"
T0 = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # a Wednesday
START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def drafts() -> list[GoalDraft]:
    """Rolling, calendar, streak and until-deadline goals; with the workouts below, the pass
    at ``T1`` completes some, expires some and leaves some running."""
    common: dict[str, Any] = {"start_at": START, "description": ""}
    return [
        GoalDraft(metric="distance_km_total", target_value=25, unit="km", display_unit="km",
                  window="7d", title="25 km in 7 days", **common),
        GoalDraft(metric="session_count", target_value=2, unit="sessions",
                  display_unit="sessions", window="weekly", title="twice a week for 2 weeks",
                  end_at=datetime(2026, 11, 29, 23, 0, tzinfo=UTC), **common),
        GoalDraft(metric="distance_km_total", target_value=400, unit="km", display_unit="km",
                  window="monthly", title="400 km in November",
                  end_at=datetime(2026, 11, 30, 23, 0, tzinfo=UTC), **common),
        GoalDraft(metric="streak_days", target_value=5, unit="days", display_unit="days",
                  window="until_deadline", constraints=Constraints(min_distance_km_per_day=3),
                  title="a 5-day streak", **common),
        GoalDraft(metric="streak_days", target_value=60, unit="days", display_unit="days",
                  window="until_deadline", title="a 60-day streak", **common),
        GoalDraft(metric="duration_minutes_total", target_value=600, unit="minutes",
                  display_unit="minutes", window="until_deadline", title="10 hours by Sunday",
                  deadline_at=datetime(2026, 11, 22, 22, 0, tzinfo=UTC), **common),
        GoalDraft(metric="distance_km_total", target_value=30, unit="km", display_unit="km",
                  window="until_deadline", title="30 km by the 26th",
                  deadline_at=datetime(2026, 11, 26, 12, 0, tzinfo=UTC), **common),
    ]  # fmt: skip


def workouts(tz: str) -> list[dict[str, Any]]:
    """A workout a day from the 16th to the 25th: recorded at ``T0``, the later ones count only
    once the clock has reached their days."""
    out = []
    for n in range(10):
        at = START + timedelta(days=n, hours=1)
        out.append(
            {
                "workout_id": f"w{n}",
                "started_at": at,
                "tz": tz,
                "local_date": local_date(at, tz),
                "activity": "run",
                "distance_km": 4.0 + n,
                "duration_minutes": 40.0,
            }
        )
    return out


async def seeded(db: Any) -> GoalService:
    await apply_specs(db, SPECS)
    service = GoalService(GoalStore(db), GoalsSettings(max_active_goals=10))
    for user_id, tz in (("ana", BERLIN), ("kei", TOKYO)):
        user = UserProfile(user_id=user_id, tz=tz)
        for draft in drafts():
            await service.create(user, draft, T0, source="test")
        await service.record_workouts(user, workouts(tz), T0)
    return service


async def stored(service: GoalService) -> dict[tuple[str, str], dict[str, Any]]:
    """Goal and progress per (user, title), without the ids two databases differ in."""
    out = {}
    for user_id in ("ana", "kei"):
        for view in await service.all_goals(user_id):
            goal = {k: v for k, v in view.goal.items() if k != "_id"}
            assert view.progress is not None
            progress = {k: v for k, v in view.progress.items() if k not in ("_id", "goal_id")}
            out[user_id, view.goal["title"]] = {"goal": goal, "progress": progress}
    return out


@pytest.fixture
async def twin(mongo_client: Any) -> Any:
    name = f"t_{uuid.uuid4().hex[:12]}"
    yield mongo_client[name]
    await mongo_client.drop_database(name)


@pytest.mark.parametrize(
    ("later", "completes", "expires"),
    [
        (timedelta(hours=2), False, False),  # same local day for Berlin, the next for Tokyo
        (timedelta(days=3, hours=7), True, False),  # the 5-day streak is reached
        (timedelta(days=8, hours=2), True, True),  # the deadlines of the 22nd and 26th pass
        (timedelta(days=14), True, True),  # all of it at once: November is over
    ],
)
async def test_a_pass_saves_what_a_fresh_evaluation_saves(
    db: Any, twin: Any, later: timedelta, completes: bool, expires: bool
) -> None:
    passed, fresh = await seeded(db), await seeded(twin)
    before = await stored(passed)
    assert before == await stored(fresh)
    t1 = T0 + later

    report = await evaluate_active_goals(passed.store, t1, batch=3)  # several batches
    for user_id in ("ana", "kei"):
        await fresh.refresh(user_id, await fresh.store.goals_of(user_id, ("active",)), t1)

    after = await stored(passed)
    assert after == await stored(fresh)
    was = {key: v["goal"]["status"] for key, v in before.items()}
    now = {key: v["goal"]["status"] for key, v in after.items()}
    assert report.goals == list(was.values()).count("active")
    assert report.completed == sum(was[k] == "active" and now[k] == "completed" for k in was)
    assert report.expired == sum(was[k] == "active" and now[k] == "expired" for k in was)
    assert (report.completed > 0, report.expired > 0) == (completes, expires)
    assert all(
        v["progress"]["last_evaluated_at"] == t1 for k, v in after.items() if was[k] == "active"
    )


async def test_a_pass_repeated_at_the_same_moment_changes_nothing(db: Any) -> None:
    service = await seeded(db)
    t1 = T0 + timedelta(days=2)
    await evaluate_active_goals(service.store, t1)
    first = await stored(service)
    report = await evaluate_active_goals(service.store, t1)
    assert await stored(service) == first
    assert report.events == {}


async def test_a_workout_recorded_during_the_pass_is_not_overwritten(db: Any) -> None:
    """The pass read a goal's progress, then a workout came in: its save must not bring back
    the old daily values, and the goal is evaluated again from the new ones."""
    service = await seeded(db)
    store = service.store
    [goal] = [
        g for g in await store.goals_of("ana", ("active",)) if g["title"] == "a 60-day streak"
    ]
    [read] = (await store.progress_by_goal([goal["_id"]])).values()
    ana = UserProfile(user_id="ana", tz=BERLIN)
    recorded_at = T0 + timedelta(minutes=5)
    extra = workouts(BERLIN)[0] | {"workout_id": "late", "started_at": START + timedelta(days=12)}
    await service.record_workouts(
        ana, [extra | {"local_date": local_date(extra["started_at"], BERLIN)}], recorded_at
    )
    [fresh] = (await store.progress_by_goal([goal["_id"]])).values()
    assert fresh["daily"] != read["daily"]

    stale = {**read, "current_value": -1.0, "updated_at": T0 + timedelta(hours=1)}
    saved, again = await store.replace_evaluations(
        [(goal, read, stale, {})], T0 + timedelta(hours=1)
    )
    assert (saved, again) == ([], [goal["_id"]])  # written meanwhile, at an earlier moment
    saved, again = await store.replace_evaluations([(goal, read, stale, {})], recorded_at)
    assert (saved, again) == ([], [])  # written meanwhile at the same moment: that one stands
    [kept] = (await store.progress_by_goal([goal["_id"]])).values()
    assert kept == fresh

    report = await evaluate_active_goals(store, T0 + timedelta(hours=1))
    [after] = (await store.progress_by_goal([goal["_id"]])).values()
    assert after["daily"] == fresh["daily"] and report.goals > 0
