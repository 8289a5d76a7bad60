"""What a chat message says about a planned session that did not (or will not) happen: "I
missed my long run", "skipped yesterday's intervals", "can't do my tempo on Thursday". Pure and
deterministic; ``today`` is passed in.

The chat marks that session skipped and the plan is rebuilt around it, as the skip endpoint
does. Which session it was is chosen here from the plan's open sessions, so the rule is
testable without a database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

_MISSED: Final = re.compile(
    r"\b(?:missed|skipped|skip|skipping|bailed\s+on|had\s+to\s+(?:skip|drop|miss)|"
    r"(?:could\s*n[o']?t|did\s*n[o']?t|didn't|couldn't)\s+(?:do|run|make|get\s+to|manage)|"
    r"(?:can\s*n[o']?t|can't|won't|will\s+not)\s+(?:do|run|make|manage))\b"
)
_FUTURE: Final = re.compile(r"\b(?:can\s*n[o']?t|can't|won't|will\s+not|skipping)\b")
_SESSION_WORDS: Final = (
    (r"\blong\s+run\b|\blong\s+one\b|\blong\b", "long"),
    (r"\btempo\b|\bthreshold\b", "tempo"),
    (r"\bintervals?\b|\bhills?\b|\bhill\s+repeats\b|\brepeats\b|\btrack\b|\bspeed\b", "intervals"),
    (r"\brecovery\b|\bshake[\s-]?out\b", "recovery"),
    (r"\beasy\b", "easy"),
    (r"\bcross[\s-]?training\b|\bcross\b|\bbike\b|\bride\b|\bswim\b", "cross"),
)
_ANY_SESSION: Final = re.compile(r"\b(?:run|runs|workout|session|training|quality\s+session)\b")
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SAME: Final = {"tempo": {"tempo", "intervals"}, "intervals": {"tempo", "intervals"}}
"""Athletes call cruise intervals "intervals" and hill repeats "a tempo" often enough that
either word stands for a quality session of either kind."""
LOOK_BACK_DAYS: Final = 7
"""A missed session told without a day is looked for this far back (and as far ahead when the
message speaks of the future)."""


@dataclass(frozen=True, slots=True)
class Missed:
    """A session the athlete says did not or will not happen; ``None`` is "not said"."""

    workout_type: str | None
    day: date | None
    ahead: bool
    """The message speaks of a session still to come ("can't do Thursday's tempo")."""


@dataclass(frozen=True, slots=True)
class OpenSession:
    """A planned session that is neither done nor skipped yet."""

    id: str
    day: date
    workout_type: str


def read_missed(text: str, today: date) -> Missed | None:
    """The missed session a message tells of, or None when it tells of none."""
    lowered = text.lower()
    if _MISSED.search(lowered) is None:
        return None
    kind = next((key for pattern, key in _SESSION_WORDS if re.search(pattern, lowered)), None)
    if kind is None and _ANY_SESSION.search(lowered) is None:
        return None
    ahead = _FUTURE.search(lowered) is not None
    return Missed(workout_type=kind, day=_day(lowered, today, ahead=ahead), ahead=ahead)


def missed_signal(text: str) -> float:
    """How strongly a message reports a missed session, for routing (no date needed)."""
    return 0.9 if read_missed(text, date(2000, 1, 3)) is not None else 0.0


def pick_session(
    missed: Missed, sessions: Sequence[OpenSession], today: date
) -> OpenSession | None:
    """The session meant: on the day said, of the type said; with no day, the nearest one
    before today (or, for the future, from today on) within ``LOOK_BACK_DAYS``."""
    types = _SAME.get(missed.workout_type or "", {missed.workout_type})
    fits = [
        s
        for s in sessions
        if s.workout_type != "rest" and (missed.workout_type is None or s.workout_type in types)
    ]
    if missed.day is not None:
        on_day = sorted((s for s in fits if s.day == missed.day), key=lambda s: (s.day, s.id))
        return on_day[0] if on_day else None
    window = timedelta(days=LOOK_BACK_DAYS)
    if missed.ahead:
        ahead = [s for s in fits if today <= s.day <= today + window]
        return min(ahead, key=lambda s: (s.day, s.id), default=None)
    behind = [s for s in fits if today - window <= s.day <= today]
    return max(behind, key=lambda s: (s.day, s.id), default=None)


def _day(text: str, today: date, *, ahead: bool) -> date | None:
    if re.search(r"\byesterday\b", text):
        return today - timedelta(days=1)
    if re.search(r"\b(?:today|this\s+morning|tonight|this\s+evening)\b", text):
        return today
    if re.search(r"\btomorrow\b", text):
        return today + timedelta(days=1)
    for number, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}(?:'s)?\b", text):
            if ahead:
                return today + timedelta(days=(number - today.weekday()) % 7)
            return today - timedelta(days=(today.weekday() - number) % 7)
    return None
