"""What the words of a message suggest when its numbers do not settle it: is it about a
goal at all, a question about something else, which metric it names, which units it writes.

All functions take folded text (see :mod:`normalize`) with numbers in digits.
"""

from __future__ import annotations

import re
from typing import Literal

from plugins.goals.model import DisplayUnit, Metric
from plugins.goals.parser.lexicon import (
    DISTANCE_WORDS,
    DURATION_WORDS,
    ELEVATION_WORDS,
    FITNESS_WORDS,
    GOAL_WORDS,
    OTHER_DOMAIN_VERBS,
    POINTS_WORDS,
    SESSION_WORDS,
    STEP_GOAL_WORDS,
    STREAK_WORDS,
    UNIT_SPELLINGS,
    WEIGHT_UNIT_WORD,
    WISH_WORDS,
    activities_in,
)

QUESTION = re.compile(
    r"^\s*(?:how|what|whats|what's|when|where|why|who|which|is|are|does|convert|tell me)\b"
)
"""A message that opens as a question ("how far is…") asks rather than sets a goal."""
PROGRESS_QUESTION = re.compile(
    r"^\s*(?:(?:what'?s|what is|what are|how'?s|how is|how are|show(?: me)?|list|see|"
    r"where am i (?:with|on)|how am i doing(?: on| with)?)\s+(?:all\s+)?)?(?:my|our)\s+"
    r"(?:\w+\s+)?(?:streaks?|goals?|progress)\b(?:\s+(?:going|doing|looking|coming along))?\W*$"
)
"""Asking how a goal is going, not setting one: "what's my streak?", "show my goals", "how's my
ruck goal going", "my goals"."""
_LOAD_GOAL = re.compile(r"\b(?:load goal|weighted|heavy rucks?|pack weight)\b")
_METRIC_WORDS = (GOAL_WORDS, STEP_GOAL_WORDS, POINTS_WORDS, ELEVATION_WORDS, STREAK_WORDS)
_COUNT_WORDS = frozenset({"times", "sessions", "runs", "rucks", "workouts"})


def goalish(text: str) -> bool:
    """Talks about goals, a metric we track, or training at all."""
    if any(words.search(text) for words in _METRIC_WORDS):
        return True
    return bool(activities_in(text)) or FITNESS_WORDS.search(text) is not None


def wishful(text: str) -> bool:
    """Says what the user wants, rather than asking something."""
    if GOAL_WORDS.search(text):
        return True
    return WISH_WORDS.search(text) is not None and QUESTION.search(text) is None


def metric_named(text: str) -> Metric | None:
    """The metric a goal-ish message names without a number ("a step goal")."""
    if not goalish(text):
        return None
    if STEP_GOAL_WORDS.search(text):
        return "steps_total"
    if POINTS_WORDS.search(text):
        return "power_points_total"
    if ELEVATION_WORDS.search(text):
        return "elevation_gain_m_total"
    if _LOAD_GOAL.search(text):
        return "load_kg_min_sessions"
    if DISTANCE_WORDS.search(text):
        return "distance_km_total"
    if DURATION_WORDS.search(text) and not OTHER_DOMAIN_VERBS.search(text):
        return "duration_minutes_total"
    if SESSION_WORDS.search(text):
        return "session_count"
    return None


def unit_alone(text: str) -> DisplayUnit | None:
    """A message that is only a unit: the answer "miles" or "times"."""
    stripped = text.strip(" .!?")
    if stripped in _COUNT_WORDS:
        return "sessions"
    return UNIT_SPELLINGS.get(stripped)


def weight_unit_written(text: str) -> Literal["kg", "lb"] | None:
    """The weight unit the user writes in, to ask and answer in the same one."""
    match = WEIGHT_UNIT_WORD.search(text)
    if match is None:
        return None
    return "kg" if match.group("kg") else "lb"
