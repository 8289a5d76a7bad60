"""The static context of a solve: canonical order, the calendar of fixed-purpose weeks, sport
shares and the starting load state."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest

from plugins.plans.context import Context, build_context, canonical_goals
from plugins.plans.load import steady_state, step_week
from plugins.plans.model import PlanRequest
from plugins.plans.projection import project
from tests.plugins.plans.requests import HALF, MARATHON, START, body, goal, plan, run_goal


def _context(request_body: dict[str, Any]) -> Context:
    return build_context(PlanRequest.model_validate(request_body))


def test_goals_are_ordered_by_priority_date_and_id_and_targets_by_kind() -> None:
    request = PlanRequest.model_validate(
        body(
            [
                run_goal("zeta", weeks=10, priority="B"),
                run_goal("beta", weeks=12, priority="A"),
                run_goal("alpha", weeks=12, priority="A"),
                run_goal("early", weeks=4, priority="C"),
                run_goal(
                    "omega",
                    weeks=5,
                    priority="A",
                    targets=[
                        {
                            "kind": "split",
                            "split_id": "b",
                            "value_seconds": 900,
                            "distance_m": 5000,
                        },
                        {"kind": "completion_probability", "value_pct": 90},
                        {
                            "kind": "split",
                            "split_id": "a",
                            "value_seconds": 900,
                            "distance_m": 5000,
                        },
                        {"kind": "finish_time", "value_seconds": 6000},
                    ],
                ),
            ]
        )
    )
    ordered = canonical_goals(request.goals)
    assert [g.id for g in ordered] == ["omega", "alpha", "beta", "zeta", "early"]
    keys = [(t.kind, getattr(t, "split_id", "")) for t in ordered[0].targets]
    assert keys == [
        ("completion_probability", ""),
        ("finish_time", ""),
        ("split", "a"),
        ("split", "b"),
    ]


def test_an_a_marathon_claims_two_taper_weeks_and_its_race_week() -> None:
    context = _context(body([run_goal(weeks=12, distance_m=MARATHON)]))
    assert [w.kind for w in context.weeks[-3:]] == ["taper_2", "taper_1", "race"]
    assert context.goals[0].taper_wanted == context.goals[0].taper_granted == 3


def test_a_later_a_goal_loses_taper_weeks_to_an_earlier_a_race_and_it_is_recorded() -> None:
    context = _context(
        body(
            [
                run_goal("first", weeks=10, distance_m=HALF),
                run_goal("second", weeks=11, distance_m=HALF),
            ]
        )
    )
    first, second = context.goals
    assert context.weeks[10].kind == "race" and context.weeks[11].kind == "race"
    assert second.taper_granted < second.taper_wanted
    assert first.recovery_lost


def test_b_events_get_a_lighter_race_week_and_a_recovery_week_c_events_nothing() -> None:
    context = _context(
        body(
            [
                run_goal("main", weeks=20, distance_m=HALF),
                run_goal("tune", weeks=8, distance_m=10_000, priority="B"),
                run_goal("fun", weeks=14, distance_m=5_000, priority="C"),
            ]
        )
    )
    assert context.weeks[8].kind == "b_race" and context.weeks[9].kind == "recovery"
    assert context.weeks[14].kind == "free" and context.weeks[14].events == (2,)


def test_shares_follow_sport_mix_weight_and_proximity() -> None:
    context = _context(
        body(
            [
                run_goal("run", weeks=20, distance_m=HALF),
                goal(
                    "bike",
                    "ride",
                    6,
                    "A",
                    100_000,
                    [{"kind": "completion_probability", "value_pct": 80}],
                ),
            ]
        )
    )
    bike, run, swim = context.weeks[5].shares
    assert swim == 0.0 and bike > run  # the near ride draws more of the week
    assert context.weeks[10].shares == (0.0, 1.0, 0.0)  # after the ride, all running
    for week in context.weeks:
        assert sum(week.shares) == pytest.approx(1.0)


def test_the_start_state_replays_the_history_and_decays_over_a_gap() -> None:
    fresh = _context(body([run_goal()], run_history=[200.0, 300.0]))
    expected = step_week(steady_state(200.0), 300.0)
    assert fresh.start.sports[1] == expected
    assert fresh.start.reference_load == pytest.approx(220.0)  # a jump counts up to +10 %
    stale_body = body([run_goal()], run_history=[200.0, 300.0])
    stale_body["athlete"]["run"]["history_end_iso"] = "2026-02-02"  # four weeks before start
    stale = _context(stale_body)
    assert stale.start.history_stale
    assert stale.start.sports[1].ctl < expected.ctl
    assert stale.start.reference_load < 220.0


@pytest.mark.parametrize(
    ("history", "reference"),
    [
        ([100.0, 110.0, 121.0, 133.1], 133.1),  # a steady +10 % build carries on from its top
        ([200.0, 200.0, 200.0, 400.0], 220.0),  # one outsized week licenses only +10 %
        ([280.0, 290.0, 300.0, 240.0], 300.0),  # a lighter last week is passed over
        ([300.0], 300.0),
    ],
)
def test_the_ramp_is_measured_from_the_last_loading_week(
    history: list[float], reference: float
) -> None:
    context = _context(body([run_goal()], run_history=history))
    assert context.start.reference_load == pytest.approx(reference)


@pytest.mark.parametrize("level", ["beginner", "novice", "experienced"])
@pytest.mark.parametrize("history", [[300.0] * 8, [200.0, 220.0, 210.0, 230.0, 240.0, 235.0]])
def test_re_planning_a_followed_plan_carries_on_where_it_was(
    level: str, history: list[float]
) -> None:
    """A re-plan from the load the plan asked for (nothing missed, nothing added), told the
    loads the athlete was shown (as the service does), keeps the weeks ahead within 5 % of them,
    deloads where they were. (A plan that holds its load may, re-solved just after a deload,
    climb a little: the receding horizon is not exactly time-consistent.)"""
    request = body([run_goal(weeks=16)], run_history=history, level=level)
    planned = [w.tss for w in plan(request).weeks]
    for done in (2, 4, 6, 9):
        again = copy.deepcopy(request)
        again["athlete"]["run"]["weekly_tss"] = [*history, *planned[:done]]
        again["start_date"] = (START + timedelta(weeks=done)).isoformat()
        renewed = project(
            PlanRequest.model_validate(again),
            START + timedelta(weeks=done),
            previous_loads=planned[done:],
        )
        ahead = [w.tss for w in renewed.weeks][:4]
        assert ahead == pytest.approx(planned[done : done + 4], rel=0.05), done


def test_no_history_starts_from_half_the_band_floor_and_says_so() -> None:
    context = _context(body([run_goal()], run_history=[], level="novice"))
    assert context.start.load_assumed
    assert context.start.reference_load == pytest.approx(150.0)


def test_the_loading_streak_is_read_from_the_history() -> None:
    climbing = [240.0, 250.0, 260.0, 270.0, 280.0, 290.0]
    assert _context(body([run_goal()], run_history=climbing)).start.loading_streak == 3
    # a load held for weeks is what the athlete carries: no build to recover from
    assert _context(body([run_goal()], run_history=[300.0] * 8)).start.loading_streak == 0
    held_after_climb = [240.0, 270.0, 300.0, 300.0, 300.0]
    assert _context(body([run_goal()], run_history=held_after_climb)).start.loading_streak == 3
    assert _context(body([run_goal()], run_history=[300, 300, 200, 300])).start.loading_streak == 1
