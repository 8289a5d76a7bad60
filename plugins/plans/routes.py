"""The plans REST routes (seed 004 "Training Plans API", seed 001 ICS export), under
``/api/v1``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from bot.skill import ApiError, Download, NoSettings, Route, RouteCall, SkillContext
from plugins.plans.api_models import (
    CalendarDay,
    CalendarOut,
    CalendarQuery,
    CompleteBody,
    PlanOut,
    PlanPreview,
    SessionOut,
    SkipBody,
    WeekOut,
    logged_out,
    plan_preview,
)
from plugins.plans.chart import ChartWeek, svg
from plugins.plans.ics import CalendarSession, plan_ics
from plugins.plans.model import PlanRequest, ProjectionOutput
from plugins.plans.service import Document, PlanService, Session, local_today, no_plan

MAX_CALENDAR_DAYS = 120

ServiceFor = Callable[[SkillContext], PlanService]


def plan_routes(service_for: ServiceFor) -> list[Route]:
    async def preview(call: RouteCall[PlanRequest, NoSettings]) -> PlanPreview:
        """The plan a request gives, with nothing saved: feasibility, readiness, risk, weekly
        load and every session. The athlete's logged workouts fill in a missing weekly load
        and anchor paces when no VDOT or race is given."""
        ctx = call.ctx
        return plan_preview(await service_for(ctx).preview(ctx.user, call.body, ctx.clock()))

    async def create(call: RouteCall[PlanRequest, NoSettings]) -> PlanOut:
        """Save the plan a request gives as your active plan (the last one is superseded)."""
        ctx = call.ctx
        return plan_out(await service_for(ctx).create(ctx.user, call.body, ctx.clock()))

    async def current(call: RouteCall[Any, Any]) -> PlanOut:
        """Your active plan."""
        return plan_out(await service_for(call.ctx).current(call.ctx.user.user_id))

    async def current_week(call: RouteCall[Any, Any]) -> WeekOut:
        """This week of your active plan, each session with what became of it."""
        ctx = call.ctx
        service = service_for(ctx)
        plan = await service.current(ctx.user.user_id)
        now = ctx.clock()
        index, start = plan_week(plan, local_today(now, ctx.user.tz))
        end = start + timedelta(days=7)
        sessions, extra = await service.sessions(ctx.user, plan, start, end, now)
        planned = next((w for w in _projection(plan).weeks if w.start_date == start), None)
        kind = None if planned is None else planned.kind
        target = None if planned is None else planned.tss
        return WeekOut(
            plan_id=plan["_id"], week_number=index + 1, start=start, end=end, kind=kind,
            target_tss=target, sessions=[session_out(s) for s in sessions],
            extra=[logged_out(w) for w in extra],
        )  # fmt: skip

    async def calendar(call: RouteCall[Any, CalendarQuery]) -> CalendarOut:
        """Your plan day by day, planned sessions beside the workouts you logged."""
        ctx = call.ctx
        service = service_for(ctx)
        plan = await service.current(ctx.user.user_id)
        now = ctx.clock()
        start = call.query.start or plan_week(plan, local_today(now, ctx.user.tz))[1]
        end = call.query.end or start + timedelta(days=28)
        if end <= start:
            raise ApiError(422, "bad_range", "end must be after start.")
        if (end - start).days > MAX_CALENDAR_DAYS:
            raise ApiError(422, "bad_range", f"Ask for at most {MAX_CALENDAR_DAYS} days at a time.")
        sessions, extra = await service.sessions(ctx.user, plan, start, end, now)
        days = [
            CalendarDay(
                day=day,
                sessions=[session_out(s) for s in sessions if s.workout.scheduled_date == day],
                extra=[logged_out(w) for w in extra if w.day == day],
            )
            for day in (start + timedelta(days=i) for i in range((end - start).days))
        ]
        return CalendarOut(plan_id=plan["_id"], start=start, end=end, days=days)

    async def complete(call: RouteCall[CompleteBody, NoSettings]) -> SessionOut:
        """Mark a session done, optionally naming the logged workout that was it. A workout
        much longer or shorter than planned rebuilds the plan from next week on."""
        ctx = call.ctx
        service = service_for(ctx)
        plan_id, workout_id = call.path["id"], call.path["wid"]
        await service.complete(
            ctx.user, plan_id, workout_id, call.body.workout_id, call.body.notes, ctx.clock()
        )
        return await _one_session(service, ctx, plan_id, workout_id)

    async def skip(call: RouteCall[SkipBody, NoSettings]) -> SessionOut:
        """Skip a session; the plan is rebuilt from next week on around what you did."""
        ctx = call.ctx
        service = service_for(ctx)
        plan_id, workout_id = call.path["id"], call.path["wid"]
        await service.skip(ctx.user, plan_id, workout_id, call.body.reason, ctx.clock())
        return await _one_session(service, ctx, plan_id, workout_id)

    async def replan(call: RouteCall[Any, Any]) -> PlanOut:
        """Rebuild your plan from next week on, from the training you actually did."""
        ctx = call.ctx
        service = service_for(ctx)
        plan = await service.plan(ctx.user.user_id, call.path["id"])
        if plan["status"] != "active":
            raise ApiError(409, "plan_not_active", f"This plan is {plan['status']}.")
        return plan_out(await service.replan(ctx.user, plan, ctx.clock()))

    async def ics(call: RouteCall[Any, Any]) -> Download:
        """Your plan as an iCalendar file (RFC 5545) to import or subscribe to."""
        ctx = call.ctx
        service = service_for(ctx)
        plan = await service.plan(ctx.user.user_id, call.path["id"])
        docs = await service.store.workouts(ctx.user.user_id, plan["_id"])
        sessions = [
            CalendarSession(
                workout_id=d["_id"], day=date.fromisoformat(d["scheduled_date"]),
                title=d["title"], description=d.get("description", ""),
                duration_minutes=d.get("duration_minutes"), skipped=bool(d.get("skipped")),
            )
            for d in docs
            if d["workout_type"] != "rest"
        ]  # fmt: skip
        body = plan_ics(
            plan["name"], sessions, made_at=plan["updated_at"], revision=plan["revision"]
        )
        return Download(body, "text/calendar; charset=utf-8", filename="training-plan.ics")

    async def chart(call: RouteCall[Any, Any]) -> Download:
        """Your active plan's weekly load with fitness, fatigue and form, as SVG."""
        plan = await service_for(call.ctx).current(call.ctx.user.user_id)
        weeks = [
            ChartWeek(w.start_date, w.tss, w.ctl, w.atl, w.tsb, w.kind)
            for w in _projection(plan).weeks
        ]
        if not weeks:
            raise no_plan()
        drawing = svg(weeks, title=plan["name"])
        return Download(drawing.encode(), "image/svg+xml; charset=utf-8")

    mine = (401, 404)
    return [
        Route("POST", "/plans/preview", preview, "Preview a plan (nothing saved)", PlanRequest,
              response=PlanPreview, errors=(401,)),
        Route("POST", "/plans", create, "Create your plan", PlanRequest, response=PlanOut,
              status=201, errors=(401,)),
        Route("GET", "/plans/current", current, "Your active plan", response=PlanOut,
              errors=mine),
        Route("GET", "/plans/current/week", current_week, "This week of your plan",
              response=WeekOut, errors=mine),
        Route("GET", "/plans/current/chart.svg", chart, "Your plan's load chart (SVG)",
              errors=mine, media_type="image/svg+xml"),
        Route("GET", "/plans/calendar", calendar, "Your plan day by day, with your workouts",
              query=CalendarQuery, response=CalendarOut, errors=mine),
        Route("POST", "/plans/{id}/workouts/{wid}/complete", complete, "Mark a session done",
              CompleteBody, response=SessionOut, errors=(*mine, 409)),
        Route("POST", "/plans/{id}/workouts/{wid}/skip", skip, "Skip a session", SkipBody,
              response=SessionOut, errors=(*mine, 409)),
        Route("POST", "/plans/{id}/replan", replan, "Rebuild your plan from next week on",
              response=PlanOut, errors=(*mine, 409)),
        Route("GET", "/plans/{id}.ics", ics, "Your plan as a calendar file (RFC 5545)",
              errors=mine, media_type="text/calendar"),
    ]  # fmt: skip


