"""A logged workout as the plans skill reads it (stored by ``storage.workouts``): the facts the
history, the calendar and pace anchoring need, nothing more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class LoggedWorkout:
    id: str
    day: date
    activity: str
    distance_km: float | None = None
    duration_minutes: float | None = None


def logged_workout(doc: dict[str, Any]) -> LoggedWorkout:
    """From a stored workout document (its client id, local day and measures)."""
    return LoggedWorkout(
        id=str(doc["workout_id"]),
        day=date.fromisoformat(doc["local_date"]),
        activity=str(doc.get("activity") or "run"),
        distance_km=doc.get("distance_km"),
        duration_minutes=doc.get("duration_minutes"),
    )
