"""Chat edits of a goal the user already has: "pause my ruck goal", "make it 60 km", "drop my
weekly goal from 5 runs to 4", "swap my running goal for a rucking goal".

An edit needs both a change and something to change (a goal, "it"); a new goal that merely
mentions a number is not an edit, so this returns None for it and drafting takes over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from plugins.goals.model import Activity, DisplayUnit, Metric, Window, to_canonical
from plugins.goals.parser.lexicon import activities_in, words
from plugins.goals.parser.normalize import fold
from plugins.goals.parser.numbers import words_to_digits
from plugins.goals.parser.quantities import find_amounts
from plugins.goals.parser.rates import find_rates

EditAction = Literal["pause", "resume", "delete", "set_target", "set_window", "set_activity"]


@dataclass(frozen=True, slots=True)
class GoalHint:
    """What the user called the goal, to pick it among theirs."""

    metric: Metric | None = None
    activity: Activity | None = None
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Edit:
    action: EditAction
    value: float | None = None
    """Canonical when ``display_unit`` is set; a bare number ("make it 60") is left as said,
    in the goal's own display unit."""
    display_unit: DisplayUnit | None = None
    window: Window | None = None
    activity: Activity | None = None
    which: GoalHint = GoalHint()


_GOAL_REF = re.compile(
    r"\b(?:my|the|this|that|our|current|existing)\s+(?P<words>(?:[a-z0-9+'-]+\s+){0,4}?)"
    r"(?P<noun>goals?|streak|target|challenge|plan)\b|\b(?:it|that one|this one)\b"
)
_PAUSE = re.compile(r"\b(?:pause|hold off|on hold|suspend|freeze|snooze|put \w+ on ice)\b")
_RESUME = re.compile(
    r"\b(?:resume|unpause|un-pause|reactivate|re-activate|continue|turn \w+ back on|"
    r"start \w+ again|pick \w+ back up)\b"
)
_DELETE = re.compile(
    r"\b(?:delete|remove|cancel|get rid of|scrap|ditch|stop tracking|bin|kill|drop)\b"
)
_TARGET_VERB = re.compile(
    r"\b(?:make|change|lower|raise|increase|decrease|reduce|bump|drop|cut|set|update|adjust|"
    r"move|up|bring)\b[^.?!]*?\bto\s+(?P<num>\d+(?:\.\d+)?)|\bmake it\s+(?P<make>\d+(?:\.\d+)?)|"
    r"\blet'?s (?:do|go with|make it|say)\s+(?P<lets>\d+(?:\.\d+)?)|"
    r"\b(?P<instead>\d+(?:\.\d+)?)\s+instead\b"
)
_WINDOW_WORD = re.compile(
    r"\b(?:make|change|switch|turn|set)\b[^.?!]*?\b(?:to\s+|into\s+)?(?:a\s+)?"
    r"(?P<window>weekly|monthly|per week|per month|a week|a month)(?:\s+goal)?\s*[.!?]*$"
)
_SWAP = re.compile(
    r"\b(?:swap|switch|change|turn|replace|make)\b(?P<source>[^.?!]*?)\b(?:for|to|into|with)\s+"
    r"(?:a\s+|an\s+)?(?P<target>[a-z]+)(?:\s+(?:goal|one|instead))?\b|"
    r"\bmake it\s+(?P<target2>[a-z]+)\s+instead of\s+(?P<source2>[a-z]+)"
)
_STOP_WORDS = frozenset(
    words("my the this that our current existing a an old goal goals target it one of for")
)
_METRIC_WORDS: tuple[tuple[re.Pattern[str], Metric], ...] = (
    (re.compile(r"\bstreak"), "streak_days"),
    (re.compile(r"\bsteps?\b"), "steps_total"),
    (re.compile(r"\b(?:power )?points\b"), "power_points_total"),
    (re.compile(r"\b(?:elevation|climb\w*|gain|vert)\b"), "elevation_gain_m_total"),
    (re.compile(r"\b(?:load|weighted|weight|pack)\b"), "load_kg_min_sessions"),
    (re.compile(r"\b(?:distance|mileage|miles?|km|kilomet\w+)\b"), "distance_km_total"),
    (re.compile(r"\b(?:time|duration|hours?|minutes?)\b"), "duration_minutes_total"),
    (re.compile(r"\b(?:sessions?|runs|rucks|walks|hikes|workouts|times)\b"), "session_count"),
)
_UNIT_METRIC: dict[str, Metric] = {
    "km": "distance_km_total",
    "mi": "distance_km_total",
    "m": "elevation_gain_m_total",
    "ft": "elevation_gain_m_total",
    "minutes": "duration_minutes_total",
    "hours": "duration_minutes_total",
    "steps": "steps_total",
    "points": "power_points_total",
    "sessions": "session_count",
    "days": "streak_days",
}


