"""The goals skill's settings: ``COACHBOT_SKILL_GOALS_<FIELD>``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class GoalsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_active_goals: int = Field(5, ge=1, le=50, description="Active goals a user may have.")
    prompt_version: int = Field(1, ge=1, description="Version of the goal_builder prompt to use.")
    max_workouts_per_request: int = Field(
        500, ge=1, le=5_000, description="Workouts one POST /api/v1/workouts may carry."
    )
    evaluate_every_minutes: int = Field(
        60,
        ge=1,
        le=1_440,
        description="How often every active goal is re-evaluated against the clock (windows "
        "roll over at each user's local midnight, goals expire, pace moves).",
    )
