"""Safety defaults (seed 002 "Safety Defaults by Sport", "Safe ramp defaults"): weekly load bands
by sport and level, ramp and deload rules, the event calendar tables (taper, minimum weeks), and
the limits that turn schedule and durability into load caps.

Pure data and small functions; every constant says where it comes from.

**Level bands** (weekly TSS) are seed 002's ranges. Swimming's are given in session-RPE AU and are
converted with ``load.SRPE_AU_PER_TSS`` so every sport is summed on one scale. Elite's open upper
end ("1300+") is taken as the number given.

**Ramp.** Seed 002: novice +6 %, experienced +8 %, never more than +10 % in safe mode. Beginner
+5 % and elite +8 % are our calibration (a beginner's tissues adapt slowest; elites sit near their
ceiling, where +8 % is already a large absolute step). The optimisation style shifts the level's
ramp: ``sustainable`` one point lower, ``outcome_first`` two points higher, always clipped to 10 %.
The ramp is measured against the *last loading week*: the week after a deload returns to the
pre-deload level and may then grow, which is how the 10 % rule is applied in practice (a strict
week-on-week reading would forbid ever coming back from a deload).

**Deload.** Seed 002: every 3-4 weeks, by 20-30 %. So after 2 loading weeks a deload may come,
after 3 it must; a taper, race or recovery week that cuts load by at least 20 % counts as one.

**CTL ramp** default of 7 points a week: the commonly quoted upper end of sustainable CTL growth
(5-8 TSS/day per week, Allen & Coggan, *Training and Racing with a Power Meter*).

**Monotony and strain.** Foster's monotony of a week depends on how its load is spread over days.
We estimate it from a canonical hard/easy pattern over the available days (``daily_pattern``):
with 7 training days it is about 2.6, above Foster's 2.0 warning level, so safe mode keeps one rest
day. The strain bound is twice the level band's top (monotony 2 at the top of the band): our
calibration, because Foster's AU thresholds do not transfer to TSS without one.

**Time budget**: available days × session minutes × 65 TSS per hour. 65 is our calibration of a
week's average intensity: easy running at IF ≈ 0.75 scores 56 per hour, threshold work 100, and a
typical week is mostly easy with one or two quality sessions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from plugins.plans.load import SRPE_AU_PER_TSS, monotony
from plugins.plans.model import (
    Athlete,
    GoalDefinition,
    GoalPriority,
    GoalSport,
    Level,
    LoadSport,
    OptimizationStyle,
)

LOAD_SPORTS: Final[tuple[LoadSport, ...]] = ("bike", "run", "swim")
"""Sports that carry load, in the fixed order every per-sport vector uses."""

LEVEL_BANDS_TSS: Final[dict[LoadSport, dict[Level, tuple[float, float]]]] = {
    "run": {
        "beginner": (150.0, 350.0),
        "novice": (300.0, 500.0),
        "experienced": (500.0, 850.0),
        "elite": (850.0, 1300.0),
    },
    "bike": {
        "beginner": (250.0, 400.0),
        "novice": (400.0, 650.0),
        "experienced": (650.0, 900.0),
        "elite": (900.0, 1250.0),
    },
    "swim": {
        "beginner": (600.0 / SRPE_AU_PER_TSS, 1200.0 / SRPE_AU_PER_TSS),
        "novice": (1200.0 / SRPE_AU_PER_TSS, 2200.0 / SRPE_AU_PER_TSS),
        "experienced": (2200.0 / SRPE_AU_PER_TSS, 3800.0 / SRPE_AU_PER_TSS),
        "elite": (3800.0 / SRPE_AU_PER_TSS, 7000.0 / SRPE_AU_PER_TSS),
    },
}

LEVEL_RAMP: Final[dict[Level, float]] = {
    "beginner": 0.05,
    "novice": 0.06,
    "experienced": 0.08,
    "elite": 0.08,
}
STYLE_RAMP_SHIFT: Final[dict[OptimizationStyle, float]] = {
    "sustainable": -0.01,
    "balanced": 0.0,
    "outcome_first": 0.02,
}
SAFE_RAMP_HARD_MAX: Final = 0.10
INJURY_RAMP_FACTOR: Final = 0.5
"""An injured athlete ramps at half the usual rate: our calibration, erring on the side of caution
(return-to-run protocols progress by small fixed steps rather than percentages)."""

RISK_DEFAULT_RAMP: Final = 0.30
"""Ramp limit in risk mode when safety caps are off and no limit is given: the lattice needs an
upper end; +30 % a week is already far outside any guideline."""

DELOAD_MIN_LOADING_WEEKS: Final = 2
DELOAD_MAX_LOADING_WEEKS: Final = 3
DELOAD_FRACTIONS: Final = (0.80, 0.75, 0.70)
"""A deload week's load as a fraction of the last loading week (a 20-30 % cut, seed 002)."""
UNLOADING_THRESHOLD: Final = 0.80
"""A week at or below this fraction of the last loading week counts as a deload for the cycle."""
STEP_BACK_FRACTION: Final = 0.90

SAFE_CTL_RAMP_PER_WEEK: Final = 7.0

MONOTONY_BOUND: Final = 2.0
"""Foster's warning level for monotony."""
STRAIN_BAND_FACTOR: Final = 2.0
TSS_PER_HOUR: Final = 65.0

TAPER_WEEKS: Final[dict[GoalSport, tuple[tuple[float, int], ...]]] = {
    "run": ((30_000.0, 3), (15_000.0, 2), (0.0, 1)),
    "bike": ((0.0, 2),),
    "triathlon": ((0.0, 2),),
    "swim": ((0.0, 1),),
}
"""Taper length in weeks before an A event, *including the race week*, by sport and distance
(first row whose distance the event reaches). The same table labels weeks in the daily plan."""

