"""Planning input and output (seed 002 "Domain Model"), as pydantic v2 models.

The seed's ``PlanConfiguration``, ``GoalDefinition`` and ``GoalTarget`` keep its names and fields.
What the seed leaves implicit and a real planner needs sits beside them in ``PlanRequest``: the
athlete (level, current fitness per sport, schedule limits) and the start date. Two additions to
the seed's shapes, both needed to compute anything: ``GoalDefinition.distance_m`` (a finish time
means nothing without a distance) and ``SplitTarget.distance_m``/``sport`` (a split's length, and
for a triathlon which leg it is).

Every model forbids unknown fields. Validation messages are written for a client (they become HTTP
422 bodies): they name the field, the rule and a fix. Validation covers seed 002's rules 1 and 3
(risk mode needs ``risk_acceptance.accepted == true``; missing target fields fail before any
optimisation) and what would make the planner compute nonsense: events before the start, duplicate
goal ids, weights out of range, targets a sport cannot have.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Final, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

PlanningMode = Literal["safe_default", "risk_accepted"]
OptimizationStyle = Literal["sustainable", "balanced", "outcome_first"]
GoalPriority = Literal["A", "B", "C"]
GoalSport = Literal["run", "bike", "swim", "triathlon"]
LoadSport = Literal["run", "bike", "swim"]
Level = Literal["beginner", "novice", "experienced", "elite"]
FeasibilityBand = Literal["feasible", "stretch", "aggressive", "nearly_impossible", "infeasible"]
RiskLevel = Literal["low", "moderate", "high", "extreme"]
WeekKind = Literal["build", "deload", "taper", "race", "recovery"]
ConflictReason = Literal["priority", "timeline", "safety", "mode_override"]
TargetKind = Literal["finish_time", "pace", "power", "split", "completion_probability"]

MAX_PLAN_WEEKS = 52
"""Longest plan we solve: bounded compute (seed 002 "Operational boundedness"), and beyond a year
a weekly load projection says little."""
MAX_GOALS = 8
MAX_TARGETS = 8
MAX_HISTORY_WEEKS = 52

_FORBID = ConfigDict(extra="forbid")
_FROZEN = ConfigDict(extra="forbid", frozen=True)

TargetWeight = Annotated[float, Field(gt=0, le=100)]


# Configuration


class RiskAcceptance(BaseModel):
    """The athlete's explicit opt-in to risk mode; persisted with the plan."""

    model_config = _FROZEN

    accepted: bool
    reason: str | None = Field(None, max_length=500)
    accepted_at_iso: AwareDatetime | None = None


class ConstraintPolicy(BaseModel):
    """Which safety constraints risk mode softens. In safe mode only tightening counts: the two
    ramp limits may lower the safe defaults; relaxations are ignored (and reported)."""

    model_config = _FROZEN

    enforce_safety_caps: bool = True
    enforce_feasibility_caps: bool = True
    readiness_cap_enabled: bool = True
    max_weekly_tss_ramp_pct: float | None = Field(None, gt=0, le=100)
    max_ctl_ramp_per_week: float | None = Field(None, gt=0, le=50)


class PlanConfiguration(BaseModel):
    model_config = _FROZEN

    mode: PlanningMode = "safe_default"
    risk_acceptance: RiskAcceptance | None = None
    optimization_style: OptimizationStyle = "balanced"
    constraint_policy: ConstraintPolicy | None = None

    @model_validator(mode="after")
    def _risk_needs_acceptance(self) -> Self:
        if self.mode == "risk_accepted" and not (
            self.risk_acceptance is not None and self.risk_acceptance.accepted
        ):
            raise ValueError(
                "mode 'risk_accepted' requires risk_acceptance.accepted = true; set it to confirm "
                "the risk explicitly, or use mode 'safe_default'"
            )
        return self


# Targets (discriminated on ``kind``)


