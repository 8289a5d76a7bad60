"""The vocabulary of goals: metrics, windows, units, constraints, drafts and workouts.

Everything else in the goals skill speaks these types. Storage is canonical (seed 000 "Units"):
distance in km, elevation in m, duration in minutes, load in kg, steps, power points, sessions
as a count and streaks in days. The unit the user wrote is kept as ``display_unit`` so the goal
reads back the way it was asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Metric = Literal[
    "distance_km_total",
    "session_count",
    "streak_days",
    "elevation_gain_m_total",
    "load_kg_min_sessions",
    "duration_minutes_total",
    "steps_total",
    "power_points_total",
]
METRICS: tuple[Metric, ...] = get_args(Metric)

Window = Literal["7d", "30d", "weekly", "monthly", "until_deadline"]
WINDOWS: tuple[Window, ...] = get_args(Window)
"""``7d``/``30d``: the last N days, never reaching before ``start_at``. ``weekly``/``monthly``:
the current calendar week (Monday first) or month in the user's time zone, repeating until
``end_at`` (or for good when there is none). ``until_deadline``: everything from ``start_at`` to
``deadline_at`` (open-ended when there is no deadline, as for a streak)."""

CanonicalUnit = Literal["km", "m", "minutes", "kg", "steps", "points", "sessions", "days"]
DisplayUnit = Literal[
    "km", "mi", "m", "ft", "minutes", "hours", "kg", "lb", "steps", "points", "sessions", "days"
]
DISPLAY_UNITS: tuple[DisplayUnit, ...] = get_args(DisplayUnit)

Activity = Literal["run", "ruck", "walk", "hike", "cycle", "other"]
ACTIVITIES: tuple[Activity, ...] = get_args(Activity)

Status = Literal["active", "paused", "completed", "canceled", "expired"]

CANONICAL_UNIT: dict[Metric, CanonicalUnit] = {
    "distance_km_total": "km",
    "session_count": "sessions",
    "streak_days": "days",
    "elevation_gain_m_total": "m",
    "load_kg_min_sessions": "sessions",
    "duration_minutes_total": "minutes",
    "steps_total": "steps",
    "power_points_total": "points",
}

TO_CANONICAL: dict[DisplayUnit, tuple[CanonicalUnit, float]] = {
    "km": ("km", 1.0),
    "mi": ("km", 1.609344),
    "m": ("m", 1.0),
    "ft": ("m", 0.3048),
    "minutes": ("minutes", 1.0),
    "hours": ("minutes", 60.0),
    "kg": ("kg", 1.0),
    "lb": ("kg", 0.45359237),
    "steps": ("steps", 1.0),
    "points": ("points", 1.0),
    "sessions": ("sessions", 1.0),
    "days": ("days", 1.0),
}
"""Each display unit's canonical unit and the factor that converts one into the other."""

TARGET_BOUNDS: dict[Metric, tuple[float, float]] = {
    "distance_km_total": (0.1, 20_000.0),
    "session_count": (1, 1_000),
    "streak_days": (1, 3_650),
    "elevation_gain_m_total": (1.0, 1_000_000.0),
    "load_kg_min_sessions": (1, 1_000),
    "duration_minutes_total": (1.0, 500_000.0),
    "steps_total": (100, 50_000_000),
    "power_points_total": (1.0, 10_000_000.0),
}
"""Sane ranges for ``target_value`` in canonical units; a draft outside them is rejected."""


def to_canonical(value: float, unit: DisplayUnit) -> tuple[float, CanonicalUnit]:
    canonical, factor = TO_CANONICAL[unit]
    return value * factor, canonical


def from_canonical(value: float, unit: DisplayUnit) -> float:
    return value / TO_CANONICAL[unit][1]


def display_units_for(metric: Metric) -> tuple[DisplayUnit, ...]:
    """The units a user may see this metric's target in."""
    canonical = CANONICAL_UNIT[metric]
    return tuple(u for u in DISPLAY_UNITS if TO_CANONICAL[u][0] == canonical)


class Constraints(BaseModel):
    """Conditions on what counts (seed 000 ``constraints_json``). All optional; canonical
    units. Per-session ones filter workouts; per-day ones decide whether a day counts (for
    streaks) or cap nothing (totals)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_weight_kg: float | None = Field(default=None, gt=0, le=200)
    """A session counts only with at least this pack weight."""
    session_min_distance_km: float | None = Field(default=None, gt=0, le=500)
    session_min_duration_minutes: float | None = Field(default=None, gt=0, le=2_880)
    session_min_elevation_m: float | None = Field(default=None, gt=0, le=20_000)
    min_distance_km_per_day: float | None = Field(default=None, gt=0, le=500)
    """A day counts (streaks) only with at least this distance."""
    min_duration_minutes_per_day: float | None = Field(default=None, gt=0, le=1_440)
    min_steps_per_day: int | None = Field(default=None, gt=0, le=200_000)
    activities: tuple[Activity, ...] | None = Field(default=None, min_length=1)
    """Only these kinds of workout count; ``None`` counts every kind."""


class GoalDraft(BaseModel):
    """A goal before it is created: what both the parser and the LLM path produce, what the
    preview card shows and what ``POST /goals`` accepts. Valid against
    ``schemas/goal_draft.v1.json``; canonical units throughout."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: Metric
    target_value: float = Field(gt=0)
    unit: CanonicalUnit
    display_unit: DisplayUnit
    window: Window
    constraints: Constraints = Field(default_factory=Constraints)
    title: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=300)
    start_at: datetime
    end_at: datetime | None = None
    deadline_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class WorkoutFacts:
    """One workout as evaluation sees it: the start instant (UTC), the local calendar date it
    belongs to, and its measured quantities in canonical units (``None`` = not recorded)."""

    workout_id: str
    started_at: datetime
    local_date: str
    """ISO date in the workout's own time zone (or the user's when it had none)."""
    activity: Activity | None = None
    distance_km: float | None = None
    duration_minutes: float | None = None
    elevation_gain_m: float | None = None
    load_kg: float | None = None
    steps: int | None = None
    power_points: float | None = None
