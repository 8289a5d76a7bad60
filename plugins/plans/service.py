"""The plans skill's use cases on its store: preview, create, read by week and calendar, mark
sessions done or skipped, re-plan, export. The chat and the REST routes both call these; the
planning itself is ``planning.make_plan``'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter

from bot.skill import ApiError, UserProfile
from plugins.plans.api_models import PlanPreview, plan_preview
from plugins.plans.days import PlannedWorkout
from plugins.plans.history import weekly_history
from plugins.plans.logged import LoggedWorkout, logged_workout
from plugins.plans.matching import Planned, match_sessions
from plugins.plans.model import Athlete, PlanRequest, RunFitness
from plugins.plans.planning import Plan, make_plan
from plugins.plans.settings import PlansSettings
from plugins.plans.store import PlanStore
from storage.workouts import WorkoutStore

Document = dict[str, Any]
PLANNED_WORKOUT = TypeAdapter(PlannedWorkout)
REQUEST = TypeAdapter(PlanRequest)
REPLAN_LOAD_CHANGE = 0.25
"""A session done this much heavier or lighter than planned (by duration) re-plans the rest."""


@dataclass(frozen=True, slots=True)
class Session:
    """A planned session as stored, with what became of it."""

    doc: Document
    workout: PlannedWorkout
    actual: LoggedWorkout | None
    status: str
    """``planned``, ``done``, ``skipped``, ``missed`` (its day passed without it) or ``rest``."""


class PlanService:
    def __init__(self, db: Any, settings: PlansSettings) -> None:
        self.store = PlanStore(db)
        self.workouts = WorkoutStore(db)
        self.settings = settings

    # building

    async def preview(self, user: UserProfile, request: PlanRequest, now: datetime) -> Plan:
        """The plan this request gives, from the user's own recent training; nothing saved."""
        today = local_today(now, user.tz)
        if request.start_date < today:
            raise ApiError(
                422, "start_in_past",
                f"start_date {request.start_date} is in the past; a plan starts today "
                f"({today}) or later.",
            )  # fmt: skip
        recent = await self._recent(user.user_id, now)
        return make_plan(self._with_history(request, recent, today), today, recent=recent)

    async def create(
        self,
        user: UserProfile,
        request: PlanRequest,
        now: datetime,
        *,
        notes: Mapping[str, str] | None = None,
    ) -> Document:
        """Save the plan the request gives as the user's active plan. A risk acceptance given
        without its moment is stamped with now: the plan keeps when the risk was accepted.
        ``notes`` (by ``session_key``, checked model writing) are added to those sessions'
        coach's notes."""
        plan = await self.preview(user, _acceptance_stamped(request, now), now)
        preview = plan_preview(plan)
        docs = session_docs(preview.workouts)
        for doc in docs:
            note = (notes or {}).get(session_key(doc["scheduled_date"], doc["workout_type"]))
            if note:
                doc["coach_notes"] = f"{doc['coach_notes']} {note}".strip()
        return await self.store.create(user.user_id, plan_fields(plan.request, preview), docs, now)

    # reading

    async def current(self, user_id: str) -> Document:
        plan = await self.store.current(user_id)
        if plan is None:
            raise no_plan()
        return plan

    async def plan(self, user_id: str, plan_id: str) -> Document:
        plan = await self.store.plan(user_id, plan_id)
        if plan is None:
            raise ApiError(404, "not_found", "No plan with that id.")
        return plan

    async def sessions(
        self, user: UserProfile, plan: Document, start: date, end: date, now: datetime
    ) -> tuple[list[Session], list[LoggedWorkout]]:
        """The plan's sessions from ``start`` up to ``end``, each matched with the logged workout
        that stands for it, and the workouts of those days that match none."""
        docs = await self.store.workouts(user.user_id, plan["_id"], start, end)
        zone = ZoneInfo(user.tz)
        since = datetime.combine(start - timedelta(days=1), datetime.min.time(), zone)
        logged = [
            logged_workout(w)
            for w in await self.workouts.since(user.user_id, since)
            if start.isoformat() <= w["local_date"] < end.isoformat()
        ]
        # a skipped session takes no workout, and a linked one has its own already
        planned = [
            Planned(d["_id"], date.fromisoformat(d["scheduled_date"]), d["workout_type"],
                    d.get("distance_km"), d.get("duration_minutes"))
            for d in docs
            if not d.get("skipped") and not d.get("completed_workout_id")
        ]  # fmt: skip
        linked = {
            d["_id"]: d["completed_workout_id"] for d in docs if d.get("completed_workout_id")
        }
        matched = {**match_sessions(planned, [w for w in logged if w.id not in linked.values()])}
        matched.update(linked)
        by_id = {w.id: w for w in logged}
        elsewhere = [i for i in linked.values() if i not in by_id]
        if elsewhere:  # linked workouts logged on a day outside the range
            found = await self.workouts.existing(user.user_id, elsewhere)
            by_id.update({i: logged_workout(d) for i, d in found.items()})
        today = local_today(now, user.tz)
        sessions = [_session(d, by_id.get(matched.get(d["_id"], "")), today) for d in docs]
        used = set(matched.values())
        return sessions, [w for w in logged if w.id not in used]

    # changing

    async def complete(
        self,
        user: UserProfile,
        plan_id: str,
        workout_id: str,
        logged_id: str | None,
        notes: str | None,
        now: datetime,
    ) -> Document:
        plan = await self._open_plan(user.user_id, plan_id)
        doc = await self._session_doc(user.user_id, plan_id, workout_id)
        if doc["workout_type"] == "rest":
            raise ApiError(409, "rest_day", "That is a rest day; there is nothing to mark done.")
        actual: Document | None = None
        if logged_id is not None:
            found = await self.workouts.existing(user.user_id, [logged_id])
            if logged_id not in found:
                raise ApiError(
                    404, "workout_not_found",
                    "No logged workout with that id; log it with POST /api/v1/workouts first.",
                )  # fmt: skip
            actual = found[logged_id]
        changes: Document = {"completed": True, "completed_at": now, "skipped": False}
        changes["skip_reason"] = None
        changes["completed_workout_id"] = logged_id
        if notes is not None:
            changes["athlete_notes"] = notes
        updated = await self.store.mark_workout(user.user_id, plan_id, workout_id, changes, now)
        assert updated is not None
        if actual is not None and _far_from_plan(doc, actual):
            await self.replan(user, plan, now)
        return updated

    async def skip(
        self, user: UserProfile, plan_id: str, workout_id: str, reason: str | None, now: datetime
    ) -> Document:
        plan = await self._open_plan(user.user_id, plan_id)
        doc = await self._session_doc(user.user_id, plan_id, workout_id)
        if doc["workout_type"] == "rest":
            raise ApiError(409, "rest_day", "That is a rest day; there is nothing to skip.")
        changes = {"skipped": True, "skip_reason": reason, "completed": False,
                   "completed_workout_id": None}  # fmt: skip
        updated = await self.store.mark_workout(user.user_id, plan_id, workout_id, changes, now)
        assert updated is not None
        if self.settings.replan_on_skip:
            await self.replan(user, plan, now)
        return updated

    async def replan(self, user: UserProfile, plan: Document, now: datetime) -> Document:
        """Rebuild the plan from the next week on, from where the athlete is now: the rest of
        this week stays as it is, done and skipped sessions are kept, and the load the athlete
        actually did replaces the load that was planned."""
        request = REQUEST.validate_python(plan["request"])
        today = local_today(now, user.tz)
        first = request.start_date
        # from the week after this one; before the plan has begun, from its first week
        start = first + timedelta(days=7 * max(0, (today - first).days // 7 + 1))
        if all(goal.event_date_iso < start for goal in request.goals):
            return plan  # nothing left to plan: the race is this week
        athlete = await self._athlete_now(user, plan, request, start, now)
        renewed = request.model_copy(
            update={
                "start_date": start,
                "goals": [g for g in request.goals if g.event_date_iso >= start],
                "athlete": athlete,
            }
        )
        recent = await self._recent(user.user_id, now)
        shown = [
            w["tss"] for w in plan["projection"]["weeks"] if w["start_date"] >= start.isoformat()
        ]
        preview = plan_preview(make_plan(renewed, today, recent=recent, previous_loads=shown))
        offset = (start - first).days // 7
        # a day that holds a done or skipped session keeps it alone: no new session beside it
        settled = {
            d["scheduled_date"]
            for d in await self.store.workouts(user.user_id, plan["_id"], start)
            if d.get("completed") or d.get("skipped")
        }
        docs = [
            d
            for d in session_docs(preview.workouts, week_offset=offset)
            if d["scheduled_date"] not in settled
        ]
        projection = preview.projection.model_dump(mode="json")
        kept = [w for w in plan["projection"]["weeks"] if w["start_date"] < start.isoformat()]
        renewed_weeks = [{**w, "index": w["index"] + len(kept)} for w in projection["weeks"]]
        projection["weeks"] = [*kept, *renewed_weeks]
        changes = {
            "projection": projection,
            "replanned_from": start.isoformat(),
            "warnings": preview.warnings,
        }
        updated = await self.store.replace_from(
            user.user_id, plan["_id"], start, docs, changes, now
        )
        assert updated is not None
        return updated

    # internals

    async def _recent(self, user_id: str, now: datetime) -> list[LoggedWorkout]:
        since = now - timedelta(weeks=self.settings.history_weeks, days=1)
        return [logged_workout(w) for w in await self.workouts.since(user_id, since)]

    def _with_history(
        self, request: PlanRequest, recent: Sequence[LoggedWorkout], today: date
    ) -> PlanRequest:
        """A request without a weekly load for running takes it from the logged workouts."""
        athlete = request.athlete
        if not recent or (athlete.run is not None and athlete.run.weekly_tss):
            return request
        history = weekly_history(recent, today, weeks=self.settings.history_weeks)
        if history.sessions == 0:
            return request
        run = athlete.run or RunFitness()
        run = run.model_copy(update={"weekly_tss": list(history.weekly_tss)})
        return request.model_copy(update={"athlete": athlete.model_copy(update={"run": run})})

    async def _athlete_now(
        self, user: UserProfile, plan: Document, request: PlanRequest, start: date, now: datetime
    ) -> Athlete:
        """The athlete as of ``start``: each sport's weekly load before the plan, then that of
        each plan week since. A week counts its planned load in each sport; running, which has
        sessions, scaled by the share of its sessions' load that was done (``_run_shares``). A
        week done as planned thus keeps the planner's own figure, and a deload stays one."""
        first = request.start_date
        shares = await self._run_shares(user, plan, first, start, now)
        planned = {w["start_date"]: w["tss_by_sport"] for w in plan["projection"]["weeks"]}
        ends = start - timedelta(days=1)
        athlete = request.athlete
        updates: Document = {}
        for sport, fitness in (
            ("run", athlete.run),
            ("bike", athlete.bike),
            ("swim", athlete.swim),
        ):
            if fitness is None:
                continue
            weeks = []
            for index, share in enumerate(shares):
                load = planned.get((first + timedelta(weeks=index)).isoformat(), {}).get(sport, 0.0)
                weeks.append(float(load) * (share if sport == "run" else 1.0))
            changes: Document = {}
            if fitness.history_end_iso is not None and weeks:
                # the weeks between the history and the plan, then the plan's, end the day before
                gap = max(0, (first - fitness.history_end_iso).days) // 7
                weeks = [*([0.0] * gap), *weeks]
                changes["history_end_iso"] = ends
            changes["weekly_tss"] = [round(x, 1) for x in [*fitness.weekly_tss, *weeks][-12:]]
            updates[sport] = fitness.model_copy(update=changes)
        return athlete.model_copy(update=updates)

    async def _run_shares(
        self, user: UserProfile, plan: Document, first: date, start: date, now: datetime
    ) -> list[float]:
        """For each plan week up to ``start``, the share of its sessions' planned load that was
        done. Done sessions (ticked off, or matched by a logged workout) count at their planned
        load, scaled by how long the logged workout lasted against the plan; sessions still
        ahead this week count as planned (they stay so); skipped and missed ones count nothing.
        A week without sessions counts as planned."""
        count = (start - first).days // 7
        planned, done = [0.0] * count, [0.0] * count
        sessions, _ = await self.sessions(user, plan, first, start, now)
        for session in sessions:
            index = (session.workout.scheduled_date - first).days // 7
            planned[index] += float(session.doc.get("tss") or 0.0)
            if session.status in ("done", "planned"):
                done[index] += _session_load(session)
        return [d / p if p else 1.0 for d, p in zip(done, planned, strict=True)]

    async def _open_plan(self, user_id: str, plan_id: str) -> Document:
        plan = await self.plan(user_id, plan_id)
        if plan["status"] != "active":
            raise ApiError(
                409, "plan_not_active",
                f"This plan is {plan['status']}; only the active plan's sessions can change.",
            )  # fmt: skip
        return plan

    async def _session_doc(self, user_id: str, plan_id: str, workout_id: str) -> Document:
        doc = await self.store.workout(user_id, plan_id, workout_id)
        if doc is None:
            raise ApiError(404, "not_found", "No session with that id in this plan.")
        return doc


def plan_fields(request: PlanRequest, preview: PlanPreview) -> Document:
    """What a saved plan keeps besides its sessions: the request (to re-plan from), the
    projection as shown, and where its paces come from."""
    goal = next((g for g in request.goals if g.id == preview.race_goal_id), request.goals[0])
    return {
        "name": plan_name(request),
        "request": request.model_dump(mode="json"),
        "projection": preview.projection.model_dump(mode="json"),
        "race_goal_id": preview.race_goal_id,
        "event_date": goal.event_date_iso.isoformat(),
        "start_date": request.start_date.isoformat(),
        "vdot": preview.vdot,
        "pace_source": preview.pace_source,
        "warnings": preview.warnings,
    }


def plan_name(request: PlanRequest) -> str:
    goal = sorted(request.goals, key=lambda g: (g.priority, g.event_date_iso, g.id))[0]
    what = race_label(goal.sport, goal.distance_m)
    return f"{what} on {goal.event_date_iso:%-d %B %Y}"


def race_label(sport: str, distance_m: float | None) -> str:
    names = {5000.0: "5K", 10000.0: "10K", 21097.5: "Half marathon", 42195.0: "Marathon"}
    if sport == "run" and distance_m in names:
        return names[distance_m]
    if distance_m:
        return f"{distance_m / 1000:g} km {sport}"
    return sport.capitalize()


def session_docs(workouts: Sequence[PlannedWorkout], *, week_offset: int = 0) -> list[Document]:
    docs = []
    for workout in workouts:
        doc = PLANNED_WORKOUT.dump_python(workout, mode="json")
        doc["week_number"] += week_offset
        doc.update(completed=False, skipped=False, skip_reason=None, completed_workout_id=None)
        docs.append(doc)
    return docs


def session_key(day: date | str, workout_type: str) -> str:
    """A session's name before it has an id (a preview's sessions are not stored):
    ``"2026-12-14:long"``."""
    return f"{day if isinstance(day, str) else day.isoformat()}:{workout_type}"


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def no_plan() -> ApiError:
    return ApiError(
        404, "no_plan",
        "You have no active plan; preview one with POST /api/v1/plans/preview, then create it.",
    )  # fmt: skip


def _session(doc: Document, actual: LoggedWorkout | None, today: date) -> Session:
    workout = PLANNED_WORKOUT.validate_python(doc)
    if workout.workout_type == "rest":
        status = "rest"
    elif doc.get("skipped"):
        status = "skipped"
    elif doc.get("completed") or actual is not None:
        status = "done"
    elif workout.scheduled_date < today:
        status = "missed"
    else:
        status = "planned"
    return Session(doc, workout, actual, status)


def _session_load(session: Session) -> float:
    """A session's training load: as planned, or in proportion to the logged workout's
    duration when one stands for it (TSS grows with duration at a given intensity)."""
    planned = float(session.doc.get("tss") or 0.0)
    minutes = session.doc.get("duration_minutes")
    actual = session.actual
    if actual is None or actual.duration_minutes is None or not minutes:
        return planned
    return planned * actual.duration_minutes / float(minutes)


def _acceptance_stamped(request: PlanRequest, now: datetime) -> PlanRequest:
    configuration = request.configuration
    acceptance = configuration.risk_acceptance
    if acceptance is None or not acceptance.accepted or acceptance.accepted_at_iso is not None:
        return request
    stamped = acceptance.model_copy(update={"accepted_at_iso": now})
    return request.model_copy(
        update={"configuration": configuration.model_copy(update={"risk_acceptance": stamped})}
    )


def _far_from_plan(doc: Document, actual: Document) -> bool:
    planned = doc.get("duration_minutes")
    done = actual.get("duration_minutes")
    if not planned or done is None:
        return False
    return bool(abs(done - planned) / planned >= REPLAN_LOAD_CHANGE)
