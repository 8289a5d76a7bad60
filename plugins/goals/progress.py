"""How far a goal has come, whether it is on pace, and what changed since it was last looked at
(seed 000 "Evaluation Logic", "Core Signals", "Next Best Action").

Pure and stateless: the caller passes the goal, its day → value map (``daily_contributions``)
and the time. A completed goal keeps the result it finished with ("freeze final progress"),
so callers must not evaluate completed goals again: a later evaluation of a rolling window
could report a lower value, and this module does not know the goal already finished.

Numbers are canonical (km, minutes, …) and days are the user's local days, so a 23-hour
daylight-saving day counts as a whole day for streaks, windows and pace alike.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

from plugins.goals.contributions import daily_values
from plugins.goals.model import Constraints, Metric, Status, Window, WorkoutFacts
from plugins.goals.periods import (
    ORDINALS,
    CalendarWindow,
    Period,
    day_start,
    final_period,
    instant_at,
    iso_of,
    local_day,
    locate,
    period_of,
    periods_between,
)

Pace = Literal["ahead", "on_track", "behind", "severely_behind"]
EvaluatedStatus = Literal["active", "completed", "expired"]
EventKind = Literal["completed", "period_completed", "expired", "milestone", "pace_changed"]

AHEAD_ABOVE = 0.05
BEHIND_BELOW = -0.10
SEVERELY_BEHIND_BELOW = -0.20
"""Seed 000 "Core Signals": delta > +0.05 is ahead, < −0.10 behind, < −0.20 severely behind."""

ROLLING_DAYS: dict[Window, int] = {"7d": 7, "30d": 30}
CALENDAR_WINDOWS: tuple[CalendarWindow, ...] = ("weekly", "monthly")

LONG_GOAL_DAYS = 28
"""A goal whose window (or, for a recurring goal, whose period) spans at least this many days
— or has no end at all — is "long"; anything shorter is "small" (seed 000 "Adaptive
milestones"). Small goals are over quickly, so their first milestone comes early."""
RECENT_PERIODS = 12
"""A recurring goal that runs for good lists only its latest periods; one with an end lists
them all, since its completion depends on every one."""

SMALL_GOAL_MILESTONES = (10, 30, 60, 100)
LONG_GOAL_MILESTONES = (25, 50, 75, 100)

RELATIVE_TOLERANCE = 1e-9
"""Sums of decimal distances are not exact (0.1 + 0.2 ≠ 0.3); a target reached to within this
share still counts as reached."""


@dataclass(frozen=True)
class GoalSpec:
    """What evaluation needs of a goal. Instants are aware (UTC); ``tz`` is the user's IANA
    zone, the calendar every day, week and month is counted in."""

    metric: Metric
    target_value: float
    window: Window
    constraints: Constraints
    start_at: datetime
    end_at: datetime | None
    deadline_at: datetime | None
    tz: str


class PeriodTally(NamedTuple):
    key: str
    value: float
    met: bool


@dataclass(frozen=True)
class Evaluation:
    """One look at a goal at one moment. Values are canonical and cover the current window
    (for weekly and monthly goals: the current calendar period)."""

    target_value: float
    current_value: float
    """For streak goals: the current streak within the window, or the longest one once that
    reached the target (a reached streak stays reached)."""
    progress_percent: float
    window_start: datetime
    window_end: datetime | None
    """None for an open-ended goal (``until_deadline`` without a deadline)."""
    period_key: str | None
    today: str
    """The user's local date at the moment evaluated (or the goal's last day once it closed)."""
    expected_progress: float | None
    delta: float | None
    pace: Pace | None
    remaining_value: float
    eta: datetime | None
    """When the target would be reached at the pace so far (value per elapsed local day);
    None without progress, once reached, or when that lies beyond the calendar."""
    on_pace_to_finish: bool | None
    needed_today: float | None
    """Seed 000 "Next Best Action": what today must add to end the day on pace."""
    streak_current: int
    streak_best: int
    last_contribution_date: str | None
    days_since_last_contribution: int | None
    status: EvaluatedStatus
    period_met: bool | None
    periods: tuple[PeriodTally, ...]
    """Every calendar period from the goal's first to the current one."""
    milestones: tuple[int, ...]


@dataclass(frozen=True)
class ProgressMarks:
    """What the store remembers of the last evaluation, so that only changes become events."""

    status: Status
    period_key: str | None
    period_met: bool
    milestones_hit: tuple[int, ...]
    """Milestones already announced, for the current period when the goal has periods."""
    pace: Pace | None


@dataclass(frozen=True)
class GoalEvent:
    kind: EventKind
    key: str
    """Stable across re-runs, so a sender can drop what it has already sent."""
    data: dict[str, Any]


def daily_contributions(goal: GoalSpec, workouts: Iterable[WorkoutFacts]) -> dict[str, float]:
    """Local ISO date → the metric's qualifying value that day, from the goal's first day on.
    A weekly or monthly goal counts its whole first period: "150 km this month" set on the
    20th includes the runs of the 1st to the 19th, as users expect."""
    zone = ZoneInfo(goal.tz)
    first = local_day(goal.start_at, zone).toordinal()
    if goal.window in CALENDAR_WINDOWS:
        first = period_of(_calendar(goal.window), first).first
    return daily_values(goal.metric, goal.constraints, iso_of(first), workouts)


def milestones_for(goal: GoalSpec) -> tuple[int, ...]:
    """The progress percentages worth announcing for this goal (see ``LONG_GOAL_DAYS``)."""
    days = _span_days(goal)
    if days is None or days >= LONG_GOAL_DAYS:
        return LONG_GOAL_MILESTONES
    return SMALL_GOAL_MILESTONES


def evaluate_goal(goal: GoalSpec, daily: Mapping[str, float], now: datetime) -> Evaluation:
    """The goal as of ``now``, from its daily map alone: the daily pass over every goal must
    stay cheap, so nothing here reads workouts, the clock or the store."""
    zone = ZoneInfo(goal.tz)
    frame = _frame(goal, zone, now)
    days = _Days.of(daily)
    through_today = days.index(frame.today + 1)
    streak_current, streak_best = _streaks(days.ordinals[:through_today], frame.today)

    periods: tuple[PeriodTally, ...] = ()
    if frame.period is not None:
        periods = _tallies(goal, days, frame)
        current = periods[-1].value
    else:
        first = days.index(frame.first_day)
        current = _measure(goal, days, first, through_today, frame.today)

    target = goal.target_value
    progress = min(max(current / target, 0.0), 1.0) if target > 0 else 1.0
    remaining = max(target - current, 0.0)
    status = _status(goal, frame, current, periods, now)
    expected = frame.share(frame.position)
    delta = None if expected is None else progress - expected
    eta = _eta(goal, days, frame, current, remaining, zone)
    last_day = days.ordinals[through_today - 1] if through_today else None
    return Evaluation(
        target_value=target,
        current_value=current,
        progress_percent=progress * 100.0,
        window_start=frame.start,
        window_end=frame.end,
        period_key=None if frame.period is None else frame.period.key,
        today=iso_of(frame.today),
        expected_progress=expected,
        delta=delta,
        pace=None if delta is None else _pace(delta),
        remaining_value=remaining,
        eta=eta,
        on_pace_to_finish=_on_pace(frame.end, remaining, eta),
        needed_today=None if status == "expired" else _needed_today(frame, target, current),
        streak_current=streak_current,
        streak_best=streak_best,
        last_contribution_date=None if last_day is None else iso_of(last_day),
        days_since_last_contribution=None if last_day is None else frame.today - last_day,
        status=status,
        period_met=periods[-1].met if periods else None,
        periods=periods,
        milestones=milestones_for(goal),
    )


def goal_events(
    previous: ProgressMarks | None,
    evaluation: Evaluation,
    milestones: Sequence[int] | None = None,
) -> tuple[GoalEvent, ...]:
    """The transitions between the marks of the last evaluation and this one. Running it again
    with marks that include this evaluation (``marks_after``) yields nothing. ``milestones``
    overrides the goal's defaults, e.g. with a schedule's own list.

    A completion also crosses the 100 % milestone; both events come, and a sender announces one.
    """
    events: list[GoalEvent] = []
    if evaluation.status != "active" and (previous is None or previous.status != evaluation.status):
        events.append(GoalEvent(evaluation.status, evaluation.status, _summary(evaluation)))
    events.extend(_period_events(previous, evaluation))
    if evaluation.status != "expired":
        milestone = _new_milestone(previous, evaluation, milestones)
        if milestone is not None:
            key = _keyed("milestone", evaluation.period_key, str(milestone))
            data = {"percent": milestone, **_summary(evaluation)}
            events.append(GoalEvent("milestone", key, data))
    pace_event = _pace_event(previous, evaluation)
    if pace_event is not None:
        events.append(pace_event)
    return tuple(events)


def marks_after(
    previous: ProgressMarks | None,
    evaluation: Evaluation,
    milestones: Sequence[int] | None = None,
) -> ProgressMarks:
    """The marks to store once this evaluation's events have been handled."""
    hit = set(_milestones_hit(previous, evaluation))
    if evaluation.status != "expired":
        milestone = _new_milestone(previous, evaluation, milestones)
        if milestone is not None:
            hit.add(milestone)
    return ProgressMarks(
        status=evaluation.status,
        period_key=evaluation.period_key,
        period_met=bool(evaluation.period_met),
        milestones_hit=tuple(sorted(hit)),
        pace=evaluation.pace,
    )


# where the evaluation stands in time


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where an evaluation stands in time. Positions are local-day positions (see
    ``periods.day_position``)."""

    today: int
    """Ordinal of the local day evaluated: now's, or the goal's last day once it has closed."""
    first_day: int
    """Ordinal of the first local day counted in the current window."""
    start: datetime
    end: datetime | None
    closes_at: datetime | None
    """When the goal as a whole is decided; None for goals that run for good."""
    period: Period | None
    first_period: Period | None
    final_period: Period | None
    position: float
    """Where now stands, held within the goal's life: not before it starts, not after it
    closes."""
    start_position: float
    end_position: float | None

    def share(self, position: float) -> float | None:
        """The share of the window's local days gone by ``position`` (seed: days_elapsed /
        days_total, in fractional local days so a daylight-saving change neither skips nor
        repeats time). None for an open-ended window."""
        if self.end_position is None:
            return None
        total = self.end_position - self.start_position
        if total <= 0:
            return 1.0
        return min(max((position - self.start_position) / total, 0.0), 1.0)


def _frame(goal: GoalSpec, zone: ZoneInfo, now: datetime) -> _Frame:
    """Positions are worked out alongside the instants: day starts sit at whole positions, so
    only the goal's own start and close and the moment itself need a time-zone lookup."""
    start_day, start_position = locate(goal.start_at, zone)
    closes_at = _closes_at(goal)
    first_period = final = None
    if goal.window in CALENDAR_WINDOWS:
        first_period = period_of(_calendar(goal.window), start_day)
        if closes_at is not None:
            final = final_period(first_period, closes_at, zone)
            closes_at = day_start(final.next_first, zone)

    if closes_at is not None and max(now, goal.start_at) >= closes_at:
        today = local_day(closes_at - timedelta(microseconds=1), zone).toordinal()
        position = locate(closes_at, zone)[1]
    elif now > goal.start_at:
        today, position = locate(now, zone)
    else:
        today, position = start_day, start_position
    today = max(today, start_day)

    period = None
    end: datetime | None
    end_position: float | None
    if first_period is not None:
        period = period_of(first_period.window, today)
        first_day = period.first
        start, end = day_start(period.first, zone), day_start(period.next_first, zone)
        start_position, end_position = period.first, period.next_first
    elif goal.window in ROLLING_DAYS:
        length = ROLLING_DAYS[goal.window]
        first_day = max(today - length + 1, start_day)
        if first_day > start_day:
            start, start_position = day_start(first_day, zone), first_day
        else:
            start = goal.start_at
        end, end_position = day_start(first_day + length, zone), first_day + length
        if closes_at is not None and closes_at < end:
            end, end_position = closes_at, locate(closes_at, zone)[1]
    else:
        first_day, start, end = start_day, goal.start_at, closes_at
        end_position = None if closes_at is None else locate(closes_at, zone)[1]
    return _Frame(
        today=today,
        first_day=first_day,
        start=start,
        end=end,
        closes_at=closes_at,
        period=period,
        first_period=first_period,
        final_period=final,
        position=position,
        start_position=start_position,
        end_position=end_position,
    )


