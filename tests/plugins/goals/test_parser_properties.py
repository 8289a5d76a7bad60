"""Properties of the offline goal parser over generated messages: it never raises, whatever it
drafts is a valid goal within bounds, targets convert back to what the user said, clarifying
chips are answers it understands, and English number words read back as their numbers."""

from __future__ import annotations

import time as clock
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.goals.model import TARGET_BOUNDS, DisplayUnit, GoalDraft, from_canonical
from plugins.goals.parser import (
    Clarify,
    Draft,
    NotAGoal,
    ParseResult,
    PartialGoal,
    goal_signal,
    parse_edit,
    parse_goal,
)
from plugins.goals.parser.numbers import words_to_digits
from plugins.goals.validation import contract_problems

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "UTC",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/Santiago",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Not/AZone",
]

nows = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)
zones = st.sampled_from(ZONES)
units = st.sampled_from(["metric", "imperial"])

FRAGMENTS = [
    "run",
    "ruck",
    "walk",
    "hike",
    "bike",
    "correr",
    "laufen",
    "marcher",
    "km",
    "mi",
    "miles",
    "k",
    "ft",
    "m",
    "of gain",
    "elevation",
    "D+",
    "minutes",
    "hrs",
    "hours",
    "steps",
    "power points",
    "sessions",
    "times",
    "x",
    "rucks",
    "runs",
    "lb",
    "kg",
    "@",
    "with",
    "carrying",
    "heavy",
    "weighted",
    "a week",
    "per weak",
    "/wk",
    "weekly",
    "a day",
    "daily",
    "every day",
    "a month",
    "monthly",
    "this week",
    "this month",
    "this year",
    "this quarter",
    "next week",
    "next month",
    "in October",
    "for May",
    "by June 30",
    "by the end of the month",
    "by end of summer",
    "mid-April",
    "for the next 30 days",
    "in 30 days",
    "next 7 days",
    "for 6 weeks",
    "over the next 8 weeks",
    "for a month",
    "starting monday",
    "starting tomorrow",
    "Monday through Friday",
    "every Tuesday, Thursday and Saturday",
    "Mon run, Wed ruck",
    "streak",
    "in a row",
    "for 21 days",
    "each",
    "every session",
    "total",
    "combined",
    "goal",
    "target",
    "I want",
    "can we",
    "make it",
    "pause",
    "delete",
    "my",
    "it",
    "to",
    "from",
    "before my wedding",
    "so far",
    "right now",
    "I'm at",
    "used to",
    "double",
    "twice",
    "once",
    "twenty one",
    "forty-five",
    "a hundred",
    "cinquenta",
    "dreimal",
    "veces",
    "por semana",
    "este mes",
    "w tygodniu",
    "今月",
    "走",
    ",",
    ".",
    "?",
    "!",
    "—",
    "(",
    ")",
    "💪",
    "by a date",
    "not sure",
    "whatever",
    "a marathon",
    "half marathon",
    "without stopping",
    "long run",
    "1/3",
    "10%",
    "2026",
    "2027-03-01",
    "12/31",
    "31/12",
    "0",
    "0.5",
    "99999999",
    "1e9",
]
fragment = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.integers(0, 200_000).map(str),
    st.floats(0, 5000, allow_nan=False).map(lambda x: f"{x:.1f}"),
)
fitness_texts = st.lists(fragment, min_size=1, max_size=14).map(" ".join)


def check(result: ParseResult) -> None:
    """What every result must satisfy."""
    assert isinstance(result, Draft | Clarify | NotAGoal)
    if isinstance(result, Draft):
        draft = result.draft
        GoalDraft.model_validate(draft.model_dump())
        assert contract_problems(draft.model_dump(mode="json")) == []
        low, high = TARGET_BOUNDS[draft.metric]
        assert low <= draft.target_value <= high
        assert draft.start_at.tzinfo is not None
        for moment in (draft.end_at, draft.deadline_at):
            assert moment is None or moment > draft.start_at
    elif isinstance(result, Clarify):
        assert result.question
        assert 1 <= len(result.partial.asked) <= 2
        assert all(0 < len(label) <= 40 and value for label, value in result.chips)
        PartialGoal.model_validate_json(result.partial.model_dump_json())


@given(st.text(max_size=400), nows, zones, units)
@settings(max_examples=300, deadline=None)
def test_never_raises_on_any_text(text: str, now: datetime, tz: str, unit: str) -> None:
    check(parse_goal(text, now=now, tz=tz, units=unit))  # type: ignore[arg-type]
    assert 0.0 <= goal_signal(text) <= 1.0
    parse_edit(text)


@given(fitness_texts, nows, zones, units)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fitness_like_messages_give_valid_results(
    text: str, now: datetime, tz: str, unit: str
) -> None:
    result = parse_goal(text, now=now, tz=tz, units=unit)  # type: ignore[arg-type]
    check(result)
    parse_edit(text)


