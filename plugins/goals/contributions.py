"""What a user's workouts add to a goal, one local day at a time.

Evaluation never sees workouts: the store keeps each goal's day → value map and recomputes it
only when workouts change, so the daily pass over every goal stays cheap. Only days that
contribute appear in the map (a value above zero); that is what makes a day count for a
streak and for "days since the last contribution".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from plugins.goals.model import Constraints, Metric, WorkoutFacts

SESSION_MINIMUMS: tuple[tuple[str, str], ...] = (
    ("session_min_distance_km", "distance_km"),
    ("session_min_duration_minutes", "duration_minutes"),
    ("session_min_elevation_m", "elevation_gain_m"),
)
"""Per-session constraint → the workout quantity it bounds. A quantity that was not recorded
cannot show the minimum was met, so such a workout does not count."""

DAY_MINIMUMS: tuple[tuple[str, str], ...] = (
    ("min_distance_km_per_day", "distance_km"),
    ("min_duration_minutes_per_day", "duration_minutes"),
    ("min_steps_per_day", "steps"),
)

SUMMED: dict[Metric, Callable[[WorkoutFacts], float | None]] = {
    "distance_km_total": lambda w: w.distance_km,
    "duration_minutes_total": lambda w: w.duration_minutes,
    "elevation_gain_m_total": lambda w: w.elevation_gain_m,
    "steps_total": lambda w: w.steps,
    "power_points_total": lambda w: w.power_points,
}


def qualifies(workout: WorkoutFacts, constraints: Constraints) -> bool:
    """Whether one session passes the goal's per-session filters."""
    if (
        constraints.activities is not None
        and workout.activity is not None
        and workout.activity not in constraints.activities
    ):
        return False
    if constraints.min_weight_kg is not None and (
        workout.load_kg is None or workout.load_kg < constraints.min_weight_kg
    ):
        return False
    for constraint, quantity in SESSION_MINIMUMS:
        minimum = getattr(constraints, constraint)
        measured = getattr(workout, quantity)
        if minimum is not None and (measured is None or measured < minimum):
            return False
    return True


def daily_values(
    metric: Metric, constraints: Constraints, first_day: str, workouts: Iterable[WorkoutFacts]
) -> dict[str, float]:
    """Local ISO date → the metric's value that day, for days from ``first_day`` on, in date
    order (so a stored map reads chronologically)."""
    by_day: defaultdict[str, list[WorkoutFacts]] = defaultdict(list)
    for workout in workouts:
        if workout.local_date >= first_day and qualifies(workout, constraints):
            by_day[workout.local_date].append(workout)
    values = {day: day_value(metric, constraints, by_day[day]) for day in sorted(by_day)}
    return {day: value for day, value in values.items() if value > 0}


def day_value(metric: Metric, constraints: Constraints, sessions: list[WorkoutFacts]) -> float:
    if metric == "streak_days":
        return 1.0 if day_counts(constraints, sessions) else 0.0
    if metric == "session_count":
        return float(len(sessions))
    if metric == "load_kg_min_sessions":
        # With a minimum weight the filter has already checked the load; without one (which
        # validation rejects) a session still has to have carried some load.
        return float(sum(1 for s in sessions if s.load_kg is not None and s.load_kg > 0))
    quantity = SUMMED[metric]
    return float(sum(quantity(s) or 0.0 for s in sessions))


def day_counts(constraints: Constraints, sessions: list[WorkoutFacts]) -> bool:
    """A streak day: every per-day minimum met by the day's qualifying sessions together; with
    no minimums, any qualifying session makes the day."""
    if not sessions:
        return False
    for constraint, quantity in DAY_MINIMUMS:
        minimum = getattr(constraints, constraint)
        if minimum is not None and sum(getattr(s, quantity) or 0 for s in sessions) < minimum:
            return False
    return True
