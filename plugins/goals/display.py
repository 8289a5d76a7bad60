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
    "points": ("point", "points"),
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
    "weekly": "Every week",
    "monthly": "Every month",
    "until_deadline": "Until the deadline",
}


def in_display_unit(canonical_value: float, unit: DisplayUnit) -> float:
    """The value rounded the way people read it: whole counts, one decimal for the rest."""
    value = from_canonical(canonical_value, unit)
    if unit in ("steps", "sessions", "days", "points", "m", "ft", "minutes"):
        return float(round(value))
    return round(value, 1)


def quantity(canonical_value: float, unit: DisplayUnit) -> str:
    """``32.5 km``, ``1 session``, ``10,000 steps``."""
    value = in_display_unit(canonical_value, unit)
    singular, plural = UNIT_WORDS[unit]
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return f"{number} {singular if value == 1 else plural}"
