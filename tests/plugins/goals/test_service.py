"""The goals service on the real store: creating, recording workouts, re-evaluating, the daily
pass — without the chat or HTTP layers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.skill import ApiError, UserProfile
from plugins.goals.daily import evaluate_active_goals
from plugins.goals.model import Constraints, GoalDraft
from plugins.goals.service import GoalService, local_date
from plugins.goals.settings import GoalsSettings
from plugins.goals.store import SPECS, GoalStore
from storage.specs import apply_specs

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
BERLIN = "Europe/Berlin"
MONTH_END = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # 1 December, 00:00 in Berlin


@pytest.fixture
async def service(db) -> GoalService:
    await apply_specs(db, SPECS)
    return GoalService(GoalStore(db), GoalsSettings(max_active_goals=2))


def monthly_ruck(target_km: float = 50, **constraints: float) -> GoalDraft:
    return GoalDraft(
        metric="distance_km_total",
        target_value=target_km,
        unit="km",
        display_unit="km",
        window="monthly",
        constraints=Constraints(**constraints),
        title=f"Ruck {target_km:g} km this month",
        start_at=datetime(2026, 11, 17, 23, 0, tzinfo=UTC),
        end_at=MONTH_END,
    )


def ruck(workout_id: str, at: datetime, km: float, load_kg: float | None = None) -> dict:
    return {
        "workout_id": workout_id,
        "started_at": at,
        "tz": BERLIN,
        "local_date": local_date(at, BERLIN),
        "activity": "ruck",
        "distance_km": km,
        "load_kg": load_kg,
    }


async def test_workouts_move_progress_and_completion_is_recorded(service: GoalService) -> None:
    ana = UserProfile(user_id="ana", tz=BERLIN)
    view = await service.create(ana, monthly_ruck(min_weight_kg=9), NOW, source="test")
    assert view.progress is not None and view.progress["progress_percent"] == 0
    assert view.next_reminder_at is not None  # the default 07:30 reminder

    counts, views = await service.record_workouts(
        ana,
        [
            ruck("a", NOW - timedelta(hours=3), 20, load_kg=10),
            ruck("light", NOW - timedelta(hours=2), 20, load_kg=5),  # below the pack minimum
            ruck("early", datetime(2026, 11, 2, 9, tzinfo=UTC), 10, load_kg=12),  # backfill
        ],
        NOW,
    )
    assert counts == {"created": 3, "updated": 0, "unchanged": 0}
    [progress] = [v.progress for v in views]
    assert progress is not None and progress["current_value"] == pytest.approx(30)

    _, views = await service.record_workouts(
        ana, [ruck("b", NOW - timedelta(hours=1), 25, load_kg=10)], NOW
    )
    [done] = views
    assert done.goal["status"] == "completed"
    assert [e.kind for e in done.events if e.kind == "completed"] == ["completed"]


async def test_the_active_goal_limit_and_invalid_drafts(service: GoalService) -> None:
    bo = UserProfile(user_id="bo", tz=BERLIN)
    await service.create(bo, monthly_ruck(40), NOW, source="test")
    await service.create(bo, monthly_ruck(60), NOW, source="test")
    with pytest.raises(ApiError) as limit:
        await service.create(bo, monthly_ruck(70), NOW, source="test")
    assert limit.value.status == 409 and limit.value.code == "goal_limit"
    impossible = monthly_ruck(9_000)
    with pytest.raises(ApiError) as invalid:
        await service.create(UserProfile(user_id="cy", tz=BERLIN), impossible, NOW, source="x")
    assert invalid.value.status == 422 and "100 km a day" in invalid.value.message


async def test_the_daily_pass_expires_what_ended(service: GoalService) -> None:
    di = UserProfile(user_id="di", tz=BERLIN)
    await service.create(di, monthly_ruck(), NOW, source="test")
    report = await evaluate_active_goals(service.store, NOW + timedelta(days=1))
    assert report.goals >= 1 and report.expired == 0
    report = await evaluate_active_goals(service.store, MONTH_END + timedelta(hours=1))
    assert report.expired >= 1
    [view] = await service.all_goals("di")
    assert view.goal["status"] == "expired"