MIN_WEEKS: Final[dict[GoalSport, tuple[tuple[float, int], ...]]] = {
    "run": ((5_250.0, 6), (10_500.0, 8), (22_153.0, 12), (44_305.0, 16), (math.inf, 20)),
    "bike": ((50_000.0, 6), (100_000.0, 8), (160_000.0, 12), (math.inf, 16)),
    "swim": ((1_500.0, 6), (3_800.0, 8), (math.inf, 12)),
    "triathlon": ((30_000.0, 8), (60_000.0, 12), (120_000.0, 16), (math.inf, 24)),
}
"""Minimum plan weeks by event size: the first row whose distance limit (metres) the event stays
within. Running follows seed 004 (5K 6, 10K 8, half 12, marathon 16; beyond the marathon 20, our
calibration); a distance up to 5 % over a standard one keeps its row. Bike, swim and triathlon
are our calibration, scaled so an event of similar duration gets a similar lead time (an Olympic
triathlon, about 2-3 hours, like a half marathon to a marathon)."""

TAPER_FRACTIONS: Final[dict[str, tuple[float, ...]]] = {
    "race": (0.50, 0.60),
    "taper_1": (0.60, 0.70, 0.75),
    "taper_2": (0.70, 0.80),
    "b_race": (0.70, 0.80),
    "recovery": (0.50, 0.60),
}
"""Candidate loads of fixed-purpose weeks as a fraction of the last loading week. ``taper_1`` is
the week just before race week, ``taper_2`` the one before that (Mujika & Padilla, "Scientific
bases for precompetition tapering strategies", 2003: cut volume 40-60 % over 1-3 weeks with
intensity kept)."""

PEAK_WINDOW: Final = 4
"""A goal's fitness is its peak effective chronic load over the 4 weeks before race week (the
build's last block and the taper): fitness from months earlier does not count on race day."""

TIER_WEIGHTS: Final[dict[GoalPriority, float]] = {"A": 0.6, "B": 0.3, "C": 0.1}
"""Seed 002 wants wA > wB > wC; 6:3:1 makes one A goal outweigh any number of B goals' mean and
keeps C goals visible. Renormalised over the tiers present."""


def level_band(sport: LoadSport, level: Level) -> tuple[float, float]:
    """The safe weekly TSS band for ``level`` in ``sport``."""
    return LEVEL_BANDS_TSS[sport][level]


def safe_ramp(level: Level, style: OptimizationStyle, injured: bool) -> float:
    """The safe week-on-week ramp (a fraction) for this athlete and style, at most +10 %."""
    ramp = min(SAFE_RAMP_HARD_MAX, LEVEL_RAMP[level] + STYLE_RAMP_SHIFT[style])
    return ramp * INJURY_RAMP_FACTOR if injured else ramp


def taper_weeks(sport: GoalSport, distance_m: float | None) -> int:
    """Taper length (weeks, race week included) for an A event."""
    return _lookup(TAPER_WEEKS[sport], distance_m or 0.0)


def minimum_weeks(sport: GoalSport, distance_m: float | None) -> int:
    """Minimum sensible plan length for an event (seed 004 for running)."""
    rows = MIN_WEEKS[sport]
    if distance_m is None:
        return rows[0][1]
    for limit, weeks in rows:
        if distance_m <= limit:
            return weeks
    return rows[-1][1]


def daily_pattern(days: int) -> tuple[float, ...]:
    """A canonical week of ``days`` training days (hard/easy alternating, one long day), as
    relative loads over 7 days. Only used to estimate monotony."""
    pattern = [1.6] + [1.4 if i % 2 == 0 else 0.6 for i in range(days - 1)]
    return tuple(pattern + [0.0] * (7 - days))


def weekly_monotony(days: int) -> float:
    """Foster's monotony of the canonical week over ``days`` training days."""
    return monotony(daily_pattern(days))


def max_days_for_monotony(days: int) -> int:
    """The most training days whose canonical week stays under the monotony bound."""
    while days > 1 and weekly_monotony(days) > MONOTONY_BOUND:
        days -= 1
    return days


SESSION_MINUTES_BY_RUN_DISTANCE: Final = ((30_000.0, 180), (15_000.0, 150), (8_000.0, 120))
"""The longest session an athlete who did not say is assumed to have, by the longest running
race planned for: enough for that race's long run (150 min for the marathon)."""
DEFAULT_SESSION_MINUTES: Final = 90


def session_minutes(athlete: Athlete, goals: Sequence[GoalDefinition]) -> int:
    """The athlete's longest session: as given, else what the longest running race needs."""
    if athlete.max_session_minutes is not None:
        return athlete.max_session_minutes
    longest = max(
        (g.distance_m or 0.0 for g in goals if g.sport in ("run", "triathlon")), default=0.0
    )
    return next(
        (m for d, m in SESSION_MINUTES_BY_RUN_DISTANCE if longest >= d), DEFAULT_SESSION_MINUTES
    )


def time_budget_tss(days: int, session_minutes: int) -> float:
    """The most weekly load that fits in the athlete's schedule."""
    return days * session_minutes / 60.0 * TSS_PER_HOUR


def _lookup(rows: tuple[tuple[float, int], ...], distance_m: float) -> int:
    for threshold, value in rows:
        if distance_m >= threshold:
            return value
    return rows[-1][1]
