"""Session-wide real components on loopback (the embedded MongoDB-wire server), and an engine
built on them with the installed skills plus the test skills."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from bot.discovery import load_skills
from bot.engine import Engine
from bot.llm.client import LLM
from bot.runtime import build_prompts
from bot.settings import Settings
from bot.skill import Skill
from storage.client import create_client
from storage.embedded import EmbeddedMongo
from storage.specs import apply_specs
from tests.support.clock import ManualClock
from tests.support.skills import (
    BrokenSkill,
    LeakySkill,
    PickySkill,
    SlowSkill,
    StreamSkill,
    TallySkill,
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
    return [TallySkill(), SlowSkill(), StreamSkill(), BrokenSkill(), LeakySkill(), PickySkill()]


@pytest.fixture
def make_engine(db, clock) -> EngineFactory:
    """Builds an engine on the test database: the installed skills plus the test skills."""

    async def make(
        extra_skills: Sequence[Skill] | None = None, provider: Any = None, **overrides: Any
    ) -> Engine:
        settings = Settings(**{"min_seconds_between_turns": 0, **overrides})
        skills = [
            *load_skills(environ={}),
            *(skills_for_tests() if extra_skills is None else extra_skills),
        ]
        llm = LLM(provider, build_prompts(skills))
        engine = Engine(skills=skills, db=db, llm=llm, clock=clock, settings=settings)
        await apply_specs(db, engine.specs)
        return engine

    return make