def parse_edit(text: str) -> Edit | None:
    """The edit ``text`` asks for, or None when it asks for none."""
    folded = words_to_digits(fold(text))
    reference = _GOAL_REF.search(folded)
    if reference is None:
        return _bare_target(folded)
    if reference.group("words") is None and find_rates(folded):
        return None  # "can we make it 2 rucks a week?" states a goal, it edits none
    which = _hint(folded, reference)
    swap = _swap(folded, which)
    if swap is not None:
        return swap
    target = _target(folded, which)
    if target is not None:
        return target
    window = _WINDOW_WORD.search(folded)
    if window is not None:
        chosen: Window = "weekly" if "week" in window.group("window") else "monthly"
        return Edit("set_window", window=chosen, which=which)
    if _PAUSE.search(folded):
        return Edit("pause", which=which)
    if _DELETE.search(folded):
        return Edit("delete", which=which)
    if _RESUME.search(folded) or (re.search(r"\brestart\b", folded) and not find_amounts(folded)):
        return Edit("resume", which=which)
    return None


def _bare_target(folded: str) -> Edit | None:
    """ "make it 60 km" / "let's do 70": an edit of whatever goal is on screen."""
    match = re.match(
        r"^\s*(?:ok\s+|okay\s+|actually\s+|no\s+|hmm\s+)?(?:make it|let'?s do)\s", folded
    )
    if match is None or find_rates(folded):
        return None
    return _target(folded, GoalHint())


def _hint(folded: str, reference: re.Match[str]) -> GoalHint:
    phrase = f"{reference.group('words') or ''} {reference.group('noun') or ''}"
    words = tuple(w for w in phrase.split() if w not in _STOP_WORDS)
    scope = reference.group(0)
    metric = next((m for pattern, m in _METRIC_WORDS if pattern.search(scope)), None)
    found = activities_in(scope)
    activity = found[0][1] if found else None
    if metric is None:
        metric = next((m for pattern, m in _METRIC_WORDS if pattern.search(folded)), None)
    return GoalHint(metric, activity, words)


def _target(folded: str, which: GoalHint) -> Edit | None:
    match = _TARGET_VERB.search(folded)
    if match is None:
        return None
    said = next(g for g in ("num", "make", "lets", "instead") if match.group(g) is not None)
    value = float(match.group(said))
    if value <= 0:
        return None
    amounts = [a for a in find_amounts(folded) if a.unit is not None]
    own = next((a for a in amounts if a.start == match.start(said)), None)
    unit = own.unit if own is not None else (amounts[0].unit if amounts else None)
    if unit is None or unit in ("kg", "lb"):
        return Edit("set_target", value=value, which=which)
    canonical = to_canonical(value, unit)[0]
    metric = which.metric or _UNIT_METRIC.get(unit)
    hint = GoalHint(metric, which.activity, which.words)
    return Edit("set_target", value=canonical, display_unit=unit, which=hint)


def _swap(folded: str, which: GoalHint) -> Edit | None:
    match = _SWAP.search(folded)
    if match is None:
        return None
    target_word = match.group("target") or match.group("target2")
    source = match.group("source") or match.group("source2") or ""
    target = activities_in(target_word)
    if not target:
        return None
    origin = activities_in(source)
    hint = GoalHint(which.metric, origin[0][1] if origin else which.activity, which.words)
    return Edit("set_activity", activity=target[0][1], which=hint)