class FinishTimeTarget(BaseModel):
    model_config = _FROZEN

    kind: Literal["finish_time"]
    value_seconds: float = Field(gt=0, le=30 * 3600)
    tolerance_seconds: float | None = Field(None, ge=0, le=3 * 3600)
    weight: TargetWeight | None = None


class PaceTarget(BaseModel):
    model_config = _FROZEN

    kind: Literal["pace"]
    value_seconds_per_km: float = Field(gt=0, le=3600)
    tolerance_seconds: float | None = Field(None, ge=0, le=600)
    weight: TargetWeight | None = None


class PowerTarget(BaseModel):
    """Average power over the event (bike, or a triathlon's bike leg)."""

    model_config = _FROZEN

    kind: Literal["power"]
    value_watts: float = Field(gt=0, le=2500)
    tolerance_watts: float | None = Field(None, ge=0, le=500)
    weight: TargetWeight | None = None


class SplitTarget(BaseModel):
    """A time for part of the event: ``distance_m`` of it, in ``sport`` (a triathlon leg names
    its sport; otherwise the goal's sport is meant)."""

    model_config = _FROZEN

    kind: Literal["split"]
    split_id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.:-]+$")
    value_seconds: float = Field(gt=0, le=30 * 3600)
    tolerance_seconds: float | None = Field(None, ge=0, le=3 * 3600)
    weight: TargetWeight | None = None
    distance_m: float | None = Field(None, gt=0, le=400_000)
    sport: LoadSport | None = None


class CompletionProbabilityTarget(BaseModel):
    model_config = _FROZEN

    kind: Literal["completion_probability"]
    value_pct: float = Field(gt=0, le=100)
    weight: TargetWeight | None = None


GoalTarget = Annotated[
    FinishTimeTarget | PaceTarget | PowerTarget | SplitTarget | CompletionProbabilityTarget,
    Field(discriminator="kind"),
]


def target_key(target: GoalTarget) -> tuple[str, str]:
    """Canonical order of targets (seed 002 determinism rule 2): kind, then id/key."""
    if isinstance(target, SplitTarget):
        return (target.kind, target.split_id)
    return (target.kind, "")


EVENT_DISTANCE_M: Final[dict[str, tuple[float, float]]] = {
    "run": (1_000.0, 50_000.0),
    "bike": (5_000.0, 400_000.0),
    "swim": (100.0, 25_000.0),
    "triathlon": (5_000.0, 230_000.0),
}
"""Event distances we plan for. Running stops at 50 km, where Daniels' physiology (and our race
plans) stop; the others span sprint to ultra events."""


class GoalDefinition(BaseModel):
    model_config = _FROZEN

    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    sport: GoalSport
    event_date_iso: date
    priority: GoalPriority
    weight: float = Field(1.0, gt=0, le=100)
    targets: list[GoalTarget] = Field(min_length=1, max_length=MAX_TARGETS)
    conflict_policy: Literal["strict", "flexible"] | None = None
    distance_m: float | None = Field(None, gt=0, le=400_000)

    @model_validator(mode="after")
    def _targets_fit_the_goal(self) -> Self:
        low, high = EVENT_DISTANCE_M[self.sport]
        if self.distance_m is not None and not low <= self.distance_m <= high:
            raise ValueError(
                f"goal {self.id!r}: distance_m {self.distance_m:g} is outside what we plan for a "
                f"{self.sport} event, {low:g}-{high:g} metres"
            )
        keys = [target_key(t) for t in self.targets]
        if len(set(keys)) != len(keys):
            raise ValueError(
                f"goal {self.id!r}: each target kind may appear once (splits once per split_id)"
            )
        for target in self.targets:
            _check_target(self, target)
        return self


