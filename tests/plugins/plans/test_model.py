"""Planning input validation (seed 002 "Validation Rules"): bad requests fail before any
optimisation, with messages a client can act on."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from plugins.plans.model import Athlete, GoalDefinition, PlanRequest
from plugins.plans.safety import session_minutes
from tests.plugins.plans.requests import MARATHON, body, run_goal


def _error(request_body: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        PlanRequest.model_validate(request_body)
    return str(caught.value)


def test_a_sound_request_validates() -> None:
    request = PlanRequest.model_validate(body([run_goal()]))
    assert request.configuration.mode == "safe_default"
    assert request.configuration.optimization_style == "balanced"


@pytest.mark.parametrize(
    "configuration",
    [
        {"mode": "risk_accepted"},
        {"mode": "risk_accepted", "risk_acceptance": {"accepted": False}},
    ],
)
def test_risk_mode_without_explicit_acceptance_is_rejected(configuration: dict[str, Any]) -> None:
    message = _error(body([run_goal()], configuration=configuration))
    assert "requires risk_acceptance.accepted = true" in message


def test_risk_mode_with_acceptance_validates() -> None:
    configuration = {"mode": "risk_accepted", "risk_acceptance": {"accepted": True}}
    request = PlanRequest.model_validate(body([run_goal()], configuration=configuration))
    assert request.configuration.risk_acceptance is not None


def test_a_finish_time_needs_the_goal_distance() -> None:
    goal = run_goal(targets=[{"kind": "finish_time", "value_seconds": 7200}])
    del goal["distance_m"]
    assert "needs the goal's distance_m" in _error(body([goal]))


def test_a_target_missing_its_value_fails_before_optimisation() -> None:
    assert "value_seconds" in _error(body([run_goal(targets=[{"kind": "finish_time"}])]))


def test_a_split_needs_its_distance_and_a_triathlon_split_its_sport() -> None:
    split = {"kind": "split", "split_id": "first_half", "value_seconds": 3000}
    assert "needs distance_m (metres) of the split" in _error(body([run_goal(targets=[split])]))
    tri = run_goal(targets=[{**split, "distance_m": 1500}], sport="triathlon", distance_m=51500)
    assert "must name its sport" in _error(body([tri]))


def test_power_targets_belong_to_bike_or_triathlon_goals() -> None:
    goal = run_goal(targets=[{"kind": "power", "value_watts": 250}])
    assert "bike or triathlon goals only" in _error(body([goal]))


def test_an_event_before_the_start_date_is_rejected() -> None:
    goal = run_goal()
    goal["event_date_iso"] = "2026-02-01"
    assert "is before start_date 2026-03-02" in _error(body([goal]))


def test_unknown_sports_and_fields_are_rejected() -> None:
    assert "sport" in _error(body([run_goal(sport="rowing")]))
    assert "Extra inputs are not permitted" in _error(body([run_goal(colour="red")]))


def test_duplicate_goal_ids_are_named() -> None:
    message = _error(body([run_goal("a"), run_goal("a", weeks=20)]))
    assert "goal ids must be unique; repeated: a" in message


@pytest.mark.parametrize("weight", [0, -1, 101])
def test_weights_out_of_range_are_rejected(weight: float) -> None:
    assert "weight" in _error(body([run_goal(weight=weight)]))
    target = {"kind": "completion_probability", "value_pct": 80, "weight": weight}
    assert "weight" in _error(body([run_goal(targets=[target])]))


def test_a_target_kind_appears_once_per_goal() -> None:
    targets = [{"kind": "finish_time", "value_seconds": 7200}] * 2
    assert "each target kind may appear once" in _error(
        body([run_goal(distance_m=MARATHON, targets=targets)])
    )


def test_events_beyond_a_year_are_rejected() -> None:
    assert "more than 52 weeks after start_date" in _error(body([run_goal(weeks=60)]))


@pytest.mark.parametrize(
    ("target", "goal", "words"),
    [
        ({"kind": "finish_time", "value_seconds": 5e-324}, {},
         "over 1000 m/s, faster than anyone can run"),
        ({"kind": "finish_time", "value_seconds": 600}, {"distance_m": 21097.5}, "35.2 m/s"),
        ({"kind": "pace", "value_seconds_per_km": 100}, {}, "10.0 m/s, faster than anyone can run"),
        ({"kind": "split", "split_id": "swim", "value_seconds": 60, "distance_m": 1500,
          "sport": "swim"}, {"sport": "triathlon", "distance_m": 51500}, "can swim (at most 2.5"),
    ],
)  # fmt: skip
def test_targets_no_one_could_reach_are_typos_and_say_so(
    target: dict[str, Any], goal: dict[str, Any], words: str
) -> None:
    message = _error(body([run_goal(targets=[target], **goal)]))
    assert words in message and "times are in seconds and distances in metres" in message


def test_a_world_record_pace_is_still_a_goal() -> None:
    marathon = run_goal(
        distance_m=MARATHON, targets=[{"kind": "finish_time", "value_seconds": 7235}]
    )
    assert PlanRequest.model_validate(body([marathon]))


@pytest.mark.parametrize(
    ("goal", "words"),
    [
        ({"distance_m": 5e-324}, "is outside what we plan for a run event, 1000-50000 metres"),
        ({"distance_m": 100_000}, "1000-50000 metres"),
        ({"sport": "swim", "distance_m": 50, "targets": [{"kind": "completion_probability",
                                                           "value_pct": 90}]}, "100-25000"),
    ],
)  # fmt: skip
def test_event_distances_outside_what_we_plan_for_are_named(
    goal: dict[str, Any], words: str
) -> None:
    assert words in _error(body([run_goal(**goal)]))


@pytest.mark.parametrize(
    ("distances", "given", "minutes"),
    [
        ([42195.0], None, 180),
        ([21097.5, 5000.0], None, 150),
        ([10000.0], None, 120),
        ([5000.0], None, 90),
        ([42195.0], 60, 60),  # what the athlete says wins
    ],
)
def test_the_longest_session_follows_the_longest_race_unless_given(
    distances: list[float], given: int | None, minutes: int
) -> None:
    goals = [
        GoalDefinition.model_validate({
            "id": f"g{i}", "sport": "run", "priority": "A", "event_date_iso": "2027-04-18",
            "distance_m": d, "targets": [{"kind": "completion_probability", "value_pct": 90}]})
        for i, d in enumerate(distances)
    ]  # fmt: skip
    athlete = Athlete(level="novice", max_session_minutes=given)
    assert session_minutes(athlete, goals) == minutes
