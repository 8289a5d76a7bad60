"""Running physiology for race plans (seed 004): VDOT from a race, race-time prediction, training
paces, and Riegel's formula as a cross-check.

Pure and deterministic: no I/O, no clock, no randomness, no mutable module state. Distances are
metres, times seconds, paces seconds per kilometre.

**VDOT** is Daniels & Gilbert's "pseudo VO2max": the VO2max that would explain a race result if the
runner's running economy were average (J. Daniels & J. Gilbert, *Oxygen Power: Performance Tables
for Distance Runners*, 1979; used for Tables 5.1/5.2 of *Daniels' Running Formula*, 3rd ed., 2014).
It rests on two fitted equations, with ``v`` the race velocity in metres per minute and ``t`` the
race duration in minutes:

- oxygen cost of running at ``v`` (ml O2 · kg⁻¹ · min⁻¹)::

      VO2(v) = -4.60 + 0.182258 · v + 0.000104 · v²

- the fraction of VO2max a runner can sustain for ``t`` minutes (the "drop-dead" curve)::

      %max(t) = 0.8 + 0.1894393 · e^(-0.012778 · t) + 0.2989558 · e^(-0.1932605 · t)

- and so, for a race of ``d`` metres run in ``t`` minutes (``v = d / t``)::

      VDOT = VO2(d / t) / %max(t)

**Prediction** inverts the last equation for ``t``. There is no closed form, so we bisect. VDOT
strictly falls as ``t`` grows (VO2 has elasticity above 1 in ``v`` while %max has elasticity far
below 1 in ``t``), so the root is unique. The bracket comes from the equations themselves:
%max lies in (0.8, 1.2883951) for every ``t > 0``, so at the solution VO2(v) lies between
0.8·VDOT and 1.2883951·VDOT; solving the quadratic VO2(v) = x for ``v`` at both ends gives a
slowest and a fastest velocity, hence a time bracket with the root strictly inside. A fixed
``_BISECTION_STEPS`` halvings then shrink it to well under a microsecond (deterministic, bounded).

**Training paces** run at a fixed fraction of VDOT: the velocity whose oxygen cost is that
fraction, ``v = (-b + sqrt(b² + 4a(x - c))) / 2a`` with ``x = fraction · VDOT`` (the positive root
of the VO2 quadratic), pace = 60 000 / v seconds per km.

- T (threshold) at 88 % and I (interval) at 97.5 % of VDOT, as Daniels describes them.
- M (marathon) is the predicted marathon time / 42.195 (Daniels' M is marathon race pace).
- E (easy) is a range, fast end at 72.9 % and slow end at 63.3 % of VDOT. Daniels gives E as
  roughly 59-74 % of VO2max, which is too wide to reproduce his table; these two fractions are
  the minimax fit (whole tenths of a percent) of his published E columns for VDOT 30-85: largest
  error 2.4 s/km at the fast end, 2.0 s/km at the slow end.
- R (repetition) is I pace minus a gap: the table's R 400 is 8 s faster than I 400 up to VDOT 47,
  7 s at 48-49 and 6 s from VDOT 50 (20, 17.5 and 15 s/km). We take 20 s/km up to VDOT 47,
  15 s/km from VDOT 50 and a straight line between, so R never slows as VDOT rises (a step at 50
  would make a VDOT 50 runner's R pace 5 s/km slower than a VDOT 49.9 runner's).

Validity: the equations were fitted to races from about 1500 m to the marathon; we accept 1 km to
50 km and VDOT 20-90 (a 5K in about 42:40 down to 12:00) and raise ``ValueError`` outside, because
beyond that the drop-dead curve is extrapolated and the numbers stop meaning anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

RACE_DISTANCES_M: Final[dict[str, float]] = {
    "1500m": 1500.0,
    "mile": 1609.344,
    "3000m": 3000.0,
    "2mile": 3218.688,
    "5k": 5000.0,
    "10k": 10000.0,
    "15k": 15000.0,
    "half_marathon": 21097.5,
    "marathon": 42195.0,
}
"""The race distances of Daniels' Table 5.1, in metres."""

