"""Feasibility: each GDI component, the plan GDI guard, bands at their edges, readiness caps by
mode, and the safety tables they rest on (seed 002 "Feasibility and Readiness Computation")."""

from __future__ import annotations

import math
from datetime import date

import pytest

from plugins.plans.context import build_context
from plugins.plans.feasibility import (
    GoalFeasibility,
    assess_goal,
    band_of,
    completion_demand_tss,
    confidence,
    load_gap,
    performance_gap,
    plan_gdi,
    readiness_cap,
    sparsity_penalty,
    timeline_pressure,
)
from plugins.plans.model import PlanConfiguration, PlanRequest, ProjectionOutput
from plugins.plans.performance import baseline
from plugins.plans.policy import resolve, safe_limits
from plugins.plans.safety import (
    level_band,
    minimum_weeks,
    safe_ramp,
    taper_weeks,
    time_budget_tss,
    weekly_monotony,
)
from tests.plugins.plans.requests import HALF, MARATHON, START, body, plan, risk, run_goal


def _assess(request_body: dict[str, object], today: date = START) -> GoalFeasibility:
    request = PlanRequest.model_validate(request_body)
    context = build_context(request)
    safe = safe_limits(request.configuration, request.athlete)
    return assess_goal(
        context.goals[0], context, safe, baseline(request.athlete), request.athlete, today
    )


# Components


def test_performance_gap_is_zero_for_a_target_already_met() -> None:
    assert performance_gap(-0.05, 0.04) == 0.0
    assert performance_gap(0.0, 0.04) == 0.0


def test_performance_gap_reaches_half_when_the_target_needs_all_achievable_gain() -> None:
    assert performance_gap(0.02, 0.04) == pytest.approx(0.25)
    assert performance_gap(0.04, 0.04) == pytest.approx(0.5)


def test_performance_gap_saturates_ten_percent_beyond_the_achievable() -> None:
    assert performance_gap(0.09, 0.04) == pytest.approx(0.75)
    assert performance_gap(0.14, 0.04) == pytest.approx(1.0)
    assert performance_gap(0.80, 0.04) == 1.0
    assert performance_gap(0.01, 0.0) > 0.5


def test_load_gap_is_the_missed_share_of_demand_saturating_at_half() -> None:
    assert load_gap(50.0, 60.0) == 0.0
    assert load_gap(50.0, 50.0) == 0.0
    assert load_gap(50.0, 37.5) == pytest.approx(0.5)
    assert load_gap(50.0, 25.0) == pytest.approx(1.0)
    assert load_gap(50.0, 0.0) == 1.0


def test_timeline_pressure_rises_as_weeks_fall_below_the_minimum() -> None:
    assert timeline_pressure(24, 16) == 0.0
    assert timeline_pressure(16, 16) == pytest.approx(0.4)
    assert timeline_pressure(12, 16) == pytest.approx(0.7)
    assert timeline_pressure(8, 16) == pytest.approx(1.0)
    assert timeline_pressure(2, 16) == 1.0


def test_sparsity_penalty_grows_with_missing_stale_or_assumed_data() -> None:
    assert sparsity_penalty(8, False, False, False) == 0.0
    assert sparsity_penalty(4, False, False, False) == pytest.approx(0.05)
    assert sparsity_penalty(1, False, False, False) == pytest.approx(0.10)
    assert sparsity_penalty(0, False, False, False) == pytest.approx(0.15)
    assert sparsity_penalty(0, True, True, True) == pytest.approx(0.30)


def test_gdi_weights_the_components_as_the_seed_says() -> None:
    goal = _assess(body([run_goal(targets=[{"kind": "finish_time", "value_seconds": 5400}])]))
    assert goal.gdi == pytest.approx(0.45 * goal.pg + 0.35 * goal.lg + 0.20 * goal.tp + goal.sp)


def test_a_faster_target_has_a_larger_performance_gap() -> None:
    def gap(seconds: float) -> float:
        targets = [{"kind": "finish_time", "value_seconds": seconds}]
        return _assess(body([run_goal(targets=targets)])).pg

    assert gap(6600) == 0.0  # VDOT 45 runs a half in about 1:39
    assert 0.0 < gap(5700) < gap(5400) <= 1.0


def test_the_load_gap_compares_demand_with_the_safe_envelope() -> None:
    marathon = [run_goal(weeks=16, distance_m=MARATHON)]
    trained = _assess(body(marathon, level="novice", run_history=[400.0] * 8))
    untrained = _assess(body(marathon, level="beginner", run_history=[100.0] * 8))
    assert trained.lg == 0.0
    assert untrained.lg > 0.5
    assert untrained.envelope_ctl < untrained.demand_ctl


