"""Whether a draft can become a goal: the versioned JSON contract, then the rules that make a
goal achievable and unambiguous. Every problem comes with the field at fault and a sentence a
user (or a client developer) can act on. Pure: the clock is passed in."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from plugins.goals.model import GoalDraft, Metric

DRAFT_SCHEMA_PATH = Path(__file__).parent / "schemas" / "goal_draft.v1.json"

WINDOW_DAYS = {"7d": 7.0, "30d": 30.0, "weekly": 7.0, "monthly": 31.0}
"""The longest a window runs, in days (a month is at most 31)."""

MAX_PER_DAY: dict[Metric, tuple[float, str]] = {
    "distance_km_total": (100.0, "100 km"),
    "elevation_gain_m_total": (5_000.0, "5,000 m of climbing"),
    "duration_minutes_total": (16 * 60.0, "16 hours"),
    "steps_total": (100_000.0, "100,000 steps"),
    "session_count": (2.0, "two sessions"),
    "load_kg_min_sessions": (2.0, "two sessions"),
}
"""More than this per day, on average over the whole window, is not a goal anyone can train
for; the draft is rejected as impossible rather than set up to fail."""

PER_DAY_CONSTRAINTS = (
    "min_distance_km_per_day",
    "min_duration_minutes_per_day",
    "min_steps_per_day",
)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


@functools.cache
def _validator() -> Draft202012Validator:
    schema = json.loads(DRAFT_SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def contract_problems(data: dict[str, Any]) -> list[Problem]:
    """Problems of a draft in its JSON form against ``goal_draft.v1.json``."""
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = ".".join(str(p) for p in error.absolute_path) or "draft"
        problems.append(Problem(where, error.message))
    return problems


def draft_problems(draft: GoalDraft, now: datetime) -> list[Problem]:
    """Everything that stops ``draft`` from being created now; empty when it can be."""
    problems = contract_problems(draft.model_dump(mode="json"))
    if problems:
        return problems
    return _timing_problems(draft, now) + _constraint_problems(draft) + _feasibility(draft)


def _timing_problems(draft: GoalDraft, now: datetime) -> list[Problem]:
    problems = []
    if draft.end_at is not None and draft.end_at <= draft.start_at:
        problems.append(Problem("end_at", "The goal must end after it starts."))
    if draft.end_at is not None and draft.end_at <= now:
        problems.append(Problem("end_at", "That end date has already passed; pick a later one."))
    if draft.deadline_at is not None:
        if draft.deadline_at <= draft.start_at:
            problems.append(Problem("deadline_at", "The deadline must come after the start."))
        elif draft.deadline_at <= now:
            problems.append(Problem("deadline_at", "That deadline has already passed."))
    if draft.window == "until_deadline" and draft.end_at is not None:
        problems.append(
            Problem("end_at", "An until_deadline goal ends at its deadline: set deadline_at only.")
        )
    if draft.window != "until_deadline" and draft.deadline_at is not None:
        problems.append(
            Problem(
                "deadline_at",
                f"A {draft.window} goal ends at end_at; a deadline needs window until_deadline.",
            )
        )
    if draft.window in ("7d", "30d") and draft.end_at is not None:
        span = (draft.end_at - draft.start_at) / timedelta(days=1)
        if span < WINDOW_DAYS[draft.window] - 1e-6:
            problems.append(
                Problem(
                    "end_at",
                    f"A {draft.window} window needs at least {draft.window[:-1]} days before "
                    "end_at; shorten the window or move the end.",
                )
            )
    return problems


def _constraint_problems(draft: GoalDraft) -> list[Problem]:
    c = draft.constraints
    problems = []
    if draft.metric == "load_kg_min_sessions" and c.min_weight_kg is None:
        problems.append(
            Problem(
                "constraints.min_weight_kg",
                "A load goal counts sessions at or above a pack weight: set min_weight_kg.",
            )
        )
    if draft.metric != "streak_days":
        for name in PER_DAY_CONSTRAINTS:
            if getattr(c, name) is not None:
                problems.append(
                    Problem(
                        f"constraints.{name}",
                        "Per-day minimums decide which days count towards a streak; "
                        "use them with metric streak_days.",
                    )
                )
    if (
        c.session_min_distance_km is not None
        and c.min_distance_km_per_day is not None
        and c.min_distance_km_per_day < c.session_min_distance_km
    ):
        problems.append(
            Problem(
                "constraints.min_distance_km_per_day",
                "The daily minimum is below the per-session minimum, so it never applies; "
                "drop one of them.",
            )
        )
    return problems


def _feasibility(draft: GoalDraft) -> list[Problem]:
    days = _window_days(draft)
    if days is None:
        return []
    if draft.metric == "streak_days":
        if draft.target_value > days + 1e-9:
            return [
                Problem(
                    "target_value",
                    f"A {draft.target_value:g}-day streak cannot fit in {days:g} days; "
                    "shorten the streak or move the deadline.",
                )
            ]
        return []
    limit = MAX_PER_DAY.get(draft.metric)
    if limit is None:
        return []
    per_day, said = limit
    if draft.target_value > per_day * max(days, 1.0):
        return [
            Problem(
                "target_value",
                f"That needs more than {said} a day for {days:g} days; "
                "lower the target or give it more time.",
            )
        ]
    return []


def _window_days(draft: GoalDraft) -> float | None:
    if draft.window == "until_deadline":
        if draft.deadline_at is None:
            return None
        return max((draft.deadline_at - draft.start_at) / timedelta(days=1), 0.0)
    return WINDOW_DAYS[draft.window]
