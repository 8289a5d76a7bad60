"""The public contract between the core and skills: everything a plugin may import from ``bot``.

A skill is a class registered under the entry-point group ``coachbot.skills``. The core
instantiates it once with its validated settings, asks it cheaply whether a turn is for it
(:meth:`Skill.intent`), and calls :meth:`Skill.handle` with a :class:`SkillContext` that carries
every dependency — no globals — so tests can hand a skill a fixed clock and real local servers.
See ``docs/skills.md``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict
from pymongo.asynchronous.database import AsyncDatabase

from bot.api_errors import ApiError, ErrorDetail
from bot.llm.client import LLM, StructuredResult
from bot.messages import Card, CardField, Chip, Reply, Turn
from storage.specs import CollectionSpec, IndexSpec, index

__all__ = [
    "LLM",
    "ApiError",
    "Card",
    "CardField",
    "Chip",
    "CollectionSpec",
    "Download",
    "ErrorDetail",
    "Evaluator",
    "IndexSpec",
    "JobContext",
    "NoSettings",
    "Reply",
    "Route",
    "RouteCall",
    "Skill",
    "SkillContext",
    "SkillInfo",
    "SkillJob",
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
    reminder_time: str = "07:30"
    """When the user likes reminders, local ``HH:MM``."""
    quiet_start: str = "21:00"
    quiet_end: str = "07:00"
    """Quiet hours, local ``HH:MM``: nothing proactive is sent between them."""


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


B = TypeVar("B", bound=BaseModel)
Q = TypeVar("Q", bound=BaseModel)


@dataclass
class RouteCall(Generic[B, Q]):
    """One authenticated request to a skill's route: the validated body and query, the path
    parameters, and the same context a chat turn gets (``ctx.user`` is the caller)."""

    body: B
    query: Q
    path: dict[str, str]
    ctx: SkillContext
    is_admin: bool = False


@dataclass(frozen=True)
class Download:
    """A route's answer when it is a file rather than JSON: a calendar, an image. Declare the
    route's ``media_type`` so the API spec says what comes back."""

    body: bytes
    media_type: str
    filename: str | None = None
    """Offered to the client as the file's name (``Content-Disposition``)."""


RouteHandler = Callable[[RouteCall[Any, Any]], Awaitable[BaseModel | Download | None]]


@dataclass(frozen=True)
class Route:
    """A REST route a skill adds under ``/api/v1``. The service authenticates the caller,
    validates ``body`` and ``query`` with their pydantic models (answering 422 with the field at
    fault), serialises ``response`` and lists the route in the OpenAPI spec. A handler raises
    :class:`ApiError` to answer 4xx; returning ``None`` answers 204 (or ``status``).
    """

    method: str
    path: str
    """Relative to ``/api/v1``; ``{name}`` segments arrive in ``RouteCall.path``."""
    handler: RouteHandler
    summary: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    errors: tuple[int, ...] = ()
    """4xx statuses the route may answer, for the spec (401 and 422 are added as they apply)."""
    admin: bool = False
    """Only operators (``COACHBOT_ADMIN_EMAILS``) may call it; others get 403."""
    description: str = ""
    media_type: str | None = None
    """Set when the handler answers with a :class:`Download` of this type instead of JSON."""


@dataclass(frozen=True)
class JobContext:
    """What a skill's periodic job gets: the same store, LLM, clock and settings a chat turn
    gets, but no user — a job works across users and must filter every query it issues."""

    db: AsyncDatabase[dict[str, Any]]
    llm: LLM
    clock: Clock
    settings: BaseModel


JobRunner = Callable[[JobContext], Awaitable[Mapping[str, Any] | None]]


@dataclass(frozen=True)
class SkillJob:
    """Work a skill wants done on a schedule, without touching Celery: the core registers it
    with beat as ``<skill>.<name>`` and runs it on a worker (``coachbot jobs run`` runs it now).

    A run may happen twice (a worker dies mid-run and the task is redelivered), so a job must
    be safe to repeat. A run no worker picked up before the next one was due is dropped.
    ``run`` returns a small JSON-able summary (counts, timings) that is logged and printed.
    """

    name: str
    run: JobRunner
    every: timedelta
    summary: str


Evaluator = Callable[[dict[str, Any], SkillContext], Awaitable[dict[str, Any]]]
"""Scores one row of an evaluation file (a JSON object) and returns the row's result:
``{"id", "outcome", "match": bool, "fields": {name: bool, ...}, ...}`` plus anything worth
printing. ``coachbot eval <suite> FILE`` sums them up."""


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
        for every installed skill on every turn that is not a command or an open flow, and on
        a turn an open flow did not understand (``Reply.unclaimed``)."""
        return 0.0

    async def handle(self, turn: Turn, ctx: SkillContext) -> Reply:
        raise NotImplementedError

    def routes(self) -> Sequence[Route]:
        """REST routes this skill serves (optional)."""
        return ()

    def evaluators(self) -> Mapping[str, Evaluator]:
        """Evaluation suites this skill offers to ``coachbot eval <name> FILE`` (optional)."""
        return {}

    def jobs(self) -> Sequence[SkillJob]:
        """Periodic jobs this skill runs in the background (optional)."""
        return ()
