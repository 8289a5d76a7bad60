"""A whole plan from one request: the projection (weekly loads, feasibility, readiness, risk)
and, for a running race, every day's workout. The one path the chat, the API and the command
line share. Pure: ``today`` is passed in.

The optimizer decides the load of every week, in every sport. The day builder then turns the
running load into sessions for the first A-priority running race (the race the plan is built
around). Other sports keep their weekly load, shown by week, without day-level sessions yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from plugins.plans.days import (
    DayPlan,
    Event,
    Race,
    RecentRun,
    Schedule,
    build_days,
    weekly_capacity,
)
from plugins.plans.logged import LoggedWorkout
from plugins.plans.model import GoalDefinition, Level, PlanRequest, ProjectionOutput, WeekKind
from plugins.plans.periodization import MAX_RACE_KM, MIN_RACE_KM, WeekTarget
from plugins.plans.periodization import Level as DayLevel
from plugins.plans.projection import project
from plugins.plans.safety import session_minutes
from plugins.plans.vdot import MAX_DISTANCE_M, MIN_DISTANCE_M, vdot_from_race

DAY_LEVEL: Final[dict[Level, DayLevel]] = {
    "beginner": "beginner",
    "novice": "intermediate",
    "experienced": "advanced",
    "elite": "advanced",
}
"""The day builder sizes sessions in three bands; the planner's elite athletes train as its
advanced ones, with more load (the weekly targets carry the difference)."""

DEFAULT_WEEKDAYS: Final[dict[int, frozenset[int]]] = {
    1: frozenset({6}),
    2: frozenset({2, 6}),
    3: frozenset({1, 3, 6}),
    4: frozenset({1, 3, 5, 6}),
    5: frozenset({0, 1, 3, 5, 6}),
    6: frozenset({0, 1, 2, 3, 5, 6}),
    7: frozenset(range(7)),
}
"""Run days when only a count is known (0 = Monday): spread through the week, long run on
Sunday, never three days in a row before the long run where it can be helped."""


@dataclass(frozen=True, slots=True)
class Plan:
    request: PlanRequest
    projection: ProjectionOutput
    race_goal: GoalDefinition | None
    days: DayPlan | None
    """Every day's workout around ``race_goal``; None when no running race leads the plan."""


def make_plan(
    request: PlanRequest,
    today: date,
    *,
    recent: Sequence[LoggedWorkout] = (),
    weekdays: frozenset[int] | None = None,
    long_run_weekday: int | None = None,
    previous_loads: Sequence[float] = (),
) -> Plan:
    """Project ``request`` and lay out the days of its leading running race (``previous_loads``:
    see ``projection.project``). The weekly plan is told what the running sessions can hold
    (``days.weekly_capacity``), so the days carry the load the chart shows."""
    goal = race_goal(request)
    if goal is None or goal.distance_m is None:
        return Plan(request, project(request, today, previous_loads=previous_loads), goal, None)
    athlete = request.athlete
    available = weekdays or DEFAULT_WEEKDAYS[max(3, athlete.available_days_per_week)]
    schedule = Schedule(
        available_weekdays=available,
        long_run_weekday=long_run_weekday,
        max_session_minutes=float(max(30, session_minutes(athlete, request.goals))),
        level=DAY_LEVEL[athlete.level],
    )
    target = next((t for t in goal.targets if t.kind == "finish_time"), None)
    race = Race(
        date=goal.event_date_iso,
        distance_km=goal.distance_m / 1000.0,
        goal_seconds=getattr(target, "value_seconds", None),
    )
    vdot = running_vdot(request)
    runs = [
        RecentRun(w.distance_km, w.duration_minutes * 60)
        for w in recent
        if w.activity == "run" and w.distance_km and w.duration_minutes
    ]
    capacity = weekly_capacity(schedule=schedule, race=race, vdot=vdot, recent_runs=runs)
    projection = project(request, today, previous_loads=previous_loads, run_capacity=capacity)
    weeks = [
        WeekTarget(
            start=w.start_date,
            running_tss=w.tss_by_sport.get("run", 0.0),
            kind=_day_kind(w.kind, w.start_date, goal.event_date_iso),
        )
        for w in projection.weeks
    ]
    days = build_days(
        weeks,
        schedule=schedule,
        race=race,
        vdot=vdot,
        recent_runs=runs,
        events=_events(request, goal, weeks[0].start, weeks[-1].start + timedelta(days=7)),
    )
    return Plan(request, projection, goal, days)


def race_goal(request: PlanRequest) -> GoalDefinition | None:
    """The running race the days are built around: the first A goal, else the first goal."""
    runs = [g for g in request.goals if g.sport == "run"]
    ranked = sorted(runs, key=lambda g: (g.priority, g.event_date_iso, g.id))
    return ranked[0] if ranked else None


def running_vdot(request: PlanRequest) -> float | None:
    """The athlete's VDOT as given, else from the recent race given."""
    run = request.athlete.run
    if run is None:
        return None
    if run.vdot is not None:
        return run.vdot
    race = run.recent_race
    if race is None or not MIN_DISTANCE_M <= race.distance_m <= MAX_DISTANCE_M:
        return None
    try:
        return vdot_from_race(race.distance_m, race.seconds)
    except ValueError:
        return None


def _events(request: PlanRequest, leading: GoalDefinition, start: date, end: date) -> list[Event]:
    """The other goals' events inside the plan, for the calendar: running races are raced
    (a run of 1-50 km, the distances the day builder knows), other sports' events are days off
    running."""
    events = []
    for goal in request.goals:
        if goal.id == leading.id or not start <= goal.event_date_iso < end:
            continue
        km = goal.distance_m / 1000.0 if goal.distance_m else None
        if goal.sport == "run" and (km is None or not MIN_RACE_KM <= km <= MAX_RACE_KM):
            continue
        target = next((t for t in goal.targets if t.kind == "finish_time"), None)
        seconds = getattr(target, "value_seconds", None)
        events.append(Event(goal.event_date_iso, goal.sport, km, seconds))
    return events


def _day_kind(kind: WeekKind, start: date, race_day: date) -> WeekKind:
    """The day builder lays out one race, the leading one, and other goals' events on their
    days (``_events``); the week of another goal's event is a lighter week for it."""
    if kind == "race" and not start <= race_day < start + timedelta(days=7):
        return "deload"
    return kind
