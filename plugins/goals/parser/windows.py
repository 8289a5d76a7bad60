"""From time phrases to a goal window (seed 000 "Windowing").

A rate makes the goal recurring and the time phrase only says when it stops ("4 times a week
for the next 6 weeks" is weekly, ending in six weeks). Without a rate the phrase is the window
itself ("this month", "next 30 days", "by June 30"). When several phrases compete the last one
wins: people correct themselves ("this year... no wait, this quarter").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from plugins.goals.model import Window
from plugins.goals.parser.dates import Frame
from plugins.goals.parser.localtime import add_months, end_of_day, local_midnight
from plugins.goals.parser.rates import RateKind

ROLLING: dict[int, Window] = {7: "7d", 30: "30d"}


@dataclass(frozen=True, slots=True)
class Placement:
    window: Window
    start_at: datetime
    end_at: datetime | None = None
    deadline_at: datetime | None = None


def chosen_frame(frames: tuple[Frame, ...] | list[Frame]) -> Frame | None:
    """The frame that decides: the last dated one, else an unknown date."""
    dated = [f for f in frames if f.kind != "unknown"]
    if dated:
        return max(dated, key=lambda f: f.pos)
    return frames[0] if frames else None


def span_end(start: date, frame: Frame) -> date:
    return add_months(start, frame.months) + timedelta(days=frame.days)


def place(
    frame: Frame | None,
    rate: RateKind | None,
    *,
    start: date,
    zone: ZoneInfo,
) -> Placement | None:
    """The window for a goal with this rate and time phrase; None when the phrase leaves it
    open (no phrase, a date only the user knows, or one that ends before the goal starts)."""
    if frame is not None and frame.kind in ("period", "deadline") and frame.first is not None:
        start = max(start, frame.first)
    start_at = local_midnight(start, zone)
    if rate in ("week", "month"):
        window: Window = "weekly" if rate == "week" else "monthly"
        end_at = _end_of(frame, start, zone)
        return Placement(window, start_at, end_at=end_at if _after(end_at, start_at) else None)
    placement = _one_off(frame, start, start_at, zone)
    if placement is None or not _after(placement.end_at or placement.deadline_at, start_at):
        return None
    return placement


def _after(end: datetime | None, start: datetime) -> bool:
    return end is None or end > start


def _one_off(
    frame: Frame | None, start: date, start_at: datetime, zone: ZoneInfo
) -> Placement | None:
    if frame is None or frame.kind == "unknown":
        return None
    if frame.kind == "period" and frame.window is not None and frame.until is not None:
        return Placement(frame.window, start_at, end_at=local_midnight(frame.until, zone))
    if frame.kind == "span":
        end = span_end(start, frame)
        rolling = ROLLING.get((end - start).days) if frame.months == 0 else None
        if rolling is not None:
            return Placement(rolling, start_at, end_at=local_midnight(end, zone))
        return Placement("until_deadline", start_at, deadline_at=local_midnight(end, zone))
    if frame.kind == "deadline" and frame.until is not None:
        return Placement("until_deadline", start_at, deadline_at=end_of_day(frame.until, zone))
    return None


def _end_of(frame: Frame | None, start: date, zone: ZoneInfo) -> datetime | None:
    """When a recurring goal stops repeating."""
    if frame is None or frame.kind == "unknown":
        return None
    if frame.kind == "span":
        return local_midnight(span_end(start, frame), zone)
    if frame.kind == "deadline" and frame.until is not None:
        return end_of_day(frame.until, zone)
    if frame.until is not None:
        return local_midnight(frame.until, zone)
    return None


def days_covered(start: date, end: date, days_per_week: int | None) -> int:
    """Local days from ``start`` up to ``end`` (exclusive) that count for a per-day rate;
    with ``days_per_week`` of 5 only Monday to Friday count."""
    total = max((end - start).days, 0)
    if days_per_week is None or days_per_week >= 7:
        return total
    return sum(1 for i in range(total) if (start + timedelta(days=i)).weekday() < days_per_week)
