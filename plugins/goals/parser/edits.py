"""Chat edits of a goal the user already has: "pause my ruck goal", "make it 60 km", "drop my
weekly goal from 5 runs to 4", "swap my running goal for a rucking goal".

An edit needs both a change and something to change (a goal, "it", or a command on its own
such as "pause"); a new goal that merely mentions a number is not an edit, so this returns
None for it and drafting takes over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from plugins.goals.model import Activity, DisplayUnit, Metric, Window, to_canonical
from plugins.goals.parser.lexicon import TOTAL_METRIC, activities_in, words
from plugins.goals.parser.normalize import fold
from plugins.goals.parser.numbers import words_to_digits
from plugins.goals.parser.quantities import Amount, find_amounts
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


_GOAL_NOUNS = (
    r"goals?|streak|target|challenge|plan|distance|mileage|steps|step count|elevation|climbing|"
    r"runs|rucks|walks|hikes|sessions|workouts|power points|points"
)
_GOAL_REF = re.compile(
    r"\b(?:my|the|this|that|our|current|existing)\s+(?P<words>(?:[a-z0-9+'-]+\s+){0,4}?)"
    rf"(?P<noun>{_GOAL_NOUNS})\b|\b(?:it|that one|this one)\b"
)
_COMMAND = re.compile(
    r"^\s*(?:please\s+)?(?:(?P<verb>pause|resume|unpause)(?:\s+(?:it|this|that))?|"
    r"(?P<drop>delete|remove)\s+(?:it|this|that))(?:\s+please)?\s*[.!]*\s*$"
)
"""A command about the goal on screen. "cancel" alone is not one: it abandons a chat."""
_PAUSE = re.compile(
    r"\b(?:pause|hold off|on hold|hold|suspend|freeze|snooze|stop(?! tracking)|put \w+ on ice)\b"
)
_RESUME = re.compile(
    r"\b(?:resume|unpause|un-pause|reactivate|re-activate|continue|turn \w+ back on|"
    r"start \w+ again|pick \w+ back up)\b"
)
_RESTART = re.compile(r"\brestart\b")
_DELETE = re.compile(
    r"\b(?:delete|remove|cancel|get rid of|scrap|ditch|stop tracking|bin|kill|drop)\b"
)
_NUMBER = r"\d+(?:\.\d+)?k?"
_TARGET_VERB = re.compile(
    r"\b(?:make|change|lower|raise|increase|decrease|reduce|bump|drop|cut|set|update|adjust|"
    rf"move|up|bring)\b[^.?!]{{0,60}}?\bto\s+(?P<num>{_NUMBER})|\bmake it\s+(?P<make>{_NUMBER})|"
    rf"\blet'?s (?:do|go with|make it|say)\s+(?P<lets>{_NUMBER})|"
    rf"\b(?P<instead>{_NUMBER})\s*(?:[a-z]+\s+)?instead\b"
)
_GOAL_STATEMENT = re.compile(r"\bmake it\s+\d")
""""Can we make it 2 rucks a week?" states a whole goal (with its rate); it edits none."""
_WINDOW_WORD = re.compile(
    r"\b(?:make|change|switch|turn|set)\b[^.?!\d]{0,60}?\b(?:to\s+|into\s+)?(?:a\s+)?"
    r"(?:(?P<weekly>weekly|per week|a week|every week)|(?P<monthly>monthly|per month|a month|"
    r"every month)|(?:rolling\s+)?(?P<rolling>30|7)[ -]days?(?:\s+window)?)\b"
)
_SWAP = re.compile(
    r"\b(?:swap|switch|change|turn|replace|make)\b(?P<source>[^.?!]{0,60}?)\b"
    r"(?:for|to|into|with)\s+"
    r"(?:a\s+|an\s+)?(?P<target>[a-z]+)(?:\s+(?:goal|one|instead))?\b|"
    r"\b(?P<target2>[a-z]+)\s+instead of\s+(?P<source2>[a-z]+)"
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
_COMMAND_ACTIONS: dict[str, EditAction] = {
    "pause": "pause",
    "resume": "resume",
    "unpause": "resume",
    "delete": "delete",
    "remove": "delete",
}


def parse_edit(text: str) -> Edit | None:
    """The edit ``text`` asks for, or None when it asks for none."""
    folded = words_to_digits(fold(text))
    command = _COMMAND.match(folded)
    if command is not None:
        return Edit(_COMMAND_ACTIONS[command.group("verb") or command.group("drop")])
    reference = _GOAL_REF.search(folded)
    if reference is None:
        return _without_reference(folded)
    if _GOAL_STATEMENT.search(folded) and find_rates(folded):
        return None
    which = _hint(folded, reference)
    return (
        _swap(folded, which)
        or _target(folded, which)
        or _window(folded, which)
        or _status(folded, which)
    )


def _without_reference(folded: str) -> Edit | None:
    """ "make it 60 km", "let's do 70", "swap runs for rucks": an edit of whatever goal is
    being talked about."""
    if re.match(r"^\s*(?:ok\s+|okay\s+|actually\s+|no\s+|hmm\s+)?(?:make it|let'?s do)\s", folded):
        if find_rates(folded):
            return None
        return _target(folded, GoalHint())
    if re.match(r"^\s*(?:swap|switch)\b", folded):
        return _swap(folded, GoalHint())
    return None


def _status(folded: str, which: GoalHint) -> Edit | None:
    if _PAUSE.search(folded):
        return Edit("pause", which=which)
    if _DELETE.search(folded):
        return Edit("delete", which=which)
    if _RESUME.search(folded) or (_RESTART.search(folded) and not find_amounts(folded)):
        return Edit("resume", which=which)
    return None


def _hint(folded: str, reference: re.Match[str]) -> GoalHint:
    phrase = f"{reference.group('words') or ''} {reference.group('noun') or ''}"
    kept = tuple(w for w in phrase.split() if w not in _STOP_WORDS)
    scope = reference.group(0)
    metric = next((m for pattern, m in _METRIC_WORDS if pattern.search(scope)), None)
    found = activities_in(scope)
    activity = found[0][1] if found else None
    if metric is None:
        metric = next((m for pattern, m in _METRIC_WORDS if pattern.search(folded)), None)
    return GoalHint(metric, activity, kept)


def _target(folded: str, which: GoalHint) -> Edit | None:
    match = _TARGET_VERB.search(folded)
    if match is None:
        return None
    said = next(g for g in ("num", "make", "lets", "instead") if match.group(g) is not None)
    amounts = [a for a in find_amounts(folded, steps_context="step" in folded) if a.unit]
    own = next((a for a in amounts if a.start == match.start(said)), None)
    unit = own.unit if own is not None else _unit_said_before(amounts, match.start(said))
    value = own.value if own is not None else float(match.group(said).rstrip("k"))
    if value <= 0:
        return None
    if unit is None or unit in ("kg", "lb"):
        return Edit("set_target", value=value, which=which)
    hint = GoalHint(which.metric or TOTAL_METRIC.get(unit), which.activity, which.words)
    return Edit("set_target", value=to_canonical(value, unit)[0], display_unit=unit, which=hint)


def _unit_said_before(amounts: list[Amount], position: int) -> DisplayUnit | None:
    """ "100 mi is too much, let's do 70": the new number is in the old number's unit."""
    before = [a for a in amounts if a.start < position]
    return before[-1].unit if before else None


def _window(folded: str, which: GoalHint) -> Edit | None:
    match = _WINDOW_WORD.search(folded)
    if match is None:
        return None
    chosen: Window
    if match.group("weekly"):
        chosen = "weekly"
    elif match.group("monthly"):
        chosen = "monthly"
    else:
        chosen = "30d" if match.group("rolling") == "30" else "7d"
    return Edit("set_window", window=chosen, which=which)


def _swap(folded: str, which: GoalHint) -> Edit | None:
    match = _SWAP.search(folded)
    if match is None:
        return None
    target = activities_in(match.group("target") or match.group("target2") or "")
    if not target:
        return None
    origin = activities_in(match.group("source") or match.group("source2") or "")
    hint = GoalHint(which.metric, origin[0][1] if origin else which.activity, which.words)
    return Edit("set_activity", activity=target[0][1], which=hint)
