"""What the plans API and ``coachbot plan preview --json`` answer with. The planner's own
models and the day builder's dataclasses are the response types (pydantic serialises both), so
the wire format cannot drift from the code that computes it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from plugins.plans.days import PlannedWorkout, WeekSummary
from plugins.plans.model import ProjectionOutput
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


def plan_preview(plan: Plan) -> PlanPreview:
    days = plan.days
    return PlanPreview(
        projection=plan.projection,
        race_goal_id=plan.race_goal.id if plan.race_goal else None,
        vdot=None if days is None or days.vdot is None else round(days.vdot, 1),
        pace_source=None if days is None else days.pace_source,
        warnings=[] if days is None else list(days.warnings),
        weeks=[] if days is None else list(days.weeks),
        workouts=[] if days is None else list(days.workouts),
    )