def _closes_at(goal: GoalSpec) -> datetime | None:
    ends = [t for t in (goal.end_at, goal.deadline_at) if t is not None]
    return min(ends) if ends else None


def _calendar(window: Window) -> CalendarWindow:
    return "weekly" if window == "weekly" else "monthly"


def _span_days(goal: GoalSpec) -> float | None:
    if goal.window in ROLLING_DAYS:
        return ROLLING_DAYS[goal.window]
    if goal.window == "weekly":
        return 7
    if goal.window == "monthly":
        return 30
    closes_at = _closes_at(goal)
    return None if closes_at is None else (closes_at - goal.start_at) / timedelta(days=1)


# the days that contributed


@dataclass(frozen=True, slots=True)
class _Days:
    """A daily map's days in date order, so a window is a slice found by bisection. Every day
    in the map counts as a contributing day (``daily_contributions`` leaves out days that
    added nothing). Values are looked up only for the slices summed."""

    keys: list[str]
    ordinals: list[int]
    daily: Mapping[str, float]

    @classmethod
    def of(cls, daily: Mapping[str, float]) -> _Days:
        keys = sorted(daily)
        return cls(keys, list(map(ORDINALS.__getitem__, keys)), daily)

    def index(self, ordinal: int) -> int:
        """Position of the first day on or after ``ordinal``."""
        return bisect.bisect_left(self.ordinals, ordinal)

    def total(self, i: int, j: int) -> float:
        return float(sum(map(self.daily.__getitem__, self.keys[i:j])))


