"""The day-level plan builder (seed 004 ``PlannedWorkout``, seed 001 rules): turns a weekly plan
(weeks of target running load) into one workout per day, with paces from VDOT.

Pure and deterministic: no I/O, no clock (every date comes in), no randomness; the same input
gives the same output, bit for bit. One public builder, ``build_days``; ``anchor_vdot`` derives a
VDOT from recent runs.

How a week is built, and why:

1. **Run days.** At most ``RUN_DAYS_CAP`` runs a week by level (a beginner's legs adapt slower
   than their lungs: 3-4 runs a week is the usual novice schedule), only on available days
   (seed 002 "Execution realism: available days"). A beginner's spare available day becomes one
   cross-training day.
2. **Long run** every build, deload and taper week on the preferred day (Sunday when none is
   given; the nearest available day when it is not available). None in the race week (the race
   is the long effort) or in a recovery week. Capped by ``LONG_CAP_MIN`` (Daniels: no more than
   150 min, whatever the distance) and at ``LONG_SHARE`` of the week's load where the rest of
   the week can carry it (Daniels: 25-30 % of weekly volume up to 10K; more for the half and the
   marathon, whose long runs low-volume runners cannot do without).
3. **Quality sessions** (tempo and intervals): at most 2 hard days a week (a long run with a
   fast part counts as one below the advanced level), 1 for beginners, none in deload
   or recovery weeks (the brief; seed 002's deload), none in a beginner's base phase (Daniels'
   Phase I is easy running and strides), and never more than runs-minus-two (every week keeps
   an easy run besides the long one). Never on consecutive days (hard/easy, Bowerman), and next
   to the long run only when no other layout exists.
4. **Stress days**: never more than 3 in a row (seed 001), counted across week boundaries. Every
   run but a recovery shake-out is a stress day; where a layout would chain 4, the easy run that
   breaks the chain becomes a short recovery run (or the week keeps a rest day).
5. **Load.** Quality sessions are sized from the week's volume (``sessions`` module); the
   easy runs and the long run then share what is left of the week's target, scaled together so
   the week lands within ``TSS_TOLERANCE`` of it; a week too light for its run days drops easy
   runs. Where the athlete's limits make the target impossible, the week says so in a warning.
6. **Taper** keeps the quality sessions, shortened (``TAPER_QUALITY_FACTOR``); the race week has
   one race-pace sharpener at least 3 days out, a shake-out (or rest, for beginners) the day
   before, the race on its date, and rest after it.

Paces: a given VDOT wins; else recent runs (``anchor_vdot``); else no paces at all, and every
session carries RPE and heart-rate zone guidance instead (seed 001: "prefer paces tied to recent
easy pace if available; otherwise give RPE guidance").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations, pairwise
from typing import Final, Literal

from plugins.plans.periodization import (
    LEVELS,
    MAX_RACE_KM,
    MIN_RACE_KM,
    WEEK_KINDS,
    Level,
    Phase,
    PhaseWeek,
    PlanType,
    WeekKind,
    WeekTarget,
    minimum_weeks,
    plan_type,
    race_phases,
)
from plugins.plans.sessions import (
    EFFORT,
    NOMINAL_VDOT,
    QUALITY_BUILDERS,
    QUALITY_LONG,
    QUALITY_TYPES,
    STRESS_TYPES,
    STRIDES,
    TAPER_QUALITY_FACTOR,
    PaceModel,
    QualityContext,
    Segment,
    Session,
    WorkoutType,
    cross,
    easy,
    long_run,
    long_subtype,
    quality_menu,
    race_day,
    race_pace,
    recovery,
    rest,
    shakeout,
)
from plugins.plans.vdot import (
    MAX_VDOT,
    MIN_VDOT,
    TrainingPaces,
    predict_race_seconds,
    training_paces,
    vdot_from_race,
)

__all__ = [
    "DayPlan",
    "Event",
    "PlannedWorkout",
    "Race",
    "RecentRun",
    "Schedule",
    "WeekSummary",
    "WeekTarget",
    "anchor_vdot",
    "build_days",
    "weekly_capacity",
]

PaceSource = Literal["vdot", "recent_runs", "effort"]
_Role = Literal["rest", "easy", "long", "quality", "recovery", "cross", "race", "shakeout", "event"]
_Following = tuple[_Role, ...] | None
"""What follows a week: ``None`` when the next week will look like this one (its first days
stand in for the next week's), ``()`` when nothing follows, else the next week's known start."""

RUN_DAYS_CAP: Final[dict[Level, int]] = {"beginner": 4, "intermediate": 6, "advanced": 7}
QUALITY_MAX: Final[dict[Level, int]] = {"beginner": 1, "intermediate": 2, "advanced": 2}
MAX_STRESS_STREAK: Final = 3
"""Seed 001: "no more than 3 consecutive stress days"."""
LONG_CAP_MIN: Final[dict[PlanType, dict[Level, float]]] = {
    "5k": {"beginner": 60.0, "intermediate": 75.0, "advanced": 90.0},
    "10k": {"beginner": 75.0, "intermediate": 90.0, "advanced": 105.0},
    "half_marathon": {"beginner": 105.0, "intermediate": 120.0, "advanced": 135.0},
    "marathon": {"beginner": 150.0, "intermediate": 150.0, "advanced": 150.0},
}
"""Longest long run by plan type and level, minutes: Daniels' 150 min ceiling for the marathon,
less for shorter races where endurance is not the limiter, less for beginners below the
marathon."""
LONG_SHARE: Final[dict[PlanType, dict[Level, float]]] = {
    "5k": {"beginner": 0.30, "intermediate": 0.28, "advanced": 0.25},
    "10k": {"beginner": 0.30, "intermediate": 0.28, "advanced": 0.25},
    "half_marathon": {"beginner": 0.35, "intermediate": 0.33, "advanced": 0.30},
    "marathon": {"beginner": 0.40, "intermediate": 0.38, "advanced": 0.33},
}
"""The long run's share of the week's load. Daniels' 25-30 % (25 % for high-volume runners)
up to 10K. The half and the marathon allow more, as their usual plans do (a novice marathon
plan's 20-mile run is half of a 40-mile week): at the loads a low-volume runner can safely
reach, 30 % would keep a marathon's longest run near 80 minutes, too short to prepare for the
race at all."""
LONG_OVER_EASY: Final = 1.25
"""The long run is at least a quarter longer than any easy run of the week (else it is not the
long run)."""
LONG_MIN: Final = 40.0
EASY_MIN: Final = 20.0
"""Shortest long and easy runs, minutes: below 20 min an easy run does little aerobically."""
EASY_CAP: Final[dict[Level, float]] = {"beginner": 60.0, "intermediate": 75.0, "advanced": 90.0}
RACE_WEEK_EASY_CAP: Final = 40.0
"""Race-week easy runs stay short: freshness is the point of that week."""
RECOVERY_MIN: Final[dict[Level, float]] = {"beginner": 20.0, "intermediate": 25.0, "advanced": 30.0}
CROSS_MIN: Final = 30.0
STRIDE_DAYS: Final[dict[Phase, int]] = {
    "base": 2,
    "build": 1,
    "peak": 1,
    "taper": 1,
    "recovery": 1,
}
"""Easy runs a week that end with strides: two in base (the brief: "easy volume + strides"),
one otherwise (Daniels: strides year-round for economy)."""
RECOVERY_RUN_DAYS: Final = 4
"""Runs in a recovery week at most."""
MIN_DELOAD_CUT: Final = 0.20
"""A deload is at least 20 % lighter than the week before it (seed 002: 20-30 %)."""
_STRIDES_MIN: Final = (STRIDES[0] * STRIDES[1] + (STRIDES[0] - 1) * STRIDES[2]) / 60.0
TSS_TOLERANCE: Final = 0.10
"""A week lands within 10 % of its target load: closer than the optimizer's own estimates of
load are good, and well inside the 20-30 % of a deload, so the weekly shape survives."""
GENERAL_DISTANCE_KM: Final = 10.0
"""Plans with no race and no goal distance are built like 10K plans: balanced general fitness."""
ROUND_MIN: Final = 5.0
"""Easy and long runs are prescribed in whole 5-minute steps, as coaches write them."""


@dataclass(frozen=True, slots=True)
class Race:
    """The goal race: its date, distance in km, and goal time in seconds if the runner has one."""

    date: date
    distance_km: float
    goal_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Another goal's event inside the plan (a tune-up race, a ride): it goes on the calendar
    on its day. A running event is raced (a hard day); another sport's takes the day off
    running."""

    date: date
    sport: str
    distance_km: float | None = None
    goal_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """When and how much the runner can train.

    ``available_weekdays``: 3-7 distinct weekdays, 0 = Monday … 6 = Sunday (``date.weekday``).
    ``long_run_weekday``: preferred long-run day, or ``None`` (Sunday, else nearest).
    ``max_session_minutes``: the longest session the runner can fit (≥ 30), or ``None``.
    """

    available_weekdays: frozenset[int]
    long_run_weekday: int | None = None
    max_session_minutes: float | None = None
    level: Level = "intermediate"


@dataclass(frozen=True, slots=True)
class RecentRun:
    """A recent run: distance in km and elapsed time in seconds."""

    distance_km: float
    duration_seconds: float


@dataclass(frozen=True, slots=True)
class PlannedWorkout:
    """One day of the plan, in seed 004's ``PlannedWorkout`` fields (plus load and effort).

    ``day_of_week`` is ``date.weekday()`` (0 = Monday). ``pace_per_km_seconds`` is the main
    pace (the work pace of a quality session, the middle of E for easy and long runs, the slow
    end of E for recovery); ``pace_range_per_km_seconds`` the E range for easy and long runs.
    Both are ``None`` without a VDOT; ``rpe`` and ``hr_zone`` are always there.
    """

    scheduled_date: date
    week_number: int
    day_of_week: int
    workout_type: WorkoutType
    workout_subtype: str
    title: str
    description: str
    phase: Phase
    phase_week: int
    duration_minutes: int | None
    distance_km: float | None
    pace_per_km_seconds: float | None
    pace_range_per_km_seconds: tuple[float, float] | None
    segments: tuple[Segment, ...]
    coach_notes: str
    tss: float
    rpe: str
    hr_zone: str
    structure: str = ""

    @property
    def is_quality(self) -> bool:
        """A tempo or interval session: counts toward the weekly quality limit."""
        return self.workout_type in QUALITY_TYPES

    @property
    def is_stress(self) -> bool:
        """A stress day in seed 001's sense: any run but a recovery shake-out."""
        return self.workout_type in STRESS_TYPES


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """A week as planned against its target. ``aim_tss`` is the load it was built for: the
    target, except a deload held at least ``MIN_DELOAD_CUT`` below the week before it as
    planned (a capped loading week must not leave its deload heavier). ``within_tolerance``
    compares the plan with the aim (race weeks always pass: the race is what it is).
    ``capacity`` is the lightest and heaviest week the runner's days and session limits allow."""

    week_number: int
    start: date
    kind: WeekKind
    phase: Phase
    phase_week: int
    target_tss: float
    aim_tss: float
    planned_tss: float
    capacity: tuple[float, float]
    within_tolerance: bool


@dataclass(frozen=True, slots=True)
class DayPlan:
    """Every day of the plan, the weeks as planned, where the paces came from, and warnings.

    ``below_minimum_weeks`` is set when a race plan is shorter than seed 004's minimum for its
    distance: not an error, the optimizer decides feasibility.
    """

    workouts: tuple[PlannedWorkout, ...]
    weeks: tuple[WeekSummary, ...]
    vdot: float | None
    pace_source: PaceSource
    paces: TrainingPaces | None
    plan_type: PlanType
    below_minimum_weeks: bool
    warnings: tuple[str, ...]


def anchor_vdot(recent_runs: Sequence[RecentRun]) -> float | None:
    """A VDOT from recent runs, or ``None`` when none of them is usable.

    Two estimates, the higher wins:

    - **best effort**: the highest ``vdot_from_race`` over the runs, as if each were raced. A
      run is never faster than its runner's fitness allows, so this is a floor (a recent race
      or time trial in the list makes it the answer).
    - **easy anchor** (seed 001: "paces tied to recent easy pace"): most runs are easy runs, so
      each run's pace is taken as the *fast end* of its runner's E range, and we solve for the
      VDOT whose E range starts there; the median over the runs resists one odd run. This is
      the easy-run discount: it is the lowest VDOT for which the run was still easy, so a
      runner who jogs well inside E is under- rather than over-estimated.

    Runs outside 1-50 km, or implying a VDOT outside 20-90, are ignored. A list made only of
    hard sessions would overstate fitness; pass ``vdot`` to ``build_days`` instead then.
    """
    best: list[float] = []
    easy_anchors: list[float] = []
    for run in recent_runs:
        try:
            best.append(vdot_from_race(run.distance_km * 1000.0, run.duration_seconds))
        except ValueError:
            continue
        easy_anchors.append(_vdot_for_easy_fast_end(run.duration_seconds / run.distance_km))
    if not best:
        return None
    ordered = sorted(easy_anchors)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return min(MAX_VDOT, max(MIN_VDOT, max(max(best), median)))


def build_days(
    weeks: Sequence[WeekTarget],
    *,
    schedule: Schedule,
    race: Race | None = None,
    goal_distance_km: float | None = None,
    vdot: float | None = None,
    recent_runs: Sequence[RecentRun] = (),
    events: Sequence[Event] = (),
) -> DayPlan:
    """Every day's workout for ``weeks`` (see the module docstring for the rules).

    ``events``: other goals' events; each inside a training week (not the race week) is put on
    its day, with a rest day before it and after it, and no quality session in the two days
    before it.

    ``race``: the goal race; it must fall inside the weeks, and the week holding it is the race
    week. Weeks after it are post-race recovery. ``goal_distance_km`` shapes a plan without a
    race date (default ``GENERAL_DISTANCE_KM``). ``vdot`` or, failing that, ``recent_runs`` set
    the paces.

    Raises ``ValueError`` for impossible input: no weeks, weeks not 7 days apart, a negative
    load, an unknown kind or level, fewer than 3 available days, a race before the plan start
    or after its last day, a distance outside 1-50 km, a session limit under 30 min.
    """
    _validate(weeks, schedule, race, goal_distance_km, vdot)
    level = schedule.level
    model, used_vdot, source = _pace_model(vdot, recent_runs, level, race)
    distance_km = (
        race.distance_km
        if race is not None
        else goal_distance_km
        if goal_distance_km is not None
        else GENERAL_DISTANCE_KM
    )
    kind = plan_type(distance_km)
    race_index = None if race is None else (race.date - weeks[0].start).days // 7
    phases = _phases(weeks, distance_km, race_index)
    warnings: list[str] = []
    below_minimum = False
    if race is not None and race_index is not None:
        needed = minimum_weeks(race.distance_km)
        if race_index + 1 < needed:
            below_minimum = True
            warnings.append(
                f"{race_index + 1} weeks to the race is less than the {needed} weeks a "
                f"{kind.replace('_', ' ')} plan needs: expect a compressed plan"
            )
    long_weekday, long_warning = _long_weekday(schedule)
    if long_warning:
        warnings.append(long_warning)

    race_time_known = model.shown or (race is not None and race.goal_seconds is not None)
    builder = _WeekBuilder(
        model=model,
        schedule=schedule,
        kind=kind,
        race=race,
        vdot=used_vdot if used_vdot is not None else NOMINAL_VDOT[level],
    )
    workouts: list[PlannedWorkout] = []
    summaries: list[WeekSummary] = []
    tail: tuple[_Role, ...] = ()
    for index, week in enumerate(weeks):
        pw = phases[index]
        is_race_week = index == race_index
        following: _Following = None
        if is_race_week or index + 1 == len(weeks):
            following = ()
        elif race is not None and index + 1 == race_index:
            following = _race_week_head(race, weeks[index + 1].start)
        aim = week.running_tss
        if week.kind == "deload" and summaries:
            aim = min(aim, summaries[-1].planned_tss * (1.0 - MIN_DELOAD_CUT))
        # loading weeks of this phase so far: where a peak week has fewer quality slots than
        # the peak has sessions, they take turns (T one week, I the next), deloads skipped
        turn = sum(
            1
            for j in range(index)
            if phases[j].phase == pw.phase and weeks[j].kind not in ("deload", "recovery")
        )
        in_week = {
            (e.date - week.start).days: e
            for e in sorted(events, key=lambda e: (e.date, e.sport))
            if 0 <= (e.date - week.start).days < 7 and not is_race_week
        }
        days, capacity, week_warnings = builder.week(
            replace(week, running_tss=aim),
            pw,
            long_weekday,
            tail,
            is_race_week=is_race_week,
            following=following,
            turn=turn,
            events=in_week,
        )
        planned = round(sum(round(d.tss, 1) for d in days), 1)
        ok = is_race_week or _within(planned, aim)
        if not ok:
            week_warnings.append(
                f"planned {planned:.0f} TSS against a target of {aim:.0f} (the "
                f"runner's days and session limits allow {capacity[0]:.0f}-{capacity[1]:.0f})"
            )
        warnings.extend(f"week {index + 1}: {w}" for w in week_warnings)
        summaries.append(
            WeekSummary(
                week_number=index + 1,
                start=week.start,
                kind="race" if is_race_week else week.kind,
                phase=pw.phase,
                phase_week=pw.phase_week,
                target_tss=week.running_tss,
                aim_tss=round(aim, 1),
                planned_tss=planned,
                capacity=(round(capacity[0], 1), round(capacity[1], 1)),
                within_tolerance=ok,
            )
        )
        workouts.extend(
            _planned(day, session, index + 1, pw, model, week.kind, race_time_known)
            for day, session in zip(_dates(week.start), days, strict=True)
        )
        tail = tuple(_role_of(s) for s in days)[-MAX_STRESS_STREAK:]
    return DayPlan(
        workouts=tuple(workouts),
        weeks=tuple(summaries),
        vdot=used_vdot,
        pace_source=source,
        paces=model.paces if model.shown else None,
        plan_type=kind,
        below_minimum_weeks=below_minimum,
        warnings=tuple(warnings),
    )


def weekly_capacity(
    *,
    schedule: Schedule,
    race: Race,
    vdot: float | None = None,
    recent_runs: Sequence[RecentRun] = (),
) -> float:
    """The most running load (TSS) every training week can hold on this schedule: the lightest
    of the heaviest base, build and peak weeks the day builder can lay out, every run at its
    longest. The weekly plan is told this, so it never asks more of the days than they carry."""
    model, used_vdot, _ = _pace_model(vdot, recent_runs, schedule.level, race)
    builder = _WeekBuilder(
        model=model,
        schedule=schedule,
        kind=plan_type(race.distance_km),
        race=None,
        vdot=used_vdot if used_vdot is not None else NOMINAL_VDOT[schedule.level],
    )
    long_weekday, _ = _long_weekday(schedule)
    monday = race.date - timedelta(days=race.date.weekday() + 7 * 52)
    heaviest = math.inf
    for phase in ("base", "build", "peak"):
        # Quality sessions are sized from the week's load: size them for an unbounded week,
        # then for the week that allows, so they are as long as they would really be.
        load = 1e6
        for _ in range(2):
            _, (_, load), _ = builder.week(
                WeekTarget(monday, load, "build"),
                PhaseWeek(phase, 1),
                long_weekday,
                (),
                is_race_week=False,
                following=None,
            )
        heaviest = min(heaviest, load)
    return heaviest


# --- one week -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _WeekBuilder:
    model: PaceModel
    schedule: Schedule
    kind: PlanType
    race: Race | None
    vdot: float

    @property
    def level(self) -> Level:
        return self.schedule.level

    @property
    def session_cap(self) -> float:
        cap = self.schedule.max_session_minutes
        return math.inf if cap is None else float(cap)

    def week(
        self,
        week: WeekTarget,
        pw: PhaseWeek,
        long_weekday: int,
        tail: tuple[_Role, ...],
        *,
        is_race_week: bool,
        following: _Following,
        turn: int = 0,
        events: dict[int, Event] | None = None,
    ) -> tuple[list[Session], tuple[float, float], list[str]]:
        warnings: list[str] = []
        dates = _dates(week.start)
        available = [
            p for p, d in enumerate(dates) if d.weekday() in self.schedule.available_weekdays
        ]
        run_cap = RUN_DAYS_CAP[self.level]
        if is_race_week:
            roles = self._race_week_roles(week, dates, available, tail)
        else:
            roles = self._training_roles(
                week, pw, dates, available, tail, long_weekday, following, events or {}
            )
        roles, ok = _fix_streaks(roles, tail, following)
        if not ok:
            warnings.append("could not keep stress days to 3 in a row on the available days")
        if self.level == "beginner" and pw.phase not in ("taper",) and not is_race_week:
            runs = sum(1 for r in roles if r != "rest")
            spare = [p for p in available if roles[p] == "rest"]
            if spare and runs >= 3 and run_cap < len(available):
                roles[spare[0]] = "cross"
        sessions, capacity = self._size(roles, week, pw, is_race_week, turn, events or {})
        return sessions, capacity, warnings

    # roles ---------------------------------------------------------------------------------

    def _training_roles(
        self,
        week: WeekTarget,
        pw: PhaseWeek,
        dates: list[date],
        available: list[int],
        tail: tuple[_Role, ...],
        long_weekday: int,
        following: _Following,
        events: dict[int, Event],
    ) -> list[_Role]:
        n_run = min(len(available), RUN_DAYS_CAP[self.level])
        fixed: dict[int, _Role] = {}
        for p, event in events.items():
            fixed[p] = "race" if event.sport == "run" else "event"
            for q in (p - 1, p + 1):  # fresh before it, recovered after it
                if 0 <= q < 7 and q not in events:
                    fixed[q] = "rest"
        recovery_week = week.kind == "recovery" or pw.phase == "recovery"
        # Before race week, keep the long run at least 4 days and quality at least 3 days
        # before the race (a race is run fresh: nothing long or hard in the last days).
        to_race = [math.inf] * 7
        if self.race is not None and self.race.date > dates[-1]:
            to_race = [float((self.race.date - d).days) for d in dates]
        quality_ok = {
            p for p in available if to_race[p] >= 3 and not any(0 < e - p <= 2 for e in events)
        }
        if recovery_week:
            n_run = min(n_run, RECOVERY_RUN_DAYS)
            q = 0
        else:
            long_pos = next(p for p, d in enumerate(dates) if d.weekday() == long_weekday)
            if to_race[long_pos] < 4:
                earlier = [p for p in available if to_race[p] >= 4]
                long_pos = max(earlier) if earlier else -1
            raced = any(e.sport == "run" for e in events.values())
            if long_pos >= 0 and not raced and long_pos not in fixed:
                fixed[long_pos] = "long"  # a week with a race has no long run: the race is it
            q = _quality_count(self.level, pw.phase, week.kind, n_run, self.kind)
        extra = n_run - sum(1 for role in fixed.values() if role in _STRESS_ROLES)
        return _choose(available, fixed, extra, q, quality_ok, tail, following)

    def _race_week_roles(
        self, week: WeekTarget, dates: list[date], available: list[int], tail: tuple[_Role, ...]
    ) -> list[_Role]:
        assert self.race is not None
        race_pos = (self.race.date - week.start).days
        fixed: dict[int, _Role] = {race_pos: "race"}
        before = [p for p in available if p < race_pos]
        if race_pos - 1 in before and self.level != "beginner":
            fixed[race_pos - 1] = "shakeout"
        runs_before = min(len(before), RUN_DAYS_CAP[self.level] - 1)
        extra = runs_before - (1 if race_pos - 1 in fixed else 0)
        q = 0 if week.kind in ("deload", "recovery") else 1
        quality_ok = {p for p in before if p <= race_pos - 3}
        return _choose([*before, race_pos], fixed, extra, q, quality_ok, tail, ())

    # sizing --------------------------------------------------------------------------------

    def _quality_ctx(self, week_tss: float, pw: PhaseWeek, taper: bool) -> QualityContext:
        easy_per_km = self.model.tss(self.model.pace("easy"), "easy")
        weekly_km = week_tss / easy_per_km if easy_per_km > 0 else 0.0
        return QualityContext(
            level=self.level,
            weekly_km=weekly_km,
            phase_week=pw.phase_week,
            volume_factor=TAPER_QUALITY_FACTOR if taper else 1.0,
        )

    def _quality(self, name: str, ctx: QualityContext) -> Session:
        built = QUALITY_BUILDERS[name](self.model, ctx)
        factor = ctx.volume_factor
        while built.duration_s / 60.0 > self.session_cap and factor > 0.3:
            factor *= 0.8
            built = QUALITY_BUILDERS[name](self.model, replace(ctx, volume_factor=factor))
        if built.duration_s / 60.0 > self.session_cap:
            short = replace(ctx, volume_factor=factor, short_warmup=True)
            built = QUALITY_BUILDERS[name](self.model, short)
        return built

    def _size(
        self,
        roles: list[_Role],
        week: WeekTarget,
        pw: PhaseWeek,
        is_race_week: bool,
        turn: int,
        events: dict[int, Event],
    ) -> tuple[list[Session], tuple[float, float]]:
        model = self.model
        target = week.running_tss
        taper = pw.phase == "taper"
        ctx = self._quality_ctx(target, pw, taper)
        sessions: dict[int, Session] = {}
        menu = quality_menu(pw.phase, self.kind)
        quality_positions = [p for p, r in enumerate(roles) if r == "quality"]
        if len(quality_positions) >= len(menu) or pw.phase != "peak":
            turn = 0  # base and build keep their main session; the peak's two take turns
        for i, p in enumerate(quality_positions):
            if is_race_week:
                short = self.kind in ("5k", "10k")
                sharpener = race_pace(model, ctx, short_race=short)
                reps = 3
                while sharpener.duration_s / 60.0 > self.session_cap and reps > 1:
                    reps -= 1
                    sharpener = race_pace(model, ctx, short_race=short, reps=reps)
                if sharpener.duration_s / 60.0 > self.session_cap:
                    brief = replace(ctx, short_warmup=True)
                    sharpener = race_pace(model, brief, short_race=short, reps=reps)
                sessions[p] = sharpener
            else:
                sessions[p] = self._quality(menu[(i + turn) % len(menu)], ctx)
        for p, role in enumerate(roles):
            if role == "rest":
                sessions[p] = rest()
            elif role == "recovery":
                sessions[p] = recovery(model, RECOVERY_MIN[self.level])
            elif role == "cross":
                sessions[p] = cross(model, min(CROSS_MIN, self.session_cap))
            elif role == "shakeout":
                sessions[p] = shakeout(model)
            elif role in ("race", "event") and p in events:
                sessions[p] = self._event_session(events[p])
            elif role == "race":
                sessions[p] = self._race_session()
        easy_positions = [p for p, r in enumerate(roles) if r == "easy"]
        long_positions = [p for p, r in enumerate(roles) if r == "long"]
        stride_days = set(easy_positions[: STRIDE_DAYS[pw.phase]]) if not is_race_week else set()
        subtype = long_subtype(pw.phase, self.kind, self.level, week.kind == "deload")
        long_cap = min(LONG_CAP_MIN[self.kind][self.level], self.session_cap)
        easy_cap = min(
            RACE_WEEK_EASY_CAP if is_race_week else EASY_CAP[self.level],
            long_cap / LONG_OVER_EASY if long_positions else math.inf,
            self.session_cap,
        )
        easy_min = min(EASY_MIN, easy_cap)
        long_min = min(LONG_MIN, long_cap)
        rate = _easy_rate(model)
        long_rate = self._long_rate(subtype)
        stride_tss = _strides_tss(model)
        has_long = bool(long_positions)

        def fixed_tss() -> float:
            return sum(s.tss for s in sessions.values())

        def long_for(x: float) -> float:
            if not has_long:
                return 0.0
            share = LONG_SHARE[self.kind][self.level]
            return _long_minutes(x, target, long_min, long_cap, share, long_rate)

        def total(x: float, easy_days: list[int]) -> float:
            strides = stride_tss * sum(1 for p in easy_days if p in stride_days)
            return len(easy_days) * rate * x + long_rate * long_for(x) + strides

        fixed = fixed_tss()
        lowest = fixed + (long_rate * long_min if has_long else 0.0)
        highest = (
            fixed
            + total(easy_cap, easy_positions)
            + (long_rate * (long_cap - long_for(easy_cap)) if has_long else 0.0)
        )
        # A week too light for its run days drops easy runs, latest first; not the race week,
        # whose short easy runs keep the legs turning over (a taper keeps frequency: Mujika).
        slack = 1.0 + TSS_TOLERANCE / 2.0
        while (
            not is_race_week
            and easy_positions
            and fixed + total(easy_min, easy_positions) > target * slack
        ):
            dropped = easy_positions.pop()
            roles[dropped] = "rest"
            sessions[dropped] = rest()
        remaining = target - fixed
        minutes: dict[int, float] = {}
        if easy_positions:
            x = _solve(lambda v: total(v, easy_positions), remaining, easy_min, easy_cap)
            y = long_for(x)
            if has_long and x >= easy_cap - 1e-6:
                leftover = remaining - total(x, easy_positions) + long_rate * y
                y = max(y, min(long_cap, leftover / long_rate))
            for p in easy_positions:
                minutes[p] = max(easy_min, min(easy_cap, _round_to(x, ROUND_MIN)))
        else:
            y = max(long_min, min(long_cap, remaining / long_rate)) if has_long else 0.0
        for p in long_positions:
            minutes[p] = max(long_min, min(long_cap, _round_to(y, ROUND_MIN)))

        def make(p: int) -> Session:
            if roles[p] == "long":
                return long_run(model, minutes[p], subtype)
            if p in stride_days:
                # Strides come on top of the easy minutes; the whole run must fit the limit.
                room = _round_down(self.session_cap - _STRIDES_MIN, ROUND_MIN)
                return easy(model, max(easy_min, min(minutes[p], room)), strides=True)
            return easy(model, minutes[p])

        for p in minutes:
            sessions[p] = make(p)
        # Whole-5-minute rounding leaves a residual: nudge easy runs, then the long run, by 5 min.
        adjustable = easy_positions + long_positions
        for _ in range(4 * len(adjustable)):
            diff = target - sum(s.tss for s in sessions.values())
            if abs(diff) <= rate * ROUND_MIN / 2.0:
                break
            direction = 1.0 if diff > 0 else -1.0
            moved = False
            for p in sorted(adjustable, key=lambda p: (direction * minutes[p], p)):
                lo, hi = (long_min, long_cap) if roles[p] == "long" else (easy_min, easy_cap)
                new = minutes[p] + direction * ROUND_MIN
                if lo <= new <= hi:
                    minutes[p] = new
                    sessions[p] = make(p)
                    moved = True
                    break
            if not moved:
                break
        return [sessions[p] for p in range(7)], (lowest, highest)

    def _long_rate(self, subtype: str) -> float:
        return long_run(self.model, 100.0, subtype).tss / 100.0

    def _event_session(self, event: Event) -> Session:
        """Another goal's event: a running race raced at its goal or predicted time; another
        sport's event by effort, with no running load."""
        if event.sport == "run" and event.distance_km:
            seconds = event.goal_seconds
            if seconds is None and self.model.shown:
                seconds = predict_race_seconds(self.vdot, event.distance_km * 1000.0)
            notes = "A tune-up race on the way to your main race: race it, then ease back in."
            raced = race_day(self.model, event.distance_km, seconds, notes)
            return replace(raced, subtype="tune_up_race", title=f"Race: {event.distance_km:g} km")
        sport = event.sport.capitalize()
        distance = f" {event.distance_km:g} km" if event.distance_km else ""
        return Session(
            "other_event",
            "cross",
            f"{sport} event:{distance}".rstrip(":"),
            f"Your {event.sport}{distance} event: no running today.",
            "cross",
            (),
            0.0,
            None,
            0.0,
            "Fuel and pace it as planned for that goal.",
        )

    def _race_session(self) -> Session:
        assert self.race is not None
        seconds = self.race.goal_seconds
        notes = "Start at goal pace, not faster; the second half decides the race."
        if self.model.shown:
            predicted = _predicted_pace(self.vdot, self.race)
            if seconds is None:
                seconds = predicted * self.race.distance_km
                notes = "Start at the predicted pace; speed up after halfway if you feel good."
            elif seconds / self.race.distance_km < predicted * 0.97:
                notes = (
                    "Your goal is more than 3 % faster than your current fitness predicts: "
                    "start at the predicted pace and speed up only after halfway."
                )
        return race_day(self.model, self.race.distance_km, seconds, notes)


# --- layout search --------------------------------------------------------------------------


def _choose(
    candidates: Sequence[int],
    fixed: dict[int, _Role],
    extra: int,
    q: int,
    quality_ok: set[int],
    tail: tuple[_Role, ...],
    following: _Following,
) -> list[_Role]:
    """The best week layout: ``fixed`` roles kept, ``q`` quality days from ``quality_ok`` and
    ``extra`` easy days from the other candidates, scored by ``_score``. Falls back to fewer
    quality days when no layout keeps quality days apart or stress streaks breakable."""
    free = [p for p in candidates if p not in fixed]
    extra = max(0, min(extra, len(free)))
    fallback: list[_Role] | None = None
    for quality in range(min(q, len(free)), -1, -1):
        best: tuple[tuple[float, ...], list[_Role]] | None = None
        q_pool = [p for p in free if p in quality_ok]
        for q_days in combinations(q_pool, quality):
            rest_pool = [p for p in free if p not in q_days]
            for e_days in combinations(rest_pool, max(0, min(extra - quality, len(rest_pool)))):
                roles: list[_Role] = ["rest"] * 7
                for p, role in fixed.items():
                    roles[p] = role
                for p in q_days:
                    roles[p] = "quality"
                for p in e_days:
                    roles[p] = "easy"
                score = _score(roles, tail, following)
                if score is not None and (best is None or score < best[0]):
                    best = (score, roles)
        if best is not None and best[0][0] == 0.0:
            return best[1]
        if best is not None and fallback is None:
            fallback = best[1]
    if fallback is not None:
        return fallback
    roles = ["rest"] * 7
    for p, role in fixed.items():
        roles[p] = role
    return roles


_HARD: Final[frozenset[_Role]] = frozenset({"quality", "race"})
_STRESS_ROLES: Final[frozenset[_Role]] = frozenset({"easy", "long", "quality", "race"})


def _score(
    roles: list[_Role], tail: tuple[_Role, ...], following: _Following
) -> tuple[float, ...] | None:
    """Lower is better; ``None`` when two hard days touch (never allowed), this week's or
    across a known boundary (the previous week, a race week's known start).

    In order: a stress streak no recovery run can break; hard days at both ends of the week
    (they would touch next week's if it looks like this one); quality next to the long run
    (avoid where possible); easy runs that must become recovery runs to keep stress streaks
    ≤ 3; the smallest gap between key days (bigger is better); the layout itself (a fixed
    tie-break, so the choice is deterministic).
    """
    previous = tail[-1] if tail else "rest"
    head = _head(roles, following)
    seq: list[_Role] = [previous, *roles, *head[:1]]
    wrap_hard = 0.0
    for i, (a, b) in enumerate(pairwise(seq)):
        if a in _HARD and b in _HARD:
            if following is None and i == 7:
                wrap_hard = 1.0
            else:
                return None
    long_adjacent = sum(1 for a, b in pairwise(seq) if {a, b} == {"quality", "long"})
    _, conversions, ok, _ = _streak_plan(list(roles), tail, following)
    key_days = [p for p, r in enumerate(roles) if r in ("quality", "long", "race")]
    gaps = [b - a for a, b in pairwise(key_days)]
    if following is None and len(key_days) > 1:
        gaps.append(key_days[0] + 7 - key_days[-1])
    min_gap = min(gaps) if gaps else 7
    layout = tuple(float(_ROLE_ORDER[r]) for r in roles)
    return (
        0.0 if ok else 1.0,
        wrap_hard,
        float(long_adjacent),
        float(conversions),
        -min_gap,
        *layout,
    )


_ROLE_ORDER: Final[dict[_Role, int]] = {
    "rest": 0,
    "recovery": 1,
    "cross": 2,
    "easy": 3,
    "shakeout": 4,
    "long": 5,
    "quality": 6,
    "race": 7,
    "event": 8,
}


def _streak_plan(
    roles: list[_Role], tail: tuple[_Role, ...], following: _Following
) -> tuple[list[_Role], int, bool, bool]:
    """Turn easy runs into recovery runs until no more than 3 stress days follow each other.

    Walks the previous week's last days, this week, and the start of the next week: known for
    the week before a race week, else this week's own start as a stand-in. When a 4th stress day
    in a row appears, the latest easy run of this week inside the streak becomes a recovery run.
    ``ok`` is False when a streak has no easy run of this week to convert; ``real`` only when
    that streak is a real one (not one running into a stand-in next week, which that week will
    break itself, as it sees this one as its tail).
    """
    head = _head(roles, following)
    seq: list[_Role] = [*tail, *roles, *head]
    first, last = len(tail), len(tail) + 7
    streak: list[int] = []
    conversions = 0
    ok = real = True
    for i in range(len(seq)):
        if seq[i] not in _STRESS_ROLES:
            streak = []
            continue
        streak.append(i)
        if len(streak) <= MAX_STRESS_STREAK:
            continue
        candidates = [j for j in streak if first <= j < last and seq[j] == "easy"]
        if not candidates:
            ok = False
            if i < last or following is not None:
                real = False
            streak = streak[-MAX_STRESS_STREAK:]
            continue
        j = max(candidates)
        seq[j] = "recovery"
        conversions += 1
        mirror = last + (j - first)
        if following is None and mirror < len(seq):
            seq[mirror] = "recovery"
        streak = [k for k in streak if k > j]
    return seq[first:last], conversions, ok, real


def _head(roles: list[_Role], following: _Following) -> tuple[_Role, ...]:
    if following is None:
        return tuple(roles[:MAX_STRESS_STREAK])
    return following[:MAX_STRESS_STREAK]


def _race_week_head(race: Race, week_start: date) -> tuple[_Role, ...]:
    """What the race week's first days will be, as far as the week before must know: the race
    on its day. The days before it are the race week's own to arrange around what came before
    (it sees this week as its tail), so they count as free here."""
    position = (race.date - week_start).days
    head: list[_Role] = ["rest"] * position
    head.append("race")
    return tuple(head[:MAX_STRESS_STREAK])


def _fix_streaks(
    roles: list[_Role], tail: tuple[_Role, ...], following: _Following
) -> tuple[list[_Role], bool]:
    fixed, _, _, real = _streak_plan(list(roles), tail, following)
    return fixed, real


def _quality_count(level: Level, phase: Phase, kind: WeekKind, n_run: int, plan: PlanType) -> int:
    """Quality sessions besides the long run. A long run with a fast part is itself a hard
    day, so below the advanced level it takes one of the week's two (Daniels counts such a long
    run as a Q day; novices do well on two hard days a week)."""
    if kind in ("deload", "recovery") or phase == "recovery":
        return 0
    cap = QUALITY_MAX[level]
    if phase == "base":
        cap = 0 if level == "beginner" else 1
    if level != "advanced" and long_subtype(phase, plan, level, kind == "deload") in QUALITY_LONG:
        cap = min(cap, QUALITY_MAX[level] - 1)
    return max(0, min(cap, n_run - 2, len(quality_menu(phase, plan))))


# --- helpers --------------------------------------------------------------------------------


def _phases(
    weeks: Sequence[WeekTarget], distance_km: float, race_index: int | None
) -> list[PhaseWeek]:
    """Each week's phase: from periodization up to the race week (taper length from the
    caller's ``taper`` weeks when it marks any, else the taper table), post-race recovery after
    it, ``recovery`` for recovery weeks, and any ``WeekTarget.phase`` override. Without a race:
    ``base`` unless the week says otherwise. ``phase_week`` counts weeks within a run of the
    same phase."""
    names: list[Phase] = []
    if race_index is not None:
        marked = any(w.kind == "taper" for w in weeks[: race_index + 1])
        taper: int | None = None
        if marked:
            taper = 0
            for w in reversed(weeks[: race_index + 1]):
                if w.kind not in ("taper", "race") and taper > 0:
                    break
                taper += 1
        planned = race_phases(race_index + 1, distance_km, taper=taper)
        names = [pw.phase for pw in planned]
        names.extend("recovery" for _ in weeks[race_index + 1 :])
    else:
        names = ["taper" if w.kind in ("taper", "race") else "base" for w in weeks]
    for i, w in enumerate(weeks):
        if w.kind == "recovery":
            names[i] = "recovery"
        if w.phase is not None:
            names[i] = w.phase
    result: list[PhaseWeek] = []
    for i, name in enumerate(names):
        count = result[-1].phase_week + 1 if i and names[i - 1] == name else 1
        result.append(PhaseWeek(name, count))
    return result


def _pace_model(
    vdot: float | None, runs: Sequence[RecentRun], level: Level, race: Race | None
) -> tuple[PaceModel, float | None, PaceSource]:
    source: PaceSource = "vdot"
    used = vdot
    if used is None:
        used = anchor_vdot(runs)
        source = "recent_runs"
    shown = used is not None
    if used is None:
        source = "effort"
    model_vdot = used if used is not None else NOMINAL_VDOT[level]
    paces = training_paces(model_vdot)
    race_pace_s = None
    if race is not None:
        # Race-specific work runs at the slower of predicted and goal pace: a goal slower than
        # fitness is the pace to rehearse, a goal faster than fitness is not yet trainable
        # (Daniels: train at current fitness, not goal fitness).
        race_pace_s = _predicted_pace(model_vdot, race)
        if race.goal_seconds is not None:
            race_pace_s = max(race_pace_s, race.goal_seconds / race.distance_km)
    return PaceModel(paces, shown, race_pace_s), used, source


def _predicted_pace(vdot: float, race: Race) -> float:
    return predict_race_seconds(vdot, race.distance_km * 1000.0) / race.distance_km


def _planned(
    day: date,
    s: Session,
    week_number: int,
    pw: PhaseWeek,
    model: PaceModel,
    kind: WeekKind,
    race_time_known: bool,
) -> PlannedWorkout:
    effort = EFFORT[s.intensity]
    pace: float | None = None
    pace_range: tuple[float, float] | None = None
    if model.shown:
        if s.workout_type in ("easy", "long"):
            pace = model.pace("easy")
            pace_range = model.paces.easy
        elif s.workout_type == "race":
            pace = s.duration_s / (s.distance_m / 1000.0) if s.distance_m else None
        else:
            work = [seg for seg in s.segments if seg.kind == "work"]
            pace = work[0].pace_per_km_seconds if work else model.shown_pace(s.intensity)
    notes = [s.coach_notes] if s.coach_notes else []
    if kind == "deload" and s.workout_type != "rest":
        notes.append("Deload week: lighter on purpose, so the last weeks' work can sink in.")
    if pw.phase == "taper" and s.workout_type in QUALITY_TYPES:
        notes.append("Taper: less volume, same intensity; you should feel fresher each day.")
    if not model.shown and s.workout_type not in ("rest",):
        notes.append(f"Go by effort: RPE {effort.rpe}, heart rate {effort.hr_zone}, {effort.cue}.")
    duration: int | None = round(s.duration_s / 60.0)
    if (s.workout_type == "race" and not race_time_known) or s.subtype == "other_event":
        duration = None
    return PlannedWorkout(
        scheduled_date=day,
        week_number=week_number,
        day_of_week=day.weekday(),
        workout_type=s.workout_type,
        workout_subtype=s.subtype,
        title=s.title,
        description=s.description,
        phase=pw.phase,
        phase_week=pw.phase_week,
        duration_minutes=duration,
        distance_km=None if s.distance_m is None else round(s.distance_m / 1000.0, 1),
        pace_per_km_seconds=None if pace is None else round(pace, 1),
        pace_range_per_km_seconds=(
            None if pace_range is None else (round(pace_range[0], 1), round(pace_range[1], 1))
        ),
        segments=s.segments,
        coach_notes=" ".join(notes),
        tss=round(s.tss, 1),
        rpe=effort.rpe,
        hr_zone=effort.hr_zone,
        structure=s.structure,
    )


def _role_of(s: Session) -> _Role:
    mapping: dict[WorkoutType, _Role] = {
        "rest": "rest",
        "cross": "cross",
        "recovery": "recovery",
        "easy": "easy",
        "long": "long",
        "tempo": "quality",
        "intervals": "quality",
        "race": "race",
    }
    return mapping[s.workout_type]


def _long_weekday(schedule: Schedule) -> tuple[int, str | None]:
    """The long-run weekday: the preferred one when available, else the available day nearest
    to it (ties to the later day, towards the weekend); Sunday when none is preferred."""
    preferred = 6 if schedule.long_run_weekday is None else schedule.long_run_weekday
    available = schedule.available_weekdays
    if preferred in available:
        return preferred, None
    chosen = min(available, key=lambda d: (min((d - preferred) % 7, (preferred - d) % 7), -d))
    if schedule.long_run_weekday is None:
        return chosen, None
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    return chosen, (
        f"the preferred long-run day ({names[preferred]}) is not an available day; "
        f"long runs go on {names[chosen]}"
    )


def _long_minutes(
    easy_minutes: float, week_tss: float, low: float, high: float, share: float, rate: float
) -> float:
    """The long run for a given easy-run length: its ``share`` of the week, at least
    ``LONG_OVER_EASY`` times an easy run, within its limits."""
    minutes = share * week_tss / rate if rate > 0 else low
    return max(low, min(high, max(minutes, LONG_OVER_EASY * easy_minutes)))


def _solve(total: Callable[[float], float], target: float, low: float, high: float) -> float:
    """The easy-run minutes whose week total is ``target``, by bisection (``total`` rises with
    the minutes); clipped to [low, high]."""
    if total(low) >= target:
        return low
    if total(high) <= target:
        return high
    for _ in range(40):
        middle = (low + high) / 2.0
        if total(middle) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def _easy_rate(model: PaceModel) -> float:
    return model.tss(60.0, "easy")


def _strides_tss(model: PaceModel) -> float:
    return easy(model, 30.0, strides=True).tss - easy(model, 30.0).tss


def _within(planned: float, target: float) -> bool:
    return abs(planned - target) <= TSS_TOLERANCE * target + 1e-9


def _dates(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(7)]


def _round_down(value: float, step: float) -> float:
    return value if math.isinf(value) else float(math.floor(value / step) * step)


def _round_to(value: float, step: float) -> float:
    return float(round(value / step) * step)


def _vdot_for_easy_fast_end(pace: float) -> float:
    """The VDOT whose E range starts (fast end) at ``pace`` s/km, clipped to 20-90."""
    low, high = MIN_VDOT, MAX_VDOT
    if pace >= training_paces(low).easy[0]:
        return low
    if pace <= training_paces(high).easy[0]:
        return high
    for _ in range(40):
        middle = (low + high) / 2.0
        if training_paces(middle).easy[0] > pace:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def _validate(
    weeks: Sequence[WeekTarget],
    schedule: Schedule,
    race: Race | None,
    goal_distance_km: float | None,
    vdot: float | None,
) -> None:
    if not weeks:
        raise ValueError("the weekly plan has no weeks")
    for i, week in enumerate(weeks):
        if not (math.isfinite(week.running_tss) and week.running_tss >= 0.0):
            raise ValueError(
                f"week {i + 1}: running_tss must be a number ≥ 0, got {week.running_tss!r}"
            )
        if week.kind not in WEEK_KINDS:
            raise ValueError(
                f"week {i + 1}: kind must be one of {', '.join(WEEK_KINDS)}, got {week.kind!r}"
            )
        if i and (week.start - weeks[i - 1].start).days != 7:
            raise ValueError(
                f"week {i + 1} starts {week.start}, not 7 days after week {i} "
                f"({weeks[i - 1].start}): weeks must be consecutive"
            )
    days = schedule.available_weekdays
    if not all(isinstance(d, int) and 0 <= d <= 6 for d in days):
        raise ValueError(f"available weekdays must be 0 (Monday) to 6 (Sunday), got {sorted(days)}")
    if len(days) < 3:
        raise ValueError(
            f"at least 3 available training days a week are needed (a long run, a quality or "
            f"easy run, and an easy run), got {len(days)}"
        )
    if schedule.long_run_weekday is not None and not 0 <= schedule.long_run_weekday <= 6:
        raise ValueError(
            f"long_run_weekday must be 0 (Monday) to 6 (Sunday), got {schedule.long_run_weekday!r}"
        )
    cap = schedule.max_session_minutes
    if cap is not None and not (math.isfinite(cap) and cap >= 30):
        raise ValueError(
            f"max_session_minutes must be at least 30 (warm-up, work and cool-down), got {cap!r}"
        )
    if schedule.level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {schedule.level!r}")
    if vdot is not None and not (math.isfinite(vdot) and MIN_VDOT <= vdot <= MAX_VDOT):
        raise ValueError(f"vdot must be between {MIN_VDOT:g} and {MAX_VDOT:g}, got {vdot!r}")
    for name, km in (
        ("race distance", None if race is None else race.distance_km),
        ("goal distance", goal_distance_km),
    ):
        if km is not None and not (math.isfinite(km) and MIN_RACE_KM <= km <= MAX_RACE_KM):
            raise ValueError(
                f"{name} must be between {MIN_RACE_KM:g} and {MAX_RACE_KM:g} km, got {km!r}"
            )
    if race is not None:
        first, last = weeks[0].start, weeks[-1].start + timedelta(days=6)
        if race.date < first:
            raise ValueError(f"race date {race.date} is before the plan start {first}")
        if race.date > last:
            raise ValueError(
                f"race date {race.date} is after the last planned day {last}: the weekly plan "
                "must reach race week"
            )
        if race.goal_seconds is not None and not (
            math.isfinite(race.goal_seconds) and race.goal_seconds > 0
        ):
            raise ValueError(
                f"goal time must be a positive number of seconds, got {race.goal_seconds!r}"
            )
        index = (race.date - first).days // 7
        for i, week in enumerate(weeks):
            if week.kind == "race" and i != index:
                raise ValueError(
                    f"week {i + 1} is marked race but the race ({race.date}) is in week {index + 1}"
                )
