"""The static context of one solve, computed once (seed 002 "Bounded-compute execution
requirements"): goals in canonical order with what each needs, the calendar of fixed-purpose weeks
(taper, race, recovery), each week's sport shares and load caps, and the starting load state.

**Canonical order** (seed 002 determinism rule 1): priority, event date, id; targets by kind then
split id. Everything downstream iterates in this order, so sums and tie-breaks never depend on
the order of the input.

**Calendar.** A-goal events get a taper (``safety.TAPER_WEEKS``, race week included); A and B
events get a recovery week after them when a later goal follows; B events get a lighter race
week; C events are trained through. Where two claims meet one week, precedence is: A race weeks,
then A tapers (earlier event first), then recovery after A events, B race weeks, recovery after B
events. A goal whose taper or recovery lost a week to another goal is recorded (``timeline``).

**Sport mix and transfer.** A goal's load goes to its sport; a triathlon's to bike 50 %, run 30 %,
swim 20 % (roughly the share of race time). Fitness transfers between sports but not one for one:
``TRANSFER[goal][load sport]`` is how much of a sport's chronic load counts for a goal (our
calibration of the common view that aerobic fitness carries over and sport-specific economy and
tissue tolerance do not: cycling keeps a runner's engine but not their legs' impact tolerance).

**Week shares.** Each week splits its load over the goals not yet raced, by plan weight times
proximity ``1 / (1 + weeks_to_event / 8)`` (nearer events draw more of the week, our calibration),
times each goal's sport mix.

**Starting state.** From each sport's weekly history (oldest first): steady state at the first
week, then one ``step_week`` per week, then zero-load weeks for any gap between the end of the
history and the start date. The reference load (the "last loading week" the ramp is measured
against) is the planned sports' last loading week of the history (a lighter last week is passed
over), but no more than 10 % above the biggest of the three weeks before it, so one outsized week
licenses nothing; never below a quarter of the level band's floor (so a restart is possible). A
re-plan of a followed plan therefore carries on from where the plan was, not from an average that
lags a build. With no history at all it is half the band's floor, flagged as assumed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from plugins.plans.load import LoadState, steady_state, step_week
from plugins.plans.model import (
    Athlete,
    GoalDefinition,
    GoalSport,
    Level,
    LoadSport,
    PlanRequest,
    SportFitness,
    target_key,
)
from plugins.plans.safety import (
    LOAD_SPORTS,
    TAPER_FRACTIONS,
    UNLOADING_THRESHOLD,
    level_band,
    taper_weeks,
)
from plugins.plans.satisfaction import goal_weights

FixedKind = Literal["free", "taper_2", "taper_1", "race", "b_race", "recovery"]
Vec = tuple[float, float, float]
"""A per-sport vector in ``LOAD_SPORTS`` order (bike, run, swim)."""

SPORT_MIX: Final[dict[GoalSport, Vec]] = {
    "bike": (1.0, 0.0, 0.0),
    "run": (0.0, 1.0, 0.0),
    "swim": (0.0, 0.0, 1.0),
    "triathlon": (0.5, 0.3, 0.2),
}
TRANSFER: Final[dict[GoalSport, Vec]] = {
    "bike": (1.0, 0.6, 0.2),
    "run": (0.4, 1.0, 0.2),
    "swim": (0.2, 0.2, 1.0),
    "triathlon": (1.0, 1.0, 1.0),
}
PROXIMITY_WEEKS: Final = 8.0
RESTART_FLOOR: Final = 0.25
NO_HISTORY_FLOOR: Final = 0.5
STALE_GAP_DAYS: Final = 14
CLIMB: Final = 1.02
"""A history week more than this over the lowest of the three before it is a loading week."""
SPIKE_ALLOWANCE: Final = 1.10
"""A week more than this over the biggest of the three before it counts only up to it."""


@dataclass(frozen=True, slots=True)
class GoalSpec:
    """A goal in canonical position, with its calendar and sport facts."""

    goal: GoalDefinition
    event_week: int
    weeks_available: float
    mix: Vec
    transfer: Vec
    plan_weight: float
    taper_wanted: int
    taper_granted: int
    recovery_lost: bool
    band: tuple[float, float]
    """The level band for the goal's sport mix (weekly TSS)."""


@dataclass(frozen=True, slots=True)
class WeekContext:
    index: int
    start: date
    kind: FixedKind
    fractions: tuple[float, ...]
    shares: Vec
    band_cap: float
    events: tuple[int, ...]
    active: tuple[int, ...]
    eff_share: tuple[float, ...]
    """Per goal (canonical index): how much of this week's load counts for its fitness."""