def _check_target(goal: GoalDefinition, target: GoalTarget) -> None:
    where = f"goal {goal.id!r}, target {target.kind!r}"
    if isinstance(target, FinishTimeTarget | PaceTarget) and goal.distance_m is None:
        raise ValueError(f"{where} needs the goal's distance_m (metres) to be set")
    if isinstance(target, PowerTarget) and goal.sport not in ("bike", "triathlon"):
        raise ValueError(f"{where}: power targets apply to bike or triathlon goals only")
    if isinstance(target, SplitTarget):
        if target.distance_m is None:
            raise ValueError(f"{where} {target.split_id!r} needs distance_m (metres) of the split")
        if goal.sport == "triathlon" and target.sport is None:
            raise ValueError(
                f"{where} {target.split_id!r}: a triathlon split must name its sport "
                "('swim', 'bike' or 'run')"
            )
        if goal.sport != "triathlon" and target.sport not in (None, goal.sport):
            raise ValueError(f"{where} {target.split_id!r}: sport must match the goal's sport")
        if goal.distance_m is not None and target.distance_m > goal.distance_m:
            raise ValueError(f"{where} {target.split_id!r}: the split is longer than the event")
    _check_humanly_possible(goal, target, where)


HUMAN_SPEED_LIMIT_M_S: Final[dict[str, float]] = {
    "run": 7.0,
    "bike": 25.0,
    "swim": 2.5,
    "triathlon": 15.0,
}
"""Speeds no one sustains over an event, with a wide margin over the world records (running
≥ 1 km about 6.6 m/s, the hour record on a bike about 15.8 m/s, 1500 m swimming about 1.7 m/s).
A target past them is a typo (minutes for seconds, metres for kilometres), not an ambition, and
would send the projection's arithmetic off the scale; risk mode still takes any goal below."""


def _check_humanly_possible(goal: GoalDefinition, target: GoalTarget, where: str) -> None:
    speed: float | None = None
    sport: str = goal.sport
    if isinstance(target, FinishTimeTarget) and goal.distance_m is not None:
        speed = goal.distance_m / target.value_seconds
    elif isinstance(target, PaceTarget):
        speed = 1000.0 / target.value_seconds_per_km
    elif isinstance(target, SplitTarget) and target.distance_m is not None:
        speed = target.distance_m / target.value_seconds
        sport = target.sport or goal.sport
    limit = HUMAN_SPEED_LIMIT_M_S[sport]
    if speed is not None and speed > limit:
        shown = f"{speed:.1f} m/s" if speed < 1000 else "over 1000 m/s"
        raise ValueError(
            f"{where}: that is {shown}, faster than anyone can {sport} (at most {limit:g} m/s); "
            "times are in seconds and distances in metres"
        )


# Athlete


class RaceResult(BaseModel):
    model_config = _FROZEN

    distance_m: float = Field(ge=1_000, le=50_000)
    seconds: float = Field(gt=0)
    date_iso: date | None = None


class SportFitness(BaseModel):
    """Recent weekly load in TSS (oldest first; swimming session-RPE converted with
    ``load.srpe_tss_equivalent``) and the date its last week ended."""

    model_config = _FROZEN

    weekly_tss: list[Annotated[float, Field(ge=0, le=5_000)]] = Field(
        default_factory=list, max_length=MAX_HISTORY_WEEKS
    )
    history_end_iso: date | None = None


class RunFitness(SportFitness):
    vdot: float | None = Field(None, ge=20, le=90)
    recent_race: RaceResult | None = None


class BikeFitness(SportFitness):
    ftp_watts: float | None = Field(None, ge=50, le=600)


class SwimFitness(SportFitness):
    threshold_pace_s_per_100m: float | None = Field(None, ge=55, le=300)


class Athlete(BaseModel):
    model_config = _FROZEN

    level: Level
    run: RunFitness | None = None
    bike: BikeFitness | None = None
    swim: SwimFitness | None = None
    available_days_per_week: int = Field(5, ge=1, le=7)
    max_session_minutes: int | None = Field(
        None,
        ge=20,
        le=600,
        description="The longest session the athlete can fit, in minutes. Unset: what the "
        "longest running race needs: 180 for a marathon, 150 for a half, 120 for a 10K, else 90.",
    )
    injured: bool = False
    performance_as_of_iso: date | None = None
    """When the VDOT/FTP/threshold values were measured (for staleness), if known."""


