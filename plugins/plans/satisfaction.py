"""Target satisfaction, goal scores and the plan score (seed 002 "Multi-Goal and Multi-Target
Objective Model").

**Curve.** With ``gap`` how far the projection misses the target in the target's own unit
(positive = short of it; for times ``projected - target``, for power ``target - projected``),
``tol`` the tolerance and ``scale`` the sport's scaling::

    gap <= 0           1                                    target met
    0 < gap <= tol     1 - 0.3 · (gap / tol)²               smooth: 0.7 at the tolerance's edge
    gap > tol          0.7 · exp(-3 · (gap - tol) / scale)  sharp: about 0.035 one scale further

continuous at ``tol``, strictly falling past 0 (so a harder target never scores higher). Defaults
(our calibration): a time, pace or split without a tolerance gets 2 % of the target; power 3 %;
a completion probability 5 percentage points. ``scale`` is 5 % of the target (times, power) but at
most 2.5 tolerances, so the curve always falls faster just past the tolerance than just inside it
(slope 0.84/tol against 0.6/tol); 20 points for a completion probability. A 5 % miss beyond the
tolerance is already a clear miss for a race time, while probabilities are coarse estimates.
Because both default tolerance and scale grow with the target value, a harder target (faster
time, higher power) also has the tighter curve: satisfaction is monotone in the target value.

**Goal score** = Σ normalised target weight × satisfaction (weights default to 1).

**Plan score** = Σ_tier w_tier · weighted mean of the tier's goal scores (goal ``weight`` inside a
tier), with ``safety.TIER_WEIGHTS`` renormalised over the tiers present, so a plan of only B goals
can still score 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from plugins.plans.model import GoalPriority
from plugins.plans.safety import TIER_WEIGHTS

EDGE_SATISFACTION: Final = 0.7
BEYOND_DECAY: Final = 3.0
DEFAULT_TIME_TOLERANCE: Final = 0.02
DEFAULT_POWER_TOLERANCE: Final = 0.03
DEFAULT_PROBABILITY_TOLERANCE: Final = 5.0
RELATIVE_SCALE: Final = 0.05
TOLERANCE_SCALE: Final = 2.5
PROBABILITY_SCALE: Final = 20.0


def curve(gap: float, tolerance: float, scale: float) -> float:
    """Satisfaction in [0, 1] of a target missed by ``gap`` (module docstring)."""
    if gap <= 0.0:
        return 1.0
    if tolerance > 0.0 and gap <= tolerance:
        ratio = gap / tolerance
        return 1.0 - (1.0 - EDGE_SATISFACTION) * ratio * ratio
    beyond = gap - max(tolerance, 0.0)
    if scale <= 0.0:  # a vanishing target: any miss is a total miss
        return 0.0
    return EDGE_SATISFACTION * math.exp(-BEYOND_DECAY * beyond / scale)


def lower_is_better(target: float, projected: float, tolerance: float | None) -> float:
    """Satisfaction of a time, pace or split target."""
    tol = target * DEFAULT_TIME_TOLERANCE if tolerance is None else tolerance
    return curve(projected - target, tol, _scale(target, tol))


def higher_is_better(target: float, projected: float, tolerance: float | None) -> float:
    """Satisfaction of a power target."""
    tol = target * DEFAULT_POWER_TOLERANCE if tolerance is None else tolerance
    return curve(target - projected, tol, _scale(target, tol))


def _scale(target: float, tolerance: float) -> float:
    """5 % of the target, and never more than 2.5 tolerances (so the curve is steeper past the
    tolerance than at its edge)."""
    scale = target * RELATIVE_SCALE
    return min(scale, TOLERANCE_SCALE * tolerance) if tolerance > 0.0 else scale


def probability(target_pct: float, projected_pct: float) -> float:
    """Satisfaction of a completion-probability target (percent)."""
    return curve(target_pct - projected_pct, DEFAULT_PROBABILITY_TOLERANCE, PROBABILITY_SCALE)


def goal_score(weighted: Sequence[tuple[float, float]]) -> float:
    """Σ normalised weight × satisfaction over ``(weight, satisfaction)`` pairs."""
    total = sum(weight for weight, _ in weighted)
    if total <= 0.0:
        return 0.0
    return sum(weight * value for weight, value in weighted) / total


def tier_weights(priorities: Sequence[GoalPriority]) -> dict[GoalPriority, float]:
    """Seed tier weights renormalised over the tiers that have goals."""
    present = sorted(set(priorities))
    total = sum(TIER_WEIGHTS[p] for p in present)
    return {p: TIER_WEIGHTS[p] / total for p in present}


def goal_weights(goals: Sequence[tuple[GoalPriority, float]]) -> list[float]:
    """Each goal's share of the plan score: its tier's weight split by goal weight in the tier.

    ``goals`` holds ``(priority, weight)``; the result sums to 1.
    """
    tiers = tier_weights([priority for priority, _ in goals])
    in_tier: dict[GoalPriority, float] = {}
    for priority, weight in goals:
        in_tier[priority] = in_tier.get(priority, 0.0) + weight
    return [tiers[priority] * weight / in_tier[priority] for priority, weight in goals]


def plan_score(goals: Sequence[tuple[GoalPriority, float, float]]) -> float:
    """``wA·mean(A) + wB·mean(B) + wC·mean(C)`` over ``(priority, weight, goal_score)``."""
    shares = goal_weights([(priority, weight) for priority, weight, _ in goals])
    return sum(share * score for share, (_, _, score) in zip(shares, goals, strict=True))
