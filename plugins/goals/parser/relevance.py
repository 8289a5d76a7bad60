"""Which amounts in a message are about training at all, and which describe where the user
is now rather than where they want to be.

"20 books", "8 hours of sleep", "a timer for 10 minutes" and "my 401k" carry numbers and even
units, but no goal; "I'm at 40 so far" carries the wrong number for one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from plugins.goals.parser.dates import TimeFacts
from plugins.goals.parser.lexicon import (
    CURRENT_STATE_WORDS,
    ELEVATION_WORDS,
    FITNESS_WORDS,
    GOAL_WORDS,
    LOAD_WORDS,
    OTHER_DOMAIN_NOUNS,
    OTHER_DOMAIN_VERBS,
    POINTS_WORDS,
    SESSION_WORDS,
    STEP_GOAL_WORDS,
    STREAK_WORDS,
    activities_in,
)
from plugins.goals.parser.quantities import Amount

_CLAUSE = re.compile(r"[^.,;!?()]+")
_BODY_WEIGHT = re.compile(r"\b(?:lose|losing|lost|shed|drop|dropping|weigh|weighs|weighing)\s+$")
"""A weight right after these is the body's, not the pack's: "lose 10 lbs"."""
_DISTANCE_ACTIVITY = re.compile(r"\b(?:run|ran|running|walk|walking|ruck|rucking|hike|swim)\b")


def past_clauses(text: str) -> list[tuple[int, int]]:
    """Clauses that say where the user is now or was, not where they want to be."""
    return [
        (m.start(), m.end())
        for m in _CLAUSE.finditer(text.replace(" - ", " , "))
        if CURRENT_STATE_WORDS.search(m.group(0))
    ]


_SELF_EVIDENT = frozenset({"km", "mi", "steps"})
"""Units that say "training" on their own; any other amount needs a training word nearby."""
_TRAINING_CUES = (
    GOAL_WORDS,
    FITNESS_WORDS,
    ELEVATION_WORDS,
    STEP_GOAL_WORDS,
    POINTS_WORDS,
    STREAK_WORDS,
    LOAD_WORDS,
    SESSION_WORDS,
)


def about_training(folded: str, rated: bool, time: TimeFacts) -> bool:
    if rated or any(f.kind != "unknown" for f in time.frames) or activities_in(folded):
        return True
    return any(cue.search(folded) for cue in _TRAINING_CUES)


def is_training_amount(amount: Amount, masked: str, folded: str, context: bool) -> bool:
    """Whether the amount is about training at all: not "20 books", "8 hours of sleep",
    "10 minutes" on a timer or "my 401k"."""
    self_evident = amount.unit in _SELF_EVIDENT and not amount.bare_k
    if not context and not self_evident and not (amount.unit == "sessions" and amount.activity):
        return False
    if amount.unit in (None, "minutes", "hours") and OTHER_DOMAIN_NOUNS.match(masked[amount.end :]):
        return False
    if amount.unit in ("kg", "lb") and _BODY_WEIGHT.search(masked[: amount.start]):
        return False
    if amount.unit in ("minutes", "hours") and OTHER_DOMAIN_VERBS.search(folded):
        return bool(activities_in(folded) or FITNESS_WORDS.search(folded))
    return True


def settle_unit(amount: Amount, folded: str) -> Amount:
    """A plain "5000 m" on a run with no climbing word is a distance, not a climb."""
    if (
        amount.unit == "m"
        and not ELEVATION_WORDS.search(folded)
        and amount.value >= 400
        and _DISTANCE_ACTIVITY.search(folded)
    ):
        return replace(amount, unit="km", value=amount.value / 1000)
    return amount
