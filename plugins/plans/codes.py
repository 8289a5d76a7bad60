"""Every machine-readable code the planner emits (seed 002 "Explainable"): rationale codes on
target scores, risk flags, caps, overrides, conflict reasons. One place, so a client (UI labels,
the coach's explanations) can rely on them: codes are stable snake_case strings and are never
renamed, only added.

``CODE_DOCS`` maps each code to the sentence a coach would say; a test checks every code the
planner emits is documented here.

A goal's ``conflict_notes`` entries read ``reason:favoured_goal_id:delta``: one of the four
precedence reasons below, the goal that took precedence, and the signed change of this goal's
score in points (joint plan against the goal on its own); ``conflicts`` carries the same, typed.
"""

from __future__ import annotations

from typing import Final, Literal

# Rationale codes on a target score.
TARGET_MET: Final = "target_met"
WITHIN_TOLERANCE: Final = "within_tolerance"
BEYOND_TOLERANCE: Final = "beyond_tolerance"
GAP_EXCEEDS_ACHIEVABLE_GAIN: Final = "gap_exceeds_achievable_gain"
LOAD_BELOW_DEMAND: Final = "load_below_demand"
TIMELINE_BELOW_MINIMUM: Final = "timeline_below_minimum"
BASELINE_ASSUMED: Final = "baseline_assumed_from_level"
BASELINE_STALE: Final = "baseline_stale"
HISTORY_SPARSE: Final = "history_sparse"
COMPLETION_BELOW_TARGET: Final = "completion_probability_below_target"

# Risk flags.
OUTSIDE_SAFE_ENVELOPE: Final = "outside_safe_envelope"
RAMP_ABOVE_SAFE_LIMIT: Final = "ramp_above_safe_limit"
LOAD_ABOVE_LEVEL_BAND: Final = "load_above_level_band"
DELOAD_SKIPPED: Final = "deload_skipped"
ACUTE_LOAD_SPIKE: Final = "acute_load_spike"
DEEP_FATIGUE: Final = "deep_fatigue"
HIGH_STRAIN: Final = "high_strain"
GOAL_INFEASIBLE: Final = "goal_infeasible_under_safe_constraints"
GOAL_NEARLY_IMPOSSIBLE: Final = "goal_nearly_impossible_under_safe_constraints"
LOW_CONFIDENCE: Final = "low_confidence"
INJURY_REPORTED: Final = "injury_reported"
TAPER_SHORTENED: Final = "taper_shortened"
GOAL_CONFLICT: Final = "goal_conflict"

# Caps (hard constraints and score caps that were in force).
CAP_RAMP: Final = "weekly_ramp_cap"
CAP_CTL_RAMP: Final = "ctl_ramp_cap"
CAP_DELOAD: Final = "deload_cycle"
CAP_LEVEL_BAND: Final = "level_load_band"
CAP_STRAIN: Final = "strain_bound"
CAP_MONOTONY: Final = "monotony_bound"
CAP_TIME_BUDGET: Final = "time_budget"
CAP_FEASIBILITY: Final = "feasibility_demand_cap"
CAP_READINESS: Final = "readiness_cap"
CAP_POLICY_RELAXATION_IGNORED: Final = "policy_relaxation_ignored_in_safe_mode"

# Overrides (risk_accepted mode only).
OVERRIDE_READINESS_CAP_LIFTED: Final = "readiness_cap_lifted"
OVERRIDE_SAFETY_CAPS_DISABLED: Final = "safety_caps_disabled"
OVERRIDE_FEASIBILITY_CAPS_DISABLED: Final = "feasibility_caps_disabled"
OVERRIDE_RAMP_RELAXED: Final = "ramp_cap_relaxed"
OVERRIDE_CTL_RAMP_RELAXED: Final = "ctl_ramp_cap_relaxed"
OVERRIDE_CONFLICT: Final = "conflict_resolved_by_mode_override"

# Conflict precedence reasons (seed 002 "Conflict accounting").
REASON_PRIORITY: Final[Literal["priority"]] = "priority"
REASON_TIMELINE: Final[Literal["timeline"]] = "timeline"
REASON_SAFETY: Final[Literal["safety"]] = "safety"
REASON_MODE_OVERRIDE: Final[Literal["mode_override"]] = "mode_override"
CONFLICT_REASONS: Final = (REASON_PRIORITY, REASON_TIMELINE, REASON_SAFETY, REASON_MODE_OVERRIDE)

