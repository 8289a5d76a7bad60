"""Performance models: what an athlete can do at a distance today, how much that can improve by
an event, and how much improvement a target needs (the performance gap of seed 002's GDI).

Pure; distances in metres, times in seconds.

Each sport has one **performance index** that scales with fitness:

- run: VDOT (``vdot.py``, Daniels & Gilbert). Prediction uses ``predict_race_seconds``; beyond
  the model's 1-50 km it extends by Riegel's formula from the nearest end.
- bike: FTP in watts. A rider on flat roads needs ``P(v) = (½ρ·CdA·v³ + Crr·m·g·v) / η`` (standard
  road-load equation; ρ 1.2 kg/m³, CdA 0.32 m², Crr 0.005, 85 kg rider and bike, drivetrain 97 %:
  an amateur on a road bike on the hoods). What a rider sustains for ``t`` hours is
  ``FTP · t^-0.10`` (FTP is the one-hour power; the exponent is our calibration of the usual
  power-duration curve: about 93 % of FTP for 2 h, 85 % for 5 h).
- swim: threshold speed in m/s (100 / CSS pace). CSS pace is taken as sustainable for 1500 m and
  other distances follow Riegel's exponent 1.06 from there.
- triathlon: the three legs (standard distances by total, ``TRIATHLON_LEGS_M``) plus transitions.

**Achievable gain** over ``w`` weeks: ``G[level] · (1 - e^(-w/12)) · stimulus``. ``G`` is the
improvement of an aerobic index a structured plan can bring at each level: beginners 15 %,
novices 10 %, experienced 5 %, elites 2.5 %. These follow the training-study literature's broad
pattern (untrained adults gain 15-20 % VO2max in 3-6 months; trained athletes a few percent a
season; e.g. Bacon et al., "VO2max trainability and high intensity interval training in humans: a
meta-analysis", PLoS ONE 2013), rounded down because a race index also needs economy and pacing.
The 12-week time constant says most of that gain comes in the first three months (the same
studies plateau after about 12 weeks). ``stimulus`` is the plan's peak chronic load over the
level's reference load (the middle of its safe band), capped at 1.25: a plan that stays far under
the level's usual load earns less, and piling on load beyond it earns little more.

A target's **required gain** is the uniform index improvement at which the prediction meets it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from plugins.plans import vdot
from plugins.plans.model import Athlete, GoalSport, Level, LoadSport

GAIN_CEILING: Final[dict[Level, float]] = {
    "beginner": 0.15,
    "novice": 0.10,
    "experienced": 0.05,
    "elite": 0.025,
}
GAIN_WEEKS_CONSTANT: Final = 12.0
STIMULUS_CAP: Final = 1.25

DEFAULT_INDEX: Final[dict[LoadSport, dict[Level, float]]] = {
    "run": {"beginner": 32.0, "novice": 38.0, "experienced": 47.0, "elite": 62.0},
    "bike": {"beginner": 150.0, "novice": 190.0, "experienced": 250.0, "elite": 330.0},
    "swim": {"beginner": 100 / 150.0, "novice": 100 / 120.0, "experienced": 1.0, "elite": 1.25},
}
"""Assumed index when none is given: typical values for the level (VDOT; FTP watts for an ~75 kg
amateur; swim speed m/s from CSS 2:30, 2:00, 1:40, 1:20 per 100 m). Our calibration, and flagged
as assumed wherever used."""

TRIATHLON_LEGS_M: Final[tuple[tuple[float, tuple[float, float, float], float], ...]] = (
    (25_750.0, (750.0, 20_000.0, 5_000.0), 180.0),
    (51_500.0, (1_500.0, 40_000.0, 10_000.0), 240.0),
    (113_000.0, (1_900.0, 90_000.0, 21_100.0), 360.0),
    (226_000.0, (3_800.0, 180_000.0, 42_200.0), 600.0),
)
"""Standard triathlons: total metres, (swim, bike, run) metres, transition seconds (our estimate
of T1 + T2 for an amateur)."""

# Road-load equation constants (see the module docstring).
_RHO: Final = 1.2
_CDA: Final = 0.32
_CRR: Final = 0.005
_MASS: Final = 85.0
_G: Final = 9.81
_ETA: Final = 0.97
_POWER_DURATION_EXPONENT: Final = -0.10
_SWIM_REFERENCE_M: Final = 1_500.0
_BISECTION_STEPS: Final = 48


@dataclass(frozen=True, slots=True)
class Baseline:
    """Today's index per sport, and whether each was assumed from the level."""

    index: dict[LoadSport, float]
    assumed: frozenset[LoadSport]


def baseline(athlete: Athlete) -> Baseline:
    """Today's index in every sport: given, derived from a race, or the level's default."""
    index: dict[LoadSport, float] = {}
    assumed: set[LoadSport] = set()
    run = athlete.run
    if run is not None and run.vdot is not None:
        index["run"] = run.vdot
    elif run is not None and run.recent_race is not None:
        race = run.recent_race
        index["run"] = _vdot_of_race(race.distance_m, race.seconds)
    if athlete.bike is not None and athlete.bike.ftp_watts is not None:
        index["bike"] = athlete.bike.ftp_watts
    swim = athlete.swim
    if swim is not None and swim.threshold_pace_s_per_100m is not None:
        index["swim"] = 100.0 / swim.threshold_pace_s_per_100m
    for sport in ("bike", "run", "swim"):
        if sport not in index:
            index[sport] = DEFAULT_INDEX[sport][athlete.level]
            assumed.add(sport)
    return Baseline(index=index, assumed=frozenset(assumed))


