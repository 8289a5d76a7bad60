"""The plans skill's settings: ``COACHBOT_SKILL_PLANS_<FIELD>``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PlansSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt_version: int = Field(
        1, ge=1, description="Version of the plan_generator prompt (rationale and notes only)."
    )
    history_weeks: int = Field(
        6,
        ge=1,
        le=26,
        description="Weeks of logged workouts that set a plan's starting fitness when the "
        "request gives no weekly load.",
    )
    replan_on_skip: bool = Field(
        True,
        description="Rebuild the plan from next week on when a session is skipped or done very "
        "differently from planned.",
    )
