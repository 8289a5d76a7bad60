"""From a user's words to a draft goal: the LLM path (prompt ``goal_builder``) when a model is
configured, the deterministic parser always behind it. Both end in the same contract — a
:class:`GoalDraft` valid against ``goal_draft.v1.json`` — or in one clarifying question, or in a
polite "that isn't a goal"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from bot.skill import SkillContext
from plugins.goals.model import (
    CANONICAL_UNIT,
    TO_CANONICAL,
    Constraints,
    GoalDraft,
    display_units_for,
    to_canonical,
)
from plugins.goals.parser import Clarify, Draft, NotAGoal, PartialGoal, draft_title, parse_goal
from plugins.goals.settings import GoalsSettings
from plugins.goals.validation import contract_problems

PROMPT_ID = "goal_builder"
MAX_QUESTIONS = 2
ROLLING_DAYS = {"7d": 7, "30d": 30}


@dataclass(frozen=True)
class Drafted:
    """What drafting produced: a draft, or a question (with the partial goal to resume from),
    or neither (``not_goal`` says why)."""

    draft: GoalDraft | None = None
    question: str | None = None
    field: str | None = None
    chips: tuple[tuple[str, str], ...] = ()
    partial: PartialGoal | None = None
    not_goal: Literal["no_goal", "vague", "refused"] | None = None
    message: str = ""
    source: Literal["parser", "llm"] = "parser"


async def draft_goal(
    text: str,
    ctx: SkillContext,
    *,
    units: Literal["metric", "imperial"],
    tz: str,
    partial: PartialGoal | None = None,
) -> Drafted:
    now = ctx.clock()
    if ctx.llm.available:
        from_model = await _with_llm(text, ctx, units=units, tz=tz, partial=partial, now=now)
        if from_model is not None:
            return from_model
    return parse_offline(text, now=now, tz=tz, units=units, partial=partial)


def parse_offline(
    text: str,
    *,
    now: datetime,
    tz: str,
    units: Literal["metric", "imperial"],
    partial: PartialGoal | None = None,
) -> Drafted:
    result = parse_goal(text, now=now, tz=tz, units=units, partial=partial)
    if isinstance(result, Draft):
        return Drafted(draft=result.draft, message=" ".join(result.notes))
    if isinstance(result, Clarify):
        return Drafted(
            question=result.question,
            field=result.field,
            chips=result.chips,
            partial=result.partial,
        )
    assert isinstance(result, NotAGoal)
    return Drafted(not_goal=result.reason)


async def _with_llm(
    text: str,
    ctx: SkillContext,
    *,
    units: Literal["metric", "imperial"],
    tz: str,
    partial: PartialGoal | None,
    now: datetime,
) -> Drafted | None:
    """The model's answer when it passes every check; None lets the parser decide."""
    asked = list(partial.asked) if partial else []
    context = ""
    if partial is not None:
        known = partial.model_dump(mode="json", exclude_none=True, exclude={"asked"})
        context = f"What the user already told you about this goal: {known}"
    settings = ctx.settings
    version = settings.prompt_version if isinstance(settings, GoalsSettings) else 1
    result = await ctx.llm.structured(
        PROMPT_ID,
        {
            "today": now.astimezone(ZoneInfo(tz)).date().isoformat(),
            "tz": tz,
            "units": units,
            "context": context,
            "asked": ", ".join(asked) or "none",
            "message": text,
        },
        version=version,
    )
    if not result.ok or result.data is None:
        return None
    data = result.data
    if data["action"] == "refuse":
        return Drafted(not_goal="refused", source="llm")
    if data["action"] == "clarify":
        if len(asked) >= MAX_QUESTIONS or not data["question"].strip():
            return None
        base = partial or PartialGoal()
        return Drafted(
            question=data["question"].strip(),
            field="llm",
            chips=tuple((c[:40], c) for c in data["choices"]),
            partial=base.model_copy(update={"asked": [*asked, "llm"]}),
            source="llm",
        )
    draft = draft_from_model(data, now=now, tz=tz)
    return Drafted(draft=draft, source="llm") if draft is not None else None


def draft_from_model(data: dict[str, Any], *, now: datetime, tz: str) -> GoalDraft | None:
    """Normalise the model's draft (its units, local dates) into the canonical contract; None
    when anything does not fit."""
    metric, unit, window, target = data["metric"], data["unit"], data["window"], data["target"]
    if metric is None or unit is None or window is None or target is None:
        return None
    if unit not in display_units_for(metric):
        return None
    value, canonical = to_canonical(float(target), unit)
    if canonical != CANONICAL_UNIT[metric] or TO_CANONICAL[unit][0] != canonical:
        return None
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    try:
        start_day = date.fromisoformat(data["start_date"]) if data["start_date"] else today
        end_day = date.fromisoformat(data["end_date"]) if data["end_date"] else None
        deadline_day = date.fromisoformat(data["deadline_date"]) if data["deadline_date"] else None
    except ValueError:
        return None
    start_at = _midnight(max(start_day, today), zone)
    end_at = _midnight(end_day + timedelta(days=1), zone) if end_day else None
    deadline_at = _midnight(deadline_day + timedelta(days=1), zone) if deadline_day else None
    if window in ROLLING_DAYS and end_at is None:
        end_at = start_at + timedelta(days=ROLLING_DAYS[window])
    if window == "until_deadline":
        deadline_at, end_at = deadline_at or end_at, None
    else:
        deadline_at = None
    constraints_data = {k: v for k, v in data["constraints"].items() if v is not None}
    if "activities" in constraints_data:
        constraints_data["activities"] = tuple(dict.fromkeys(constraints_data["activities"]))
    try:
        constraints = Constraints.model_validate(constraints_data)
        fields = {
            "metric": metric,
            "target_value": value,
            "unit": canonical,
            "display_unit": unit,
            "window": window,
            "constraints": constraints,
            "start_at": start_at,
            "end_at": end_at,
            "deadline_at": deadline_at,
        }
        title = data["title"].strip() or draft_title(**fields)
        draft = GoalDraft.model_validate({**fields, "title": title[:80], "description": ""})
    except (ValidationError, ValueError, TypeError):
        return None
    if contract_problems(draft.model_dump(mode="json")):
        return None
    return draft


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(ZoneInfo("UTC"))
