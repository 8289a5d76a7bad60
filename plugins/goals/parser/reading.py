"""What one message says about a goal: the metric, the target, the rate, the constraints and the
time phrase, or why there is no goal in it.

The rules follow the goals conventions: a count with a rate is a session goal and the
distances, times and climbs beside it are per-session minimums; a weight turns sessions into
loaded sessions; "streak", "in a row" and "every day for N days" make a streak; anything else
with a unit is a total. Several goals in one message: the first is read, the rest counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal

from plugins.goals.model import ACTIVITIES, Activity, DisplayUnit, Metric, to_canonical
from plugins.goals.parser.cues import (
    PROGRESS_QUESTION,
    QUESTION,
    goalish,
    metric_named,
    unit_alone,
    weight_unit_written,
    wishful,
)
from plugins.goals.parser.dates import Frame, TimeFacts, current_period, find_time
from plugins.goals.parser.lexicon import (
    DEFER_WORDS,
    GOAL_WORDS,
    HEDGE_WORDS,
    LOAD_WORDS,
    MEDICAL_WORDS,
    SESSION_WORDS,
    SINGLE_SESSION_WORDS,
    STEPS_WORDS,
    STREAK_WORDS,
    TOTAL_METRIC,
    WEIGHT_LOSS_WORDS,
    WISH_WORDS,
    activities_in,
)
from plugins.goals.parser.normalize import fold
from plugins.goals.parser.numbers import words_to_digits
from plugins.goals.parser.quantities import Amount, find_amounts, mark_past
from plugins.goals.parser.rates import Rate, RateKind, attach_rates, find_rates, says_every_day
from plugins.goals.parser.relevance import (
    about_training,
    is_training_amount,
    past_clauses,
    settle_unit,
)
from plugins.goals.parser.windows import chosen_frame

MessageKind = Literal["goal", "vague", "no_goal"]

SESSION_MINIMUM: dict[Metric, str] = {
    "distance_km_total": "session_min_distance_km",
    "duration_minutes_total": "session_min_duration_minutes",
    "elevation_gain_m_total": "session_min_elevation_m",
}
DAILY_MINIMUM: dict[Metric, str] = {
    "distance_km_total": "min_distance_km_per_day",
    "duration_minutes_total": "min_duration_minutes_per_day",
    "steps_total": "min_steps_per_day",
}
_WEIGHTS = ("kg", "lb")
_EVERY_DAY_FOR = re.compile(r"\b(?:every ?day|daily|each day)\s+for\b")
_MULTIPLIER = re.compile(r"\b(?:(?P<two>double|twice as (?:much|many))|(?P<three>triple))\b")
_REACH = re.compile(r"\b(?:hit|reach|get to|up to|to)\s+(?P<num>\d+(?:\.\d+)?)\s*$")
_BY_A_DATE = re.compile(r"^\s*by a (?:date|specific date)\b")


@dataclass(frozen=True, slots=True)
class Reading:
    metric: Metric | None = None
    target: float | None = None
    """Canonical; an amount per day when ``rate`` is ``day``."""
    display_unit: DisplayUnit | None = None
    rate: RateKind | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    needs_weight: bool = False
    weight_unit: Literal["kg", "lb"] | None = None
    raw_number: float | None = None
    """A number whose unit the message does not say."""
    unit_word: DisplayUnit | None = None
    """A unit on its own, as in the answer "miles"."""
    extra_goals: int = 0
    frame: Frame | None = None
    start: date | None = None
    days_per_week: int | None = None
    suggestions: tuple[float, ...] = ()
    kind: MessageKind = "goal"
    by_a_date: bool = False
    defers: bool = False
    """"Not sure", "you pick": the user leaves the last question to us."""
    bare_number: float | None = None
    """The first plain number, whatever its context: an answer such as "3"."""
    unit_system: Literal["metric", "imperial"] | None = None
    """Whether the user writes miles, feet and pounds or kilometres, metres and kilos."""


@dataclass(slots=True)
class _Head:
    amount: Amount
    metric: Metric
    unit: DisplayUnit
    value: float
    """In ``unit``."""
    rate: RateKind | None


def read(
    text: str, today: date, *, month_first: bool, imperial: bool, answering: bool = False
) -> Reading:
    """Everything the parser can tell from ``text`` alone. ``answering``: the text replies to
    a question about a goal, so "5 hours" needs no more context to count."""
    folded = words_to_digits(fold(text))
    time = find_time(folded, today, month_first=month_first)
    masked = time.masked
    steps = STEPS_WORDS.search(folded) is not None
    amounts = mark_past(find_amounts(masked, steps_context=steps), past_clauses(masked))
    rates = find_rates(masked)
    context = answering or about_training(folded, bool(rates), time)
    amounts = [
        settle_unit(a, folded) for a in amounts if is_training_amount(a, masked, folded, context)
    ]
    attached, loose = attach_rates(amounts, rates, masked)
    reader = _Reader(folded, masked, time, amounts, attached, loose, imperial)
    return replace(reader.reading(), unit_system=reader.unit_system())


class _Reader:
    """One message's amounts and cues, turned into a :class:`Reading`."""

    def __init__(
        self,
        folded: str,
        masked: str,
        time: TimeFacts,
        amounts: list[Amount],
        attached: dict[int, RateKind],
        loose: list[Rate],
        imperial: bool,
    ) -> None:
        self.folded = folded
        self.masked = masked
        self.time = time
        self.amounts = amounts
        self.attached = attached
        self.loose = loose
        self.imperial = imperial
        self.frames = list(time.frames)

    def reading(self) -> Reading:
        if WEIGHT_LOSS_WORDS.search(self.folded) and not self._session_indices():
            return Reading(kind="vague")
        if self._asks_something_else():
            return Reading(kind="no_goal")
        heads = self._heads()
        if self._by_weekday(heads):
            return self._weekday_sessions()
        if self._is_streak(heads):
            return self._streak(heads)
        if heads:
            return self._goal(heads[0], len(heads) - 1)
        return self._without_heads()

    # the parts of a goal

    def _session_indices(self) -> list[int]:
        found = []
        for i, amount in enumerate(self.amounts):
            if amount.past:
                continue
            if amount.unit == "sessions" or (
                amount.unit == "days" and self.attached.get(i) in ("week", "month")
            ):
                found.append(i)
        return found

    def _heads(self) -> list[_Head]:
        sessions = set(self._session_indices())
        heads: list[_Head] = []
        for i, amount in enumerate(self.amounts):
            if amount.past or amount.unit is None or amount.unit in _WEIGHTS:
                continue
            rate = self.attached.get(i) or (self._loose_rate() if not heads else None)
            if i in sessions:
                heads.append(_Head(amount, "session_count", "sessions", amount.value, rate))
                continue
            if amount.unit in ("days", "sessions"):
                continue
            metric = TOTAL_METRIC[amount.unit]
            if metric in SESSION_MINIMUM and sessions:
                own_rate = self.attached.get(i)
                if amount.per_session or own_rate == "day":
                    continue  # "5 km a day, 5 days a week": each session's size
                if own_rate is None and not amount.total:
                    continue
            if amount.implied and any(h.metric == "distance_km_total" for h in heads):
                continue
            heads.append(_Head(amount, metric, amount.unit, amount.value, rate))
        return _dedupe(heads)

    def _loose_rate(self) -> RateKind | None:
        return self.loose[0].kind if self.loose else None

    def _is_streak(self, heads: list[_Head]) -> bool:
        if STREAK_WORDS.search(self.folded) or _EVERY_DAY_FOR.search(self.folded):
            return not any(h.metric == "session_count" and h.rate == "week" for h in heads)
        every_day = says_every_day(self.masked)
        return every_day and not heads and bool(activities_in(self.folded))

    def _streak(self, heads: list[_Head]) -> Reading:
        days = next(
            (a.value for a in self.amounts if a.unit == "days" and not a.past and a.value >= 1),
            None,
        )
        frame = chosen_frame(self.frames)
        if days is None and frame is not None:
            days = self._days_of(frame)
            if frame.kind == "span":
                frame = None
        if frame is not None and frame.kind == "period" and frame.until is not None:
            frame = Frame("deadline", frame.pos, until=frame.until - timedelta(days=1))
        constraints: dict[str, Any] = {}
        for head in heads:
            name = DAILY_MINIMUM.get(head.metric)
            if name is not None and name not in constraints:
                value, _ = to_canonical(head.value, head.unit)
                constraints[name] = round(value) if head.metric == "steps_total" else value
        others = [h for h in heads if h.rate in ("week", "month")]
        self._add_activities(constraints, 0, len(self.folded))
        return Reading(
            metric="streak_days",
            target=float(round(days)) if days else None,
            display_unit="days",
            constraints=constraints,
            extra_goals=len(others),
            frame=frame,
            start=self.time.start,
        )

    def _days_of(self, frame: Frame) -> float | None:
        start = max(self.time.start or date.min, frame.first or date.min)
        if frame.kind == "span":
            return float(frame.days + frame.months * 30)
        if frame.kind == "period" and frame.until is not None and frame.first is not None:
            return float((frame.until - frame.first).days)
        if frame.kind == "deadline" and frame.until is not None and start != date.min:
            return float((frame.until - start).days + 1)
        return None

    def _goal(self, head: _Head, extra: int) -> Reading:
        value, _ = to_canonical(head.value, head.unit)
        metric: Metric = head.metric
        display: DisplayUnit = head.unit
        if head.amount.implied and self.imperial:
            display = "mi"
        constraints: dict[str, Any] = {}
        weight = self._weight_for(head)
        frame = chosen_frame(self.frames)
        single = self._single_session(head, frame)
        if single is not None:
            constraints[single] = value
            metric, value, display = "session_count", 1.0, "sessions"
        if metric == "session_count":
            self._add_session_minimums(head, constraints)
            loaded = weight is not None or LOAD_WORDS.search(self.folded) is not None
            if loaded:
                metric = "load_kg_min_sessions"
        rate = head.rate
        if metric == "session_count" and head.amount.unit == "days" and rate is None:
            rate = "week"
        needs_weight = False
        if weight is not None:
            constraints["min_weight_kg"] = to_canonical(weight.value, _weight_unit(weight))[0]
        elif metric == "load_kg_min_sessions":
            needs_weight = True
        start, end = self._segment(head)
        self._add_activities(constraints, start, end, head.amount.activity)
        return Reading(
            metric=metric,
            target=value,
            display_unit=display,
            rate=rate,
            constraints=constraints,
            needs_weight=needs_weight,
            weight_unit=_weight_unit(weight)
            if weight is not None
            else weight_unit_written(self.folded),
            extra_goals=extra,
            frame=frame,
            start=self.time.start,
            days_per_week=self.time.days_per_week,
        )

    def _single_session(self, head: _Head, frame: Frame | None) -> str | None:
        """ "Run a 5K without stopping by March": one session at least that long, not a
        total; the name of the per-session minimum, or None."""
        if head.rate is not None or head.metric not in SESSION_MINIMUM:
            return None
        if head.metric == "elevation_gain_m_total":
            return None
        cue = head.amount.implied or head.amount.per_session
        cue = cue or SINGLE_SESSION_WORDS.search(self.folded) is not None
        if not cue or (frame is not None and frame.kind == "period" and not head.amount.implied):
            return None  # "run 50 km long runs this month" is a total; "a marathon in April" is not
        return SESSION_MINIMUM[head.metric]

    def _add_session_minimums(self, head: _Head, constraints: dict[str, Any]) -> None:
        for amount in self._belonging_to(head):
            if amount.unit is None or amount.unit in (*_WEIGHTS, "sessions", "days"):
                continue
            if amount.total and not amount.per_session:
                continue  # a goal of its own ("2 hours total")
            metric = TOTAL_METRIC[amount.unit]
            name = SESSION_MINIMUM.get(metric)
            if name is not None and name not in constraints:
                constraints[name] = to_canonical(amount.value, amount.unit)[0]

    def _weight_for(self, head: _Head) -> Amount | None:
        weights = [a for a in self._belonging_to(head) if a.unit in _WEIGHTS]
        if weights:
            return max(weights, key=lambda a: to_canonical(a.value, _weight_unit(a))[0])
        return None

    def _belonging_to(self, head: _Head) -> list[Amount]:
        """Amounts that qualify ``head``: nearest head before them, else the one after."""
        heads = [a for a in self._owners() if a is not head.amount] + [head.amount]
        heads.sort(key=lambda a: a.start)
        mine = []
        for amount in self.amounts:
            if amount.past or amount is head.amount or amount in heads:
                continue
            before = [h for h in heads if h.end <= amount.start]
            owner = (
                before[-1] if before else next((h for h in heads if h.start >= amount.end), None)
            )
            if owner is head.amount:
                mine.append(amount)
        return mine

    def _owners(self) -> list[Amount]:
        """Amounts that are goals of their own and so may own the amounts around them: counts,
        and amounts with a rate (but not "5 km a day" beside "5 days a week")."""
        counted = bool(self._session_indices())
        return [
            a
            for i, a in enumerate(self.amounts)
            if not a.past
            and (
                a.unit == "sessions"
                or (i in self.attached and not (counted and self.attached[i] == "day"))
            )
        ]

    def _segment(self, head: _Head) -> tuple[int, int]:
        """The stretch of text that talks about ``head`` (for its activities)."""
        starts = sorted(a.start for a in self._owners() if a is not head.amount)
        before = [s for s in starts if s < head.amount.start]
        after = [s for s in starts if s > head.amount.start]
        if not before and not after:
            return 0, len(self.folded)
        low = 0 if not before else self._clause_start(head.amount.start)
        return low, after[0] if after else len(self.folded)

    def _clause_start(self, pos: int) -> int:
        cut = max(self.masked.rfind(",", 0, pos), self.masked.rfind(";", 0, pos))
        return cut + 1 if cut >= 0 else 0

    def _add_activities(
        self, constraints: dict[str, Any], start: int, end: int, named: Activity | None = None
    ) -> None:
        if HEDGE_WORDS.search(self.folded):
            return
        found = {a for pos, a in activities_in(self.folded) if start <= pos < end}
        if named is not None:
            found.add(named)
        if found:
            constraints["activities"] = tuple(a for a in ACTIVITIES if a in found)

    def unit_system(self) -> Literal["metric", "imperial"] | None:
        written = {a.unit for a in self.amounts}
        if written & {"mi", "ft", "lb"}:
            return "imperial"
        if written & {"km", "m", "kg"}:
            return "metric"
        return None

    # messages without a target

    def _asks_something_else(self) -> bool:
        """A question or a complaint that mentions distances without asking for a goal:
        "how many km is a marathon", "my knee hurts after 5 km"."""
        if PROGRESS_QUESTION.search(self.folded):
            return True
        if GOAL_WORDS.search(self.folded) or self.attached or self.loose:
            return False
        if any(f.kind != "unknown" for f in self.frames):
            return False
        if MEDICAL_WORDS.search(self.folded):
            return True
        return QUESTION.search(self.folded) is not None and not wishful(self.folded)

    def _by_weekday(self, heads: list[_Head]) -> bool:
        """Named weekdays and nothing that counts sessions or carries a rate."""
        if not self.time.weekdays or any(h.rate is not None for h in heads):
            return False
        if any(h.metric not in SESSION_MINIMUM for h in heads):
            return False
        return bool(heads) or bool(activities_in(self.folded) or SESSION_WORDS.search(self.folded))

    def _weekday_sessions(self) -> Reading:
        """ "Mon run, Wed ruck, Sat long run", "a 15k ruck every Saturday": a session a week
        for each day named, each at least the distance or time said."""
        constraints: dict[str, Any] = {}
        for amount in self.amounts:
            if amount.past or amount.unit is None or amount.unit in (*_WEIGHTS, "sessions"):
                continue
            name = SESSION_MINIMUM.get(TOTAL_METRIC[amount.unit])
            if name is not None and name not in constraints:
                constraints[name] = to_canonical(amount.value, amount.unit)[0]
        weights = [a for a in self.amounts if a.unit in _WEIGHTS and not a.past]
        metric: Metric = "session_count"
        if weights:
            heaviest = max(weights, key=lambda a: to_canonical(a.value, _weight_unit(a))[0])
            constraints["min_weight_kg"] = to_canonical(heaviest.value, _weight_unit(heaviest))[0]
            metric = "load_kg_min_sessions"
        elif LOAD_WORDS.search(self.folded):
            metric = "load_kg_min_sessions"
        self._add_activities(constraints, 0, len(self.folded))
        return Reading(
            metric=metric,
            target=float(self.time.weekdays),
            display_unit="sessions",
            rate="week",
            constraints=constraints,
            needs_weight=metric == "load_kg_min_sessions" and not weights,
            weight_unit=weight_unit_written(self.folded),
            frame=chosen_frame(self.frames),
            start=self.time.start,
        )

    def _without_heads(self) -> Reading:
        constraints: dict[str, Any] = {}
        frame = chosen_frame(self.frames)
        past = self._past_goal()
        if past is not None:
            return past
        weights = [a for a in self.amounts if a.unit in _WEIGHTS and not a.past]
        bare = [a for a in self.amounts if a.unit is None and not a.past]
        rate = self._loose_rate()
        if weights:
            weight = max(weights, key=lambda a: to_canonical(a.value, _weight_unit(a))[0])
            value = to_canonical(weight.value, _weight_unit(weight))[0]
            for amount in bare:
                if _REACH.search(self.masked[: amount.end]):
                    value = max(value, to_canonical(amount.value, _weight_unit(weight))[0])
            return Reading(
                metric="load_kg_min_sessions" if goalish(self.folded) else None,
                display_unit="sessions",
                rate=rate,
                constraints={"min_weight_kg": value},
                weight_unit=_weight_unit(weight),
                frame=frame,
                start=self.time.start,
            )
        hint = metric_named(self.folded)
        raw = bare[-1].value if bare else None
        unit_word = unit_alone(self.folded)
        timed = (rate or frame) and WISH_WORDS.search(self.folded)
        if raw is not None and not (goalish(self.folded) or timed or unit_word):
            raw = None
        if hint is None and raw is not None and activities_in(self.folded):
            hint = "distance_km_total"  # "run 50 this month": a distance in some unit
        kind: MessageKind = "goal"
        if hint is None and raw is None and unit_word is None:
            kind = "vague" if goalish(self.folded) else "no_goal"
        if QUESTION.search(self.folded) and not wishful(self.folded) and raw is None:
            kind = "no_goal" if hint is None else kind
        if self.time.days_per_week is not None and hint is None and kind == "no_goal":
            kind = "vague"
        if hint is not None:
            self._add_activities(constraints, 0, len(self.folded))
        return Reading(
            metric=hint,
            display_unit=_hint_unit(hint),
            rate=rate,
            constraints=constraints,
            raw_number=raw,
            unit_word=unit_word,
            frame=frame,
            start=self.time.start,
            days_per_week=self.time.days_per_week,
            kind=kind,
            by_a_date=_BY_A_DATE.search(self.folded) is not None,
            defers=DEFER_WORDS.search(self.folded) is not None,
            bare_number=bare[0].value if bare else None,
        )

    def _past_goal(self) -> Reading | None:
        """ "I used to run 20 mi/week", "double my points from last month (I had 900)"."""
        past = [a for a in self.amounts if a.past and a.unit not in (None, *_WEIGHTS)]
        hint_unit = _hint_unit(metric_named(self.folded))
        if not past and hint_unit in ("steps", "points"):
            past = [replace(a, unit=hint_unit) for a in self.amounts if a.past and a.unit is None]
        if not past:
            return None
        amount = past[-1]
        assert amount.unit is not None
        metric = TOTAL_METRIC[amount.unit]
        if metric == "streak_days":
            return None
        index = next((i for i, a in enumerate(self.amounts) if a.start == amount.start), -1)
        rate = self.attached.get(index)
        value = to_canonical(amount.value, amount.unit)[0]
        multiplier = _MULTIPLIER.search(self.folded)
        frame = chosen_frame(self.frames)
        if multiplier is not None:
            factor = 2.0 if multiplier.group("two") else 3.0
            if frame is None and rate is None:
                frame = self._period_compared()
            return Reading(
                metric=metric,
                target=value * factor,
                display_unit=amount.unit,
                rate=rate,
                frame=frame,
                start=self.time.start,
            )
        return Reading(
            metric=metric,
            display_unit=amount.unit,
            rate=rate,
            frame=frame,
            start=self.time.start,
            suggestions=(value * 0.5, value * 0.75, value),
        )

    def _period_compared(self) -> Frame | None:
        """ "Double last month's" means this month; "last week's", this week."""
        if "last month" in self.folded:
            return current_period("monthly", self.time.today)
        if "last week" in self.folded:
            return current_period("weekly", self.time.today)
        return None


def _dedupe(heads: list[_Head]) -> list[_Head]:
    """ "100 km (62 mi)" is one goal said twice."""
    kept: list[_Head] = []
    for head in heads:
        value = to_canonical(head.value, head.unit)[0]
        if any(
            k.metric == head.metric
            and abs(to_canonical(k.value, k.unit)[0] - value) <= 0.02 * value
            for k in kept
        ):
            continue
        kept.append(head)
    return kept


def _weight_unit(amount: Amount) -> Literal["kg", "lb"]:
    return "kg" if amount.unit == "kg" else "lb"


_HINT_UNITS: dict[Metric, DisplayUnit] = {
    "steps_total": "steps",
    "power_points_total": "points",
    "session_count": "sessions",
    "load_kg_min_sessions": "sessions",
}
"""The unit a metric named without a number already implies."""


def _hint_unit(metric: Metric | None) -> DisplayUnit | None:
    return _HINT_UNITS.get(metric) if metric is not None else None
