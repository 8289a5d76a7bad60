"""The words a goal is shown with: a short title for the card and a sentence that spells out
the window and the conditions, both in the user's units.

Callers outside the parser (the LLM path, edits) rebuild titles from stored fields that carry
no time zone; without ``tz`` a stored midnight is read back as the nearest UTC midnight, which
is right for every zone within twelve hours of UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from plugins.goals.display import number, quantity, weight_unit
from plugins.goals.model import (
    Activity,
    Constraints,
    DisplayUnit,
    Metric,
    Window,
    from_canonical,
)
from plugins.goals.parser.lexicon import words
from plugins.goals.parser.localtime import zone_of

Units = Literal["metric", "imperial"]

TITLE_LIMIT = 80
DESCRIPTION_LIMIT = 300

_MONTH_NAMES = words(
    "January February March April May June July August September October November December"
)
_VERBS: dict[Activity, str] = {
    "run": "run",
    "ruck": "ruck",
    "walk": "walk",
    "hike": "hike",
    "cycle": "ride",
    "other": "train",
}
_NOUNS: dict[Activity, str] = {
    "run": "run",
    "ruck": "ruck",
    "walk": "walking",
    "hike": "hiking",
    "cycle": "riding",
    "other": "training",
}
_MONTH = timedelta(days=31, hours=1)


def draft_title(
    *,
    metric: Metric,
    target_value: float,
    display_unit: DisplayUnit,
    window: Window,
    start_at: datetime,
    end_at: datetime | None = None,
    deadline_at: datetime | None = None,
    constraints: Constraints | Mapping[str, Any] | None = None,
    unit: str | None = None,
    tz: str | None = None,
    now: datetime | None = None,
    per_day: float | None = None,
    units: Units | None = None,
) -> str:
    """ "Ruck 50 km this month", "Run 4 times a week", "21-day ruck streak"."""
    del unit  # the canonical unit follows from the metric; accepted so callers can pass fields
    c = _constraints(constraints)
    when = _title_when(window, start_at, end_at, deadline_at, tz, now)
    if per_day is not None and window == "weekly" and end_at is None:
        when = "a day"
        target_value = per_day
    single = _one_off(metric, target_value, window, c, start_at, end_at)
    system = _system(display_unit, units)
    what = _title_what(metric, target_value, display_unit, c, system, single=single)
    carried = ""
    if metric == "load_kg_min_sessions" and c.min_weight_kg:
        carried = f" with {_weight(c.min_weight_kg)}+"
    return _fit(_capital(f"{what} {when}".strip() + carried), TITLE_LIMIT)


_DESCRIBED = ("metric", "target_value", "unit", "display_unit", "window", "constraints",
              "start_at", "end_at", "deadline_at")  # fmt: skip


def describe(fields: Mapping[str, Any], tz: str | None = None) -> dict[str, str]:
    """The title and description the parser would give a goal with these fields."""
    described: dict[str, Any] = {k: fields.get(k) for k in _DESCRIBED}
    return {
        "title": draft_title(**described, tz=tz),
        "description": draft_description(**described, tz=tz),
    }


def reworded(
    current: Mapping[str, Any], changes: Mapping[str, Any], tz: str | None = None
) -> dict[str, str]:
    """Words for an edited goal: a title or description we wrote follows the new fields ("make
    it 60 km" must not leave "Ruck 50 km" on the card); one the user wrote stays theirs."""
    if not changes.keys() & set(_DESCRIBED):
        return {}
    ours = describe(current, tz)
    new = describe({**current, **changes}, tz)
    return {
        name: new[name]
        for name in ("title", "description")
        if name not in changes and current.get(name) == ours[name]
    }


def draft_description(
    *,
    metric: Metric,
    target_value: float,
    display_unit: DisplayUnit,
    window: Window,
    start_at: datetime,
    end_at: datetime | None = None,
    deadline_at: datetime | None = None,
    constraints: Constraints | Mapping[str, Any] | None = None,
    unit: str | None = None,
    tz: str | None = None,
    now: datetime | None = None,
    per_day: float | None = None,
    units: Units | None = None,
) -> str:
    """ "Ruck 50 km in November with at least 20 lb on your back"."""
    del unit, now
    c = _constraints(constraints)
    system = _system(display_unit, units)
    single = _one_off(metric, target_value, window, c, start_at, end_at)
    what = _title_what(metric, target_value, display_unit, c, system, single=single)
    if per_day is not None:
        rate = {"weekly": "a week", "monthly": "a month"}.get(window, "in all")
        what = (
            f"{quantity(per_day, display_unit)} a day "
            f"({number(from_canonical(target_value, display_unit), display_unit)} {rate})"
        )
        if metric in ("distance_km_total", "duration_minutes_total") and c.activities:
            what = f"{_verb(c.activities)} {what}"
    when = _description_when(window, start_at, end_at, deadline_at, tz)
    parts = [f"{what} {when}".strip()]
    parts.extend(_conditions(metric, c, system, single=single))
    return _fit(_capital(" ".join(parts)), DESCRIPTION_LIMIT)


def _constraints(value: Constraints | Mapping[str, Any] | None) -> Constraints:
    if value is None:
        return Constraints()
    if isinstance(value, Constraints):
        return value
    try:
        return Constraints.model_validate(
            {k: v for k, v in value.items() if k in Constraints.model_fields}
        )
    except ValueError:
        return Constraints()


def _system(display_unit: DisplayUnit, units: Units | None) -> Units:
    if display_unit in ("mi", "ft", "lb"):
        return "imperial"
    if display_unit in ("km", "m", "kg"):
        return "metric"
    return units or "metric"


def _verb(activities: tuple[Activity, ...] | None) -> str:
    if not activities:
        return ""
    verbs = [_VERBS[a] for a in activities]
    if len(verbs) == 1:
        return verbs[0]
    return ", ".join(verbs[:-1]) + " and " + verbs[-1]


def _one_off(
    metric: Metric,
    target: float,
    window: Window,
    c: Constraints,
    start_at: datetime,
    end_at: datetime | None,
) -> bool:
    """One session of at least some distance or time, once: "run a 5K by March", "a
    marathon in April" (not "a 10 km run every week")."""
    sessions = metric in ("session_count", "load_kg_min_sessions")
    minimum = c.session_min_distance_km or c.session_min_duration_minutes
    if not (sessions and round(target) == 1 and minimum):
        return False
    one_month = window == "monthly" and end_at is not None and end_at - start_at <= _MONTH
    return window == "until_deadline" or one_month


def _title_what(
    metric: Metric,
    target: float,
    unit: DisplayUnit,
    c: Constraints,
    system: Units,
    *,
    single: bool,
) -> str:
    verb = _verb(c.activities)
    if metric == "distance_km_total":
        return f"{verb or 'cover'} {quantity(target, unit)}"
    if metric == "duration_minutes_total":
        return f"{verb or 'move for'} {quantity(target, unit)}"
    if metric == "elevation_gain_m_total":
        return f"climb {quantity(target, unit)}"
    if metric == "steps_total":
        return quantity(target, "steps")
    if metric == "power_points_total":
        return f"earn {quantity(target, 'points')}"
    if metric == "streak_days":
        noun = _NOUNS[c.activities[0]] + " " if c.activities and len(c.activities) == 1 else ""
        return f"{number(target, 'days')}-day {noun}streak"
    count = round(target)
    if single:
        text = f"{verb or 'do'} {_single_session(c, system)} in one session"
    elif verb:
        text = f"{verb} {({1: 'once', 2: 'twice'}).get(count, f'{count} times')}"
    else:
        kind = "loaded session" if metric == "load_kg_min_sessions" else "session"
        text = f"{count} {kind}{'' if count == 1 else 's'}"
    return text


def _single_session(c: Constraints, system: Units) -> str | None:
    if c.session_min_distance_km:
        return quantity(c.session_min_distance_km, "mi" if system == "imperial" else "km")
    if c.session_min_duration_minutes:
        minutes = c.session_min_duration_minutes
        return quantity(minutes, "hours" if minutes >= 60 and minutes % 30 == 0 else "minutes")
    return None


def _weight(kg: float) -> str:
    return quantity(kg, weight_unit(kg))


def _conditions(metric: Metric, c: Constraints, system: Units, *, single: bool) -> list[str]:
    parts = []
    if c.min_weight_kg:
        parts.append(f"with at least {_weight(c.min_weight_kg)} on your back")
    minimums = []
    if c.session_min_distance_km:
        minimums.append(quantity(c.session_min_distance_km, "mi" if system == "imperial" else "km"))
    if c.session_min_duration_minutes:
        minimums.append(quantity(c.session_min_duration_minutes, "minutes"))
    if c.session_min_elevation_m:
        climb = quantity(c.session_min_elevation_m, "ft" if system == "imperial" else "m")
        minimums.append(f"{climb} of climbing")
    if minimums and not single:
        parts.append("— each session at least " + " and ".join(minimums))
    daily = []
    if c.min_distance_km_per_day:
        daily.append(quantity(c.min_distance_km_per_day, "mi" if system == "imperial" else "km"))
    if c.min_duration_minutes_per_day:
        daily.append(quantity(c.min_duration_minutes_per_day, "minutes"))
    if c.min_steps_per_day:
        daily.append(quantity(c.min_steps_per_day, "steps"))
    if daily:
        parts.append("— at least " + " and ".join(daily) + " each day")
    sessions = metric in ("session_count", "load_kg_min_sessions", "streak_days")
    if sessions and c.activities and len(c.activities) > 1:
        parts.append(f"({_verb(c.activities)} all count)")
    return parts


def _local_day(instant: datetime, tz: str | None) -> date:
    if tz is not None:
        return instant.astimezone(zone_of(tz)).date()
    return (instant.astimezone(UTC) + timedelta(hours=12)).date()


def _day_text(day: date, *, year: bool = False) -> str:
    text = f"{day.day} {_MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _title_when(
    window: Window,
    start_at: datetime,
    end_at: datetime | None,
    deadline_at: datetime | None,
    tz: str | None,
    now: datetime | None,
) -> str:
    start = _local_day(start_at, tz)
    if window == "weekly":
        if end_at is not None and (_local_day(end_at, tz) - start).days <= 7:
            return "this week"
        return "a week"
    if window == "monthly":
        if end_at is None:
            return "a month"
        today = _local_day(now, tz) if now is not None else None
        if today is None and start.day != 1:
            return "this month"  # only the current month's goals start mid-month
        if today is not None and (today.year, today.month) == (start.year, start.month):
            return "this month"
        month = f"in {_MONTH_NAMES[start.month - 1]}"
        if today is not None and start.year != today.year and start.month >= today.month:
            month += f" {start.year}"
        return month
    if window in ("7d", "30d"):
        return f"in {window[:-1]} days"
    if deadline_at is None:
        return ""
    last = _local_day(deadline_at, tz) - timedelta(days=1)
    this_year = _local_day(now, tz).year if now is not None else start.year
    return f"by {_day_text(last, year=last.year != this_year)}"


