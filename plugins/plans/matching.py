"""Which logged workout was which planned session: the calendar shows planned and actual side
by side, and a matched session counts as done without the athlete ticking it off.

Pure. A logged workout matches a planned session on the same local day when its activity can
stand for the session's (a run for any running session; a ride or a swim for a ``cross``
session). When a day has more than one candidate, the pairs whose durations (or, failing that,
distances) are closest win, so a short shake-out and a long run on one day each land where they
belong. Each workout matches at most one session and each session at most one workout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from plugins.plans.logged import LoggedWorkout

RUNNING_SESSIONS: Final = frozenset(
    {"easy", "long", "tempo", "intervals", "recovery", "race", "strides", "hills"}
)
CROSS_ACTIVITIES: Final = frozenset(
    {"bike", "cycle", "swim", "walk", "hike", "ruck", "row", "elliptical"}
)


@dataclass(frozen=True, slots=True)
class Planned:
    id: str
    day: date
    workout_type: str
    distance_km: float | None = None
    duration_minutes: float | None = None


def match_sessions(planned: Iterable[Planned], logged: Iterable[LoggedWorkout]) -> dict[str, str]:
    """Planned session id → logged workout id, for every pair that matches."""
    by_day: dict[date, list[LoggedWorkout]] = {}
    for workout in logged:
        by_day.setdefault(workout.day, []).append(workout)
    sessions_by_day: dict[date, list[Planned]] = {}
    for session in planned:
        sessions_by_day.setdefault(session.day, []).append(session)
    matched: dict[str, str] = {}
    for day, sessions in sessions_by_day.items():
        candidates = sorted(
            (
                (_gap(s, w), s.id, w.id)
                for s in sessions
                for w in by_day.get(day, ())
                if _can_stand_for(w.activity, s.workout_type)
            ),
        )
        used: set[str] = set()
        for _, session_id, workout_id in candidates:
            if session_id in matched or workout_id in used:
                continue
            matched[session_id] = workout_id
            used.add(workout_id)
    return matched


def _can_stand_for(activity: str, workout_type: str) -> bool:
    if workout_type in RUNNING_SESSIONS:
        return activity == "run"
    if workout_type == "cross":
        return activity in CROSS_ACTIVITIES
    return False  # rest days are not matched


def _gap(session: Planned, workout: LoggedWorkout) -> tuple[float, float]:
    """How far apart a session and a workout are: relative duration gap, then distance gap."""
    return (
        _relative(session.duration_minutes, workout.duration_minutes),
        _relative(session.distance_km, workout.distance_km),
    )


def _relative(planned: float | None, actual: float | None) -> float:
    if not planned or actual is None:
        return 1.0
    return abs(actual - planned) / planned


def unmatched(logged: Sequence[LoggedWorkout], matched: dict[str, str]) -> list[LoggedWorkout]:
    """Workouts that stand for no planned session (extra training, shown on its own)."""
    used = set(matched.values())
    return [w for w in logged if w.id not in used]
