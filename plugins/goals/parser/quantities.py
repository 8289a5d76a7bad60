"""Amounts in a message: a number and what it counts ("20 mi", "45 minute", "3 rucks",
"10k steps", "3x", "21 day"), plus bare numbers and marathon distances.

Nothing here decides what the goal is; :mod:`reading` does that from the amounts, the rates
and the cue words around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plugins.goals.model import Activity, DisplayUnit
from plugins.goals.parser.lexicon import (
    ADJECTIVE_PATTERN,
    COUNT_NOUNS,
    COUNT_PATTERN,
    PER_SESSION_WORDS,
    TOTAL_WORDS,
    UNIT_PATTERN,
    UNIT_SPELLINGS,
)

_DAY_WORDS = r"days|day|dias|dia|jours|jour|tage|tagen|tag|dagen|dni|gun|giorni"
_AMOUNT = re.compile(
    rf"(?<![a-z0-9.,/])(?P<num>\d+(?:\.\d+)?)(?:\s*(?P<k>k)(?![a-z]))?\s*-?\s*"
    rf"(?:(?P<unit>{UNIT_PATTERN})(?![a-z])"
    rf"|(?:(?:consecutive|straight|full|whole)\s+)?(?P<days>{_DAY_WORDS})(?![a-z])"
    rf"|(?:(?:{ADJECTIVE_PATTERN})\s+){{0,2}}(?P<count>{COUNT_PATTERN})(?![a-z]))?"
    r"(?P<after>\s*(?:%|/\d|:\d))?"
)
_SESSION_NOUN_AFTER = re.compile(
    rf"\s*-?\s*(?:(?:{ADJECTIVE_PATTERN})\s+)?(?P<noun>runs?|rucks?|walks?|hikes?|rides?|jogs?|"
    r"sessions?|workouts?|efforts?)\b"
)
_MARATHON = re.compile(
    r"(?<!my )(?<!the )(?<!for a )\b(?:(?P<half>half|halb|demi|media|meia|halve|pol)[ -]?)?"
    r"mara(?:th|t)on\w*"
)
MARATHON_KM = 42.195
MAX_AMOUNTS = 40
"""More numbers than any goal message holds; the cap bounds the work on pasted text."""


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    unit: DisplayUnit | None
    start: int
    end: int
    activity: Activity | None = None
    """What a count counts ("3 rucks"), or the activity of "45 minute runs"."""
    per_session: bool = False
    """A minimum for each session ("45 minute runs", "500 ft every session")."""
    total: bool = False
    """Said to be a total ("80 km total")."""
    implied: bool = False
    """Read from a word, not a number ("a marathon")."""
    past: bool = False
    """Where the user is now or was ("I'm at 40 so far"), not where they want to be."""
    bare_k: bool = False
    """Read from a bare "100k" (kilometres here, but maybe "my 401k")."""


def find_amounts(text: str, *, steps_context: bool = False) -> list[Amount]:
    """Every amount in ``text`` (folded, digits, time phrases blanked), in order. A bare
    "100k" is kilometres, or thousands of steps in a message about steps."""
    amounts: list[Amount] = []
    for match in _AMOUNT.finditer(text):
        if len(amounts) >= MAX_AMOUNTS:
            break
        if match.group("after"):
            continue  # a percentage, a fraction or a clock time
        value = float(match.group("num"))
        if value <= 0 or value != value or value > 1e9:
            continue
        unit, activity = _unit_of(match)
        k_is_km = False
        if match.group("k"):
            if unit in ("sessions", "days") or (unit is None and not steps_context):
                unit, k_is_km = "km", True  # "a 15k ruck", "100k in Oct"
            else:
                unit = unit or "steps"
                value *= 1000
        if unit is None and 1900 <= value <= 2100 and value == int(value):
            continue  # a year
        noun = _SESSION_NOUN_AFTER.match(text, match.end())
        per_session = k_is_km and activity is not None
        if unit not in (None, "sessions", "days") and noun is not None:
            per_session = True
            activity = COUNT_NOUNS.get(noun.group("noun"))
        window = text[match.end() : match.end() + 30]
        if PER_SESSION_WORDS.search(_skip_measure_words(window)):
            per_session = unit not in (None, "sessions", "days")
        amounts.append(
            Amount(
                value=value,
                unit=unit,
                start=match.start(),
                end=match.end(),
                activity=activity,
                per_session=per_session,
                bare_k=k_is_km and activity is None,
                total=TOTAL_WORDS.search(window[:16]) is not None,
            )
        )
    return amounts + _marathons(text, amounts)


_MEASURE_WORDS = re.compile(
    r"^\s*(?:of\s+)?(?:elevation\s+|vertical\s+|uphill\s+)?(?:gain|climbing|climb|vert|"
    r"elevation|d\s?\+|ascent|walking|running|rucking|hiking)?\s*"
)


def _skip_measure_words(text: str) -> str:
    """ "of gain every session" reads as "every session"."""
    return _MEASURE_WORDS.sub("", text, count=1)


def _unit_of(match: re.Match[str]) -> tuple[DisplayUnit | None, Activity | None]:
    if match.group("unit"):
        return UNIT_SPELLINGS[match.group("unit")], None
    if match.group("days"):
        return "days", None
    if match.group("count"):
        return "sessions", COUNT_NOUNS[match.group("count")]
    return None, None


def _marathons(text: str, amounts: list[Amount]) -> list[Amount]:
    """A marathon named without its distance: only when no distance is written out."""
    if any(a.unit in ("km", "mi") for a in amounts):
        return []
    found = []
    for match in _MARATHON.finditer(text):
        km = MARATHON_KM / 2 if match.group("half") else MARATHON_KM
        found.append(Amount(km, "km", match.start(), match.end(), implied=True))
    return found


def mark_past(amounts: list[Amount], clauses: list[tuple[int, int]]) -> list[Amount]:
    """Amounts inside the given clauses marked as where the user is now or was."""
    return [
        replace(a, past=True) if any(lo <= a.start < hi for lo, hi in clauses) else a
        for a in amounts
    ]
