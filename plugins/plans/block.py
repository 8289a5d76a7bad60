"""The 14-21 day training block (seed 001 "Personalized Plan Generator"): the deterministic
generator behind the ``GeneratedPlan`` contract, built by the same day builder as race plans.

Pure and deterministic: no I/O, no clock (the start date comes in), no randomness. The same
request gives the same plan, and ``version`` changes exactly when a template or a rule does.

What it does with seed 001's rules:

- **Shape**: ``GeneratedPlan`` with camelCase keys when dumped ``by_alias`` (``userId``,
  ``startDate``, ``days[].sessionType`` …). ``sessionType`` is seed 001's set; a recovery run is an
  ``easy`` session tagged ``recovery``, and a race inside the block is ``race`` (an extension:
  the seed's union has no race, and a block that reaches race day must say so).
- **Progression** ("rookie → intermediate → speed"): the block's weeks walk up the phases from
  where the runner's level starts (``BLOCK_PHASES``); with a race ahead they follow that race's
  periodization instead, and a race inside the block gets its taper.
- **Load**: from the runner's current weekly load (or the bottom of seed 002's range for the
  level), growing by the level's safe ramp; every week-on-week rise is hard-capped at +10 %
  (seed 001 "hard-cap weekly deltas"; seed 002 "absolute hard recommendation ≤ +10%").
- **Rest-day spacing**, **paces from recent easy pace, else RPE**: as the day builder does.
- **Tags**: ``is_quality_session`` (tempo, intervals, race), ``rookie_challenge`` (a beginner's
  one stretch session of the week: the quality session, else the long run), ``indoor_ok``
  (sessions whose purpose survives a treadmill or an indoor machine: easy, recovery, tempo,
  intervals, cross; not the long run, where terrain and fuelling practice matter, nor the race),
  plus ``recovery`` and ``strides`` for the UI.
- **Rationale**: 2-3 bullets, from the plan itself (goal, load and rest, paces).
- **Version**: ``tpl-`` and 12 hex digits of the SHA-256 of every template text and every rule
  constant (``TEMPLATE_VERSION``).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from plugins.plans import days as day_rules
from plugins.plans.days import (
    DayPlan,
    PlannedWorkout,
    Race,
    RecentRun,
    Schedule,
    build_days,
)
from plugins.plans.periodization import (
    LEVELS,
    MAX_RAMP,
    RAMP,
    TAPER_FACTOR,
    WEEKLY_TSS_RANGE,
    Level,
    Phase,
    WeekKind,
    WeekTarget,
    race_phases,
)
from plugins.plans.sessions import TEMPLATE_CONSTANTS, TEMPLATES, format_pace

SessionType = Literal["easy", "tempo", "intervals", "long", "rest", "cross", "race"]
Tag = Literal["rookie_challenge", "is_quality_session", "indoor_ok", "recovery", "strides"]

MIN_BLOCK_DAYS: Final = 14
MAX_BLOCK_DAYS: Final = 21
BLOCK_PHASES: Final[dict[Level, tuple[Phase, Phase, Phase]]] = {
    "beginner": ("base", "base", "build"),
    "intermediate": ("base", "build", "build"),
    "advanced": ("build", "build", "peak"),
}
"""Seed 001's "rookie → intermediate → speed": a beginner's block is mostly base (easy running,
strides), an intermediate's moves into threshold work, an advanced runner's reaches VO2max."""
INDOOR_OK_TYPES: Final = frozenset({"easy", "recovery", "tempo", "intervals", "cross"})


class GeneratedDay(BaseModel):
    """One day of seed 001's ``GeneratedPlan.days``."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        frozen=True,
        extra="forbid",
    )

    date: str
    session_type: SessionType
    duration_minutes: int | None = None
    target_pace: str | None = None
    target_hr_zone: str | None = None
    notes: str | None = None
    tags: list[Tag] = []