def _description_when(
    window: Window,
    start_at: datetime,
    end_at: datetime | None,
    deadline_at: datetime | None,
    tz: str | None,
) -> str:
    start = _local_day(start_at, tz)
    if window in ("weekly", "monthly"):
        every = "every week" if window == "weekly" else "every month"
        if end_at is None:
            return f"{every}, starting {_day_text(start)}"
        last = _local_day(end_at, tz) - timedelta(days=1)
        if (window == "monthly" and (last - start).days <= 31) or (last - start).days < 7:
            # One calendar period, counted whole: its earlier days count too, so say which.
            if window == "monthly":
                return f"in {_MONTH_NAMES[last.month - 1]}"
            return _between(start - timedelta(days=start.weekday()), last)
        return f"{every} from {_day_text(start)} to {_day_text(last, year=last.year != start.year)}"
    if window in ("7d", "30d") and end_at is not None:
        return _between(start, _local_day(end_at, tz) - timedelta(days=1))
    if deadline_at is None:
        return f"starting {_day_text(start)}"
    return _between(start, _local_day(deadline_at, tz) - timedelta(days=1))


def _between(first: date, last: date) -> str:
    if first == last:
        return f"on {_day_text(first)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"between {first.day} and {last.day} {_MONTH_NAMES[last.month - 1]}"
    return f"between {_day_text(first)} and {_day_text(last, year=last.year != first.year)}"


def _capital(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
