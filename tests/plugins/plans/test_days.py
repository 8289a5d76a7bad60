"""The day builder: its rules over generated plans (stress streaks, quality spacing, weekly load,
race day, determinism, deloads), its paces against ``training_paces``, effort guidance without a
VDOT, recent runs as pace anchors, phase content, and the errors a caller sees."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.plans.days import (
    LONG_CAP_MIN,
    TSS_TOLERANCE,
    DayPlan,
    PlannedWorkout,
    Race,
    RecentRun,
    Schedule,
    WeekTarget,
    anchor_vdot,
    build_days,
)
from plugins.plans.periodization import (
    WEEKLY_TSS_RANGE,
    Level,
    default_week_targets,
    plan_type,
)
from plugins.plans.vdot import training_paces, vdot_from_race

LEVELS: list[Level] = ["beginner", "intermediate", "advanced"]
RACES_KM = [3.0, 5.0, 10.0, 15.0, 21.0975, 30.0, 42.195]


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[WeekTarget], Race, Schedule, float | None]:
    level = draw(st.sampled_from(LEVELS))
    km = draw(st.sampled_from(RACES_KM))
    start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 6)))
    weeks_count = draw(st.integers(1, 20))
    race_day = start + timedelta(days=7 * (weeks_count - 1) + draw(st.integers(0, 6)))
    days = draw(st.sets(st.integers(0, 6), min_size=3, max_size=7))
    schedule = Schedule(
        available_weekdays=frozenset(days),
        long_run_weekday=draw(st.none() | st.integers(0, 6)),
        max_session_minutes=draw(st.none() | st.sampled_from([45.0, 60.0, 90.0, 120.0, 180.0])),
        level=level,
    )
    low, high = WEEKLY_TSS_RANGE[level]
    tss = draw(st.floats(low, high))
    weeks = list(default_week_targets(start, race_day, km, weekly_tss=tss, level=level))
    goal_pace = draw(st.none() | st.floats(200.0, 480.0))
    race = Race(race_day, km, None if goal_pace is None else goal_pace * km)
    vdot = draw(st.none() | st.floats(30.0, 75.0))
    return weeks, race, schedule, vdot


def _by_week(plan: DayPlan) -> dict[int, list[PlannedWorkout]]:
    weeks: dict[int, list[PlannedWorkout]] = defaultdict(list)
    for w in plan.workouts:
        weeks[w.week_number].append(w)
    return weeks


@settings(max_examples=40, deadline=None)
@given(plans())
def test_generated_plans_keep_the_rules(
    generated: tuple[list[WeekTarget], Race, Schedule, float | None],
) -> None:
    weeks, race, schedule, vdot = generated
    plan = build_days(weeks, schedule=schedule, race=race, vdot=vdot)
    workouts = plan.workouts
    assert [w.scheduled_date for w in workouts] == [
        weeks[0].start + timedelta(days=i) for i in range(7 * len(weeks))
    ]

    streak = 0
    for w in workouts:
        streak = streak + 1 if w.is_stress else 0
        assert streak <= 3, f"4 stress days in a row ending {w.scheduled_date}"

    for a, b in itertools.pairwise(workouts):
        hard_a = a.is_quality or a.workout_type == "race"
        hard_b = b.is_quality or b.workout_type == "race"
        assert not (hard_a and hard_b), f"hard days back to back: {a.scheduled_date}"

    races = [w for w in workouts if w.workout_type == "race"]
    assert [w.scheduled_date for w in races] == [race.date]
    assert all(w.workout_type == "rest" for w in workouts if w.scheduled_date > race.date)

    cap = 1 if schedule.level == "beginner" else 2
    for number, days in _by_week(plan).items():
        summary = plan.weeks[number - 1]
        quality = sum(1 for w in days if w.is_quality)
        assert quality <= cap
        if summary.kind in ("deload", "recovery"):
            assert quality == 0
        room_before_race = any(
            (race.date - w.scheduled_date).days >= 4
            for w in days
            if w.scheduled_date.weekday() in schedule.available_weekdays
        )
        if summary.kind in ("build", "deload", "taper") and room_before_race:
            longs = [w for w in days if w.workout_type == "long"]
            assert len(longs) == 1
            limit = LONG_CAP_MIN[plan_type(race.distance_km)][schedule.level]
            assert longs[0].duration_minutes is not None
            assert longs[0].duration_minutes <= limit
        for w in days:
            if w.workout_type not in ("rest", "race"):
                assert w.scheduled_date.weekday() in schedule.available_weekdays
                if schedule.max_session_minutes is not None:
                    assert w.duration_minutes is not None
                    assert w.duration_minutes <= schedule.max_session_minutes + 1

    for summary in plan.weeks:
        low, high = summary.capacity
        assert summary.aim_tss <= summary.target_tss
        if summary.kind != "race" and low <= summary.aim_tss <= high:
            assert summary.within_tolerance
            assert abs(summary.planned_tss - summary.aim_tss) <= (
                TSS_TOLERANCE * summary.aim_tss + 0.1
            )
        assert summary.planned_tss == pytest.approx(
            sum(w.tss for w in plan.workouts if w.week_number == summary.week_number), abs=0.1
        )

    for i, summary in enumerate(plan.weeks):
        if summary.kind == "deload":
            assert summary.planned_tss < plan.weeks[i - 1].planned_tss


@settings(max_examples=20, deadline=None)
@given(plans())
def test_same_input_same_plan(
    generated: tuple[list[WeekTarget], Race, Schedule, float | None],
) -> None:
    weeks, race, schedule, vdot = generated
    plan = build_days(weeks, schedule=schedule, race=race, vdot=vdot)
    assert build_days(list(weeks), schedule=schedule, race=race, vdot=vdot) == plan


def _marathon(vdot: float | None = 48.0, **kw: object) -> DayPlan:
    start = date(2026, 1, 5)
    race = Race(date(2026, 4, 26), 42.195, 3.5 * 3600)
    weeks = default_week_targets(start, race.date, 42.195, weekly_tss=330.0, level="intermediate")
    schedule = Schedule(frozenset({0, 1, 3, 4, 6}), 6, 180.0, "intermediate")
    return build_days(weeks, schedule=schedule, race=race, vdot=vdot, **kw)  # type: ignore[arg-type]


def test_a_realistic_marathon_plan_meets_every_weekly_target() -> None:
    plan = _marathon()
    assert not plan.below_minimum_weeks
    assert all(week.within_tolerance for week in plan.weeks)
    assert plan.warnings == ()


def test_paces_are_training_paces() -> None:
    """Prescribed to the tenth of a second, as a watch shows them."""
    plan = _marathon(vdot=52.0)
    paces = training_paces(52.0)
    assert plan.paces == paces
    expected = {
        "threshold": round(paces.threshold, 1),
        "interval": round(paces.interval, 1),
        "repetition": round(paces.repetition, 1),
        "marathon": round(paces.marathon, 1),
        "easy": round((paces.easy[0] + paces.easy[1]) / 2, 1),
    }
    seen = set()
    for w in plan.workouts:
        if w.workout_type in ("easy", "long"):
            assert w.pace_range_per_km_seconds == (round(paces.easy[0], 1), round(paces.easy[1], 1))
        if w.workout_type == "recovery":
            assert w.pace_per_km_seconds == round(paces.easy[1], 1)
        for seg in w.segments:
            if seg.intensity in expected:
                assert seg.pace_per_km_seconds == expected[seg.intensity]
                seen.add(seg.intensity)
    assert seen >= {"threshold", "interval", "marathon", "easy"}


def test_five_k_peak_uses_repetition_pace() -> None:
    start = date(2026, 3, 2)
    race = Race(date(2026, 4, 26), 5.0)
    weeks = default_week_targets(start, race.date, 5.0, weekly_tss=400.0, level="advanced")
    plan = build_days(
        weeks, schedule=Schedule(frozenset(range(7)), level="advanced"), race=race, vdot=55.0
    )
    reps = [s for w in plan.workouts for s in w.segments if s.intensity == "repetition"]
    expected = round(training_paces(55.0).repetition, 1)
    assert reps and all(s.pace_per_km_seconds == expected for s in reps)


def test_without_vdot_sessions_carry_effort_guidance_and_no_pace() -> None:
    plan = _marathon(vdot=None)
    assert plan.pace_source == "effort" and plan.paces is None and plan.vdot is None
    for w in plan.workouts:
        assert w.pace_per_km_seconds is None and w.pace_range_per_km_seconds is None
        assert all(seg.pace_per_km_seconds is None for seg in w.segments)
        assert w.rpe
        if w.workout_type not in ("rest", "race"):
            assert "RPE" in w.coach_notes and w.distance_km is None
    race = next(w for w in plan.workouts if w.workout_type == "race")
    assert race.duration_minutes == 210  # the goal time is still the goal


def test_phase_content() -> None:
    plan = _marathon()
    subtypes: dict[str, set[str]] = defaultdict(set)
    for w in plan.workouts:
        subtypes[w.phase].add(w.workout_subtype)
    assert "hills" in subtypes["base"] and "easy_strides" in subtypes["base"]
    assert not subtypes["base"] & {"threshold_continuous", "cruise_intervals", "vo2max"}
    assert subtypes["build"] & {"threshold_continuous", "cruise_intervals"}
    assert "long_progression" in subtypes["build"]
    assert {"marathon_pace", "vo2max", "long_marathon_pace"} <= subtypes["peak"]
    assert subtypes["taper"] & {"marathon_pace", "vo2max"}, "the taper keeps some intensity"
    assert "race" in subtypes["taper"] and "race_pace" in subtypes["taper"]


def test_taper_weeks_shrink_and_the_race_week_is_light_around_the_race() -> None:
    plan = _marathon()
    taper = [w for w in plan.weeks if w.phase == "taper" and w.kind == "taper"]
    peak = [w for w in plan.weeks if w.phase == "peak" and w.kind == "build"][-1]
    loads = [peak.planned_tss] + [w.planned_tss for w in taper]
    assert all(b < a for a, b in itertools.pairwise(loads))
    race_week = [w for w in plan.workouts if w.week_number == plan.weeks[-1].week_number]
    day_before = next(w for w in race_week if w.scheduled_date == date(2026, 4, 25))
    assert day_before.workout_type in ("recovery", "rest")
    assert all(
        w.duration_minutes is not None and w.duration_minutes <= 60
        for w in race_week
        if w.workout_type != "race"
    )


def test_beginner_base_has_no_quality_and_at_most_four_runs() -> None:
    start = date(2026, 1, 5)
    race = Race(date(2026, 3, 15), 5.0)
    weeks = default_week_targets(start, race.date, 5.0, weekly_tss=170.0, level="beginner")
    plan = build_days(
        weeks, schedule=Schedule(frozenset(range(7)), level="beginner"), race=race, vdot=None
    )
    for number, days in _by_week(plan).items():
        runs = [w for w in days if w.workout_type not in ("rest", "cross")]
        assert len(runs) <= 4
        if plan.weeks[number - 1].phase == "base":
            assert not any(w.is_quality for w in days)
    assert any(w.workout_type == "cross" for w in plan.workouts)


def test_short_plans_are_flagged_not_refused() -> None:
    start = date(2026, 3, 2)
    race = Race(date(2026, 4, 12), 42.195)
    weeks = default_week_targets(start, race.date, 42.195, weekly_tss=400.0, level="advanced")
    plan = build_days(weeks, schedule=Schedule(frozenset(range(7)), level="advanced"), race=race)
    assert plan.below_minimum_weeks
    assert any("the 16 weeks a marathon plan needs" in w for w in plan.warnings)
    assert plan.workouts[-1 - (6 - race.date.weekday())].workout_type == "race"


def test_an_impossible_target_is_reported() -> None:
    weeks = [WeekTarget(date(2026, 1, 5), 2000.0, "build")]
    plan = build_days(
        weeks, schedule=Schedule(frozenset({1, 3, 6}), level="beginner", max_session_minutes=60)
    )
    assert not plan.weeks[0].within_tolerance
    assert plan.weeks[0].planned_tss <= plan.weeks[0].capacity[1] + 0.1
    assert any("target of 2000" in w for w in plan.warnings)


# --- recent runs ----------------------------------------------------------------------------


def test_easy_runs_anchor_the_fast_end_of_easy() -> None:
    runs = [RecentRun(8.0, 8 * 330.0), RecentRun(10.0, 10 * 335.0), RecentRun(6.0, 6 * 325.0)]
    vdot = anchor_vdot(runs)
    assert vdot is not None
    assert training_paces(vdot).easy[0] == pytest.approx(330.0, abs=0.5)  # the median pace


def test_a_race_effort_among_recent_runs_sets_the_vdot() -> None:
    runs = [RecentRun(8.0, 8 * 330.0), RecentRun(5.0, 20 * 60.0), RecentRun(10.0, 10 * 335.0)]
    assert anchor_vdot(runs) == pytest.approx(vdot_from_race(5000.0, 1200.0))


def test_unusable_runs_give_no_anchor() -> None:
    assert anchor_vdot([]) is None
    assert anchor_vdot([RecentRun(0.4, 120.0), RecentRun(3.0, 3 * 1200.0)]) is None


def test_recent_runs_anchor_the_plan_paces() -> None:
    fast = [RecentRun(10.0, 10 * 300.0)] * 3
    slow = [RecentRun(10.0, 10 * 360.0)] * 3
    plan_fast = _marathon(vdot=None, recent_runs=fast)
    plan_slow = _marathon(vdot=None, recent_runs=slow)
    assert plan_fast.pace_source == plan_slow.pace_source == "recent_runs"
    assert plan_fast.paces is not None and plan_slow.paces is not None
    assert plan_fast.paces == training_paces(anchor_vdot(fast) or 0.0)
    assert plan_fast.paces.easy[0] == pytest.approx(300.0, abs=0.5)
    assert plan_fast.paces.threshold < plan_slow.paces.threshold
    assert _marathon(vdot=50.0, recent_runs=slow).paces == training_paces(50.0), "VDOT wins"


# --- errors -----------------------------------------------------------------------------------

WEEK = [WeekTarget(date(2026, 1, 5), 300.0, "build"), WeekTarget(date(2026, 1, 12), 300.0)]
OK = Schedule(frozenset({1, 3, 5, 6}))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"race": Race(date(2026, 1, 1), 10.0)}, "before the plan start"),
        ({"race": Race(date(2026, 1, 19), 10.0)}, "after the last planned day"),
        ({"race": Race(date(2026, 1, 18), 0.5)}, "between 1 and 50 km"),
        ({"race": Race(date(2026, 1, 18), 60.0)}, "between 1 and 50 km"),
        ({"schedule": Schedule(frozenset({1, 3}))}, "at least 3 available"),
        ({"schedule": Schedule(frozenset({1, 3, 9}))}, "0 \\(Monday\\) to 6"),
        ({"schedule": Schedule(frozenset({1, 3, 5}), max_session_minutes=20)}, "at least 30"),
        ({"weeks": [WEEK[0], WeekTarget(date(2026, 1, 13), 1.0)]}, "7 days after"),
        ({"weeks": [WeekTarget(date(2026, 1, 5), -1.0)]}, "running_tss"),
        ({"weeks": []}, "no weeks"),
        ({"vdot": 10.0}, "vdot must be between"),
    ],
)
def test_impossible_inputs(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"weeks": WEEK, "schedule": OK}
    args.update(kwargs)
    weeks = args.pop("weeks")
    with pytest.raises(ValueError, match=message):
        build_days(weeks, **args)  # type: ignore[arg-type]