CODE_DOCS: Final[dict[str, str]] = {
    TARGET_MET: "The projection meets the target.",
    WITHIN_TOLERANCE: "The projection misses the target by less than its tolerance.",
    BEYOND_TOLERANCE: "The projection misses the target by more than its tolerance.",
    GAP_EXCEEDS_ACHIEVABLE_GAIN: (
        "The target needs more improvement than is achievable in the time available."
    ),
    LOAD_BELOW_DEMAND: "The training load the plan reaches is below what the goal demands.",
    TIMELINE_BELOW_MINIMUM: "There are fewer weeks than the minimum for this event.",
    BASELINE_ASSUMED: "No current performance was given; a level default was assumed.",
    BASELINE_STALE: "The performance or load data is old; the projection is less certain.",
    HISTORY_SPARSE: "Little or no training history; the starting load was estimated.",
    COMPLETION_BELOW_TARGET: "The estimated completion probability is below the target.",
    OUTSIDE_SAFE_ENVELOPE: "The plan is outside the safe feasibility envelope.",
    RAMP_ABOVE_SAFE_LIMIT: "At least one week raises load by more than the safe +10 %.",
    LOAD_ABOVE_LEVEL_BAND: "Weekly load goes above the safe band for the athlete's level.",
    DELOAD_SKIPPED: "More than three loading weeks in a row without a deload.",
    ACUTE_LOAD_SPIKE: "A week's load is far above the recent chronic load (ACWR > 1.5).",
    DEEP_FATIGUE: "Training stress balance falls below -30: deep accumulated fatigue.",
    HIGH_STRAIN: "Weekly strain (load times monotony) is above the safe bound.",
    GOAL_INFEASIBLE: "Under safe constraints the goal is infeasible.",
    GOAL_NEARLY_IMPOSSIBLE: "Under safe constraints the goal is nearly impossible.",
    LOW_CONFIDENCE: "The projection rests on sparse, stale or assumed data.",
    INJURY_REPORTED: "The athlete reported an injury; load progression is more cautious.",
    TAPER_SHORTENED: "A goal's taper or recovery week was shortened by another event.",
    GOAL_CONFLICT: "Goals compete; see the goal's conflict notes.",
    CAP_RAMP: "Week-on-week load growth was capped (at the relaxed limit if overridden).",
    CAP_CTL_RAMP: "Growth of chronic load (CTL) per week was capped.",
    CAP_DELOAD: "A deload of 20-30 % was required every 3-4 weeks.",
    CAP_LEVEL_BAND: "Weekly load was kept inside the level's safe band.",
    CAP_STRAIN: "Weekly strain was bounded.",
    CAP_MONOTONY: "At least one rest day a week was kept to bound monotony.",
    CAP_TIME_BUDGET: "Load was limited by available days and session length.",
    CAP_FEASIBILITY: (
        "B and C goals infeasible under safe limits pull less on the plan than feasible ones."
    ),
    CAP_READINESS: "Readiness is capped by the feasibility band (see readiness_cap).",
    CAP_POLICY_RELAXATION_IGNORED: "Constraint relaxations only apply in risk_accepted mode.",
    OVERRIDE_READINESS_CAP_LIFTED: "Readiness is not capped by feasibility (risk accepted).",
    OVERRIDE_SAFETY_CAPS_DISABLED: "Level band, strain, monotony and deload caps are off.",
    OVERRIDE_FEASIBILITY_CAPS_DISABLED: "The plan chases the full demand of every goal.",
    OVERRIDE_RAMP_RELAXED: "Week-on-week ramp limit raised above the safe +10 %.",
    OVERRIDE_CTL_RAMP_RELAXED: "CTL ramp limit raised above the safe default.",
    OVERRIDE_CONFLICT: "A goal conflict was resolved by relaxing a safety constraint.",
    REASON_PRIORITY: "A higher-priority goal took precedence.",
    REASON_TIMELINE: "An earlier event's taper or recovery took the weeks.",
    REASON_SAFETY: "Safe load limits could not fit both goals' demand.",
    REASON_MODE_OVERRIDE: "Risk-accepted settings decided the trade-off.",
}
