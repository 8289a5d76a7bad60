"""Seed 002 golden scenarios 1-6, each checked for what a coach would notice: bands, caps, flags,
precedence and the shape of the weeks, not a snapshot of the output."""

from __future__ import annotations

from typing import Any

import pytest

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
from tests.plugins.plans.test_mpc import assert_safe_envelope

COMPLETE_95 = [{"kind": "completion_probability", "value_pct": 95}]
RUNNER_AND_RIDER: dict[str, Any] = {
    "level": "novice",
    "run_history": [150.0] * 8,
    "vdot": 45.0,
    "bike": {"ftp_watts": 220, "weekly_tss": [100.0] * 8},
    "available_days_per_week": 5,
    "max_session_minutes": 120,
}


# 1. Impossible marathon target under low load


def test_golden_1_safe_mode_labels_the_impossible_marathon_infeasible_with_low_readiness() -> None:
    output = plan(impossible_marathon())
    assert output.feasibility_band == "infeasible"
    assert output.readiness_cap == 40.0
    assert output.readiness_score <= 40.0
    assert "readiness_cap" in output.caps_applied
    assert "goal_infeasible_under_safe_constraints" in output.risk_flags
    assert output.risk_level == "low"  # the plan itself stays safe
    assert not output.outside_safe_envelope and output.overrides_applied == []
    (marathon,) = output.goal_assessments
    (target,) = marathon.target_scores
    assert target.score_0_100 < 5.0
    assert target.unmet_gap is not None and target.unmet_gap > 3600  # over an hour short
    assert {"gap_exceeds_achievable_gain", "load_below_demand", "timeline_below_minimum"} <= set(
        target.rationale_codes
    )
    assert max(w.tss for w in output.weeks) <= 350.0  # the beginner band holds
    assert_safe_envelope(output)


def test_golden_1_risk_mode_can_lift_readiness_but_flags_extreme_risk() -> None:
    configuration = risk(
        enforce_safety_caps=False, readiness_cap_enabled=False, max_weekly_tss_ramp_pct=100
    )
    output = plan(
        impossible_marathon(configuration, available_days_per_week=7, max_session_minutes=240)
    )
    safe = plan(impossible_marathon())
    assert output.mode_applied == "risk_accepted"
    assert output.readiness_cap is None
    # well above the safe cap (40), which risk mode lifted
    assert output.readiness_score > 50.0 > 40.0 >= safe.readiness_score
    assert output.risk_level == "extreme"
    assert output.feasibility_band == "infeasible"  # still said: infeasible under safe defaults
    assert output.outside_safe_envelope
    assert output.safety_statement is not None
    assert "outside the safe feasibility envelope" in output.safety_statement
    assert "infeasible" in output.safety_statement
    assert {
        "outside_safe_envelope",
        "ramp_above_safe_limit",
        "load_above_level_band",
        "goal_infeasible_under_safe_constraints",
    } <= set(output.risk_flags)
    assert {"readiness_cap_lifted", "safety_caps_disabled", "ramp_cap_relaxed"} <= set(
        output.overrides_applied
    )
    assert output.confidence_score < safe.confidence_score
    assert output.confidence_score < 50.0
    # Physiology is not negotiable: the time target still scores near zero.
    assert output.goal_assessments[0].target_scores[0].score_0_100 < 5.0
    assert output.risk_acceptance is not None and output.risk_acceptance.accepted


def test_golden_1_risk_mode_with_the_cap_on_keeps_the_safe_cap() -> None:
    configuration = risk(
        enforce_safety_caps=False, readiness_cap_enabled=True, max_weekly_tss_ramp_pct=100
    )
    output = plan(
        impossible_marathon(configuration, available_days_per_week=7, max_session_minutes=240)
    )
    assert output.readiness_score == 40.0 < output.readiness_uncapped
    assert output.risk_level == "extreme"


# 2. Overlapping A goals across sports with a constrained calendar


