"""Clarifying questions: one short question per missing piece, with chips whose values the
parser itself understands as answers ("this month", "miles", "20 lb", "3")."""

from __future__ import annotations

from typing import Literal

from plugins.goals.display import number
from plugins.goals.model import DisplayUnit, Metric, from_canonical
from plugins.goals.parser.state import PartialGoal

Units = Literal["metric", "imperial"]
Chip = tuple[str, str]

CHIP_LABEL_LIMIT = 40

_UNIT_CHOICES: dict[Metric, tuple[tuple[str, str], tuple[str, str]]] = {
    "distance_km_total": (("km", "km"), ("miles", "miles")),
    "elevation_gain_m_total": (("metres", "m"), ("feet", "ft")),
    "duration_minutes_total": (("minutes", "minutes"), ("hours", "hours")),
}
_TARGET_QUESTIONS: dict[Metric, str] = {
    "distance_km_total": "How far would you like to go?",
    "session_count": "How many sessions would you like to do?",
    "load_kg_min_sessions": "How many loaded sessions would you like to do?",
    "streak_days": "How many days in a row are you aiming for?",
    "elevation_gain_m_total": "How much climbing would you like to do?",
    "duration_minutes_total": "How much time would you like to spend moving?",
    "steps_total": "How many steps are you aiming for?",
    "power_points_total": "How many power points are you aiming for?",
}
_TARGET_CHIPS: dict[tuple[Metric, Units], tuple[Chip, ...]] = {
    ("distance_km_total", "metric"): (
        ("50 km", "50 km"),
        ("100 km", "100 km"),
        ("150 km", "150 km"),
    ),
    ("distance_km_total", "imperial"): (
        ("25 miles", "25 miles"),
        ("50 miles", "50 miles"),
        ("100 miles", "100 miles"),
    ),
    ("elevation_gain_m_total", "metric"): (
        ("500 m", "500 m"),
        ("1,000 m", "1000 m"),
        ("2,000 m", "2000 m"),
    ),
    ("elevation_gain_m_total", "imperial"): (
        ("1,500 ft", "1500 ft"),
        ("3,000 ft", "3000 ft"),
        ("6,000 ft", "6000 ft"),
    ),
    ("duration_minutes_total", "metric"): (
        ("3 hours", "3 hours"),
        ("5 hours", "5 hours"),
        ("10 hours", "10 hours"),
    ),
    ("steps_total", "metric"): (
        ("7,000 a day", "7000 steps a day"),
        ("10,000 a day", "10000 steps a day"),
        ("70,000 a week", "70000 steps"),
    ),
    ("power_points_total", "metric"): (
        ("500 points", "500 points"),
        ("1,000 points", "1000 points"),
        ("2,000 points", "2000 points"),
    ),
    ("session_count", "metric"): (("2", "2"), ("3", "3"), ("4", "4")),
    ("load_kg_min_sessions", "metric"): (("1", "1"), ("2", "2"), ("3", "3")),
    ("streak_days", "metric"): (("7 days", "7"), ("14 days", "14"), ("30 days", "30")),
}
_WINDOW_CHIPS: tuple[Chip, ...] = (
    ("This week", "this week"),
    ("This month", "this month"),
    ("Next 30 days", "next 30 days"),
    ("By a date…", "by a date"),
)
_SESSION_WINDOW_CHIPS: tuple[Chip, ...] = (
    ("Every week", "per week"),
    ("This month", "this month"),
    ("Next 30 days", "next 30 days"),
    ("By a date…", "by a date"),
)
_DEADLINE_CHIPS: tuple[Chip, ...] = (
    ("End of this month", "by the end of the month"),
    ("In 6 weeks", "in 6 weeks"),
    ("In 3 months", "in 3 months"),
    ("End of the year", "by the end of the year"),
)
_METRIC_CHIPS: tuple[Chip, ...] = (
    ("Distance", "distance"),
    ("Sessions a week", "sessions per week"),
    ("A daily streak", "streak"),
    ("Steps", "steps"),
)


def question_for(field: str, state: PartialGoal, units: Units) -> tuple[str, tuple[Chip, ...]]:
    """The question that fills ``field`` and the chips that answer it."""
    if field == "metric":
        return _metric_question(state)
    if field == "unit":
        return _unit_question(state)
    if field == "target":
        return _target_question(state, units)
    if field == "weight":
        if (state.weight_unit or ("lb" if units == "imperial" else "kg")) == "lb":
            chips: tuple[Chip, ...] = (("20 lb", "20 lb"), ("30 lb", "30 lb"), ("40 lb", "40 lb"))
        else:
            chips = (("10 kg", "10 kg"), ("15 kg", "15 kg"), ("20 kg", "20 kg"))
        return "How much weight will you carry in each session?", chips
    if field == "deadline":
        return "What date should it be done by?", _DEADLINE_CHIPS
    sessions = state.metric in ("session_count", "load_kg_min_sessions")
    if sessions:
        return "Is that every week, or for a set time?", _SESSION_WINDOW_CHIPS
    return "Over what time frame — this week, this month, or by a date?", _WINDOW_CHIPS


def _metric_question(state: PartialGoal) -> tuple[str, tuple[Chip, ...]]:
    if state.raw_number is None:
        return "What would you like to track?", _METRIC_CHIPS
    n = number(state.raw_number)
    plain = n.replace(",", "")
    chips: list[Chip] = [(f"{n} km", f"{plain} km"), (f"{n} miles", f"{plain} miles")]
    if state.raw_number <= 50:
        chips.append((f"{n} sessions", f"{plain} sessions"))
    if state.raw_number >= 1000:
        chips.append((f"{n} steps", f"{plain} steps"))
    else:
        chips.append((f"{n} minutes", f"{plain} minutes"))
    return f"What should {n} count — distance, sessions or time?", tuple(chips)


def _unit_question(state: PartialGoal) -> tuple[str, tuple[Chip, ...]]:
    assert state.metric is not None
    choices = _UNIT_CHOICES.get(state.metric, (("km", "km"), ("miles", "miles")))
    n = number(state.raw_number) if state.raw_number is not None else ""
    (first_word, first), (second_word, second) = choices
    chips = ((f"{n} {first_word}".strip(), first), (f"{n} {second_word}".strip(), second))
    return f"Is that {n} {first_word} or {second_word}?".replace("  ", " "), chips


def _target_question(state: PartialGoal, units: Units) -> tuple[str, tuple[Chip, ...]]:
    metric = state.metric or "distance_km_total"
    question = _TARGET_QUESTIONS[metric]
    if state.suggestions and state.display_unit is not None:
        suggested = _suggested(state.suggestions, state.display_unit, state)
        if suggested:
            return question, suggested
    system: Units = units if metric in ("distance_km_total", "elevation_gain_m_total") else "metric"
    if state.display_unit in ("mi", "ft"):
        system = "imperial"
    elif state.display_unit in ("km", "m"):
        system = "metric"
    return question, _TARGET_CHIPS[(metric, system)]


def _suggested(values: list[float], unit: DisplayUnit, state: PartialGoal) -> tuple[Chip, ...]:
    rate = {"week": " a week", "month": " a month", "day": " a day"}.get(state.rate or "", "")
    word = {"mi": "miles", "points": "points"}.get(unit, unit)
    chips = []
    for value in values:
        shown = number(from_canonical(value, unit), unit)
        if float(shown.replace(",", "")) <= 0:
            continue
        chips.append((f"{shown} {word}{rate}", f"{shown.replace(',', '')} {word}"))
    return tuple(dict.fromkeys(chips))
