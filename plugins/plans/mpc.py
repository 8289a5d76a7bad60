"""The deterministic constrained MPC load optimiser (seed 002 "Deterministic Constrained MPC
Optimizer").

The control is each week's total load ``u_k`` (TSS), split over sports by the week's fixed shares
(``context``). At week ``k`` the solver enumerates load sequences over a horizon of ``H`` weeks from
a fixed candidate lattice, scores each by the objective, applies the first load of the best, rolls
the state forward with ``load.step_week`` and repeats (receding horizon).

**Lattice** (per ``optimization_style``; loads relative to the *reference*, the last loading
week's load):

============== === ===================================== ================== =========
style           H   loading steps (× ramp limit)         deloads            per week
============== === ===================================== ================== =========
sustainable     3   1, ½, 0, and a step back to 0.90     0.75               5
balanced        4   1, ½, 0, step back                   0.80, 0.75, 0.70   7
outcome_first   5   1, ¾, ½, ¼, 0, step back             0.80, 0.75, 0.70   9
============== === ===================================== ================== =========

Longer horizons see a deload or taper coming and shape the build to it; they cost more. These
sizes keep a 24-week, 3-goal plan within the compute budget (``bench/planner.py``). Fixed-purpose
weeks (taper, race, recovery) draw from their own fractions (``safety.TAPER_FRACTIONS``).

**Hard constraints** (pruned before scoring, so an infeasible sequence is never scored): load at
most the reference × (1 + ramp limit), where the reference never exceeds the week's cap (an
athlete whose schedule allows less than they did lately starts from what it allows); CTL growth
at most the CTL ramp limit (via ``load.weekly_tss_for_ctl_gain``); load at most the week's cap
(time budget always; level band and strain bound when safety caps are on); when deloads are
enforced, a deload may come after 2 loading weeks and must come after 3. With safety caps off
(risk mode) the band, strain and deload rules become penalties instead.

**Objective** (maximised; the weights are our calibration, tuned on the golden scenarios so that
progress toward a goal's load outweighs smoothness, and safety penalties outweigh both in safe
mode)::

    J = 1.0 · goal_attainment + 0.3 · projected_readiness
        - 1.0 · overload - 0.5 · volatility - 0.2 · churn - 1.0 · shown - 0.05 · monotony
        - 0.5 · strain - 0.001 · edge

- ``goal_attainment`` = Σ_g w_g · min(1, fitness_g / wanted_g), ``w_g`` the goal's plan weight
  renormalised over the goals still ahead (once the A race is run, the rest get full attention):
  for a goal whose event falls in the window, its peak effective chronic load in the 4 weeks
  before race week over its target; otherwise its chronic load at the window's end over a
  straight-line path from today's to the target at the goal's last loading week (so builds are
  paced to the event, not front-loaded).
- ``projected_readiness`` = Σ_g w_g · freshness(TSB entering race week), for events in the window:
  1 for TSB 5-30, falling linearly to 0 at TSB -30 and to 0.5 at TSB 60 (taper freshness).
- ``overload`` = Σ_k (max(0, ACWR_k - 1.3))² + (max(0, -TSB_k - 30) / 30)², plus, where risk
  mode lifted them, 0.005·(band excess)², 0.005·(loading weeks beyond 3) and 0.01·(ramp beyond
  +10 %)²; with safety caps off the ACWR, TSB, monotony and strain terms are scaled by 0.01. The
  athlete accepted the risk: these terms shape an aggressive plan without vetoing it.
  ACWR here is the week's load over seven times the chronic load entering it.
- ``volatility`` = Σ over loading weeks (ramp_k - ramp of the previous loading week)²: erratic
  changes of direction cost, a steady progression does not (a deload's depth is the deload
  rule's business); measured in units of +10 % when the ramp limit is wider.
- ``churn`` = Σ ((u_k - the previous solve's plan for week k) / initial reference)²: plans that
  change between solves cost. A re-plan seeds the first solve with the loads the athlete was
  shown (``previous``), so a plan rebuilt with nothing changed stays the plan they know.
- ``shown`` = Σ ((u_k - the load the athlete was shown for week k) / initial reference)², on a
  re-plan only: the churn term alone lets a rebuilt plan drift a few percent from what was
  followed.
- ``monotony`` = max(0, Foster monotony of the training week - 2) · u_k / reference.
- ``strain`` = Σ (max(0, strain / strain bound - 0.9))² · (1 + 0.25 · loading streak).
- ``edge`` counts consecutive weeks at a constraint's edge (clamp-pressure streak).

**Tie-breaks** (seed 002 determinism rule 4): objective rounded to 1e-9, then the smaller change
from the previous week's load (``delta_from_prev``), then the lower load (``ranking_key``); full
ties on the first week keep the tail with, week by week, the smaller change and then the lower
load (``tail_key``), so the plan kept for next week's churn term never depends on trial order.
The seed's ``goal_date`` and ``goal_id`` tie-breakers act through the canonical goal order
(priority, date, id): every sum over goals runs in it, so float sums, and with them ties, do not
depend on input order, and conflict blame between equal goals falls to the earlier date, then id.

**Pruning.** The rewards are bounded by Σ w_g · (1 + 0.3), and more tightly, below the last week,
by an optimistic completion (every later week at the most load ramp and caps allow, freshness at
its best); a branch whose bound is below the best complete sequence is dropped (exact: it cannot
win, and ties are never pruned). Candidates closest to the previous solve's plan are tried first
(warm start), so a strong incumbent is found early. The order of trial never changes the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from plugins.plans.context import Context, FixedKind
from plugins.plans.feasibility import ACWR_FLOOR_CTL, ACWR_LIMIT, load_cap
from plugins.plans.load import ATL_DAYS, CTL_DAYS, LoadState, step_week, weekly_tss_for_ctl_gain
from plugins.plans.model import OptimizationStyle, WeekKind
from plugins.plans.policy import Limits
from plugins.plans.safety import (
    DELOAD_MAX_LOADING_WEEKS,
    DELOAD_MIN_LOADING_WEEKS,
    MONOTONY_BOUND,
    PEAK_WINDOW,
    SAFE_RAMP_HARD_MAX,
    STEP_BACK_FRACTION,
    STRAIN_BAND_FACTOR,
    UNLOADING_THRESHOLD,
)


@dataclass(frozen=True, slots=True)
class Profile:
    horizon: int
    steps: tuple[float, ...]
    deloads: tuple[float, ...]


PROFILES: Final[dict[OptimizationStyle, Profile]] = {
    "sustainable": Profile(3, (1.0, 0.5, 0.0), (0.75,)),
    "balanced": Profile(4, (1.0, 0.5, 0.0), (0.80, 0.75, 0.70)),
    "outcome_first": Profile(5, (1.0, 0.75, 0.5, 0.25, 0.0), (0.80, 0.75, 0.70)),
}

W_GOAL: Final = 1.0
W_READINESS: Final = 0.3
W_RISK: Final = 1.0
W_VOLATILITY: Final = 0.5
W_CHURN: Final = 0.2
W_SHOWN: Final = 1.0
"""On a re-plan, each week's distance from the load the athlete was shown (``previous``):
a plan that was followed should not drift when it is rebuilt (receding-horizon solves are not
time-consistent on their own). Fresh plans have nothing shown and are unaffected."""
W_MONOTONY: Final = 0.05
W_STRAIN: Final = 0.5
W_EDGE: Final = 0.001
SOFT_OVERLOAD: Final = 0.01
"""Overload penalties scale down to this when risk mode turned safety caps off: the athlete
accepted the risk, so it shapes the plan without vetoing the goal."""
SOFT_BAND: Final = 0.005
SOFT_DELOAD: Final = 0.005
SOFT_RAMP: Final = 0.01
TSB_FLOOR: Final = -30.0
_EPS: Final = 1e-9
_CTL_KEEP: Final = (1.0 - 1.0 / CTL_DAYS) ** 7
_ATL_KEEP: Final = (1.0 - 1.0 / ATL_DAYS) ** 7


@dataclass(frozen=True, slots=True)
class GoalTarget:
    """What the optimiser pursues for one goal (canonical index ``index``)."""

    index: int
    event_week: int
    peak_week: int
    weight: float
    target_ctl: float


@dataclass(frozen=True, slots=True)
class Solution:
    loads: tuple[float, ...]
    kinds: tuple[WeekKind, ...]
    references: tuple[float, ...]
    """The reference (last loading week's load) each week was measured against."""
    sport_states: tuple[tuple[LoadState, LoadState, LoadState], ...]
    sport_loads: tuple[tuple[float, float, float], ...]
    totals: tuple[LoadState, ...]
    peak_ctl: tuple[float, ...]
    """Per goal: peak effective chronic load in the ``PEAK_WINDOW`` weeks before race week."""
    race_tsb: tuple[float, ...]
    """Per goal: TSB entering its race week."""
    nodes: int


def ranking_key(objective: float, first_load: float, previous_load: float) -> tuple[float, ...]:
    """How candidate sequences rank, best highest: objective (rounded to 1e-9, so float noise
    never decides), then the smaller change from last week's load, then the lower load."""
    return (round(objective, 9), -abs(first_load - previous_load), -first_load)


def tail_key(path: Sequence[float], previous_load: float) -> tuple[float, ...]:
    """How sequences with the same objective and first load rank: week by week, the smaller
    change, then the lower load. Makes the kept plan (and so next week's churn reference)
    independent of the order candidates were tried in."""
    key: list[float] = []
    before = previous_load
    for load in path:
        key += [-abs(load - before), -load]
        before = load
    return tuple(key)


def freshness(tsb: float) -> float:
    """Race-day form from TSB entering race week (module docstring)."""
    if tsb < 5.0:
        return max(0.0, (tsb - TSB_FLOOR) / (5.0 - TSB_FLOOR))
    if tsb <= 30.0:
        return 1.0
    return max(0.5, 1.0 - 0.5 * (tsb - 30.0) / 30.0)


@dataclass(slots=True)
class _Search:
    """Mutable state of one window's search (lives only inside ``solve``)."""

    best_key: tuple[float, ...]
    best_path: list[float]
    nodes: int


class _Solver:
    """One solve: the static inputs, flattened for the inner loop."""

    def __init__(
        self,
        context: Context,
        limits: Limits,
        goals: Sequence[GoalTarget],
        style: OptimizationStyle,
        previous: Sequence[float] = (),
    ) -> None:
        self.context = context
        self.limits = limits
        self.previous = dict(enumerate(previous))
        self.goals = tuple(goals)
        self.profile = PROFILES[style]
        self.n_weeks = len(context.weeks)
        ref0 = context.start.reference_load
        self.scale = 1.0 / max(ref0, 1.0)
        self.caps = tuple(load_cap(limits, w.band_cap, ref0, w.shares[1]) for w in context.weeks)
        self.band_caps = tuple(max(w.band_cap, ref0) for w in context.weeks)
        self.kinds: tuple[FixedKind, ...] = tuple(w.kind for w in context.weeks)
        self.fractions = tuple(w.fractions for w in context.weeks)
        self.eff_share = tuple(
            tuple(w.eff_share[g.index] for g in self.goals) for w in context.weeks
        )
        self.mono_excess = max(0.0, limits.monotony - MONOTONY_BOUND)
        self.strain_scale = tuple(
            limits.monotony / (STRAIN_BAND_FACTOR * w.band_cap) for w in context.weeks
        )
        self.soft_ramp = limits.ramp > SAFE_RAMP_HARD_MAX

    def candidates(
        self, week: int, ref: float, streak: int, ctl: float
    ) -> list[tuple[float, bool, bool]]:
        """Allowed ``(load, unloading, at_edge)`` for a week, in lattice order, deduplicated."""
        limits = self.limits
        cap = self.caps[week]
        raw: list[tuple[float, bool]] = []
        if self.kinds[week] != "free":
            raw = [(min(ref * f, cap), True) for f in self.fractions[week]]
        else:
            ceiling = cap
            if limits.ctl_ramp is not None:
                ceiling = min(ceiling, weekly_tss_for_ctl_gain(ctl, limits.ctl_ramp))
            builds = [ref * (1.0 + limits.ramp * s) for s in self.profile.steps]
            builds.append(ref * STEP_BACK_FRACTION)
            build = [(min(b, ceiling), b >= ceiling - _EPS) for b in builds]
            deload = [(ref * f, False) for f in self.profile.deloads]
            if not limits.deload_enforced:
                raw = build + deload
            elif streak >= DELOAD_MAX_LOADING_WEEKS:
                raw = deload
            elif streak >= DELOAD_MIN_LOADING_WEEKS:
                raw = build + deload
            else:
                raw = build
            raw = [(max(load, 0.0), edge) for load, edge in raw]
        seen: set[float] = set()
        out: list[tuple[float, bool, bool]] = []
        for load, edge in raw:
            key = round(load, 6)
            if key in seen:
                continue
            seen.add(key)
            at_edge = edge or load >= ref * (1.0 + limits.ramp) - _EPS
            out.append((load, load <= UNLOADING_THRESHOLD * ref + _EPS, at_edge))
        return out

    def solve(self) -> Solution:
        ctx = self.context
        n = self.n_weeks
        ctl = sum(s.ctl for s in ctx.start.sports)
        atl = sum(s.atl for s in ctx.start.sports)
        effs = [
            sum(
                t * s.ctl
                for t, s in zip(ctx.goals[g.index].transfer, ctx.start.sports, strict=True)
            )
            for g in self.goals
        ]
        starts = tuple(effs)
        peaks = [
            e if g.event_week <= PEAK_WINDOW else 0.0 for e, g in zip(effs, self.goals, strict=True)
        ]
        race_tsb = [0.0] * len(self.goals)
        for i, g in enumerate(self.goals):
            if g.event_week == 0:
                race_tsb[i] = ctl - atl
        ref = ctx.start.reference_load
        streak = ctx.start.loading_streak
        prev_load = ref
        prev_ratio = ctx.start.last_ramp
        prev_edge = False
        previous_plan: dict[int, float] = dict(self.previous)
        loads: list[float] = []
        kinds: list[WeekKind] = []
        refs: list[float] = []
        totals: list[LoadState] = []
        nodes = 0
        for week in range(n):
            ref = min(ref, self.caps[week])
            path = self._window(
                week,
                ctl,
                atl,
                effs,
                peaks,
                starts,
                ref,
                streak,
                prev_load,
                prev_ratio,
                prev_edge,
                previous_plan,
            )
            nodes += path.nodes
            load = path.best_path[0]
            previous_plan = {week + 1 + i: u for i, u in enumerate(path.best_path[1:])}
            options = self.candidates(week, ref, streak, ctl)
            chosen = next(c for c in options if abs(c[0] - load) < _EPS)
            refs.append(ref)
            kinds.append(self._kind(week, chosen[1]))
            loads.append(load)
            daily = load / 7.0
            ctl = ctl * _CTL_KEEP + daily * (1.0 - _CTL_KEEP)
            atl = atl * _ATL_KEEP + daily * (1.0 - _ATL_KEEP)
            totals.append(LoadState(ctl=ctl, atl=atl))
            shares = self.eff_share[week]
            for i, g in enumerate(self.goals):
                effs[i] = effs[i] * _CTL_KEEP + daily * shares[i] * (1.0 - _CTL_KEEP)
                if g.event_week - PEAK_WINDOW <= week < g.event_week:
                    peaks[i] = max(peaks[i], effs[i])
                if week == g.event_week - 1:
                    race_tsb[i] = ctl - atl
            if chosen[1]:
                streak = 0
            else:
                prev_ratio = load / ref - 1.0
                ref, streak = load, streak + 1
            prev_load, prev_edge = load, chosen[2]
        sport_states, sport_loads = self._sports(loads)
        return Solution(
            loads=tuple(loads),
            kinds=tuple(kinds),
            references=tuple(refs),
            sport_states=sport_states,
            sport_loads=sport_loads,
            totals=tuple(totals),
            peak_ctl=tuple(peaks),
            race_tsb=tuple(race_tsb),
            nodes=nodes,
        )

    def _kind(self, week: int, unloading: bool) -> WeekKind:
        kind = self.kinds[week]
        if kind in ("race", "b_race") or self.context.weeks[week].events:
            return "race"
        if kind in ("taper_1", "taper_2"):
            return "taper"
        if kind == "recovery":
            return "recovery"
        return "deload" if unloading else "build"

    def _window(
        self,
        start: int,
        ctl0: float,
        atl0: float,
        effs0: list[float],
        peaks0: list[float],
        starts: tuple[float, ...],
        ref0: float,
        streak0: int,
        prev0: float,
        ratio0: float,
        edge0: bool,
        previous_plan: dict[int, float],
    ) -> _Search:
        end = min(start + self.profile.horizon, self.n_weeks)
        last = end - 1
        goals = self.goals
        active = [i for i, g in enumerate(goals) if g.event_week > start]
        in_window = [i for i in active if goals[i].event_week <= end]
        total_weight = sum(goals[i].weight for i in active)
        share = [g.weight / total_weight if total_weight > 0.0 else 0.0 for g in goals]
        bound = sum(share[i] for i in active) * W_GOAL + sum(share[i] for i in in_window) * (
            W_READINESS
        )
        wanted = []
        for i in active:
            g = goals[i]
            if g.event_week <= end:
                wanted.append(g.target_ctl)
            else:
                span = max(g.peak_week + 1, 1)
                progress = min(1.0, (last + 1) / span)
                base = starts[i]
                wanted.append(
                    g.target_ctl
                    if g.target_ctl <= base
                    else base + (g.target_ctl - base) * progress
                )
        search = _Search(best_key=(-1e18, 0.0, 0.0), best_path=[], nodes=0)
        path: list[float] = []
        scale = self.scale
        limits = self.limits
        soft_band = not limits.band_enforced
        soft_deload = not limits.deload_enforced
        soft_ramp = self.soft_ramp
        overload_weight = SOFT_OVERLOAD if soft_deload else 1.0
        vol_scale = min(1.0, SAFE_RAMP_HARD_MAX / limits.ramp)

        def leaf(effs: list[float], peaks: list[float], fresh: list[float], penalty: float) -> None:
            reward = 0.0
            for slot, i in enumerate(active):
                g = goals[i]
                if g.event_week <= end:
                    reached = peaks[i]
                    reward += share[i] * W_READINESS * fresh[slot]
                else:
                    reached = effs[i]
                target = wanted[slot]
                reward += share[i] * W_GOAL * (reached / target if reached < target else 1.0)
            key = ranking_key(reward - penalty, path[0], prev0)
            if key > search.best_key or (
                key == search.best_key and tail_key(path, prev0) > tail_key(search.best_path, prev0)
            ):
                search.best_key = key
                search.best_path = list(path)

        ramp_growth = 1.0 + limits.ramp
        caps = self.caps
        eff_share = self.eff_share

        def optimistic(week: int, ref: float, effs: list[float], peaks: list[float]) -> float:
            """An upper bound of the window's reward after ``week``: every later week at the
            most load the ramp and caps could allow, freshness at its best."""
            reward = 0.0
            for slot, i in enumerate(active):
                g = goals[i]
                eff = effs[i]
                peak = peaks[i]
                cap_load = ref
                for j in range(week + 1, end):
                    cap_load *= ramp_growth
                    bound_load = cap_load if cap_load < caps[j] else caps[j]
                    eff = eff * _CTL_KEEP + bound_load / 7.0 * eff_share[j][i] * (1.0 - _CTL_KEEP)
                    if g.event_week - PEAK_WINDOW <= j < g.event_week and eff > peak:
                        peak = eff
                if g.event_week <= end:
                    reached = peak
                    reward += share[i] * W_READINESS
                else:
                    reached = eff
                target = wanted[slot]
                reward += share[i] * W_GOAL * (reached / target if reached < target else 1.0)
            return reward

        def visit(
            week: int,
            ctl: float,
            atl: float,
            effs: list[float],
            peaks: list[float],
            fresh: list[float],
            ref: float,
            streak: int,
            prev_ratio: float,
            prev_edge: bool,
            penalty: float,
        ) -> None:
            ref = min(ref, caps[week])
            options = self.candidates(week, ref, streak, ctl)
            warm = previous_plan.get(week)
            if warm is not None:
                # Warm start: last solve's plan for this week first, for an early strong bound.
                options.sort(key=lambda option: abs(option[0] - warm))
            for load, unloading, at_edge in options:
                search.nodes += 1
                daily = load / 7.0
                n_ctl = ctl * _CTL_KEEP + daily * (1.0 - _CTL_KEEP)
                n_atl = atl * _ATL_KEEP + daily * (1.0 - _ATL_KEEP)
                tsb = n_ctl - n_atl
                acwr = daily / (ctl if ctl > ACWR_FLOOR_CTL else ACWR_FLOOR_CTL)
                risk = 0.0
                if acwr > ACWR_LIMIT:
                    risk += (acwr - ACWR_LIMIT) ** 2
                if tsb < TSB_FLOOR:
                    risk += ((TSB_FLOOR - tsb) / 30.0) ** 2
                risk *= overload_weight
                n_streak = 0 if unloading else streak + 1
                if soft_band:
                    excess = load / self.band_caps[week] - 1.0
                    if excess > 0.0:
                        risk += SOFT_BAND * excess * excess
                if soft_deload and n_streak > DELOAD_MAX_LOADING_WEEKS:
                    risk += SOFT_DELOAD * (n_streak - DELOAD_MAX_LOADING_WEEKS)
                if soft_ramp and not unloading:
                    over = load / ref - 1.0 - SAFE_RAMP_HARD_MAX
                    if over > 0.0:
                        risk += SOFT_RAMP * over * over
                ratio = prev_ratio if unloading else load / ref - 1.0
                step = (ratio - prev_ratio) * vol_scale
                cost = W_RISK * risk + W_VOLATILITY * step * step
                planned = previous_plan.get(week)
                if planned is not None:
                    churn = (load - planned) * scale
                    cost += W_CHURN * churn * churn
                shown = self.previous.get(week)
                if shown is not None:
                    moved = (load - shown) * scale
                    cost += W_SHOWN * moved * moved
                if self.mono_excess > 0.0:
                    cost += overload_weight * W_MONOTONY * self.mono_excess * load * scale
                strain = load * self.strain_scale[week] - 0.9
                if strain > 0.0:
                    cost += overload_weight * W_STRAIN * strain * strain * (1.0 + 0.25 * n_streak)
                if at_edge and prev_edge:
                    cost += W_EDGE
                total = penalty + cost
                best = search.best_key[0] - _EPS
                if bound - total < best:
                    continue
                shares = self.eff_share[week]
                n_effs = list(effs)
                n_peaks = peaks
                n_fresh = fresh
                for slot, i in enumerate(active):
                    n_effs[i] = effs[i] * _CTL_KEEP + daily * shares[i] * (1.0 - _CTL_KEEP)
                    event = goals[i].event_week
                    if event - PEAK_WINDOW <= week < event and n_effs[i] > n_peaks[i]:
                        if n_peaks is peaks:
                            n_peaks = list(peaks)
                        n_peaks[i] = n_effs[i]
                    if week == event - 1:
                        if n_fresh is fresh:
                            n_fresh = list(fresh)
                        n_fresh[slot] = freshness(tsb)
                path.append(load)
                if week == last:
                    leaf(n_effs, n_peaks, n_fresh, total)
                elif optimistic(week, ref if unloading else load, n_effs, n_peaks) - total < best:
                    pass
                else:
                    visit(
                        week + 1,
                        n_ctl,
                        n_atl,
                        n_effs,
                        n_peaks,
                        n_fresh,
                        ref if unloading else load,
                        n_streak,
                        ratio,
                        at_edge,
                        total,
                    )
                path.pop()

        fresh0 = [0.0] * len(active)
        visit(start, ctl0, atl0, effs0, peaks0, fresh0, ref0, streak0, ratio0, edge0, 0.0)
        return search

    def _sports(
        self, loads: Sequence[float]
    ) -> tuple[
        tuple[tuple[LoadState, LoadState, LoadState], ...], tuple[tuple[float, float, float], ...]
    ]:
        states = list(self.context.start.sports)
        out_states: list[tuple[LoadState, LoadState, LoadState]] = []
        out_loads: list[tuple[float, float, float]] = []
        for week, load in enumerate(loads):
            shares = self.context.weeks[week].shares
            per = (load * shares[0], load * shares[1], load * shares[2])
            states = [step_week(s, u) for s, u in zip(states, per, strict=True)]
            out_states.append((states[0], states[1], states[2]))
            out_loads.append(per)
        return tuple(out_states), tuple(out_loads)


def solve(
    context: Context,
    limits: Limits,
    goals: Sequence[GoalTarget],
    style: OptimizationStyle,
    previous: Sequence[float] = (),
) -> Solution:
    """The receding-horizon plan: one weekly load per week of the context (module docstring);
    ``previous`` is the load the athlete was shown for each of these weeks, when re-planning."""
    return _Solver(context, limits, goals, style, previous).solve()
