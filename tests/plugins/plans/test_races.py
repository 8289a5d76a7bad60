"""Race names, distances and clock times as people type them."""

from __future__ import annotations

import pytest

from plugins.plans.races import parse_clock, race_distance_m, race_seconds
from plugins.plans.vdot import RACE_DISTANCES_M


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("5k", 5000.0),
        ("5K", 5000.0),
        ("10 km", 10000.0),
        ("half", 21097.5),
        ("Half Marathon", 21097.5),
        ("half-marathon", 21097.5),
        ("marathon", 42195.0),
        ("mile", 1609.344),
        ("2mi", 3218.688),
        ("8k", 8000.0),
        ("15000m", 15000.0),
        ("10 mi", 16093.44),
        ("1500m", 1500.0),
    ],
)
def test_race_names_and_distances(text: str, metres: float) -> None:
    assert race_distance_m(text) == pytest.approx(metres)


def test_every_table_race_is_known_by_its_own_name() -> None:
    for name, metres in RACE_DISTANCES_M.items():
        assert race_distance_m(name) == metres


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ultra", "unknown race 'ultra': use one of 1500m, mile"),
        ("60k", "race '60k' is 60 km; paces and predictions cover races from 1 to 50 km"),
        ("400m", "race '400m' is 0.4 km"),
    ],
)
def test_unknown_or_out_of_range_races_say_what_is_accepted(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        race_distance_m(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("19:57", 1197.0),
        ("1:45:00", 6300.0),
        ("3:05:10", 11110.0),
        ("1197", 1197.0),
        ("19:57.5", 1197.5),
    ],
)
def test_clock_times(text: str, seconds: float) -> None:
    assert parse_clock(text) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1:00:00:00", "write it as h:mm:ss or mm:ss"),
        ("abc", "write it as h:mm:ss or mm:ss"),
        ("19:75", "minutes and seconds run from 00 to 59"),
        ("0:00", "must be longer than zero"),
    ],
)
def test_unreadable_times_say_how_to_write_them(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_clock(text)


def test_two_part_times_too_fast_for_the_distance_read_as_hours() -> None:
    half = RACE_DISTANCES_M["half_marathon"]
    assert race_seconds("1:45", half) == 6300.0
    assert race_seconds("3:30", RACE_DISTANCES_M["marathon"]) == 12600.0
    # A 5K in 19:57 is a fine minutes:seconds time, and stays one.
    assert race_seconds("19:57", 5000.0) == 1197.0
    # Too fast either way (50 minutes or 50 hours for a half): left as written, for the caller
    # to reject with the time the user typed.
    assert race_seconds("50:00", half) == 3000.0
