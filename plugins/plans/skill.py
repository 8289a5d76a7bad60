"""The plans skill in chat: "plan me a half marathon on 18 April, goal 1:45, I run 4 days a
week" → at most two questions → a preview card (feasibility, readiness, risk, the first week) →
create. Risk-accepted mode only after an explicit acknowledgement in the chat.

Every number comes from the planner. With an LLM configured, the ``plan_generator`` prompt may
word the rationale and the first week's session cues; an answer that breaks its rules falls back
to our own words. Once a plan exists, questions about it and sessions reported done or missed
are answered by ``following``.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from bot.skill import Chip, Reply, Route, Skill, SkillContext, Turn
from plugins.plans import cards
from plugins.plans.api_models import PlanPreview, plan_preview
from plugins.plans.asks import Missing, missing, plan_request
from plugins.plans.block_routes import block_routes
from plugins.plans.following import answer, mark
from plugins.plans.model import (
    ConstraintPolicy,
    PlanConfiguration,
    PlanRequest,
    RaceResult,
    RiskAcceptance,
)
from plugins.plans.periodization import minimum_weeks
from plugins.plans.questions import Question, plan_question
from plugins.plans.reading import PlanAsk, plan_signal, read_plan_request
from plugins.plans.reports import (
    read_report,
    report_signal,
)
from plugins.plans.routes import plan_out, plan_routes
from plugins.plans.service import (
    PlanService,
    local_today,
    plan_name,
    session_key,
)
from plugins.plans.settings import PlansSettings
from plugins.plans.store import SPECS
from plugins.plans.writing import written_problems

_CONFIRM = re.compile(
    r"^\s*(?:yes|yep|yeah|ok|okay|sure|create|create it|do it|go|looks good|sounds good|"
    r"yes, create the plan)\b",
    re.IGNORECASE,
)
_CANCEL = re.compile(r"^\s*(?:cancel|never ?mind|forget it|stop|no thanks|nope)\b", re.I)
_ASK_RISK = re.compile(r"\b(?:plan it anyway|anyway|risk mode|risky version|push me)\b", re.I)
_ACCEPT_RISK = re.compile(r"\bi (?:understand and )?accept the risks?\b", re.I)
_QUESTIONS_ALLOWED = 2

RACE_QUESTION = (
    "Which race are you training for, and when? For example “a half marathon on 18 April” or "
    "“a 10K in 8 weeks”."
)
FITNESS_QUESTION = (
    "To pitch the plan right: what is a recent race time (“I ran a 5K in 27:30”), or about how "
    "far do you run a week?"
)


class PlansSkill(Skill):
    name = "plans"
    summary = "Builds race training plans from your fitness, honest about what is feasible."
    commands = ("/plan",)
    examples = ("Plan me a half marathon on 18 April, goal 1:45, 4 days a week", "/plan")
    settings_model = PlansSettings
    collections = SPECS
    prompts_dir = Path(__file__).parent / "prompts"
    max_flow_turns = 8

    def intent(self, turn: Turn) -> float:
        asked = 0.9 if plan_question(turn.text) is not None else 0.0
        return max(plan_signal(turn.text), report_signal(turn.text), asked)

    def routes(self) -> list[Route]:
        return [*plan_routes(self.service), *block_routes(self.service)]

    def service(self, ctx: SkillContext) -> PlanService:
        return PlanService(ctx.db, cast(PlansSettings, ctx.settings))

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        if turn.command is not None:
            return await self._command(turn.args.strip().lower(), ctx)
        text = turn.text
        flow = ctx.flow or {}
        today = local_today(ctx.clock(), ctx.user.tz)
        if flow and _CANCEL.match(text):
            return Reply(text="Okay, no plan for now.", chips=_start_chips())
        report = None if flow else read_report(text, today)
        if report is not None:
            return await mark(report, self.service(ctx), ctx)
        asked = None if flow else plan_question(text)
        if asked is not None:
            return await answer(asked, self.service(ctx), ctx)
        ask = _ask_from(flow.get("ask")) if flow else PlanAsk()
        if flow.get("stage") == "preview":
            if _CONFIRM.match(text):
                return await self._create(flow, ctx)
            wants_risk = _ASK_RISK.search(text) or _ACCEPT_RISK.search(text)
            if wants_risk and not flow.get("risk"):
                if _ACCEPT_RISK.search(text) and flow.get("risk_offered"):
                    return await self._preview(ask, ctx, flow, risk=True)
                return _risk_warning(flow)
        answering = flow.get("expecting") if flow.get("stage") == "collect" else None
        later = read_plan_request(text, today, known=ask, answering=answering)
        if flow.get("stage") == "preview" and later.empty:
            return Reply(
                text="I didn't catch a change there. Say “create it”, change a detail "
                "(“make it 5 days a week”, “goal 1:50”), or “cancel”.",
                chips=_preview_chips(flow),
                flow=flow,
                unclaimed=True,
            )
        if flow.get("stage") == "collect" and later.empty:
            need = missing(ask, has_history=await self._has_history(ctx))
            question, chips = _question(need or "race", ask)
            return Reply(
                text=f"I didn't catch that. {question}", chips=chips, flow=flow, unclaimed=True
            )
        ask = ask.merged(later)
        return await self._next_step(ask, ctx, flow)

    async def _next_step(self, ask: PlanAsk, ctx: SkillContext, flow: dict[str, Any]) -> Reply:
        asked = int(flow.get("asked", 0))
        history = await self._has_history(ctx)
        need = missing(ask, has_history=history)
        if need == "race" and asked >= _QUESTIONS_ALLOWED:
            return Reply(
                text="I need a race and its date to build a plan. Tell me when you have one, "
                "e.g. “plan me a 10K on 14 March”.",
                chips=_start_chips(),
            )
        if need is not None and asked < _QUESTIONS_ALLOWED:
            question, chips = _question(need, ask)
            state = {
                "stage": "collect",
                "ask": _ask_state(ask),
                "asked": asked + 1,
                "expecting": need,
            }
            return Reply(text=question, chips=chips, flow=state)
        return await self._preview(ask, ctx, {"asked": asked}, risk=False)

    async def _preview(
        self, ask: PlanAsk, ctx: SkillContext, flow: dict[str, Any], *, risk: bool
    ) -> Reply:
        now = ctx.clock()
        today = local_today(now, ctx.user.tz)
        try:
            request = plan_request(ask, today, _configuration(now) if risk else None)
        except ValidationError as exc:
            return Reply(text=_request_problem(exc), chips=cards.race_chips())
        service = self.service(ctx)
        plan = await service.preview(ctx.user, request, now)
        preview = plan_preview(plan)
        name = plan_name(request)
        card = cards.preview_card(name, preview, plan.request)
        words, notes = await self._written(preview, plan.request, ctx)
        text = " ".join(words)
        if risk:
            text = f"⚠️ {cards.risk_statement(preview.projection)} {text}"
        state = {
            "stage": "preview",
            "ask": _ask_state(ask),
            "asked": flow.get("asked", 0),
            "request": plan.request.model_dump(mode="json"),
            "risk": risk,
            "hard": preview.projection.feasibility_band in cards.HARD_BANDS,
            "notes": notes,
        }
        return Reply(text=text, cards=[card], chips=_preview_chips(state), flow=state)

    async def _create(self, flow: dict[str, Any], ctx: SkillContext) -> Reply:
        request = PlanRequest.model_validate(flow["request"])
        now = ctx.clock()
        doc = await self.service(ctx).create(ctx.user, request, now, notes=flow.get("notes"))
        plan = plan_out(doc)
        first = date.fromisoformat(doc["start_date"])
        return Reply(
            text=f"Your plan is set: {plan.name}. It starts {first:%A %-d %B}. Ask “/plan week” "
            "any time to see the week, and tell me when you skip a session: I'll rebuild the "
            "rest around it.",
            chips=[Chip(label="This week", value="/plan week")],
        )

    async def _command(self, args: str, ctx: SkillContext) -> Reply:
        """``/plan`` and ``/plan week`` show this week; ``/plan today|tomorrow|next week|paces``
        answer as the same words in chat do."""
        commands: dict[str, Question] = {
            "": "week",
            "week": "week",
            "this week": "week",
            "next week": "next_week",
            "today": "today",
            "tomorrow": "tomorrow",
            "paces": "paces",
        }
        if args in commands:
            return await answer(commands[args], self.service(ctx), ctx)
        return Reply(
            text="Try “/plan week”, “/plan today”, “/plan tomorrow”, “/plan next week” or "
            "“/plan paces”.",
            chips=[Chip(label="This week", value="/plan week")],
        )

    async def _written(
        self, preview: PlanPreview, request: PlanRequest, ctx: SkillContext
    ) -> tuple[list[str], dict[str, str]]:
        """The rationale, and notes for the first week's sessions by ``session_key``: the
        model's words when it keeps to the facts, else our own rationale and no notes."""
        fallback = cards.rationale(preview, request)
        if ctx.llm.provider is None:
            return fallback, {}
        facts = _facts(preview, request)
        first = [w for w in preview.workouts if w.week_number == 1 and w.workout_type != "rest"]
        sessions = json.dumps(
            [
                {"id": session_key(w.scheduled_date, w.workout_type), "title": w.title,
                 "how": w.structure or w.description}
                for w in first
            ]
        )  # fmt: skip
        ids = {session_key(w.scheduled_date, w.workout_type) for w in first}
        settings = cast(PlansSettings, ctx.settings)
        result = await ctx.llm.structured(
            "plan_generator",
            {"facts": facts, "sessions": sessions},
            version=settings.prompt_version,
            # a note may repeat a session's own numbers ("20 min at T"), never invent one
            check=lambda data: written_problems(data, facts + sessions, ids),
        )
        if not result.ok or result.data is None:
            return fallback, {}
        notes = {str(n["id"]): str(n["note"]) for n in result.data["notes"]}
        return [str(line) for line in result.data["rationale"]], notes

    async def _has_history(self, ctx: SkillContext) -> bool:
        since = ctx.clock() - timedelta(weeks=cast(PlansSettings, ctx.settings).history_weeks)
        return bool(await self.service(ctx).workouts.since(ctx.user.user_id, since))


