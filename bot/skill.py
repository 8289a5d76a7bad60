"""The public contract between the core and skills: everything a plugin may import from ``bot``.

A skill is a class registered under the entry-point group ``coachbot.skills``. The core
instantiates it once with its validated settings, asks it cheaply whether a turn is for it
(:meth:`Skill.intent`), and calls :meth:`Skill.handle` with a :class:`SkillContext` that carries
every dependency — no globals — so tests can hand a skill a fixed clock and real local servers.
See ``docs/skills.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict
from pymongo.asynchronous.database import AsyncDatabase

from bot.llm.client import LLM, StructuredResult
from bot.messages import Card, CardField, Chip, Reply, Turn
from storage.specs import CollectionSpec, IndexSpec, index

__all__ = [
    "LLM",
    "Card",
    "CardField",
    "Chip",
    "CollectionSpec",
    "IndexSpec",
    "NoSettings",
    "Reply",
    "Skill",
    "SkillContext",
    "SkillInfo",
    "StructuredResult",
    "Turn",
    "UserProfile",
    "index",
]

Clock = Callable[[], datetime]


class NoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class SkillInfo:
    """What one installed skill says about itself; the help skill lists these."""

    name: str
    summary: str
    commands: tuple[str, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class UserProfile:
    user_id: str
    tz: str = "UTC"
    locale: str = "en"
    units: str = "metric"
    name: str | None = None


@dataclass
class SkillContext:
    db: AsyncDatabase[dict[str, Any]]
    """The service database. Every query a skill issues filters by ``user.user_id``."""
    llm: LLM
    clock: Clock
    settings: BaseModel
    """This skill's own settings (an instance of its ``settings_model``)."""
    user: UserProfile
    catalog: tuple[SkillInfo, ...]
    """The installed skills, in routing order."""
    flow: dict[str, Any] | None = None
    """The state this skill returned in ``Reply.flow`` on the previous turn, if its flow is open."""
    extra: dict[str, Any] = field(default_factory=dict)


class Skill:
    """Base class of every skill. Subclasses set the class attributes and implement ``handle``."""

    name: ClassVar[str]
    """Unique, lowercase; also the entry-point name and the settings prefix
    (``COACHBOT_<NAME>_<FIELD>``)."""
    summary: ClassVar[str]
    """One line: what the skill does for the user."""
    commands: ClassVar[tuple[str, ...]] = ()
    """Explicit commands that always reach this skill, e.g. ``("/goal",)``."""
    examples: ClassVar[tuple[str, ...]] = ()
    """In-scope things to say; shown in help and offered after refusals."""
    settings_model: ClassVar[type[BaseModel]] = NoSettings
    collections: ClassVar[tuple[CollectionSpec, ...]] = ()
    """Collections and indexes this skill owns; created at start-up."""
    prompts_dir: ClassVar[Path | None] = None
    """A directory of ``<prompt_id>/v<N>.toml`` files this skill ships (optional)."""
    max_flow_turns: ClassVar[int] = 6
    """A multi-turn flow of this skill is abandoned after this many turns."""

    def __init__(self, settings: BaseModel | None = None) -> None:
        self.settings = settings if settings is not None else self.settings_model()

    @classmethod
    def info(cls) -> SkillInfo:
        return SkillInfo(cls.name, cls.summary, cls.commands, cls.examples)

    def intent(self, turn: Turn) -> float:
        """How sure the skill is that a free-text turn is for it, 0..1. Pure and fast: it runs
        for every installed skill on every turn that is not a command or an open flow."""
        return 0.0

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        raise NotImplementedError