def plan_out(plan: Document) -> PlanOut:
    return PlanOut(
        id=plan["_id"], name=plan["name"], status=plan["status"], revision=plan["revision"],
        created_at=plan["created_at"], updated_at=plan["updated_at"],
        start_date=plan["start_date"], event_date=plan["event_date"],
        race_goal_id=plan.get("race_goal_id"), vdot=plan.get("vdot"),
        pace_source=plan.get("pace_source"), warnings=plan.get("warnings", []),
        request=PlanRequest.model_validate(plan["request"]), projection=_projection(plan),
    )  # fmt: skip


def session_out(session: Session) -> SessionOut:
    doc = session.doc
    return SessionOut(
        id=doc["_id"], status=session.status, workout=session.workout,
        actual=None if session.actual is None else logged_out(session.actual),
        completed_at=doc.get("completed_at"), skip_reason=doc.get("skip_reason"),
        athlete_notes=doc.get("athlete_notes"),
    )  # fmt: skip


def plan_week(plan: Document, today: date) -> tuple[int, date]:
    """The plan week holding ``today`` (the first before the plan starts, the last after it
    ends), as its index and first day."""
    start = date.fromisoformat(plan["start_date"])
    last = (date.fromisoformat(plan["event_date"]) - start).days // 7
    index = min(max((today - start).days // 7, 0), last)
    return index, start + timedelta(days=7 * index)


def _projection(plan: Document) -> ProjectionOutput:
    return ProjectionOutput.model_validate(plan["projection"])


async def _one_session(
    service: PlanService, ctx: SkillContext, plan_id: str, workout_id: str
) -> SessionOut:
    doc = await service.store.workout(ctx.user.user_id, plan_id, workout_id)
    if doc is None:  # re-planning replaced it; cannot happen to a done or skipped session
        raise ApiError(404, "not_found", "No session with that id in this plan.")
    day = date.fromisoformat(doc["scheduled_date"])
    plan = await service.plan(ctx.user.user_id, plan_id)
    sessions, _ = await service.sessions(ctx.user, plan, day, day + timedelta(days=1), ctx.clock())
    return session_out(next(s for s in sessions if s.doc["_id"] == workout_id))