def _configuration(now: datetime) -> PlanConfiguration:
    """Risk mode as the chat offers it, after the athlete's explicit acknowledgement: readiness
    and feasibility caps lifted and safety caps off, every risk still reported."""
    return PlanConfiguration(
        mode="risk_accepted",
        risk_acceptance=RiskAcceptance(
            accepted=True, reason="Acknowledged in chat: “I accept the risk”", accepted_at_iso=now
        ),
        constraint_policy=ConstraintPolicy(
            enforce_safety_caps=False, enforce_feasibility_caps=False, readiness_cap_enabled=False
        ),
    )


def _risk_warning(flow: dict[str, Any]) -> Reply:
    state = {**flow, "risk_offered": True}
    return Reply(
        text="Before I do: a plan that chases this goal goes beyond safe training — faster "
        "load increases, fewer easy weeks, a real chance of injury or burnout — and it still "
        "may not get you there. I'll show every risk it takes. If you want that, say “I accept "
        "the risk”.",
        chips=[
            Chip(label="I accept the risk", value=cards.ACCEPT_RISK),
            Chip(label="Keep it safe", value=cards.CREATE),
            Chip(label="Cancel", value=cards.CANCEL),
        ],
        flow=state,
    )


def _preview_chips(state: dict[str, Any]) -> list[Chip]:
    chips = [Chip(label="Create plan", value=cards.CREATE)]
    if state.get("hard") and not state.get("risk"):
        chips.append(Chip(label="Plan it anyway", value=cards.ASK_RISK))
    days = int(state.get("request", {}).get("athlete", {}).get("available_days_per_week", 4))
    if days < 7:
        chips.append(Chip(label=f"{days + 1} days a week", value=f"make it {days + 1} days a week"))
    if days > 3:
        chips.append(Chip(label=f"{days - 1} days a week", value=f"make it {days - 1} days a week"))
    chips.append(Chip(label="Cancel", value=cards.CANCEL))
    return chips


