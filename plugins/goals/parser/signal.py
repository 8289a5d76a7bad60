"""How strongly a chat message talks about a fitness goal, for routing every turn cheaply.

A sum of evidence, capped to 0..1: an amount in a training unit is strong on its own, goal and
streak words nearly so, while activity words, rates and time frames add up. Questions,
complaints and other pastimes that merely mention a number count against it.
"""

from __future__ import annotations

import re

from plugins.goals.parser.cues import PROGRESS_QUESTION
from plugins.goals.parser.lexicon import (
    ACTIVITY_WORD,
    COUNT_PATTERN,
    ELEVATION_WORDS,
    FITNESS_WORDS,
    GOAL_WORDS,
    LOAD_WORDS,
    MEDICAL_WORDS,
    OTHER_DOMAIN_NOUNS,
    OTHER_DOMAIN_VERBS,
    POINTS_WORDS,
    STEP_GOAL_WORDS,
    STREAK_WORDS,
    UNIT_SPELLINGS,
    WISH_WORDS,
)
from plugins.goals.parser.normalize import fold
from plugins.goals.parser.numbers import words_to_digits
from plugins.goals.parser.rates import find_rates


def _spelled(*units: str) -> str:
    words = (w for w, u in UNIT_SPELLINGS.items() if u in units)
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = r"(?<![a-z0-9])\d+(?:\.\d+)?\s*k?\s*-?\s*"
_TRAINING_AMOUNT = re.compile(
    rf"{_NUMBER}(?:{_spelled('km', 'mi', 'm', 'ft', 'steps', 'points')}|{COUNT_PATTERN}|"
    r"days?)(?![a-z])"
)
_THOUSANDS = re.compile(r"(?<![a-z0-9])\d+k(?![a-z])")
"""A bare "100k": kilometres in a goal, but also "my 401k"."""
_TIME_AMOUNT = re.compile(rf"{_NUMBER}(?:{_spelled('minutes', 'hours')})(?![a-z])")
_WEIGHT_AMOUNT = re.compile(rf"{_NUMBER}(?:{_spelled('kg', 'lb')})(?![a-z])")
_TIME_FRAME = re.compile(
    r"\b(?:this|next|per|every|each) (?:week|wk|month|year|quarter)\b|\bby (?:the )?end of\b|"
    r"\bnext \d+ (?:days|weeks|months)\b|\bin (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)[a-z]*\b"
)
_WEEKDAY_LIST = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b.{1,40}\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
)
_QUESTION = re.compile(
    r"^\s*(?:how|what|whats|what's|when|where|why|who|which|is|are|does|convert|tell me)\b"
)
_OFF_TOPIC = re.compile(
    r"\b(?:weather|poem|recipe|calories|joke|translate|capital of|stock|bitcoin|movie|song|"
    r"essay|sql|javascript|homework)\b"
)
_BARE_NUMBER = re.compile(r"(?<![a-z0-9.])\d+(?![\d%])")
_OTHER_NOUN_AFTER_NUMBER = re.compile(r"\d\s*(?P<rest>[a-z].*)")


def goal_signal(text: str) -> float:
    """0 (nothing about a fitness goal) to 1 (clearly a goal)."""
    folded = words_to_digits(fold(text))
    goal = GOAL_WORDS.search(folded) is not None
    activity = ACTIVITY_WORD.search(folded) is not None
    fitness = activity or FITNESS_WORDS.search(folded) is not None
    rate = bool(find_rates(folded))
    frame = _TIME_FRAME.search(folded) is not None
    score = 0.0
    if _TRAINING_AMOUNT.search(folded):
        score += 0.6
    elif _TIME_AMOUNT.search(folded):
        score += 0.6 if fitness else 0.3
    elif _THOUSANDS.search(folded):
        score += 0.45
    elif _WEIGHT_AMOUNT.search(folded):
        score += 0.3
    if goal:
        score += 0.4
    if STREAK_WORDS.search(folded):
        score += 0.5
    if activity:
        score += 0.3
        if _BARE_NUMBER.search(folded):
            score += 0.2  # "I want to ruck 50": an amount still waiting for its unit
    if any(p.search(folded) for p in (STEP_GOAL_WORDS, POINTS_WORDS, ELEVATION_WORDS)):
        score += 0.45
    elif LOAD_WORDS.search(folded):
        score += 0.25
    if FITNESS_WORDS.search(folded):
        score += 0.2
    if rate:
        score += 0.25
        if _BARE_NUMBER.search(folded):
            score += 0.3  # "3 entrenamientos por semana": a count with a rate
    if frame:
        score += 0.15
    if activity and _WEEKDAY_LIST.search(folded):
        score += 0.3
    if score > 0 and WISH_WORDS.search(folded):
        score += 0.1
    score = min(max(score - _doubt(folded, goal=goal, fitness=fitness, timed=rate or frame), 0), 1)
    if asks_for_race_plan(text):
        return min(score, RACE_REQUEST_CAP)
    if _NOT_DONE.search(folded) and not goal and not WISH_WORDS.search(folded):
        return min(score, MISSED_SESSION_CAP)
    return score


def asks_for_race_plan(text: str) -> bool:
    """A race with a plan word or a finish time: "plan me a half marathon", "a sub-20 5k"."""
    folded = words_to_digits(fold(text))
    return bool(
        _RACE.search(folded) and (_PLAN_WORDS.search(folded) or _FINISH_TIME.search(folded))
    )


RACE_REQUEST_CAP = 0.5
"""A race with a plan word or a finish time ("plan me a half marathon", "a sub-20 5k") asks
for a training plan, which goals cannot measure; it is left to a skill that plans races."""
MISSED_SESSION_CAP = 0.3
"""A session that did not happen ("I skipped my 10 km run yesterday") is neither a goal nor a
workout to log; a skill that keeps training plans may take it."""
_NOT_DONE = re.compile(
    r"\b(?:missed|skipped|bailed on|could ?n[o']?t|did ?n[o']?t|can ?n[o']?t|won'?t)\b"
)
_RACE = re.compile(
    r"\b(?:half[\s-]?marathon|marathon|half|[1-9]\d?k|parkrun)\b"
    r"(?!\s*(?:steps?|a|per|/|each)\b)"
)
_PLAN_WORDS = re.compile(
    r"\b(?:plan|schedule|program(?:me)?|train(?:ing)? for|prepare for|get ready for)\b"
)
_FINISH_TIME = re.compile(r"\bsub[\s-]?\d|\b\d{1,2}:\d{2}\b|\b(?:goal|target) time\b")


def _doubt(folded: str, *, goal: bool, fitness: bool, timed: bool) -> float:
    """How much the message looks like something other than a goal."""
    doubt = 0.0
    if _OFF_TOPIC.search(folded):
        doubt += 0.4
    if not goal and MEDICAL_WORDS.search(folded):
        doubt += 0.4
    if not goal and not timed and _QUESTION.search(folded):
        doubt += 0.5
    if PROGRESS_QUESTION.search(folded):
        doubt += 0.6
    if not fitness and OTHER_DOMAIN_VERBS.search(folded):
        doubt += 0.3
    if not fitness and any(
        OTHER_DOMAIN_NOUNS.match(m.group("rest")) for m in _OTHER_NOUN_AFTER_NUMBER.finditer(folded)
    ):
        doubt += 0.3
    return doubt
