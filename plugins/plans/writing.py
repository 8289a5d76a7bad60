"""The rules a model's plan writing must keep (prompt ``plan_generator`` v1): it may explain a
plan, never change one. Pure.

The planner fixes every number; the model only words its reasons. So an answer is rejected when
its text holds a number the facts do not (a pace it worked out, a distance it rounded), or a
note for a session that does not exist. The problems are phrased for the retry prompt and never
quote the model.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def numbers_in(text: str) -> set[str]:
    """The numbers a text states, as written ("4:15", "1:45:00", "3.5", "10"); a decimal comma
    reads as a point, and "05" as "5", so the same number written twice is one."""
    return {_normal(match) for match in _NUMBER.findall(text)}


def written_problems(data: dict[str, Any], facts: str, session_ids: Collection[str]) -> list[str]:
    """What is wrong with the model's ``{"rationale", "notes"}`` beyond its JSON contract."""
    allowed = numbers_in(facts)
    problems: list[str] = []
    texts: Sequence[str] = [*data["rationale"], *(n["note"] for n in data["notes"])]
    if any(numbers_in(text) - allowed for text in texts):
        problems.append(
            "use only numbers that appear in the facts, written as they are there; do not "
            "compute or round paces, distances, times or percentages"
        )
    ids = [n["id"] for n in data["notes"]]
    if any(i not in session_ids for i in ids) or len(set(ids)) != len(ids):
        problems.append("write at most one note per listed session, using its id exactly")
    return problems


def _normal(number: str) -> str:
    parts = re.split(r"([.,:])", number)
    out = []
    for i, part in enumerate(parts):
        if part == ",":
            out.append(".")
        elif i == 0 and part.isdigit():
            out.append(str(int(part)))
        else:
            out.append(part)
    return "".join(out)
