"""What a chat message says about the race plan someone wants: "plan me a half marathon on 20
April, goal 1:45, I run 4 days a week". Pure and deterministic; ``today`` is passed in.

The reader only collects facts; it never guesses one that was not said. The chat flow asks for
what is missing (a race and its date first, then current fitness), and the numbers that follow
come from the planner, never from here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final, Literal

from plugins.plans.model import RaceResult
from plugins.plans.races import parse_clock, race_distance_m, race_seconds
from plugins.plans.vdot import RACE_DISTANCES_M

Level = Literal["beginner", "novice", "experienced", "elite"]


@dataclass(frozen=True, slots=True)
class PlanAsk:
    """The facts of a plan request read so far; ``None`` is "not said"."""

    race: str | None = None
    """A key of ``RACE_DISTANCES_M`` or a distance such as ``"8k"``."""
    distance_m: float | None = None
    event_date: date | None = None
    goal_seconds: float | None = None
    days_per_week: int | None = None
    recent: RaceResult | None = None
    weekly_km: float | None = None
    level: Level | None = None

    def merged(self, later: PlanAsk) -> PlanAsk:
        """These facts updated by a later message's: what it says wins, the rest stays."""
        changes = {
            name: getattr(later, name)
            for name in self.__dataclass_fields__
            if getattr(later, name) is not None
        }
        return replace(self, **changes)

    @property
    def empty(self) -> bool:
        return self == PlanAsk()


_WORD_NUMBERS: Final = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "sixteen": 16,
    "twenty": 20,
}
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"

_RACE_WORDS: Final = (
    (
        r"\bhalf[\s-]?marathon\b|\bhalf\b(?!\s+(?:an?|hour)\b)|\bhm\b|\b21(?:\.1)?\s?k(?:m)?\b",
        "half_marathon",
    ),
    (r"\b(?:full\s+)?marathon\b|\b42(?:\.2)?\s?k(?:m)?\b", "marathon"),
    (r"\b10\s?k(?:m)?\b|\b10,?000\s?m\b|\bten\s?k\b", "10k"),
    (r"\b5\s?k(?:m)?\b|\b5,?000\s?m\b|\bfive\s?k\b|\bparkrun\b", "5k"),
    (r"\b15\s?k(?:m)?\b", "15k"),
    (r"\b(?:one\s+|1\s+)?mile\b", "mile"),
)
_CLOCK = r"(\d{1,2}:\d{2}(?::\d{2})?)"
_HOURS_WORDS = (
    r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)\b(?:\s*(?:and\s*)?(\d{1,2})\s*(?:minutes?|mins?|m)\b)?"
)
_MINUTES_WORDS = r"(\d{1,3})\s*(?:minutes?|mins?)\b"


def read_plan_request(
    text: str, today: date, *, known: PlanAsk | None = None, answering: str | None = None
) -> PlanAsk:
    """The plan facts in one message; ``known`` (the conversation so far) tells how to read a
    bare "1:50" when this message names no race. ``answering="fitness"`` says the message
    answers "what is a recent race time": there, "10k 50:00" with no date and no goal words is
    that result, not a new race."""
    lowered = _digits(text.lower())
    race, distance, race_span = _race(lowered)
    recent = _recent_result(lowered)
    timed = _timed_race(lowered) if recent is None else None
    if timed is not None and _PAST.search(lowered):
        # "I did a 10k 48:00": a result, and the race to plan for is another one, if named
        recent = RaceResult(distance_m=timed.distance_m, seconds=timed.seconds)
        start, end = timed.span
        lowered = lowered[:start] + " " * (end - start) + lowered[end:]
        race, distance, race_span = _race(lowered)
        timed = None
    event_date = _event_date(lowered, today, race_span)
    if answering == "fitness" and recent is None and event_date is None:
        recent = _answered_result(lowered, race, distance)
        if recent is not None:  # the message's race and time were that result, nothing else
            return PlanAsk(recent=recent, days_per_week=_days_per_week(lowered))
    context_distance = distance if distance is not None else (known.distance_m if known else None)
    goal = _goal_time(lowered, context_distance, avoid=recent is not None)
    if goal is None and timed is not None and race_span and timed.span[0] == race_span[0]:
        goal = timed.seconds
    return PlanAsk(
        race=race,
        distance_m=distance,
        event_date=event_date,
        goal_seconds=goal,
        days_per_week=_days_per_week(lowered),
        recent=recent,
        weekly_km=_weekly_km(lowered),
        level=_level(lowered),
    )


