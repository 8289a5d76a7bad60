"""The goal as far as the conversation has got: what one message said, and what an answer to
a clarifying question adds to it.

:class:`PartialGoal` travels between chat turns as JSON, so it holds plain values only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from plugins.goals.model import (
    TO_CANONICAL,
    DisplayUnit,
    Metric,
    Window,
    display_units_for,
    to_canonical,
)
from plugins.goals.parser.lexicon import TOTAL_METRIC
from plugins.goals.parser.localtime import local_midnight
from plugins.goals.parser.rates import RateKind
from plugins.goals.parser.reading import Reading
from plugins.goals.parser.windows import place


class PartialGoal(BaseModel):
    """A goal still missing something. The first fields mirror :class:`GoalDraft`; the rest
    is what the parser needs to finish it once the answer comes."""

    model_config = ConfigDict(extra="forbid")

    metric: Metric | None = None
    target_value: float | None = None
    """Canonical."""
    display_unit: DisplayUnit | None = None
    window: Window | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None
    deadline_at: datetime | None = None
    constraints: dict[str, Any] = Field(default_factory=dict)
    asked: list[str] = Field(default_factory=list)
    """Fields already asked about, oldest first; at most two questions per goal."""

    raw_number: float | None = None
    """A number still waiting for its unit ("I want to do 50 this month")."""
    per_day: float | None = None
    """A canonical amount per day; the window multiplies it into ``target_value``."""
    days_per_week: int | None = None
    """Days a per-day amount counts on ("Monday through Friday" is 5)."""
    rate: RateKind | None = None
    weight_unit: Literal["kg", "lb"] | None = None
    unit_system: Literal["metric", "imperial"] | None = None
    """The units the user writes in, for the constraints in the goal's description."""
    needs_weight: bool = False
    date_unknown: bool = False
    """The user named a date only they know ("before my wedding")."""
    suggestions: list[float] = Field(default_factory=list)
    """Canonical targets worth offering, e.g. from what the user used to do."""
    notes: list[str] = Field(default_factory=list)


OPEN_STREAK_DAYS = 30
""""Walk every day" names a habit, not its length: a month of it is the first milestone."""


def copy_of(state: PartialGoal) -> PartialGoal:
    """A copy whose lists and dicts can change without touching ``state`` (cheaper than a deep
    copy, which this runs on every chat turn)."""
    return state.model_copy(
        update={
            "constraints": dict(state.constraints),
            "asked": list(state.asked),
            "suggestions": list(state.suggestions),
            "notes": list(state.notes),
        }
    )


def from_reading(reading: Reading, *, today: date, zone: ZoneInfo) -> PartialGoal:
    """The goal one message describes, before any question."""
    state = PartialGoal(
        metric=reading.metric,
        display_unit=reading.display_unit,
        constraints=dict(reading.constraints),
        raw_number=reading.raw_number if reading.metric is None or reading.target is None else None,
        days_per_week=reading.days_per_week,
        rate=reading.rate,
        weight_unit=reading.weight_unit,
        unit_system=reading.unit_system,
        needs_weight=reading.needs_weight,
        suggestions=list(reading.suggestions),
    )
    _take_target(state, reading)
    if reading.raw_number is not None and state.metric is not None and state.target_value is None:
        _use_raw(state, reading.raw_number, reading.unit_word)
    if state.metric == "streak_days" and state.target_value is None:
        state.target_value = OPEN_STREAK_DAYS
        state.notes.append(
            f"I made it a {OPEN_STREAK_DAYS}-day streak; tell me if you'd like another length."
        )
    if reading.extra_goals:
        total = reading.extra_goals + 1
        state.notes.append(f"I set up the first of your {total} goals; tell me the next one after.")
    _place(state, reading, today=today, zone=zone)
    return state


