"""Decides which skill answers a turn: explicit command → open flow → intent → fallback.

An open flow that does not understand a turn may let another skill answer it aside.

Pure: the same text, flow and skills always give the same route, so routing is testable
without a database or a clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.messages import Turn
from bot.skill import Skill

INTENT_THRESHOLD = 0.5
CANCEL_COMMANDS = frozenset({"/cancel", "/stop", "/reset"})
CANCEL_WORDS = re.compile(
    r"^\s*(?:cancel|stop|never\s*mind|forget\s+it)\s*[.!]*\s*$", re.IGNORECASE
)
"""Said with no flow open; inside a flow, the flow's skill reads them itself."""
_COMMAND = re.compile(r"^/([a-z][a-z0-9_-]{0,31})(?:\s+(.*))?$", re.IGNORECASE | re.DOTALL)

RouteReason = Literal["command", "cancel", "flow", "aside", "intent", "fallback", "unknown_command"]
"""``aside``: an open flow did not understand the turn and another skill clearly did; that
skill answers and the flow stays open (see ``Reply.unclaimed``)."""


@dataclass(frozen=True)
class Route:
    skill: str | None
    """None only for ``cancel``: the engine answers that itself."""
    reason: RouteReason


def parse_command(text: str) -> tuple[str, str] | None:
    """``"/goal 50 km"`` → ``("/goal", "50 km")``; anything else → None."""
    match = _COMMAND.match(text.strip())
    if match is None:
        return None
    return "/" + match.group(1).lower(), (match.group(2) or "").strip()


def route(
    turn: Turn,
    skills: Sequence[Skill],
    *,
    flow_skill: str | None,
    fallback: str,
    threshold: float = INTENT_THRESHOLD,
) -> Route:
    if turn.command is not None:
        if turn.command in CANCEL_COMMANDS:
            return Route(None, "cancel")
        for skill in skills:
            if turn.command in skill.commands:
                return Route(skill.name, "command")
        return Route(fallback, "unknown_command")
    if flow_skill is not None and any(s.name == flow_skill for s in skills):
        return Route(flow_skill, "flow")
    if CANCEL_WORDS.match(turn.text):
        return Route(None, "cancel")  # nothing open to cancel: the engine says so
    best = best_intent(turn, skills, threshold=threshold)
    if best is not None:
        return Route(best, "intent")
    return Route(fallback, "fallback")


def best_intent(
    turn: Turn,
    skills: Sequence[Skill],
    *,
    threshold: float = INTENT_THRESHOLD,
    excluding: str | None = None,
) -> str | None:
    """The skill that most recognises ``turn`` at ``threshold`` or above, if any."""
    best: Skill | None = None
    best_score = threshold
    for skill in skills:  # already in name order: ties go to the first, deterministically
        if skill.name == excluding:
            continue
        score = skill.intent(turn)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = skill, score
    return best.name if best is not None else None
