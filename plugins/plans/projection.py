"""The planner's one public entry: ``project(request, today) -> ProjectionOutput`` (seed 002).

Validate (pydantic, before this is called) → canonicalise (``context``) → assess feasibility under
safe limits (``feasibility``) → solve the weekly loads under the requested mode's limits
(``mpc``) → project each target from the plan and annotate: scores, bands, caps, overrides, risk,
conflicts, confidence. Pure: ``today`` is passed in, nothing is read or written.

**Readiness** of a goal is how prepared the athlete gets for the load the goal demands:
``100 · (0.85 · min(1, chronic load reached / demand) + 0.15 · taper share)``, the taper share
being the taper weeks the calendar granted over those the event wants. The plan's readiness is the
plan-weighted mean, then capped by the band in safe mode (and in risk mode unless
``readiness_cap_enabled`` is false). Readiness is about load; whether the *performance* follows is
the target scores' business: a risk-accepted plan can carry an athlete to the load a 2:30 marathon
takes while its finish-time target still scores near zero, and both are reported.

*Chronic load reached* differs by mode, on purpose. In safe mode it is the joint envelope
(``feasibility.joint_envelope``): the most the safe limits allow through this plan's calendar and
sport shares, which the weekly plan is built to reach (single-goal plans reach at least 90 % of it
or the demand, whichever is lower; tested), and which, unlike an optimiser's choice, can never rise
when a limit tightens (seed property: tightening never raises readiness). In risk mode it is the
weekly plan's own peak: the greedy envelope there would claim loads the optimiser's penalties
rightly refuse. ``planned_peak_ctl`` always shows the plan's own peak, so a lower-priority goal the
plan chose not to chase fully is visible as such.

**Projection.** A goal's index gain is ``performance.achievable_gain`` at the plan's peak effective
chronic load before race week; targets are projected from it (``targets.project``).

**Risk** is read off the solved plan against the *safe* limits: week ramp above +10 %, load above
the level band, more than 3 loading weeks in a row, ACWR above 1.5, TSB below -30, strain above
its bound. ``risk_level``: ``extreme`` when the plan leaves the safe envelope with a ramp above
+20 %, ACWR above 1.5, TSB below -40, load 25 % over the band or an infeasible goal; ``high`` when
it leaves the envelope otherwise; ``moderate`` for an injured athlete or a plan inside the envelope
that still shows an acute spike or deep fatigue (a restart after a break); else ``low``. The plan is
*outside the safe envelope* when risk mode is applied with overrides and the plan breaks a safe
limit, lifts readiness above the safe cap, or pursues a goal that is nearly impossible or
infeasible under safe defaults.

**Conflicts.** For plans of several goals, each goal's score with every goal in place
(``feasibility.joint_envelope``) is compared with its score on its own (``envelope_peak``: the
goal alone, nothing else sharing the weeks), both under the mode's limits, so the difference is
the sharing and nothing else; computed side by side, without re-solving (seed 002 "no recursive
re-solves"). A loss of more than 5 points is a conflict, blamed on
the goal that took precedence, with the reason: ``priority`` when a higher-priority goal shares the
plan (the nearest in time first), else ``timeline`` when the goal lost taper weeks or sits within 3
weeks after another event, else ``safety`` when same-priority goals share a load the safe limits
cap, or ``mode_override`` when risk settings lifted those limits and so decided the trade-off. A
conflict note reads ``reason:favoured_goal_id:delta`` (delta in goal score points, signed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from plugins.plans import codes
from plugins.plans.context import Context, GoalSpec, build_context
from plugins.plans.feasibility import (
    READINESS_CAPS,
    GoalFeasibility,
    assess_goal,
    band_of,
    confidence,
    envelope_peak,
    joint_envelope,
    plan_gdi,
    readiness_cap,
)
from plugins.plans.model import (
    CompletionProbabilityTarget,
    Conflict,
    ConflictReason,
    FeasibilityBand,
    GoalAssessment,
    PlanRequest,
    ProjectionOutput,
    RiskLevel,
    SplitTarget,
    TargetScore,
    WeekPlan,
)
from plugins.plans.mpc import GoalTarget, Solution, solve
from plugins.plans.performance import Baseline, achievable_gain, baseline
from plugins.plans.policy import Limits, resolve, safe_limits
from plugins.plans.safety import (
    DELOAD_MAX_LOADING_WEEKS,
    LOAD_SPORTS,
    SAFE_CTL_RAMP_PER_WEEK,
    SAFE_RAMP_HARD_MAX,
    STRAIN_BAND_FACTOR,
    UNLOADING_THRESHOLD,
)
from plugins.plans.satisfaction import goal_score
from plugins.plans.targets import completion_pct, is_performance, project_target

READINESS_LOAD_SHARE: Final = 0.85
READINESS_TAPER_SHARE: Final = 0.15
CONFLICT_THRESHOLD: Final = 5.0
TIMELINE_WINDOW_WEEKS: Final = 3
DEPRIORITISED_WEIGHT: Final = 0.5
"""Objective weight factor for a B or C goal that is nearly impossible or infeasible under safe
limits while feasibility caps are on: it must not pull the plan away from goals that can be met."""
ACWR_SPIKE: Final = 1.5
TSB_DEEP: Final = -30.0
EXTREME_RAMP: Final = 0.20
EXTREME_TSB: Final = -40.0
EXTREME_BAND_EXCESS: Final = 0.25
_HARD_BANDS: Final = ("nearly_impossible", "infeasible")


@dataclass(frozen=True, slots=True)
class _GoalResult:
    score: float
    readiness: float
    targets: list[TargetScore]


def project(
    request: PlanRequest,
    today: date,
    *,
    previous_loads: Sequence[float] = (),
    run_capacity: float | None = None,
) -> ProjectionOutput:
    """The full projection for a validated request (module docstring). ``previous_loads``: on a
    re-plan, the weekly loads the athlete was shown from the request's start on.
    ``run_capacity``: the most running load a week's sessions hold, when days are built from
    the plan (``planning``), so the weekly plan never asks more of them."""
    configuration = request.configuration
    athlete = request.athlete
    context = build_context(request)
    limits = replace(resolve(configuration, athlete, request.goals), run_capacity=run_capacity)
    safe = replace(safe_limits(configuration, athlete, request.goals), run_capacity=run_capacity)
    base = baseline(athlete)
    feasibility = [assess_goal(s, context, safe, base, athlete, today) for s in context.goals]
    bands = [band_of(f.gdi) for f in feasibility]
    solution = solve(
        context,
        limits,
        _mpc_goals(context, feasibility, bands, limits),
        configuration.optimization_style,
        previous_loads,
    )
    joint = joint_envelope(context, limits)
    reached = solution.peak_ctl if limits.risk_mode else joint
    results = [
        _goal_result(spec, f, reached[i], base, request)
        for i, (spec, f) in enumerate(zip(context.goals, feasibility, strict=True))
    ]
    gdi = plan_gdi(
        [
            (s.goal.priority, s.plan_weight, f.gdi)
            for s, f in zip(context.goals, feasibility, strict=True)
        ]
    )
    band = band_of(gdi)
    raw_readiness = sum(
        s.plan_weight * r.readiness for s, r in zip(context.goals, results, strict=True)
    )
    cap = readiness_cap(band, limits)
    readiness = raw_readiness if cap is None else min(raw_readiness, cap)

    plan_flags = _plan_flags(context, solution, limits.monotony)
    outside = bool(limits.overrides) and (
        bool(plan_flags & ENVELOPE_FLAGS)
        or readiness > READINESS_CAPS[band]
        or band in _HARD_BANDS
        or _ctl_ramp_exceeded(solution)
    )
    conflicts = _conflicts(context, feasibility, joint, limits, base, request)
    worst_sp = max(f.sp for f in feasibility)
    confidence_score = confidence(
        worst_sp, gdi, athlete.injured, len(limits.overrides), outside, len(context.weeks)
    )
    flags = _flags(context, plan_flags, bands, conflicts, outside, athlete.injured)
    if confidence_score < 50.0 or worst_sp >= 0.10:
        flags.add(codes.LOW_CONFIDENCE)
    caps = [*limits.caps, *([codes.CAP_READINESS] if cap is not None else [])]
    overrides = [*limits.overrides]
    if any(c.reason == codes.REASON_MODE_OVERRIDE for c in conflicts):
        overrides.append(codes.OVERRIDE_CONFLICT)
    return ProjectionOutput(
        readiness_score=_round(readiness, 1),
        readiness_cap=cap,
        readiness_uncapped=_round(raw_readiness, 1),
        confidence_score=_round(confidence_score, 1),
        feasibility_band=band,
        risk_level=_risk_level(plan_flags, solution, context, outside, band, athlete.injured),
        risk_flags=sorted(flags),
        mode_applied=configuration.mode,
        caps_applied=sorted(set(caps)),
        overrides_applied=sorted(set(overrides)),
        goal_assessments=[
            _assessment(
                i, context, feasibility[i], bands[i], results[i], reached, solution, conflicts
            )
            for i in range(len(context.goals))
        ],
        conflicts=conflicts,
        weeks=_weeks(context, solution),
        training_days_per_week=limits.training_days,
        gdi=_round(gdi, 4),
        outside_safe_envelope=outside,
        safety_statement=_statement(outside, band, sorted(set(overrides)), sorted(plan_flags)),
        risk_acceptance=configuration.risk_acceptance,
    )


def _assessment(
    i: int,
    context: Context,
    f: GoalFeasibility,
    band: FeasibilityBand,
    result: _GoalResult,
    reached: Sequence[float],
    solution: Solution,
    conflicts: list[Conflict],
) -> GoalAssessment:
    goal = context.goals[i].goal
    return GoalAssessment(
        goal_id=goal.id,
        priority=goal.priority,
        feasibility_band=band,
        gdi=_round(f.gdi, 4),
        gdi_components={
            "pg": _round(f.pg, 4),
            "lg": _round(f.lg, 4),
            "tp": _round(f.tp, 4),
            "sp": _round(f.sp, 4),
        },
        goal_score=_round(result.score * 100.0, 1),
        readiness_score=_round(result.readiness, 1),
        demand_ctl=_round(f.demand_ctl, 1),
        reached_ctl=_round(reached[i], 1),
        planned_peak_ctl=_round(solution.peak_ctl[i], 1),
        target_scores=result.targets,
        conflict_notes=[
            f"{c.reason}:{c.favoured_goal_id}:{c.score_delta:+.1f}"
            for c in conflicts
            if c.impacted_goal_id == goal.id
        ],
    )


def _flags(
    context: Context,
    plan_flags: set[str],
    bands: list[FeasibilityBand],
    conflicts: list[Conflict],
    outside: bool,
    injured: bool,
) -> set[str]:
    flags = set(plan_flags)
    if "infeasible" in bands:
        flags.add(codes.GOAL_INFEASIBLE)
    if "nearly_impossible" in bands:
        flags.add(codes.GOAL_NEARLY_IMPOSSIBLE)
    if outside:
        flags.add(codes.OUTSIDE_SAFE_ENVELOPE)
    if injured:
        flags.add(codes.INJURY_REPORTED)
    if any(s.taper_granted < s.taper_wanted or s.recovery_lost for s in context.goals):
        flags.add(codes.TAPER_SHORTENED)
    if conflicts:
        flags.add(codes.GOAL_CONFLICT)
    return flags


ENVELOPE_FLAGS: Final = frozenset(
    {
        codes.RAMP_ABOVE_SAFE_LIMIT,
        codes.LOAD_ABOVE_LEVEL_BAND,
        codes.DELOAD_SKIPPED,
        codes.HIGH_STRAIN,
    }
)
"""The risk flags that mean a safe limit was broken (they put a risk plan outside the envelope)."""


def _mpc_goals(
    context: Context,
    feasibility: list[GoalFeasibility],
    bands: list[FeasibilityBand],
    limits: Limits,
) -> list[GoalTarget]:
    """What the optimiser pursues: each goal's demand, never less than the fitness it has."""
    out = []
    for i, (spec, f) in enumerate(zip(context.goals, feasibility, strict=True)):
        current = sum(t * s.ctl for t, s in zip(spec.transfer, context.start.sports, strict=True))
        weight = spec.plan_weight
        if limits.feasibility_enforced and spec.goal.priority != "A" and bands[i] in _HARD_BANDS:
            weight *= DEPRIORITISED_WEIGHT
        out.append(
            GoalTarget(
                index=i,
                event_week=spec.event_week,
                peak_week=max(0, spec.event_week - spec.taper_wanted),
                weight=weight,
                target_ctl=max(f.demand_ctl, current),
            )
        )
    return out