@dataclass(frozen=True, slots=True)
class StartState:
    sports: tuple[LoadState, LoadState, LoadState]
    reference_load: float
    loading_streak: int
    last_ramp: float
    """The last loading week over the loading week before it, minus one (0 without two): the
    optimiser's smoothness term starts from the build's pace, not from standstill."""
    history_weeks: dict[LoadSport, int]
    load_assumed: bool
    history_stale: bool


@dataclass(frozen=True, slots=True)
class Context:
    goals: tuple[GoalSpec, ...]
    weeks: tuple[WeekContext, ...]
    start: StartState
    planned_sports: tuple[bool, bool, bool]


def canonical_goals(goals: list[GoalDefinition]) -> list[GoalDefinition]:
    """Goals by priority, date, id, each with its targets by kind then split id."""
    ordered = sorted(goals, key=lambda g: (g.priority, g.event_date_iso, g.id))
    return [g.model_copy(update={"targets": sorted(g.targets, key=target_key)}) for g in ordered]


def mix_band(mix: Vec, level: Level) -> tuple[float, float]:
    """The level band of a sport mix: the bands' mix-weighted sum."""
    low = sum(m * level_band(s, level)[0] for m, s in zip(mix, LOAD_SPORTS, strict=True))
    high = sum(m * level_band(s, level)[1] for m, s in zip(mix, LOAD_SPORTS, strict=True))
    return low, high


