"""``project``: the output contract (weeks, per-goal and per-target scores, codes, rounding)
across sports and modes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from plugins.plans.codes import CODE_DOCS
from plugins.plans.model import ProjectionOutput
from tests.plugins.plans.requests import (
    HALF,
    MARATHON,
    START,
    body,
    goal,
    impossible_marathon,
    plan,
    risk,
    run_goal,
)

TRI_AND_SWIM: dict[str, Any] = body(
    [
        goal(
            "triathlon",
            "olympic",
            20,
            "A",
            51_500,
            [
                {"kind": "finish_time", "value_seconds": 10_000},
                {
                    "kind": "split",
                    "split_id": "bike",
                    "sport": "bike",
                    "value_seconds": 4200,
                    "distance_m": 40_000,
                },
                {"kind": "power", "value_watts": 200},
            ],
        ),
        goal("swim", "lake", 10, "C", 3_800, [{"kind": "completion_probability", "value_pct": 90}]),
    ],
    level="experienced",
    bike={"ftp_watts": 240, "weekly_tss": [300.0] * 6},
    swim={"threshold_pace_s_per_100m": 105, "weekly_tss": [80.0] * 6},
)


def _all_codes(output: ProjectionOutput) -> set[str]:
    found = set(output.risk_flags) | set(output.caps_applied) | set(output.overrides_applied)
    for assessment in output.goal_assessments:
        for target in assessment.target_scores:
            found |= set(target.rationale_codes)
    found |= {c.reason for c in output.conflicts}
    return found


@pytest.mark.parametrize(
    "request_body",
    [
        TRI_AND_SWIM,
        impossible_marathon(),
        impossible_marathon(
            risk(
                enforce_safety_caps=False,
                readiness_cap_enabled=False,
                enforce_feasibility_caps=False,
            )
        ),
        body([run_goal(weeks=6, distance_m=MARATHON)], run_history=[], vdot=None, injured=True),
    ],
)
def test_every_emitted_code_is_documented_and_lists_are_sorted(
    request_body: dict[str, Any],
) -> None:
    output = plan(request_body)
    assert _all_codes(output) <= set(CODE_DOCS)
    for listed in (output.risk_flags, output.caps_applied, output.overrides_applied):
        assert listed == sorted(set(listed))


def test_weeks_cover_the_plan_with_dates_sports_and_load_state() -> None:
    output = plan(TRI_AND_SWIM)
    assert [w.index for w in output.weeks] == list(range(21))
    assert output.weeks[0].start_date == START
    assert output.weeks[5].start_date == START + timedelta(weeks=5)
    for week in output.weeks:
        assert set(week.tss_by_sport) == {"bike", "run", "swim"}
        assert sum(week.tss_by_sport.values()) == pytest.approx(week.tss, abs=0.2)
        assert week.tsb == pytest.approx(week.ctl - week.atl, abs=0.11)
    assert output.weeks[10].event_goal_ids == ["lake"]
    assert output.weeks[20].event_goal_ids == ["olympic"]
    # After the swim, the week's swimming share falls to the triathlon's.
    assert output.weeks[9].tss_by_sport["swim"] > output.weeks[12].tss_by_sport["swim"] * 0.9


def test_each_target_of_a_triathlon_is_scored_in_its_own_unit() -> None:
    output = plan(TRI_AND_SWIM)
    olympic = output.goal_assessments[0]
    by_kind = {t.kind: t for t in olympic.target_scores}
    assert set(by_kind) == {"finish_time", "split", "power"}
    assert by_kind["split"].split_id == "bike"
    assert 5_000 < (by_kind["finish_time"].projected_value or 0) < 15_000
    assert 100 < (by_kind["power"].projected_value or 0) < 300
    assert set(olympic.gdi_components) == {"pg", "lg", "tp", "sp"}
    assert olympic.gdi == pytest.approx(
        0.45 * olympic.gdi_components["pg"]
        + 0.35 * olympic.gdi_components["lg"]
        + 0.20 * olympic.gdi_components["tp"]
        + olympic.gdi_components["sp"],
        abs=1e-3,
    )


def test_floats_are_rounded_by_fixed_rules() -> None:
    output = plan(TRI_AND_SWIM)
    assert round(output.readiness_score, 1) == output.readiness_score
    assert round(output.gdi, 4) == output.gdi
    for week in output.weeks:
        assert round(week.tss, 1) == week.tss and round(week.ramp_pct, 1) == week.ramp_pct


def test_no_data_an_injury_and_a_short_lead_lower_confidence_and_say_why() -> None:
    known = plan(body([run_goal(weeks=20, distance_m=HALF)]))
    unknown = plan(
        body([run_goal(weeks=6, distance_m=MARATHON)], run_history=[], vdot=None, injured=True)
    )
    assert unknown.confidence_score < known.confidence_score - 20
    assert {"low_confidence", "injury_reported"} <= set(unknown.risk_flags)
    assert unknown.risk_level == "moderate"
    codes = set(unknown.goal_assessments[0].target_scores[0].rationale_codes)
    assert "timeline_below_minimum" in codes


def test_today_decides_whether_a_race_result_is_stale() -> None:
    request_body = body(
        [run_goal(targets=[{"kind": "finish_time", "value_seconds": 6300}])], vdot=None
    )
    request_body["athlete"]["run"]["recent_race"] = {
        "distance_m": 10_000,
        "seconds": 2700,
        "date_iso": "2026-01-10",
    }
    fresh = plan(request_body, today=date(2026, 3, 2))
    stale = plan(request_body, today=date(2026, 9, 1))
    assert "baseline_stale" not in fresh.goal_assessments[0].target_scores[0].rationale_codes
    assert "baseline_stale" in stale.goal_assessments[0].target_scores[0].rationale_codes
    assert stale.confidence_score < fresh.confidence_score


def test_risk_mode_without_relaxations_stays_inside_the_envelope() -> None:
    output = plan(
        body([run_goal(weeks=16, distance_m=HALF)], configuration=risk(enforce_safety_caps=True))
    )
    assert output.mode_applied == "risk_accepted"
    assert not output.outside_safe_envelope and output.safety_statement is None
    assert output.risk_level == "low"


def test_the_output_never_carries_a_negative_zero() -> None:
    # A beginner swimmer holding a flat load: TSB hovers a hair below zero, which plain rounding
    # prints as -0.0.
    swim = goal("swim", "lake", 18, "C", 3_800, [{"kind": "finish_time", "value_seconds": 4360}])
    request_body = body(
        [swim],
        level="beginner",
        run_history=[],
        vdot=None,
        available_days_per_week=2,
        max_session_minutes=45,
    )
    request_body["configuration"] = {"optimization_style": "sustainable"}
    text = plan(request_body).model_dump_json()
    assert "-0.0," not in text and "-0.0}" not in text
