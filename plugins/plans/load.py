"""Training load (seed 002 "Domain Model", issue 5 item 2): how hard a session was, and what a run
of sessions does to fitness and fatigue.

Pure and deterministic: no I/O, no clock, no randomness. Durations are seconds, paces seconds per
kilometre, power watts, loads in TSS points (or session-RPE arbitrary units where said).

**Session stress.** Every form scores one hour at threshold as 100 points:

- running (rTSS): ``hours · IF² · 100`` with ``IF = threshold pace / session pace`` (a pace is
  time per distance, so a faster session has IF > 1);
- power (TSS, Coggan): ``hours · IF² · 100`` with ``IF = NP / FTP``;
- swimming (sTSS): ``hours · IF³ · 100`` with ``IF = threshold pace / session pace`` per 100 m;
  water resistance grows with the cube of speed, hence the cube;
- session-RPE (Foster): ``RPE (CR-10) · minutes`` in arbitrary units (AU), used where nothing
  else is known. ``srpe_tss_equivalent`` maps AU onto the TSS scale (about 4.4 AU per point, the
  ratio of seed 002's swimming ranges to its running ranges) so mixed-sport weeks can be summed.

**Fitness and fatigue** (Banister's impulse-response model in Coggan's "Performance Manager"
form). With ``TSS_d`` the load of day ``d``::

    CTL_d = CTL_{d-1} + (TSS_d - CTL_{d-1}) / 42      (chronic load, "fitness")
    ATL_d = ATL_{d-1} + (TSS_d - ATL_{d-1}) / 7       (acute load, "fatigue")
    TSB_d = CTL_{d-1} - ATL_{d-1}                      (balance, "form", before day d's session)

The 1/τ gain (rather than ``1 - e^(-1/τ)``) is the form TrainingPeaks and WKO publish, so our
numbers read the same as the ones athletes already know. TSB is taken before the day's session:
the form you bring to it.

**Durability.** Foster's monotony is the mean of a week's daily loads over their standard
deviation (population form), strain is the week's load times its monotony; both are capped at
``MONOTONY_CAP`` because identical loads every day would otherwise divide by zero. ACWR is the
coupled rolling-average form: the last 7 days' load over the mean weekly load of the last 28.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

CTL_DAYS: Final = 42
ATL_DAYS: Final = 7
MONOTONY_CAP: Final = 10.0
"""Monotony of a week with no day-to-day variation at all (the formula divides by zero)."""
SRPE_AU_PER_TSS: Final = 4.4
"""Session-RPE units per TSS point: seed 002's swimming ranges (AU) over its running ranges
(TSS), level by level, are 3.4-5.4 with 4.4 in the middle."""


@dataclass(frozen=True, slots=True)
class LoadState:
    """Fitness (CTL) and fatigue (ATL) at the end of a day; ``tsb`` is the form that follows."""

    ctl: float = 0.0
    atl: float = 0.0

    @property
    def tsb(self) -> float:
        return self.ctl - self.atl


def running_tss(duration_s: float, pace_s_per_km: float, threshold_pace_s_per_km: float) -> float:
    """rTSS of a run at an (ideally grade-adjusted) average pace."""
    _check_positive(duration_s=duration_s, pace=pace_s_per_km, threshold=threshold_pace_s_per_km)
    intensity = threshold_pace_s_per_km / pace_s_per_km
    return duration_s / 3600.0 * intensity * intensity * 100.0


def power_tss(duration_s: float, normalized_power_w: float, ftp_w: float) -> float:
    """Coggan's TSS from normalized power and functional threshold power."""
    _check_positive(duration_s=duration_s, normalized_power=normalized_power_w, ftp=ftp_w)
    intensity = normalized_power_w / ftp_w
    return duration_s / 3600.0 * intensity * intensity * 100.0


def swim_tss(duration_s: float, pace_s_per_100m: float, threshold_pace_s_per_100m: float) -> float:
    """sTSS of a swim: the cube of intensity, because drag grows with the cube of speed."""
    _check_positive(
        duration_s=duration_s, pace=pace_s_per_100m, threshold=threshold_pace_s_per_100m
    )
    intensity = threshold_pace_s_per_100m / pace_s_per_100m
    return duration_s / 3600.0 * intensity**3 * 100.0