def build_context(request: PlanRequest) -> Context:
    """Everything static about the solve (module docstring)."""
    goals = canonical_goals(request.goals)
    start = request.start_date
    level = request.athlete.level
    event_weeks = [(g.event_date_iso - start).days // 7 for g in goals]
    n_weeks = max(event_weeks) + 1
    weights = goal_weights([(g.priority, g.weight) for g in goals])

    kinds: list[FixedKind] = ["free"] * n_weeks
    owner: list[int | None] = [None] * n_weeks
    granted = [0] * len(goals)
    wanted = [0] * len(goals)
    recovery_lost = [False] * len(goals)

    def claim(week: int, kind: FixedKind, goal: int) -> bool:
        if 0 <= week < n_weeks and kinds[week] == "free":
            kinds[week], owner[week] = kind, goal
            return True
        return 0 <= week < n_weeks and owner[week] == goal

    a_goals = [i for i, g in enumerate(goals) if g.priority == "A"]
    b_goals = [i for i, g in enumerate(goals) if g.priority == "B"]
    last_event = max(event_weeks)
    for i in a_goals:
        claim(event_weeks[i], "race", i)
    for i in a_goals:
        wanted[i] = taper_weeks(goals[i].sport, goals[i].distance_m)
        granted[i] = int(owner[event_weeks[i]] == i)
        tapers: tuple[tuple[int, FixedKind], ...] = ((1, "taper_1"), (2, "taper_2"))
        for back, kind in tapers:
            if back < wanted[i]:
                granted[i] += int(claim(event_weeks[i] - back, kind, i))
    for i in a_goals:
        recovery_lost[i] = not _recovery(claim, event_weeks[i], last_event, i)
    for i in b_goals:
        wanted[i] = 1
        week = event_weeks[i]
        granted[i] = int(claim(week, "b_race", i) or kinds[week] in ("race", "taper_1", "taper_2"))
    for i in b_goals:
        recovery_lost[i] = not _recovery(claim, event_weeks[i], last_event, i)

    specs = tuple(
        GoalSpec(
            goal=g,
            event_week=event_weeks[i],
            weeks_available=(g.event_date_iso - start).days / 7.0,
            mix=SPORT_MIX[g.sport],
            transfer=TRANSFER[g.sport],
            plan_weight=weights[i],
            taper_wanted=wanted[i],
            taper_granted=granted[i],
            recovery_lost=recovery_lost[i],
            band=mix_band(SPORT_MIX[g.sport], level),
        )
        for i, g in enumerate(goals)
    )
    planned = tuple(any(s.mix[k] > 0 for s in specs) for k in range(3))
    weeks = tuple(_week(k, start, kinds[k], specs, level) for k in range(n_weeks))
    start_state = _start_state(request.athlete, start, planned, weeks[0].shares, level)
    return Context(
        goals=specs,
        weeks=weeks,
        start=start_state,
        planned_sports=(planned[0], planned[1], planned[2]),
    )


def _recovery(claim: Callable[[int, FixedKind, int], bool], week: int, last: int, i: int) -> bool:
    """Claim the recovery week after an event when a later goal follows; False if it was lost."""
    return week >= last or claim(week + 1, "recovery", i)


def _week(
    k: int, start: date, kind: FixedKind, specs: tuple[GoalSpec, ...], level: Level
) -> WeekContext:
    active = tuple(i for i, s in enumerate(specs) if s.event_week >= k)
    pulls = [0.0, 0.0, 0.0]
    for i in active:
        spec = specs[i]
        pull = spec.plan_weight / (1.0 + (spec.event_week - k) / PROXIMITY_WEEKS)
        for s in range(3):
            pulls[s] += pull * spec.mix[s]
    total = sum(pulls)
    shares: Vec = (pulls[0] / total, pulls[1] / total, pulls[2] / total)
    band_cap = mix_band(shares, level)[1]
    eff = tuple(sum(t * sh for t, sh in zip(s.transfer, shares, strict=True)) for s in specs)
    return WeekContext(
        index=k,
        start=start + timedelta(weeks=k),
        kind=kind,
        fractions=TAPER_FRACTIONS.get(kind, ()),
        shares=shares,
        band_cap=band_cap,
        events=tuple(i for i, s in enumerate(specs) if s.event_week == k),
        active=active,
        eff_share=eff,
    )


def _start_state(
    athlete: Athlete, start: date, planned: tuple[bool, ...], shares: Vec, level: Level
) -> StartState:
    fitness: tuple[SportFitness | None, ...] = (athlete.bike, athlete.run, athlete.swim)
    states: list[LoadState] = []
    history_weeks: dict[LoadSport, int] = {}
    stale = False
    for sport, fit in zip(LOAD_SPORTS, fitness, strict=True):
        history = list(fit.weekly_tss) if fit is not None else []
        history_weeks[sport] = len(history)
        state = steady_state(history[0]) if history else LoadState()
        for week in history[1:]:
            state = step_week(state, week)
        if fit is not None and fit.history_end_iso is not None and history:
            gap_weeks = max(0, (start - fit.history_end_iso).days) // 7
            stale = stale or (start - fit.history_end_iso).days >= STALE_GAP_DAYS
            for _ in range(min(gap_weeks, 52)):
                state = step_week(state, 0.0)
        states.append(state)

    planned_history = [
        list(fit.weekly_tss) if fit is not None and planned[k] else []
        for k, fit in enumerate(fitness)
    ]
    length = max((len(h) for h in planned_history), default=0)
    totals = [
        sum(h[len(h) - length + w] for h in planned_history if len(h) - length + w >= 0)
        for w in range(length)
    ]
    floor = mix_band(shares, level)[0]
    assumed = length == 0
    last_ramp = 0.0
    if assumed:
        reference = NO_HISTORY_FLOOR * floor
        sports = tuple(
            steady_state(reference * share) if states[k].ctl == 0.0 else states[k]
            for k, share in enumerate(shares)
        )
        states = list(sports)
    else:
        reference = max(_reference_load(totals), RESTART_FLOOR * floor)
        last_ramp = _last_ramp(totals)
        if stale:
            planned_ctl = sum(states[k].ctl for k in range(3) if planned[k])
            reference = max(RESTART_FLOOR * floor, min(reference, 7.0 * planned_ctl))
    return StartState(
        sports=(states[0], states[1], states[2]),
        reference_load=reference,
        loading_streak=_trailing_streak(totals),
        last_ramp=last_ramp,
        history_weeks=history_weeks,
        load_assumed=assumed,
        history_stale=stale,
    )


def _reference_load(totals: list[float]) -> float:
    """The last loading week, bounded by the weeks before it (module docstring)."""
    last = len(totals) - 1
    if last >= 1 and _unloads(totals, last):
        last -= 1
    before = totals[max(0, last - 3) : last]
    if not before:
        return totals[last]
    return min(totals[last], SPIKE_ALLOWANCE * max(before))


def _last_ramp(totals: list[float]) -> float:
    loading = [w for w in range(len(totals)) if w == 0 or not _unloads(totals, w)][-2:]
    if len(loading) < 2 or totals[loading[0]] <= 0.0:
        return 0.0
    return totals[loading[1]] / totals[loading[0]] - 1.0


def _unloads(totals: list[float], w: int) -> bool:
    # History arrives rounded to 0.1 TSS (our own output, re-planned), so a deload of exactly
    # 80 % can read a hair above it; half a point of slack keeps it a deload.
    return totals[w] <= UNLOADING_THRESHOLD * totals[w - 1] + 0.5


def _trailing_streak(totals: list[float]) -> int:
    """Loading weeks since the last week that cut load by 20 % or more, at most 3.

    A week loads only while the load still climbs: more than ``CLIMB`` above the lowest of the
    three weeks before it. Weeks held at a level the athlete already carries neither count nor
    reset, so someone who has run the same 30 km for a month starts with a build, not a deload.
    """
    streak = 0
    for w in range(len(totals) - 1, 0, -1):
        if _unloads(totals, w):
            break
        if totals[w] > CLIMB * min(totals[max(0, w - 3) : w]):
            streak += 1
    return min(streak, 3)
