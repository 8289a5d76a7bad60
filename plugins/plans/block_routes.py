"""``POST /api/v1/plans/block``: seed 001's 14-21 day training block (``GeneratedPlan``) for
someone without a race to plan around, or before one. Nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict, Field

from bot.skill import ApiError, NoSettings, Route, RouteCall, SkillContext
from plugins.plans.asks import plan_start
from plugins.plans.block import BlockRequest, GeneratedPlan, generate_block
from plugins.plans.days import RecentRun
from plugins.plans.history import weekly_history
from plugins.plans.logged import logged_workout
from plugins.plans.model import Level
from plugins.plans.planning import DAY_LEVEL, DEFAULT_WEEKDAYS
from plugins.plans.service import PlanService, local_today


class BlockBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start_date: date | None = None
    """First day (default: next Monday)."""
    length_days: int = Field(14, ge=14, le=21)
    level: Level = "novice"
    available_days_per_week: int = Field(4, ge=3, le=7)
    max_session_minutes: int | None = Field(None, ge=30, le=600)
    vdot: float | None = Field(None, ge=20, le=90)
    """Paces from this VDOT; without it, from your logged runs, else by effort."""
    goal_distance_km: float | None = Field(None, ge=1, le=50)
    """The distance the block leans towards (a 5K block has more speed than a marathon one)."""


def block_routes(service_for: Callable[[SkillContext], PlanService]) -> list[Route]:
    async def block(call: RouteCall[BlockBody, NoSettings]) -> GeneratedPlan:
        """A 14-21 day block of sessions with tags and a short rationale, from your level,
        schedule and logged runs. Nothing is saved."""
        ctx = call.ctx
        body = call.body
        now = ctx.clock()
        today = local_today(now, ctx.user.tz)
        start = body.start_date or plan_start(today)
        if start < today:
            raise ApiError(422, "bad_start", "start_date cannot be in the past.")
        service = service_for(ctx)
        since = now - timedelta(weeks=service.settings.history_weeks, days=1)
        recent = [logged_workout(w) for w in await service.workouts.since(ctx.user.user_id, since)]
        history = weekly_history(recent, today, weeks=4)
        request = BlockRequest(
            user_id=ctx.user.user_id,
            start=start,
            level=DAY_LEVEL[body.level],
            available_weekdays=DEFAULT_WEEKDAYS[body.available_days_per_week],
            length_days=body.length_days,
            max_session_minutes=body.max_session_minutes,
            vdot=body.vdot,
            recent_runs=tuple(
                RecentRun(w.distance_km, w.duration_minutes * 60)
                for w in recent
                if w.activity == "run" and w.distance_km and w.duration_minutes
            ),
            current_weekly_tss=max(history.weekly_tss) if history.sessions else None,
            goal_distance_km=body.goal_distance_km,
        )
        return generate_block(request)

    return [
        Route("POST", "/plans/block", block, "A 14-21 day training block (nothing saved)",
              BlockBody, response=GeneratedPlan, errors=(401,)),
    ]  # fmt: skip
