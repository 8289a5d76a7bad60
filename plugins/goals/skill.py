"""The goals skill in chat: free text → (≤ 2 questions) → preview card → confirm → goal; and
edits of existing goals ("make it 60 km", "pause my ruck goal")."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from bot.skill import (
    ApiError,
    Chip,
    Evaluator,
    JobContext,
    Reply,
    Route,
    Skill,
    SkillContext,
    SkillJob,
    Turn,
)
from plugins.goals import copy
from plugins.goals.api_models import WorkoutIn
from plugins.goals.cards import CONFIRM, goal_card, preview_card, preview_chips
from plugins.goals.contributions import qualifies
from plugins.goals.daily import evaluate_active_goals
from plugins.goals.drafting import Drafted, draft_goal, unit_system
from plugins.goals.evaluation import evaluate_row
from plugins.goals.model import TO_CANONICAL, DisplayUnit, GoalDraft, to_canonical
from plugins.goals.parser import (
    Edit,
    PartialGoal,
    asks_for_race_plan,
    describe,
    goal_signal,
    parse_edit,
    reworded,
)
from plugins.goals.parser.cues import PROGRESS_QUESTION
from plugins.goals.parser.lexicon import ACTIVITY_OF_WORD, ACTIVITY_WORD
from plugins.goals.parser.normalize import fold
from plugins.goals.parser.workouts import WorkoutReport, read_workout
from plugins.goals.routes import goal_routes, workout_doc
from plugins.goals.service import (
    Document,
    GoalService,
    GoalView,
    draft_of,
    local_date,
    workout_facts,
)
from plugins.goals.settings import GoalsSettings
from plugins.goals.store import SPECS, GoalStore

_CONFIRM = re.compile(
    r"^\s*(?:yes|yep|yeah|y|ok|okay|sure|confirm|create|create it|do it|go|looks good|"
    r"perfect|great|sounds good|s[ií]|oui|ja|sim|tak|👍|✅)\b",
    re.IGNORECASE,
)
_CANCEL = re.compile(
    r"^\s*(?:cancel|never ?mind|forget it|stop|no thanks|nope|abort)\b", re.IGNORECASE
)
_SUBCOMMAND = re.compile(r"^(pause|resume|delete)\s+([0-9a-f]{32})$")


class GoalsSkill(Skill):
    name = "goals"
    summary = "Sets measurable fitness goals from your own words and tracks them."
    commands = ("/goal", "/goals")
    examples = ("Ruck 50 km this month with a 20 lb pack", "3 runs a week", "/goal")
    settings_model = GoalsSettings
    collections = SPECS
    prompts_dir = Path(__file__).parent / "prompts"
    max_flow_turns = 6

    def intent(self, turn: Turn) -> float:
        if parse_edit(turn.text) is not None or PROGRESS_QUESTION.search(fold(turn.text)):
            return 0.9
        if read_workout(turn.text, now=turn.received_at, tz=turn.tz) is not None:
            return 0.9
        return goal_signal(turn.text)

    def routes(self) -> list[Route]:
        return goal_routes(self.service)

    def evaluators(self) -> dict[str, Evaluator]:
        return {"goals": evaluate_row}

    def jobs(self) -> list[SkillJob]:
        every = cast(GoalsSettings, self.settings).evaluate_every_minutes
        return [
            SkillJob(
                "evaluate",
                _evaluate_all,
                timedelta(minutes=every),
                "Re-evaluates every active goal: windows roll over, goals expire, pace moves.",
            )
        ]

    def service(self, ctx: SkillContext) -> GoalService:
        settings = cast(GoalsSettings, ctx.settings)
        return GoalService(GoalStore(ctx.db), settings)

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        text = turn.args if turn.command else turn.text
        if turn.command is not None:
            return await self._command(text, ctx)
        flow = ctx.flow or {}
        if _CANCEL.match(text) and flow:
            return Reply(text="Okay, I've dropped that goal.", chips=copy.template_chips())
        report = read_workout(text, now=ctx.clock(), tz=ctx.user.tz)
        if report is not None:
            if not flow:
                return await self._log_workout(report, turn, ctx)
            logged = await self._log_workout(report, turn, ctx, drafting=True)
            logged.flow = flow  # the goal being drafted waits for the next turn
            return logged
        if flow and asks_for_race_plan(text):
            # a race plan is another skill's: let it answer, and keep this goal waiting
            return Reply(
                text="That sounds like a race plan, not a goal I can track. Shall we finish "
                "your goal first? Tell me the missing piece, or say cancel.",
                flow=flow,
                unclaimed=True,
            )
        if flow.get("stage") == "preview":
            return await self._on_preview(text, GoalDraft.model_validate(flow["draft"]), ctx)
        if flow.get("stage") == "clarify":
            partial = PartialGoal.model_validate(flow["partial"])
            return await self._draft(text, ctx, partial=partial)
        if PROGRESS_QUESTION.search(fold(text)):
            return await self._list(ctx, about=text)
        edit = parse_edit(text)
        if edit is not None:
            reply = await self._edit_existing(edit, ctx)
            if reply is not None:
                return reply
        return await self._draft(text, ctx)

    async def _log_workout(
        self, report: WorkoutReport, turn: Turn, ctx: SkillContext, *, drafting: bool = False
    ) -> Reply:
        """Record a workout told in chat, as the app would send it (one per turn: a repeat
        of the same turn updates it), and show the goals it moved. ``drafting``: a goal is
        being set up in this chat, so the reply points back to it rather than offering one."""
        try:
            workout = WorkoutIn(id=f"chat-{turn.turn_id}", **report.fields())
        except ValidationError:
            return Reply(text=copy.implausible_workout())
        now = ctx.clock()
        doc = workout_doc(workout, ctx.user.tz)
        _, views = await self.service(ctx).record_workouts(ctx.user, [doc], now)
        today = date.fromisoformat(local_date(now, ctx.user.tz))
        logged = f"Logged your {report.summary(today)}."
        facts = workout_facts(doc)
        views = [v for v in views if qualifies(facts, draft_of(v.goal).constraints)]
        cards = [goal_card(v, ctx.user.tz) for v in views]
        if drafting:
            return Reply(text=f"{logged} {copy.back_to_the_draft()}", cards=cards)
        if not views:
            return Reply(text=f"{logged} {copy.no_goal_counts_it()}", chips=copy.template_chips())
        return Reply(text=logged, cards=cards)

    # drafting

    async def _draft(
        self, text: str, ctx: SkillContext, *, partial: PartialGoal | None = None
    ) -> Reply:
        drafted = await draft_goal(
            text, ctx, units=unit_system(ctx.user.units), tz=ctx.user.tz, partial=partial
        )
        if drafted.draft is not None:
            return _preview(drafted.draft, ctx, note=drafted.message)
        if drafted.question is not None:
            return Reply(
                text=drafted.question,
                chips=[Chip(label=label, value=value) for label, value in drafted.chips],
                flow={"stage": "clarify", "partial": _partial_json(drafted)},
            )
        if partial is not None and drafted.not_goal != "vague":
            # Off-topic in the middle of a goal: decline, and keep the goal where it was.
            question = "Shall we finish your goal? Tell me the missing piece, or say cancel."
            return Reply(
                text=copy.off_topic_in_flow(question),
                chips=copy.template_chips(2),
                refused=True,
                flow={"stage": "clarify", "partial": partial.model_dump(mode="json")},
                unclaimed=True,
            )
        if drafted.not_goal == "vague":
            return Reply(text=copy.vague_goal(), chips=copy.template_chips())
        return Reply.refusal(copy.not_a_goal(), chips=copy.template_chips())

    async def _on_preview(self, text: str, draft: GoalDraft, ctx: SkillContext) -> Reply:
        if _CONFIRM.match(text) or text.strip() == CONFIRM:
            return await self._create(draft, ctx)
        edit = parse_edit(text)
        if edit is not None and edit.action == "set_target" and edit.value is not None:
            unit = edit.display_unit or draft.display_unit
            changed = _retarget(
                draft, _canonical_target(edit, draft.display_unit), unit, ctx.user.tz
            )
            if changed is not None:
                return _preview(changed, ctx)
        unit_switch = re.match(r"^\s*use\s+(km|mi|m|ft|minutes|hours)\s*$", text, re.IGNORECASE)
        if unit_switch:
            unit = cast(Any, unit_switch.group(1).lower())
            changed = _retarget(draft, draft.target_value, unit, ctx.user.tz)
            if changed is not None:
                return _preview(changed, ctx)
        partial = PartialGoal(
            metric=draft.metric,
            target_value=draft.target_value,
            display_unit=draft.display_unit,
            constraints=draft.constraints.model_dump(exclude_none=True),
            asked=["window", "unit"],
        )
        drafted = await draft_goal(
            text, ctx, units=unit_system(ctx.user.units), tz=ctx.user.tz, partial=partial
        )
        if drafted.draft is not None:
            return _preview(drafted.draft, ctx)
        return Reply(
            text="Shall I create this goal? Tap “Create it”, change something, or say cancel.",
            cards=[preview_card(draft, ctx.user.tz)],
            chips=preview_chips(draft),
            refused=drafted.not_goal == "no_goal",
            flow={"stage": "preview", "draft": draft.model_dump(mode="json")},
            unclaimed=True,
        )

    async def _create(self, draft: GoalDraft, ctx: SkillContext) -> Reply:
        try:
            view = await self.service(ctx).create(ctx.user, draft, ctx.clock(), source="chat")
        except ApiError as exc:
            if exc.code == "goal_limit":
                return Reply(text=copy.limit_reached(self._limit(ctx)))
            return Reply(
                text=f"I can't create that goal yet: {exc.message}",
                cards=[preview_card(draft, ctx.user.tz)],
                chips=preview_chips(draft),
                flow={"stage": "preview", "draft": draft.model_dump(mode="json")},
            )
        return Reply(
            text=copy.created(draft.title) + "\n" + copy.DISCLOSURE,
            cards=[goal_card(view, ctx.user.tz)],
        )

    # existing goals

    async def _command(self, args: str, ctx: SkillContext) -> Reply:
        service = self.service(ctx)
        match = _SUBCOMMAND.match(args.strip().lower())
        if match is not None:
            action, goal_id = match.groups()
            return await self._apply(action, goal_id, service, ctx)
        if args.strip() and args.strip().lower() != "list":
            return await self._draft(args, ctx)
        return await self._list(ctx)

    async def _list(self, ctx: SkillContext, *, about: str = "") -> Reply:
        """The user's goals; asked about one activity ("how's my ruck goal going"), the goals
        that count it, or all of them when none does."""
        views = await self.service(ctx).all_goals(ctx.user.user_id)
        if not views:
            return Reply(text=copy.no_goals_yet(), chips=copy.template_chips())
        named = {ACTIVITY_OF_WORD[m.group(1)] for m in ACTIVITY_WORD.finditer(fold(about))
                 if m.group(1) in ACTIVITY_OF_WORD}  # fmt: skip
        about_them = [
            v for v in views if named & set(v.goal.get("constraints", {}).get("activities") or ())
        ]
        shown = about_them or views
        return Reply(
            text=f"Your goals ({len(shown)}):" if not about_them else "Here's how it's going:",
            cards=[goal_card(v, ctx.user.tz) for v in shown],
        )

    async def _apply(
        self, action: str, goal_id: str, service: GoalService, ctx: SkillContext
    ) -> Reply:
        user_id, now = ctx.user.user_id, ctx.clock()
        try:
            if action == "delete":
                view = await service.get(user_id, goal_id)
                await service.delete(user_id, goal_id, now)
                return Reply(text=f"Deleted “{view.goal['title']}”; its reminders are stopped.")
            view = await (service.pause if action == "pause" else service.resume)(
                user_id, goal_id, now
            )
        except ApiError as exc:
            return Reply(text=exc.message)
        said = "Paused" if action == "pause" else "Resumed"
        return Reply(text=f"{said} “{view.goal['title']}”.", cards=[goal_card(view, ctx.user.tz)])

    async def _edit_existing(self, edit: Edit, ctx: SkillContext) -> Reply | None:
        """Apply a chat edit to the goal it names; None when the user has no goal to edit (the
        text is then read as a new goal)."""
        service = self.service(ctx)
        views = [
            v
            for v in await service.all_goals(ctx.user.user_id)
            if v.goal["status"] in ("active", "paused")
        ]
        if not views:
            return None
        candidates = _matching(views, edit)
        if len(candidates) != 1:
            verb = {"set_target": "change", "set_window": "change"}.get(edit.action, edit.action)
            return Reply(
                text=copy.ask_which(verb.replace("_", " ")),
                cards=[goal_card(v, ctx.user.tz) for v in candidates or views],
            )
        view = candidates[0]
        goal_id = view.goal["_id"]
        if edit.action in ("pause", "resume", "delete"):
            return await self._apply(edit.action, goal_id, service, ctx)
        changes = _edit_changes(edit, view.goal)
        if changes is None:
            return None
        try:
            updated = await service.edit(ctx.user.user_id, goal_id, changes, ctx.clock())
        except ApiError as exc:
            return Reply(text=f"I couldn't change that: {exc.message}")
        return Reply(
            text=f"Updated — “{updated.goal['title']}”.", cards=[goal_card(updated, ctx.user.tz)]
        )

    def _limit(self, ctx: SkillContext) -> int:
        return cast(GoalsSettings, ctx.settings).max_active_goals


async def _evaluate_all(ctx: JobContext) -> dict[str, Any]:
    report = await evaluate_active_goals(GoalStore(ctx.db), ctx.clock())
    return {
        "goals": report.goals,
        "completed": report.completed,
        "expired": report.expired,
        "events": report.events,
        "goals_per_second": round(report.goals_per_second),
    }


def _preview(draft: GoalDraft, ctx: SkillContext, *, note: str = "") -> Reply:
    lead = "Here's your goal — shall I create it?"
    return Reply(
        text=f"{note} {lead}".strip(),
        cards=[preview_card(draft, ctx.user.tz)],
        chips=preview_chips(draft),
        flow={"stage": "preview", "draft": draft.model_dump(mode="json")},
    )


def _retarget(draft: GoalDraft, value: float, unit: Any, tz: str) -> GoalDraft | None:
    """The draft with a new canonical target shown in ``unit``; None if the unit doesn't fit."""
    if TO_CANONICAL[unit][0] != draft.unit:
        return None
    fields = draft.model_dump()
    fields.update(target_value=value, display_unit=unit)
    fields.update(describe(fields, tz))
    try:
        return GoalDraft.model_validate(fields)
    except ValueError:
        return None