def _streaks(ordinals: Sequence[int], today: int) -> tuple[int, int]:
    """(current, longest) runs of consecutive contributing days up to ``today``. A run that
    reached yesterday is still current: today is not over yet."""
    best = run = 0
    previous = -2
    for ordinal in ordinals:  # the hot loop of an evaluation: plain comparisons only
        if ordinal - previous == 1:
            run += 1
        else:
            if run > best:
                best = run
            run = 1
        previous = ordinal
    current = run if ordinals and ordinals[-1] >= today - 1 else 0
    return current, max(best, run)


def _measure(goal: GoalSpec, days: _Days, i: int, j: int, last_day: int) -> float:
    """The goal's measure over the days at positions i..j-1, the last of which is no later
    than ``last_day``."""
    if goal.metric != "streak_days":
        return days.total(i, j)
    current, best = _streaks(days.ordinals[i:j], last_day)
    return float(best if _meets(best, goal.target_value) else current)


def _tallies(goal: GoalSpec, days: _Days, frame: _Frame) -> tuple[PeriodTally, ...]:
    assert frame.first_period is not None and frame.period is not None
    run = periods_between(frame.first_period, frame.period)
    if frame.final_period is None:
        run = run[-RECENT_PERIODS:]
    through_today = days.index(frame.today + 1)
    threshold = _threshold(goal.target_value)
    i = days.index(run[0].first)
    tallies = []
    for period in run:  # periods follow one another, and so do their slices of the days
        j = min(bisect.bisect_left(days.ordinals, period.next_first, i), through_today)
        value = _measure(goal, days, i, j, min(period.next_first - 1, frame.today))
        tallies.append(PeriodTally(period.key, value, value >= threshold))
        i = j
    return tuple(tallies)