def _goal_result(
    spec: GoalSpec,
    feasibility: GoalFeasibility,
    peak_ctl: float,
    base: Baseline,
    request: PlanRequest,
) -> _GoalResult:
    athlete = request.athlete
    load_ratio = peak_ctl / feasibility.demand_ctl
    gain = achievable_gain(
        athlete.level, spec.weeks_available, peak_ctl / feasibility.reference_ctl
    )
    completion = completion_pct(load_ratio, athlete.injured)
    context_codes = _context_codes(spec, feasibility, load_ratio)
    weighted: list[tuple[float, float]] = []
    scores: list[TargetScore] = []
    for target, required in zip(spec.goal.targets, feasibility.required_gains, strict=True):
        projected = project_target(spec.goal, target, base.index, gain, completion)
        rationale = set(context_codes)
        if projected.satisfaction >= 1.0:
            rationale.add(codes.TARGET_MET)
        elif projected.satisfaction >= 0.7:
            rationale.add(codes.WITHIN_TOLERANCE)
        else:
            rationale.add(codes.BEYOND_TOLERANCE)
        if is_performance(target) and required > gain:
            rationale.add(codes.GAP_EXCEEDS_ACHIEVABLE_GAIN)
        if isinstance(target, CompletionProbabilityTarget) and projected.gap is not None:
            rationale.add(codes.COMPLETION_BELOW_TARGET)
        if not is_performance(target):
            rationale.discard(codes.BASELINE_ASSUMED)
        weighted.append((target.weight or 1.0, projected.satisfaction))
        scores.append(
            TargetScore(
                kind=target.kind,
                split_id=target.split_id if isinstance(target, SplitTarget) else None,
                score_0_100=_round(projected.satisfaction * 100.0, 1),
                projected_value=_round(projected.value, 1),
                unmet_gap=None if projected.gap is None else _round(projected.gap, 1),
                rationale_codes=sorted(rationale),
            )
        )
    readiness = 100.0 * (
        READINESS_LOAD_SHARE * min(1.0, load_ratio) + READINESS_TAPER_SHARE * _taper_share(spec)
    )
    return _GoalResult(score=goal_score(weighted), readiness=readiness, targets=scores)