def _canonical_target(edit: Edit, display_unit: DisplayUnit) -> float:
    """A bare "make it 70" means 70 in the unit the goal is shown in."""
    assert edit.value is not None
    if edit.display_unit is not None:
        return edit.value
    return to_canonical(edit.value, display_unit)[0]


def _edit_changes(edit: Edit, goal: Document) -> dict[str, Any] | None:
    changes: dict[str, Any]
    if edit.action == "set_target" and edit.value is not None:
        changes = {"target_value": _canonical_target(edit, goal["display_unit"])}
        if edit.display_unit is not None:
            if to_canonical(1.0, edit.display_unit)[1] != goal["unit"]:
                return None
            changes["display_unit"] = edit.display_unit
    elif edit.action == "set_window" and edit.window is not None:
        changes = {"window": edit.window}
    elif edit.action == "set_activity" and edit.activity is not None:
        changes = {
            "constraints": {**(goal.get("constraints") or {}), "activities": [edit.activity]}
        }
    else:
        return None
    return {**changes, **reworded(draft_of(goal).model_dump(), changes, goal["tz"])}


def _matching(views: list[GoalView], edit: Edit) -> list[GoalView]:
    if len(views) == 1:
        return views
    hint = edit.which
    picked = views
    if hint.metric is not None:
        picked = [v for v in picked if v.goal["metric"] == hint.metric] or picked
    if hint.activity is not None:
        by_activity = [
            v
            for v in picked
            if hint.activity in ((v.goal.get("constraints") or {}).get("activities") or ())
            or hint.activity in v.goal["title"].lower()
        ]
        picked = by_activity or picked
    if hint.words and len(picked) > 1:
        by_words = [v for v in picked if any(w in v.goal["title"].lower() for w in hint.words)]
        picked = by_words or picked
    return picked


def _partial_json(drafted: Drafted) -> dict[str, Any]:
    partial = drafted.partial or PartialGoal()
    return partial.model_dump(mode="json")