def _meets(value: float, target: float) -> bool:
    return value >= _threshold(target)


def _threshold(target: float) -> float:
    return target - RELATIVE_TOLERANCE * max(abs(target), 1.0)


# judgements


def _status(
    goal: GoalSpec,
    frame: _Frame,
    current: float,
    periods: tuple[PeriodTally, ...],
    now: datetime,
) -> EvaluatedStatus:
    """Completed once the target is reached — for a recurring goal with an end, once its final
    period is reached with every period met (a recurring goal without one never completes;
    its periods do). Expired once the goal closed without that."""
    if frame.period is not None:
        reached = frame.period == frame.final_period and all(t.met for t in periods)
    else:
        reached = _meets(current, goal.target_value)
    if reached:
        return "completed"
    if frame.closes_at is not None and now >= frame.closes_at:
        return "expired"
    return "active"


def _pace(delta: float) -> Pace:
    if delta > AHEAD_ABOVE:
        return "ahead"
    if delta < SEVERELY_BEHIND_BELOW:
        return "severely_behind"
    if delta < BEHIND_BELOW:
        return "behind"
    return "on_track"


def _eta(
    goal: GoalSpec, days: _Days, frame: _Frame, current: float, remaining: float, zone: ZoneInfo
) -> datetime | None:
    if current <= 0 or remaining <= 0:
        return None
    if goal.metric == "streak_days":
        # A streak grows by one a day: it is reached by the end of the day it has enough.
        last = days.ordinals[days.index(frame.today + 1) - 1]
        return instant_at(last + math.ceil(remaining - RELATIVE_TOLERANCE) + 1, zone)
    elapsed = frame.position - frame.start_position
    if elapsed <= 0:
        return None
    return instant_at(frame.position + remaining * elapsed / current, zone)