def test_golden_2_overlapping_a_goals_share_the_weeks_and_say_so() -> None:
    output = plan(
        body(
            [
                run_goal("marathon", weeks=20, distance_m=MARATHON, targets=COMPLETE_95),
                goal("bike", "century", 21, "A", 160_000, COMPLETE_95),
            ],
            **RUNNER_AND_RIDER,
        )
    )
    assert_safe_envelope(output)
    weeks = {w.index: w for w in output.weeks}
    # Both sports are trained through the build.
    assert all(w.tss_by_sport["run"] > 0 and w.tss_by_sport["bike"] > 0 for w in output.weeks[:18])
    # The marathon's race week comes first; the century keeps only its own race week.
    assert weeks[20].event_goal_ids == ["marathon"] and weeks[21].event_goal_ids == ["century"]
    assert weeks[21].tss_by_sport["run"] == 0.0
    assert {"taper_shortened", "goal_conflict"} <= set(output.risk_flags)
    reasons = {(c.impacted_goal_id, c.reason) for c in output.conflicts}
    assert ("century", "timeline") in reasons
    # Same priority, one capped load: the marathon gives up part of its demand for safety.
    assert ("marathon", "safety") in reasons
    marathon = output.goal_assessments[0]
    assert marathon.conflict_notes and marathon.conflict_notes[0].startswith("safety:century:-")


def test_golden_2_with_safety_caps_off_the_trade_off_is_a_mode_override() -> None:
    tight = {**RUNNER_AND_RIDER, "available_days_per_week": 4, "max_session_minutes": 90}
    output = plan(
        body(
            [
                run_goal("marathon", weeks=20, distance_m=MARATHON, targets=COMPLETE_95),
                goal("bike", "century", 21, "A", 160_000, COMPLETE_95),
            ],
            configuration=risk(enforce_safety_caps=False),
            **tight,
        )
    )
    assert any(c.reason == "mode_override" for c in output.conflicts)
    assert "conflict_resolved_by_mode_override" in output.overrides_applied
    assert output.outside_safe_envelope and output.risk_level in ("high", "extreme")


# 3. Multiple targets per goal with conflicting satisfaction curves


def test_golden_3_each_target_keeps_its_own_curve_and_gap() -> None:
    targets = [
        {"kind": "finish_time", "value_seconds": 6000, "tolerance_seconds": 120},
        {"kind": "split", "split_id": "first_10k", "value_seconds": 2400, "distance_m": 10_000},
    ]
    output = plan(body([run_goal(weeks=16, distance_m=HALF, targets=targets)], vdot=46))
    (half,) = output.goal_assessments
    finish, split = half.target_scores
    assert (finish.kind, split.kind, split.split_id) == ("finish_time", "split", "first_10k")
    assert finish.score_0_100 == 100.0 and finish.unmet_gap is None
    assert "target_met" in finish.rationale_codes
    assert split.score_0_100 < 50.0 and split.unmet_gap is not None and split.unmet_gap > 60
    assert "beyond_tolerance" in split.rationale_codes
    # Goal score is the weighted mean: weighting the split up pulls the goal down.
    assert half.goal_score == pytest.approx((finish.score_0_100 + split.score_0_100) / 2, abs=0.1)
    weighted = [targets[0], {**targets[1], "weight": 3}]
    heavier = plan(body([run_goal(weeks=16, distance_m=HALF, targets=weighted)], vdot=46))
    assert heavier.goal_assessments[0].goal_score < half.goal_score


# 4. MPC replacement parity: determinism and safety-capped behaviour for a feasible baseline


def test_golden_4_a_feasible_baseline_plan_is_deterministic_safe_and_capped_at_95() -> None:
    request_body = body(
        [
            run_goal(
                "half",
                weeks=16,
                distance_m=HALF,
                targets=[{"kind": "finish_time", "value_seconds": 6300}],
            )
        ],
        vdot=45,
        run_history=[260, 280, 300, 240, 290, 310, 320, 250],
    )
    first = plan(request_body)
    assert plan(request_body).model_dump_json() == first.model_dump_json()
    assert first.feasibility_band == "feasible"
    assert first.readiness_cap == 95.0
    assert 80.0 <= first.readiness_score <= 95.0
    assert first.risk_level == "low" and first.risk_flags == []
    assert first.overrides_applied == [] and not first.outside_safe_envelope
    assert first.goal_assessments[0].target_scores[0].score_0_100 == 100.0
    assert_safe_envelope(first)
    kinds = [w.kind for w in first.weeks]
    assert kinds[-2:] == ["taper", "race"] and kinds.count("deload") >= 3


# 5. Multi-target single goal with conflicting targets (pace vs completion probability)


