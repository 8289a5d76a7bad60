"""Rates: "a week", "/wk", "per weak", "daily", "al mese", "pro Woche", "w tygodniu".

A rate turns a number into a recurring target ("3 runs a week") or a per-day amount that the
window multiplies out ("10k steps a day"). Run on text whose time phrases are already blanked,
so "this week" or "for a week" never reach here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from plugins.goals.parser.quantities import Amount

RateKind = Literal["day", "week", "month"]

_WEEK_NOUN = r"week|wk|wks|weak|wek|weeek|semana|semaine|woche|tydzien|tygodniu|settimana|hafta"
_DAY_NOUN = r"day|dia|jour|tag|dag|dzien|giorno"
_MONTH_NOUN = r"month|mo|mth|mnth|mes|mois|monat|maand|miesiac|miesiacu|mese"
_LEAD = (
    r"per|a|an|each|every|por|par|pro|die|in der|na|in de|elke|ogni|alla|al|ao|a la|la|x|w|"
    r"am|im|jeden|cada"
)

_PATTERNS: tuple[tuple[RateKind, re.Pattern[str]], ...] = (
    (
        "week",
        re.compile(
            rf"/\s*(?:{_WEEK_NOUN}|w)\b|\b(?:{_LEAD})\s+(?:{_WEEK_NOUN})\b|"
            r"\b(?:weekly|weekley|wkly|wk|semanal|semanales|semanalmente|hebdo|hebdomadaire|"
            r"wochentlich|wekelijks|tygodniowo|settimanale|haftalik|haftada)\b|週|"
            r"\b(?:(?:every|each|per|a|on)\s+weekend|(?:on\s+)?weekends)\b"
        ),
    ),
    (
        "day",
        re.compile(
            rf"/\s*(?:{_DAY_NOUN}|d)\b|\b(?:{_LEAD})\s+(?:{_DAY_NOUN})\b|"
            r"\b(?:daily|everyday|diario|diaria|diariamente|quotidien|quotidiennement|"
            r"taglich|dagelijks|dziennie|codziennie|gunluk|gunde|tous les jours|todos los dias|"
            r"todos os dias)\b|毎日"
        ),
    ),
    (
        "month",
        re.compile(
            rf"/\s*(?:{_MONTH_NOUN})\b|\b(?:{_LEAD})\s+(?:{_MONTH_NOUN})\b|"
            r"\b(?:monthly|mensual|mensuales|mensualmente|mensal|mensalmente|mensuel|monatlich|"
            r"maandelijks|miesiecznie|mensile|ayda|aylik)\b"
        ),
    ),
)
_EVERY_DAY = re.compile(
    r"\b(?:every ?day|each day|daily|every single day|codziennie|jeden tag|elke dag|cada dia|"
    r"tous les jours|todos los dias|todos os dias|ogni giorno)\b|毎日"
)


@dataclass(frozen=True, slots=True)
class Rate:
    kind: RateKind
    start: int
    end: int


def find_rates(text: str) -> list[Rate]:
    """Every rate phrase in ``text``, in order."""
    found = [
        Rate(kind, match.start(), match.end())
        for kind, pattern in _PATTERNS
        for match in pattern.finditer(text)
    ]
    return sorted(found, key=lambda rate: rate.start)


def says_every_day(text: str) -> bool:
    """ "every day"/"daily": on its own a habit (a streak), after an amount a per-day rate."""
    return _EVERY_DAY.search(text) is not None


def attach_rates(
    amounts: list[Amount], rates: list[Rate], text: str
) -> tuple[dict[int, RateKind], list[Rate]]:
    """Each rate goes to the nearest amount before it in the same sentence that has none yet,
    else to the first one after it; the rest stay loose (they apply to the whole message)."""
    carriers = [
        i
        for i, a in enumerate(amounts)
        if a.unit not in ("kg", "lb", None) and not a.per_session and not a.implied and not a.past
    ]
    attached: dict[int, RateKind] = {}
    loose: list[Rate] = []
    for rate in rates:
        before = [
            i
            for i in carriers
            if amounts[i].end <= rate.start
            and i not in attached
            and _near(text[amounts[i].end : rate.start])
        ]
        if before:
            attached[_counted(before, amounts, text)] = rate.kind
            continue
        after = [
            i
            for i in carriers
            if amounts[i].start >= rate.end
            and i not in attached
            and _near(text[rate.end : amounts[i].start])
        ]
        if after:
            attached[after[0]] = rate.kind
            continue
        loose.append(rate)
    _share_with_listed(carriers, amounts, attached, text)
    for i, amount in enumerate(amounts):
        if amount.past and i not in attached:
            for rate in rates:
                if amount.end <= rate.start <= amount.end + 12:  # "I used to run 20 mi/week"
                    attached[i] = rate.kind
    return attached, loose


_OF = re.compile(r"^\s*(?:of|of at least|at least|@|at|with|carrying|x)\s*$")
_AND = re.compile(r"^\s*(?:and|\+|&|plus|,)\s*$")


def _counted(before: list[int], amounts: list[Amount], text: str) -> int:
    """The amount a rate belongs to among those before it: the nearest, unless that is the
    size of each session of a count ("3 runs of 5 km per week" counts runs)."""
    nearest = before[-1]
    if len(before) >= 2 and amounts[nearest].unit != "sessions":
        count = before[-2]
        gap = text[amounts[count].end : amounts[nearest].start]
        if amounts[count].unit == "sessions" and _OF.match(gap):
            return count
    return nearest


def _share_with_listed(
    carriers: list[int], amounts: list[Amount], attached: dict[int, RateKind], text: str
) -> None:
    """ "2 rucks and 1 long run each week": the rate covers every count in the list."""
    for first, second in reversed(list(pairwise(carriers))):
        if first in attached or second not in attached:
            continue
        same_kind = (amounts[first].unit == "sessions") == (amounts[second].unit == "sessions")
        if same_kind and _AND.match(text[amounts[first].end : amounts[second].start]):
            attached[first] = attached[second]


def _near(gap: str) -> bool:
    return len(gap) <= 40 and not re.search(r"[.!?;]", gap)