def _answered_result(text: str, race: str | None, distance: float | None) -> RaceResult | None:
    """A race and a time given in answer to the fitness question, unless goal words make it a
    wish ("10k, goal 45:00")."""
    clock = re.search(_CLOCK, text)
    if race is None or distance is None or clock is None or _GOAL_WORDS.search(text):
        return None
    try:
        return RaceResult(distance_m=distance, seconds=race_seconds(clock.group(1), distance))
    except ValueError:
        return None


_GOAL_WORDS = re.compile(r"\b(?:goal|target|aim|want|hope|hoping|sub|under|break|plan)\b")


def _digits(text: str) -> str:
    pattern = r"\b(" + "|".join(_WORD_NUMBERS) + r")\b"
    return re.sub(pattern, lambda m: str(_WORD_NUMBERS[m.group(1)]), text)


def _race(text: str) -> tuple[str | None, float | None, tuple[int, int] | None]:
    """The race to plan for: the first race named that is not a recent result."""
    past = _recent_span(text)
    for pattern, key in _RACE_WORDS:
        for match in re.finditer(pattern, text):
            if past and past[0] <= match.start() < past[1]:
                continue
            if _PER_WEEK.match(text, match.end()):
                continue  # "10k a week" is volume, not a race
            return key, RACE_DISTANCES_M[key], match.span()
    other = re.search(r"\b(\d{1,2}(?:\.\d)?)\s?(?:k|km)\s+(?:race|run|trail race)\b", text)
    if other:
        try:
            return f"{other.group(1)}k", race_distance_m(f"{other.group(1)}k"), other.span()
        except ValueError:
            return None, None, None
    return None, None, None


_PER_WEEK = re.compile(r"\s*(?:a|per|/|each)\s*(?:week|wk)\b")
_RECENT = re.compile(
    r"\b(?:i\s+(?:ran|did|raced|finished|run)|my\b[^.;!?]{0,20}?\b(?:pb|pr|best|last|recent|time)"
    r"|my\s+(?:5\s?k|10\s?k|half(?:[\s-]?marathon)?|marathon|parkrun|mile)\b(?!\s+(?:goal|target))"
    r"|(?:pb|pr)\b)[^.;!?]*?(?:in|of|is|was|at|:)\s+" + _CLOCK
)


def _recent_span(text: str) -> tuple[int, int] | None:
    match = _RECENT.search(text)
    return match.span() if match else None


def _recent_result(text: str) -> RaceResult | None:
    match = _RECENT.search(text)
    if not match:
        return None
    clause = match.group(0)
    for pattern, key in _RACE_WORDS:
        if re.search(pattern, clause):
            distance = RACE_DISTANCES_M[key]
            try:
                return RaceResult(
                    distance_m=distance, seconds=race_seconds(match.group(1), distance)
                )
            except ValueError:
                return None
    return None


def _goal_time(text: str, distance: float | None, *, avoid: bool) -> float | None:
    """A finish-time goal: "goal 1:45", "sub-4", "under 50 minutes", "in 3:30", "break 2 hours"."""
    recent = _recent_span(text) if avoid else None
    cue = (
        r"(?:goal(?:\s+time)?(?:\s+of|\s+is|:)?|target(?:\s+of|:)?|sub[\s-]?|under|break|in"
        r"|aim(?:ing)? for|hoping for)\s*"
    )
    for pattern, to_seconds in (
        (cue + _CLOCK, lambda m: _clock_seconds(m.group(1), distance)),
        (cue + _HOURS_WORDS, _hours_seconds),
        (cue + _MINUTES_WORDS, lambda m: float(m.group(1)) * 60),
        (r"\bsub[\s-]?(\d(?:\.\d+)?)\b(?![:\d])", lambda m: float(m.group(1)) * 3600),
        (r"\bsub[\s-]?(\d{2})\b(?![:\d])", lambda m: float(m.group(1)) * 60),
    ):
        for match in re.finditer(pattern, text):
            if recent and recent[0] <= match.start() < recent[1]:
                continue
            seconds = to_seconds(match)
            if seconds is not None and seconds > 0:
                return seconds
    return None


