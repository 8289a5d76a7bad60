"""How plans look in chat: the preview card (before saving), the plan card and the week card.
Every channel can show ``fields`` as plain text; ``data`` is a compact summary for rich clients
(the full plan is one API call away)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.skill import Card, CardField, Chip
from plugins.plans.api_models import PlanPreview, SessionOut
from plugins.plans.codes import CODE_DOCS
from plugins.plans.model import FinishTimeTarget, PlanRequest, ProjectionOutput
from plugins.plans.periodization import minimum_weeks
from plugins.plans.planning import race_goal
from plugins.plans.projection import ENVELOPE_FLAGS
from plugins.plans.service import race_label
from plugins.plans.vdot import clock, training_paces

CREATE = "Yes, create the plan"
ASK_RISK = "Plan it anyway"
ACCEPT_RISK = "I accept the risk"
CANCEL = "cancel"

BAND_WORDS = {
    "feasible": "Feasible",
    "stretch": "A stretch",
    "aggressive": "Aggressive",
    "nearly_impossible": "Nearly impossible",
    "infeasible": "Infeasible",
}
HARD_BANDS = frozenset({"aggressive", "nearly_impossible", "infeasible"})


def preview_card(name: str, preview: PlanPreview, request: PlanRequest) -> Card:
    p = preview.projection
    fields = [
        CardField(label="Feasibility", value=feasibility_words(p)),
        *goal_fields(p, request),
        CardField(label="Risk", value=risk_words(p)),
        CardField(label="Weeks", value=weeks_words(p)),
    ]
    if preview.vdot is not None and preview.workouts:
        fields.append(CardField(label="Paces", value=paces_words(preview)))
    first = first_week_words(preview)
    if first:
        fields.append(CardField(label="First week", value=first))
    short = too_short_words(p, request)
    if short:
        fields.append(CardField(label="Note", value=short))
    actions = [Chip(label="Create plan", value=CREATE)]
    if p.mode_applied == "safe_default" and p.feasibility_band in HARD_BANDS:
        actions.append(Chip(label="Plan it anyway", value=ASK_RISK))
    actions.append(Chip(label="Cancel", value=CANCEL))
    return Card(
        kind="plan_preview",
        title=name[:120],
        subtitle=(
            risk_labels(p) if p.mode_applied == "risk_accepted" else outline(preview, request)
        )[:200],
        fields=tuple(fields),
        data=summary_data(preview),
        actions=tuple(actions),
    )


def outline(preview: PlanPreview, request: PlanRequest) -> str:
    weeks = len(preview.projection.weeks)
    days = request.athlete.available_days_per_week
    return f"{weeks} weeks · up to {days} days a week · starts {request.start_date:%a %-d %b %Y}"


def risk_labels(p: ProjectionOutput) -> str:
    """Seed 002's realistic-state labels: what risk mode bought, and what safe training says."""
    return (
        "Readiness optimized via risk-accepted settings · Feasibility under safe defaults: "
        + BAND_WORDS[p.feasibility_band].lower()
    )


def risk_statement(p: ProjectionOutput) -> str:
    """The API's ``safety_statement`` for people: the labels, then each safe limit the plan
    breaks in words (the statement itself lists codes for clients)."""
    broken = [CODE_DOCS[f] for f in p.risk_flags if f in ENVELOPE_FLAGS]
    said = f"{risk_labels(p)}."
    if p.outside_safe_envelope:
        said += " This plan goes outside safe training."
    if broken:
        said += " " + " ".join(broken)
    return said


def feasibility_words(p: ProjectionOutput) -> str:
    words = f"{BAND_WORDS[p.feasibility_band]} — readiness {p.readiness_score:.0f}/100"
    if p.mode_applied == "risk_accepted":
        words += " (optimised with risk accepted)"
    return words


def goal_fields(p: ProjectionOutput, request: PlanRequest) -> list[CardField]:
    fields = []
    for goal in request.goals:
        assessment = next(a for a in p.goal_assessments if a.goal_id == goal.id)
        for target, score in zip(
            sorted(goal.targets, key=lambda t: t.kind), assessment.target_scores, strict=False
        ):
            if isinstance(target, FinishTimeTarget):
                projected = score.projected_value
                seen = f", projected {clock(projected)}" if projected else ""
                value = f"{clock(target.value_seconds)}{seen} (score {score.score_0_100:.0f}/100)"
                fields.append(CardField(label="Goal time", value=value))
            elif target.kind == "completion_probability":
                fields.append(
                    CardField(label="Goal", value=f"Finish strong ({score.score_0_100:.0f}/100)")
                )
    return fields