def achievable_gain(level: Level, weeks: float, stimulus: float) -> float:
    """The index improvement (a fraction) a plan can bring by the event (module docstring)."""
    if weeks <= 0:
        return 0.0
    stimulus = min(max(stimulus, 0.0), STIMULUS_CAP)
    return GAIN_CEILING[level] * (1.0 - math.exp(-weeks / GAIN_WEEKS_CONSTANT)) * stimulus


def predict_seconds(sport: LoadSport, index: float, distance_m: float) -> float:
    """Race time at ``distance_m`` for an athlete with performance ``index`` in ``sport``."""
    if sport == "run":
        return _run_seconds(index, distance_m)
    if sport == "bike":
        return _bike_seconds(index, distance_m)
    return float(distance_m / index * (distance_m / _SWIM_REFERENCE_M) ** 0.06)


def triathlon_legs(distance_m: float) -> tuple[tuple[float, float, float], float]:
    """The standard triathlon nearest to ``distance_m``: leg distances and transition seconds."""
    nearest = min(TRIATHLON_LEGS_M, key=lambda row: (abs(math.log(row[0] / distance_m)), row[0]))
    return nearest[1], nearest[2]


def predict_event_seconds(
    sport: GoalSport, index: dict[LoadSport, float], gain: float, distance_m: float
) -> float:
    """Event time with every index raised by ``gain``."""
    if sport != "triathlon":
        return predict_seconds(sport, index[sport] * (1.0 + gain), distance_m)
    legs, transitions = triathlon_legs(distance_m)
    order: tuple[LoadSport, LoadSport, LoadSport] = ("swim", "bike", "run")
    total = transitions
    for leg_sport, leg_m in zip(order, legs, strict=True):
        total += predict_seconds(leg_sport, index[leg_sport] * (1.0 + gain), leg_m)
    return total


def sustainable_power_fraction(seconds: float) -> float:
    """Fraction of FTP a rider holds for ``seconds`` (1 h → 1.0)."""
    return float((max(seconds, 600.0) / 3600.0) ** _POWER_DURATION_EXPONENT)


def required_gain_for_time(
    sport: GoalSport, index: dict[LoadSport, float], distance_m: float, seconds: float
) -> float:
    """The uniform index improvement at which the event time equals ``seconds``.

    Event time falls strictly as the index rises, so bisection on the gain finds it. Outside
    ``[-0.9, 9]`` the answer is clamped: beyond a tenfold index no target is meaningful.
    """
    low, high = -0.9, 9.0
    if predict_event_seconds(sport, index, high, distance_m) > seconds:
        return high
    if predict_event_seconds(sport, index, low, distance_m) < seconds:
        return low
    for _ in range(_BISECTION_STEPS):
        middle = (low + high) / 2.0
        if predict_event_seconds(sport, index, middle, distance_m) > seconds:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def _vdot_of_race(distance_m: float, seconds: float) -> float:
    """VDOT of a race, held inside the model's range (a result beyond it pins to the edge)."""
    try:
        return vdot.vdot_from_race(distance_m, seconds)
    except ValueError:
        fastest = vdot.predict_race_seconds(vdot.MAX_VDOT, distance_m)
        return vdot.MAX_VDOT if seconds < fastest else vdot.MIN_VDOT


def _run_seconds(index: float, distance_m: float) -> float:
    """Running time; outside VDOT 20-90 or 1-50 km the nearest valid prediction is scaled
    (time inversely with VDOT beyond the range, Riegel beyond the distances)."""
    clamped = min(max(index, vdot.MIN_VDOT), vdot.MAX_VDOT)
    distance = min(max(distance_m, vdot.MIN_DISTANCE_M), vdot.MAX_DISTANCE_M)
    seconds = vdot.predict_race_seconds(clamped, distance) * clamped / index
    if distance != distance_m:
        seconds *= (distance_m / distance) ** vdot.RIEGEL_EXPONENT
    return float(seconds)


def _road_power(velocity: float) -> float:
    """Watts needed at ``velocity`` m/s on flat road (road-load equation)."""
    return (0.5 * _RHO * _CDA * velocity**3 + _CRR * _MASS * _G * velocity) / _ETA


def _bike_seconds(ftp: float, distance_m: float) -> float:
    """Time at which the power the pace needs equals the power sustainable for that long."""
    fast, slow = distance_m / 25.0, distance_m / 1.0
    for _ in range(_BISECTION_STEPS):
        middle = (fast + slow) / 2.0
        needed = _road_power(distance_m / middle)
        if needed > ftp * sustainable_power_fraction(middle):
            fast = middle
        else:
            slow = middle
    return (fast + slow) / 2.0