@dataclass(frozen=True, slots=True)
class _TimedRace:
    distance_m: float
    seconds: float
    span: tuple[int, int]


def _timed_race(text: str) -> _TimedRace | None:
    """The first race named with a time right after it, "10k 48:00" or "half, 1:45": that
    race's goal, or a result when the message speaks of the past ("10k 48:00 last month")."""
    found: list[_TimedRace] = []
    for pattern, key in _RACE_WORDS:
        for race in re.finditer(pattern, text):
            clock = _RACE_TIME.match(text, race.end())
            if clock is None:
                continue
            distance = RACE_DISTANCES_M[key]
            seconds = _clock_seconds(clock.group(1), distance)
            if seconds is not None:
                found.append(_TimedRace(distance, seconds, (race.start(), clock.end())))
    return min(found, key=lambda t: t.span, default=None)


_RACE_TIME = re.compile(r"\s*[,-]?\s*" + _CLOCK + r"(?![\d:])")
_PAST = re.compile(
    r"\b(?:ran|raced|did|finished|yesterday|ago|last\s+(?:week|month|year|spring|summer|autumn|fall)"
    r"|(?:on|in)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+last)\b"
)


def _clock_seconds(clock: str, distance: float | None) -> float | None:
    """With no race to go by, a two-part time under 10 is hours ("1:50"), else minutes."""
    try:
        if distance is not None:
            return race_seconds(clock, distance)
        seconds = parse_clock(clock)
    except ValueError:
        return None
    return seconds * 60 if clock.count(":") == 1 and seconds < 600 else seconds


def _hours_seconds(match: re.Match[str]) -> float:
    minutes = float(match.group(2)) if match.group(2) else 0.0
    return float(match.group(1)) * 3600 + minutes * 60


def _event_date(text: str, today: date, race_span: tuple[int, int] | None) -> date | None:
    candidates: list[tuple[int, date]] = []
    for match in re.finditer(r"\bin\s+(\d{1,3}|a)\s+(days?|weeks?|months?)\b", text):
        count = 1 if match.group(1) == "a" else int(match.group(1))
        unit = match.group(2)
        later = (
            today + timedelta(days=count)
            if unit.startswith("day")
            else today + timedelta(weeks=count)
            if unit.startswith("week")
            else _months_later(today, min(count, 24))
        )
        candidates.append((match.start(), later))
    tomorrow = re.search(r"\btomorrow\b", text)
    if tomorrow:
        candidates.append((tomorrow.start(), today + timedelta(days=1)))
    for match in re.finditer(r"\b(?:this|next|on)\s+(" + "|".join(WEEKDAYS) + r")\b", text):
        ahead = (WEEKDAYS.index(match.group(1)) - today.weekday()) % 7 or 7
        candidates.append((match.start(), today + timedelta(days=ahead)))
    for pattern, order in (
        (_DAY + r"(?:\s+of)?\s+" + _MONTH + _YEAR, "dm"),
        (_MONTH + r"\s+" + _DAY + _YEAR, "md"),
    ):
        for match in re.finditer(r"\b" + pattern + r"\b", text):
            if order == "dm":
                day, month, year = match.group(1), match.group(2), match.group(3)
            else:
                month, day, year = match.group(1), match.group(2), match.group(3)
            found = _calendar_date(int(day), _MONTHS[month], year, today)
            if found is not None:
                candidates.append((match.start(), found))
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        found = _calendar_date(int(iso.group(3)), int(iso.group(2)), iso.group(1), today)
        if found is not None:
            candidates.append((iso.start(), found))
    if not candidates:
        return None
    # The date nearest the race's name is the race's date ("a 10k on 3 May, I ran 48:00 in March").
    anchor = race_span[0] if race_span else 0
    return min(candidates, key=lambda c: (abs(c[0] - anchor), c[0]))[1]


WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names in ``date.weekday()`` order, as the readers match them."""


def _months_later(today: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day when it is shorter."""
    index = today.month - 1 + months
    year, month = today.year + index // 12, index % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _calendar_date(day: int, month: int, year: str | None, today: date) -> date | None:
    """A day and month, in the given year or else the next time it comes round."""
    try:
        found = date(int(year) if year else today.year, month, day)
    except ValueError:
        return None
    if year is None and found < today:
        found = found.replace(year=today.year + 1)
    return found


def _days_per_week(text: str) -> int | None:
    match = re.search(
        r"\b(\d)\s*(?:days?|times|x|runs?|sessions?)\s*(?:a|per|/|each)\s*(?:week|wk)\b", text
    )
    if match and 1 <= int(match.group(1)) <= 7:
        return int(match.group(1))
    if re.search(r"\bevery\s*day\b|\bdaily\b", text):
        return 7
    return None


def _weekly_km(text: str) -> float | None:
    match = re.search(
        r"\b(\d{1,3}(?:\.\d+)?)\s*(km|k|kilometers?|kilometres?|mi|miles?)\s*(?:a|per|/|each)\s*(?:week|wk)\b",
        text,
    )
    if not match:
        return None
    value = float(match.group(1))
    return value * 1.609344 if match.group(2).startswith("mi") else value


def _level(text: str) -> Level | None:
    if re.search(r"\b(?:beginner|new to running|just started|never run|couch to)\b", text):
        return "beginner"
    if re.search(r"\b(?:novice|fairly new|first (?:half|marathon|race))\b", text):
        return "novice"
    if re.search(r"\b(?:elite|pro(?:fessional)?|sub[\s-]?elite)\b", text):
        return "elite"
    if re.search(r"\b(?:experienced|years of running|seasoned|veteran)\b", text):
        return "experienced"
    return None


_PLAN_CUE = re.compile(
    r"\b(?:plan|schedule|program(?:me)?|train(?:ing)?\s+for|prepare\s+for|prep\s+for|"
    r"get\s+ready\s+for|build\s+up\s+(?:to|for)|coach\s+me)\b"
)
_RACE_NAME = re.compile(
    r"\b(?:half[\s-]?marathon|marathon|half|[1-9]\d?k|parkrun|[1-9]\d?\s?k\s+race)\b"
    r"(?!\s*(?:steps?\b|(?:a|per|/|each)\s*(?:week|wk|day|month)\b))"
)
_FINISH_TIME = re.compile(
    r"\bsub[\s-]?\d|\b(?:goal|target|under|break|aim(?:ing)? for)\b[^.;!?]{0,12}\d|"
    r"\b\d{1,2}:\d{2}\b"
)
_WHEN = re.compile(
    r"\bin\s+(?:\d{1,3}|a)\s+(?:days?|weeks?|months?)\b|\btomorrow\b|"
    r"\b(?:this|next)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(?:on|by|for)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b|"
    r"\b(?:on|by|in)\s+" + _MONTH + r"|\bnext\s+(?:spring|summer|autumn|fall|winter|year)\b|"
    r"\b\d{4}-\d{2}-\d{2}\b"
)
_PLAN_REQUEST = re.compile(
    r"\b(?:training|race|running|run)\s+(?:plan|schedule|program(?:me)?)\b|"
    r"\b(?:plan|train)\s+(?:me\s+)?(?:for\s+)?(?:my|a|the)\s+(?:race|training|running)\b"
)
_REPORT = re.compile(r"\b(?:i|we)\s+(?:just\s+)?(?:ran|did|raced|finished|completed)\b")


def plan_signal(text: str) -> float:
    """How strongly a message asks for a race plan, for routing every turn cheaply: a race
    named with a plan word ("plan me a half"), a race day ("marathon on 18 April") or a finish
    time ("a sub-20 5k"), or a training plan asked for outright. A race someone already ran is
    a workout report, not a plan."""
    lowered = _digits(text.lower())
    if not _RACE_NAME.search(lowered):
        return 0.85 if _PLAN_REQUEST.search(lowered) else 0.0
    if _PLAN_CUE.search(lowered):
        return 0.95
    if _REPORT.search(lowered):
        return 0.0
    if _WHEN.search(lowered) or _FINISH_TIME.search(lowered):
        return 0.92
    return 0.0
