"""Properties of goal evaluation over random goals, workouts and moments: it always answers,
its numbers stay in range, a harder target never looks closer, more work never counts for
less, and announcing an evaluation twice announces nothing the second time."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.goals.model import (
    ACTIVITIES,
    METRICS,
    TARGET_BOUNDS,
    WINDOWS,
    Constraints,
    Metric,
    WorkoutFacts,
)
from plugins.goals.periods import local_day
from plugins.goals.progress import (
    GoalSpec,
    daily_contributions,
    evaluate_goal,
    goal_events,
    marks_after,
)

ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "America/Santiago",  # springs forward at midnight
    "Asia/Kolkata",  # half-hour offset
    "Pacific/Chatham",  # quarter-hour offset and daylight saving
    "UTC",
)
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
MINUTES_A_YEAR = 366 * 24 * 60
SUMMED: tuple[Metric, ...] = tuple(m for m in METRICS if m != "streak_days")
_ids = itertools.count()

PROPERTIES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def minutes(low: int, high: int) -> st.SearchStrategy[timedelta]:
    return st.integers(low, high).map(lambda m: timedelta(minutes=m))


def maybe_float(high: float) -> st.SearchStrategy[float | None]:
    return st.none() | st.floats(0, high, allow_nan=False)


@st.composite
def constraints_for(draw: st.DrawFn, metric: Metric) -> Constraints:
    fields: dict[str, object] = {}
    if metric == "load_kg_min_sessions" or draw(st.booleans()):
        fields["min_weight_kg"] = draw(st.floats(1, 60))
    if draw(st.booleans()):
        fields["activities"] = tuple(
            draw(st.lists(st.sampled_from(ACTIVITIES), min_size=1, max_size=3, unique=True))
        )
    if draw(st.booleans()):
        fields["session_min_distance_km"] = draw(st.floats(0.5, 20))
    if metric == "streak_days" and draw(st.booleans()):
        fields["min_distance_km_per_day"] = draw(st.floats(0.5, 30))
    if metric == "streak_days" and draw(st.booleans()):
        fields["min_steps_per_day"] = draw(st.integers(1, 30_000))
    return Constraints.model_validate(fields)


@st.composite
def specs(draw: st.DrawFn) -> GoalSpec:
    metric = draw(st.sampled_from(METRICS))
    window = draw(st.sampled_from(WINDOWS))
    low, high = TARGET_BOUNDS[metric]
    start = EPOCH + draw(minutes(0, MINUTES_A_YEAR))
    end = start + draw(minutes(60, 2 * MINUTES_A_YEAR))
    closes = draw(st.booleans())
    return GoalSpec(
        metric=metric,
        target_value=draw(st.floats(low, min(high, 50_000))),
        window=window,
        constraints=draw(constraints_for(metric)),
        start_at=start,
        end_at=end if closes and window != "until_deadline" else None,
        deadline_at=end if closes and window == "until_deadline" else None,
        tz=draw(st.sampled_from(ZONES)),
    )


@st.composite
def workouts_for(draw: st.DrawFn, spec: GoalSpec) -> WorkoutFacts:
    started = spec.start_at + draw(minutes(-40 * 24 * 60, 400 * 24 * 60))
    steps = draw(st.none() | st.integers(0, 40_000))
    return WorkoutFacts(
        workout_id=f"w{next(_ids)}",
        started_at=started,
        local_date=local_day(started, ZoneInfo(spec.tz)).isoformat(),
        activity=draw(st.none() | st.sampled_from(ACTIVITIES)),
        distance_km=draw(maybe_float(60)),
        duration_minutes=draw(maybe_float(600)),
        elevation_gain_m=draw(maybe_float(3000)),
        load_kg=draw(maybe_float(60)),
        steps=steps,
        power_points=draw(maybe_float(500)),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[GoalSpec, list[WorkoutFacts], datetime]:
    spec = draw(specs())
    workouts = draw(st.lists(workouts_for(spec), max_size=40))
    now = spec.start_at + draw(minutes(-2 * 24 * 60, 500 * 24 * 60))
    return spec, workouts, now


@PROPERTIES
@given(cases())
def test_evaluation_always_answers_within_range(
    case: tuple[GoalSpec, list[WorkoutFacts], datetime],
) -> None:
    spec, workouts, now = case
    evaluation = evaluate_goal(spec, daily_contributions(spec, workouts), now)
    assert 0.0 <= evaluation.progress_percent <= 100.0
    assert evaluation.current_value >= 0 and evaluation.remaining_value >= 0
    assert evaluation.expected_progress is None or 0 <= evaluation.expected_progress <= 1
    assert evaluation.needed_today is None or evaluation.needed_today >= 0
    assert 0 <= evaluation.streak_current <= evaluation.streak_best
    assert evaluation.window_end is None or evaluation.window_start <= evaluation.window_end
    if spec.end_at is None and spec.deadline_at is None:
        assert evaluation.status != "expired"
    if evaluation.status == "completed":
        assert evaluation.progress_percent == 100.0 or evaluation.periods


@PROPERTIES
@given(cases(), st.floats(1.0, 10.0))
def test_a_harder_target_never_shows_more_progress(
    case: tuple[GoalSpec, list[WorkoutFacts], datetime], factor: float
) -> None:
    spec, workouts, now = case
    daily = daily_contributions(spec, workouts)
    harder = dataclasses.replace(spec, target_value=spec.target_value * factor)
    easy = evaluate_goal(spec, daily, now)
    hard = evaluate_goal(harder, daily, now)
    assert hard.progress_percent <= easy.progress_percent + 1e-9


@PROPERTIES
@given(cases(), st.data())
def test_another_workout_never_lowers_a_summed_value(
    case: tuple[GoalSpec, list[WorkoutFacts], datetime], data: st.DataObject
) -> None:
    spec, workouts, now = case
    spec = dataclasses.replace(spec, metric=data.draw(st.sampled_from(SUMMED)))
    extra = data.draw(workouts_for(spec))
    before = evaluate_goal(spec, daily_contributions(spec, workouts), now)
    after = evaluate_goal(spec, daily_contributions(spec, [*workouts, extra]), now)
    assert after.current_value >= before.current_value - 1e-9


@PROPERTIES
@given(cases(), cases())
def test_events_are_announced_once(
    earlier: tuple[GoalSpec, list[WorkoutFacts], datetime],
    later: tuple[GoalSpec, list[WorkoutFacts], datetime],
) -> None:
    spec, workouts, now = earlier
    first = evaluate_goal(spec, daily_contributions(spec, workouts), now)
    marks = marks_after(None, first)
    _, more, later_now = later
    second = evaluate_goal(spec, daily_contributions(spec, [*workouts, *more]), later_now)
    goal_events(marks, second)
    assert goal_events(marks_after(marks, second), second) == ()


@PROPERTIES
@given(
    specs(),
    st.dictionaries(st.dates().map(lambda d: d.isoformat()), st.floats(0.001, 1e6), max_size=60),
    minutes(-MINUTES_A_YEAR, 3 * MINUTES_A_YEAR),
)
def test_any_daily_map_evaluates(
    spec: GoalSpec, daily: dict[str, float], offset: timedelta
) -> None:
    evaluation = evaluate_goal(spec, daily, spec.start_at + offset)
    assert 0.0 <= evaluation.progress_percent <= 100.0