def _taper_share(spec: GoalSpec) -> float:
    """Taper weeks granted over wanted; a goal that wants none (a C event) has all it needs."""
    return spec.taper_granted / spec.taper_wanted if spec.taper_wanted else 1.0


def _context_codes(spec: GoalSpec, f: GoalFeasibility, load_ratio: float) -> set[str]:
    found: set[str] = set()
    if load_ratio < 0.95:
        found.add(codes.LOAD_BELOW_DEMAND)
    if f.tp >= 0.4:
        found.add(codes.TIMELINE_BELOW_MINIMUM)
    if f.assumed_baseline:
        found.add(codes.BASELINE_ASSUMED)
    if f.stale:
        found.add(codes.BASELINE_STALE)
    if f.sp > 0.0 and not f.assumed_baseline and not f.stale:
        found.add(codes.HISTORY_SPARSE)
    return found


def _plan_flags(context: Context, solution: Solution, monotony: float) -> set[str]:
    """Safe-limit breaches and physiological warnings in the solved plan."""
    flags: set[str] = set()
    ctl = sum(s.ctl for s in context.start.sports)
    streak = context.start.loading_streak
    ref0 = context.start.reference_load
    for week, load in enumerate(solution.loads):
        ref = solution.references[week]
        band_cap = max(context.weeks[week].band_cap, ref0)
        unloading = load <= UNLOADING_THRESHOLD * ref + 1e-9
        if not unloading and load > ref * (1.0 + SAFE_RAMP_HARD_MAX) + 1e-6:
            flags.add(codes.RAMP_ABOVE_SAFE_LIMIT)
        if load > band_cap * (1.0 + 1e-9):
            flags.add(codes.LOAD_ABOVE_LEVEL_BAND)
        streak = 0 if unloading else streak + 1
        if streak > DELOAD_MAX_LOADING_WEEKS:
            flags.add(codes.DELOAD_SKIPPED)
        if load / 7.0 > ACWR_SPIKE * max(ctl, 5.0):
            flags.add(codes.ACUTE_LOAD_SPIKE)
        total = solution.totals[week]
        if total.tsb < TSB_DEEP:
            flags.add(codes.DEEP_FATIGUE)
        if load * monotony > STRAIN_BAND_FACTOR * band_cap * (1.0 + 1e-9):
            flags.add(codes.HIGH_STRAIN)
        ctl = total.ctl
    return flags