class GeneratedPlan(BaseModel):
    """Seed 001's output contract; ``model_dump(by_alias=True)`` gives its JSON keys."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        frozen=True,
        extra="forbid",
    )

    user_id: str
    start_date: str
    days: list[GeneratedDay]
    rationale: str
    version: str


@dataclass(frozen=True, slots=True)
class BlockRequest:
    """What the block is built from (seed 001 "Inputs & context").

    ``current_weekly_tss``: the runner's recent weekly running load, if known. ``race``: a goal
    race (inside the block or later); ``goal_distance_km`` shapes the block without one.
    """

    user_id: str
    start: date
    level: Level
    available_weekdays: frozenset[int]
    length_days: int = MIN_BLOCK_DAYS
    long_run_weekday: int | None = None
    max_session_minutes: float | None = None
    vdot: float | None = None
    recent_runs: tuple[RecentRun, ...] = ()
    current_weekly_tss: float | None = None
    race: Race | None = None
    goal_distance_km: float | None = None


def _template_version() -> str:
    rules = {
        name: getattr(day_rules, name)
        for name in (
            "RUN_DAYS_CAP",
            "QUALITY_MAX",
            "MAX_STRESS_STREAK",
            "LONG_CAP_MIN",
            "LONG_SHARE",
            "LONG_OVER_EASY",
            "LONG_MIN",
            "EASY_MIN",
            "EASY_CAP",
            "RACE_WEEK_EASY_CAP",
            "RECOVERY_MIN",
            "CROSS_MIN",
            "STRIDE_DAYS",
            "RECOVERY_RUN_DAYS",
            "TSS_TOLERANCE",
            "ROUND_MIN",
        )
    }
    payload = {
        "templates": TEMPLATES,
        "constants": TEMPLATE_CONSTANTS,
        "rules": rules,
        "block": {"phases": BLOCK_PHASES, "ramp": RAMP, "max_ramp": MAX_RAMP},
    }
    canonical = json.dumps(payload, sort_keys=True, default=repr, separators=(",", ":"))
    return "tpl-" + hashlib.sha256(canonical.encode()).hexdigest()[:12]


TEMPLATE_VERSION: Final = _template_version()
"""Stable hash of the template set and rules (seed 001: "version: e.g., plan template hash")."""


def block_weeks(request: BlockRequest) -> tuple[WeekTarget, ...]:
    """The weekly targets behind a block: one per started week of ``length_days``."""
    _validate(request)
    count = math.ceil(request.length_days / 7)
    level = request.level
    base = request.current_weekly_tss
    if base is None:
        base = WEEKLY_TSS_RANGE[level][0]
    ramp = min(RAMP[level], MAX_RAMP)
    race = request.race
    phases: list[Phase]
    kinds: list[WeekKind] = ["build"] * count
    if race is not None:
        race_index = (race.date - request.start).days // 7
        plan = race_phases(race_index + 1, race.distance_km)
        phases = [pw.phase for pw in plan[:count]]
        phases += ["recovery"] * (count - len(phases))
        for i in range(count):
            if i == race_index:
                kinds[i] = "race"
            elif i > race_index:
                kinds[i] = "recovery"
            elif phases[i] == "taper":
                kinds[i] = "taper"
    else:
        phases = list(BLOCK_PHASES[level][:count])
    targets: list[WeekTarget] = []
    load = base
    for i in range(count):
        if i:
            load = load * TAPER_FACTOR if kinds[i] != "build" else load * (1.0 + ramp)
        targets.append(
            WeekTarget(request.start + timedelta(days=7 * i), round(load, 1), kinds[i], phases[i])
        )
    return tuple(targets)


def generate_block(request: BlockRequest) -> GeneratedPlan:
    """Seed 001's ``GeneratedPlan`` for a 14-21 day block (rules in the module docstring).

    Raises ``ValueError`` for a block outside 14-21 days and for anything ``build_days``
    rejects.
    """
    weeks = block_weeks(request)
    race = request.race
    end = request.start + timedelta(days=request.length_days - 1)
    in_block = race is not None and race.date <= end
    plan = build_days(
        weeks,
        schedule=Schedule(
            available_weekdays=request.available_weekdays,
            long_run_weekday=request.long_run_weekday,
            max_session_minutes=request.max_session_minutes,
            level=request.level,
        ),
        race=race if in_block else None,
        goal_distance_km=(
            race.distance_km if race is not None and not in_block else request.goal_distance_km
        ),
        vdot=request.vdot,
        recent_runs=request.recent_runs,
    )
    workouts = plan.workouts[: request.length_days]
    beginner = request.level == "beginner"
    challenges = _rookie_challenges(workouts) if beginner else set()
    return GeneratedPlan(
        user_id=request.user_id,
        start_date=request.start.isoformat(),
        days=[_day(w, w.scheduled_date in challenges) for w in workouts],
        rationale=_rationale(request, plan, workouts, weeks),
        version=TEMPLATE_VERSION,
    )


def _day(w: PlannedWorkout, challenge: bool) -> GeneratedDay:
    session_type: SessionType = "easy" if w.workout_type == "recovery" else w.workout_type
    tags: list[Tag] = []
    if challenge:
        tags.append("rookie_challenge")
    if w.is_quality or w.workout_type == "race":
        tags.append("is_quality_session")
    if w.workout_type in INDOOR_OK_TYPES:
        tags.append("indoor_ok")
    if w.workout_type == "recovery":
        tags.append("recovery")
    if any(seg.intensity == "stride" for seg in w.segments):
        tags.append("strides")
    rest = w.workout_type == "rest"
    pace = None if w.pace_per_km_seconds is None else format_pace(w.pace_per_km_seconds)
    return GeneratedDay(
        date=w.scheduled_date.isoformat(),
        session_type=session_type,
        duration_minutes=None if rest else w.duration_minutes,
        target_pace=pace,
        target_hr_zone=None if rest else w.hr_zone,
        notes=_notes(w),
        tags=tags,
    )


def _notes(w: PlannedWorkout) -> str:
    if w.workout_type == "rest":
        return w.description
    parts = [f"{w.title}: {w.structure}" if w.structure else w.title]
    if w.pace_range_per_km_seconds is not None:
        fast, slow = w.pace_range_per_km_seconds
        parts.append(f"Easy = {format_pace(fast)[:-3]}-{format_pace(slow)}.")
    elif w.pace_per_km_seconds is None:
        parts.append(f"Go by effort: RPE {w.rpe}, {w.hr_zone}.")
    return " ".join(parts)


def _rookie_challenges(workouts: tuple[PlannedWorkout, ...]) -> set[date]:
    """One stretch session a week for a beginner: the quality session, else the long run."""
    chosen: set[date] = set()
    for week in sorted({w.week_number for w in workouts}):
        days = [w for w in workouts if w.week_number == week]
        pick = next((w for w in days if w.is_quality), None) or next(
            (w for w in days if w.workout_type == "long"), None
        )
        if pick is not None:
            chosen.add(pick.scheduled_date)
    return chosen


def _rationale(
    request: BlockRequest,
    plan: DayPlan,
    workouts: tuple[PlannedWorkout, ...],
    weeks: tuple[WeekTarget, ...],
) -> str:
    """Three bullets: what the block is for, how the load and rest are laid out, where the
    paces come from."""
    phases = []
    for w in workouts:
        if w.phase not in phases:
            phases.append(w.phase)
    phase_text = " → ".join(phases)
    race = request.race
    if race is not None:
        goal = f"Building toward your {race.distance_km:g} km race on {race.date.isoformat()}"
    else:
        goal = f"A {request.level} block for general fitness"
    runs = [w for w in workouts if w.workout_type not in ("rest", "cross")]
    per_week = len(runs) * 7 / len(workouts)
    loads = [w.running_tss for w in weeks]
    bullets = [
        f"- {goal}: {phase_text} weeks, difficulty rising week by week.",
        f"- About {per_week:.0f} runs a week on your {len(request.available_weekdays)} available "
        f"days, weekly load {loads[0]:.0f} → {max(loads):.0f} TSS (never more than +10 % a week), "
        "and never more than 3 stress days in a row.",
    ]
    if plan.pace_source == "effort" or plan.paces is None:
        bullets.append(
            "- No recent runs to anchor paces yet: go by effort (RPE and heart-rate zone)."
        )
    else:
        fast, slow = plan.paces.easy
        source = (
            "your recent runs" if plan.pace_source == "recent_runs" else f"VDOT {plan.vdot:.1f}"
        )
        bullets.append(
            f"- Paces anchored on {source}: easy {format_pace(fast)[:-3]}-{format_pace(slow)}, "
            f"threshold {format_pace(plan.paces.threshold)}."
        )
    return "\n".join(bullets)


def _validate(request: BlockRequest) -> None:
    if not MIN_BLOCK_DAYS <= request.length_days <= MAX_BLOCK_DAYS:
        raise ValueError(
            f"a block is {MIN_BLOCK_DAYS}-{MAX_BLOCK_DAYS} days (seed 001), got "
            f"{request.length_days}"
        )
    if request.level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {request.level!r}")
    tss = request.current_weekly_tss
    if tss is not None and not (math.isfinite(tss) and tss > 0.0):
        raise ValueError(f"current_weekly_tss must be a positive number, got {tss!r}")
    if request.race is not None and request.race.date < request.start:
        raise ValueError(f"race date {request.race.date} is before the block start {request.start}")
