"""Turn pacing, flow length and the daily off-topic cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from guardrails import TurnLimits, flow_exhausted, offtopic_cap_reached, seconds_until_next_turn

NOW = datetime(2026, 4, 20, 7, 30, tzinfo=UTC)
LIMITS = TurnLimits(max_turns_per_flow=6, min_seconds_between_turns=10.0, daily_offtopic_refusals=3)


def test_the_first_turn_is_always_allowed() -> None:
    assert seconds_until_next_turn(None, NOW, LIMITS) == 0.0


def test_a_turn_too_soon_waits_for_the_rest_of_the_gap() -> None:
    assert seconds_until_next_turn(NOW - timedelta(seconds=4), NOW, LIMITS) == 6.0


def test_a_turn_after_the_gap_is_allowed() -> None:
    assert seconds_until_next_turn(NOW - timedelta(seconds=10), NOW, LIMITS) == 0.0
    assert seconds_until_next_turn(NOW - timedelta(hours=3), NOW, LIMITS) == 0.0


def test_a_clock_that_went_backwards_never_locks_anyone_out_longer() -> None:
    assert seconds_until_next_turn(NOW + timedelta(hours=1), NOW, LIMITS) == 10.0


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_the_wait_is_never_negative_nor_longer_than_the_gap(offset: float) -> None:
    wait = seconds_until_next_turn(NOW - timedelta(seconds=offset), NOW, LIMITS)
    assert 0.0 <= wait <= LIMITS.min_seconds_between_turns


def test_a_flow_ends_once_its_turns_are_used() -> None:
    assert not flow_exhausted(5, LIMITS)
    assert flow_exhausted(6, LIMITS)
    assert flow_exhausted(9, LIMITS)


def test_the_off_topic_cap_allows_the_daily_allowance_then_stops() -> None:
    assert [offtopic_cap_reached(n, LIMITS) for n in range(1, 6)] == [
        False,
        False,
        False,
        True,
        True,
    ]


def test_defaults_follow_the_product_spec() -> None:
    assert TurnLimits() == TurnLimits(6, 1.0, 20)
