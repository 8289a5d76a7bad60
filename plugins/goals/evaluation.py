"""``coachbot eval goals FILE``: how often drafting gets a goal exactly right.

A row is ``{"id", "text", "expected": {"metric", "target_value", "unit", "window"}}``; the
target matches within 1 % (canonical units, as stored)."""

from __future__ import annotations

import math
from typing import Any, Literal, cast

from bot.skill import SkillContext
from plugins.goals.drafting import draft_goal
from plugins.goals.routes import draft_out

TARGET_TOLERANCE = 0.01
FIELDS = ("metric", "target_value", "unit", "window")


async def evaluate_row(row: dict[str, Any], ctx: SkillContext) -> dict[str, Any]:
    units = cast(Literal["metric", "imperial"], row.get("units", "metric"))
    drafted = await draft_goal(row["text"], ctx, units=units, tz=row.get("tz", ctx.user.tz))
    expected = row.get("expected") or {}
    if drafted.draft is None:
        outcome = "clarify" if drafted.question else "refused"
        return {
            "id": row["id"],
            "draft": None,
            "outcome": outcome,
            "match": False,
            "fields": dict.fromkeys(FIELDS, False),
        }
    draft = draft_out(drafted.draft).model_dump(mode="json")
    fields = {name: _same(name, draft.get(name), expected.get(name)) for name in FIELDS}
    return {
        "id": row["id"],
        "draft": draft,
        "outcome": "draft",
        "match": all(fields.values()),
        "fields": fields,
    }


def _same(name: str, got: Any, want: Any) -> bool:
    if name == "target_value":
        if not isinstance(got, int | float) or not isinstance(want, int | float) or want == 0:
            return False
        return math.isclose(float(got), float(want), rel_tol=TARGET_TOLERANCE)
    return bool(got == want)