@given(fitness_texts, st.data(), zones, units)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_chips_are_answers(text: str, data: st.DataObject, tz: str, unit: str) -> None:
    result = parse_goal(text, now=NOW, tz=tz, units=unit)  # type: ignore[arg-type]
    for _ in range(3):
        if not isinstance(result, Clarify):
            return
        _, answer = data.draw(st.sampled_from(result.chips))
        partial = PartialGoal.model_validate_json(result.partial.model_dump_json())
        result = parse_goal(answer, now=NOW, tz=tz, units=unit, partial=partial)  # type: ignore[arg-type]
        check(result)
        assert not isinstance(result, NotAGoal), answer
    assert not isinstance(result, Clarify), "more than two questions"


OPENERS = [
    "run 50 km",
    "3 rucks",
    "run 50 this month",
    "2 heavy sessions a week",
    "set a step goal",
    "run 30 km before my wedding",
    "I want to do 50 this month",
]


@given(st.sampled_from(OPENERS), st.one_of(fitness_texts, st.text(max_size=80)), zones, units)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_answer_to_a_question_is_safe(opener: str, answer: str, tz: str, unit: str) -> None:
    first = parse_goal(opener, now=NOW, tz=tz, units=unit)  # type: ignore[arg-type]
    assert isinstance(first, Clarify), opener
    partial = PartialGoal.model_validate_json(first.partial.model_dump_json())
    check(parse_goal(answer, now=NOW, tz=tz, units=unit, partial=partial))  # type: ignore[arg-type]


UNIT_PHRASES: list[tuple[str, DisplayUnit]] = [
    ("km", "km"),
    ("kilometers", "km"),
    ("kilometres", "km"),
    ("mi", "mi"),
    ("miles", "mi"),
    ("ft of climbing", "ft"),
    ("feet of elevation gain", "ft"),
    ("m of elevation", "m"),
    ("minutes", "minutes"),
    ("hours", "hours"),
    ("hrs", "hours"),
    ("steps", "steps"),
    ("power points", "points"),
]
WINDOW_PHRASES = ["this month", "a week", "by June 30", "in the next 30 days", "for 6 weeks"]


@given(
    st.sampled_from(UNIT_PHRASES),
    st.one_of(st.integers(1, 999).map(float), st.integers(10, 9999).map(lambda x: x / 10)),
    st.sampled_from(WINDOW_PHRASES),
    zones,
    units,
)
@settings(max_examples=300, deadline=None)
def test_target_converts_back_to_what_was_said(
    phrase: tuple[str, DisplayUnit], amount: float, window: str, tz: str, unit: str
) -> None:
    words, display = phrase
    if display == "steps":
        amount = max(round(amount) * 10, 100)
    if display == "ft":
        amount = max(amount, 4.0)
    said = f"{amount:g}"
    result = parse_goal(f"{said} {words} {window}", now=NOW, tz=tz, units=unit)  # type: ignore[arg-type]
    assert isinstance(result, Draft), result
    assert result.draft.display_unit == display
    assert from_canonical(result.draft.target_value, display) == pytest.approx(amount, rel=1e-6)
    check(result)


ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int, *, hyphen: bool, say_and: bool) -> str:
    """English words for 1..999, the way people type them."""
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{ONES[hundreds - 1]} hundred")
    if rest:
        if hundreds and say_and:
            parts.append("and")
        if rest < 10:
            parts.append(ONES[rest - 1])
        elif rest < 20:
            parts.append(TEENS[rest - 10])
        else:
            tens, ones = divmod(rest, 10)
            joiner = "-" if hyphen else " "
            parts.append(TENS[tens - 2] + (joiner + ONES[ones - 1] if ones else ""))
    return " ".join(parts)


@given(st.integers(1, 999), st.booleans(), st.booleans())
@settings(max_examples=400, deadline=None)
def test_english_number_words_round_trip(n: int, hyphen: bool, say_and: bool) -> None:
    words = in_words(n, hyphen=hyphen, say_and=say_and)
    assert words_to_digits(words) == str(n)
    result = parse_goal(f"{words} km this month", now=NOW, tz="Europe/Berlin")
    assert isinstance(result, Draft)
    assert result.draft.target_value == n


def test_every_number_word_from_1_to_999() -> None:
    for n in range(1, 1000):
        assert words_to_digits(in_words(n, hyphen=True, say_and=False)) == str(n)


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_goal_signal_is_a_probability(text: str) -> None:
    assert 0.0 <= goal_signal(text) <= 1.0


def test_typical_messages_parse_in_well_under_a_millisecond() -> None:
    messages = [
        "Goal: run 100 km in October.",
        "3 rucks a week carrying 30 lb",
        "10k steps a day",
        "I'd like to hit 150 km of running this month, I'm at 40 so far.",
        "streak goal: ruck every day for 21 days",
        "what's the weather",
    ]
    for text in messages:
        parse_goal(text, now=NOW, tz="Europe/Berlin")
    rounds = 50
    started = clock.perf_counter()
    for _ in range(rounds):
        for text in messages:
            parse_goal(text, now=NOW + timedelta(seconds=1), tz="Europe/Berlin")
    per_message = (clock.perf_counter() - started) / (rounds * len(messages))
    assert per_message < 0.002  # about 0.3 ms on an idle core; slack for a busy machine
