"""Performance models: predictions per sport, the gain model, and targets against them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.plans.model import Athlete, GoalDefinition
from plugins.plans.performance import (
    achievable_gain,
    baseline,
    predict_event_seconds,
    predict_seconds,
    required_gain_for_time,
    sustainable_power_fraction,
)
from plugins.plans.targets import completion_pct, project_target, required_gain
from plugins.plans.vdot import predict_race_seconds, vdot_from_race

INDEX = {"run": 45.0, "bike": 250.0, "swim": 1.0}


def test_running_uses_daniels_and_extends_beyond_50_km_by_riegel() -> None:
    assert predict_seconds("run", 45.0, 42_195) == pytest.approx(predict_race_seconds(45, 42_195))
    fifty = predict_race_seconds(45, 50_000)
    assert predict_seconds("run", 45.0, 100_000) == pytest.approx(fifty * 2**1.06)


def test_a_40_km_time_trial_at_250_w_takes_about_an_hour() -> None:
    assert 3300 < predict_seconds("bike", 250.0, 40_000) < 4200
    assert predict_seconds("bike", 300.0, 40_000) < predict_seconds("bike", 250.0, 40_000)
    assert sustainable_power_fraction(3600) == pytest.approx(1.0)
    assert sustainable_power_fraction(5 * 3600) == pytest.approx(5**-0.1)


def test_swimming_holds_css_pace_for_1500_m() -> None:
    assert predict_seconds("swim", 1.0, 1500) == pytest.approx(1500.0)
    assert predict_seconds("swim", 1.0, 3800) > 3800.0


def test_a_triathlon_sums_its_legs_and_transitions() -> None:
    legs = (
        predict_seconds("swim", 1.0, 1500)
        + predict_seconds("bike", 250.0, 40_000)
        + predict_seconds("run", 45.0, 10_000)
    )
    assert predict_event_seconds("triathlon", INDEX, 0.0, 51_500) == pytest.approx(legs + 240)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["run", "bike", "swim", "triathlon"]),
    st.floats(min_value=-0.3, max_value=0.5),
)
def test_required_gain_inverts_the_prediction(sport: str, gain: float) -> None:
    distance = {"run": 21_097.5, "bike": 100_000.0, "swim": 3_800.0, "triathlon": 51_500.0}[sport]
    seconds = predict_event_seconds(sport, INDEX, gain, distance)  # type: ignore[arg-type]
    found = required_gain_for_time(sport, INDEX, distance, seconds)  # type: ignore[arg-type]
    assert found == pytest.approx(gain, abs=1e-6)


def test_achievable_gain_grows_with_time_and_load_and_shrinks_with_level() -> None:
    assert achievable_gain("novice", 0, 1.0) == 0.0
    assert achievable_gain("novice", 8, 1.0) < achievable_gain("novice", 16, 1.0) < 0.10
    assert achievable_gain("novice", 12, 0.5) < achievable_gain("novice", 12, 1.0)
    assert achievable_gain("novice", 12, 5.0) == achievable_gain("novice", 12, 1.25)
    assert achievable_gain("elite", 12, 1.0) < achievable_gain("beginner", 12, 1.0)


def test_the_baseline_comes_from_a_race_or_the_level_default() -> None:
    athlete = Athlete.model_validate(
        {"level": "novice", "run": {"recent_race": {"distance_m": 10_000, "seconds": 2700}}}
    )
    base = baseline(athlete)
    assert base.index["run"] == pytest.approx(vdot_from_race(10_000, 2700))
    assert base.assumed == frozenset({"bike", "swim"})


def _goal(**fields: object) -> GoalDefinition:
    return GoalDefinition.model_validate(
        {"id": "g", "event_date_iso": "2026-06-01", "priority": "A", **fields}
    )


def test_targets_project_in_their_own_units() -> None:
    ride = _goal(sport="bike", distance_m=100_000, targets=[{"kind": "power", "value_watts": 240}])
    power = ride.targets[0]
    assert required_gain(ride, power, INDEX) > 0.0  # 240 W for ~3 h needs more than FTP 250
    projected = project_target(ride, power, INDEX, 0.0, 90.0)
    assert projected.value == pytest.approx(
        250 * sustainable_power_fraction(predict_seconds("bike", 250, 100_000))
    )
    assert projected.gap == pytest.approx(240 - projected.value)
    run = _goal(
        sport="run", distance_m=10_000, targets=[{"kind": "pace", "value_seconds_per_km": 300}]
    )
    pace = project_target(run, run.targets[0], INDEX, 0.0, 90.0)
    assert pace.value == pytest.approx(predict_race_seconds(45, 10_000) / 10)
    assert pace.gap is None and pace.satisfaction == 1.0


def test_completion_probability_follows_the_share_of_demand_reached() -> None:
    assert completion_pct(1.0, False) == pytest.approx(97.0)
    assert completion_pct(2.0, False) == pytest.approx(97.0)
    assert completion_pct(0.0, False) == pytest.approx(10.0)
    assert completion_pct(1.0, True) == pytest.approx(97.0 * 0.9)
