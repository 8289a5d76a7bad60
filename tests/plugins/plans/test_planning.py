"""A whole plan from one request: the projection's weeks become the leading race's days."""

from __future__ import annotations

from datetime import date, timedelta

from plugins.plans.model import PlanRequest
from plugins.plans.planning import make_plan, race_goal

TODAY = date(2026, 11, 22)


def two_races() -> PlanRequest:
    return PlanRequest.model_validate({
        "goals": [
            {"id": "spring-half", "sport": "run", "priority": "A", "event_date_iso": "2027-04-18",
             "distance_m": 21097.5, "targets": [{"kind": "finish_time", "value_seconds": 6600}]},
            {"id": "tune-up-10k", "sport": "run", "priority": "B", "event_date_iso": "2027-03-07",
             "distance_m": 10000, "targets": [{"kind": "finish_time", "value_seconds": 2950}]},
            {"id": "gran-fondo", "sport": "bike", "priority": "C", "event_date_iso": "2027-05-30",
             "distance_m": 120000, "targets": [{"kind": "completion_probability",
                                                  "value_pct": 90}]},
        ],
        "athlete": {"level": "novice", "available_days_per_week": 5,
                    "run": {"vdot": 41, "weekly_tss": [220, 230, 240, 250]},
                    "bike": {"ftp_watts": 220, "weekly_tss": [80, 90, 90, 100]}},
        "start_date": "2026-11-23",
    })  # fmt: skip


def test_the_days_follow_the_leading_race_and_other_events_weigh_on_their_weeks() -> None:
    request = two_races()
    plan = make_plan(request, TODAY)
    assert race_goal(request) is not None and race_goal(request).id == "spring-half"  # type: ignore[union-attr]
    assert plan.days is not None
    races = [w for w in plan.days.workouts if w.workout_type == "race"]
    assert [w.scheduled_date for w in races] == [date(2027, 4, 18)]
    tune_up = next(w for w in plan.projection.weeks if "tune-up-10k" in w.event_goal_ids)
    before = next(w for w in plan.projection.weeks if w.index == tune_up.index - 1)
    assert tune_up.tss < before.tss
    week = [
        w for w in plan.days.workouts
        if tune_up.start_date <= w.scheduled_date < tune_up.start_date + timedelta(days=7)
    ]  # fmt: skip
    assert not any(w.is_quality for w in week)  # a lighter week for the tune-up race
    # The ride after the half keeps its weekly load; days are laid out for running only.
    assert any(w.tss_by_sport.get("bike", 0) > 0 for w in plan.projection.weeks[-4:])


def test_the_same_request_gives_the_same_plan() -> None:
    assert make_plan(two_races(), TODAY) == make_plan(two_races(), TODAY)
