from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from bot.discovery import load_skills
from bot.engine import Engine
from bot.llm.client import LLM
from bot.runtime import build_prompts
from bot.settings import Settings
from bot.skill import Skill
from storage.specs import apply_specs
from tests.support.skills import (
    BrokenSkill,
    LeakySkill,
    PickySkill,
    SlowSkill,
    StreamSkill,
    TallySkill,
)

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
