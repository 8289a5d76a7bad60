"""How strongly a chat message talks about a fitness goal, for routing every turn cheaply.

A sum of evidence, capped at 1: an amount in a fitness unit is strong on its own, goal and
streak words nearly so, while activity words, rates and time frames add up. Plain chat with
none of these stays at 0.
"""

from __future__ import annotations

import re

from plugins.goals.parser.lexicon import (
    ACTIVITY_WORD,
    COUNT_PATTERN,
    ELEVATION_WORDS,
    FITNESS_WORDS,
    GOAL_WORDS,
    LOAD_WORDS,
    POINTS_WORDS,
    STEPS_WORDS,
    STREAK_WORDS,
    UNIT_PATTERN,
    WISH_WORDS,
)
from plugins.goals.parser.normalize import fold
from plugins.goals.parser.numbers import words_to_digits
from plugins.goals.parser.rates import find_rates

_AMOUNT = re.compile(
    rf"(?<![a-z0-9])\d+(?:\.\d+)?\s*k?\s*-?\s*(?:{UNIT_PATTERN}|{COUNT_PATTERN}|k|days?)(?![a-z])"
)
_TIME_FRAME = re.compile(
    r"\b(?:this|next|per|every|each) (?:week|wk|month|year|quarter)\b|\bby (?:the )?end of\b|"
    r"\bnext \d+ (?:days|weeks|months)\b|\bin (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)[a-z]*\b"
)
_WEEKDAY_LIST = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b.{1,40}\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
)
_OFF_TOPIC = re.compile(
    r"\b(?:weather|poem|recipe|calories|joke|translate|capital of|stock|bitcoin|movie|song|"
    r"essay|sql|javascript|homework)\b"
)


def goal_signal(text: str) -> float:
    """0 (nothing about a fitness goal) to 1 (clearly a goal)."""
    folded = words_to_digits(fold(text))
    score = 0.0
    if _AMOUNT.search(folded):
        score += 0.6
    if GOAL_WORDS.search(folded):
        score += 0.4
    if STREAK_WORDS.search(folded):
        score += 0.5
    activity = ACTIVITY_WORD.search(folded) is not None
    if activity:
        score += 0.3
    if any(p.search(folded) for p in (STEPS_WORDS, POINTS_WORDS, ELEVATION_WORDS, LOAD_WORDS)):
        score += 0.4
    if FITNESS_WORDS.search(folded):
        score += 0.2
    if find_rates(folded):
        score += 0.25
    if _TIME_FRAME.search(folded):
        score += 0.15
    if activity and _WEEKDAY_LIST.search(folded):
        score += 0.2
    if score > 0 and WISH_WORDS.search(folded):
        score += 0.1
    if _OFF_TOPIC.search(folded):
        score -= 0.4
    return min(max(score, 0.0), 1.0)
