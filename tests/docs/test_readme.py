"""The README is the operator's manual: it must document every setting and the real commands."""

from __future__ import annotations

from pathlib import Path

from bot.discovery import discover_skill_classes
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_in_the_readme_configuration_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"COACHBOT_{name.upper()}"
        for name in Settings.model_fields
        if f"`COACHBOT_{name.upper()}`" not in readme
    ]
    assert missing == []


def test_every_installed_skills_setting_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    variables = [
        f"COACHBOT_SKILL_{skill.name.upper()}_{name.upper()}"
        for skill in discover_skill_classes()
        for name in skill.settings_model.model_fields
    ]
    assert variables, "the goals skill has settings"
    assert [v for v in variables if f"`{v}`" not in readme] == []


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in readme and "scripts/run" in readme
    assert "exec scripts/test" in ci