def srpe_load(rpe: float, duration_s: float) -> float:
    """Foster's session-RPE load in AU: CR-10 rating times minutes."""
    if not (math.isfinite(rpe) and 0.0 <= rpe <= 10.0):
        raise ValueError(f"rpe must be on the 0-10 scale, got {rpe!r}")
    _check_positive(duration_s=duration_s)
    return rpe * duration_s / 60.0


def srpe_tss_equivalent(load_au: float) -> float:
    """Session-RPE AU on the TSS scale, so it can be summed with other sports' stress."""
    return load_au / SRPE_AU_PER_TSS


def step_day(state: LoadState, tss: float) -> LoadState:
    """The state after one day with ``tss`` of load (0 for a rest day)."""
    return LoadState(
        ctl=state.ctl + (tss - state.ctl) / CTL_DAYS,
        atl=state.atl + (tss - state.atl) / ATL_DAYS,
    )


def step_days(state: LoadState, daily_tss: Sequence[float]) -> LoadState:
    """The state after a run of days, in order."""
    for tss in daily_tss:
        state = step_day(state, tss)
    return state


_CTL_KEEP_WEEK: Final = (1.0 - 1.0 / CTL_DAYS) ** 7
_ATL_KEEP_WEEK: Final = (1.0 - 1.0 / ATL_DAYS) ** 7


def step_week(state: LoadState, weekly_tss: float) -> LoadState:
    """The state after a week whose load is spread evenly over its 7 days.

    The closed form of seven ``step_day`` calls with ``weekly_tss / 7`` each, which planners call
    thousands of times per solve.
    """
    daily = weekly_tss / 7.0
    return LoadState(
        ctl=state.ctl * _CTL_KEEP_WEEK + daily * (1.0 - _CTL_KEEP_WEEK),
        atl=state.atl * _ATL_KEEP_WEEK + daily * (1.0 - _ATL_KEEP_WEEK),
    )


def weekly_tss_for_ctl_gain(ctl: float, gain: float) -> float:
    """The evenly spread weekly load that raises CTL by exactly ``gain`` points in one week.

    The inverse of ``step_week`` for CTL: planners use it to turn a CTL ramp limit into a load
    limit without searching.
    """
    return 7.0 * (ctl + gain / (1.0 - _CTL_KEEP_WEEK))


def steady_state(weekly_tss: float) -> LoadState:
    """The state of an athlete who has trained ``weekly_tss`` every week for a long time.

    Where we know only a recent weekly average, this is the honest starting point.
    """
    daily = weekly_tss / 7.0
    return LoadState(ctl=daily, atl=daily)


def ramp_percent(previous_week_tss: float, week_tss: float) -> float:
    """Week-on-week load change in percent; growth from nothing counts as +100 %."""
    if previous_week_tss <= 0.0:
        return 100.0 if week_tss > 0.0 else 0.0
    return (week_tss / previous_week_tss - 1.0) * 100.0


def monotony(daily_tss: Sequence[float]) -> float:
    """Foster's monotony of a week: mean daily load over its standard deviation."""
    if len(daily_tss) != 7:
        raise ValueError(f"monotony needs the 7 daily loads of one week, got {len(daily_tss)}")
    mean = sum(daily_tss) / 7.0
    if mean <= 0.0:
        return 0.0
    spread = math.sqrt(sum((x - mean) ** 2 for x in daily_tss) / 7.0)
    if spread <= 0.0:
        return MONOTONY_CAP
    return min(mean / spread, MONOTONY_CAP)


def strain(daily_tss: Sequence[float]) -> float:
    """Foster's strain of a week: its total load times its monotony."""
    return sum(daily_tss) * monotony(daily_tss)


def acwr(daily_tss: Sequence[float]) -> float | None:
    """Acute:chronic workload ratio of the last 28 days (oldest first), or None without a base.

    Coupled rolling averages: the last 7 days over the mean week of all 28.
    """
    if len(daily_tss) != 28:
        raise ValueError(f"acwr needs the last 28 daily loads, got {len(daily_tss)}")
    chronic = sum(daily_tss) / 4.0
    if chronic <= 0.0:
        return None
    return sum(daily_tss[-7:]) / chronic


def _check_positive(**values: float) -> None:
    for name, value in values.items():
        if not (math.isfinite(value) and value > 0.0):
            raise ValueError(f"{name} must be a positive number, got {value!r}")