def _ctl_ramp_exceeded(solution: Solution) -> bool:
    previous = None
    for total in solution.totals:
        if previous is not None and total.ctl - previous > SAFE_CTL_RAMP_PER_WEEK + 1e-6:
            return True
        previous = total.ctl
    return False


def _risk_level(
    flags: set[str],
    solution: Solution,
    context: Context,
    outside: bool,
    band: FeasibilityBand,
    injured: bool,
) -> RiskLevel:
    if outside:
        max_ramp = max(
            (
                load / ref - 1.0
                for load, ref in zip(solution.loads, solution.references, strict=True)
                if load > UNLOADING_THRESHOLD * ref
            ),
            default=0.0,
        )
        ref0 = context.start.reference_load
        band_excess = max(
            load / max(w.band_cap, ref0) - 1.0
            for load, w in zip(solution.loads, context.weeks, strict=True)
        )
        min_tsb = min(t.tsb for t in solution.totals)
        if (
            max_ramp > EXTREME_RAMP
            or codes.ACUTE_LOAD_SPIKE in flags
            or min_tsb < EXTREME_TSB
            or band_excess > EXTREME_BAND_EXCESS
            or band == "infeasible"
        ):
            return "extreme"
        return "high"
    if injured or codes.ACUTE_LOAD_SPIKE in flags or codes.DEEP_FATIGUE in flags:
        return "moderate"
    return "low"


