"""From what a chat said (``reading.PlanAsk``) to a plan request the planner takes: the race as
an A goal, the athlete's fitness from a recent race or weekly distance, sensible defaults for
what was not said, and which question to ask first when something essential is missing. Pure.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal

from plugins.plans.load import running_tss
from plugins.plans.model import (
    Athlete,
    CompletionProbabilityTarget,
    FinishTimeTarget,
    GoalDefinition,
    GoalTarget,
    Level,
    PlanConfiguration,
    PlanRequest,
    RunFitness,
)
from plugins.plans.reading import PlanAsk
from plugins.plans.vdot import MAX_VDOT, MIN_VDOT, training_paces, vdot_from_race

DEFAULT_DAYS: Final = 4
FINISH_PROBABILITY: Final = 90.0
"""With no time goal, the target is to finish: a 90 % chance of finishing healthy."""
LEVEL_BY_WEEKLY_KM: Final[tuple[tuple[float, Level], ...]] = (
    (15.0, "beginner"),
    (35.0, "novice"),
    (110.0, "experienced"),
)
LEVEL_BY_VDOT: Final[tuple[tuple[float, Level], ...]] = (
    (35.0, "beginner"),
    (45.0, "novice"),
    (60.0, "experienced"),
)
"""Levels by how much and how fast someone runs (our calibration of seed 002's load bands)."""
ASSUMED_VDOT: Final[dict[str, float]] = {
    "beginner": 32.0,
    "novice": 40.0,
    "experienced": 50.0,
    "elite": 62.0,
}
"""Only to convert weekly kilometres into load when no race says how fast the athlete is."""

Missing = Literal["race", "fitness"]


def missing(ask: PlanAsk, *, has_history: bool) -> Missing | None:
    """The most important thing still unknown: the race and its date, then current fitness."""
    if ask.distance_m is None or ask.event_date is None:
        return "race"
    if ask.recent is None and ask.weekly_km is None and ask.level is None and not has_history:
        return "fitness"
    return None


def plan_start(today: date) -> date:
    """Plans start on the Monday after today: a whole first week, and a day to get ready."""
    return today + timedelta(days=7 - today.weekday())


def plan_request(
    ask: PlanAsk, today: date, configuration: PlanConfiguration | None = None
) -> PlanRequest:
    """The request for ``ask``, which must name a race and its date (``missing`` is None or
    "fitness"). Raises ``ValueError`` (pydantic's) when the facts cannot make a plan, e.g. a
    race before the plan would start."""
    assert ask.distance_m is not None and ask.event_date is not None
    vdot = _vdot(ask)
    level = ask.level or _level(ask, vdot)
    target: GoalTarget = (
        FinishTimeTarget(kind="finish_time", value_seconds=ask.goal_seconds)
        if ask.goal_seconds is not None
        else CompletionProbabilityTarget(
            kind="completion_probability", value_pct=FINISH_PROBABILITY
        )
    )
    goal = GoalDefinition(
        id="race",
        sport="run",
        event_date_iso=ask.event_date,
        priority="A",
        distance_m=ask.distance_m,
        targets=[target],
    )
    run = RunFitness(
        vdot=vdot,
        recent_race=ask.recent,
        weekly_tss=_weekly_tss(ask.weekly_km, vdot or ASSUMED_VDOT[level]),
    )
    athlete = Athlete(
        level=level,
        run=run,
        available_days_per_week=ask.days_per_week or DEFAULT_DAYS,
    )
    return PlanRequest(
        goals=[goal],
        configuration=configuration or PlanConfiguration(),
        athlete=athlete,
        start_date=plan_start(today),
    )


def _vdot(ask: PlanAsk) -> float | None:
    if ask.recent is None:
        return None
    try:
        return vdot_from_race(ask.recent.distance_m, ask.recent.seconds)
    except ValueError:
        return None


def _level(ask: PlanAsk, vdot: float | None) -> Level:
    if ask.weekly_km is not None:
        return next((lvl for limit, lvl in LEVEL_BY_WEEKLY_KM if ask.weekly_km < limit), "elite")
    if vdot is not None:
        return next((lvl for limit, lvl in LEVEL_BY_VDOT if vdot < limit), "elite")
    return "novice"


def _weekly_tss(weekly_km: float | None, vdot: float) -> list[float]:
    """Six weeks at the weekly distance, run at the middle of the easy range (most of a week's
    running is easy; the small share of faster work is within the estimate's error)."""
    if not weekly_km:
        return []
    paces = training_paces(min(max(vdot, MIN_VDOT), MAX_VDOT))
    easy = sum(paces.easy) / 2
    tss = running_tss(weekly_km * easy, easy, paces.threshold)
    return [round(tss, 1)] * 6
