"""The MPC optimiser: hard constraints in safe mode, policy-driven softening in risk mode, the
calendar it plans around, and deterministic tie-breaks (seed 002 "Deterministic Constrained MPC
Optimizer")."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from plugins.plans.context import build_context
from plugins.plans.model import PlanRequest, ProjectionOutput, WeekPlan
from plugins.plans.mpc import GoalTarget, freshness, ranking_key, solve, tail_key
from plugins.plans.policy import resolve
from tests.plugins.plans.requests import (
    HALF,
    MARATHON,
    body,
    goal,
    impossible_marathon,
    plan,
    risk,
    run_goal,
)


def _loading_ramps(weeks: list[WeekPlan]) -> list[float]:
    return [w.ramp_pct for w in weeks if w.kind == "build"]


def assert_safe_envelope(output: ProjectionOutput, max_ramp_pct: float = 10.0) -> None:
    """No loading week above the ramp limit; an unloading week (≤ 80 % of the last loading
    week) at least every 4th week; every deload cuts 20-30 %."""
    streak = 0
    for week in output.weeks:
        if week.ramp_pct <= -20.0:
            streak = 0
        else:
            assert week.ramp_pct <= max_ramp_pct, week
            streak += 1
        assert streak <= 3, f"no deload within 4 weeks at week {week.index}"
        if week.kind == "deload":
            assert -30.0 <= week.ramp_pct <= -20.0, week


SCENARIOS: list[dict[str, Any]] = [
    body([run_goal(weeks=16, distance_m=HALF)]),
    body(
        [
            run_goal(
                weeks=20,
                distance_m=MARATHON,
                targets=[{"kind": "finish_time", "value_seconds": 3 * 3600}],
            )
        ],
        level="experienced",
        run_history=[400.0, 450.0, 500.0],
    ),
    impossible_marathon(),
    body([run_goal(weeks=30, distance_m=MARATHON)], level="beginner", run_history=[]),
    body(
        [
            goal("bike", "ride", 12, "A", 160_000, [{"kind": "power", "value_watts": 230}]),
            run_goal("10k", weeks=20, distance_m=10_000, priority="B"),
        ],
        level="experienced",
        bike={"ftp_watts": 250, "weekly_tss": [350.0] * 6},
        configuration={"optimization_style": "outcome_first"},
    ),
]


@pytest.mark.parametrize("request_body", SCENARIOS)
def test_safe_mode_never_ramps_above_10_percent_and_deloads_every_3_to_4_weeks(
    request_body: dict[str, Any],
) -> None:
    assert_safe_envelope(plan(request_body))


def test_safe_ramp_follows_level_and_style() -> None:
    novice = plan(
        body([run_goal(distance_m=MARATHON, weeks=24)], level="novice", run_history=[200.0] * 8)
    )
    assert max(_loading_ramps(novice.weeks)) == pytest.approx(6.0)
    sustainable = plan(
        body(
            [run_goal(distance_m=MARATHON, weeks=24)],
            level="novice",
            run_history=[200.0] * 8,
            configuration={"optimization_style": "sustainable"},
        )
    )
    assert max(_loading_ramps(sustainable.weeks)) == pytest.approx(5.0)


def test_safe_mode_keeps_load_in_the_level_band_and_the_time_budget() -> None:
    output = plan(impossible_marathon(available_days_per_week=6, max_session_minutes=300))
    assert max(w.tss for w in output.weeks) <= 350.0 + 1e-6
    short = plan(impossible_marathon(available_days_per_week=3, max_session_minutes=45))
    assert max(w.tss for w in short.weeks) <= 3 * 45 / 60 * 65 + 1e-6


def test_safe_mode_keeps_a_rest_day_and_risk_mode_may_lift_it() -> None:
    assert plan(impossible_marathon(available_days_per_week=7)).training_days_per_week == 6
    lifted = plan(impossible_marathon(risk(enforce_safety_caps=False), available_days_per_week=7))
    assert lifted.training_days_per_week == 7
    assert "monotony_bound" not in lifted.caps_applied


def test_safe_mode_caps_ctl_growth() -> None:
    output = plan(
        body(
            [run_goal(distance_m=MARATHON, weeks=30)],
            level="elite",
            run_history=[300.0] * 8,
            configuration={"optimization_style": "outcome_first"},
        )
    )
    ctl = [w.ctl for w in output.weeks]
    assert max(b - a for a, b in pairwise(ctl)) <= 7.0 + 0.1


def test_an_injured_athlete_ramps_at_half_the_rate() -> None:
    request_body = body(
        [run_goal(distance_m=MARATHON, weeks=24)],
        level="experienced",
        run_history=[200.0] * 8,
        injured=True,
    )
    output = plan(request_body)
    assert max(_loading_ramps(output.weeks)) <= 4.0 + 1e-6
    assert "injury_reported" in output.risk_flags


def test_risk_mode_softens_the_ramp_and_deload_rules_when_safety_caps_are_off() -> None:
    output = plan(impossible_marathon(risk(enforce_safety_caps=False, max_weekly_tss_ramp_pct=40)))
    assert max(w.ramp_pct for w in output.weeks) > 10.0
    assert max(w.tss for w in output.weeks) > 350.0
    assert "safety_caps_disabled" in output.overrides_applied
    assert {"ramp_above_safe_limit", "load_above_level_band"} <= set(output.risk_flags)


def test_risk_mode_with_safety_caps_on_only_relaxes_what_the_policy_names() -> None:
    output = plan(impossible_marathon(risk(enforce_safety_caps=True, max_weekly_tss_ramp_pct=15)))
    assert max(w.ramp_pct for w in output.weeks) <= 15.0
    assert max(w.tss for w in output.weeks) <= 350.0 + 1e-6
    assert_safe_envelope(output, max_ramp_pct=15.0)
    assert "ramp_cap_relaxed" in output.overrides_applied
    assert "safety_caps_disabled" not in output.overrides_applied


def test_risk_mode_never_exceeds_the_time_budget() -> None:
    output = plan(
        impossible_marathon(
            risk(enforce_safety_caps=False, max_weekly_tss_ramp_pct=100),
            available_days_per_week=4,
            max_session_minutes=60,
        )
    )
    assert max(w.tss for w in output.weeks) <= 4 * 60 / 60 * 65 + 1e-6


def test_a_marathon_gets_a_three_week_taper_and_tapers_cut_load() -> None:
    output = plan(body([run_goal(distance_m=MARATHON, weeks=18)], run_history=[350.0] * 8))
    kinds = [w.kind for w in output.weeks]
    assert kinds[-3:] == ["taper", "taper", "race"]
    assert output.weeks[-1].event_goal_ids == ["race"]
    peak = max(w.tss for w in output.weeks[:-3])
    assert output.weeks[-3].tss < peak and output.weeks[-1].tss < output.weeks[-2].tss


def test_a_recovery_week_follows_an_event_when_more_goals_follow() -> None:
    output = plan(
        body(
            [
                run_goal("first", weeks=8, distance_m=10_000),
                run_goal("second", weeks=20, distance_m=HALF),
            ]
        )
    )
    by_index = {w.index: w for w in output.weeks}
    first_week = next(w.index for w in output.weeks if "first" in w.event_goal_ids)
    assert by_index[first_week].kind == "race"
    assert by_index[first_week + 1].kind == "recovery"
    assert by_index[first_week + 1].ramp_pct <= -40.0
    assert output.weeks[-1].kind == "race"


def test_a_c_event_is_trained_through() -> None:
    output = plan(
        body(
            [
                run_goal("main", weeks=20, distance_m=HALF),
                run_goal("parkrun", weeks=9, distance_m=5_000, priority="C"),
            ]
        )
    )
    c_week = next(w for w in output.weeks if "parkrun" in w.event_goal_ids)
    assert c_week.kind == "race" and c_week.ramp_pct > -20.0
    assert output.weeks[c_week.index + 1].kind != "recovery"


def test_freshness_rewards_a_positive_race_week_balance() -> None:
    assert freshness(10.0) == 1.0
    assert freshness(-30.0) == 0.0
    assert 0.0 < freshness(-10.0) < freshness(0.0) < 1.0
    assert 0.5 <= freshness(90.0) < 1.0


def test_ranking_breaks_objective_ties_by_smaller_change_then_lower_load() -> None:
    assert ranking_key(1.0, 300, 300) > ranking_key(0.9, 300, 300)
    assert ranking_key(1.0 + 1e-12, 200, 300) == ranking_key(1.0, 200, 300)
    assert ranking_key(1.0, 290, 300) > ranking_key(1.0, 320, 300)
    assert ranking_key(1.0, 290, 300) > ranking_key(1.0, 310, 300)


def test_full_ties_keep_the_smoother_then_lighter_tail() -> None:
    hold = tail_key([300.0, 300.0, 240.0], 300.0)
    early_deload = tail_key([300.0, 240.0, 300.0], 300.0)
    assert hold > early_deload
    assert tail_key([300.0, 210.0], 300.0) < tail_key([300.0, 240.0], 300.0)


def test_equal_score_candidates_resolve_the_same_way_every_time() -> None:
    # A goal with no weight leaves only penalties: every deload depth scores the same, as does
    # holding. The tie-break must pick the smallest change (the 20 % deload, then holding).
    # Three loading weeks since the last deload: the deload comes first.
    loaded = [300.0, 300.0, 300.0, 300.0, 240.0, 300.0, 300.0, 300.0]
    request = PlanRequest.model_validate(body([run_goal(weeks=12)], run_history=loaded))
    context = build_context(request)
    limits = resolve(request.configuration, request.athlete)
    flat = [GoalTarget(index=0, event_week=12, peak_week=10, weight=0.0, target_ctl=1.0)]
    first = solve(context, limits, flat, "balanced")
    assert first.loads[:8] == (240.0, 300.0, 300.0, 300.0, 240.0, 300.0, 300.0, 300.0)
    for _ in range(3):
        assert solve(context, limits, flat, "balanced") == first
    # The same load held for two months is no build to recover from: three weeks, then a deload.
    steady = PlanRequest.model_validate(body([run_goal(weeks=12)], run_history=[300.0] * 8))
    held = solve(build_context(steady), limits, flat, "balanced")
    assert held.loads[:8] == (300.0, 300.0, 300.0, 240.0, 300.0, 300.0, 300.0, 240.0)


def test_the_solution_is_the_same_across_runs() -> None:
    request = PlanRequest.model_validate(SCENARIOS[4])
    context = build_context(request)
    limits = resolve(request.configuration, request.athlete)
    goals = [GoalTarget(0, 12, 10, 0.8, 60.0), GoalTarget(1, 20, 19, 0.2, 45.0)]
    assert solve(context, limits, goals, "outcome_first") == solve(
        context, limits, goals, "outcome_first"
    )