def _conflicts(
    context: Context,
    feasibility: list[GoalFeasibility],
    joint: Sequence[float],
    limits: Limits,
    base: Baseline,
    request: PlanRequest,
) -> list[Conflict]:
    """Goals whose score in the joint envelope is more than ``CONFLICT_THRESHOLD`` points below
    their score alone (or that lost taper weeks), each blamed on the goal that took precedence.
    Both sides are greedy envelopes under the same limits, so the difference is the sharing."""
    goals = context.goals
    if len(goals) < 2:
        return []
    out: list[Conflict] = []
    for i, spec in enumerate(goals):
        together = _goal_result(spec, feasibility[i], joint[i], base, request)
        solo_peak = envelope_peak(spec, context, limits)
        solo = _goal_result(spec, feasibility[i], solo_peak, base, request)
        delta = (together.score - solo.score) * 100.0
        lost_taper = spec.taper_granted < spec.taper_wanted
        if delta > -CONFLICT_THRESHOLD and not lost_taper:
            continue
        favoured, reason = _blame(i, context, limits)
        if favoured is None:
            continue
        out.append(
            Conflict(
                impacted_goal_id=spec.goal.id,
                favoured_goal_id=goals[favoured].goal.id,
                score_delta=_round(min(delta, 0.0), 1),
                reason=reason,
            )
        )
    return out


