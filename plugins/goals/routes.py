"""The goals and workouts REST routes (seed 000 "APIs"), mounted under ``/api/v1``."""

from __future__ import annotations

from typing import Any

from bot.skill import ApiError, NoSettings, Route, RouteCall
from plugins.goals.api_models import (
    ChoiceOut,
    DraftOut,
    GoalCreate,
    GoalList,
    GoalOut,
    GoalPatch,
    MessageOut,
    NotificationsOut,
    ParseBody,
    ParseOut,
    ProblemOut,
    ProgressOut,
    ScheduleBody,
    ScheduleOut,
    StatusQuery,
    WorkoutIn,
    WorkoutList,
    WorkoutOut,
    WorkoutQuery,
    WorkoutsBody,
    WorkoutsSaved,
)
from plugins.goals.display import in_display_unit
from plugins.goals.drafting import Drafted, draft_goal, unit_system
from plugins.goals.model import GoalDraft, to_canonical
from plugins.goals.parser import reworded
from plugins.goals.schedules import ScheduleIn
from plugins.goals.service import Document, GoalService, GoalView, draft_of, local_date
from plugins.goals.validation import draft_problems

HISTORY_LIMIT = 50

Service = Any  # resolved per call; see GoalsSkill.service


def goal_routes(service_for: Any) -> list[Route]:
    """``service_for(ctx) -> GoalService``: the skill's way to reach its store for a call."""

    async def parse(call: RouteCall[ParseBody, NoSettings]) -> ParseOut:
        """Turn free text into a draft goal, or the one question that would settle it."""
        ctx = call.ctx
        prefs = call.body.user_prefs
        drafted = await draft_goal(
            call.body.text,
            ctx,
            units=prefs.units if prefs and prefs.units else unit_system(ctx.user.units),
            tz=(prefs.tz if prefs and prefs.tz else ctx.user.tz),
        )
        return parse_out(drafted, ctx.clock())

    async def create(call: RouteCall[GoalCreate, NoSettings]) -> GoalOut:
        """Create a goal from a confirmed draft; answers with its first evaluation."""
        view = await service_for(call.ctx).create(
            call.ctx.user, call.body.draft(), call.ctx.clock(), source="api"
        )
        return goal_out(view)

    async def list_goals(call: RouteCall[Any, StatusQuery]) -> GoalList:
        """Your goals (not deleted ones), oldest first, with their progress."""
        views = await service_for(call.ctx).all_goals(call.ctx.user.user_id)
        if call.query.status is not None:
            views = [v for v in views if v.goal["status"] == call.query.status]
        return GoalList(goals=[goal_out(v) for v in views])

    async def get_goal(call: RouteCall[Any, Any]) -> GoalOut:
        """One of your goals with its progress."""
        return goal_out(await service_for(call.ctx).get(call.ctx.user.user_id, call.path["id"]))

    async def patch_goal(call: RouteCall[GoalPatch, Any]) -> GoalOut:
        """Pause, resume or edit a goal; progress and reminders are recomputed at once."""
        service: GoalService = service_for(call.ctx)
        user_id, goal_id, now = call.ctx.user.user_id, call.path["id"], call.ctx.clock()
        body = call.body
        changes = body.model_dump(
            exclude_unset=True, exclude={"status", "display_target", "constraints"}
        )
        if "constraints" in body.model_fields_set and body.constraints is not None:
            changes["constraints"] = body.constraints.model_dump(mode="json", exclude_none=True)
        view: GoalView | None = None
        if changes or body.display_target is not None:
            current = await service.get(user_id, goal_id)
            if body.display_target is not None:
                unit = body.display_unit or current.goal["display_unit"]
                changes["target_value"], _ = to_canonical(body.display_target, unit)
            changes.update(
                reworded(draft_of(current.goal).model_dump(), changes, current.goal["tz"])
            )
            view = await service.edit(user_id, goal_id, changes, now)
        if body.status == "paused":
            view = await service.pause(user_id, goal_id, now)
        elif body.status == "active":
            view = await service.resume(user_id, goal_id, now)
        assert view is not None  # GoalPatch requires at least one field
        return goal_out(view)

    async def delete_goal(call: RouteCall[Any, Any]) -> None:
        """Delete a goal (kept out of sight, its reminders stopped at once)."""
        await service_for(call.ctx).delete(call.ctx.user.user_id, call.path["id"], call.ctx.clock())

    async def evaluate(call: RouteCall[Any, Any]) -> GoalOut:
        """Re-evaluate a goal now (operators only)."""
        return goal_out(
            await service_for(call.ctx).evaluate(
                call.ctx.user.user_id, call.path["id"], call.ctx.clock()
            )
        )

    async def notifications(call: RouteCall[Any, Any]) -> NotificationsOut:
        """A goal's notification schedules and the messages sent for it."""
        service: GoalService = service_for(call.ctx)
        user_id, goal_id = call.ctx.user.user_id, call.path["id"]
        await service.get(user_id, goal_id)  # 404 unless it is yours
        schedules = await service.store.schedules_of(user_id, goal_id)
        history = await service.store.messages_of(user_id, goal_id, HISTORY_LIMIT)
        return NotificationsOut(
            schedules=[schedule_out(s) for s in schedules],
            history=[
                MessageOut(
                    id=str(m["_id"]),
                    channel=m.get("channel", ""),
                    message_type=m.get("message_type", ""),
                    content=m.get("content", ""),
                    sent_at=m.get("sent_at"),
                )
                for m in history
            ],
        )

    async def put_schedule(call: RouteCall[ScheduleBody, Any]) -> ScheduleOut:
        """Create or replace the goal's schedule of this type (one per type)."""
        try:
            schedule = ScheduleIn.model_validate(call.body.model_dump())
        except ValueError as exc:
            raise ApiError(422, "invalid_schedule", _first_error(exc)) from None
        doc = await service_for(call.ctx).put_schedule(
            call.ctx.user.user_id, call.path["id"], schedule, call.ctx.clock()
        )
        return schedule_out(doc)

    async def save_workouts(call: RouteCall[WorkoutsBody, Any]) -> WorkoutsSaved:
        """Record workouts (one or a batch, idempotent by id); affected goals are re-evaluated."""
        service: GoalService = service_for(call.ctx)
        limit = service.settings.max_workouts_per_request
        if len(call.body.workouts) > limit:
            raise ApiError(413, "too_many_workouts", f"Send at most {limit} workouts per request.")
        user = call.ctx.user
        docs = [workout_doc(w, user.tz) for w in call.body.workouts]
        counts, views = await service.record_workouts(user, docs, call.ctx.clock())
        return WorkoutsSaved(**counts, goals=[goal_out(v) for v in views])

    async def list_workouts(call: RouteCall[Any, WorkoutQuery]) -> WorkoutList:
        """Your workouts, newest first; page with ``before``."""
        q = call.query
        # One more than asked says whether another page exists without a second query.
        docs = await service_for(call.ctx).store.workouts.page(
            call.ctx.user.user_id, before=q.before, since=q.since, limit=q.limit + 1
        )
        page = docs[: q.limit]
        return WorkoutList(
            workouts=[workout_out(d) for d in page],
            next_before=page[-1]["started_at"] if len(docs) > q.limit else None,
        )

    async def delete_workout(call: RouteCall[Any, Any]) -> None:
        """Delete a workout; the goals it counted towards are re-evaluated."""
        await service_for(call.ctx).delete_workout(
            call.ctx.user.user_id, call.path["id"], call.ctx.clock()
        )

    mine = (401, 404)
    return [
        Route("POST", "/goals/parse", parse, "Draft a goal from free text", ParseBody,
              response=ParseOut, errors=(401,)),
        Route("POST", "/goals", create, "Create a goal from a confirmed draft", GoalCreate,
              response=GoalOut, status=201, errors=(401, 409)),
        Route("GET", "/goals", list_goals, "Your goals with progress", query=StatusQuery,
              response=GoalList, errors=(401,)),
        Route("GET", "/goals/{id}", get_goal, "One goal with progress", response=GoalOut,
              errors=mine),
        Route("PATCH", "/goals/{id}", patch_goal, "Pause, resume or edit a goal", GoalPatch,
              response=GoalOut, errors=(*mine, 409)),
        Route("DELETE", "/goals/{id}", delete_goal, "Delete a goal", errors=mine),
        Route("POST", "/goals/{id}/evaluate", evaluate, "Re-evaluate a goal now",
              response=GoalOut, errors=mine, admin=True),
        Route("GET", "/goals/{id}/notifications", notifications,
              "A goal's reminder schedules and message history", response=NotificationsOut,
              errors=mine),
        Route("POST", "/goals/{id}/notifications/schedules", put_schedule,
              "Create or replace a goal's schedule", ScheduleBody, response=ScheduleOut,
              errors=mine),
        Route("POST", "/workouts", save_workouts, "Record workouts", WorkoutsBody,
              response=WorkoutsSaved, errors=(401, 413)),
        Route("GET", "/workouts", list_workouts, "Your workouts, newest first",
              query=WorkoutQuery, response=WorkoutList, errors=(401,)),
        Route("DELETE", "/workouts/{id}", delete_workout, "Delete a workout", errors=mine),
    ]  # fmt: skip