def risk_words(p: ProjectionOutput) -> str:
    flags = [f for f in p.risk_flags if f in CODE_DOCS]
    if not flags:
        return p.risk_level.capitalize()
    return f"{p.risk_level.capitalize()} — " + " ".join(CODE_DOCS[f] for f in flags[:3])


def weeks_words(p: ProjectionOutput) -> str:
    weeks = p.weeks
    deloads = sum(w.kind == "deload" for w in weeks)
    taper = sum(w.kind in ("taper", "race") for w in weeks)  # race week is the taper's last
    peak = max((w.tss for w in weeks), default=0.0)
    first = weeks[0].tss if weeks else 0.0
    load = (
        f"around {first:.0f} TSS a week"
        if peak <= first * 1.05
        else f"from {first:.0f} to a peak of {peak:.0f} TSS a week"
    )
    lighter = f"{_weeks(deloads, 'lighter week')}, " if deloads else ""
    return (
        f"{_weeks(len(weeks), 'week')} {load}; {lighter}a taper of {_weeks(taper, 'week')} "
        "with race week"
    )


def too_short_words(p: ProjectionOutput, request: PlanRequest) -> str:
    """Said when the race is closer than its distance's shortest sensible plan (seed 004)."""
    goal = race_goal(request)
    if goal is None or not goal.distance_m or not p.weeks:
        return ""
    needed = minimum_weeks(goal.distance_m / 1000.0)
    if len(p.weeks) >= needed:
        return ""
    race = race_in_sentence(goal.sport, goal.distance_m)
    return (
        f"{_weeks(len(p.weeks), 'week')} is short for a {race}: a plan for it usually takes "
        f"{needed}. This one can only sharpen the fitness you have; a later race gives you time "
        "to build."
    )


def race_in_sentence(sport: str, distance_m: float) -> str:
    """The race as it reads mid-sentence: "your 10K", "your half marathon"."""
    label = race_label(sport, distance_m)
    return label if label.endswith("K") else label.lower()


