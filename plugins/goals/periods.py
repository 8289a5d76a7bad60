"""Time arithmetic for goal windows in the user's own calendar.

Goals are judged by local days, not by 24-hour blocks: a day that loses or gains an hour to a
daylight-saving change is still one day, so "three days into the week" means the same thing
in March as in June (seed 000 "Streak: … DST-safe; day-level granularity"). Positions in time
are therefore measured as a local date's ordinal plus the fraction of that (possibly 23- or
25-hour) day that has passed.

Local dates travel as ISO strings ("2026-03-29") because that is how the daily maps are keyed
and stored; ISO strings sort like the dates they name.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

CalendarWindow = Literal["weekly", "monthly"]

ONE_DAY = timedelta(days=1)
LATEST_ORDINAL = date.max.toordinal() - 1
"""Positions past this cannot become datetimes; an estimate that far out is no estimate."""


def local_day(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


@functools.lru_cache(maxsize=8192)
def day_start(ordinal: int, zone: ZoneInfo) -> datetime:
    """The first instant (UTC) of a local day. A midnight skipped by a daylight-saving jump
    resolves to the first wall time that exists that day, as zoneinfo's fold=0 gives it.
    Cached: evaluations ask for the same few days over and over."""
    day = date.fromordinal(ordinal)
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)


def day_position(instant: datetime, zone: ZoneInfo) -> float:
    """The local date's ordinal plus the share of that local day already gone."""
    return locate(instant, zone)[1]


def locate(instant: datetime, zone: ZoneInfo) -> tuple[int, float]:
    """The local date's ordinal and the instant's day position, from one zone lookup."""
    ordinal = local_day(instant, zone).toordinal()
    start = day_start(ordinal, zone)
    length = day_start(ordinal + 1, zone) - start
    return ordinal, ordinal + (instant - start) / length


def instant_at(position: float, zone: ZoneInfo) -> datetime | None:
    """The instant a day position names (the inverse of ``day_position``); None when it lies
    beyond the calendar datetimes can express."""
    if not math.isfinite(position) or position >= LATEST_ORDINAL:
        return None
    ordinal = math.floor(position)
    start = day_start(ordinal, zone)
    return start + (day_start(ordinal + 1, zone) - start) * (position - ordinal)


class _Ordinals(dict[str, int]):
    """ISO date → ordinal, filled on first use. Parsing the same few hundred dates on every
    evaluation would dominate its cost; the set of dates ever seen stays small."""

    def __missing__(self, iso: str) -> int:
        ordinal = self[iso] = date.fromisoformat(iso).toordinal()
        return ordinal


ORDINALS = _Ordinals()


@functools.lru_cache(maxsize=8192)
def iso_of(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


@dataclass(frozen=True, slots=True)
class Period:
    """One calendar week (Monday first) or month, as local days [first, next_first)."""

    window: CalendarWindow
    first: int
    """Ordinal of its first local day."""
    next_first: int
    """Ordinal of the first local day of the period after it."""
    key: str
    """"2026-W47" (ISO week) or "2026-11"."""

    @property
    def first_iso(self) -> str:
        return iso_of(self.first)

    @property
    def next_first_iso(self) -> str:
        return iso_of(self.next_first)

    def following(self) -> Period:
        return period_of(self.window, self.next_first)

    def preceding(self) -> Period:
        return period_of(self.window, self.first - 1)


@functools.lru_cache(maxsize=8192)
def period_of(window: CalendarWindow, ordinal: int) -> Period:
    """The calendar period containing a local day."""
    day = date.fromordinal(ordinal)
    if window == "weekly":
        first = day - timedelta(days=day.weekday())
        year, week, _ = first.isocalendar()
        return Period(window, first.toordinal(), first.toordinal() + 7, f"{year}-W{week:02d}")
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(window, first.toordinal(), following.toordinal(), f"{first:%Y-%m}")


@functools.lru_cache(maxsize=4096)
def periods_between(first: Period, last: Period) -> tuple[Period, ...]:
    """The periods from ``first`` through ``last``, in order (at least ``first``). Cached: a
    goal asks for the same run every day until a new period begins."""
    run = [first]
    while run[-1].next_first <= last.first:
        run.append(run[-1].following())
    return tuple(run)


def final_period(first: Period, closes_at: datetime, zone: ZoneInfo) -> Period:
    """The last period of a recurring goal that closes at ``closes_at``: the close is rounded
    to the nearest period boundary, so "4 times a week for 6 weeks" begun on a Wednesday (and
    closing six weeks later, on a Wednesday) runs six calendar weeks, not six and a bit, while
    a close set at Sunday 23:59 still includes that week."""
    last = period_of(
        first.window, local_day(closes_at - timedelta(microseconds=1), zone).toordinal()
    )
    if last.first <= first.first:
        return first
    start, end = day_start(last.first, zone), day_start(last.next_first, zone)
    return last.preceding() if closes_at - start < end - closes_at else last
