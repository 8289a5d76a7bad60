"""Local-calendar arithmetic: day starts and positions across daylight-saving changes, calendar
periods and their keys, and where a recurring goal's last period falls."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from plugins.goals.periods import (
    ORDINALS,
    day_position,
    day_start,
    final_period,
    instant_at,
    iso_of,
    local_day,
    period_of,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")


def ordinal(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "starts_at", "hours"),
    [
        (BERLIN, "2026-03-29", utc(2026, 3, 28, 23), 23),
        (BERLIN, "2026-10-25", utc(2026, 10, 24, 22), 25),
        (NEW_YORK, "2026-03-08", utc(2026, 3, 8, 5), 23),
        (NEW_YORK, "2026-11-01", utc(2026, 11, 1, 4), 25),
        (SYDNEY, "2026-04-05", utc(2026, 4, 4, 13), 25),
        (SYDNEY, "2026-10-04", utc(2026, 10, 3, 14), 23),
    ],
)
def test_days_that_change_the_clock_start_at_local_midnight_and_run_23_or_25_hours(
    zone: ZoneInfo, day: str, starts_at: datetime, hours: int
) -> None:
    assert day_start(ordinal(day), zone) == starts_at
    assert day_start(ordinal(day) + 1, zone) - starts_at == timedelta(hours=hours)


def test_a_skipped_midnight_starts_the_day_at_its_first_real_instant() -> None:
    # Santiago springs forward at midnight: 2026-09-06 00:00 does not exist, 01:00 does.
    santiago = ZoneInfo("America/Santiago")
    start = day_start(ordinal("2026-09-06"), santiago)
    assert start.astimezone(santiago).replace(tzinfo=None) == datetime(2026, 9, 6, 1)
    assert local_day(start - timedelta(microseconds=1), santiago) == date(2026, 9, 5)


def test_half_past_midnight_on_a_switch_day_belongs_to_that_day() -> None:
    # 00:30 local, before the 02:00 change, in standard time.
    assert local_day(utc(2026, 3, 28, 23, 30), BERLIN) == date(2026, 3, 29)
    assert local_day(utc(2026, 10, 24, 22, 30), BERLIN) == date(2026, 10, 25)
    assert local_day(utc(2026, 3, 8, 5, 30), NEW_YORK) == date(2026, 3, 8)
    assert local_day(utc(2026, 11, 1, 4, 30), NEW_YORK) == date(2026, 11, 1)


def test_noon_of_a_short_day_is_less_than_half_way_through_it_in_hours_but_a_day_counts_once() -> (
    None
):
    # Berlin 2026-03-29: 23 hours long; 12:00 CEST is 11 hours after its midnight.
    noon = datetime(2026, 3, 29, 12, tzinfo=BERLIN)
    assert day_position(noon, BERLIN) == pytest.approx(ordinal("2026-03-29") + 11 / 23)
    next_midnight = datetime(2026, 3, 30, tzinfo=BERLIN)
    assert day_position(next_midnight, BERLIN) == ordinal("2026-03-30")


@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK, SYDNEY])
def test_positions_rise_steadily_through_both_changes_and_map_back_to_their_instants(
    zone: ZoneInfo,
) -> None:
    for first in ("2026-03-27", "2026-10-23", "2026-04-03", "2026-10-02", "2026-11-01"):
        instant = day_start(ordinal(first), zone)
        previous = day_position(instant, zone)
        for _ in range(4 * 24 * 4):  # four days in 15-minute steps
            instant += timedelta(minutes=15)
            position = day_position(instant, zone)
            # A step is a quarter hour of a 23-, 24- or 25-hour day, never a jump.
            assert 15 / (25 * 60) - 1e-9 <= position - previous <= 15 / (23 * 60) + 1e-9
            back = instant_at(position, zone)
            assert back is not None and abs(back - instant) < timedelta(milliseconds=1)
            previous = position


def test_positions_past_the_calendar_have_no_instant() -> None:
    assert instant_at(float(date.max.toordinal() + 5), BERLIN) is None
    assert instant_at(float("inf"), BERLIN) is None


def test_weeks_start_on_monday_and_carry_iso_week_keys() -> None:
    week = period_of("weekly", ordinal("2026-11-19"))  # a Thursday
    assert (iso_of(week.first), iso_of(week.next_first), week.key) == (
        "2026-11-16",
        "2026-11-23",
        "2026-W47",
    )
    # The ISO year of a week is its Thursday's: 2027-01-01 (a Friday) is in 2026-W53.
    assert period_of("weekly", ordinal("2027-01-01")).key == "2026-W53"
    assert period_of("weekly", ordinal("2024-12-30")).key == "2025-W01"


def test_months_run_from_the_first_to_the_first_of_the_next() -> None:
    feb = period_of("monthly", ordinal("2028-02-29"))
    assert (iso_of(feb.first), iso_of(feb.next_first), feb.key) == (
        "2028-02-01",
        "2028-03-01",
        "2028-02",
    )
    dec = period_of("monthly", ordinal("2026-12-31"))
    assert (iso_of(dec.next_first), dec.following().key, dec.preceding().key) == (
        "2027-01-01",
        "2027-01",
        "2026-11",
    )


def test_a_close_is_rounded_to_the_nearest_period_boundary() -> None:
    first = period_of("weekly", ordinal("2026-11-04"))  # Wednesday of 2026-W45
    six_weeks_on = datetime(2026, 12, 16, 10, tzinfo=BERLIN)  # the Wednesday of W51
    assert final_period(first, six_weeks_on, BERLIN).key == "2026-W50"
    sunday_night = datetime(2026, 12, 13, 23, 59, tzinfo=BERLIN)
    assert final_period(first, sunday_night, BERLIN).key == "2026-W50"
    monday_midnight = datetime(2026, 12, 14, tzinfo=BERLIN)
    assert final_period(first, monday_midnight, BERLIN).key == "2026-W50"
    friday = datetime(2026, 12, 18, 12, tzinfo=BERLIN)
    assert final_period(first, friday, BERLIN).key == "2026-W51"


def test_a_close_inside_the_first_period_keeps_that_period() -> None:
    first = period_of("monthly", ordinal("2026-11-20"))
    assert final_period(first, datetime(2026, 11, 22, tzinfo=BERLIN), BERLIN) == first


def test_iso_dates_are_parsed_once_and_agree_with_the_calendar() -> None:
    assert ORDINALS["2026-03-29"] == date(2026, 3, 29).toordinal()
    assert iso_of(ORDINALS["2026-03-29"]) == "2026-03-29"
