"""The public entry: a chat message (and the goal so far) in, a draft, one question or "not a
goal" out. Pure and quick: the clock and the zone are arguments, and nothing here does I/O."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from plugins.goals.model import (
    CANONICAL_UNIT,
    TARGET_BOUNDS,
    Constraints,
    DisplayUnit,
    GoalDraft,
    Metric,
    display_units_for,
    to_canonical,
)
from plugins.goals.parser.localtime import (
    first_of_next_month,
    local_midnight,
    zone_of,
)
from plugins.goals.parser.questions import CHIP_LABEL_LIMIT, question_for
from plugins.goals.parser.reading import Reading, read
from plugins.goals.parser.state import PartialGoal, copy_of, from_reading, merge
from plugins.goals.parser.titles import draft_description, draft_title
from plugins.goals.parser.windows import days_covered

Units = Literal["metric", "imperial"]

MAX_QUESTIONS = 2

DEFAULT_TARGETS: dict[Metric, float] = {
    "distance_km_total": 50.0,
    "session_count": 3.0,
    "streak_days": 7.0,
    "elevation_gain_m_total": 1000.0,
    "load_kg_min_sessions": 2.0,
    "duration_minutes_total": 300.0,
    "steps_total": 70_000.0,
    "power_points_total": 1000.0,
}
"""Targets used only after two questions went unanswered."""
DEFAULT_WEIGHT_KG = {"metric": 10.0, "imperial": 9.0718474}
_WHOLE_METRICS = frozenset({"session_count", "streak_days", "load_kg_min_sessions", "steps_total"})


@dataclass(frozen=True, slots=True)
class Draft:
    draft: GoalDraft
    notes: tuple[str, ...] = ()
    kind: Literal["draft"] = dataclasses.field(default="draft", init=False)


@dataclass(frozen=True, slots=True)
class Clarify:
    question: str
    field: str
    chips: tuple[tuple[str, str], ...]
    partial: PartialGoal
    kind: Literal["clarify"] = dataclasses.field(default="clarify", init=False)


@dataclass(frozen=True, slots=True)
class NotAGoal:
    reason: Literal["no_goal", "vague"]
    kind: Literal["not_goal"] = dataclasses.field(default="not_goal", init=False)


ParseResult = Draft | Clarify | NotAGoal


def parse_goal(
    text: str,
    *,
    now: datetime,
    tz: str,
    units: Units = "metric",
    partial: PartialGoal | None = None,
) -> ParseResult:
    """Read ``text`` as a goal, or as the answer to the last question about ``partial``."""
    zone = zone_of(tz)
    instant = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    today = instant.astimezone(zone).date()
    reading = read(
        text,
        today,
        month_first=tz.startswith("America/"),
        imperial=units == "imperial",
        answering=partial is not None,
    )
    fresh = from_reading(reading, today=today, zone=zone)
    if partial is None:
        if fresh.metric is None and fresh.raw_number is None:
            return NotAGoal("vague" if reading.kind == "vague" else "no_goal")
        return _finish(fresh, today=today, zone=zone, units=units, now=instant)
    if _replaces(fresh, partial):
        return _finish(fresh, today=today, zone=zone, units=units, now=instant)
    if reading.defers and partial.asked:
        state = copy_of(partial)
        if _missing(state) == partial.asked[-1] != "metric":
            _fill(state, partial.asked[-1], today=today, zone=zone, units=units)
        return _finish(state, today=today, zone=zone, units=units, now=instant)
    if not _answers(reading):
        return NotAGoal("vague" if reading.kind == "vague" else "no_goal")
    state = merge(partial, reading, today=today, zone=zone)
    return _finish(state, today=today, zone=zone, units=units, now=instant)


def _replaces(fresh: PartialGoal, partial: PartialGoal) -> bool:
    """A complete goal of its own replaces the one being asked about, unless it only supplies
    that goal's missing target ("3 a week" for a load goal)."""
    if _missing(fresh) is not None or fresh.metric is None:
        return False
    if partial.metric is None or partial.target_value is not None or partial.per_day is not None:
        return True
    sessions = ("session_count", "load_kg_min_sessions")
    same = fresh.metric == partial.metric or (
        fresh.metric in sessions and partial.metric in sessions
    )
    return not same


def _answers(reading: Reading) -> bool:
    return any(
        (
            reading.metric is not None,
            reading.bare_number is not None,
            reading.unit_word is not None,
            reading.frame is not None,
            reading.rate is not None,
            reading.start is not None,
            reading.by_a_date,
            bool(reading.constraints),
        )
    )


def _missing(state: PartialGoal) -> str | None:
    """The next thing to ask, in the order a person would."""
    if state.metric is None:
        return "metric"
    if state.target_value is None and state.per_day is None:
        return "unit" if state.raw_number is not None else "target"
    if state.target_value is not None and not _in_bounds(state.metric, state.target_value):
        return "target"
    if state.needs_weight and not state.constraints.get("min_weight_kg"):
        return "weight"
    if state.window is None:
        return "deadline" if state.date_unknown else "window"
    return None


def _in_bounds(metric: Metric, value: float) -> bool:
    low, high = TARGET_BOUNDS[metric]
    return low <= value <= high