def _on_pace(end: datetime | None, remaining: float, eta: datetime | None) -> bool | None:
    if end is None:
        return None
    if remaining <= 0:
        return True
    return eta is not None and eta <= end


def _needed_today(frame: _Frame, target: float, current: float) -> float | None:
    """Seed 000 NBA: max(0, target × expected progress at the end of today − current). The
    end of today is where tomorrow starts: position ``today + 1``."""
    expected = frame.share(frame.today + 1)
    return None if expected is None else max(target * expected - current, 0.0)


# events


def _summary(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "current_value": evaluation.current_value,
        "target_value": evaluation.target_value,
        "progress_percent": evaluation.progress_percent,
    }


def _keyed(kind: str, period_key: str | None, suffix: str) -> str:
    return f"{kind}:{suffix}" if period_key is None else f"{kind}:{period_key}:{suffix}"


def _period_events(previous: ProgressMarks | None, evaluation: Evaluation) -> list[GoalEvent]:
    key = evaluation.period_key
    if key is None:
        return []
    same_period = previous is not None and previous.period_key == key
    events = []
    if previous is not None and not same_period and not previous.period_met:
        # The period last seen has ended since; a late or backfilled workout may have met it.
        for tally in evaluation.periods:
            if tally.key == previous.period_key and tally.met:
                events.append(_period_completed(tally))
    if evaluation.period_met and not (same_period and previous is not None and previous.period_met):
        events.append(_period_completed(evaluation.periods[-1]))
    return events


def _period_completed(tally: PeriodTally) -> GoalEvent:
    return GoalEvent(
        "period_completed",
        f"period_completed:{tally.key}",
        {"period_key": tally.key, "value": tally.value},
    )


def _milestones_hit(previous: ProgressMarks | None, evaluation: Evaluation) -> tuple[int, ...]:
    """Milestones count afresh in each period of a recurring goal."""
    if previous is None or previous.period_key != evaluation.period_key:
        return ()
    return previous.milestones_hit


def _new_milestone(
    previous: ProgressMarks | None, evaluation: Evaluation, milestones: Sequence[int] | None
) -> int | None:
    """The highest milestone reached, when it lies above all announced so far. A jump past
    several at once announces only the highest: one message, not a burst."""
    reached = [
        m for m in (milestones or evaluation.milestones) if m <= evaluation.progress_percent + 1e-6
    ]
    if not reached:
        return None
    highest = max(reached)
    return highest if highest > max(_milestones_hit(previous, evaluation), default=0) else None


def _pace_event(previous: ProgressMarks | None, evaluation: Evaluation) -> GoalEvent | None:
    """A change of pace within one window ("back on track", "falling behind"). A new period
    starts with a fresh pace, which is no change to report."""
    if (
        evaluation.status != "active"
        or previous is None
        or previous.period_key != evaluation.period_key
        or previous.pace is None
        or evaluation.pace is None
        or previous.pace == evaluation.pace
    ):
        return None
    return GoalEvent(
        "pace_changed",
        f"pace:{evaluation.pace}:{evaluation.today}",
        {"from": previous.pace, "to": evaluation.pace, "delta": evaluation.delta},
    )
