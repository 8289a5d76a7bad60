"""Goal targets against the performance model: how much improvement a target needs, what the
plan projects for it, and how satisfied it is (``satisfaction`` curves).

A target is a *performance* target (finish time, pace, split, power) or the completion
probability. Performance targets translate into a required uniform index gain
(``performance.required_gain_for_time``); the projection raises today's index by the gain the plan
achieves and predicts the target's quantity from it:

- finish time: event time at the goal's distance;
- pace: event time over the goal's distance, per km;
- split: time over the split's distance in its sport, at the projected index;
- power: projected FTP times the fraction sustainable for the event's duration (the event's
  predicted duration at today's FTP; one hour without a distance).

**Completion probability** is estimated from how much of the goal's load demand the plan
reaches: ``10 % + 87 % · min(1, chronic load / demand)``, times 0.9 when injured (our calibration:
a fully prepared athlete still has a few percent chance of a DNF; one with no preparation rarely
finishes a race sized for a plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from plugins.plans.model import (
    CompletionProbabilityTarget,
    FinishTimeTarget,
    GoalDefinition,
    GoalTarget,
    LoadSport,
    PaceTarget,
    PowerTarget,
    SplitTarget,
)
from plugins.plans.performance import (
    predict_event_seconds,
    predict_seconds,
    required_gain_for_time,
    sustainable_power_fraction,
    triathlon_legs,
)
from plugins.plans.satisfaction import higher_is_better, lower_is_better, probability

COMPLETION_FLOOR: Final = 0.10
COMPLETION_SPAN: Final = 0.87
INJURY_COMPLETION_FACTOR: Final = 0.9


@dataclass(frozen=True, slots=True)
class Projection:
    """A target's projected value (its own unit) and satisfaction in [0, 1]."""

    value: float
    satisfaction: float
    gap: float | None
    """Shortfall in the target's unit, None when met."""


def is_performance(target: GoalTarget) -> bool:
    return not isinstance(target, CompletionProbabilityTarget)


def completion_pct(load_ratio: float, injured: bool) -> float:
    """Estimated chance (percent) of finishing, from the share of load demand reached."""
    pct = (COMPLETION_FLOOR + COMPLETION_SPAN * min(max(load_ratio, 0.0), 1.0)) * 100.0
    return pct * INJURY_COMPLETION_FACTOR if injured else pct


def required_gain(goal: GoalDefinition, target: GoalTarget, index: dict[LoadSport, float]) -> float:
    """The index gain at which the target is met exactly (0 or less: met today)."""
    if isinstance(target, FinishTimeTarget):
        return required_gain_for_time(goal.sport, index, _distance(goal), target.value_seconds)
    if isinstance(target, PaceTarget):
        seconds = target.value_seconds_per_km * _distance(goal) / 1000.0
        return required_gain_for_time(goal.sport, index, _distance(goal), seconds)
    if isinstance(target, SplitTarget):
        sport = _split_sport(goal, target)
        return required_gain_for_time(sport, index, _split_distance(target), target.value_seconds)
    if isinstance(target, PowerTarget):
        ftp_needed = target.value_watts / sustainable_power_fraction(_ride_seconds(goal, index))
        return ftp_needed / index["bike"] - 1.0
    return 0.0


def project_target(
    goal: GoalDefinition,
    target: GoalTarget,
    index: dict[LoadSport, float],
    gain: float,
    completion: float,
) -> Projection:
    """The target's projected value at ``gain`` and its satisfaction."""
    if isinstance(target, CompletionProbabilityTarget):
        gap = target.value_pct - completion
        return Projection(
            completion, probability(target.value_pct, completion), gap if gap > 0 else None
        )
    if isinstance(target, PowerTarget):
        watts = (
            index["bike"] * (1.0 + gain) * sustainable_power_fraction(_ride_seconds(goal, index))
        )
        gap = target.value_watts - watts
        return Projection(
            watts,
            higher_is_better(target.value_watts, watts, target.tolerance_watts),
            gap if gap > 0 else None,
        )
    if isinstance(target, SplitTarget):
        sport = _split_sport(goal, target)
        seconds = predict_seconds(sport, index[sport] * (1.0 + gain), _split_distance(target))
        wanted, tolerance = target.value_seconds, target.tolerance_seconds
    else:
        seconds = predict_event_seconds(goal.sport, index, gain, _distance(goal))
        if isinstance(target, PaceTarget):
            seconds = seconds / (_distance(goal) / 1000.0)
            wanted = target.value_seconds_per_km
        else:
            wanted = target.value_seconds
        tolerance = target.tolerance_seconds
    gap = seconds - wanted
    return Projection(
        seconds, lower_is_better(wanted, seconds, tolerance), gap if gap > 0 else None
    )


def _distance(goal: GoalDefinition) -> float:
    assert goal.distance_m is not None  # guaranteed by GoalDefinition validation
    return goal.distance_m


def _split_distance(target: SplitTarget) -> float:
    assert target.distance_m is not None  # guaranteed by GoalDefinition validation
    return target.distance_m


def _split_sport(goal: GoalDefinition, target: SplitTarget) -> LoadSport:
    if target.sport is not None:
        return target.sport
    assert goal.sport != "triathlon"  # validation requires a triathlon split to name its sport
    return goal.sport


def _ride_seconds(goal: GoalDefinition, index: dict[LoadSport, float]) -> float:
    """How long the ride lasts at today's FTP (a triathlon's bike leg); an hour if unknown."""
    if goal.distance_m is None:
        return 3600.0
    ride_m = triathlon_legs(goal.distance_m)[0][1] if goal.sport == "triathlon" else goal.distance_m
    return predict_seconds("bike", index["bike"], ride_m)
