"""Calendar arithmetic in the user's zone: local days in, aware UTC instants out.

Goals are stored as UTC instants but people think in local days: a deadline "June 30" ends at
the user's midnight after June 30, whatever the offset that night.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_of(name: str) -> ZoneInfo:
    """The zone named, or UTC for a name that is not a zone (the parser never raises)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return ZoneInfo("UTC")


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The instant the local ``day`` begins, in UTC."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The instant the local ``day`` ends: the next local midnight."""
    return local_midnight(day + timedelta(days=1), zone)


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later, clipped to that month's length."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, last_day_of_month(year, month + 1).day))


def next_monday(day: date) -> date:
    """The Monday after ``day`` (a week on when ``day`` is a Monday)."""
    return day + timedelta(days=7 - day.weekday())


def next_weekday(day: date, weekday: int, *, today_counts: bool) -> date:
    """The next ``weekday`` (0 = Monday) from ``day``; ``day`` itself when it fits and counts."""
    ahead = (weekday - day.weekday()) % 7
    if ahead == 0 and not today_counts:
        ahead = 7
    return day + timedelta(days=ahead)


def quarter_end(day: date) -> date:
    last_month = (day.month - 1) // 3 * 3 + 3
    return last_day_of_month(day.year, last_month)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def upcoming(month: int, day: int, today: date, year: int | None = None) -> date | None:
    """``month``/``day`` in ``year``, or this year, or next year once this year's has passed."""
    if year is not None:
        return safe_date(year, month, day)
    this_year = safe_date(today.year, month, day)
    if this_year is not None and this_year >= today:
        return this_year
    return safe_date(today.year + 1, month, day) or safe_date(today.year + 1, month, day - 1)
