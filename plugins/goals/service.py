"""The goals skill's operations, shared by its chat handler and its REST routes: create, list,
edit, pause, delete, record workouts and re-evaluate. I/O lives here and in the store; the
decisions (validation, evaluation, schedules) are the pure modules'."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.skill import ApiError, ErrorDetail, UserProfile
from plugins.goals.model import Constraints, GoalDraft, WorkoutFacts
from plugins.goals.progress import (
    Evaluation,
    GoalEvent,
    GoalSpec,
    ProgressMarks,
    daily_contributions,
    evaluate_goal,
    goal_events,
    marks_after,
    milestones_for,
)
from plugins.goals.schedules import QuietHours, ScheduleIn, default_schedules, next_run_at
from plugins.goals.settings import GoalsSettings
from plugins.goals.store import GoalStore
from plugins.goals.validation import Problem, draft_problems

Document = dict[str, Any]

CALENDAR_LOOKBACK = timedelta(days=32)
"""Calendar windows count their whole period, which may begin before the goal did."""

MAX_EVENTS_KEPT = 20


@dataclass
class GoalView:
    """A goal as users see it: the stored goal, its latest progress and its next reminder."""

    goal: Document
    progress: Document | None
    next_reminder_at: datetime | None = None
    events: list[GoalEvent] = field(default_factory=list)
    """Transitions the last evaluation emitted (completion, milestones, …)."""


class GoalService:
    def __init__(self, store: GoalStore, settings: GoalsSettings) -> None:
        self.store = store
        self.settings = settings

    # creating and reading

    async def create(
        self, user: UserProfile, draft: GoalDraft, now: datetime, *, source: str
    ) -> GoalView:
        problems = draft_problems(draft, now)
        if problems:
            raise invalid_goal(problems)
        if await self.store.count_active(user.user_id) >= self.settings.max_active_goals:
            raise ApiError(
                409,
                "goal_limit",
                f"You already have {self.settings.max_active_goals} active goals; pause, finish "
                "or delete one before adding another.",
            )
        fields = {**draft.model_dump(mode="python"), "tz": user.tz, "source": source}
        fields["constraints"] = draft.constraints.model_dump(mode="json", exclude_none=True)
        goal = await self.store.insert_goal(user.user_id, fields, now)
        try:
            quiet = QuietHours(start=user.quiet_start, end=user.quiet_end)
            for schedule in default_schedules(
                user.reminder_time, quiet, milestones_for(_spec(goal))
            ):
                await self._put_schedule(user.user_id, goal, schedule, now)
            [view] = await self.refresh(user.user_id, [goal], now)
        except BaseException:
            await self.store.remove_goal(user.user_id, goal["_id"])
            raise
        return view

    async def views(self, user_id: str, goals: Sequence[Document]) -> list[GoalView]:
        ids = [g["_id"] for g in goals]
        if not ids:
            return []
        progress = await self.store.progress_of(user_id, ids)
        reminders = await self.store.next_reminders(user_id, ids)
        return [GoalView(g, progress.get(g["_id"]), reminders.get(g["_id"])) for g in goals]

    async def all_goals(self, user_id: str) -> list[GoalView]:
        return await self.views(user_id, await self.store.goals_of(user_id))

    async def get(self, user_id: str, goal_id: str) -> GoalView:
        goal = await self.store.goal(user_id, goal_id)
        if goal is None:
            raise goal_not_found()
        [view] = await self.views(user_id, [goal])
        return view

    # changing

    async def pause(self, user_id: str, goal_id: str, now: datetime) -> GoalView:
        goal = await self._editable(user_id, goal_id)
        if goal["status"] == "paused":
            return await self.get(user_id, goal_id)
        updated = await self.store.update_goal(user_id, goal_id, {"status": "paused"}, now)
        assert updated is not None
        await self._reset_schedules(user_id, updated, now)
        return await self.get(user_id, goal_id)

    async def resume(self, user_id: str, goal_id: str, now: datetime) -> GoalView:
        goal = await self._editable(user_id, goal_id)
        if goal["status"] == "active":
            return await self.get(user_id, goal_id)
        if await self.store.count_active(user_id) >= self.settings.max_active_goals:
            raise ApiError(
                409,
                "goal_limit",
                f"You already have {self.settings.max_active_goals} active goals; pause or "
                "finish one before resuming this one.",
            )
        updated = await self.store.update_goal(user_id, goal_id, {"status": "active"}, now)
        assert updated is not None
        await self._reset_schedules(user_id, updated, now)
        [view] = await self.refresh(user_id, [updated], now)
        return view

    async def edit(self, user_id: str, goal_id: str, changes: Document, now: datetime) -> GoalView:
        """Apply ``changes`` (draft fields in canonical units), validate the goal they make, and
        recompute its progress and schedules at once (seed 000 "Goal edits recalc immediately
        and reset schedules")."""
        goal = await self._editable(user_id, goal_id)
        merged = {**_draft_fields(goal), **changes}
        try:
            draft = GoalDraft.model_validate(merged)
        except ValueError as exc:
            raise ApiError(
                422, "invalid_goal", f"That edit does not make a valid goal: {exc}"
            ) from None
        problems = draft_problems(draft, now)
        if problems:
            raise invalid_goal(problems)
        stored = draft.model_dump(mode="python")
        stored["constraints"] = draft.constraints.model_dump(mode="json", exclude_none=True)
        updated = await self.store.update_goal(user_id, goal_id, stored, now)
        if updated is None:
            raise goal_not_found()
        await self._reset_schedules(user_id, updated, now)
        if updated["status"] == "active":
            [view] = await self.refresh(user_id, [updated], now)
            return view
        return await self.get(user_id, goal_id)

    async def delete(self, user_id: str, goal_id: str, now: datetime) -> None:
        """Soft delete: the goal disappears for the user and its schedules stop at once."""
        goal = await self.store.goal(user_id, goal_id)
        if goal is None:
            raise goal_not_found()
        await self.store.update_goal(
            user_id, goal_id, {"status": "canceled", "deleted_at": now}, now
        )
        await self.store.schedules.update_many(
            {"user_id": user_id, "goal_id": goal_id},
            {"$set": {"enabled": False, "next_run_at": None, "updated_at": now}},
        )

    async def put_schedule(
        self, user_id: str, goal_id: str, schedule: ScheduleIn, now: datetime
    ) -> Document:
        goal = await self.store.goal(user_id, goal_id)
        if goal is None:
            raise goal_not_found()
        return await self._put_schedule(user_id, goal, schedule, now)

    # workouts and evaluation

    async def record_workouts(
        self, user: UserProfile, workouts: Sequence[Document], now: datetime
    ) -> tuple[dict[str, int], list[GoalView]]:
        """Save workouts (idempotent by the client's id) and re-evaluate the goals they touch.

        Returns how many were created, updated and unchanged, and the re-evaluated goals.
        """
        existing = await self.store.workouts.existing(
            user.user_id, [w["workout_id"] for w in workouts]
        )
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        changed: list[Document] = []
        # Start times the changes touch: new ones, and the old ones updates moved away from.
        moved: list[datetime] = []
        for doc in workouts:
            before = existing.get(doc["workout_id"])
            if before is not None and _same_workout(before, doc):
                counts["unchanged"] += 1
                continue
            saved = {**doc, "user_id": user.user_id, "updated_at": now}
            if before is None:
                counts["created"] += 1
                saved["created_at"] = now
            else:
                counts["updated"] += 1
                moved.append(_aware(before["started_at"]))
            changed.append(saved)
            moved.append(_aware(doc["started_at"]))
        if not changed:
            return counts, []
        await self.store.workouts.upsert(user.user_id, changed)
        earliest = min(moved)
        return counts, await self._reevaluate_touched(user.user_id, earliest, now)

    async def delete_workout(self, user_id: str, workout_id: str, now: datetime) -> list[GoalView]:
        removed = await self.store.workouts.delete(user_id, workout_id)
        if removed is None:
            raise ApiError(404, "not_found", f"There is no workout with id {workout_id!r}.")
        return await self._reevaluate_touched(user_id, removed["started_at"], now)

    async def evaluate(self, user_id: str, goal_id: str, now: datetime) -> GoalView:
        goal = await self.store.goal(user_id, goal_id)
        if goal is None:
            raise goal_not_found()
        if goal["status"] != "active":
            return await self.get(user_id, goal_id)
        [view] = await self.refresh(user_id, [goal], now)
        return view

    async def refresh(
        self, user_id: str, goals: Sequence[Document], now: datetime
    ) -> list[GoalView]:
        """Recompute these active goals from the user's workouts and save the results."""
        if not goals:
            return []
        since = min(g["start_at"] for g in goals) - CALENDAR_LOOKBACK
        facts = [workout_facts(w) for w in await self.store.workouts.since(user_id, _aware(since))]
        previous = await self.store.progress_of(user_id, [g["_id"] for g in goals])
        writes: list[tuple[Document, Document, Document]] = []
        views: list[GoalView] = []
        for goal in goals:
            spec = _spec(goal)
            daily = daily_contributions(spec, facts)
            write, view = assess(goal, daily, previous.get(goal["_id"]), now)
            write[1]["daily"] = sorted([day, value] for day, value in daily.items())
            writes.append(write)
            views.append(view)
        await self.store.save_evaluations(writes)
        reminders = await self.store.next_reminders(user_id, [g["_id"] for g in goals])
        for view in views:
            view.next_reminder_at = reminders.get(view.goal["_id"])
        return views

    # internals

    async def _reevaluate_touched(
        self, user_id: str, earliest: datetime, now: datetime
    ) -> list[GoalView]:
        """Active goals whose windows could include a workout at or after ``earliest``."""
        active = await self.store.goals_of(user_id, ("active",))
        touched = [
            g
            for g in active
            if g.get("end_at") is None or _aware(g["end_at"]) > earliest - CALENDAR_LOOKBACK
        ]
        return await self.refresh(user_id, touched, now)

    async def _editable(self, user_id: str, goal_id: str) -> Document:
        goal = await self.store.goal(user_id, goal_id)
        if goal is None:
            raise goal_not_found()
        if goal["status"] in ("completed", "expired"):
            raise ApiError(
                409,
                "goal_finished",
                f"This goal is {goal['status']} and its result is kept; set a new goal instead.",
            )
        return goal

    async def _reset_schedules(self, user_id: str, goal: Document, now: datetime) -> None:
        for doc in await self.store.schedules_of(user_id, goal["_id"]):
            schedule = ScheduleIn.model_validate(
                {
                    "schedule_type": doc["schedule_type"],
                    "rules": doc["rules"],
                    "enabled": doc["enabled"],
                }
            )
            await self._put_schedule(user_id, goal, schedule, now)

    async def _put_schedule(
        self, user_id: str, goal: Document, schedule: ScheduleIn, now: datetime
    ) -> Document:
        runs = goal["status"] == "active"
        fields = {
            "goal_id": goal["_id"],
            "schedule_type": schedule.schedule_type,
            "rules": schedule.rules.model_dump(mode="json", exclude_none=True),
            "timezone": goal["tz"],
            "enabled": schedule.enabled,
            "next_run_at": next_run_at(schedule, goal["tz"], now) if runs else None,
        }
        return await self.store.put_schedule(
            user_id, goal["_id"], schedule.schedule_type, fields, now
        )


def assess(
    goal: Document, daily: dict[str, float], previous: Document | None, now: datetime
) -> tuple[tuple[Document, Document, Document], GoalView]:
    """Evaluate one goal from its daily values and say what to store: the progress fields and
    any change to the goal itself (completed, expired). Pure apart from building documents."""
    evaluation = evaluate_goal(_spec(goal), daily, now)
    marks = _marks(previous)
    events = list(goal_events(marks, evaluation))
    kept = [*(previous or {}).get("events", []), *(_event_doc(e, now) for e in events)]
    progress: Document = {
        "user_id": goal["user_id"],
        "current_value": evaluation.current_value,
        "progress_percent": evaluation.progress_percent,
        "last_evaluated_at": now,
        "evaluation": evaluation_doc(evaluation),
        "marks": _marks_doc(marks_after(marks, evaluation)),
        "events": kept[-MAX_EVENTS_KEPT:],
        "updated_at": now,
    }
    changes: Document = {}
    if evaluation.status != goal["status"] and evaluation.status in ("completed", "expired"):
        changes = {"status": evaluation.status, f"{evaluation.status}_at": now, "updated_at": now}
    view = GoalView({**goal, **changes}, {"_id": goal["_id"], **progress}, events=events)
    return (goal, progress, changes), view


EVALUATION_FIELDS = tuple(f.name for f in dataclasses.fields(Evaluation) if f.name != "periods")
"""What an evaluation stores: everything but the period tallies, which the marks summarise."""


def evaluation_doc(evaluation: Evaluation) -> Document:
    # Field by field rather than ``dataclasses.asdict``: its deep copy of the period tallies,
    # only to drop them, cost the daily pass more than the evaluation itself.
    return {name: getattr(evaluation, name) for name in EVALUATION_FIELDS}


def _marks(previous: Document | None) -> ProgressMarks | None:
    if previous is None or "marks" not in previous:
        return None
    stored = previous["marks"]
    return ProgressMarks(
        status=stored["status"],
        period_key=stored.get("period_key"),
        period_met=bool(stored.get("period_met", False)),
        milestones_hit=tuple(stored.get("milestones_hit", ())),
        pace=stored.get("pace"),
    )


def _marks_doc(marks: ProgressMarks) -> Document:
    return {
        "status": marks.status,
        "period_key": marks.period_key,
        "period_met": marks.period_met,
        "milestones_hit": list(marks.milestones_hit),
        "pace": marks.pace,
    }


def _event_doc(event: GoalEvent, now: datetime) -> Document:
    return {"kind": event.kind, "key": event.key, "data": event.data, "at": now}


def workout_facts(doc: Document) -> WorkoutFacts:
    return WorkoutFacts(
        workout_id=doc["workout_id"],
        started_at=_aware(doc["started_at"]),
        local_date=doc["local_date"],
        activity=doc.get("activity"),
        distance_km=doc.get("distance_km"),
        duration_minutes=doc.get("duration_minutes"),
        elevation_gain_m=doc.get("elevation_gain_m"),
        load_kg=doc.get("load_kg"),
        steps=doc.get("steps"),
        power_points=doc.get("power_points"),
    )


def local_date(started_at: datetime, tz: str) -> str:
    return started_at.astimezone(ZoneInfo(tz)).date().isoformat()


def _spec(goal: Document) -> GoalSpec:
    return GoalSpec(
        metric=goal["metric"],
        target_value=goal["target_value"],
        window=goal["window"],
        constraints=Constraints.model_validate(goal.get("constraints") or {}),
        start_at=_aware(goal["start_at"]),
        end_at=_aware(goal["end_at"]) if goal.get("end_at") else None,
        deadline_at=_aware(goal["deadline_at"]) if goal.get("deadline_at") else None,
        tz=goal["tz"],
    )


def draft_of(goal: Document) -> GoalDraft:
    return GoalDraft.model_validate(_draft_fields(goal))


def _draft_fields(goal: Document) -> Document:
    names = GoalDraft.model_fields.keys()
    fields = {k: goal[k] for k in names if k in goal}
    for key in ("start_at", "end_at", "deadline_at"):
        if fields.get(key) is not None:
            fields[key] = _aware(fields[key])
    return fields


def _same_workout(before: Document, after: Document) -> bool:
    return all(before.get(k) == v for k, v in after.items() if k != "started_at") and _aware(
        before["started_at"]
    ) == _aware(after["started_at"])


def _aware(value: datetime) -> datetime:
    """The store hands datetimes back timezone-aware; documents built in memory may not be."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def invalid_goal(problems: Sequence[Problem]) -> ApiError:
    return ApiError(
        422,
        "invalid_goal",
        problems[0].message,
        details=[ErrorDetail(field=p.field, message=p.message) for p in problems],
    )


def goal_not_found() -> ApiError:
    return ApiError(404, "not_found", "There is no such goal among yours.")
