"""The load model: session stress on its published scales, the CTL/ATL update as documented, and
Foster's durability measures."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.plans.load import (
    MONOTONY_CAP,
    LoadState,
    acwr,
    monotony,
    power_tss,
    ramp_percent,
    running_tss,
    srpe_load,
    srpe_tss_equivalent,
    steady_state,
    step_day,
    step_days,
    step_week,
    strain,
    swim_tss,
    weekly_tss_for_ctl_gain,
)


def test_an_hour_at_threshold_is_100_points_in_every_sport() -> None:
    assert running_tss(3600, 240, 240) == pytest.approx(100.0)
    assert power_tss(3600, 250, 250) == pytest.approx(100.0)
    assert swim_tss(3600, 95, 95) == pytest.approx(100.0)


def test_faster_than_threshold_scores_more_than_time_alone() -> None:
    # 30 min at 10 % faster than threshold pace: IF = 1/0.9.
    assert running_tss(1800, 216, 240) == pytest.approx(50 / 0.81)
    # An easy hour at 75 % of FTP is 56.25.
    assert power_tss(3600, 187.5, 250) == pytest.approx(56.25)
    # Swimming cubes intensity: 10 % slower than threshold for an hour.
    assert swim_tss(3600, 100, 90) == pytest.approx(0.9**3 * 100)


def test_session_rpe_is_rating_times_minutes() -> None:
    assert srpe_load(6, 45 * 60) == pytest.approx(270.0)
    assert srpe_tss_equivalent(440.0) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: running_tss(0, 300, 240), "duration_s must be a positive number"),
        (lambda: running_tss(3600, math.nan, 240), "pace must be a positive number"),
        (lambda: power_tss(3600, 200, -1), "ftp must be a positive number"),
        (lambda: srpe_load(11, 600), "rpe must be on the 0-10 scale"),
    ],
)
def test_bad_session_inputs_say_which_value_is_wrong(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


def test_one_day_update_uses_the_published_gains() -> None:
    state = step_day(LoadState(ctl=50.0, atl=70.0), 100.0)
    assert state.ctl == pytest.approx(50 + 50 / 42)
    assert state.atl == pytest.approx(70 + 30 / 7)
    assert LoadState(ctl=50.0, atl=70.0).tsb == pytest.approx(-20.0)


@given(
    ctl=st.floats(0, 200),
    atl=st.floats(0, 300),
    weekly=st.floats(0, 2000),
)
def test_a_week_step_is_seven_even_days(ctl: float, atl: float, weekly: float) -> None:
    start = LoadState(ctl=ctl, atl=atl)
    by_days = step_days(start, [weekly / 7] * 7)
    by_week = step_week(start, weekly)
    assert by_week.ctl == pytest.approx(by_days.ctl, rel=1e-12, abs=1e-9)
    assert by_week.atl == pytest.approx(by_days.atl, rel=1e-12, abs=1e-9)


@given(weekly=st.floats(0, 2000))
def test_steady_state_is_a_fixed_point(weekly: float) -> None:
    state = steady_state(weekly)
    after = step_week(state, weekly)
    assert after.ctl == pytest.approx(state.ctl, abs=1e-9)
    assert after.atl == pytest.approx(state.atl, abs=1e-9)
    assert after.tsb == pytest.approx(0.0, abs=1e-9)


def test_a_hard_week_raises_fatigue_faster_than_fitness() -> None:
    before = steady_state(350.0)
    after = step_week(before, 500.0)
    assert after.atl - before.atl > after.ctl - before.ctl > 0
    assert after.tsb < 0


def test_ramp_percent() -> None:
    assert ramp_percent(400, 440) == pytest.approx(10.0)
    assert ramp_percent(400, 300) == pytest.approx(-25.0)
    assert ramp_percent(0, 50) == 100.0
    assert ramp_percent(0, 0) == 0.0


def test_monotony_and_strain_follow_foster() -> None:
    week = [60, 0, 80, 40, 0, 120, 50]
    mean = sum(week) / 7
    sd = math.sqrt(sum((x - mean) ** 2 for x in week) / 7)
    assert monotony(week) == pytest.approx(mean / sd)
    assert strain(week) == pytest.approx(sum(week) * mean / sd)
    assert monotony([50] * 7) == MONOTONY_CAP
    assert monotony([0] * 7) == 0.0
    with pytest.raises(ValueError, match="7 daily loads"):
        monotony([1, 2, 3])


def test_acwr_compares_the_last_week_to_the_month() -> None:
    steady = [50.0] * 28
    assert acwr(steady) == pytest.approx(1.0)
    spike = [50.0] * 21 + [100.0] * 7
    assert acwr(spike) == pytest.approx(700 / ((21 * 50 + 700) / 4))
    assert acwr([0.0] * 28) is None
    with pytest.raises(ValueError, match="28 daily loads"):
        acwr([1.0] * 7)


@given(
    st.floats(min_value=0, max_value=200, allow_nan=False),
    st.floats(min_value=-20, max_value=20, allow_nan=False),
)
def test_the_load_for_a_ctl_gain_is_the_inverse_of_a_week(ctl: float, gain: float) -> None:
    after = step_week(LoadState(ctl=ctl, atl=ctl), weekly_tss_for_ctl_gain(ctl, gain))
    assert after.ctl == pytest.approx(ctl + gain, abs=1e-9)