def test_timeline_pressure_uses_seed_004_minimum_weeks_for_running() -> None:
    assert _assess(body([run_goal(weeks=24, distance_m=MARATHON)])).tp == 0.0
    assert 0.3 < _assess(body([run_goal(weeks=16, distance_m=MARATHON)])).tp < 0.4
    assert _assess(body([run_goal(weeks=18, distance_m=HALF)])).tp == 0.0
    assert _assess(body([run_goal(weeks=6, distance_m=MARATHON)])).tp == 1.0


def test_no_history_and_an_assumed_baseline_raise_the_sparsity_penalty() -> None:
    targets = [{"kind": "finish_time", "value_seconds": 6600}]
    known = _assess(body([run_goal(targets=targets)]))
    unknown = _assess(body([run_goal(targets=targets)], run_history=[], vdot=None))
    assert known.sp == 0.0
    assert unknown.sp == pytest.approx(0.25)
    assert unknown.assumed_baseline


def test_old_data_is_stale() -> None:
    stale = body([run_goal()])
    stale["athlete"]["run"]["history_end_iso"] = "2026-01-05"
    stale["athlete"]["performance_as_of_iso"] = "2025-06-01"
    goal = _assess(stale)
    assert goal.stale
    assert goal.sp == pytest.approx(0.10)


# Plan GDI and bands


def test_plan_gdi_is_guarded_by_the_worst_a_goal() -> None:
    assert plan_gdi([("A", 0.5, 0.2), ("B", 0.5, 0.6)]) == pytest.approx(0.4)
    assert plan_gdi([("A", 0.5, 0.9), ("A", 0.4, 0.1), ("C", 0.1, 0.1)]) == pytest.approx(0.9)
    # A hard C goal does not drag the plan past its weighted share.
    assert plan_gdi([("A", 0.9, 0.1), ("C", 0.1, 1.0)]) == pytest.approx(0.19)


@pytest.mark.parametrize(
    ("gdi", "band"),
    [
        (0.0, "feasible"),
        (0.2999, "feasible"),
        (0.30, "stretch"),
        (0.4999, "stretch"),
        (0.50, "aggressive"),
        (0.7499, "aggressive"),
        (0.75, "nearly_impossible"),
        (0.9499, "nearly_impossible"),
        (0.95, "infeasible"),
        (1.3, "infeasible"),
    ],
)
def test_band_boundaries(gdi: float, band: str) -> None:
    assert band_of(gdi) == band


# Readiness caps by mode


@pytest.mark.parametrize(
    ("band", "cap"),
    [
        ("feasible", 95.0),
        ("stretch", 85.0),
        ("aggressive", 72.0),
        ("nearly_impossible", 55.0),
        ("infeasible", 40.0),
    ],
)
def test_safe_mode_caps_readiness_by_band(band: str, cap: float) -> None:
    request = PlanRequest.model_validate(body([run_goal()]))
    limits = resolve(request.configuration, request.athlete)
    assert readiness_cap(band, limits) == cap  # type: ignore[arg-type]


def test_risk_mode_keeps_the_cap_unless_it_is_disabled() -> None:
    athlete = PlanRequest.model_validate(body([run_goal()])).athlete
    capped = PlanConfiguration.model_validate(risk(readiness_cap_enabled=True))
    lifted = PlanConfiguration.model_validate(risk(readiness_cap_enabled=False))
    assert readiness_cap("infeasible", resolve(capped, athlete)) == 40.0
    assert readiness_cap("infeasible", resolve(lifted, athlete)) is None


def test_safe_mode_ignores_relaxations_and_honours_tightening() -> None:
    athlete = PlanRequest.model_validate(body([run_goal()])).athlete
    configuration = PlanConfiguration.model_validate(
        {
            "constraint_policy": {
                "readiness_cap_enabled": False,
                "enforce_safety_caps": False,
                "max_weekly_tss_ramp_pct": 4,
            }
        }
    )
    limits = resolve(configuration, athlete)
    assert limits.readiness_cap_enabled and limits.deload_enforced and limits.band_enforced
    assert limits.ramp == pytest.approx(0.04)
    assert "policy_relaxation_ignored_in_safe_mode" in limits.caps
    assert limits.overrides == ()


def test_risk_mode_softening_is_listed_as_overrides() -> None:
    athlete = PlanRequest.model_validate(body([run_goal()])).athlete
    configuration = PlanConfiguration.model_validate(
        risk(enforce_safety_caps=False, max_weekly_tss_ramp_pct=25, readiness_cap_enabled=False)
    )
    limits = resolve(configuration, athlete)
    assert limits.ramp == pytest.approx(0.25)
    assert not limits.deload_enforced and not limits.band_enforced
    assert set(limits.overrides) >= {
        "ramp_cap_relaxed",
        "safety_caps_disabled",
        "readiness_cap_lifted",
    }


