"""Goal evaluation: what counts (metrics, constraints), over which days (windows, calendar
periods, daylight-saving changes), and what an evaluation concludes and announces (status,
pace, next best action, streaks, milestones, events)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from plugins.goals.model import Constraints, Metric, Window, WorkoutFacts
from plugins.goals.periods import local_day
from plugins.goals.progress import (
    LONG_GOAL_MILESTONES,
    SMALL_GOAL_MILESTONES,
    Evaluation,
    GoalEvent,
    GoalSpec,
    ProgressMarks,
    daily_contributions,
    evaluate_goal,
    goal_events,
    marks_after,
    milestones_for,
)

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
_ids = itertools.count()


def at(day: str, hour: int = 12, minute: int = 0, tz: str = BERLIN) -> datetime:
    """A local wall time as the UTC instant it names."""
    y, m, d = (int(part) for part in day.split("-"))
    return datetime(y, m, d, hour, minute, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def workout(when: datetime, tz: str = BERLIN, **quantities: Any) -> WorkoutFacts:
    return WorkoutFacts(
        workout_id=f"w{next(_ids)}",
        started_at=when,
        local_date=local_day(when, ZoneInfo(tz)).isoformat(),
        **quantities,
    )


def goal(
    metric: Metric = "distance_km_total",
    target: float = 100.0,
    window: Window = "until_deadline",
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    deadline: datetime | None = None,
    tz: str = BERLIN,
    **constraints: Any,
) -> GoalSpec:
    return GoalSpec(
        metric=metric,
        target_value=target,
        window=window,
        constraints=Constraints(**constraints),
        start_at=start or at("2026-11-02", 8),  # a Monday
        end_at=end,
        deadline_at=deadline,
        tz=tz,
    )


def evaluate(spec: GoalSpec, workouts: Iterable[WorkoutFacts], now: datetime) -> Evaluation:
    return evaluate_goal(spec, daily_contributions(spec, workouts), now)


def kinds(events: Iterable[GoalEvent]) -> list[str]:
    return [e.key for e in events]


# what counts: metrics


@pytest.mark.parametrize(
    ("metric", "quantity"),
    [
        ("distance_km_total", "distance_km"),
        ("duration_minutes_total", "duration_minutes"),
        ("elevation_gain_m_total", "elevation_gain_m"),
        ("steps_total", "steps"),
        ("power_points_total", "power_points"),
    ],
)
def test_summed_metrics_add_up_each_local_day(metric: Metric, quantity: str) -> None:
    workouts = [
        workout(at("2026-11-02", 9), **{quantity: 3}),
        workout(at("2026-11-02", 18), **{quantity: 4}),
        workout(at("2026-11-04", 7), **{quantity: 2}),
        workout(at("2026-11-05", 7)),  # recorded nothing of this quantity: adds nothing
    ]
    spec = goal(metric, target=18)
    daily = daily_contributions(spec, workouts)
    assert daily == {"2026-11-02": 7.0, "2026-11-04": 2.0}
    evaluation = evaluate_goal(spec, daily, at("2026-11-06"))
    assert evaluation.current_value == 9.0
    assert evaluation.progress_percent == pytest.approx(50.0)
    assert evaluation.remaining_value == 9.0


def test_session_count_counts_qualifying_sessions_per_day() -> None:
    workouts = [
        workout(at("2026-11-02", 7), activity="ruck", distance_km=5),
        workout(at("2026-11-02", 19), activity="walk"),
        workout(at("2026-11-03", 7), activity="cycle", distance_km=30),
    ]
    spec = goal("session_count", target=10, activities=("ruck", "walk"))
    assert daily_contributions(spec, workouts) == {"2026-11-02": 2.0}


def test_load_sessions_count_only_sessions_at_or_above_the_weight() -> None:
    workouts = [
        workout(at("2026-11-02", 7), load_kg=12.0),
        workout(at("2026-11-02", 19), load_kg=10.0),
        workout(at("2026-11-03", 7), load_kg=9.9),
        workout(at("2026-11-04", 7)),  # no load recorded: never counts
    ]
    spec = goal("load_kg_min_sessions", target=8, min_weight_kg=10)
    assert daily_contributions(spec, workouts) == {"2026-11-02": 2.0}
    assert evaluate(spec, workouts, at("2026-11-05")).current_value == 2.0


def test_a_streak_day_needs_every_per_day_minimum_from_the_days_sessions_together() -> None:
    workouts = [
        # 2nd: 3 + 3 km and 40 + 30 minutes: both minimums met together.
        workout(at("2026-11-02", 7), distance_km=3, duration_minutes=40),
        workout(at("2026-11-02", 19), distance_km=3, duration_minutes=30),
        # 3rd: far enough but too short.
        workout(at("2026-11-03", 7), distance_km=8, duration_minutes=50),
        # 4th: long enough but not far enough.
        workout(at("2026-11-04", 7), distance_km=4, duration_minutes=90),
        workout(at("2026-11-05", 7), distance_km=5, duration_minutes=60),
    ]
    spec = goal("streak_days", target=5, min_distance_km_per_day=5, min_duration_minutes_per_day=60)
    assert daily_contributions(spec, workouts) == {"2026-11-02": 1.0, "2026-11-05": 1.0}


def test_a_streak_day_can_rest_on_steps() -> None:
    workouts = [
        workout(at("2026-11-02", 9), steps=6_000),
        workout(at("2026-11-02", 17), steps=5_000),
        workout(at("2026-11-03", 9), steps=9_000),
    ]
    spec = goal("streak_days", target=5, min_steps_per_day=10_000)
    assert daily_contributions(spec, workouts) == {"2026-11-02": 1.0}


def test_without_per_day_minimums_any_qualifying_session_makes_a_streak_day() -> None:
    workouts = [
        workout(at("2026-11-02"), activity="ruck"),
        workout(at("2026-11-03"), activity="cycle"),
        workout(at("2026-11-04")),  # kind unknown: counts for any goal
    ]
    spec = goal("streak_days", target=5, activities=("ruck",))
    assert daily_contributions(spec, workouts) == {"2026-11-02": 1.0, "2026-11-04": 1.0}


# what counts: per-session constraints


def test_only_the_listed_activities_count_and_an_unknown_one_counts_for_any() -> None:
    workouts = [
        workout(at("2026-11-02", 7), activity="ruck", distance_km=5),
        workout(at("2026-11-02", 9), activity="cycle", distance_km=20),
        workout(at("2026-11-02", 11), distance_km=3),
    ]
    spec = goal(activities=("ruck", "hike"))
    assert daily_contributions(spec, workouts) == {"2026-11-02": 8.0}


def test_a_minimum_weight_filters_distance_too() -> None:
    workouts = [
        workout(at("2026-11-02", 7), distance_km=5, load_kg=15),
        workout(at("2026-11-02", 9), distance_km=6, load_kg=5),
        workout(at("2026-11-02", 11), distance_km=7),
    ]
    assert daily_contributions(goal(min_weight_kg=10), workouts) == {"2026-11-02": 5.0}


@pytest.mark.parametrize(
    ("constraint", "quantity"),
    [
        ("session_min_distance_km", "distance_km"),
        ("session_min_duration_minutes", "duration_minutes"),
        ("session_min_elevation_m", "elevation_gain_m"),
    ],
)
def test_session_minimums_drop_short_sessions_and_ones_that_did_not_record_it(
    constraint: str, quantity: str
) -> None:
    workouts = [
        workout(at("2026-11-02", 7), power_points=1, **{quantity: 5}),
        workout(at("2026-11-02", 9), power_points=10, **{quantity: 4.9}),
        workout(at("2026-11-02", 11), power_points=100),
        workout(at("2026-11-03", 11), power_points=1000, **{quantity: 50}),
    ]
    spec = goal("power_points_total", target=5000, **{constraint: 5})
    assert daily_contributions(spec, workouts) == {"2026-11-02": 1.0, "2026-11-03": 1000.0}


# over which days: windows


def test_a_7_day_window_is_the_last_seven_local_days_including_today() -> None:
    spec = goal("distance_km_total", target=70, window="7d", start=at("2026-10-01"))
    workouts = [
        workout(at("2026-11-12", 20), distance_km=100),  # eight days back: rolled out
        workout(at("2026-11-13", 6), distance_km=10),
        workout(at("2026-11-19", 7), distance_km=20),
    ]
    now = at("2026-11-19", 12)
    evaluation = evaluate(spec, workouts, now)
    assert evaluation.current_value == 30.0
    assert evaluation.window_start == at("2026-11-13", 0)
    assert evaluation.window_end == at("2026-11-20", 0)
    assert evaluation.expected_progress == pytest.approx(6.5 / 7)
    assert evaluation.period_key is None and evaluation.periods == ()
    assert evaluation.needed_today == pytest.approx(40.0)  # by tonight the 7 days need 70


def test_a_young_7_day_window_runs_from_the_start_for_seven_days() -> None:
    start = at("2026-11-18", 10)
    spec = goal("distance_km_total", target=70, window="7d", start=start)
    workouts = [
        workout(at("2026-11-17", 20), distance_km=100),  # before the goal's first day
        workout(at("2026-11-18", 7), distance_km=10),  # earlier on its first day: counts
    ]
    evaluation = evaluate(spec, workouts, at("2026-11-19", 12))
    assert evaluation.current_value == 10.0
    assert evaluation.window_start == start
    assert evaluation.window_end == at("2026-11-25", 0)


def test_a_30_day_window_rolls_and_stops_at_its_end() -> None:
    start = at("2026-09-01", 0)
    end = at("2026-12-01", 0)
    spec = goal("duration_minutes_total", target=600, window="30d", start=start, end=end)
    workouts = [
        workout(at("2026-10-20"), duration_minutes=500),  # 31 days before the 19th
        workout(at("2026-10-21"), duration_minutes=60),
        workout(at("2026-11-19"), duration_minutes=60),
    ]
    during = evaluate(spec, workouts, at("2026-11-19", 18))
    assert during.current_value == 120.0
    assert during.window_start == at("2026-10-21", 0)
    assert during.status == "active"
    after = evaluate(spec, workouts, at("2026-12-05"))
    assert after.window_end == end
    assert after.status == "expired"
    assert after.today == "2026-11-30"


def test_a_weekly_window_is_the_calendar_week_and_counts_its_days_before_the_start() -> None:
    spec = goal("distance_km_total", target=50, window="weekly", start=at("2026-11-18", 10))
    workouts = [
        workout(at("2026-11-15", 9), distance_km=100),  # Sunday of the week before
        workout(at("2026-11-16", 9), distance_km=10),  # Monday of the goal's first week
        workout(at("2026-11-18", 9), distance_km=5),
    ]
    evaluation = evaluate(spec, workouts, at("2026-11-19", 0))
    assert evaluation.period_key == "2026-W47"
    assert evaluation.current_value == 15.0
    assert evaluation.window_start == at("2026-11-16", 0)
    assert evaluation.window_end == at("2026-11-23", 0)
    assert evaluation.expected_progress == pytest.approx(3 / 7)
    assert evaluation.needed_today == pytest.approx(50 * 4 / 7 - 15)
    assert evaluation.period_met is False
    assert [tuple(p) for p in evaluation.periods] == [("2026-W47", 15.0, False)]


def test_a_monthly_goal_set_on_the_20th_counts_the_months_earlier_workouts() -> None:
    spec = goal("distance_km_total", target=150, window="monthly", start=at("2026-11-20", 9))
    workouts = [
        workout(at("2026-10-31", 9), distance_km=40),
        workout(at("2026-11-01", 9), distance_km=60),
        workout(at("2026-11-19", 9), distance_km=30),
    ]
    evaluation = evaluate(spec, workouts, at("2026-11-20", 12))
    assert evaluation.period_key == "2026-11"
    assert evaluation.current_value == 90.0
    assert evaluation.window_start == at("2026-11-01", 0)
    assert evaluation.window_end == at("2026-12-01", 0)
    assert evaluation.expected_progress == pytest.approx(19.5 / 30)


def test_an_open_ended_goal_has_no_end_no_pace_and_no_daily_need() -> None:
    spec = goal("distance_km_total", target=1000)
    workouts = [workout(at("2026-11-02", 9), distance_km=10)]
    evaluation = evaluate(spec, workouts, at("2027-02-01"))
    assert evaluation.current_value == 10.0
    assert evaluation.window_end is None
    assert evaluation.expected_progress is None and evaluation.delta is None
    assert evaluation.pace is None and evaluation.needed_today is None
    assert evaluation.on_pace_to_finish is None
    assert evaluation.eta is not None  # the pace so far still says when
    assert evaluation.status == "active"


def test_until_deadline_runs_from_the_start_to_the_deadline() -> None:
    start, deadline = at("2026-11-02", 0), at("2026-11-12", 0)
    spec = goal("distance_km_total", target=100, start=start, deadline=deadline)
    workouts = [workout(at(f"2026-11-0{d}", 9), distance_km=5) for d in range(2, 7)]
    evaluation = evaluate(spec, workouts, at("2026-11-07", 0))
    assert (evaluation.window_start, evaluation.window_end) == (start, deadline)
    assert evaluation.current_value == 25.0
    assert evaluation.expected_progress == pytest.approx(0.5)
    assert evaluation.delta == pytest.approx(-0.25)
    assert evaluation.pace == "severely_behind"
    # 5 km a day so far: 75 km more takes 15 days, past the deadline.
    assert evaluation.eta == at("2026-11-22", 0)
    assert evaluation.on_pace_to_finish is False
    # On pace tonight means 60 % of 100 km.
    assert evaluation.needed_today == pytest.approx(35.0)


def test_future_dated_days_do_not_count_yet() -> None:
    spec = goal("distance_km_total", target=100)
    workouts = [workout(at("2026-11-03"), distance_km=5), workout(at("2026-11-09"), distance_km=7)]
    evaluation = evaluate(spec, workouts, at("2026-11-04"))
    assert evaluation.current_value == 5.0
    assert evaluation.last_contribution_date == "2026-11-03"


# daylight-saving changes


@pytest.mark.parametrize(
    ("tz", "switch"),
    [
        (BERLIN, "2026-03-29"),
        (BERLIN, "2026-10-25"),
        (NEW_YORK, "2026-03-08"),
        (NEW_YORK, "2026-11-01"),
        ("Australia/Sydney", "2026-10-04"),
    ],
)
def test_streaks_run_through_a_clock_change_and_half_past_midnight_is_that_day(
    tz: str, switch: str
) -> None:
    day = datetime.fromisoformat(switch).date()
    before, after = (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat()
    spec = goal("streak_days", target=10, start=at("2026-01-01", tz=tz), tz=tz)
    workouts = [
        workout(at(before, 23, 30, tz=tz), tz=tz),
        workout(at(switch, 0, 30, tz=tz), tz=tz),
        workout(at(after, 23, 30, tz=tz), tz=tz),
    ]
    assert workouts[1].local_date == switch
    assert list(daily_contributions(spec, workouts)) == [before, switch, after]

    at_half_past_midnight = evaluate(spec, workouts[:2], at(switch, 0, 30, tz=tz))
    assert at_half_past_midnight.today == switch
    assert at_half_past_midnight.streak_current == 2
    assert at_half_past_midnight.days_since_last_contribution == 0

    evaluation = evaluate(spec, workouts, at(after, 23, 45, tz=tz))
    assert (evaluation.streak_current, evaluation.current_value) == (3, 3.0)


@pytest.mark.parametrize(
    ("tz", "monday", "next_monday", "hours"),
    [
        (BERLIN, "2026-03-23", "2026-03-30", 167),
        (BERLIN, "2026-10-19", "2026-10-26", 169),
        (NEW_YORK, "2026-03-02", "2026-03-09", 167),
        (NEW_YORK, "2026-10-26", "2026-11-02", 169),
    ],
)
def test_a_week_with_a_clock_change_is_still_seven_local_days(
    tz: str, monday: str, next_monday: str, hours: int
) -> None:
    spec = goal("distance_km_total", target=70, window="weekly", start=at(monday, 8, tz=tz), tz=tz)
    thursday = (datetime.fromisoformat(monday) + timedelta(days=3)).date().isoformat()
    evaluation = evaluate(spec, [], at(thursday, 0, tz=tz))
    assert evaluation.window_start == at(monday, 0, tz=tz)
    assert evaluation.window_end == at(next_monday, 0, tz=tz)
    assert evaluation.window_end - evaluation.window_start == timedelta(hours=hours)
    assert evaluation.expected_progress == pytest.approx(3 / 7)
    assert evaluation.needed_today == pytest.approx(70 * 4 / 7)
    last_minute = evaluate(spec, [], at(next_monday, 0, tz=tz) - timedelta(minutes=1))
    assert last_minute.period_key == evaluation.period_key
    assert last_minute.expected_progress == pytest.approx(1.0, abs=1e-3)


def test_expected_progress_rises_steadily_through_the_short_and_the_long_day() -> None:
    for tz, monday in [(BERLIN, "2026-03-23"), (BERLIN, "2026-10-19"), (NEW_YORK, "2026-11-02")]:
        spec = goal(
            "distance_km_total", target=70, window="weekly", start=at(monday, 0, tz=tz), tz=tz
        )
        now = at(monday, 0, tz=tz)
        previous = 0.0
        while now < at(monday, 0, tz=tz) + timedelta(days=7, hours=-2):
            now += timedelta(minutes=20)
            expected = evaluate_goal(spec, {}, now).expected_progress
            assert expected is not None
            # 20 minutes of a 23- to 25-hour day, spread over seven days.
            assert 20 / (25 * 60 * 7) - 1e-9 <= expected - previous <= 20 / (23 * 60 * 7) + 1e-9
            previous = expected


def test_a_streak_survives_a_morning_without_a_workout_but_not_a_missed_day() -> None:
    spec = goal("distance_km_total", target=100)
    workouts = [workout(at(f"2026-11-0{d}", 18), distance_km=3) for d in (2, 3, 4)]
    assert evaluate(spec, workouts, at("2026-11-05", 7)).streak_current == 3
    gone = evaluate(spec, workouts, at("2026-11-06", 7))
    assert (gone.streak_current, gone.streak_best) == (0, 3)
    assert gone.last_contribution_date == "2026-11-04"
    assert gone.days_since_last_contribution == 2


# backfill


def test_a_backfilled_workout_in_the_window_raises_the_value_and_one_before_it_does_not() -> None:
    spec = goal("distance_km_total", target=100, start=at("2026-11-02", 8))
    recent = [workout(at("2026-11-05"), distance_km=5)]
    now = at("2026-11-06")
    assert evaluate(spec, recent, now).current_value == 5.0
    earlier = workout(at("2026-11-03"), distance_km=7)
    assert evaluate(spec, [*recent, earlier], now).current_value == 12.0
    before_start = workout(at("2026-11-01", 20), distance_km=9)
    assert evaluate(spec, [*recent, earlier, before_start], now).current_value == 12.0


def test_a_backfill_into_an_earlier_week_of_a_weekly_goal_counts_for_that_week() -> None:
    spec = goal("session_count", target=2, window="weekly", start=at("2026-11-04", 10))
    workouts = [workout(at("2026-11-02")), workout(at("2026-11-10"))]
    before = evaluate(spec, workouts, at("2026-11-11"))
    assert [tuple(p) for p in before.periods] == [
        ("2026-W45", 1.0, False),
        ("2026-W46", 1.0, False),
    ]
    after = evaluate(spec, [*workouts, workout(at("2026-11-08"))], at("2026-11-11"))
    assert [tuple(p) for p in after.periods] == [("2026-W45", 2.0, True), ("2026-W46", 1.0, False)]


# completion, expiry and their events


def test_reaching_the_target_completes_the_goal_once() -> None:
    spec = goal("distance_km_total", target=20, deadline=at("2026-12-31"))
    workouts = [workout(at("2026-11-03"), distance_km=12)]
    first = evaluate(spec, workouts, at("2026-11-03", 20))
    marks = marks_after(None, first)
    assert first.status == "active"
    done = evaluate(spec, [*workouts, workout(at("2026-11-04"), distance_km=9)], at("2026-11-04"))
    assert done.status == "completed"
    assert done.progress_percent == 100.0 and done.remaining_value == 0.0
    assert done.eta is None and done.on_pace_to_finish is True and done.needed_today == 0.0
    events = goal_events(marks, done)
    assert kinds(events) == ["completed", "milestone:100"]
    assert events[0].data["current_value"] == 21.0
    assert goal_events(marks_after(marks, done), done) == ()


def test_decimal_distances_that_add_up_to_the_target_complete_it() -> None:
    spec = goal("distance_km_total", target=1.0)
    workouts = [workout(at("2026-11-03", h), distance_km=d) for h, d in [(7, 0.7), (8, 0.1)]]
    workouts += [workout(at("2026-11-03", h), distance_km=0.1) for h in (9, 10)]
    assert sum(w.distance_km or 0 for w in workouts) < 1.0  # 0.9999999999999999
    assert evaluate(spec, workouts, at("2026-11-04")).status == "completed"


def test_a_goal_that_closes_short_expires_once_and_needs_nothing_more() -> None:
    spec = goal("distance_km_total", target=100, deadline=at("2026-11-30", 18))
    workouts = [workout(at("2026-11-03"), distance_km=40)]
    before = evaluate(spec, workouts, at("2026-11-30", 17))
    assert before.status == "active"
    after = evaluate(spec, workouts, at("2026-12-02"))
    assert after.status == "expired"
    assert after.needed_today is None
    assert after.expected_progress == 1.0
    events = goal_events(marks_after(None, before), after)
    assert kinds(events) == ["expired"]
    assert goal_events(marks_after(marks_after(None, before), after), after) == ()


def test_a_late_upload_of_a_workout_done_before_the_deadline_completes_rather_than_expires() -> (
    None
):
    spec = goal("distance_km_total", target=30, deadline=at("2026-11-10", 0))
    workouts = [
        workout(at("2026-11-03"), distance_km=20),
        workout(at("2026-11-09"), distance_km=15),
    ]
    assert evaluate(spec, workouts, at("2026-11-12")).status == "completed"


def test_a_7_day_goal_with_an_end_expires_after_it() -> None:
    start, end = at("2026-11-02", 8), at("2026-11-09", 8)
    spec = goal("session_count", target=5, window="7d", start=start, end=end)
    workouts = [workout(at("2026-11-03")), workout(at("2026-11-04"))]
    evaluation = evaluate(spec, workouts, at("2026-11-20"))
    assert evaluation.status == "expired"
    assert evaluation.window_end == end
    assert evaluation.current_value == 2.0


# recurring calendar goals


def _six_weeks() -> GoalSpec:
    """ "4 times a week for 6 weeks", set on a Wednesday evening."""
    return goal(
        "session_count",
        target=4,
        window="weekly",
        start=at("2026-11-04", 19),
        end=at("2026-12-16", 19),
    )


def _four_a_week(weeks: int, skip_week: int | None = None) -> list[WorkoutFacts]:
    """Monday, Tuesday, Thursday and Saturday mornings of the weeks from 2026-W45 on."""
    first_monday = datetime(2026, 11, 2)
    return [
        workout(at((first_monday + timedelta(weeks=w, days=d)).date().isoformat(), 7))
        for w in range(weeks)
        if w != skip_week
        for d in (0, 1, 3, 5)
    ]


def test_four_times_a_week_for_six_weeks_completes_with_the_sixth_weeks_fourth_session() -> None:
    spec = _six_weeks()
    workouts = _four_a_week(6)
    midway = evaluate(spec, workouts[:12], at("2026-11-20"))
    assert midway.status == "active"
    assert midway.period_key == "2026-W47"
    assert midway.period_met is False  # its Saturday has not come yet
    almost = evaluate(spec, workouts[:-1], at("2026-12-12", 6))
    assert almost.status == "active"
    done = evaluate(spec, workouts, at("2026-12-12", 9))
    assert done.status == "completed"
    assert [p.key for p in done.periods] == [f"2026-W{w}" for w in range(45, 51)]
    assert all(p.met for p in done.periods)


def test_a_missed_week_expires_the_goal_when_its_last_week_ends() -> None:
    spec = _six_weeks()
    workouts = _four_a_week(6, skip_week=2)
    assert evaluate(spec, workouts, at("2026-12-13", 20)).status == "active"
    evaluation = evaluate(spec, workouts, at("2026-12-14", 0, 1))
    assert evaluation.status == "expired"
    assert evaluation.period_key == "2026-W50"
    assert [p.met for p in evaluation.periods] == [True, True, False, True, True, True]


def test_each_week_announces_its_completion_once_and_the_goal_its_own_once() -> None:
    spec = _six_weeks()
    workouts = _four_a_week(6)
    marks: ProgressMarks | None = None
    announced: list[str] = []
    now = at("2026-11-04", 20)
    while now < at("2026-12-20"):
        evaluation = evaluate(spec, [w for w in workouts if w.started_at <= now], now)
        for _ in range(2):  # a re-run announces nothing new
            announced += kinds(goal_events(marks, evaluation))
            marks = marks_after(marks, evaluation)
        if evaluation.status == "completed":
            break  # callers stop evaluating completed goals
        now += timedelta(hours=6)
    completions = [k for k in announced if k.startswith("period_completed")]
    assert completions == [f"period_completed:2026-W{w}" for w in range(45, 51)]
    assert announced.count("completed") == 1


def test_a_weeks_last_workout_logged_after_the_week_still_completes_that_week() -> None:
    spec = goal("session_count", target=2, window="weekly")
    sunday = workout(at("2026-11-08", 18))
    workouts = [workout(at("2026-11-03")), sunday]
    saturday = evaluate(spec, workouts[:1], at("2026-11-07", 21))
    marks = marks_after(None, saturday)
    monday = evaluate(spec, workouts, at("2026-11-09", 8))
    assert monday.period_key == "2026-W46"
    assert kinds(goal_events(marks, monday)) == ["period_completed:2026-W45"]


def test_a_weekly_goal_for_good_never_completes_and_lists_its_latest_weeks() -> None:
    spec = goal("session_count", target=1, window="weekly", start=at("2026-01-05", 8))
    workouts = [workout(at("2026-01-05") + timedelta(weeks=w)) for w in range(30)]
    evaluation = evaluate(spec, workouts, at("2026-07-30"))
    assert evaluation.status == "active"
    assert evaluation.period_met is True
    assert len(evaluation.periods) == 12
    assert evaluation.periods[-1].key == evaluation.period_key == "2026-W31"


def test_a_monthly_goal_with_one_month_completes_as_soon_as_the_month_is_met() -> None:
    spec = goal(
        "distance_km_total",
        target=150,
        window="monthly",
        start=at("2026-11-20", 9),
        end=at("2026-12-01", 0),
    )
    workouts = [
        workout(at("2026-11-05"), distance_km=100),
        workout(at("2026-11-21"), distance_km=50),
    ]
    assert evaluate(spec, workouts, at("2026-11-21", 20)).status == "completed"


# streak goals


def test_a_streak_goal_completes_when_the_streak_reaches_the_target() -> None:
    spec = goal("streak_days", target=5)
    workouts = [workout(at(f"2026-11-0{d}", 18)) for d in range(2, 7)]
    three = evaluate(spec, workouts[:3], at("2026-11-04", 20))
    assert (three.current_value, three.progress_percent, three.status) == (3.0, 60.0, "active")
    # Still two days to go, one a day: done by the end of the 6th.
    assert three.eta == at("2026-11-07", 0)
    assert evaluate(spec, workouts, at("2026-11-06", 20)).status == "completed"


def test_a_reached_streak_stays_reached_after_it_breaks() -> None:
    spec = goal("streak_days", target=5, deadline=at("2026-11-30"))
    workouts = [workout(at(f"2026-11-0{d}", 18)) for d in range(2, 7)]
    workouts.append(workout(at("2026-11-09")))
    evaluation = evaluate(spec, workouts, at("2026-11-10", 12))
    assert evaluation.streak_current == 1
    assert (evaluation.current_value, evaluation.status) == (5.0, "completed")


def test_a_broken_streak_starts_over() -> None:
    spec = goal("streak_days", target=5, deadline=at("2026-11-30"))
    workouts = [workout(at(d, 18)) for d in ("2026-11-02", "2026-11-03", "2026-11-05")]
    evaluation = evaluate(spec, workouts, at("2026-11-06", 12))
    assert (evaluation.current_value, evaluation.streak_best) == (1.0, 2)


# milestones and pace


def test_short_goals_get_early_milestones_and_long_ones_quarters() -> None:
    start = at("2026-11-02")
    small = [
        goal(window="7d"),
        goal(window="weekly"),
        goal(deadline=start + timedelta(days=10)),
    ]
    long = [
        goal(window="30d"),
        goal(window="monthly"),
        goal(),
        goal(deadline=start + timedelta(days=60)),
    ]
    assert {milestones_for(g) for g in small} == {SMALL_GOAL_MILESTONES}
    assert {milestones_for(g) for g in long} == {LONG_GOAL_MILESTONES}


def test_milestones_are_announced_once_each_and_a_jump_announces_only_the_highest() -> None:
    spec = goal("distance_km_total", target=100, deadline=at("2027-01-31"))
    now = at("2026-11-10")
    marks: ProgressMarks | None = None
    announced = []
    for total in (10, 30, 30, 55, 90, 90):
        evaluation = evaluate(spec, [workout(at("2026-11-03"), distance_km=total)], now)
        announced += [e.key for e in goal_events(marks, evaluation) if e.kind == "milestone"]
        marks = marks_after(marks, evaluation)
    assert announced == ["milestone:25", "milestone:50", "milestone:75"]
    assert marks is not None and marks.milestones_hit == (25, 50, 75)

    jump = evaluate(spec, [workout(at("2026-11-03"), distance_km=80)], now)
    from_25 = ProgressMarks("active", None, False, (25,), "ahead")
    assert [e.data["percent"] for e in goal_events(from_25, jump)] == [75]


def test_a_schedules_own_milestones_replace_the_defaults() -> None:
    spec = goal("distance_km_total", target=100)
    evaluation = evaluate(spec, [workout(at("2026-11-03"), distance_km=40)], at("2026-11-04"))
    assert kinds(goal_events(None, evaluation, milestones=(33, 66, 100))) == ["milestone:33"]
    assert goal_events(None, evaluation, milestones=(50, 100)) == ()


def test_milestones_start_over_in_each_period() -> None:
    spec = goal("distance_km_total", target=20, window="weekly")
    week1 = evaluate(spec, [workout(at("2026-11-03"), distance_km=7)], at("2026-11-04"))
    assert kinds(goal_events(None, week1)) == ["milestone:2026-W45:30"]
    marks = marks_after(None, week1)
    week2 = evaluate(spec, [workout(at("2026-11-10"), distance_km=7)], at("2026-11-11"))
    assert kinds(goal_events(marks, week2)) == ["milestone:2026-W46:30"]


def test_pace_changes_are_announced_when_they_happen() -> None:
    start, deadline = at("2026-11-01", 0), at("2026-12-01", 0)
    spec = goal("distance_km_total", target=30, start=start, deadline=deadline)
    ten = [workout(at("2026-11-02"), distance_km=10)]

    day10 = evaluate(spec, ten, at("2026-11-11", 0))
    assert day10.pace == "on_track"
    marks = marks_after(None, day10)
    assert kinds(goal_events(None, day10)) == ["milestone:25"]  # a first look: no change

    day15 = evaluate(spec, ten, at("2026-11-16", 0))
    assert (day15.pace, day15.delta) == ("behind", pytest.approx(1 / 3 - 1 / 2))
    events = goal_events(marks, day15)
    assert kinds(events) == ["pace:behind:2026-11-16"]
    assert events[0].data == {"from": "on_track", "to": "behind", "delta": day15.delta}
    marks = marks_after(marks, day15)
    assert goal_events(marks, day15) == ()

    day20 = evaluate(spec, ten, at("2026-11-21", 0))
    assert day20.pace == "severely_behind"
    assert kinds(goal_events(marks, day20)) == ["pace:severely_behind:2026-11-21"]
    marks = marks_after(marks, day20)

    caught_up = evaluate(
        spec, [*ten, workout(at("2026-11-21", 9), distance_km=13)], at("2026-11-21", 10)
    )
    assert caught_up.pace == "ahead"
    assert kinds(goal_events(marks, caught_up)) == ["milestone:75", "pace:ahead:2026-11-21"]


def test_no_pace_change_on_a_first_look_or_across_periods() -> None:
    spec = goal("distance_km_total", target=70, window="weekly")
    sunday = evaluate(spec, [], at("2026-11-08", 20))
    assert sunday.pace == "severely_behind"
    assert goal_events(None, sunday) == ()
    monday = evaluate(spec, [], at("2026-11-09", 8))
    assert monday.pace == "on_track"
    assert goal_events(marks_after(None, sunday), monday) == ()


def test_an_evaluation_is_asdict_friendly_for_storage() -> None:
    import dataclasses

    spec = _six_weeks()
    doc = dataclasses.asdict(evaluate(spec, _four_a_week(2), at("2026-11-12")))
    assert doc["periods"] == (("2026-W45", 4.0, True), ("2026-W46", 3.0, False))
    assert doc["milestones"] == SMALL_GOAL_MILESTONES
