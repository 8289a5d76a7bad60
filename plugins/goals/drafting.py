"""From a user's words to a draft goal: the LLM path (prompt ``goal_builder``) when a model is
configured, the deterministic parser always behind it. Both end in the same contract — a
:class:`GoalDraft` valid against ``goal_draft.v1.json`` — or in one clarifying question, or in a
polite "that isn't a goal"."""

from __future__ import annotations

import json
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
    from_canonical,
    to_canonical,
)
from plugins.goals.parser import (
    Clarify,
    Draft,
    NotAGoal,
    PartialGoal,
    draft_description,
    draft_title,
    parse_goal,
)
from plugins.goals.settings import GoalsSettings
from plugins.goals.validation import draft_problems

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


def unit_system(preference: str) -> Literal["metric", "imperial"]:
    """A user's units preference as drafting takes it; anything unknown drafts in metric."""
    return "imperial" if preference == "imperial" else "metric"


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
    """The model's answer when it passes every check; None lets the parser decide.

    The pipeline scans every string the model writes (links, contact details, code, medical
    claims, and anything the prefilter would stop a user saying); a draft must also fit the goal
    rules (``_model_problems``), so a misfit gets the model's one stricter retry.
    """
    asked = list(partial.asked) if partial else []
    context = ""
    if partial is not None:
        context = f"What the user already told you about this goal: {_known(partial, tz)}"
    settings = ctx.settings
    version = settings.prompt_version if isinstance(settings, GoalsSettings) else 1
    result = await ctx.llm.structured(
        PROMPT_ID,
        {
            "today": now.astimezone(ZoneInfo(tz)).date().isoformat(),
            "tz": tz,
            "units": units,
            "context": context,
            "asked": _asked_words(asked),
            "message": text,
        },
        version=version,
        check=lambda data: _model_problems(data, now=now, tz=tz),
    )
    if not result.ok or result.data is None:
        return None
    data = result.data
    if data["action"] == "refuse":
        return Drafted(not_goal="refused", source="llm")
    if data["action"] == "clarify":
        question = data["question"].strip()
        if len(asked) >= MAX_QUESTIONS or not question:
            return None
        return Drafted(
            question=question,
            field="llm",
            chips=tuple((c[:40], c) for c in data["choices"]),
            partial=_carried(text, partial, now=now, tz=tz, units=units, asked=[*asked, "llm"]),
            source="llm",
        )
    draft = draft_from_model(data, now=now, tz=tz)
    return Drafted(draft=draft, source="llm") if draft is not None else None


def _carried(
    text: str,
    partial: PartialGoal | None,
    *,
    now: datetime,
    tz: str,
    units: Literal["metric", "imperial"],
    asked: list[str],
) -> PartialGoal:
    """The goal so far when the model asks a question: what the parser reads in this message
    (on top of what was known), with the model's question counted.

    Without it the next turn starts from nothing: the model is sent the bare answer ("miles")
    with no goal to attach it to, and once two questions are used up the parser, which must
    then decide, has only that answer and gives up on a goal the user had spelled out.
    """
    read = parse_goal(text, now=now, tz=tz, units=units, partial=partial)
    if isinstance(read, Clarify):
        state = read.partial
    elif isinstance(read, Draft):
        d = read.draft
        state = PartialGoal(
            metric=d.metric,
            target_value=d.target_value,
            display_unit=d.display_unit,
            window=d.window,
            start_at=d.start_at,
            end_at=d.end_at,
            deadline_at=d.deadline_at,
            constraints=d.constraints.model_dump(mode="json", exclude_none=True),
        )
    else:
        state = partial or PartialGoal()
    return state.model_copy(update={"asked": asked})


def _known(partial: PartialGoal, tz: str) -> str:
    """The goal so far as the model is asked to write it: the target in the user's unit (not
    the canonical one, which the model would take for the user's words) and local dates."""
    known = partial.model_dump(mode="json", exclude_none=True, exclude={"asked", "notes"})
    known = {k: v for k, v in known.items() if v not in ({}, [], False)}
    if partial.target_value is not None and partial.display_unit is not None:
        del known["target_value"], known["display_unit"]
        known["target"] = round(from_canonical(partial.target_value, partial.display_unit), 3)
        known["unit"] = partial.display_unit
    zone = ZoneInfo(tz)
    for name, said, exclusive in (
        ("start_at", "start_date", False),
        ("end_at", "end_date", True),
        ("deadline_at", "deadline_date", True),
    ):
        moment = getattr(partial, name)
        if moment is not None:
            day = moment.astimezone(zone).date() - timedelta(days=1 if exclusive else 0)
            del known[name]
            known[said] = day.isoformat()
    return json.dumps(known)


def _asked_words(asked: list[str]) -> str:
    if not asked:
        return "none"
    about = ["one of yours" if a == "llm" else f"one about the {a}" for a in asked]
    return f"{len(asked)} ({', '.join(about)})"


def _model_problems(data: dict[str, Any], *, now: datetime, tz: str) -> list[str]:
    """What is wrong with a model draft beyond the JSON contract, said without quoting it."""
    if data["action"] != "draft" or draft_from_model(data, now=now, tz=tz) is not None:
        return []
    return [
        "the draft breaks the goal rules: give a unit that fits the metric, real dates with the "
        "end after the start, and a target a person could reach within the window"
    ]


def draft_from_model(data: dict[str, Any], *, now: datetime, tz: str) -> GoalDraft | None:
    """Normalise the model's draft (its units, local dates) into the canonical contract; None
    when anything does not fit.

    "Fits" is everything :func:`~plugins.goals.validation.draft_problems` checks, not only the
    JSON contract: a model draft ending before it starts, or one no one could reach in its window,
    passes the schema but would be previewed and then refused at "create it"; the parser's draft
    is the better answer then. The description is ours, written from the fields, so the one
    piece of model prose kept is the title, which the pipeline has already scanned.
    """
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
        title = data["title"].strip()
        title = title or draft_title(**fields, tz=tz)
        description = draft_description(**fields, tz=tz)
        draft = GoalDraft.model_validate(
            {**fields, "title": title[:80], "description": description}
        )
    except (ValidationError, ValueError, TypeError):
        return None
    if draft_problems(draft, now):
        return None
    return draft


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(ZoneInfo("UTC"))
