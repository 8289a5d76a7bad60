"""Race distances and clock times as people write them ("half", "10k", "1:45:00"), for the
command line, the chat and the API alike. Pure.
"""

from __future__ import annotations

import math
import re
from typing import Final

from plugins.plans.vdot import (
    MAX_DISTANCE_M,
    MAX_VDOT,
    MIN_DISTANCE_M,
    MIN_VDOT,
    RACE_DISTANCES_M,
    predict_race_seconds,
)

PREDICTED_RACES: Final = ("5k", "10k", "half_marathon", "marathon")
"""The races every pace report predicts."""

_ALIASES: Final[dict[str, str]] = {
    "5000m": "5k",
    "5km": "5k",
    "10000m": "10k",
    "10km": "10k",
    "15km": "15k",
    "half": "half_marathon",
    "halfmarathon": "half_marathon",
    "half-marathon": "half_marathon",
    "hm": "half_marathon",
    "21k": "half_marathon",
    "full": "marathon",
    "full_marathon": "marathon",
    "42k": "marathon",
    "1mile": "mile",
    "1mi": "mile",
    "2miles": "2mile",
    "2mi": "2mile",
    "3k": "3000m",
    "1500": "1500m",
}
_DISTANCE = re.compile(r"^(\d+(?:\.\d+)?)\s*(k|km|m|mi|miles?)$")
_METRES_PER: Final = {"k": 1000.0, "km": 1000.0, "m": 1.0, "mi": 1609.344}


def race_distance_m(text: str) -> float:
    """Metres of a race given by name ("half", "marathon", "5k") or as a distance ("8k",
    "15000m", "10 mi") of 1-50 km. Raises ``ValueError`` saying what we accept."""
    key = text.strip().lower().replace(" ", "_")
    key = _ALIASES.get(key, key)
    if key in RACE_DISTANCES_M:
        return RACE_DISTANCES_M[key]
    match = _DISTANCE.match(text.strip().lower())
    if match:
        number, unit = float(match.group(1)), match.group(2)
        metres = number * _METRES_PER["mi" if unit.startswith("mi") else unit]
        if not MIN_DISTANCE_M <= metres <= MAX_DISTANCE_M:
            raise ValueError(
                f"race {text!r} is {metres / 1000:g} km; paces and predictions cover races from "
                f"{MIN_DISTANCE_M / 1000:g} to {MAX_DISTANCE_M / 1000:g} km"
            )
        return metres
    names = ", ".join(RACE_DISTANCES_M)
    raise ValueError(
        f"unknown race {text!r}: use one of {names}, or a distance such as 8k, 15000m or 10mi"
    )


def parse_clock(text: str) -> float:
    """Seconds in a clock time: ``h:mm:ss``, ``mm:ss`` or plain seconds ("1:45:00", "19:57")."""
    parts = text.strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(re.fullmatch(r"\d+(\.\d+)?", p) for p in parts):
        raise ValueError(f"unreadable time {text!r}: write it as h:mm:ss or mm:ss, e.g. 1:45:00")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    if len(parts) > 1 and any(float(p) >= 60 for p in parts[1:]):
        raise ValueError(f"unreadable time {text!r}: minutes and seconds run from 00 to 59")
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"time {text!r} must be longer than zero")
    return seconds


def race_seconds(text: str, distance_m: float) -> float:
    """A race's finishing time. ``1:45`` for a half marathon means an hour and 45 minutes: a
    two-part time that would be impossibly fast as ``mm:ss`` for the distance (beyond VDOT 90)
    is read as ``h:mm``."""
    seconds = parse_clock(text)
    if text.count(":") != 1 or not MIN_DISTANCE_M <= distance_m <= MAX_DISTANCE_M:
        return seconds
    fastest = predict_race_seconds(MAX_VDOT, distance_m)
    slowest = predict_race_seconds(MIN_VDOT, distance_m)
    if seconds < fastest <= seconds * 60 <= slowest:
        return seconds * 60
    return seconds