def _blame(i: int, context: Context, limits: Limits) -> tuple[int | None, ConflictReason]:
    """The goal that took precedence over goal ``i``, and why (canonical order breaks ties)."""
    goals = context.goals
    me = goals[i]
    others = [j for j in range(len(goals)) if j != i]
    near = [
        j
        for j in others
        if 0 < me.event_week - goals[j].event_week <= TIMELINE_WINDOW_WEEKS
        or (
            me.taper_granted < me.taper_wanted
            and me.event_week - me.taper_wanted < goals[j].event_week <= me.event_week
        )
    ]
    higher = [j for j in others if goals[j].goal.priority < me.goal.priority]
    if higher:
        return min(higher, key=lambda j: (j not in near, j)), codes.REASON_PRIORITY
    if near:
        return min(near, key=lambda j: (goals[j].goal.priority, goals[j].event_week, j)), (
            codes.REASON_TIMELINE
        )
    peers = [j for j in others if goals[j].goal.priority == me.goal.priority]
    if not peers:
        return None, codes.REASON_PRIORITY
    reason = codes.REASON_SAFETY if limits.band_enforced else codes.REASON_MODE_OVERRIDE
    return peers[0], reason


def _weeks(context: Context, solution: Solution) -> list[WeekPlan]:
    out: list[WeekPlan] = []
    previous = context.start.reference_load
    for week, load in enumerate(solution.loads):
        ref = solution.references[week]
        total = solution.totals[week]
        per_sport = {
            sport: _round(solution.sport_loads[week][k], 1)
            for k, sport in enumerate(LOAD_SPORTS)
            if context.planned_sports[k]
        }
        out.append(
            WeekPlan(
                index=week,
                start_date=context.weeks[week].start,
                kind=solution.kinds[week],
                tss=_round(load, 1),
                tss_by_sport=per_sport,
                ctl=_round(total.ctl, 1),
                atl=_round(total.atl, 1),
                tsb=_round(total.tsb, 1),
                ramp_pct=_round((load / ref - 1.0) * 100.0, 1) if ref > 0 else 0.0,
                change_pct=_round((load / previous - 1.0) * 100.0, 1) if previous > 0 else 0.0,
                event_goal_ids=[context.goals[g].goal.id for g in context.weeks[week].events],
            )
        )
        previous = load
    return out


def _round(value: float, digits: int = 1) -> float:
    """The output's fixed rounding: ``digits`` decimals, and never a negative zero."""
    return round(value, digits) + 0.0


def _statement(
    outside: bool, band: FeasibilityBand, overrides: list[str], flags: list[str]
) -> str | None:
    if not outside:
        return None
    breaches = ", ".join(f for f in flags if f in ENVELOPE_FLAGS) or "none"
    return (
        "This plan is outside the safe feasibility envelope: it was optimised with risk-accepted "
        f"settings ({', '.join(overrides)}). Feasibility under safe defaults: "
        f"{band.replace('_', ' ')}. Safe limits broken: {breaches}."
    )