class PlanRequest(BaseModel):
    model_config = _FROZEN

    goals: list[GoalDefinition] = Field(min_length=1, max_length=MAX_GOALS)
    configuration: PlanConfiguration = Field(default_factory=PlanConfiguration)
    athlete: Athlete
    start_date: date

    @model_validator(mode="after")
    def _goals_fit_the_calendar(self) -> Self:
        ids = [g.id for g in self.goals]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"goal ids must be unique; repeated: {', '.join(duplicates)}")
        for goal in self.goals:
            if goal.event_date_iso < self.start_date:
                raise ValueError(
                    f"goal {goal.id!r}: event_date_iso {goal.event_date_iso} is before "
                    f"start_date {self.start_date}"
                )
            if (goal.event_date_iso - self.start_date).days // 7 >= MAX_PLAN_WEEKS:
                raise ValueError(
                    f"goal {goal.id!r}: event_date_iso {goal.event_date_iso} is more than "
                    f"{MAX_PLAN_WEEKS} weeks after start_date; plan a nearer goal first"
                )
        return self


# Output


class TargetScore(BaseModel):
    model_config = _FROZEN

    kind: TargetKind
    split_id: str | None = None
    score_0_100: float
    projected_value: float | None = None
    """The projection in the target's own unit (seconds, s/km, watts, percent)."""
    unmet_gap: float | None = None
    """How far the projection falls short, in the target's unit; absent when met."""
    rationale_codes: list[str]


class GoalAssessment(BaseModel):
    model_config = _FROZEN

    goal_id: str
    priority: GoalPriority
    feasibility_band: FeasibilityBand
    gdi: float
    gdi_components: dict[str, float]
    goal_score: float
    readiness_score: float
    demand_ctl: float
    """Chronic load (CTL) the goal demands at its peak."""
    reached_ctl: float
    """Effective chronic load readiness and projections are computed from (see projection)."""
    planned_peak_ctl: float
    """Effective chronic load the weekly plan peaks at in the 4 weeks before race week."""
    target_scores: list[TargetScore]
    conflict_notes: list[str]


class Conflict(BaseModel):
    """One multi-goal trade-off (seed 002 "Conflict accounting")."""

    model_config = _FROZEN

    impacted_goal_id: str
    favoured_goal_id: str
    score_delta: float
    reason: ConflictReason


class WeekPlan(BaseModel):
    model_config = _FROZEN

    index: int
    start_date: date
    kind: WeekKind
    tss: float
    tss_by_sport: dict[str, float]
    ctl: float
    atl: float
    tsb: float
    ramp_pct: float
    """Load against the last loading week (what the safe ramp rule governs)."""
    change_pct: float
    """Load against the week just before (a deload's drop, a return from it)."""
    event_goal_ids: list[str]


class ProjectionOutput(BaseModel):
    model_config = _FROZEN

    readiness_score: float
    readiness_cap: float | None
    """The band's readiness ceiling in force; None when risk mode lifted it."""
    readiness_uncapped: float
    """Readiness before the cap: what the plan itself achieves."""
    confidence_score: float
    feasibility_band: FeasibilityBand
    risk_level: RiskLevel
    risk_flags: list[str]
    mode_applied: PlanningMode
    caps_applied: list[str]
    overrides_applied: list[str]
    goal_assessments: list[GoalAssessment]
    conflicts: list[Conflict]
    weeks: list[WeekPlan]
    training_days_per_week: int
    """Days the weekly loads assume; in safe mode at most 6 (a rest day bounds monotony), so the
    daily plan must keep one."""
    gdi: float
    outside_safe_envelope: bool
    safety_statement: str | None
    risk_acceptance: RiskAcceptance | None
