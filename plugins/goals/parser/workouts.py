"""A workout the user says they did ("I ran 5 km today", "log a 45 minute ruck with 20 lb"),
read into the fields ``POST /api/v1/workouts`` takes, so chat can record it too.

A report needs a sign that it happened — a past-tense training verb, or "log"/"record" — and at
least one measured amount; anything that sounds like a wish ("I want to run 5 km") is a goal,
not a report, and is left to :func:`parse_goal`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from plugins.goals.display import quantity
from plugins.goals.model import Activity, DisplayUnit, to_canonical
from plugins.goals.parser.lexicon import ELEVATION_WORDS, GOAL_WORDS, WISH_WORDS, activities_in
from plugins.goals.parser.localtime import zone_of
from plugins.goals.parser.normalize import fold
from plugins.goals.parser.numbers import words_to_digits
from plugins.goals.parser.quantities import find_amounts

_DONE_VERBS: dict[str, Activity] = {
    "ran": "run",
    "jogged": "run",
    "walked": "walk",
    "rucked": "ruck",
    "hiked": "hike",
    "cycled": "cycle",
    "biked": "cycle",
    "rode": "cycle",
}
_DONE = re.compile(
    r"(?:^|\b(?:i|we|i've|ive|just|today|yesterday|finally)\s+)"
    rf"(?P<verb>{'|'.join(_DONE_VERBS)}|did|finished|completed|went for|got in)\b"
)
_LOG = re.compile(r"^(?:please\s+)?(?:log|record|add|track)\b(?! (?:a |my )?goal)")
_YESTERDAY = re.compile(r"\byesterday\b|\blast night\b")
_NOUNS: dict[Activity, str] = {
    "run": "run",
    "walk": "walk",
    "ruck": "ruck",
    "hike": "hike",
    "cycle": "ride",
    "other": "workout",
}


@dataclass(frozen=True, slots=True)
class WorkoutReport:
    """What the user did, in canonical units, and the local day they did it."""

    day: date
    started_at: datetime
    activity: Activity
    distance_km: float | None = None
    duration_minutes: float | None = None
    elevation_gain_m: float | None = None
    load_kg: float | None = None
    steps: int | None = None
    imperial: bool = False
    """The user wrote miles, feet or pounds."""

    def fields(self) -> dict[str, object]:
        """The measured fields, as a workout document holds them."""
        names = ("distance_km", "duration_minutes", "elevation_gain_m", "load_kg", "steps")
        measured = {n: getattr(self, n) for n in names if getattr(self, n) is not None}
        return {"started_at": self.started_at, "activity": self.activity, **measured}

    def summary(self, today: date) -> str:
        """ "ruck today — 8 miles, 90 minutes, with 30 lb", in the units the user wrote."""
        units: tuple[DisplayUnit, DisplayUnit, DisplayUnit] = (
            ("mi", "ft", "lb") if self.imperial else ("km", "m", "kg")
        )
        distance, climb, weight = units
        parts = []
        if self.distance_km is not None:
            parts.append(quantity(self.distance_km, distance))
        if self.duration_minutes is not None:
            parts.append(quantity(self.duration_minutes, "minutes"))
        if self.elevation_gain_m is not None:
            parts.append(f"{quantity(self.elevation_gain_m, climb)} of climbing")
        if self.steps is not None:
            parts.append(quantity(self.steps, "steps"))
        if self.load_kg is not None:
            parts.append(f"with {quantity(self.load_kg, weight)}")
        when = {today: "today", today - timedelta(days=1): "yesterday"}.get(self.day, "")
        return f"{_NOUNS[self.activity]} {when} — {', '.join(parts)}".replace("  ", " ")


def read_workout(text: str, *, now: datetime, tz: str) -> WorkoutReport | None:
    """The workout ``text`` reports, or None when it reports none."""
    folded = words_to_digits(fold(text))
    done = _DONE.search(folded)
    if (done is None and _LOG.search(folded) is None) or WISH_WORDS.search(folded):
        return None
    if GOAL_WORDS.search(folded):
        return None
    measured: dict[str, float] = {}
    imperial = False
    for amount in find_amounts(folded):
        if amount.unit is None or amount.past:
            continue
        imperial = imperial or amount.unit in ("mi", "ft", "lb")
        value, unit = to_canonical(amount.value, amount.unit)
        if unit == "m" and not ELEVATION_WORDS.search(folded):
            key, value = "distance_km", value / 1000  # "800 m" on the flat is a distance
        else:
            key = _FIELD_OF_UNIT.get(unit, "")
        if key and key not in measured:
            measured[key] = value
    if not measured.keys() - {"load_kg"}:
        return None
    zone = zone_of(tz)
    today = now.astimezone(zone).date()
    if _YESTERDAY.search(folded):
        day = today - timedelta(days=1)
        started_at = datetime.combine(day, time(12), tzinfo=zone)
    else:
        day, started_at = today, now
    return WorkoutReport(
        day=day,
        started_at=started_at,
        activity=_activity(folded, done),
        distance_km=measured.get("distance_km"),
        duration_minutes=measured.get("duration_minutes"),
        elevation_gain_m=measured.get("elevation_gain_m"),
        load_kg=measured.get("load_kg"),
        steps=round(measured["steps"]) if "steps" in measured else None,
        imperial=imperial,
    )


_FIELD_OF_UNIT = {
    "km": "distance_km",
    "m": "elevation_gain_m",
    "minutes": "duration_minutes",
    "kg": "load_kg",
    "steps": "steps",
}


def _activity(folded: str, done: re.Match[str] | None) -> Activity:
    if done is not None and done.group("verb") in _DONE_VERBS:
        return _DONE_VERBS[done.group("verb")]
    named = activities_in(folded)
    return named[0][1] if named else "other"
