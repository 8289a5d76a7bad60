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
