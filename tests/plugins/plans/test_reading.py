"""Plan requests as people write them in chat: the race, its date, a goal time, days a week,
current fitness — and nothing the message did not say."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.plans.model import RaceResult
from plugins.plans.reading import PlanAsk, plan_signal, read_plan_request

TODAY = date(2026, 11, 22)
HALF, MARATHON = 21097.5, 42195.0

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "plan me a half marathon on 20 April, goal 1:45, I run 4 days a week",
        {
            "race": "half_marathon",
            "event_date": date(2027, 4, 20),
            "goal_seconds": 6300.0,
            "days_per_week": 4,
        },
    ),
    (
        "I want to run a marathon on April 20th 2027",
        {"race": "marathon", "event_date": date(2027, 4, 20)},
    ),
    ("training plan for a 10k in 8 weeks", {"race": "10k", "event_date": date(2027, 1, 17)}),
    (
        "5K on 2027-02-14, sub 25 minutes",
        {"race": "5k", "event_date": date(2027, 2, 14), "goal_seconds": 1500.0},
    ),
    (
        "help me break 50 minutes in the 10k on the 3rd of May",
        {"race": "10k", "event_date": date(2027, 5, 3), "goal_seconds": 3000.0},
    ),
    (
        "sub-4 marathon in march? 5 runs per week",
        {"race": "marathon", "goal_seconds": 14400.0, "days_per_week": 5},
    ),
    ("I'd like a sub-20 5k", {"race": "5k", "goal_seconds": 1200.0}),
    (
        "marathon on 11 October, target 3:30:00",
        {"race": "marathon", "event_date": date(2027, 10, 11), "goal_seconds": 12600.0},
    ),
    (
        "finish a half in 2 hours and 10 minutes on 1 March",
        {"race": "half_marathon", "event_date": date(2027, 3, 1), "goal_seconds": 7800.0},
    ),
    (
        "half marathon Dec 13, four days a week",
        {"race": "half_marathon", "event_date": date(2026, 12, 13), "days_per_week": 4},
    ),
    ("plan for my first marathon, I'm a beginner", {"race": "marathon", "level": "beginner"}),
    (
        "I run about 30 km a week, half marathon in 12 weeks",
        {"race": "half_marathon", "weekly_km": 30.0, "event_date": date(2027, 2, 14)},
    ),
    ("I run 20 miles per week", {"weekly_km": pytest.approx(32.18688)}),
    (
        "I ran a 5k in 22:30 last month; plan me a half on 25 April",
        {
            "race": "half_marathon",
            "event_date": date(2027, 4, 25),
            "recent": RaceResult(distance_m=5000.0, seconds=1350.0),
        },
    ),
    (
        "my 10k PB is 48:00 and I want a marathon on 9 May aiming for 3:45",
        {
            "race": "marathon",
            "event_date": date(2027, 5, 9),
            "goal_seconds": 13500.0,
            "recent": RaceResult(distance_m=10000.0, seconds=2880.0),
        },
    ),
    (
        "I did a half marathon in 1:52 in October. Marathon next, 18 April",
        {
            "race": "marathon",
            "event_date": date(2027, 4, 18),
            "recent": RaceResult(distance_m=HALF, seconds=6720.0),
        },
    ),
    (
        "experienced runner, 6 days a week, marathon 2027-03-21",
        {
            "race": "marathon",
            "level": "experienced",
            "days_per_week": 6,
            "event_date": date(2027, 3, 21),
        },
    ),
    ("I run every day", {"days_per_week": 7}),
    ("three times a week", {"days_per_week": 3}),
    ("parkrun PB attempt on 30 January", {"race": "5k", "event_date": date(2027, 1, 30)}),
    ("a half marathon in 4 months", {"race": "half_marathon", "event_date": date(2027, 3, 22)}),
    ("marathon in a month", {"race": "marathon", "event_date": date(2026, 12, 22)}),
    ("5k tomorrow", {"race": "5k", "event_date": date(2026, 11, 23)}),
    ("10k this saturday", {"race": "10k", "event_date": date(2026, 11, 28)}),
    ("parkrun next sunday", {"race": "5k", "event_date": date(2026, 11, 29)}),  # not today
    ("10k 48:00", {"race": "10k", "goal_seconds": 2880.0}),  # a time right after is the goal
    (
        "half, 1:45 on 18 April",
        {"race": "half_marathon", "goal_seconds": 6300.0, "event_date": date(2027, 4, 18)},
    ),
    ("I did a 10k 48:00", {"recent": RaceResult(distance_m=10000.0, seconds=2880.0)}),
    ("10k 48:00 last month", {"recent": RaceResult(distance_m=10000.0, seconds=2880.0)}),
    (
        "ran a 10k 48:00 two weeks ago, plan me a half in 12 weeks, goal 1:45",
        {
            "race": "half_marathon",
            "event_date": date(2027, 2, 14),
            "goal_seconds": 6300.0,
            "recent": RaceResult(distance_m=10000.0, seconds=2880.0),
        },
    ),
    ("10k a week is what I do now", {"weekly_km": 10.0}),
    ("a half an hour run", {}),
    ("hello there", {}),
]


@pytest.mark.parametrize(("text", "facts"), CASES, ids=[c[0][:40] for c in CASES])
def test_the_facts_a_message_states(text: str, facts: dict[str, Any]) -> None:
    ask = read_plan_request(text, TODAY)
    expected = PlanAsk(**{k: v for k, v in facts.items() if k != "distance_m"})
    for name in PlanAsk.__dataclass_fields__:
        if name == "distance_m":
            continue
        assert getattr(ask, name) == getattr(expected, name), name
    if ask.race is not None:
        assert ask.distance_m is not None and ask.distance_m > 0


def test_a_date_already_past_this_year_means_next_year() -> None:
    assert read_plan_request("marathon on 1 November", TODAY).event_date == date(2027, 11, 1)
    assert read_plan_request("marathon on 6 December", TODAY).event_date == date(2026, 12, 6)


def test_an_impossible_date_is_not_a_date() -> None:
    assert read_plan_request("marathon on 31 February", TODAY).event_date is None


def test_a_later_message_adds_to_and_overrides_the_first() -> None:
    first = read_plan_request("half marathon on 20 April", TODAY)
    later = first.merged(read_plan_request("4 days a week, goal 1:50", TODAY, known=first))
    assert (later.race, later.event_date, later.days_per_week, later.goal_seconds) == (
        "half_marathon", date(2027, 4, 20), 4, 6600.0,
    )  # fmt: skip
    changed = later.merged(read_plan_request("make it 5 days a week", TODAY, known=later))
    assert read_plan_request("goal 1:50", TODAY).goal_seconds == 6600.0
    assert read_plan_request("goal 24:30", TODAY).goal_seconds == 1470.0
    assert changed.days_per_week == 5 and changed.goal_seconds == 6600.0
    assert PlanAsk().empty and not later.empty


def test_my_race_is_a_time_is_a_result_and_an_answer_to_the_fitness_question_too() -> None:
    ten_k = RaceResult(distance_m=10000.0, seconds=3000.0)
    assert read_plan_request("my 10k is 50:00", TODAY) == PlanAsk(recent=ten_k)
    assert read_plan_request("my 10k goal is 45:00", TODAY).recent is None
    # A bare race and time is a race to plan for, unless it answers "what is a recent time?"
    assert read_plan_request("10k 50:00", TODAY).race == "10k"
    assert read_plan_request("10k 50:00", TODAY, answering="fitness") == PlanAsk(recent=ten_k)
    assert read_plan_request("a 10k in 50:00", TODAY, answering="fitness").goal_seconds is None
    # ... and a date or goal words keep it a race even then
    dated = read_plan_request("10k on 3 May in 45:00", TODAY, answering="fitness")
    assert (dated.race, dated.goal_seconds, dated.recent) == ("10k", 2700.0, None)
    wish = read_plan_request("10k, goal 45:00", TODAY, answering="fitness")
    assert (wish.race, wish.recent) == ("10k", None)


@given(st.text(max_size=200))
def test_any_text_reads_without_error(text: str) -> None:
    ask = read_plan_request(text, TODAY)
    if ask.days_per_week is not None:
        assert 1 <= ask.days_per_week <= 7
    if ask.goal_seconds is not None:
        assert ask.goal_seconds > 0


@pytest.mark.parametrize(
    ("text", "is_plan"),
    [
        ("plan me a half marathon on 20 April, goal 1:45", True),
        ("I want to run a marathon on 18 April", True),
        ("training plan for a 10k in 8 weeks", True),
        ("I want to run a sub-20 5k", True),
        ("help me prepare for my first marathon", True),
        ("can you make me a training plan?", True),
        ("plan me a race on 14 March", True),
        ("a half marathon in 4 months", True),
        ("5k this saturday, sub 25", True),
        ("10k 48:00", True),
        ("run 5 km this week", False),
        ("I ran a 5k in 22:30", False),
        ("I did a half marathon in 1:52 yesterday", False),
        ("walk 10k steps a day in March", False),
        ("run a 10k every week", False),
        ("ruck 50 km this month", False),
    ],
)
def test_what_routes_to_plans(text: str, is_plan: bool) -> None:
    assert (plan_signal(text) >= 0.5) is is_plan
