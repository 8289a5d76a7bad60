"""Goal quantities in words and in the user's units: what a card, a reply or an API response
shows. Storage stays canonical; only this module converts back."""

from __future__ import annotations

from plugins.goals.model import DisplayUnit, Metric, Window, from_canonical

UNIT_WORDS: dict[DisplayUnit, tuple[str, str]] = {
    "km": ("km", "km"),
    "mi": ("mile", "miles"),
    "m": ("m", "m"),
    "ft": ("ft", "ft"),
    "minutes": ("minute", "minutes"),
    "hours": ("hour", "hours"),
    "kg": ("kg", "kg"),
    "lb": ("lb", "lb"),
    "steps": ("step", "steps"),
    "points": ("power point", "power points"),
    "sessions": ("session", "sessions"),
    "days": ("day", "days"),
}

METRIC_LABELS: dict[Metric, str] = {
    "distance_km_total": "Distance",
    "session_count": "Sessions",
    "streak_days": "Streak",
    "elevation_gain_m_total": "Elevation gain",
    "load_kg_min_sessions": "Loaded sessions",
    "duration_minutes_total": "Time on feet",
    "steps_total": "Steps",
    "power_points_total": "Power points",
}

WINDOW_LABELS: dict[Window, str] = {
    "7d": "7 days",
    "30d": "30 days",
    "weekly": "Every week (Mon–Sun)",
    "monthly": "Every month",
    "until_deadline": "Until the deadline",
}
_ONE_PERIOD: dict[Window, str] = {
    "weekly": "One calendar week (Mon–Sun)",
    "monthly": "One calendar month",
}


def window_label(window: Window, *, repeats: bool) -> str:
    """A weekly or monthly goal with an end date covers one period; without one it repeats."""
    if not repeats and window in _ONE_PERIOD:
        return _ONE_PERIOD[window]
    return WINDOW_LABELS[window]


WHOLE_UNITS = frozenset({"steps", "sessions", "days", "points", "m", "ft", "minutes"})
"""Units people read as whole numbers; the rest get one decimal at most."""


def in_display_unit(canonical_value: float, unit: DisplayUnit) -> float:
    """The value rounded the way people read it: whole counts, one decimal for the rest."""
    value = from_canonical(canonical_value, unit)
    return float(round(value)) if unit in WHOLE_UNITS else round(value, 1)


def number(value: float, unit: DisplayUnit | None = None) -> str:
    """``1,200``, ``26.2``, ``9.1``: a value already in ``unit``, written for reading."""
    rounded = round(value) if unit in WHOLE_UNITS else round(value, 1)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.1f}"


def weight_unit(kg: float) -> DisplayUnit:
    """The unit the user gave a weight in, read back from the stored kilos: pounds when it is a
    whole number of pounds but not a round number of kilos (20 lb is stored as 9.07 kg)."""
    pounds = from_canonical(kg, "lb")
    whole_pounds = abs(pounds - round(pounds)) < 0.02
    round_kilos = abs(kg * 2 - round(kg * 2)) < 0.02
    return "lb" if whole_pounds and not round_kilos else "kg"


def quantity(canonical_value: float, unit: DisplayUnit) -> str:
    """``32.5 km``, ``1 session``, ``10,000 steps``."""
    text = number(from_canonical(canonical_value, unit), unit)
    singular, plural = UNIT_WORDS[unit]
    return f"{text} {singular if text == '1' else plural}"
