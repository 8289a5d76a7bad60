"""How goals look in chat: the preview card of a draft and the card of a goal. Every channel
can show ``fields`` as plain text; rich clients (the web page) render ``data``."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.skill import Card, CardField, Chip
from plugins.goals.api_models import ProgressOut
from plugins.goals.display import METRIC_LABELS, quantity, weight_unit, window_label
from plugins.goals.model import DisplayUnit, GoalDraft
from plugins.goals.routes import draft_out, goal_out
from plugins.goals.service import GoalView

CONFIRM = "Yes, create it"


def preview_card(draft: GoalDraft, tz: str) -> Card:
    fields = [
        CardField(label="Metric", value=METRIC_LABELS[draft.metric]),
        CardField(label="Target", value=quantity(draft.target_value, draft.display_unit)),
        CardField(label="Window", value=window_label(draft.window, repeats=draft.end_at is None)),
    ]
    constraints = constraint_words(draft)
    if constraints:
        fields.append(CardField(label="Constraints", value=constraints))
    fields.append(_start_field(draft, tz))
    if draft.end_at is not None:
        fields.append(CardField(label="Ends", value=_day(draft.end_at, tz, last_day=True)))
    if draft.deadline_at is not None:
        fields.append(CardField(label="Deadline", value=_day(draft.deadline_at, tz, last_day=True)))
    return Card(
        kind="goal_preview",
        title=draft.title,
        subtitle=draft.description[:200],
        fields=tuple(fields),
        data=draft_out(draft).model_dump(mode="json"),
        actions=(Chip(label="Create it", value=CONFIRM), Chip(label="Cancel", value="cancel")),
    )


def preview_chips(draft: GoalDraft) -> list[Chip]:
    chips = [Chip(label="Create it", value=CONFIRM)]
    if draft.window != "weekly":
        chips.append(Chip(label="Make it weekly", value="make it weekly"))
    if draft.window != "monthly":
        chips.append(Chip(label="Make it this month", value="make it this month"))
    alternative = {
        "km": "mi",
        "mi": "km",
        "m": "ft",
        "ft": "m",
        "minutes": "hours",
        "hours": "minutes",
    }
    other = alternative.get(draft.display_unit)
    if other is not None:
        chips.append(Chip(label=f"Use {other}", value=f"use {other}"))
    chips.append(Chip(label="Cancel", value="cancel"))
    return chips


def goal_card(view: GoalView, tz: str) -> Card:
    goal, progress = view.goal, view.progress
    out = goal_out(view)
    fields = []
    if out.progress is not None:
        p = out.progress
        fields.append(
            CardField(
                label="Progress",
                value=f"{quantity(p.current_value, out.display_unit)} of "
                f"{quantity(out.target_value, out.display_unit)} ({p.progress_percent:.0f}%)",
            )
        )
        if p.pace is not None and goal["status"] == "active":
            fields.append(CardField(label="Pace", value=_pace_words(p, out.display_unit)))
        if p.eta is not None and goal["status"] == "active":
            eta = _day(p.eta, tz)
            if p.on_pace_to_finish is False and p.window_end is not None:
                eta += f" — after {_day(p.window_end, tz, last_day=True)}, at this pace"
            fields.append(CardField(label="ETA", value=eta))
        if p.streak_current > 0:
            fields.append(CardField(label="Streak", value=quantity(p.streak_current, "days")))
    if view.next_reminder_at is not None and goal["status"] == "active":
        fields.append(CardField(label="Next reminder", value=_moment(view.next_reminder_at, tz)))
    actions = []
    if goal["status"] == "active":
        actions.append(Chip(label="Pause", value=f"/goal pause {goal['_id']}"))
    elif goal["status"] == "paused":
        actions.append(Chip(label="Resume", value=f"/goal resume {goal['_id']}"))
    actions.append(Chip(label="Delete", value=f"/goal delete {goal['_id']}"))
    return Card(
        kind="goal",
        title=goal["title"],
        subtitle=goal["status"].capitalize()
        if progress is None or goal["status"] != "active"
        else "",
        fields=tuple(fields),
        data=out.model_dump(mode="json"),
        actions=tuple(actions),
    )


_PACE_WORDS = {
    "ahead": "Ahead",
    "on_track": "On track",
    "behind": "Behind",
    "severely_behind": "Well behind",
}


def _pace_words(progress: ProgressOut, unit: DisplayUnit) -> str:
    """Where the goal stands against an even pace, and what today would take to catch up."""
    words = _PACE_WORDS[progress.pace or "on_track"]
    needed = progress.needed_today
    if progress.pace in ("behind", "severely_behind") and needed and needed > 0:
        words += f" — {quantity(needed, unit)} today gets you back on pace"
    return words


def constraint_words(draft: GoalDraft) -> str:
    c = draft.constraints
    parts = []
    if c.min_weight_kg is not None:
        parts.append(f"pack ≥ {quantity(c.min_weight_kg, weight_unit(c.min_weight_kg))}")
    distance_unit: DisplayUnit = "mi" if draft.display_unit in ("mi", "ft") else "km"
    if c.session_min_distance_km is not None:
        parts.append(f"each session ≥ {quantity(c.session_min_distance_km, distance_unit)}")
    if c.session_min_duration_minutes is not None:
        parts.append(f"each session ≥ {quantity(c.session_min_duration_minutes, 'minutes')}")
    if c.session_min_elevation_m is not None:
        parts.append(f"each session ≥ {quantity(c.session_min_elevation_m, 'm')} of climbing")
    if c.min_distance_km_per_day is not None:
        parts.append(f"≥ {quantity(c.min_distance_km_per_day, distance_unit)} a day")
    if c.min_duration_minutes_per_day is not None:
        parts.append(f"≥ {quantity(c.min_duration_minutes_per_day, 'minutes')} a day")
    if c.min_steps_per_day is not None:
        parts.append(f"≥ {quantity(c.min_steps_per_day, 'steps')} a day")
    if c.activities:
        parts.append(" + ".join(c.activities))
    return "; ".join(parts)


def _start_field(draft: GoalDraft, tz: str) -> CardField:
    """A weekly or monthly goal counts its whole calendar period, the days before it was set
    included; the card says from when, so the first progress it shows is no surprise."""
    local = draft.start_at.astimezone(ZoneInfo(tz)).date()
    if draft.window == "weekly":
        first = local - timedelta(days=local.weekday())
    elif draft.window == "monthly":
        first = local.replace(day=1)
    else:
        return CardField(label="Starts", value=_day(draft.start_at, tz))
    return CardField(label="Counts from", value=f"{first:%a %-d %b %Y}")


def _day(at: datetime, tz: str, *, last_day: bool = False) -> str:
    """A date as the user reads it; an exclusive end (midnight) shows as the day before."""
    local = at.astimezone(ZoneInfo(tz))
    if last_day and local.hour == 0 and local.minute == 0:
        local = local.fromordinal(local.toordinal() - 1)
    return f"{local:%a %-d %b %Y}"


def _moment(at: datetime, tz: str) -> str:
    return f"{at.astimezone(ZoneInfo(tz)):%a %-d %b, %H:%M}"
