"""Skills are found through entry points and configured from COACHBOT_SKILL_<NAME>_* settings."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest
from pydantic import BaseModel, Field

from bot.discovery import (
    ENTRY_POINT_GROUP,
    SkillLoadError,
    discover_skill_classes,
    load_skill_settings,
    load_skills,
)
from bot.messages import Reply, Turn
from bot.skill import Skill, SkillContext


class StreakSettings(BaseModel):
    max_active: int = Field(5, ge=1)
    units: list[str] = ["km"]


class Streaks(Skill):
    name = "streaks"
    summary = "Keeps streaks."
    settings_model = StreakSettings

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        return Reply(text="ok")


def ep(name: str, target: str) -> EntryPoint:
    return EntryPoint(name=name, value=target, group=ENTRY_POINT_GROUP)


def test_the_installed_distribution_registers_help() -> None:
    names = [cls.name for cls in discover_skill_classes()]
    assert "help" in names


def test_third_party_entry_points_load_in_name_order() -> None:
    classes = discover_skill_classes(
        [ep("streaks", f"{__name__}:Streaks"), ep("help", "plugins.help:HelpSkill")]
    )
    assert [c.name for c in classes] == ["help", "streaks"]


def test_broken_entry_points_are_explained() -> None:
    with pytest.raises(SkillLoadError, match="failed to import"):
        discover_skill_classes([ep("ghost", "no_such_module:Ghost")])
    with pytest.raises(SkillLoadError, match="not a Skill"):
        discover_skill_classes([ep("settings", f"{__name__}:StreakSettings")])
    with pytest.raises(SkillLoadError, match="must match"):
        discover_skill_classes([ep("other", f"{__name__}:Streaks")])


def test_settings_come_from_prefixed_variables() -> None:
    settings = load_skill_settings(
        Streaks,
        {"COACHBOT_SKILL_STREAKS_MAX_ACTIVE": "3", "COACHBOT_SKILL_STREAKS_UNITS": '["km","mi"]'},
    )
    assert settings == StreakSettings(max_active=3, units=["km", "mi"])
    assert load_skill_settings(Streaks, {}) == StreakSettings()


def test_invalid_settings_name_the_variable() -> None:
    with pytest.raises(SkillLoadError, match="COACHBOT_SKILL_STREAKS_MAX_ACTIVE"):
        load_skill_settings(Streaks, {"COACHBOT_SKILL_STREAKS_MAX_ACTIVE": "zero"})


def test_disabled_skills_are_not_loaded() -> None:
    skills = load_skills(disabled=["streaks"], environ={}, classes=[Streaks])
    assert skills == []
    (only,) = load_skills(environ={"COACHBOT_SKILL_STREAKS_MAX_ACTIVE": "2"}, classes=[Streaks])
    assert isinstance(only.settings, StreakSettings) and only.settings.max_active == 2