def merge(partial: PartialGoal, reading: Reading, *, today: date, zone: ZoneInfo) -> PartialGoal:
    """``partial`` with what the answer ``reading`` adds; what it already had stays."""
    state = copy_of(partial)
    last = state.asked[-1] if state.asked else None
    if state.metric is None and reading.metric is not None:
        state.metric = reading.metric
        if reading.display_unit is not None:
            state.display_unit = reading.display_unit
    if state.metric is None and state.raw_number is not None and reading.unit_word is not None:
        state.metric = TOTAL_METRIC.get(reading.unit_word)
    if state.target_value is None and state.per_day is None:
        if reading.target is not None and _compatible(state.metric, reading.metric):
            _take_target(state, reading)
        elif state.raw_number is not None:
            _use_raw(state, state.raw_number, reading.unit_word)
        elif reading.bare_number is not None and last in ("target", "metric", None):
            _use_raw(state, reading.bare_number, reading.unit_word)
    elif reading.unit_word is not None and state.metric is not None:
        _switch_unit(state, reading.unit_word)
    weight = reading.constraints.get("min_weight_kg")
    if weight is not None:
        state.constraints["min_weight_kg"] = weight
        state.needs_weight = False
        state.weight_unit = reading.weight_unit or state.weight_unit
    elif last == "weight" and reading.bare_number is not None and reading.rate is None:
        unit = state.weight_unit or "kg"
        state.constraints["min_weight_kg"] = to_canonical(reading.bare_number, unit)[0]
        state.needs_weight = False
    for name, value in reading.constraints.items():
        state.constraints.setdefault(name, value)
    if reading.rate is not None and state.rate is None:
        state.rate = reading.rate
    if reading.frame is not None or reading.rate is not None or reading.start is not None:
        _place(state, reading, today=today, zone=zone)
    if reading.by_a_date:
        state.date_unknown = True
        state.window = None
    return state


def _compatible(known: Metric | None, said: Metric | None) -> bool:
    if known is None or said is None:
        return True
    sessions = ("session_count", "load_kg_min_sessions")
    return known == said or (known in sessions and said in sessions)


def _take_target(state: PartialGoal, reading: Reading) -> None:
    if reading.target is None:
        return
    if state.metric is None:
        state.metric = reading.metric
    if reading.display_unit is not None and (
        state.metric is None or reading.display_unit in display_units_for(state.metric)
    ):
        state.display_unit = reading.display_unit
    if reading.rate == "day":
        state.per_day = reading.target
        state.target_value = None
    else:
        state.target_value = reading.target
    state.raw_number = None
    if reading.rate is not None:
        state.rate = reading.rate


def _use_raw(state: PartialGoal, value: float, unit: DisplayUnit | None) -> None:
    """A number whose unit comes from the answer, the metric or the goal so far."""
    if state.metric is None:
        state.raw_number = value
        return
    units = display_units_for(state.metric)
    if unit is not None and unit in units:
        state.display_unit = unit
    elif state.display_unit is None and len(units) == 1:
        state.display_unit = units[0]
    if state.display_unit is None or state.display_unit not in units:
        state.raw_number = value
        return
    state.target_value = to_canonical(value, state.display_unit)[0]
    state.raw_number = None


def _switch_unit(state: PartialGoal, unit: DisplayUnit) -> None:
    if state.metric is not None and unit in display_units_for(state.metric):
        if state.display_unit is not None and state.target_value is not None:
            shown = state.target_value / TO_CANONICAL[state.display_unit][1]
            state.target_value = to_canonical(shown, unit)[0]
        state.display_unit = unit


def _place(state: PartialGoal, reading: Reading, *, today: date, zone: ZoneInfo) -> None:
    """Window, start, end and deadline from the reading's time phrase and the goal's rate."""
    start = max(reading.start or today, today)
    if state.start_at is not None and reading.start is None:
        start = max(state.start_at.astimezone(zone).date(), today)
    if state.metric == "streak_days":
        frame = reading.frame
        placement = place(frame, None, start=start, zone=zone) if frame is not None else None
        state.window = "until_deadline"
        state.start_at = local_midnight(start, zone)
        state.end_at = None
        state.deadline_at = placement.deadline_at if placement is not None else None
        return
    if reading.frame is not None and reading.frame.kind == "unknown":
        state.date_unknown = True
    if reading.frame is None and state.window is not None:
        if state.window in ("weekly", "monthly") and state.rate in ("week", "month"):
            state.window = "weekly" if state.rate == "week" else "monthly"
        return
    rate = state.rate if state.rate in ("week", "month") else None
    placement = place(reading.frame, rate, start=start, zone=zone)
    if placement is None and state.rate == "day":
        placement = place(None, "week", start=start, zone=zone)
    if placement is None:
        state.start_at = local_midnight(start, zone)
        return
    state.window = placement.window
    state.start_at = placement.start_at
    state.end_at = placement.end_at
    state.deadline_at = placement.deadline_at
    state.date_unknown = False