def parse_out(drafted: Drafted, now: Any) -> ParseOut:
    choices = [ChoiceOut(label=label, value=value) for label, value in drafted.chips]
    if drafted.draft is None:
        outcome = "clarify" if drafted.question else "refused"
        return ParseOut(
            outcome=outcome,
            question=drafted.question,
            choices=choices,
            message=drafted.message,
            source=drafted.source,
        )
    problems = [
        ProblemOut(field=p.field, message=p.message) for p in draft_problems(drafted.draft, now)
    ]
    return ParseOut(
        outcome="draft",
        draft_goal=draft_out(drafted.draft),
        problems=problems,
        choices=choices,
        message=drafted.message,
        source=drafted.source,
    )


def draft_out(draft: GoalDraft) -> DraftOut:
    data = draft.model_dump()
    data["constraints"] = draft.constraints.model_dump(mode="json", exclude_none=True)
    return DraftOut(**data, display_target=in_display_unit(draft.target_value, draft.display_unit))


def goal_out(view: GoalView) -> GoalOut:
    goal, progress = view.goal, view.progress
    unit = goal["display_unit"]
    return GoalOut(
        id=goal["_id"],
        title=goal["title"],
        description=goal.get("description", ""),
        metric=goal["metric"],
        target_value=goal["target_value"],
        unit=goal["unit"],
        display_unit=unit,
        display_target=in_display_unit(goal["target_value"], unit),
        window=goal["window"],
        constraints=goal.get("constraints") or {},
        start_at=goal["start_at"],
        end_at=goal.get("end_at"),
        deadline_at=goal.get("deadline_at"),
        status=goal["status"],
        created_at=goal["created_at"],
        updated_at=goal["updated_at"],
        progress=_progress_out(progress, goal) if progress else None,
        next_reminder_at=view.next_reminder_at,
        events=[{"kind": e.kind, "key": e.key, "data": e.data} for e in view.events],
    )


