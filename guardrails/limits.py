"""Turn limits: how fast, how long and how often a user can go back and forth.

Seed 000: at most 6 turns to create a goal, a pause between turns, and a daily cap on
off-topic refusals so nobody can loop the assistant on abuse. Pure functions: the caller
passes the clock reading and the counts it keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TurnLimits:
    max_turns_per_flow: int = 6
    min_seconds_between_turns: float = 1.0
    daily_offtopic_refusals: int = 20


def seconds_until_next_turn(
    last_turn_at: datetime | None, now: datetime, limits: TurnLimits
) -> float:
    """How long the user must still wait before another turn; ``0.0`` when allowed now.

    A clock that moved backwards (``now`` before the last turn) never locks anyone out for
    longer than the minimum gap.
    """
    if last_turn_at is None:
        return 0.0
    elapsed = (now - last_turn_at).total_seconds()
    wait = limits.min_seconds_between_turns - max(elapsed, 0.0)
    return max(wait, 0.0)


def flow_exhausted(turns_in_flow: int, limits: TurnLimits) -> bool:
    """True when one more turn would go over the flow's maximum."""
    return turns_in_flow >= limits.max_turns_per_flow


def offtopic_cap_reached(refusals_today: int, limits: TurnLimits) -> bool:
    """True once today's off-topic refusals have gone past the cap."""
    return refusals_today > limits.daily_offtopic_refusals