MIN_VDOT: Final = 20.0
MAX_VDOT: Final = 90.0
MIN_DISTANCE_M: Final = 1_000.0
MAX_DISTANCE_M: Final = 50_000.0
RIEGEL_EXPONENT: Final = 1.06
"""Pete Riegel's fatigue exponent (Riegel, "Athletic records and human endurance", 1981)."""

# Oxygen cost of running, VO2(v) = _C + _B·v + _A·v², v in m/min.
_A: Final = 0.000104
_B: Final = 0.182258
_C: Final = -4.60

# The drop-dead curve's fastest possible fraction (t → 0) and its floor (t → ∞).
_PCT_CEILING: Final = 0.8 + 0.1894393 + 0.2989558
_PCT_FLOOR: Final = 0.8
_BISECTION_STEPS: Final = 50

_THRESHOLD_FRACTION: Final = 0.88
_INTERVAL_FRACTION: Final = 0.975
_EASY_FAST_FRACTION: Final = 0.729
_EASY_SLOW_FRACTION: Final = 0.633
_MARATHON_KM: Final = RACE_DISTANCES_M["marathon"] / 1000.0


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels' training intensities for one VDOT, in seconds per kilometre (lower is faster).

    ``easy`` is a range ``(fast, slow)``; the others are single paces.
    """

    easy: tuple[float, float]
    marathon: float
    threshold: float
    interval: float
    repetition: float


def vdot_from_race(distance_m: float, seconds: float) -> float:
    """The VDOT a race result implies: ``VO2(v) / %max(t)`` (see the module docstring).

    Raises ``ValueError`` for a distance outside 1-50 km, a time that is not a positive number,
    or a result that implies a VDOT outside 20-90 (the message gives the sensible time range).
    """
    _check_distance(distance_m)
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"seconds must be a positive number of seconds, got {seconds!r}")
    vdot = _vdot_at(distance_m, seconds / 60.0)
    if not MIN_VDOT <= vdot <= MAX_VDOT:
        fastest = _solve_minutes(MAX_VDOT, distance_m) * 60.0
        slowest = _solve_minutes(MIN_VDOT, distance_m) * 60.0
        raise ValueError(
            f"{clock(seconds)} for {distance_m:g} m implies VDOT {vdot:.1f}; the model covers "
            f"VDOT {MIN_VDOT:g}-{MAX_VDOT:g}, i.e. {clock(fastest)}-{clock(slowest)} for this "
            "distance (check the distance is in metres and the time in seconds)"
        )
    return vdot


def predict_race_seconds(vdot: float, distance_m: float) -> float:
    """The race time, in seconds, at which ``distance_m`` implies exactly ``vdot``.

    Solved by bisection in a bracket taken from the equations (see the module docstring).
    Raises ``ValueError`` for a VDOT outside 20-90 or a distance outside 1-50 km.
    """
    _check_vdot(vdot)
    _check_distance(distance_m)
    return _solve_minutes(vdot, distance_m) * 60.0


def training_paces(vdot: float) -> TrainingPaces:
    """E (range), M, T, I and R paces for ``vdot``, in seconds per km.

    How each is defined and calibrated against Daniels' Table 5.2 is in the module docstring.
    Raises ``ValueError`` for a VDOT outside 20-90.
    """
    _check_vdot(vdot)
    interval = _pace_at_fraction(vdot, _INTERVAL_FRACTION)
    return TrainingPaces(
        easy=(
            _pace_at_fraction(vdot, _EASY_FAST_FRACTION),
            _pace_at_fraction(vdot, _EASY_SLOW_FRACTION),
        ),
        marathon=_solve_minutes(vdot, RACE_DISTANCES_M["marathon"]) * 60.0 / _MARATHON_KM,
        threshold=_pace_at_fraction(vdot, _THRESHOLD_FRACTION),
        interval=interval,
        repetition=interval - _repetition_gap(vdot),
    )


def riegel_seconds(
    known_distance_m: float,
    known_seconds: float,
    target_distance_m: float,
    exponent: float = RIEGEL_EXPONENT,
) -> float:
    """Riegel's prediction ``t2 = t1 · (d2 / d1) ** exponent``: a second opinion on the VDOT
    prediction that needs no physiology, only one race.

    Raises ``ValueError`` for distances outside 1-50 km, a time that is not a positive number,
    or an exponent outside 1.0-1.2 (running fits fall around 1.05-1.08).
    """
    _check_distance(known_distance_m, name="known_distance_m")
    _check_distance(target_distance_m, name="target_distance_m")
    if not (math.isfinite(known_seconds) and known_seconds > 0):
        raise ValueError(
            f"known_seconds must be a positive number of seconds, got {known_seconds!r}"
        )
    if not 1.0 <= exponent <= 1.2:
        raise ValueError(f"exponent must be between 1.0 and 1.2 (Riegel: 1.06), got {exponent!r}")
    return known_seconds * math.pow(target_distance_m / known_distance_m, exponent)


def _vdot_at(distance_m: float, minutes: float) -> float:
    """VDOT for ``distance_m`` run in ``minutes`` (no validation)."""
    return _oxygen_cost(distance_m / minutes) / _sustainable_fraction(minutes)


def _oxygen_cost(velocity: float) -> float:
    """Daniels-Gilbert oxygen cost (ml/kg/min) of running at ``velocity`` m/min."""
    return _C + _B * velocity + _A * velocity * velocity


def _sustainable_fraction(minutes: float) -> float:
    """Daniels-Gilbert drop-dead curve: the fraction of VO2max sustainable for ``minutes``."""
    return (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def _velocity_at(oxygen_cost: float) -> float:
    """The velocity (m/min) whose oxygen cost is ``oxygen_cost``: the quadratic's positive root."""
    return (-_B + math.sqrt(_B * _B + 4.0 * _A * (oxygen_cost - _C))) / (2.0 * _A)