def test_confidence_reflects_uncertainty_even_when_everything_is_known() -> None:
    assert confidence(0.0, 0.1, False, 0, False, 12) == 95.0
    assert confidence(0.0, 0.97, False, 5, True, 11) < 40.0
    assert confidence(0.3, 1.3, True, 5, True, 52) == 5.0


# Safety tables


def test_seed_safety_defaults() -> None:
    assert level_band("run", "beginner") == (150.0, 350.0)
    assert level_band("bike", "experienced") == (650.0, 900.0)
    assert level_band("swim", "novice") == pytest.approx((1200 / 4.4, 2200 / 4.4))
    assert safe_ramp("novice", "balanced", False) == pytest.approx(0.06)
    assert safe_ramp("experienced", "balanced", False) == pytest.approx(0.08)
    assert safe_ramp("elite", "outcome_first", False) == pytest.approx(0.10)
    assert safe_ramp("novice", "balanced", True) == pytest.approx(0.03)


def test_minimum_weeks_follow_seed_004_for_running() -> None:
    assert minimum_weeks("run", MARATHON) == 16
    assert minimum_weeks("run", HALF) == 12
    assert minimum_weeks("run", 10_000) == 8
    assert minimum_weeks("run", 5_000) == 6
    assert minimum_weeks("run", 50_000) == 20


def test_taper_table() -> None:
    assert taper_weeks("run", MARATHON) == 3
    assert taper_weeks("run", HALF) == 2
    assert taper_weeks("run", 10_000) == 1
    assert taper_weeks("bike", 100_000) == 2
    assert taper_weeks("triathlon", 51_500) == 2
    assert taper_weeks("swim", 3_800) == 1


def test_seven_training_days_break_the_monotony_bound_six_do_not() -> None:
    assert weekly_monotony(7) > 2.0 >= weekly_monotony(6)
    assert time_budget_tss(5, 60) == pytest.approx(325.0)


def test_completion_demand_grows_with_distance() -> None:
    assert completion_demand_tss("run", 5_000) < completion_demand_tss("run", HALF)
    assert completion_demand_tss("run", HALF) < completion_demand_tss("run", MARATHON)
    # Log-interpolated between the half (240) and the marathon (400).
    assert completion_demand_tss("run", 30_000) == pytest.approx(
        240 + 160 * math.log(30_000 / HALF) / math.log(MARATHON / HALF)
    )


def first_marathon(weeks: int, level: str, weekly_tss: float) -> ProjectionOutput:
    """A marathon in ``weeks`` weeks, to finish, from a steady weekly load and no race time."""
    return first_race(MARATHON, weeks, level, weekly_tss)


def first_race(distance_m: float, weeks: int, level: str, weekly_tss: float) -> ProjectionOutput:
    finish = [{"kind": "completion_probability", "value_pct": 80}]
    goal = run_goal(weeks=weeks, distance_m=distance_m, targets=finish)
    return plan(body([goal], level=level, run_history=[weekly_tss] * 6, vdot=None))


@pytest.mark.parametrize(
    ("distance_m", "weeks", "level", "weekly_tss", "bands"),
    [
        # the last weeks of a couch-to-5K: three half-hour runs, about 80 TSS a week
        (5_000.0, 8, "beginner", 60.0, ("feasible", "stretch")),
        # 15 km a week, a first 10K in 10 weeks
        (10_000.0, 10, "beginner", 105.0, ("feasible", "stretch")),
        # 20 km a week, a first half in 12 weeks: what novice half plans start from
        (HALF, 12, "novice", 138.0, ("feasible", "stretch")),
        # the same runner with 4 weeks to go: not enough time to build
        (HALF, 4, "novice", 70.0, ("nearly_impossible", "infeasible")),
    ],
)
def test_first_races_read_as_coaches_would(
    distance_m: float, weeks: int, level: str, weekly_tss: float, bands: tuple[str, ...]
) -> None:
    assert first_race(distance_m, weeks, level, weekly_tss).feasibility_band in bands


def test_a_first_marathon_from_30_km_a_week_in_16_weeks_is_within_reach() -> None:
    """The textbook first marathon (about 30 km a week, a 16-week plan, aiming to finish) is
    what novice plans are written for; 10 weeks from 15 km a week is not."""
    textbook = first_marathon(16, "novice", 166.0)
    assert textbook.feasibility_band in ("feasible", "stretch")
    assert textbook.goal_assessments[0].target_scores[0].projected_value >= 70.0
    rushed = first_marathon(10, "beginner", 80.0)
    assert rushed.feasibility_band == "infeasible" and rushed.readiness_score <= 40.0