def test_golden_5_a_fast_pace_and_a_near_certain_finish_are_scored_apart() -> None:
    targets = [
        {"kind": "pace", "value_seconds_per_km": 255},
        {"kind": "completion_probability", "value_pct": 99},
    ]
    output = plan(body([run_goal("10k", weeks=10, distance_m=10_000, targets=targets)], vdot=45))
    (ten_k,) = output.goal_assessments
    by_kind = {t.kind: t for t in ten_k.target_scores}
    pace, finish = by_kind["pace"], by_kind["completion_probability"]
    assert pace.unmet_gap is not None and 0 < pace.unmet_gap < 30  # seconds per km
    assert "gap_exceeds_achievable_gain" in pace.rationale_codes
    assert finish.unmet_gap is not None
    assert "completion_probability_below_target" in finish.rationale_codes
    assert pace.score_0_100 != finish.score_0_100
    low, high = sorted([pace.score_0_100, finish.score_0_100])
    assert low <= ten_k.goal_score <= high
    # Asking for less certainty of finishing resolves that target's conflict.
    easier = [targets[0], {"kind": "completion_probability", "value_pct": 60}]
    relaxed = plan(body([run_goal("10k", weeks=10, distance_m=10_000, targets=easier)], vdot=45))
    relaxed_finish = {t.kind: t for t in relaxed.goal_assessments[0].target_scores}
    assert relaxed_finish["completion_probability"].score_0_100 == 100.0


# 6. Priority inversion guard: A-goal precedence over later and earlier B/C goals


def _inversion_body(with_lower: bool) -> dict[str, Any]:
    main = run_goal(
        "marathon",
        weeks=18,
        distance_m=MARATHON,
        targets=[{"kind": "finish_time", "value_seconds": 3 * 3600 + 25 * 60}],
    )
    lower = [
        run_goal("half", weeks=10, distance_m=HALF, priority="B", targets=COMPLETE_95),
        run_goal("tuneup", weeks=17, distance_m=10_000, priority="B", targets=COMPLETE_95),
        run_goal("parkrun", weeks=16, distance_m=5_000, priority="C", targets=COMPLETE_95),
    ]
    return body([main, *lower] if with_lower else [main], vdot=46, run_history=[320.0] * 8)


def test_golden_6_lower_goals_never_take_the_a_goals_taper_or_precedence() -> None:
    output = plan(_inversion_body(with_lower=True))
    alone = plan(_inversion_body(with_lower=False))
    weeks = {w.index: w for w in output.weeks}
    # The marathon's three-week taper stands: the C and B events inside it race on taper load
    # (the week is labelled for its event) and get no recovery week of their own.
    assert [weeks[i].event_goal_ids for i in (16, 17)] == [["parkrun"], ["tuneup"]]
    assert weeks[16].ramp_pct <= -20 and weeks[17].ramp_pct <= -25
    assert weeks[18].kind == "race" and weeks[18].event_goal_ids == ["marathon"]
    # No lower goal ever wins a trade-off against the A goal.
    assert all(c.impacted_goal_id != "marathon" for c in output.conflicts)
    assert all(c.reason == "priority" for c in output.conflicts if c.favoured_goal_id == "marathon")
    # The A goal's preparation is essentially what it would be alone.
    a_goal = output.goal_assessments[0]
    assert a_goal.goal_id == "marathon"
    assert a_goal.readiness_score >= alone.goal_assessments[0].readiness_score - 5.0
    assert a_goal.goal_score >= alone.goal_assessments[0].goal_score - 5.0
    # The B race at week 10 gets a lighter week and a recovery week, outside the A taper.
    assert weeks[10].kind == "race" and weeks[11].kind == "recovery"
    assert_safe_envelope(output)


def test_golden_6_a_higher_priority_goal_is_named_when_a_lower_one_gives_way() -> None:
    output = plan(
        body(
            [
                run_goal("marathon", weeks=20, distance_m=MARATHON, targets=COMPLETE_95),
                goal("bike", "century", 20, "B", 160_000, COMPLETE_95),
            ],
            **{**RUNNER_AND_RIDER, "available_days_per_week": 4, "max_session_minutes": 90},
        )
    )
    century = next(c for c in output.conflicts if c.impacted_goal_id == "century")
    assert (century.favoured_goal_id, century.reason) == ("marathon", "priority")
    assert century.score_delta < 0
    assert all(c.impacted_goal_id != "marathon" for c in output.conflicts)
