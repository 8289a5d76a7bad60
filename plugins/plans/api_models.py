"""What the plans API and ``coachbot plan preview --json`` answer with. The planner's own
models and the day builder's dataclasses are the response types (pydantic serialises both), so
the wire format cannot drift from the code that computes it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from plugins.plans.codes import CODE_DOCS
from plugins.plans.days import PlannedWorkout, WeekSummary
from plugins.plans.logged import LoggedWorkout
from plugins.plans.model import PlanRequest, ProjectionOutput
from plugins.plans.planning import Plan


class PlanPreview(BaseModel):
    """A plan before it is saved: the projection and, for a running race, every session."""

    model_config = ConfigDict(extra="forbid")

    projection: ProjectionOutput
    race_goal_id: str | None
    vdot: float | None
    pace_source: str | None
    """Where the paces come from: ``vdot`` (given or from a race), ``recent_runs``, or
    ``none`` (every session is prescribed by effort instead)."""
    warnings: list[str]
    weeks: list[WeekSummary]
    workouts: list[PlannedWorkout]
    explanations: dict[str, str]
    """The sentence a coach would say for each code in ``projection`` (risk flags, caps,
    overrides, rationale codes, conflict reasons), so a client can show words, not codes."""


def plan_preview(plan: Plan) -> PlanPreview:
    days = plan.days
    return PlanPreview(
        projection=plan.projection,
        explanations=explanations(plan.projection),
        race_goal_id=plan.race_goal.id if plan.race_goal else None,
        vdot=None if days is None or days.vdot is None else round(days.vdot, 1),
        pace_source=None if days is None else days.pace_source,
        warnings=[] if days is None else list(days.warnings),
        weeks=[] if days is None else list(days.weeks),
        workouts=[] if days is None else list(days.workouts),
    )


class LoggedOut(BaseModel):
    """A logged workout, as the calendar shows it beside the plan."""

    id: str
    day: date
    activity: str
    distance_km: float | None
    duration_minutes: float | None


class SessionOut(BaseModel):
    """A planned session and what became of it."""

    id: str
    status: Literal["planned", "done", "skipped", "missed", "rest"]
    workout: PlannedWorkout
    actual: LoggedOut | None
    """The logged workout that stands for it, linked or matched by day and activity."""
    completed_at: datetime | None
    skip_reason: str | None
    athlete_notes: str | None


class PlanOut(BaseModel):
    id: str
    name: str
    status: Literal["active", "superseded", "completed", "cancelled"]
    revision: int
    """Goes up each time the plan is rebuilt (a skipped session, a very different one)."""
    created_at: datetime
    updated_at: datetime
    start_date: date
    event_date: date
    race_goal_id: str | None
    vdot: float | None
    pace_source: str | None
    warnings: list[str]
    request: PlanRequest
    projection: ProjectionOutput


class WeekOut(BaseModel):
    plan_id: str
    week_number: int
    start: date
    end: date
    """The day after the week's last day."""
    kind: str | None
    target_tss: float | None
    sessions: list[SessionOut]
    extra: list[LoggedOut]
    """Workouts logged this week that stand for no planned session."""


class CalendarDay(BaseModel):
    day: date
    sessions: list[SessionOut]
    extra: list[LoggedOut]


class CalendarOut(BaseModel):
    plan_id: str
    start: date
    end: date
    days: list[CalendarDay]


class CalendarQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: date | None = None
    """First day shown (default: the first day of this week of the plan; plan weeks start on
    the plan's ``start_date`` weekday)."""
    end: date | None = None
    """The day after the last day shown (default: four weeks after ``start``; at most 120 days)."""


class CompleteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    workout_id: str | None = Field(None, min_length=1, max_length=200)
    """The logged workout (``POST /api/v1/workouts``) that was this session, if any."""
    notes: str | None = Field(None, max_length=1000)


class SkipBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(None, max_length=300)


def logged_out(workout: LoggedWorkout) -> LoggedOut:
    return LoggedOut(
        id=workout.id,
        day=workout.day,
        activity=workout.activity,
        distance_km=workout.distance_km,
        duration_minutes=workout.duration_minutes,
    )


def explanations(p: ProjectionOutput) -> dict[str, str]:
    """``CODE_DOCS`` for the codes this projection carries, in code order."""
    used = {*p.risk_flags, *p.caps_applied, *p.overrides_applied}
    for goal in p.goal_assessments:
        for target in goal.target_scores:
            used.update(target.rationale_codes)
    used.update(c.reason for c in p.conflicts)
    return {code: CODE_DOCS[code] for code in sorted(used) if code in CODE_DOCS}
