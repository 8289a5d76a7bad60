"""Notification schedules of a goal (seed 000 ``user_goal_notification_schedules``): the rule
fields the seed names, their validation, the defaults a new goal gets, and when a time-based
schedule runs next. Pure: the clock is passed in; times are computed in the goal's time zone
so "07:30" stays 07:30 across daylight-saving changes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal, Self
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ScheduleType = Literal["time_based", "progress_based", "milestone_based"]
Day = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DAYS: tuple[Day, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"

DEFAULT_COOLDOWN_HOURS = 18.0
DEFAULT_DAILY_CAP = 1


class QuietHours(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: str = Field("21:00", pattern=HHMM)
    end: str = Field("07:00", pattern=HHMM)


class ScheduleRules(BaseModel):
    """``schedule_rules_json``: every governance knob lives here so tuning needs no schema
    change (seed 000 "Data & APIs")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    time: str | None = Field(None, pattern=HHMM, description="Local send time, time_based.")
    days: tuple[Day, ...] | None = Field(
        None, min_length=1, description="Weekdays a time_based reminder runs; all when unset."
    )
    cooldown_hours: float = Field(DEFAULT_COOLDOWN_HOURS, ge=1, le=168)
    daily_cap: int = Field(DEFAULT_DAILY_CAP, ge=1, le=5)
    quiet_hours: QuietHours = Field(default_factory=QuietHours)
    preferred_time: str | None = Field(None, pattern=HHMM)
    habit_learning: bool = True
    milestones: tuple[int, ...] | None = Field(None, min_length=1, max_length=10)
    on_behind: bool = True
    on_track: bool = True

    @field_validator("days")
    @classmethod
    def _distinct_days(cls, days: tuple[Day, ...] | None) -> tuple[Day, ...] | None:
        if days is not None and len(set(days)) != len(days):
            raise ValueError("list each day once")
        return days

    @field_validator("milestones")
    @classmethod
    def _rising_percentages(cls, milestones: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if milestones is None:
            return None
        if any(not 1 <= m <= 100 for m in milestones):
            raise ValueError("milestones are percentages from 1 to 100")
        if list(milestones) != sorted(set(milestones)):
            raise ValueError("list milestones once each, in rising order")
        return milestones


class ScheduleIn(BaseModel):
    """A schedule as a client sends it; one per type and goal (sending it again replaces it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schedule_type: ScheduleType
    rules: ScheduleRules = Field(default_factory=ScheduleRules)
    enabled: bool = True

    @model_validator(mode="after")
    def _rules_fit_type(self) -> Self:
        rules = self.rules
        if self.schedule_type == "time_based" and rules.time is None:
            raise ValueError("a time_based schedule needs rules.time, e.g. '07:30'")
        if self.schedule_type != "time_based" and (rules.time or rules.days):
            raise ValueError(
                f"rules.time and rules.days apply to time_based, not {self.schedule_type}"
            )
        if self.schedule_type != "progress_based" and rules.milestones:
            raise ValueError("rules.milestones apply to progress_based schedules")
        if rules.time is not None and _in_quiet_hours(_hhmm(rules.time), rules.quiet_hours):
            raise ValueError(
                f"rules.time {rules.time} falls in the quiet hours "
                f"{rules.quiet_hours.start}–{rules.quiet_hours.end}; pick another time"
            )
        return self


def default_schedules(
    reminder_time: str, quiet_hours: QuietHours, milestones: tuple[int, ...]
) -> list[ScheduleIn]:
    """What a new goal gets: a reminder at the user's time and progress nudges (seed 000
    "Defaults": cooldown 18 h, one a day, quiet 21:00–07:00)."""
    reminder = reminder_time if not _in_quiet_hours(_hhmm(reminder_time), quiet_hours) else None
    schedules = [
        ScheduleIn(
            schedule_type="progress_based",
            rules=ScheduleRules(quiet_hours=quiet_hours, milestones=milestones),
        )
    ]
    if reminder is not None:
        schedules.insert(
            0,
            ScheduleIn(
                schedule_type="time_based",
                rules=ScheduleRules(time=reminder, quiet_hours=quiet_hours),
            ),
        )
    return schedules


def next_run_at(schedule: ScheduleIn, tz: str, now: datetime) -> datetime | None:
    """The next time a time-based schedule fires (aware UTC); None for the event-driven types
    and for disabled schedules."""
    if not schedule.enabled or schedule.schedule_type != "time_based":
        return None
    rules = schedule.rules
    assert rules.time is not None
    zone = ZoneInfo(tz)
    at = _hhmm(rules.time)
    days = set(rules.days or DAYS)
    today = now.astimezone(zone).date()
    for offset in range(8):
        day = today + timedelta(days=offset)
        if DAYS[day.weekday()] not in days:
            continue
        candidate = _local(day, at, zone)
        if candidate > now:
            return candidate
    return None  # unreachable: some allowed day falls within any 8 days


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``zone``, as UTC. A time skipped by a spring-forward change resolves
    to the same wall time shifted by the gap (zoneinfo's fold=0), so the reminder still comes."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(ZoneInfo("UTC"))


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _in_quiet_hours(at: time, quiet: QuietHours) -> bool:
    start, end = _hhmm(quiet.start), _hhmm(quiet.end)
    if start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end