def _question(need: Missing, ask: PlanAsk) -> tuple[str, list[Chip]]:
    """The question for what is missing, built on what is known: a 10K with no date is asked
    "when", a date with no race "which race"."""
    if need == "fitness":
        return FITNESS_QUESTION, _fitness_chips()
    if ask.distance_m is not None and ask.event_date is None:
        race = cards.race_in_sentence("run", ask.distance_m)
        shortest = minimum_weeks(ask.distance_m / 1000)
        weeks = (shortest, shortest + 4, shortest + 8)
        chips = [Chip(label=f"In {n} weeks", value=f"in {n} weeks") for n in weeks]
        return f"When is your {race}? For example “on 18 April” or “in {weeks[1]} weeks”.", chips
    if ask.event_date is not None and ask.distance_m is None:
        races = ("5K", "10K", "half marathon", "marathon")
        chips = [Chip(label=race[0].upper() + race[1:], value=f"a {race}") for race in races]
        question = f"Which race is on {ask.event_date:%-d %B}: a 5K, a 10K, a half or a marathon?"
        return question, chips
    return RACE_QUESTION, cards.race_chips()


def _fitness_chips() -> list[Chip]:
    return [
        Chip(label="About 20 km a week", value="I run about 20 km a week"),
        Chip(label="5K in 28:00", value="I ran a 5K in 28:00"),
        Chip(label="Just starting out", value="I'm a beginner"),
    ]