def _pace_at_fraction(vdot: float, fraction: float) -> float:
    """Seconds per km at the velocity costing ``fraction`` of ``vdot``."""
    return 60_000.0 / _velocity_at(fraction * vdot)


def _solve_minutes(vdot: float, distance_m: float) -> float:
    """Race minutes for ``distance_m`` at ``vdot``, by bisection (no validation).

    At the root %max is inside (0.8, _PCT_CEILING), so the runner's velocity lies between the
    velocities costing 0.8·VDOT and _PCT_CEILING·VDOT: the time bracket below contains the root,
    and VDOT falls strictly with time inside it.
    """
    fast = distance_m / _velocity_at(_PCT_CEILING * vdot)
    slow = distance_m / _velocity_at(_PCT_FLOOR * vdot)
    for _ in range(_BISECTION_STEPS):
        middle = (fast + slow) / 2.0
        if _vdot_at(distance_m, middle) > vdot:
            fast = middle
        else:
            slow = middle
    return (fast + slow) / 2.0


def _repetition_gap(vdot: float) -> float:
    """How much faster R is than I, in s/km: 20 up to VDOT 47, 15 from 50, linear between."""
    low, high, wide, narrow = 47.0, 50.0, 20.0, 15.0
    if vdot <= low:
        return wide
    if vdot >= high:
        return narrow
    return wide + (narrow - wide) * (vdot - low) / (high - low)


def _check_vdot(vdot: float) -> None:
    if not (math.isfinite(vdot) and MIN_VDOT <= vdot <= MAX_VDOT):
        raise ValueError(
            f"vdot must be between {MIN_VDOT:g} and {MAX_VDOT:g} (a 5K in about 42:40 to 12:00), "
            f"got {vdot!r}"
        )


def _check_distance(distance_m: float, name: str = "distance_m") -> None:
    if not (math.isfinite(distance_m) and MIN_DISTANCE_M <= distance_m <= MAX_DISTANCE_M):
        raise ValueError(
            f"{name} must be between {MIN_DISTANCE_M:g} and {MAX_DISTANCE_M:g} metres, got "
            f"{distance_m!r} (pass metres, e.g. RACE_DISTANCES_M['half_marathon'] = 21097.5)"
        )


def clock(seconds: float) -> str:
    """``h:mm:ss`` from one hour, ``m:ss`` below; rounded to the second."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