def _finish(
    state: PartialGoal, *, today: date, zone: ZoneInfo, units: Units, now: datetime
) -> ParseResult:
    missing = _missing(state)
    if missing is not None and len(state.asked) < MAX_QUESTIONS:
        update: dict[str, Any] = {"asked": [*state.asked, missing]}
        if missing == "weight" and state.weight_unit is None:
            update["weight_unit"] = "lb" if units == "imperial" else "kg"  # how "20" reads
        asked = state.model_copy(update=update)
        question, chips = question_for(missing, asked, units)
        labels = tuple((label[:CHIP_LABEL_LIMIT], value) for label, value in chips)
        return Clarify(question, missing, labels, asked)
    filled = copy_of(state) if missing is not None else state
    while missing is not None:
        if missing == "metric":
            return NotAGoal("vague")
        _fill(filled, missing, today=today, zone=zone, units=units)
        missing = _missing(filled)
    return _draft(filled, zone=zone, units=units, now=now)


def _fill(state: PartialGoal, missing: str, *, today: date, zone: ZoneInfo, units: Units) -> None:
    """The sensible default for a piece still missing after two questions."""
    assert state.metric is not None
    if missing == "unit":
        state.display_unit = _preferred_unit(state.metric, units)
        raw = state.raw_number or DEFAULT_TARGETS[state.metric]
        state.target_value = to_canonical(raw, state.display_unit)[0]
        state.raw_number = None
    elif missing == "target":
        low, high = TARGET_BOUNDS[state.metric]
        if state.target_value is not None:
            state.target_value = min(max(state.target_value, low), high)
        else:
            state.target_value = (state.suggestions or [DEFAULT_TARGETS[state.metric]])[-1]
    elif missing == "weight":
        state.constraints["min_weight_kg"] = DEFAULT_WEIGHT_KG[units]
        state.weight_unit = "lb" if units == "imperial" else "kg"
        state.needs_weight = False
    else:
        start = today
        state.start_at = local_midnight(start, zone)
        if state.metric in ("session_count", "load_kg_min_sessions"):
            state.window, state.end_at = "weekly", None
            state.notes.append("I made it a weekly goal; tell me if you meant something else.")
        else:
            state.window = "monthly"
            state.end_at = local_midnight(first_of_next_month(start), zone)
            state.notes.append("I set it for this month; tell me if you meant another time.")
        state.deadline_at = None
        state.date_unknown = False


def _preferred_unit(metric: Metric, units: Units) -> DisplayUnit:
    if metric == "distance_km_total":
        return "mi" if units == "imperial" else "km"
    if metric == "elevation_gain_m_total":
        return "ft" if units == "imperial" else "m"
    return display_units_for(metric)[0]


def _draft(state: PartialGoal, *, zone: ZoneInfo, units: Units, now: datetime) -> ParseResult:
    assert state.metric is not None and state.window is not None and state.start_at is not None
    metric = state.metric
    target = _target(state, zone)
    low, high = TARGET_BOUNDS[metric]
    target = min(max(target, low), high)
    display = state.display_unit
    if display is None or display not in display_units_for(metric):
        display = _preferred_unit(metric, units)
    constraints = _valid_constraints(state.constraints, metric)
    fields: dict[str, Any] = {
        "metric": metric,
        "target_value": target,
        "display_unit": display,
        "window": state.window,
        "constraints": constraints,
        "start_at": state.start_at,
        "end_at": state.end_at if state.window != "until_deadline" else None,
        "deadline_at": state.deadline_at if state.window == "until_deadline" else None,
    }
    wording: dict[str, Any] = {
        "tz": zone.key,
        "per_day": state.per_day,
        "units": _constraint_units(state, units),
    }
    title = draft_title(**fields, now=now, **wording)
    description = draft_description(**fields, **wording)
    try:
        draft = GoalDraft(
            **fields, unit=CANONICAL_UNIT[metric], title=title, description=description
        )
    except ValidationError:
        return NotAGoal("vague")
    return Draft(draft, tuple(state.notes))


def _target(state: PartialGoal, zone: ZoneInfo) -> float:
    """The canonical target, multiplying a per-day amount over the days the window covers."""
    assert state.metric is not None and state.start_at is not None
    if state.per_day is None:
        value = state.target_value or DEFAULT_TARGETS[state.metric]
    else:
        value = state.per_day * _days(state, zone)
    if state.metric in _WHOLE_METRICS:
        return float(max(round(value), 1))
    return value


def _days(state: PartialGoal, zone: ZoneInfo) -> int:
    assert state.start_at is not None
    per_week = state.days_per_week or 7
    end = state.end_at or state.deadline_at
    if end is None:
        return per_week if state.window != "monthly" else round(per_week * 30 / 7)
    start = state.start_at.astimezone(zone).date()
    return max(days_covered(start, end.astimezone(zone).date(), state.days_per_week), 1)


def _valid_constraints(values: dict[str, Any], metric: Metric) -> Constraints:
    """The constraints that hold up on their own; one bad value never sinks the draft."""
    kept: dict[str, Any] = {}
    for name, value in values.items():
        if name not in Constraints.model_fields or value is None:
            continue
        if name == "min_weight_kg" and metric == "session_count":
            continue
        try:
            Constraints.model_validate({name: value})
        except ValidationError:
            continue
        kept[name] = value
    if metric != "streak_days":
        for name in (
            "min_distance_km_per_day",
            "min_duration_minutes_per_day",
            "min_steps_per_day",
        ):
            kept.pop(name, None)
    return Constraints.model_validate(kept)


def _constraint_units(state: PartialGoal, units: Units) -> Units:
    return state.unit_system or units
