"""Training history from logged workouts: the weekly load the planner starts from.

Pure: workouts come in as plain facts, ``today`` is passed in. Weeks are the seven-day blocks
ending yesterday (today is still in progress), oldest first, so "the last 6 weeks" means the
same thing on every day of the week.

Stress per session, in order of preference:

- a run with distance and duration, and a threshold pace known (from VDOT): rTSS;
- any session with a duration: ``hours · IF² · 100`` at the intensity typical of that
  activity done easily (run 0.75, bike 0.70, swim 0.70, ruck/hike 0.65, walk 0.50), the
  intensity factors coaches assume for aerobic work;
- a run with distance alone: its duration at an easy 6:30/km (a conservative guess, flagged);
- nothing else counts (a step count alone says too little about stress).

``WeeklyHistory.estimated`` says whether any figure rested on a guess, so the planner can lower
its confidence (seed 002 "Evidence confidence").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from plugins.plans.load import running_tss
from plugins.plans.logged import LoggedWorkout

EASY_INTENSITY: Final[dict[str, float]] = {
    "run": 0.75,
    "bike": 0.70,
    "cycle": 0.70,
    "swim": 0.70,
    "ruck": 0.65,
    "hike": 0.65,
    "walk": 0.50,
}
GUESSED_RUN_PACE_S_PER_KM: Final = 390.0


@dataclass(frozen=True, slots=True)
class WeeklyHistory:
    weekly_tss: tuple[float, ...]
    """Oldest first, one figure per seven-day block ending yesterday."""
    weekly_run_km: tuple[float, ...]
    sessions: int
    estimated: bool


def weekly_history(
    workouts: Iterable[LoggedWorkout],
    today: date,
    *,
    weeks: int = 6,
    threshold_pace_s_per_km: float | None = None,
) -> WeeklyHistory:
    """The last ``weeks`` weeks of load and running distance."""
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    tss = [0.0] * weeks
    run_km = [0.0] * weeks
    counted = 0
    estimated = False
    first_day = today - timedelta(days=7 * weeks)
    for session in workouts:
        if not first_day <= session.day < today:
            continue
        stress, guessed = session_stress(session, threshold_pace_s_per_km)
        if stress is None:
            continue
        block = (session.day - first_day).days // 7
        tss[block] += stress
        if session.activity == "run" and session.distance_km:
            run_km[block] += session.distance_km
        counted += 1
        estimated = estimated or guessed
    return WeeklyHistory(
        weekly_tss=tuple(round(x, 1) for x in tss),
        weekly_run_km=tuple(round(x, 1) for x in run_km),
        sessions=counted,
        estimated=estimated,
    )


def session_stress(
    session: LoggedWorkout, threshold_pace_s_per_km: float | None
) -> tuple[float | None, bool]:
    """A session's TSS and whether it is a guess; ``None`` when it cannot be judged."""
    minutes = session.duration_minutes if session.duration_minutes else None
    km = session.distance_km if session.distance_km else None
    if session.activity == "run" and minutes and km and threshold_pace_s_per_km:
        return running_tss(minutes * 60, minutes * 60 / km, threshold_pace_s_per_km), False
    intensity = EASY_INTENSITY.get(session.activity)
    if intensity is None:
        return None, False
    if minutes:
        return minutes / 60 * intensity * intensity * 100, True
    if session.activity == "run" and km:
        hours = km * GUESSED_RUN_PACE_S_PER_KM / 3600
        return hours * intensity * intensity * 100, True
    return None, False
