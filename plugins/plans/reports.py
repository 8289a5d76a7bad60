"""What a chat message reports about a planned session: that it did not (or will not) happen
("I missed my long run", "skipped yesterday's intervals", "can't do my tempo on Thursday"), or
that it is done ("did my long run", "finished today's tempo"). Pure and deterministic; ``today``
is passed in.

The chat marks that session skipped (and the plan is rebuilt around it) or done, as the skip
and complete endpoints do. Which session it was is chosen here from the plan's open sessions,
so the rule is testable without a database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from plugins.plans.reading import WEEKDAYS

_MISSED: Final = re.compile(
    r"\b(?:missed|skipped|skip|skipping|bailed\s+on|had\s+to\s+(?:skip|drop|miss)|"
    r"(?:could\s*n[o']?t|did\s*n[o']?t|didn't|couldn't)\s+(?:do|run|make|get\s+to|manage)|"
    r"(?:can\s*n[o']?t|can't|won't|will\s+not)\s+(?:do|run|make|manage))\b"
)
_DONE: Final = re.compile(
    r"^\s*(?:(?:i\s+)?(?:just\s+)?(?:did|done|finished|completed|nailed|smashed|crushed)|"
    r"(?:i'?ve|i\s+have)\s+(?:just\s+)?(?:done|finished|completed))\s+(?:with\s+)?"
    r"(?:my|the|today'?s|yesterday'?s|this\s+morning'?s|this\s+week'?s)\b"
)
"""A report that starts with the deed: "did my long run", "I've finished today's tempo" (a
report with distances and times is a workout to log, which the goals skill reads)."""
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
_SAME: Final = {"tempo": {"tempo", "intervals"}, "intervals": {"tempo", "intervals"}}
"""Athletes call cruise intervals "intervals" and hill repeats "a tempo" often enough that
either word stands for a quality session of either kind."""
LOOK_BACK_DAYS: Final = 7
"""A missed session told without a day is looked for this far back (and as far ahead when the
message speaks of the future)."""


@dataclass(frozen=True, slots=True)
class Report:
    """A session the athlete says is done, or did not or will not happen; ``None`` is "not
    said"."""

    outcome: Literal["done", "missed"]
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


def read_report(text: str, today: date) -> Report | None:
    """The session a message reports on, or None when it reports on none."""
    lowered = text.lower().replace("’", "'")
    missed = _MISSED.search(lowered) is not None
    if not missed and _DONE.search(lowered) is None:
        return None
    kind = next((key for pattern, key in _SESSION_WORDS if re.search(pattern, lowered)), None)
    if kind is None and _ANY_SESSION.search(lowered) is None:
        return None
    ahead = missed and _FUTURE.search(lowered) is not None
    return Report(
        outcome="missed" if missed else "done",
        workout_type=kind,
        day=_day(lowered, today, ahead=ahead),
        ahead=ahead,
    )


def report_signal(text: str) -> float:
    """How strongly a message reports on a planned session, for routing (no date needed)."""
    return 0.9 if read_report(text, date(2000, 1, 3)) is not None else 0.0


def pick_session(
    report: Report, sessions: Sequence[OpenSession], today: date
) -> OpenSession | None:
    """The session meant: on the day said, of the type said; with no day, the nearest one
    before today (or, for the future, from today on) within ``LOOK_BACK_DAYS``."""
    types = _SAME.get(report.workout_type or "", {report.workout_type})
    fits = [
        s
        for s in sessions
        if s.workout_type != "rest" and (report.workout_type is None or s.workout_type in types)
    ]
    if report.day is not None:
        on_day = sorted((s for s in fits if s.day == report.day), key=lambda s: (s.day, s.id))
        return on_day[0] if on_day else None
    window = timedelta(days=LOOK_BACK_DAYS)
    if report.ahead:
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
    for number, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}(?:'s)?\b", text):
            if ahead:
                return today + timedelta(days=(number - today.weekday()) % 7)
            return today - timedelta(days=(today.weekday() - number) % 7)
    return None
