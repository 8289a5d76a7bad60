"""Target satisfaction curves, goal scores and the A/B/C plan score (seed 002 "Multi-Goal and
Multi-Target Objective Model")."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.plans.satisfaction import (
    curve,
    goal_score,
    goal_weights,
    higher_is_better,
    lower_is_better,
    plan_score,
    probability,
    tier_weights,
)


def test_a_met_target_is_fully_satisfied() -> None:
    assert lower_is_better(7200, 7100, None) == 1.0
    assert lower_is_better(7200, 7200, 60) == 1.0
    assert higher_is_better(250, 260, None) == 1.0
    assert probability(80, 85) == 1.0


def test_inside_the_tolerance_satisfaction_decays_smoothly_to_0_7() -> None:
    assert lower_is_better(7200, 7230, 60) == pytest.approx(1 - 0.3 * 0.25)
    assert lower_is_better(7200, 7260, 60) == pytest.approx(0.7)
    # The default tolerance of a time is 2 % of the target.
    assert lower_is_better(7200, 7200 * 1.02, None) == pytest.approx(0.7)


def test_beyond_the_tolerance_satisfaction_drops_sharply() -> None:
    # Default tolerance (2 % = 144 s): one scale (5 % = 360 s) past it is a clear miss.
    at_edge = lower_is_better(7200, 7344, None)
    one_scale_on = lower_is_better(7200, 7344 + 360, None)
    assert one_scale_on == pytest.approx(0.7 * math.exp(-3.0))
    assert one_scale_on < at_edge / 10
    # Past the edge the curve falls faster than just inside it, whatever the tolerance.
    for tolerance in (10.0, 60.0, 144.0, 600.0):
        inside = lower_is_better(7200, 7200 + tolerance - 1, tolerance) - lower_is_better(
            7200, 7200 + tolerance, tolerance
        )
        beyond = lower_is_better(7200, 7200 + tolerance, tolerance) - lower_is_better(
            7200, 7200 + tolerance + 1, tolerance
        )
        assert beyond > inside


def test_the_curve_is_continuous_at_the_tolerance_edge() -> None:
    assert curve(10.0 - 1e-9, 10.0, 100.0) == pytest.approx(curve(10.0 + 1e-9, 10.0, 100.0))


def test_a_zero_tolerance_means_any_miss_is_beyond_it() -> None:
    assert curve(1.0, 0.0, 100.0) < 0.7


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=600, max_value=40_000),
    st.floats(min_value=600, max_value=40_000),
    st.floats(min_value=0.5, max_value=0.999),
    st.one_of(st.none(), st.floats(min_value=0, max_value=600)),
)
def test_a_harder_time_target_never_scores_higher(
    target: float, projected: float, harder: float, tolerance: float | None
) -> None:
    assert lower_is_better(target * harder, projected, tolerance) <= lower_is_better(
        target, projected, tolerance
    )


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=50, max_value=500),
    st.floats(min_value=50, max_value=500),
    st.floats(min_value=1.001, max_value=2.0),
    st.one_of(st.none(), st.floats(min_value=0, max_value=50)),
)
def test_a_harder_power_or_probability_target_never_scores_higher(
    target: float, projected: float, harder: float, tolerance: float | None
) -> None:
    assert higher_is_better(target * harder, projected, tolerance) <= higher_is_better(
        target, projected, tolerance
    )
    pct, wanted = min(projected / 5, 100), min(target / 5, 100)
    assert probability(min(wanted * harder, 100), pct) <= probability(wanted, pct)


def test_goal_score_normalises_target_weights() -> None:
    assert goal_score([(1, 1.0), (1, 0.0)]) == pytest.approx(0.5)
    assert goal_score([(3, 1.0), (1, 0.0)]) == pytest.approx(0.75)
    assert goal_score([(30, 1.0), (10, 0.0)]) == pytest.approx(0.75)


def test_tier_weights_put_a_before_b_before_c_and_renormalise() -> None:
    weights = tier_weights(["A", "B", "C"])
    assert weights["A"] > weights["B"] > weights["C"]
    assert sum(weights.values()) == pytest.approx(1.0)
    assert tier_weights(["B", "C"]) == pytest.approx({"B": 0.75, "C": 0.25})
    assert tier_weights(["C"]) == {"C": 1.0}


def test_plan_score_is_tier_weighted_means_of_goal_scores() -> None:
    # Seed: wA·mean(A) + wB·mean(B) + wC·mean(C).
    score = plan_score([("A", 1, 1.0), ("A", 1, 0.5), ("B", 1, 0.0), ("C", 1, 1.0)])
    assert score == pytest.approx(0.6 * 0.75 + 0.3 * 0.0 + 0.1 * 1.0)


def test_a_perfect_a_goal_outweighs_perfect_b_and_c_goals() -> None:
    a_only = plan_score([("A", 1, 1.0), ("B", 1, 0.0), ("C", 1, 0.0)])
    b_and_c = plan_score([("A", 1, 0.0), ("B", 1, 1.0), ("C", 1, 1.0)])
    assert a_only > b_and_c


def test_goal_weight_splits_a_tier_and_all_shares_sum_to_one() -> None:
    shares = goal_weights([("A", 3), ("A", 1), ("C", 1)])
    assert shares[0] == pytest.approx(3 * shares[1])
    assert sum(shares) == pytest.approx(1.0)
