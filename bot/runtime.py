"""Builds a working bot from settings: database, skills, prompts, LLM and engine.

Every entry point (terminal chat, eval, doctor, and later the server and workers) opens the
same runtime, so what the tests exercise is what users run.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.discovery import load_skills
from bot.engine import Engine
from bot.llm.client import LLM
from bot.llm.factory import build_provider
from bot.settings import Settings
from bot.skill import Clock, Skill
from prompts import LIBRARY, PromptRegistry
from storage.client import Database, open_database
from storage.specs import apply_specs


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    settings: Settings
    database: Database
    engine: Engine
    prompts: PromptRegistry
    llm: LLM


def build_prompts(skills: Sequence[Skill]) -> PromptRegistry:
    dirs = [LIBRARY, *(s.prompts_dir for s in skills if s.prompts_dir is not None)]
    return PromptRegistry.from_dirs(*dirs)


@contextlib.asynccontextmanager
async def open_runtime(
    settings: Settings,
    *,
    clock: Clock = system_clock,
    skills: Sequence[Skill] | None = None,
) -> AsyncIterator[Runtime]:
    chosen = list(skills) if skills is not None else load_skills(settings.skills_disabled)
    prompts = build_prompts(chosen)
    provider = build_provider(settings)
    llm = LLM(provider, prompts)
    try:
        async with open_database(
            settings.mongodb_url, database=settings.mongodb_database, data_dir=settings.data_dir
        ) as database:
            engine = Engine(skills=chosen, db=database.db, llm=llm, clock=clock, settings=settings)
            await apply_specs(database.db, engine.specs)
            yield Runtime(settings, database, engine, prompts, llm)
    finally:
        if provider is not None:
            await provider.aclose()
