"""What a chat message asks about the plan the athlete already has: "what's on today", "show my
plan", "next week", "what are my paces". Pure and deterministic.

The answers come from the stored plan; this module only says which question was asked, so a
plan request ("plan me a 10K") or a missed session is never mistaken for one.
"""

from __future__ import annotations

import re
from typing import Final, Literal

Question = Literal["today", "tomorrow", "week", "next_week", "paces"]

_SESSION: Final = r"(?:workout|session|run|training|plan)"
_ASKS: Final[tuple[tuple[re.Pattern[str], Question], ...]] = (
    (
        re.compile(
            rf"\b(?:today'?s\s+{_SESSION}|{_SESSION}\s+(?:for\s+)?today|"
            r"what\s+(?:should|do|shall|am)\s+i\s+(?:do|run|doing|running)\s+today|"
            r"what'?s\s+(?:on\s+)?(?:for\s+)?today)\b"
        ),
        "today",
    ),
    (
        re.compile(
            rf"\b(?:tomorrow'?s\s+{_SESSION}|{_SESSION}\s+(?:for\s+)?tomorrow|"
            r"what\s+(?:should|do|shall|am)\s+i\s+(?:do|run|doing|running)\s+tomorrow|"
            r"what'?s\s+(?:on\s+)?(?:for\s+)?tomorrow)\b"
        ),
        "tomorrow",
    ),
    (
        re.compile(
            rf"\bnext\s+week'?s\s+{_SESSION}s?\b|\b(?:what'?s|show(?:\s+me)?)\s+(?:on\s+)?"
            r"(?:for\s+)?next\s+week\b|\b(?:plan|sessions|workouts|runs)\s+(?:for\s+)?next\s+week\b"
        ),
        "next_week",
    ),
    (
        re.compile(
            r"\b(?:what\s+are|show(?:\s+me)?|tell\s+me)\s+my\s+(?:training\s+)?paces\b|"
            r"\bmy\s+(?:training\s+)?paces\b|\bhow\s+fast\s+should\s+(?:i|my)\b"
        ),
        "paces",
    ),
    (
        re.compile(
            r"\b(?:show|see|view|open)(?:\s+me)?\s+my\s+(?:training\s+|race\s+)?plan\b|"
            r"\bwhat'?s\s+(?:on\s+)?(?:in\s+)?(?:my\s+plan\s+)?this\s+week\b|"
            rf"\bthis\s+week'?s\s+{_SESSION}s?\b|\bwhat'?s\s+next\s+(?:in|on)\s+my\s+plan\b|"
            r"\bwhere\s+am\s+i\s+in\s+my\s+plan\b"
        ),
        "week",
    ),
)


def plan_question(text: str) -> Question | None:
    """The question a message asks about the athlete's plan, or None."""
    lowered = text.lower().replace("’", "'")
    for pattern, question in _ASKS:
        if pattern.search(lowered):
            return question
    return None