def _start_chips() -> list[Chip]:
    return [Chip(label="Plan a race", value="plan me a half marathon in 12 weeks")]


def _ask_state(ask: PlanAsk) -> dict[str, Any]:
    return {
        "race": ask.race,
        "distance_m": ask.distance_m,
        "event_date": None if ask.event_date is None else ask.event_date.isoformat(),
        "goal_seconds": ask.goal_seconds,
        "days_per_week": ask.days_per_week,
        "recent": None if ask.recent is None else ask.recent.model_dump(mode="json"),
        "weekly_km": ask.weekly_km,
        "level": ask.level,
    }


def _ask_from(state: dict[str, Any] | None) -> PlanAsk:
    if not state:
        return PlanAsk()
    recent = state.get("recent")
    return PlanAsk(
        race=state.get("race"),
        distance_m=state.get("distance_m"),
        event_date=date.fromisoformat(state["event_date"]) if state.get("event_date") else None,
        goal_seconds=state.get("goal_seconds"),
        days_per_week=state.get("days_per_week"),
        recent=None if recent is None else RaceResult.model_validate(recent),
        weekly_km=state.get("weekly_km"),
        level=state.get("level"),
    )


def _request_problem(exc: ValidationError) -> str:
    message = str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
    if "before start_date" in message:
        return (
            "That race is too close to plan for: plans start next Monday. Until race day, "
            "keep your runs short and easy, rest the day before, and start the race slower "
            "than feels right. For a plan, pick a later race or tell me the date again."
        )
    return f"I can't build that plan: {message}."


def _facts(preview: PlanPreview, request: PlanRequest) -> str:
    p = preview.projection
    goal = request.goals[0]
    return json.dumps(
        {
            "race": plan_name(request),
            "feasibility_band": p.feasibility_band,
            "readiness": round(p.readiness_score),
            "risk_level": p.risk_level,
            "weeks": len(p.weeks),
            "first_week_tss": round(p.weeks[0].tss) if p.weeks else None,
            "peak_week_tss": round(max((w.tss for w in p.weeks), default=0)),
            "vdot": preview.vdot,
            "event_date": goal.event_date_iso.isoformat(),
        }
    )
