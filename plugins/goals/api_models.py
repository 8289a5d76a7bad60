"""Request and response bodies of the goals and workouts routes; the OpenAPI spec is generated
from these."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from plugins.goals.model import (
    Activity,
    CanonicalUnit,
    Constraints,
    DisplayUnit,
    GoalDraft,
    Metric,
    Status,
    Window,
)
from plugins.goals.schedules import ScheduleRules, ScheduleType

MAX_TEXT = 2_000


def _check_zone(tz: str | None) -> str | None:
    if tz is None:
        return None
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{tz!r} is not an IANA time zone such as 'Europe/Berlin'") from None
    return tz


# parse


class UserPrefs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    units: Literal["metric", "imperial"] | None = None
    tz: str | None = Field(None, max_length=64, examples=["Europe/Berlin"])

    _zone = field_validator("tz")(_check_zone)


class ParseBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT, examples=["ruck 50 km this month"])
    user_prefs: UserPrefs | None = None


class ChoiceOut(BaseModel):
    label: str
    value: str


class DraftOut(BaseModel):
    """A draft in canonical units plus its target in the user's own unit."""

    metric: Metric
    target_value: float
    unit: CanonicalUnit
    display_unit: DisplayUnit
    display_target: float
    window: Window
    constraints: dict[str, Any]
    title: str
    description: str
    start_at: datetime
    end_at: datetime | None
    deadline_at: datetime | None


class ProblemOut(BaseModel):
    field: str
    message: str


class ParseOut(BaseModel):
    outcome: Literal["draft", "clarify", "refused"]
    draft_goal: DraftOut | None = None
    """Send it (without ``display_target``) to ``POST /goals`` to create the goal."""
    problems: list[ProblemOut] = []
    """Why the draft cannot be created as it is (empty when it can)."""
    question: str | None = None
    choices: list[ChoiceOut] = []
    message: str = ""
    source: Literal["parser", "llm"] = "parser"


# goals


class GoalCreate(GoalDraft):
    """A confirmed draft, as ``POST /goals/parse`` returned it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    display_target: float | None = Field(
        None, description="Ignored; accepted so a parsed draft can be sent back as it came."
    )

    def draft(self) -> GoalDraft:
        return GoalDraft.model_validate(self.model_dump(exclude={"display_target"}))


class GoalPatch(BaseModel):
    """Change a goal: pause or resume it, or edit it (progress and schedules are recomputed at
    once). ``target_value`` is in the goal's canonical unit; ``display_target`` in its display
    unit (send one of them)."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["active", "paused"] | None = None
    title: str | None = Field(None, min_length=1, max_length=80)
    description: str | None = Field(None, max_length=300)
    target_value: float | None = Field(None, gt=0)
    display_target: float | None = Field(None, gt=0)
    display_unit: DisplayUnit | None = None
    window: Window | None = None
    constraints: Constraints | None = None
    end_at: AwareDatetime | None = None
    deadline_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if self.target_value is not None and self.display_target is not None:
            raise ValueError("send target_value or display_target, not both")
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        kept = sorted(f for f in self.model_fields_set - _CLEARABLE if getattr(self, f) is None)
        if kept:
            raise ValueError(f"{kept[0]} cannot be null; leave it out to keep its value")
        return self


_CLEARABLE = frozenset({"end_at", "deadline_at"})
"""The only fields a PATCH may set to null (to remove the end or the deadline)."""


class ProgressOut(BaseModel):
    current_value: float
    progress_percent: float
    display_current: float
    display_target: float
    remaining_value: float
    window_start: datetime | None
    window_end: datetime | None
    expected_progress: float | None
    delta: float | None
    pace: str | None
    eta: datetime | None
    on_pace_to_finish: bool | None = None
    """Whether the ETA falls within the window; None for goals without an end."""
    needed_today: float | None
    streak_current: int
    streak_best: int
    days_since_last_contribution: int | None
    period_key: str | None
    last_evaluated_at: datetime


class GoalOut(BaseModel):
    id: str
    title: str
    description: str
    metric: Metric
    target_value: float
    unit: CanonicalUnit
    display_unit: DisplayUnit
    display_target: float
    window: Window
    constraints: dict[str, Any]
    start_at: datetime
    end_at: datetime | None
    deadline_at: datetime | None
    status: Status
    created_at: datetime
    updated_at: datetime
    progress: ProgressOut | None
    next_reminder_at: datetime | None
    events: list[dict[str, Any]] = []
    """Transitions the latest evaluation emitted: completed, milestone, period_completed, …"""


class GoalList(BaseModel):
    goals: list[GoalOut]


class StatusQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status | None = Field(None, description="Only goals with this status.")


# schedules and messages


class ScheduleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schedule_type: ScheduleType
    rules: ScheduleRules = Field(default_factory=ScheduleRules)
    enabled: bool = True


class ScheduleOut(BaseModel):
    id: str
    goal_id: str
    schedule_type: ScheduleType
    rules: dict[str, Any]
    timezone: str
    next_run_at: datetime | None
    enabled: bool
    created_at: datetime
    updated_at: datetime


class MessageOut(BaseModel):
    id: str
    channel: str
    message_type: str
    content: str
    sent_at: datetime | None


class NotificationsOut(BaseModel):
    schedules: list[ScheduleOut]
    history: list[MessageOut]


# workouts


class WorkoutIn(BaseModel):
    """One workout. Quantities are in canonical units; leave out what was not measured."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description="Your id for it: sending the same id again updates, never duplicates.",
    )
    started_at: AwareDatetime
    tz: str | None = Field(
        None, max_length=64, description="Where it happened; your profile's zone when unset."
    )
    activity: Activity | None = None
    distance_km: float | None = Field(None, ge=0, le=1_000)
    duration_minutes: float | None = Field(None, ge=0, le=7 * 24 * 60)
    elevation_gain_m: float | None = Field(None, ge=0, le=30_000)
    load_kg: float | None = Field(None, ge=0, le=200)
    steps: int | None = Field(None, ge=0, le=1_000_000)
    power_points: float | None = Field(None, ge=0, le=1_000_000)

    _zone = field_validator("tz")(_check_zone)


class WorkoutsBody(BaseModel):
    """A batch of workouts; a single workout object is accepted too."""

    model_config = ConfigDict(extra="forbid")

    workouts: list[WorkoutIn] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _single(cls, data: Any) -> Any:
        if isinstance(data, dict) and "workouts" not in data and "id" in data:
            return {"workouts": [data]}
        return data

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        ids = [w.id for w in self.workouts]
        if len(set(ids)) != len(ids):
            raise ValueError("each workout id may appear once per request")
        return self


class WorkoutOut(BaseModel):
    id: str
    started_at: datetime
    tz: str
    local_date: str
    activity: Activity | None
    distance_km: float | None
    duration_minutes: float | None
    elevation_gain_m: float | None
    load_kg: float | None
    steps: int | None
    power_points: float | None


class WorkoutsSaved(BaseModel):
    created: int
    updated: int
    unchanged: int
    goals: list[GoalOut]
    """The goals these workouts changed, re-evaluated."""


class WorkoutList(BaseModel):
    workouts: list[WorkoutOut]
    next_before: datetime | None
    """Pass as ``before`` to get the next (older) page."""


class WorkoutQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    before: AwareDatetime | None = None
    since: AwareDatetime | None = None
    limit: int = Field(50, ge=1, le=500)
