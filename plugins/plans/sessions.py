"""Workout templates for race plans and training blocks (seed 004 "Workout descriptions with
guidance", seed 001 "Templates: base workouts"): what each session is, how it is built from
segments, how hard it is, and how much of it a runner should do.

Pure and deterministic. Paces are seconds per km, durations seconds, distances metres.

**Intensities** are Daniels' (*Daniels' Running Formula*, 3rd ed.): E (easy), M (marathon),
T (threshold), I (interval), R (repetition), plus recovery (the slow end of E), hill repeats,
strides and race effort. Each has RPE guidance (Borg CR-10) and a heart-rate zone (five zones by
% of HRmax: Z1 < 60, Z2 60-70, Z3 70-80, Z4 80-90, Z5 > 90) for runners without a VDOT and for
sessions where pace means little (hills, strides).

**Paces.** With a VDOT, every pace comes straight from ``vdot.training_paces``: a work segment at
T runs at exactly ``paces.threshold``, an easy run shows the E range. Without one, sessions are
prescribed by time and effort only (no pace, no distance); their durations and loads are still
computed, at the paces of a nominal VDOT for the runner's level (``NOMINAL_VDOT``), because the
intensity factor of each zone (threshold pace over zone pace) barely moves with VDOT (E is 0.81-0.82
of T from VDOT 30 to 75), so the minutes a load needs hardly depend on the VDOT we assume.

**Load** of a session is the sum of ``load.running_tss`` over its pieces (work, recoveries,
warm-up, cool-down), with T pace as threshold pace (T is Daniels' one-hour race pace, the
running analogue of FTP).

**How much quality.** Daniels' per-session caps, as shares of weekly volume: T work ≤ 10 %,
I work ≤ 8 % (and ≤ 10 km), R work ≤ 5 % (and ≤ 8 km), an M run ≤ 20 %. Below those, level
ceilings (``*_MAX``) keep a beginner's session a beginner's session, and every session has a floor
so it is still worth the warm-up. A taper multiplies the budget by ``TAPER_QUALITY_FACTOR``: cut
volume, keep intensity (Mujika & Padilla 2003, *Med Sci Sports Exerc* 35:1182).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Final, Literal

from plugins.plans.load import running_tss
from plugins.plans.periodization import Level, Phase, PlanType
from plugins.plans.vdot import TrainingPaces

WorkoutType = Literal["easy", "recovery", "long", "tempo", "intervals", "race", "rest", "cross"]
"""Seed 004's workout types (easy/long/tempo/intervals/rest/race) plus ``recovery`` (a short
shake-out at the slow end of E, which does not count as a stress day) and ``cross`` (low-impact
cross-training, no running load)."""
Intensity = Literal[
    "rest",
    "recovery",
    "easy",
    "marathon",
    "threshold",
    "interval",
    "repetition",
    "hill",
    "stride",
    "race",
    "cross",
]
SegmentKind = Literal["warmup", "work", "steady", "strides", "cooldown"]

QUALITY_TYPES: Final[frozenset[WorkoutType]] = frozenset({"tempo", "intervals"})
"""Quality sessions: the ones that count toward the weekly limit and are never back to back."""
STRESS_TYPES: Final[frozenset[WorkoutType]] = frozenset(
    {"easy", "long", "tempo", "intervals", "race"}
)
"""Stress days for seed 001's "no more than 3 consecutive stress days": every run except a
recovery shake-out; rest and cross-training days give the legs the break."""

NOMINAL_VDOT: Final[dict[Level, float]] = {"beginner": 33.0, "intermediate": 42.0, "advanced": 52.0}
"""VDOT assumed, only to turn loads into minutes, when none is known (a 5K in about 30:00,
24:30 and 20:00); never shown as a pace."""

WARMUP_MIN: Final[dict[Level, int]] = {"beginner": 10, "intermediate": 15, "advanced": 15}
COOLDOWN_MIN: Final = 10
"""Warm-up and cool-down in easy running around every quality session (Daniels)."""

T_SHARE: Final = 0.10
I_SHARE: Final = 0.08
R_SHARE: Final = 0.05
M_SHARE: Final = 0.20
I_CAP_KM: Final = 10.0
R_CAP_KM: Final = 8.0
"""Daniels' caps on one session's work at each intensity, as shares of weekly volume."""
T_MAX_MIN: Final[dict[Level, float]] = {"beginner": 20.0, "intermediate": 30.0, "advanced": 40.0}
T_MIN_MIN: Final[dict[Level, float]] = {"beginner": 10.0, "intermediate": 15.0, "advanced": 20.0}
TEMPO_CONTINUOUS_MAX_MIN: Final = 25.0
"""A steady tempo stays at or below 25 min (Daniels' classic is 20 min); more T goes into cruise
intervals, which allow more T time for the same cost."""
I_MAX_KM: Final[dict[Level, float]] = {"beginner": 3.2, "intermediate": 5.0, "advanced": 8.0}
R_MAX_KM: Final[dict[Level, float]] = {"beginner": 2.0, "intermediate": 3.2, "advanced": 4.8}
M_MAX_KM: Final[dict[Level, float]] = {"beginner": 6.0, "intermediate": 12.0, "advanced": 16.0}
M_MIN_KM: Final[dict[Level, float]] = {"beginner": 3.0, "intermediate": 5.0, "advanced": 6.0}
HILL_REPS: Final[dict[Level, tuple[int, int, int]]] = {
    "beginner": (5, 8, 45),
    "intermediate": (6, 10, 60),
    "advanced": (8, 12, 75),
}
"""Hill repeats: (first week's reps, most reps, seconds per rep); one rep more each phase week."""
TAPER_QUALITY_FACTOR: Final = 0.7
STRIDES: Final = (6, 20, 60)
"""Strides: 6 × 20 s quick and relaxed with 60 s easy between (Daniels' "strides")."""
LONG_FINISH_SHARE: Final[dict[str, float]] = {
    "long_progression": 0.2,
    "long_marathon_pace": 0.3,
}
"""Share of a long run run faster: a progression finishes its last fifth at M; a marathon-pace
long run its last 30 % (Pfitzinger's "long run with marathon-pace miles")."""


@dataclass(frozen=True, slots=True)
class Effort:
    """How an intensity feels: RPE on Borg's CR-10 scale, heart-rate zone, and a cue."""

    rpe: str
    hr_zone: str
    cue: str


EFFORT: Final[dict[Intensity, Effort]] = {
    "rest": Effort("0", "-", "rest"),
    "recovery": Effort("2-3", "Z1", "very easy, shorter than you want"),
    "easy": Effort("3-4", "Z2", "conversational, you could talk in full sentences"),
    "marathon": Effort("5-6", "Z3", "steady, a few words at a time"),
    "threshold": Effort("6-7", "Z4", "comfortably hard, a pace you could hold for an hour"),
    "interval": Effort("8-9", "Z5", "hard, about your 3-5K race effort"),
    "repetition": Effort("9", "Z5", "fast but relaxed, about your mile race effort"),
    "hill": Effort("8", "Z4-Z5", "hard uphill drive, tall posture, quick arms"),
    "stride": Effort("7-8", "Z3-Z4", "quick and smooth, not a sprint"),
    "race": Effort("9-10", "Z4-Z5", "race effort: start controlled, finish strong"),
    "cross": Effort("3-4", "Z2", "easy, low-impact (bike, swim, elliptical)"),
}

TEMPLATES: Final[dict[str, tuple[WorkoutType, str, str]]] = {
    "rest": ("rest", "Rest day", "No running. Sleep, eat well, maybe a walk or mobility work."),
    "cross_training": (
        "cross",
        "Cross-training",
        "Low-impact aerobic work (bike, swim, elliptical) at easy effort: fitness without the "
        "pounding.",
    ),
    "recovery": (
        "recovery",
        "Recovery run",
        "A short, very easy run to loosen up. Slower than you think.",
    ),
    "pre_race_shakeout": (
        "recovery",
        "Pre-race shake-out",
        "A short, very easy jog with a few strides to stay loose for tomorrow.",
    ),
    "easy": (
        "easy",
        "Easy run",
        "Easy aerobic running: builds the engine every other session uses.",
    ),
    "easy_strides": (
        "easy",
        "Easy run + strides",
        "Easy aerobic running, then strides: short, quick, relaxed pick-ups for form and leg "
        "speed.",
    ),
    "long_easy": (
        "long",
        "Long run",
        "The week's longest run, all at easy effort: endurance, fat use, and time on feet.",
    ),
    "long_progression": (
        "long",
        "Progression long run",
        "Long run at easy effort, finishing the last part at marathon effort: practise running "
        "strong on tired legs.",
    ),
    "long_marathon_pace": (
        "long",
        "Long run with marathon pace",
        "Long run with the final stretch at marathon pace: race-specific endurance and fuelling "
        "practice.",
    ),
    "hills": (
        "intervals",
        "Hill repeats",
        "Short uphill efforts with jog-down recoveries: strength and economy with little impact.",
    ),
    "threshold_continuous": (
        "tempo",
        "Tempo run",
        "A steady block at threshold (T): raises the pace you can hold before fatigue builds.",
    ),
    "cruise_intervals": (
        "tempo",
        "Cruise intervals",
        "Threshold (T) repeats with short rests: more time at T than a steady tempo allows.",
    ),
    "marathon_pace": (
        "tempo",
        "Marathon-pace run",
        "A steady block at marathon pace (M): lock in race rhythm and practise fuelling.",
    ),
    "vo2max": (
        "intervals",
        "VO2max intervals",
        "Repeats at interval pace (I) with jog recoveries: raises aerobic power (VO2max).",
    ),
    "repetitions": (
        "intervals",
        "Repetitions",
        "Short fast repeats at R pace with full jog recoveries: speed and economy.",
    ),
    "race_pace": (
        "tempo",
        "Race-pace sharpener",
        "A few short repeats at race pace: remind the legs of the rhythm without tiring them.",
    ),
    "race": ("race", "Race day", "Race day. Trust the training."),
}
"""Every template: subtype → (workout type, title, description). Its content is part of the
block's ``version`` hash, so a change to any text or type changes the version."""

TEMPLATE_CONSTANTS: Final[tuple[tuple[str, object], ...]] = (
    ("NOMINAL_VDOT", tuple(sorted(NOMINAL_VDOT.items()))),
    ("WARMUP_MIN", tuple(sorted(WARMUP_MIN.items()))),
    ("COOLDOWN_MIN", COOLDOWN_MIN),
    ("SHARES", (T_SHARE, I_SHARE, R_SHARE, M_SHARE, I_CAP_KM, R_CAP_KM)),
    ("T_MAX_MIN", tuple(sorted(T_MAX_MIN.items()))),
    ("T_MIN_MIN", tuple(sorted(T_MIN_MIN.items()))),
    ("TEMPO_CONTINUOUS_MAX_MIN", TEMPO_CONTINUOUS_MAX_MIN),
    ("I_MAX_KM", tuple(sorted(I_MAX_KM.items()))),
    ("R_MAX_KM", tuple(sorted(R_MAX_KM.items()))),
    ("M_MAX_KM", tuple(sorted(M_MAX_KM.items()))),
    ("M_MIN_KM", tuple(sorted(M_MIN_KM.items()))),
    ("HILL_REPS", tuple(sorted(HILL_REPS.items()))),
    ("TAPER_QUALITY_FACTOR", TAPER_QUALITY_FACTOR),
    ("STRIDES", STRIDES),
    ("LONG_FINISH_SHARE", tuple(sorted(LONG_FINISH_SHARE.items()))),
)
"""The numbers that shape the sessions, hashed into the block's version with ``TEMPLATES``."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One part of a session: a warm-up, a block of repeats, a steady stretch, a cool-down.

    ``repeats`` of ``duration_s`` each (always known), covering ``distance_m`` each when the
    session is prescribed by pace (``None`` when it goes by effort). Between repeats,
    ``recovery_s`` of easy jogging (``recovery_m`` metres when known). ``pace_per_km_seconds``
    is the target pace, ``None`` when going by effort.
    """

    kind: SegmentKind
    intensity: Intensity
    repeats: int
    duration_s: float
    distance_m: float | None
    pace_per_km_seconds: float | None
    recovery_s: float = 0.0
    recovery_m: float | None = None
    rpe: str = ""
    hr_zone: str = ""

    @property
    def total_s(self) -> float:
        """Time of the whole segment, recoveries between repeats included."""
        return self.repeats * self.duration_s + (self.repeats - 1) * self.recovery_s


@dataclass(frozen=True, slots=True)
class Session:
    """A session before it is put on a date: what it is, its parts, and what it costs."""

    subtype: str
    workout_type: WorkoutType
    title: str
    description: str
    intensity: Intensity
    segments: tuple[Segment, ...]
    duration_s: float
    distance_m: float | None
    tss: float
    coach_notes: str = ""
    structure: str = ""
    """The session in one line (e.g. "15 min easy, 5 × 1000 m at I (4:05/km) …"), for UIs."""


@dataclass(frozen=True, slots=True)
class PaceModel:
    """The paces sessions are computed at (``paces``) and whether they are prescribed
    (``shown``): without a VDOT, ``paces`` are the nominal VDOT's and nothing shows them."""

    paces: TrainingPaces
    shown: bool
    race_pace: float | None = None
    """Race pace for sharpeners and race day (predicted from VDOT, in s/km), when known."""

    def pace(self, intensity: Intensity) -> float:
        """The model pace of an intensity (hill effort is modelled at I, strides at R)."""
        p = self.paces
        table: dict[Intensity, float] = {
            "recovery": p.easy[1],
            "easy": (p.easy[0] + p.easy[1]) / 2.0,
            "cross": p.easy[1],
            "marathon": p.marathon,
            "threshold": p.threshold,
            "interval": p.interval,
            "repetition": p.repetition,
            "hill": p.interval,
            "stride": p.repetition,
            "race": self.race_pace if self.race_pace is not None else p.threshold,
        }
        return table[intensity]

    def shown_pace(self, intensity: Intensity) -> float | None:
        """The pace to prescribe, or ``None``: without a VDOT, and for hills (effort-based)."""
        if not self.shown or intensity in ("hill", "rest", "cross"):
            return None
        return round(self.pace(intensity), 1)  # tenths of a second: what a watch can show

    def tss(self, seconds: float, intensity: Intensity) -> float:
        """rTSS of ``seconds`` at an intensity's model pace (cross-training and rest: 0)."""
        if seconds <= 0.0 or intensity in ("cross", "rest"):
            return 0.0
        return running_tss(seconds, self.pace(intensity), self.paces.threshold)


def continuous(
    model: PaceModel, kind: SegmentKind, intensity: Intensity, seconds: float
) -> Segment:
    """A steady stretch of ``seconds`` at one intensity."""
    effort = EFFORT[intensity]
    metres = seconds / model.pace(intensity) * 1000.0 if model.shown else None
    return Segment(
        kind=kind,
        intensity=intensity,
        repeats=1,
        duration_s=seconds,
        distance_m=metres,
        pace_per_km_seconds=model.shown_pace(intensity),
        rpe=effort.rpe,
        hr_zone=effort.hr_zone,
    )


def repeats(
    model: PaceModel,
    intensity: Intensity,
    count: int,
    metres: float,
    *,
    recovery_m: float | None = None,
    recovery_s: float | None = None,
) -> Segment:
    """``count`` repeats of ``metres`` at an intensity, with jog recoveries between.

    Without shown paces the repeat becomes its time at the model pace, rounded to 15 s, and a
    distance recovery its time at the recovery pace rounded to 15 s: runners without a VDOT go
    by the watch.
    """
    effort = EFFORT[intensity]
    seconds = metres * model.pace(intensity) / 1000.0
    rec_s = recovery_s if recovery_s is not None else 0.0
    if recovery_m is not None:
        rec_s = recovery_m * model.pace("recovery") / 1000.0
    if not model.shown:
        seconds = _round_to(seconds, 15.0)
        rec_s = _round_to(rec_s, 15.0) if rec_s > 0.0 else 0.0
    return Segment(
        kind="work",
        intensity=intensity,
        repeats=count,
        duration_s=seconds,
        distance_m=metres if model.shown else None,
        pace_per_km_seconds=model.shown_pace(intensity),
        recovery_s=rec_s,
        recovery_m=recovery_m if model.shown else None,
        rpe=effort.rpe,
        hr_zone=effort.hr_zone,
    )


def timed_repeats(
    model: PaceModel, intensity: Intensity, count: int, seconds: float, recovery_s: float
) -> Segment:
    """``count`` repeats of ``seconds`` by effort (hills, strides): no distance."""
    effort = EFFORT[intensity]
    return Segment(
        kind="strides" if intensity == "stride" else "work",
        intensity=intensity,
        repeats=count,
        duration_s=seconds,
        distance_m=None,
        pace_per_km_seconds=model.shown_pace(intensity) if intensity == "stride" else None,
        recovery_s=recovery_s,
        rpe=effort.rpe,
        hr_zone=effort.hr_zone,
    )


def session(
    model: PaceModel,
    subtype: str,
    intensity: Intensity,
    segments: tuple[Segment, ...],
    notes: str = "",
    *,
    extra: str = "",
) -> Session:
    """Assemble a session from its template text and segments; totals and load computed here."""
    workout_type, title, description = TEMPLATES[subtype]
    duration = sum(s.total_s for s in segments)
    tss = 0.0
    metres = 0.0
    for seg in segments:
        tss += model.tss(seg.repeats * seg.duration_s, seg.intensity)
        tss += model.tss((seg.repeats - 1) * seg.recovery_s, "recovery")
        if seg.distance_m is None:
            metres += _model_metres(model, seg)
        else:
            recovery_m = (
                seg.recovery_m if seg.recovery_m is not None else _recovery_metres(model, seg)
            )
            metres += seg.repeats * seg.distance_m + (seg.repeats - 1) * recovery_m
    full = f"{description} {extra}".strip()
    shown_metres = metres if model.shown else None
    return Session(
        subtype,
        workout_type,
        title,
        full,
        intensity,
        segments,
        duration,
        shown_metres,
        tss,
        notes,
        extra,
    )


# --- the sessions -------------------------------------------------------------------------


def rest() -> Session:
    """A day off."""
    workout_type, title, description = TEMPLATES["rest"]
    return Session("rest", workout_type, title, description, "rest", (), 0.0, 0.0, 0.0)


def cross(model: PaceModel, minutes: float) -> Session:
    """Low-impact cross-training: aerobic time without running load."""
    return session(
        model,
        "cross_training",
        "cross",
        (continuous(model, "steady", "cross", minutes * 60.0),),
        "Counts as an easy day: no running load.",
        extra=f"{_minutes(minutes)} easy cross-training.",
    )


def easy(model: PaceModel, minutes: float, *, strides: bool = False) -> Session:
    """An easy run, optionally finished with strides (Daniels: strides 2× a week year-round)."""
    parts: list[Segment] = [continuous(model, "steady", "easy", minutes * 60.0)]
    if strides:
        count, seconds, recovery = STRIDES
        parts.append(timed_repeats(model, "stride", count, seconds, recovery))
    extra = (
        f"{_minutes(minutes)} easy, then {STRIDES[0]} × {STRIDES[1]} s strides."
        if strides
        else f"{_minutes(minutes)} easy."
    )
    return session(model, "easy_strides" if strides else "easy", "easy", tuple(parts), extra=extra)


def recovery(model: PaceModel, minutes: float) -> Session:
    """A short shake-out at the slow end of E: blood flow without stress."""
    return session(
        model,
        "recovery",
        "recovery",
        (continuous(model, "steady", "recovery", minutes * 60.0),),
        "A recovery day: keep it short and slow.",
        extra=f"{_minutes(minutes)} very easy.",
    )


def shakeout(model: PaceModel) -> Session:
    """The day before a race: 20 min very easy with 4 strides."""
    parts = (
        continuous(model, "steady", "recovery", 20 * 60.0),
        timed_repeats(model, "stride", 4, 20.0, 60.0),
    )
    return session(
        model,
        "pre_race_shakeout",
        "recovery",
        parts,
        "Lay out your kit, eat familiar food, sleep.",
        extra="20 min very easy, 4 × 20 s strides.",
    )


def long_run(model: PaceModel, minutes: float, subtype: str) -> Session:
    """A long run; a progression or marathon-pace variant runs its last part at M."""
    share = LONG_FINISH_SHARE.get(subtype, 0.0)
    fast = _round_to(minutes * share, 5.0) if share else 0.0
    parts = [continuous(model, "steady", "easy", (minutes - fast) * 60.0)]
    extra = f"{_minutes(minutes)} easy."
    if fast > 0.0:
        parts.append(continuous(model, "steady", "marathon", fast * 60.0))
        extra = f"{_minutes(minutes - fast)} easy, then {_minutes(fast)} at marathon effort."
    notes = "Practise race-day fuelling: carbohydrate every 30-45 min." if minutes >= 90 else ""
    return session(
        model, subtype, "easy" if not fast else "marathon", tuple(parts), notes, extra=extra
    )


@dataclass(frozen=True, slots=True)
class QualityContext:
    """What a quality session is sized by: level, the week's volume in km (at model easy pace),
    the week within its phase (sessions grow a little week by week), and a volume factor
    (``TAPER_QUALITY_FACTOR`` in the taper, else 1)."""

    level: Level
    weekly_km: float
    phase_week: int
    volume_factor: float = 1.0
    short_warmup: bool = False
    """10 min warm-up and 5 min cool-down instead of the usual, when the runner's session limit
    leaves no room for more (a short warm-up beats no quality session)."""

    @property
    def warmup_min(self) -> int:
        return 10 if self.short_warmup else WARMUP_MIN[self.level]

    @property
    def cooldown_min(self) -> int:
        return 5 if self.short_warmup else COOLDOWN_MIN


def _wrap(model: PaceModel, ctx: QualityContext, work: Segment) -> tuple[Segment, ...]:
    return (
        continuous(model, "warmup", "easy", ctx.warmup_min * 60.0),
        work,
        continuous(model, "cooldown", "easy", ctx.cooldown_min * 60.0),
    )


def hills(model: PaceModel, ctx: QualityContext) -> Session:
    """Hill repeats (Lydiard's hill phase): reps grow by one each phase week to a level cap."""
    first, most, seconds = HILL_REPS[ctx.level]
    count = min(most, first + ctx.phase_week - 1)
    count = max(4, math.floor(count * ctx.volume_factor))
    work = timed_repeats(model, "hill", count, float(seconds), seconds * 2.0)
    return session(
        model,
        "hills",
        "hill",
        _wrap(model, ctx, work),
        "Pick a 4-8 % grade; effort, not pace. Jog back down slowly.",
        extra=f"{ctx.warmup_min} min easy, {count} × {seconds} s uphill at RPE 8 with "
        f"jog-down recoveries, {ctx.cooldown_min} min easy.",
    )


def threshold(model: PaceModel, ctx: QualityContext) -> Session:
    """Threshold work sized by Daniels' T cap (≤ 10 % of weekly volume), as a steady tempo
    when it fits in ``TEMPO_CONTINUOUS_MAX_MIN`` and as cruise intervals otherwise (and on even
    phase weeks, for variety)."""
    t_pace = model.pace("threshold")
    budget_min = ctx.weekly_km * T_SHARE * t_pace / 60.0 * ctx.volume_factor
    minutes = _clamp(budget_min, T_MIN_MIN[ctx.level] * ctx.volume_factor, T_MAX_MIN[ctx.level])
    if minutes <= TEMPO_CONTINUOUS_MAX_MIN and ctx.phase_week % 2 == 1:
        block = max(10.0, _round_to(minutes, 5.0))
        work = continuous(model, "work", "threshold", block * 60.0)
        extra = (
            f"{ctx.warmup_min} min easy, {_minutes(block)} at T"
            f"{_pace_text(model, 'threshold')}, {ctx.cooldown_min} min easy."
        )
        return session(
            model,
            "threshold_continuous",
            "threshold",
            _wrap(model, ctx, work),
            "Even effort: the last minutes should feel like the first.",
            extra=extra,
        )
    rep_m = 1000.0 if ctx.level == "beginner" else 1600.0
    count = max(2, math.floor(minutes * 60.0 / (rep_m * t_pace / 1000.0)))
    work = repeats(model, "threshold", count, rep_m, recovery_s=60.0)
    extra = (
        f"{ctx.warmup_min} min easy, {count} × {_rep_text(model, work)} at T"
        f"{_pace_text(model, 'threshold')} with 60 s jog, {ctx.cooldown_min} min easy."
    )
    return session(
        model,
        "cruise_intervals",
        "threshold",
        _wrap(model, ctx, work),
        "Short rests keep it a threshold session, not a race.",
        extra=extra,
    )


def vo2max(model: PaceModel, ctx: QualityContext) -> Session:
    """I-pace repeats of 3-5 min (Daniels), sized by the I cap (≤ 8 % of weekly km, ≤ 10 km)."""
    rep_m = {"beginner": 800.0, "intermediate": 1000.0, "advanced": 1200.0}[ctx.level]
    budget_km = min(ctx.weekly_km * I_SHARE, I_CAP_KM, I_MAX_KM[ctx.level]) * ctx.volume_factor
    count = int(_clamp(math.floor(budget_km * 1000.0 / rep_m), 3, 8))
    recovery_m = 400.0
    work = repeats(model, "interval", count, rep_m, recovery_m=recovery_m)
    extra = (
        f"{ctx.warmup_min} min easy with 4 strides, {count} × {_rep_text(model, work)} at "
        f"I{_pace_text(model, 'interval')} with {_recovery_text(model, work)} jog, "
        f"{ctx.cooldown_min} min easy."
    )
    return session(
        model,
        "vo2max",
        "interval",
        _wrap(model, ctx, work),
        "Hard but repeatable: the last rep as fast as the first.",
        extra=extra,
    )


def repetitions(model: PaceModel, ctx: QualityContext) -> Session:
    """R-pace 400 m repeats with equal jog (Daniels' R cap: ≤ 5 % of weekly km, ≤ 8 km)."""
    budget_km = min(ctx.weekly_km * R_SHARE, R_CAP_KM, R_MAX_KM[ctx.level]) * ctx.volume_factor
    count = int(_clamp(math.floor(budget_km / 0.4), 4, 12))
    work = repeats(model, "repetition", count, 400.0, recovery_m=400.0)
    extra = (
        f"{ctx.warmup_min} min easy, {count} × {_rep_text(model, work)} at "
        f"R{_pace_text(model, 'repetition')} with {_recovery_text(model, work)} jog, "
        f"{ctx.cooldown_min} min easy."
    )
    return session(
        model,
        "repetitions",
        "repetition",
        _wrap(model, ctx, work),
        "Relaxed speed: good form over the full recovery.",
        extra=extra,
    )


def marathon_pace(model: PaceModel, ctx: QualityContext) -> Session:
    """A steady M block (Daniels: an M run ≤ 20 % of weekly volume), whole kilometres."""
    km = _clamp(ctx.weekly_km * M_SHARE, M_MIN_KM[ctx.level], M_MAX_KM[ctx.level])
    km = max(M_MIN_KM[ctx.level] * ctx.volume_factor, km * ctx.volume_factor)
    km = float(max(2, round(km)))
    work = repeats(model, "marathon", 1, km * 1000.0)
    extra = (
        f"{ctx.warmup_min} min easy, {_rep_text(model, work)} at M"
        f"{_pace_text(model, 'marathon')}, {ctx.cooldown_min} min easy."
    )
    return session(
        model,
        "marathon_pace",
        "marathon",
        _wrap(model, ctx, work),
        "Rehearse race day: shoes, breakfast and a gel as you will race.",
        extra=extra,
    )


def race_pace(
    model: PaceModel, ctx: QualityContext, *, short_race: bool, reps: int | None = None
) -> Session:
    """Race-week sharpener: 3 × 1 km at race pace (2 for beginners) with 2 min jog; for a
    5K/10K an interval session, for longer races a tempo session (seed 004 type semantics)."""
    count = reps if reps is not None else 2 if ctx.level == "beginner" else 3
    work = repeats(model, "race", count, 1000.0, recovery_s=120.0)
    extra = (
        f"{ctx.warmup_min} min easy, {count} × {_rep_text(model, work)} at race pace"
        f"{_pace_text(model, 'race')} with 2 min jog, {ctx.cooldown_min} min easy."
    )
    built = session(
        model,
        "race_pace",
        "race",
        _wrap(model, ctx, work),
        "Feel the rhythm, stop fresh.",
        extra=extra,
    )
    if short_race:
        return replace(built, workout_type="intervals")
    return built


def race_day(model: PaceModel, distance_km: float, seconds: float | None, notes: str) -> Session:
    """The race itself: its distance, and its time when a goal or a VDOT gives one."""
    model_seconds = seconds if seconds is not None else distance_km * model.pace("race")
    effort = EFFORT["race"]
    segment = Segment(
        kind="work",
        intensity="race",
        repeats=1,
        duration_s=model_seconds,
        distance_m=distance_km * 1000.0,
        pace_per_km_seconds=model_seconds / distance_km if model.shown else None,
        rpe=effort.rpe,
        hr_zone=effort.hr_zone,
    )
    workout_type, title, description = TEMPLATES["race"]
    structure = f"{distance_km:g} km race"
    if seconds is not None:
        structure += f", target {_clock_hms(seconds)} ({format_pace(seconds / distance_km)})"
    tss = running_tss(model_seconds, model_seconds / distance_km, model.paces.threshold)
    return Session(
        "race",
        workout_type,
        title,
        description,
        "race",
        (segment,),
        model_seconds,
        distance_km * 1000.0,
        tss,
        notes,
        structure,
    )


QUALITY_BUILDERS: Final = {
    "hills": hills,
    "threshold": threshold,
    "vo2max": vo2max,
    "repetitions": repetitions,
    "marathon_pace": marathon_pace,
}


def quality_menu(phase: Phase, kind: PlanType) -> tuple[str, ...]:
    """The quality sessions of a phase, most important first (a week with one quality slot
    gets the first).

    base: hills (strength before speed, Lydiard); build: threshold, then hills; peak: for 5K/10K
    VO2max intervals then R (5K) or T (10K); for the marathon marathon pace then VO2max; for the
    half threshold then VO2max (half-marathon pace sits just off T: Daniels' and Pfitzinger's
    half plans are built on T, and M work belongs to the marathon); taper: the peak's sessions,
    shortened.
    """
    if phase == "base":
        return ("hills",)
    if phase == "build":
        return ("threshold", "hills")
    if phase in ("peak", "taper"):
        if kind == "marathon":
            return ("marathon_pace", "vo2max")
        if kind == "half_marathon":
            return ("threshold", "vo2max")
        return ("vo2max", "repetitions" if kind == "5k" else "threshold")
    return ()


def long_subtype(phase: Phase, kind: PlanType, level: Level, deload: bool) -> str:
    """The long run of a phase: easy in base, deload and taper, and always for beginners (their
    one hard day is the quality session); progression in build and peak; a marathon-pace finish
    in a marathon's peak. A long run with a fast part is a hard day (``QUALITY_LONG``)."""
    if deload or level == "beginner" or phase in ("base", "taper", "recovery"):
        return "long_easy"
    if phase == "peak" and kind == "marathon":
        return "long_marathon_pace"
    return "long_progression"


QUALITY_LONG: Final = frozenset({"long_progression", "long_marathon_pace"})
"""Long runs with a fast part: they count as one of the week's hard days."""


def format_pace(seconds_per_km: float) -> str:
    """A pace as m:ss/km (rounded to the second)."""
    whole = round(seconds_per_km)
    return f"{whole // 60}:{whole % 60:02d}/km"


def _pace_text(model: PaceModel, intensity: Intensity) -> str:
    pace = model.shown_pace(intensity)
    if pace is None:
        return f" (RPE {EFFORT[intensity].rpe})"
    return f" ({format_pace(pace)})"


def _rep_text(model: PaceModel, seg: Segment) -> str:
    if seg.distance_m is not None:
        if seg.distance_m >= 2000.0:
            return f"{seg.distance_m / 1000.0:g} km"
        return f"{seg.distance_m:g} m"
    return _clock(seg.duration_s)


def _recovery_text(model: PaceModel, seg: Segment) -> str:
    if seg.recovery_m is not None:
        return f"{seg.recovery_m:g} m"
    return _clock(seg.recovery_s)


def _clock(seconds: float) -> str:
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if secs == 0:
        return f"{minutes} min"
    return f"{minutes}:{secs:02d}" if minutes else f"{secs} s"


def _clock_hms(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _minutes(minutes: float) -> str:
    return f"{round(minutes)} min"


def _model_metres(model: PaceModel, seg: Segment) -> float:
    work = seg.repeats * seg.duration_s / model.pace(seg.intensity) * 1000.0
    return work + _recovery_metres(model, seg) * (seg.repeats - 1)


def _recovery_metres(model: PaceModel, seg: Segment) -> float:
    return seg.recovery_s / model.pace("recovery") * 1000.0


def _round_to(value: float, step: float) -> float:
    return float(round(value / step) * step)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