def _weeks(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def deloads_regularly(p: ProjectionOutput) -> bool:
    """A lighter week at least every fourth week before the taper (the safe rule)."""
    streak = 0
    for week in p.weeks:
        if week.kind in ("taper", "race"):
            break
        streak = 0 if week.kind == "deload" else streak + 1
        if streak > 3:
            return False
    return True


def paces_words(preview: PlanPreview) -> str:
    paces: dict[str, float] = {}
    for workout in preview.workouts:
        for segment in workout.segments:
            if segment.pace_per_km_seconds is not None:
                paces.setdefault(segment.intensity, segment.pace_per_km_seconds)
    names = (("easy", "E"), ("marathon", "M"), ("threshold", "T"), ("interval", "I"))
    shown = [f"{label} {clock(paces[key])}/km" for key, label in names if key in paces]
    return f"VDOT {preview.vdot:.1f}: " + " · ".join(shown) if shown else f"VDOT {preview.vdot:.1f}"


def first_week_words(preview: PlanPreview) -> str:
    if not preview.workouts:
        return ""
    start = preview.workouts[0].scheduled_date
    parts = [
        f"{w.scheduled_date:%a} {w.title.lower()} {w.duration_minutes} min"
        for w in preview.workouts
        if (w.scheduled_date - start).days < 7 and w.workout_type != "rest" and w.duration_minutes
    ]
    return " · ".join(parts)


def rationale(preview: PlanPreview, request: PlanRequest) -> list[str]:
    """The deterministic rationale (seed 001: 2-3 bullets), used when no model writes one."""
    p = preview.projection
    weeks = p.weeks
    phases = [w.kind for w in weeks]
    band = BAND_WORDS[p.feasibility_band].lower()
    bullets = [_load_words(p) + (" and a taper before race day." if "taper" in phases else ".")]
    if p.mode_applied == "risk_accepted":
        bullets.append(
            f"You accepted the risk: the plan chases your goal beyond safe training (readiness "
            f"{p.readiness_score:.0f}/100) with a real chance of injury, and under safe training "
            f"the goal is {band}."
        )
    elif p.feasibility_band in HARD_BANDS:
        bullets.append(
            f"Under safe training your goal is {band} (readiness {p.readiness_score:.0f}/100): "
            "the plan trains you as well as it safely can, but do not count on the goal."
        )
    else:
        bullets.append(
            f"Your goal looks {band} from where you are (readiness {p.readiness_score:.0f}/100)."
        )
    if preview.pace_source == "none":
        bullets.append("No race time yet, so sessions go by effort (RPE) rather than pace.")
    elif preview.vdot is not None:
        bullets.append(f"Paces come from your current VDOT of {preview.vdot:.1f}.")
    return bullets[:3]


def _load_words(p: ProjectionOutput) -> str:
    """How the load moves, as the plan has it: building (with its lighter weeks), or holding."""
    weeks = p.weeks
    if not weeks:
        return "A plan built around your race"
    first, peak = weeks[0].tss, max(w.tss for w in weeks)
    deloads = sum(w.kind == "deload" for w in weeks)
    building = sum(w.kind not in ("taper", "race", "deload") for w in weeks)
    if peak <= first * 1.05 or building == 0:
        return f"{_weeks(len(weeks), 'week')} that hold your load around {first:.0f} TSS a week"
    if deloads == 0:
        cadence = ""
    elif deloads_regularly(p):
        cadence = ", with a lighter week every 3-4 weeks"
    else:
        cadence = f", with only {_weeks(deloads, 'lighter week')}"
    return (
        f"{_weeks(len(weeks), 'week')} that build your load from {first:.0f} to {peak:.0f} TSS "
        f"a week{cadence}"
    )


def summary_data(preview: PlanPreview) -> dict[str, Any]:
    p = preview.projection
    return {
        "feasibility_band": p.feasibility_band,
        "readiness_score": p.readiness_score,
        "confidence_score": p.confidence_score,
        "risk_level": p.risk_level,
        "risk_flags": p.risk_flags,
        "mode_applied": p.mode_applied,
        "overrides_applied": p.overrides_applied,
        "safety_statement": p.safety_statement,
        "vdot": preview.vdot,
        "weeks": [
            {
                "start": w.start_date.isoformat(),
                "kind": w.kind,
                "tss": w.tss,
                "ctl": w.ctl,
                "atl": w.atl,
                "tsb": w.tsb,
            }
            for w in p.weeks
        ],
    }


def week_card(title: str, sessions: Sequence[SessionOut]) -> Card:
    marks = {"done": "✓", "skipped": "–", "missed": "✗", "planned": "·", "rest": " "}
    fields = [
        CardField(
            label=f"{s.workout.scheduled_date:%a %d %b}",
            value=f"{marks[s.status]} {s.workout.title}"
            + (f", {s.workout.duration_minutes} min" if s.workout.duration_minutes else ""),
        )
        for s in sessions
    ]
    return Card(
        kind="plan_week",
        title=title[:120],
        fields=tuple(fields),
        data={"sessions": [s.model_dump(mode="json", include={"id", "status"}) for s in sessions]},
    )


def day_card(session: SessionOut) -> Card:
    """One day's session in full: what, how fast, how hard, and how to run it."""
    w = session.workout
    what = w.title
    if w.duration_minutes:
        what += f", {w.duration_minutes} min"
    if w.distance_km:
        what += f" (about {w.distance_km:g} km)"
    fields = [CardField(label="Session", value=what)]
    if w.pace_range_per_km_seconds is not None:
        fast, slow = w.pace_range_per_km_seconds
        fields.append(CardField(label="Pace", value=f"{clock(fast)}–{clock(slow)}/km"))
    elif w.pace_per_km_seconds is not None:
        fields.append(CardField(label="Pace", value=f"{clock(w.pace_per_km_seconds)}/km"))
    if w.workout_type != "rest":
        fields.append(CardField(label="Effort", value=f"RPE {w.rpe} · HR {w.hr_zone}"))
    if w.structure or w.description:
        fields.append(CardField(label="How", value=w.structure or w.description))
    if w.coach_notes:
        fields.append(CardField(label="Notes", value=w.coach_notes))
    if session.status in ("done", "skipped", "missed"):
        fields.append(CardField(label="Status", value=session.status.capitalize()))
    return Card(
        kind="plan_session",
        title=f"{w.scheduled_date:%a %-d %b}: {w.title}"[:120],
        fields=tuple(fields),
        data={"id": session.id, "status": session.status, "date": w.scheduled_date.isoformat()},
    )


def paces_text(vdot: float) -> str:
    zones = training_paces(vdot)
    fast, slow = zones.easy
    return (
        f"Your paces (VDOT {vdot:.1f}): easy {clock(fast)}–{clock(slow)}/km · marathon "
        f"{clock(zones.marathon)}/km · threshold {clock(zones.threshold)}/km · interval "
        f"{clock(zones.interval)}/km · repetition {clock(zones.repetition)}/km."
    )


def race_chips() -> list[Chip]:
    """Races to start a plan from, offered where a race is wanted."""
    return [
        Chip(label="Half marathon in 12 weeks", value="a half marathon in 12 weeks"),
        Chip(label="10K in 8 weeks", value="a 10K in 8 weeks"),
        Chip(label="Marathon in 16 weeks", value="a marathon in 16 weeks"),
    ]
