"""Finds the installed skills through the entry-point group ``coachbot.skills``.

The core never imports a skill by name: first-party skills are registered in our own
``pyproject.toml`` exactly as a third party registers theirs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from importlib.metadata import EntryPoint, entry_points

from dotenv import dotenv_values
from pydantic import BaseModel, ValidationError

from bot.skill import Skill

ENTRY_POINT_GROUP = "coachbot.skills"


class SkillLoadError(RuntimeError):
    """A skill could not be loaded or its settings are invalid; the message says which and why."""


def settings_prefix(skill_name: str) -> str:
    return f"COACHBOT_SKILL_{skill_name.upper()}_"


def discover_skill_classes(eps: Iterable[EntryPoint] | None = None) -> list[type[Skill]]:
    found: dict[str, type[Skill]] = {}
    for ep in eps if eps is not None else entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
        except Exception as exc:
            raise SkillLoadError(f"skill {ep.name!r} ({ep.value}) failed to import: {exc}") from exc
        if not (isinstance(cls, type) and issubclass(cls, Skill)):
            raise SkillLoadError(f"entry point {ep.name!r} ({ep.value}) is not a Skill subclass")
        if getattr(cls, "name", None) != ep.name:
            raise SkillLoadError(
                f"entry point {ep.name!r} points at a skill named {getattr(cls, 'name', None)!r};"
                " the two must match"
            )
        if ep.name in found and found[ep.name] is not cls:
            raise SkillLoadError(f"two installed packages both provide a skill named {ep.name!r}")
        found[ep.name] = cls
    return [found[name] for name in sorted(found)]


def load_skill_settings(cls: type[Skill], environ: Mapping[str, str] | None = None) -> BaseModel:
    """Builds a skill's settings from ``COACHBOT_SKILL_<NAME>_<FIELD>`` variables (and .env).

    Values that look like JSON lists or objects are parsed as JSON, so list settings can be
    written ``COACHBOT_SKILL_GOALS_UNITS='["km","mi"]'``.
    """
    if environ is None:
        dotenv = {k: v for k, v in dotenv_values(".env").items() if v is not None}
        environ = {**dotenv, **os.environ}
    prefix = settings_prefix(cls.name)
    values: dict[str, object] = {}
    for key, raw in environ.items():
        if not key.startswith(prefix):
            continue
        field_name = key[len(prefix) :].lower()
        value: object = raw
        if raw[:1] in "[{":
            try:
                value = json.loads(raw)
            except json.JSONDecodeError:
                value = raw
        values[field_name] = value
    try:
        return cls.settings_model.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{prefix}{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        )
        raise SkillLoadError(f"settings of skill {cls.name!r} are invalid: {problems}") from exc


def load_skills(
    disabled: Iterable[str] = (),
    environ: Mapping[str, str] | None = None,
    classes: Iterable[type[Skill]] | None = None,
) -> list[Skill]:
    """Instantiates every installed skill that is not disabled, in name order."""
    skipped = set(disabled)
    chosen = classes if classes is not None else discover_skill_classes()
    return [cls(load_skill_settings(cls, environ)) for cls in chosen if cls.name not in skipped]
