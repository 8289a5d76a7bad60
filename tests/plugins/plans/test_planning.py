"""A whole plan from one request: the projection's weeks become the leading race's days."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from plugins.plans.days import PlannedWorkout
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
    assert [w.scheduled_date for w in races] == [date(2027, 3, 7), date(2027, 4, 18)]
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


def race_plan(level: str, distance_m: float, days: int = 4) -> list[list[PlannedWorkout]]:
    """A 20-week plan for ``level``, its sessions grouped by week."""
    request = PlanRequest.model_validate({
        "goals": [{"id": "race", "sport": "run", "priority": "A", "event_date_iso": "2027-04-11",
                   "distance_m": distance_m,
                   "targets": [{"kind": "completion_probability", "value_pct": 80}]}],
        "athlete": {"level": level, "available_days_per_week": days,
                    "run": {"vdot": 42, "weekly_tss": [260, 270, 280, 290]}},
        "start_date": "2026-11-23",
    })  # fmt: skip
    plan = make_plan(request, TODAY)
    assert plan.days is not None
    weeks: dict[int, list[PlannedWorkout]] = {}
    for workout in plan.days.workouts:
        weeks.setdefault(workout.week_number, []).append(workout)
    return [weeks[n] for n in sorted(weeks)]


def hard_days(week: list[PlannedWorkout]) -> int:
    """Quality sessions, and a long run with a fast part: what a coach counts as hard days."""
    return sum(
        w.is_quality or w.workout_subtype in ("long_progression", "long_marathon_pace")
        for w in week
        if w.workout_type != "race"
    )


def test_a_half_marathon_is_trained_at_threshold_not_marathon_pace() -> None:
    for level in ("novice", "experienced"):
        subtypes = {w.workout_subtype for week in race_plan(level, 21097.5) for w in week}
        assert not subtypes & {"marathon_pace", "long_marathon_pace"}, level
        assert subtypes & {"threshold_continuous", "cruise_intervals"} and "vo2max" in subtypes
    marathon = {w.workout_subtype for week in race_plan("novice", 42195.0) for w in week}
    assert {"marathon_pace", "long_marathon_pace"} <= marathon  # M work belongs there


def test_hard_days_a_week_by_level_counting_a_fast_long_run() -> None:
    for level, most in (("beginner", 1), ("novice", 2), ("experienced", 3)):
        for distance in (10_000.0, 21097.5, 42195.0):
            weeks = race_plan(level, distance, days=5)
            assert max(hard_days(week) for week in weeks) <= most, (level, distance)
    beginner_longs = {
        w.workout_subtype
        for week in race_plan("beginner", 21097.5)
        for w in week
        if w.workout_type == "long"
    }
    assert beginner_longs == {"long_easy"}


def test_a_novices_single_peak_session_takes_turns_between_threshold_and_intervals() -> None:
    peak = [
        [w.workout_subtype for w in week if w.is_quality]
        for week in race_plan("novice", 21097.5)
        if week[0].phase == "peak" and any(w.is_quality for w in week)
    ]
    assert all(len(sessions) == 1 for sessions in peak)
    kinds = ["vo2max" if s == ["vo2max"] else "threshold" for s in peak]
    assert all(a != b for a, b in pairwise(kinds)), kinds


def test_other_goals_events_are_on_the_calendar_with_room_around_them() -> None:
    plan = make_plan(two_races(), TODAY)
    assert plan.days is not None
    by_day = {w.scheduled_date: w for w in plan.days.workouts}
    tune_up = by_day[date(2027, 3, 7)]  # the B 10K, goal 49:10
    assert (tune_up.workout_type, tune_up.title, tune_up.distance_km) == (
        "race",
        "Race: 10 km",
        10.0,
    )
    assert tune_up.duration_minutes == 49 and tune_up.pace_per_km_seconds == 295.0
    assert by_day[date(2027, 3, 6)].workout_type == "rest"  # fresh for it
    assert by_day[date(2027, 3, 8)].workout_type == "rest"  # and recovered after it
    two_before = by_day[date(2027, 3, 5)]
    assert not two_before.is_quality
    week = [w for w in plan.days.workouts if w.week_number == tune_up.week_number]
    assert not any(w.workout_type == "long" for w in week)  # the race is the week's long effort
    ride = by_day[date(2027, 5, 30)]  # the C gran fondo: a day off running
    assert (ride.workout_type, ride.title, ride.tss) == ("cross", "Bike event: 120 km", 0.0)
    assert ride.duration_minutes is None


def marathon_for(weekly_tss: float, **athlete: object) -> list[PlannedWorkout]:
    request = PlanRequest.model_validate({
        "goals": [{"id": "race", "sport": "run", "priority": "A", "event_date_iso": "2027-04-18",
                   "distance_m": 42195,
                   "targets": [{"kind": "completion_probability", "value_pct": 90}]}],
        "athlete": {"level": "novice", "available_days_per_week": 4,
                    "run": {"weekly_tss": [weekly_tss] * 6}, **athlete},
        "start_date": "2026-11-23",
    })  # fmt: skip
    plan = make_plan(request, TODAY)
    assert plan.days is not None
    return list(plan.days.workouts)


def test_a_marathon_plan_builds_the_long_run_to_two_hours_and_never_past_150_minutes() -> None:
    longs = [w.duration_minutes or 0 for w in marathon_for(207) if w.workout_type == "long"]
    # about 30 km a week to start: the long run grows from an hour and a quarter past two hours
    assert longs[0] <= 80 and max(longs) >= 120 and max(longs) <= 150


def test_a_session_limit_the_athlete_gives_holds() -> None:
    workouts = marathon_for(207, max_session_minutes=75)
    assert max(w.duration_minutes or 0 for w in workouts if w.workout_type != "race") <= 75
