"""Feasibility (seed 002 "Feasibility and Readiness Computation"): each goal's load demand, the
load reachable in the safe envelope, the Goal Difficulty Index and its bands, readiness caps and
confidence.

``GDI_g = 0.45·PG + 0.35·LG + 0.20·TP + SP`` (seed), each of PG, LG, TP in [0, 1]:

- **PG, performance gap.** ``r`` = the index gain the hardest performance target needs
  (``targets.required_gain``), ``a`` = the gain achievable by the event in the safe envelope
  (``performance.achievable_gain`` at the envelope's peak load). ``PG = 0`` when ``r <= 0``;
  ``0.5 · r / a`` while ``r <= a`` (a target that needs all the achievable gain is half-way
  difficult); past that ``0.5 + 0.5 · min(1, (r - a) / 0.10)``: needing 10 % more index than is
  achievable saturates it (our calibration: 10 % of VDOT is about 2 years of a trained runner's
  progress). A completion-probability target adds ``(wanted - envelope estimate) / 40 points``.
- **LG, load gap.** ``(demand - envelope peak) / demand / 0.5``, clamped: reaching half the demanded
  chronic load saturates it.
- **TP, timeline pressure.** ``ρ`` = weeks available / minimum weeks (``safety.minimum_weeks``):
  0 from ``ρ >= 1.5``, rising to 0.4 at ``ρ = 1``, to 1 at ``ρ = 0.5``, piecewise linear.
- **SP, sparsity penalty** (additive): history weeks in the goal's sports 0 → 0.15, 1-2 → 0.10,
  3-5 → 0.05; a performance target on an assumed baseline +0.10; stale load history or a stale
  performance value (older than 16 weeks) +0.05 each; at most 0.30.

Plan GDI = ``max(weighted mean of GDI_g by plan weight, max GDI_g of A goals)`` (seed).

**Demand** (chronic load, CTL, the goal needs at its peak): the larger of completing the distance
and reaching the performance. Completion loads by distance (``COMPLETION_TSS``, weekly TSS, log-
interpolated) are our calibration from typical plans: a first marathon peaks around 400 run-TSS a
week (about 5-6 hours of mostly easy running), a first half around 240 (a novice half plan's
40 km week), a first 10K around 150, and a 5K around 100 (the last weeks of a couch-to-5K
programme: three 30-minute runs). That is a *peak week*; the chronic load such a plan
carries at its peak is ``PEAK_TO_CHRONIC`` of it per day (the 42-day average trails a build: our
own plans reach a CTL of 0.80-0.85 · peak week / 7), so completion demands
``0.8 · COMPLETION_TSS / 7``. A performance target needs the chronic load at
which the gain model projects it (``stimulus · reference load``); beyond the gain model's reach it
needs what athletes of the required level carry: ``1.2 · completion · (required index / reference
index)²`` (a VDOT-45 runner, 3:23 marathon, carries about 480 TSS a week; load grows roughly with
the square of speed).

**Envelope**: the greedy path, every loading week at the ramp limit and every cap (and, in safe
mode, an acute:chronic ratio of at most 1.3), deloading as mildly and as late as the rules allow,
tapering as mildly as the taper allows. ``envelope_peak`` runs it for one goal alone (its sports,
its taper: the safe envelope of the GDI, and the "on its own" baseline of conflict accounting);
``joint_envelope`` runs it through the plan's real calendar and sport shares. Greedy loads are
monotone in every limit, so both are: a tighter limit never raises them.

**Bands** and **readiness caps** are the seed's tables. **Confidence** starts at 100 and loses
150 × the worst sparsity penalty, 60 × how far plan GDI exceeds 0.30, 10 when injured, 5 per
relaxed safety setting, 10 outside the safe envelope, and 0.5 per week of horizon beyond 16;
clamped to 5-95 (never certain, never worthless): our calibration, so that an extreme,
risk-accepted plan for an impossible goal reads around 30.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Final

from plugins.plans.context import Context, GoalSpec
from plugins.plans.load import LoadState, step_week, weekly_tss_for_ctl_gain
from plugins.plans.model import Athlete, FeasibilityBand, GoalSport, Level, LoadSport
from plugins.plans.performance import Baseline, achievable_gain
from plugins.plans.policy import Limits
from plugins.plans.safety import (
    DELOAD_FRACTIONS,
    DELOAD_MAX_LOADING_WEEKS,
    LOAD_SPORTS,
    PEAK_WINDOW,
    STRAIN_BAND_FACTOR,
    TAPER_FRACTIONS,
    minimum_weeks,
)
from plugins.plans.targets import completion_pct, is_performance, required_gain

PG_WEIGHT: Final = 0.45
LG_WEIGHT: Final = 0.35
TP_WEIGHT: Final = 0.20
PG_EXCESS_SCALE: Final = 0.10
PG_COMPLETION_SCALE: Final = 40.0
LG_SATURATION: Final = 0.5
SP_MAX: Final = 0.30
STALE_PERFORMANCE_DAYS: Final = 16 * 7

BAND_EDGES: Final[tuple[tuple[float, FeasibilityBand], ...]] = (
    (0.30, "feasible"),
    (0.50, "stretch"),
    (0.75, "aggressive"),
    (0.95, "nearly_impossible"),
)
READINESS_CAPS: Final[dict[FeasibilityBand, float]] = {
    "feasible": 95.0,
    "stretch": 85.0,
    "aggressive": 72.0,
    "nearly_impossible": 55.0,
    "infeasible": 40.0,
}

COMPLETION_TSS: Final[dict[GoalSport, tuple[tuple[float, float], ...]]] = {
    "run": (
        (5_000.0, 100.0),
        (10_000.0, 150.0),
        (21_097.5, 240.0),
        (42_195.0, 400.0),
        (100_000.0, 550.0),
    ),
    "bike": ((40_000.0, 200.0), (100_000.0, 300.0), (160_000.0, 400.0), (300_000.0, 500.0)),
    "swim": ((1_500.0, 100.0), (3_800.0, 150.0), (10_000.0, 220.0)),
    "triathlon": ((25_750.0, 250.0), (51_500.0, 350.0), (113_000.0, 500.0), (226_000.0, 700.0)),
}
REFERENCE_INDEX: Final[dict[LoadSport, float]] = {"run": 45.0, "bike": 230.0, "swim": 1.0}
PERFORMANCE_DEMAND_FACTOR: Final = 1.2
PEAK_TO_CHRONIC: Final = 0.8
MIN_DEMAND_CTL: Final = 10.0
ACWR_LIMIT: Final = 1.3
"""Acute:chronic ratio the greedy envelope stays under in safe mode (the optimiser's overload
penalty starts at the same 1.3, the upper end of Gabbett's 0.8-1.3 "sweet spot", BJSM 2016)."""
ACWR_FLOOR_CTL: Final = 5.0
"""Chronic load below which ACWR is measured against 5 (a ratio over almost nothing is noise)."""


@dataclass(frozen=True, slots=True)
class GoalFeasibility:
    """What the assessment knows about one goal before any plan is solved."""

    demand_ctl: float
    reference_ctl: float
    envelope_ctl: float
    required_gains: tuple[float, ...]
    """Per canonical target; 0 for a completion target."""
    achievable_gain: float
    pg: float
    lg: float
    tp: float
    sp: float
    assumed_baseline: bool
    stale: bool

    @property
    def gdi(self) -> float:
        return PG_WEIGHT * self.pg + LG_WEIGHT * self.lg + TP_WEIGHT * self.tp + self.sp


def band_of(gdi: float) -> FeasibilityBand:
    """The seed's feasibility band of a GDI value."""
    for edge, band in BAND_EDGES:
        if gdi < edge:
            return band
    return "infeasible"


def readiness_cap(band: FeasibilityBand, limits: Limits) -> float | None:
    """The readiness ceiling, or None when risk mode lifted it."""
    return READINESS_CAPS[band] if limits.readiness_cap_enabled else None


def plan_gdi(goals: Sequence[tuple[str, float, float]]) -> float:
    """Seed plan GDI over ``(priority, plan_weight, gdi)``: weighted mean, guarded by the worst
    A goal."""
    total = sum(weight for _, weight, _ in goals)
    mean = sum(weight * gdi for _, weight, gdi in goals) / total
    worst_a = max((gdi for priority, _, gdi in goals if priority == "A"), default=0.0)
    return max(mean, worst_a)


def performance_gap(required: float, achievable: float) -> float:
    """PG from the required and achievable index gains (module docstring)."""
    if required <= 0.0:
        return 0.0
    if achievable > 0.0 and required <= achievable:
        return 0.5 * required / achievable
    return 0.5 + 0.5 * min(1.0, (required - achievable) / PG_EXCESS_SCALE)


def load_gap(demand_ctl: float, reachable_ctl: float) -> float:
    """LG: the share of demanded chronic load the envelope misses, saturating at half."""
    shortfall = (demand_ctl - reachable_ctl) / demand_ctl
    return min(1.0, max(0.0, shortfall / LG_SATURATION))


def timeline_pressure(weeks_available: float, min_weeks: int) -> float:
    """TP from weeks available over the event's minimum (module docstring)."""
    ratio = weeks_available / min_weeks
    if ratio >= 1.5:
        return 0.0
    if ratio >= 1.0:
        return 0.4 * (1.5 - ratio) / 0.5
    if ratio >= 0.5:
        return 0.4 + 0.6 * (1.0 - ratio) / 0.5
    return 1.0


def sparsity_penalty(history_weeks: int, assumed: bool, stale_history: bool, stale: bool) -> float:
    """SP (module docstring)."""
    if history_weeks >= 6:
        penalty = 0.0
    elif history_weeks >= 3:
        penalty = 0.05
    elif history_weeks >= 1:
        penalty = 0.10
    else:
        penalty = 0.15
    penalty += 0.10 if assumed else 0.0
    penalty += 0.05 if stale_history else 0.0
    penalty += 0.05 if stale else 0.0
    return min(SP_MAX, penalty)


def index_ratio(sport: GoalSport, index: dict[LoadSport, float], mix: tuple[float, ...]) -> float:
    """Today's index over the reference athlete's, mix-weighted geometric mean for triathlon."""
    if sport != "triathlon":
        return index[sport] / REFERENCE_INDEX[sport]
    log_sum = sum(
        m * math.log(index[s] / REFERENCE_INDEX[s]) for m, s in zip(mix, LOAD_SPORTS, strict=True)
    )
    return math.exp(log_sum)


def completion_demand_tss(sport: GoalSport, distance_m: float | None) -> float:
    """Weekly load to complete the distance comfortably, log-interpolated in distance."""
    rows = COMPLETION_TSS[sport]
    if distance_m is None:
        return rows[0][1]
    if distance_m <= rows[0][0]:
        return rows[0][1]
    for (d0, t0), (d1, t1) in pairwise(rows):
        if distance_m <= d1:
            share = math.log(distance_m / d0) / math.log(d1 / d0)
            return t0 + share * (t1 - t0)
    return rows[-1][1]


def demand_ctl(
    spec: GoalSpec, index: dict[LoadSport, float], required: float, level: Level
) -> float:
    """Chronic load the goal needs at its peak (module docstring)."""
    goal = spec.goal
    completion = completion_demand_tss(goal.sport, goal.distance_m)
    demand = PEAK_TO_CHRONIC * completion / 7.0
    if required > 0.0:
        reference = reference_ctl(spec)
        per_stimulus = achievable_gain(level, spec.weeks_available, 1.0)
        stimulus = required / per_stimulus if per_stimulus > 0.0 else math.inf
        if stimulus <= 1.25:
            demand = max(demand, stimulus * reference)
        else:
            ratio = index_ratio(goal.sport, index, spec.mix) * (1.0 + required)
            performance = PERFORMANCE_DEMAND_FACTOR * completion * ratio * ratio / 7.0
            demand = max(demand, 1.25 * reference, performance)
    return max(demand, MIN_DEMAND_CTL)


def reference_ctl(spec: GoalSpec) -> float:
    """The level's reference chronic load for the goal's sports: the middle of its band."""
    return (spec.band[0] + spec.band[1]) / 2.0 / 7.0


def load_cap(
    limits: Limits, band_cap: float, reference_load: float, run_share: float = 0.0
) -> float:
    """The week's load ceiling from schedule, level band and strain (the ones enforced), and
    from what the running sessions can hold when ``run_share`` of the week is running.

    An athlete already above the band keeps their current load as the ceiling: safe mode never
    forces load down to a table value. Time and the sessions' capacity are not table values:
    what does not fit the athlete's days is not planned.
    """
    cap = limits.time_cap
    if limits.run_capacity is not None and run_share > 0.0:
        cap = min(cap, limits.run_capacity / run_share)
    if limits.band_enforced:
        cap = min(cap, max(band_cap, reference_load))
    if limits.strain_enforced:
        cap = min(cap, max(STRAIN_BAND_FACTOR * band_cap / limits.monotony, reference_load))
    return cap


def envelope_peak(spec: GoalSpec, context: Context, limits: Limits) -> float:
    """The most effective chronic load the goal's sports can reach before its race week, on the
    greedy path: maximal ramp, mildest forced deloads, the goal's own taper, no other goals."""
    weeks = spec.event_week
    taper_from = weeks - spec.taper_wanted + 1
    plan = [
        ("taper_2" if weeks - w == 2 else "taper_1") if w >= taper_from else "free"
        for w in range(weeks)
    ]
    cap = load_cap(limits, spec.band[1], context.start.reference_load, spec.mix[1])
    loads = _greedy_loads(context, limits, plan, [cap] * weeks)
    return _peaks(context, [spec], loads, [spec.mix] * weeks)[0]


def joint_envelope(context: Context, limits: Limits) -> tuple[float, ...]:
    """Per goal, the peak effective chronic load before race week on the greedy path through the
    plan's own calendar and sport shares: the most the limits allow with every goal in place.

    Greedy loads are monotone in every limit (a lower ramp, CTL ramp or cap lowers every week's
    load, and deloads fall on fixed weeks), so this is too: tightening never raises it.
    """
    ref0 = context.start.reference_load
    kinds = [w.kind for w in context.weeks]
    caps = [load_cap(limits, w.band_cap, ref0, w.shares[1]) for w in context.weeks]
    shares = [w.shares for w in context.weeks]
    loads = _greedy_loads(context, limits, kinds, caps)
    return _peaks(context, list(context.goals), loads, shares)


def _greedy_loads(
    context: Context,
    limits: Limits,
    kinds: Sequence[str],
    caps: Sequence[float],
) -> list[float]:
    """Week loads at the ramp limit, capped, deloading (mildly) only when forced."""
    ref = context.start.reference_load
    streak = context.start.loading_streak
    ctl = sum(s.ctl for s in context.start.sports)
    loads: list[float] = []
    for week, kind in enumerate(kinds):
        ref = min(ref, caps[week])
        if kind != "free":
            load = min(ref * max(TAPER_FRACTIONS[kind]), caps[week])
            streak = 0
        elif limits.deload_enforced and streak >= DELOAD_MAX_LOADING_WEEKS:
            load = ref * DELOAD_FRACTIONS[0]
            streak = 0
        else:
            load = min(ref * (1.0 + limits.ramp), caps[week])
            if limits.ctl_ramp is not None:
                load = min(load, weekly_tss_for_ctl_gain(ctl, limits.ctl_ramp))
            if not limits.risk_mode:
                load = min(load, 7.0 * ACWR_LIMIT * max(ctl, ACWR_FLOOR_CTL))
            ref, streak = load, streak + 1
        ctl = step_week(LoadState(ctl=ctl, atl=ctl), load).ctl
        loads.append(load)
    return loads


def _peaks(
    context: Context,
    specs: Sequence[GoalSpec],
    loads: Sequence[float],
    shares: Sequence[tuple[float, float, float]],
) -> tuple[float, ...]:
    """Each goal's peak effective chronic load in the ``PEAK_WINDOW`` weeks before race week."""
    sports = list(context.start.sports)
    peaks = [_effective(s, sports) if s.event_week <= PEAK_WINDOW else 0.0 for s in specs]
    for week, load in enumerate(loads):
        sports = [step_week(s, load * m) for s, m in zip(sports, shares[week], strict=True)]
        for i, spec in enumerate(specs):
            if spec.event_week - PEAK_WINDOW <= week < spec.event_week:
                peaks[i] = max(peaks[i], _effective(spec, sports))
    return tuple(peaks)


def assess_goal(
    spec: GoalSpec,
    context: Context,
    safe: Limits,
    base: Baseline,
    athlete: Athlete,
    today: date,
) -> GoalFeasibility:
    """Demand, envelope and GDI components for one goal, under the safe limits."""
    goal = spec.goal
    level = athlete.level
    required = tuple(
        required_gain(goal, t, base.index) if is_performance(t) else 0.0 for t in goal.targets
    )
    hardest = max(required, default=0.0)
    demand = demand_ctl(spec, base.index, hardest, level)
    envelope = envelope_peak(spec, context, safe)
    reference = reference_ctl(spec)
    achievable = achievable_gain(level, spec.weeks_available, envelope / reference)
    pg = max((performance_gap(r, achievable) for r in required), default=0.0)
    estimate = completion_pct(envelope / demand, athlete.injured)
    for target in goal.targets:
        if not is_performance(target):
            wanted = getattr(target, "value_pct", 0.0)
            pg = max(pg, min(1.0, max(0.0, (wanted - estimate) / PG_COMPLETION_SCALE)))
    sports = _goal_sports(spec)
    has_performance = any(is_performance(t) for t in goal.targets)
    assumed = has_performance and any(s in base.assumed for s in sports)
    stale = _performance_stale(athlete, today)
    history = min(context.start.history_weeks[s] for s in sports)
    return GoalFeasibility(
        demand_ctl=demand,
        reference_ctl=reference,
        envelope_ctl=envelope,
        required_gains=required,
        achievable_gain=achievable,
        pg=pg,
        lg=load_gap(demand, envelope),
        tp=timeline_pressure(spec.weeks_available, minimum_weeks(goal.sport, goal.distance_m)),
        sp=sparsity_penalty(history, assumed, context.start.history_stale, stale),
        assumed_baseline=assumed,
        stale=stale or context.start.history_stale,
    )


def confidence(
    worst_sp: float,
    gdi: float,
    injured: bool,
    relaxations: int,
    outside_envelope: bool,
    weeks: int,
) -> float:
    """Confidence score 5-95 (module docstring)."""
    score = 100.0
    score -= 150.0 * worst_sp
    score -= 60.0 * max(0.0, gdi - 0.30)
    score -= 10.0 if injured else 0.0
    score -= 5.0 * relaxations
    score -= 10.0 if outside_envelope else 0.0
    score -= 0.5 * max(0, weeks - 16)
    return min(95.0, max(5.0, score))


def _effective(spec: GoalSpec, sports: Sequence[LoadState]) -> float:
    return sum(t * s.ctl for t, s in zip(spec.transfer, sports, strict=True))


def _goal_sports(spec: GoalSpec) -> list[LoadSport]:
    return [s for s, m in zip(LOAD_SPORTS, spec.mix, strict=True) if m > 0.0]


def _performance_stale(athlete: Athlete, today: date) -> bool:
    dates = [athlete.performance_as_of_iso]
    if athlete.run is not None and athlete.run.recent_race is not None:
        dates.append(athlete.run.recent_race.date_iso)
    return any(d is not None and (today - d).days > STALE_PERFORMANCE_DAYS for d in dates)