def _progress_out(progress: Document, goal: Document) -> ProgressOut:
    ev = progress.get("evaluation", {})
    unit = goal["display_unit"]
    return ProgressOut(
        current_value=progress["current_value"],
        progress_percent=progress["progress_percent"],
        display_current=in_display_unit(progress["current_value"], unit),
        display_target=in_display_unit(goal["target_value"], unit),
        remaining_value=ev.get("remaining_value", 0.0),
        window_start=ev.get("window_start"),
        window_end=ev.get("window_end"),
        expected_progress=ev.get("expected_progress"),
        delta=ev.get("delta"),
        pace=ev.get("pace"),
        eta=ev.get("eta"),
        on_pace_to_finish=ev.get("on_pace_to_finish"),
        needed_today=ev.get("needed_today"),
        streak_current=ev.get("streak_current", 0),
        streak_best=ev.get("streak_best", 0),
        days_since_last_contribution=ev.get("days_since_last_contribution"),
        period_key=ev.get("period_key"),
        last_evaluated_at=progress["last_evaluated_at"],
    )


def schedule_out(doc: Document) -> ScheduleOut:
    return ScheduleOut(
        id=doc["_id"],
        goal_id=doc["goal_id"],
        schedule_type=doc["schedule_type"],
        rules=doc["rules"],
        timezone=doc["timezone"],
        next_run_at=doc.get("next_run_at"),
        enabled=doc["enabled"],
        created_at=doc["created_at"],
        updated_at=doc["updated_at"],
    )


def workout_out(doc: Document) -> WorkoutOut:
    return WorkoutOut(
        id=doc["workout_id"],
        started_at=doc["started_at"],
        tz=doc["tz"],
        local_date=doc["local_date"],
        activity=doc.get("activity"),
        distance_km=doc.get("distance_km"),
        duration_minutes=doc.get("duration_minutes"),
        elevation_gain_m=doc.get("elevation_gain_m"),
        load_kg=doc.get("load_kg"),
        steps=doc.get("steps"),
        power_points=doc.get("power_points"),
    )


def workout_doc(workout: WorkoutIn, user_tz: str) -> Document:
    """The stored form of a workout: its id, measures, zone and the local day it counts on."""
    tz = workout.tz or user_tz
    data = workout.model_dump(exclude={"id", "tz"})
    return {
        "workout_id": workout.id,
        **data,
        "tz": tz,
        "local_date": local_date(workout.started_at, tz),
    }


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return str(exc)
