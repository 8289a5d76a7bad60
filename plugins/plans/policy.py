"""From configuration to numbers: the limits one solve runs under (seed 002 "Constraint handling",
"Risk Acceptance Controls"), and the caps and overrides that come with them.

- ``safe_default``: every safety constraint is hard. A ``constraint_policy`` may only tighten:
  lower ramp limits are honoured, relaxations are ignored and reported
  (``policy_relaxation_ignored_in_safe_mode``).
- ``risk_accepted`` (validated to carry ``risk_acceptance.accepted``): ``max_weekly_tss_ramp_pct``
  and ``max_ctl_ramp_per_week`` replace the safe limits (raising them is an override);
  ``enforce_safety_caps = false`` turns the level band, strain, monotony and deload rules from
  hard constraints into objective penalties, and lifts the ramp limit to ``RISK_DEFAULT_RAMP``
  unless one is given; ``enforce_feasibility_caps = false`` lets the optimiser chase every goal's
  full demand; ``readiness_cap_enabled = false`` lifts the readiness cap.

The time budget (available days × session minutes) is never relaxed: no setting creates hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plugins.plans import codes
from plugins.plans.model import Athlete, ConstraintPolicy, GoalDefinition, PlanConfiguration
from plugins.plans.safety import (
    RISK_DEFAULT_RAMP,
    SAFE_CTL_RAMP_PER_WEEK,
    max_days_for_monotony,
    safe_ramp,
    session_minutes,
    time_budget_tss,
    weekly_monotony,
)


@dataclass(frozen=True, slots=True)
class Limits:
    """What one solve may do. ``None`` means no such limit."""

    ramp: float
    ctl_ramp: float | None
    deload_enforced: bool
    band_enforced: bool
    strain_enforced: bool
    feasibility_enforced: bool
    readiness_cap_enabled: bool
    training_days: int
    monotony: float
    time_cap: float
    risk_mode: bool
    caps: tuple[str, ...]
    overrides: tuple[str, ...]
    run_capacity: float | None = None
    """The most running load a week's sessions hold (the day builder's session lengths on the
    athlete's days), when the plan's days are built; the week's running share must fit it."""


def safe_limits(
    configuration: PlanConfiguration, athlete: Athlete, goals: Sequence[GoalDefinition] = ()
) -> Limits:
    """The safe-default limits, with a safe-mode policy's tightenings (the GDI's envelope).
    ``goals`` set the session length of an athlete who did not give one."""
    policy = configuration.constraint_policy if configuration.mode == "safe_default" else None
    return _safe(configuration, athlete, policy, goals)


def resolve(
    configuration: PlanConfiguration, athlete: Athlete, goals: Sequence[GoalDefinition] = ()
) -> Limits:
    """The limits of the requested mode (module docstring)."""
    if configuration.mode == "safe_default":
        return _safe(configuration, athlete, configuration.constraint_policy, goals)
    policy = configuration.constraint_policy or ConstraintPolicy()
    base = safe_ramp(athlete.level, configuration.optimization_style, athlete.injured)
    overrides: list[str] = []
    safety = policy.enforce_safety_caps
    if policy.max_weekly_tss_ramp_pct is not None:
        ramp = policy.max_weekly_tss_ramp_pct / 100.0
    else:
        ramp = base if safety else max(base, RISK_DEFAULT_RAMP)
    if ramp > base:
        overrides.append(codes.OVERRIDE_RAMP_RELAXED)
    ctl_ramp: float | None = policy.max_ctl_ramp_per_week
    if ctl_ramp is None and safety:
        ctl_ramp = SAFE_CTL_RAMP_PER_WEEK
    if ctl_ramp is None or ctl_ramp > SAFE_CTL_RAMP_PER_WEEK:
        overrides.append(codes.OVERRIDE_CTL_RAMP_RELAXED)
    if not safety:
        overrides.append(codes.OVERRIDE_SAFETY_CAPS_DISABLED)
    if not policy.enforce_feasibility_caps:
        overrides.append(codes.OVERRIDE_FEASIBILITY_CAPS_DISABLED)
    if not policy.readiness_cap_enabled:
        overrides.append(codes.OVERRIDE_READINESS_CAP_LIFTED)
    days = athlete.available_days_per_week
    if safety:
        days = max_days_for_monotony(days)
    caps = [codes.CAP_TIME_BUDGET, codes.CAP_RAMP]
    if ctl_ramp is not None:
        caps.append(codes.CAP_CTL_RAMP)
    if safety:
        caps += [codes.CAP_DELOAD, codes.CAP_LEVEL_BAND, codes.CAP_STRAIN, codes.CAP_MONOTONY]
    if policy.enforce_feasibility_caps:
        caps.append(codes.CAP_FEASIBILITY)
    return Limits(
        ramp=ramp,
        ctl_ramp=ctl_ramp,
        deload_enforced=safety,
        band_enforced=safety,
        strain_enforced=safety,
        feasibility_enforced=policy.enforce_feasibility_caps,
        readiness_cap_enabled=policy.readiness_cap_enabled,
        training_days=days,
        monotony=weekly_monotony(days),
        time_cap=time_budget_tss(days, session_minutes(athlete, goals)),
        risk_mode=True,
        caps=tuple(sorted(caps)),
        overrides=tuple(sorted(overrides)),
    )


def _safe(
    configuration: PlanConfiguration,
    athlete: Athlete,
    policy: ConstraintPolicy | None,
    goals: Sequence[GoalDefinition],
) -> Limits:
    ramp = safe_ramp(athlete.level, configuration.optimization_style, athlete.injured)
    ctl_ramp = SAFE_CTL_RAMP_PER_WEEK
    caps = [
        codes.CAP_CTL_RAMP,
        codes.CAP_DELOAD,
        codes.CAP_FEASIBILITY,
        codes.CAP_LEVEL_BAND,
        codes.CAP_MONOTONY,
        codes.CAP_RAMP,
        codes.CAP_STRAIN,
        codes.CAP_TIME_BUDGET,
    ]
    if policy is not None:
        if policy.max_weekly_tss_ramp_pct is not None:
            ramp = min(ramp, policy.max_weekly_tss_ramp_pct / 100.0)
        if policy.max_ctl_ramp_per_week is not None:
            ctl_ramp = min(ctl_ramp, policy.max_ctl_ramp_per_week)
        relaxes = (
            not policy.enforce_safety_caps
            or not policy.enforce_feasibility_caps
            or not policy.readiness_cap_enabled
            or (policy.max_weekly_tss_ramp_pct or 0.0) / 100.0 > ramp
            or (policy.max_ctl_ramp_per_week or 0.0) > ctl_ramp
        )
        if relaxes:
            caps.append(codes.CAP_POLICY_RELAXATION_IGNORED)
    days = max_days_for_monotony(athlete.available_days_per_week)
    return Limits(
        ramp=ramp,
        ctl_ramp=ctl_ramp,
        deload_enforced=True,
        band_enforced=True,
        strain_enforced=True,
        feasibility_enforced=True,
        readiness_cap_enabled=True,
        training_days=days,
        monotony=weekly_monotony(days),
        time_cap=time_budget_tss(days, session_minutes(athlete, goals)),
        risk_mode=False,
        caps=tuple(sorted(caps)),
        overrides=(),
    )
