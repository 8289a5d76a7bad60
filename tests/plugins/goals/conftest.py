"""A service for the goals tests: the real app on loopback with a clock the tests move, and one
operator account."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.discovery import load_skills
from bot.runtime import open_runtime
from bot.settings import Settings
from storage.embedded import EmbeddedMongo, free_port
from tests.service.helpers import Account, register
from tests.support.clock import ManualClock

ADMIN_EMAIL = "ops@example.com"
START = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # a Wednesday


@dataclass
class GoalsApi:
    base_url: str
    clock: ManualClock
    http: aiohttp.ClientSession

    async def user(self, **fields: Any) -> Account:
        fields.setdefault("tz", "Europe/Berlin")
        return await register(self.http, self.base_url, **fields)

    async def call(
        self, account: Account | None, method: str, path: str, **kwargs: Any
    ) -> tuple[int, Any]:
        headers = account.auth if account is not None else {}
        async with self.http.request(
            method, f"{self.base_url}/api/v1{path}", headers=headers, **kwargs
        ) as response:
            if response.content_type == "application/json":
                return response.status, await response.json()
            return response.status, await response.text()


@contextlib.asynccontextmanager
async def serve_goals_api(settings: Settings, clock: ManualClock) -> AsyncIterator[GoalsApi]:
    """The real app on loopback with these settings and clock (no welcome emails)."""
    from bot.service.app import create_app
    from bot.service.users import User

    async def no_welcome(user: User) -> None:
        return None

    async with open_runtime(settings, clock=clock, skills=load_skills(environ={})) as runtime:
        app = await create_app(
            runtime, settings, redis_url=settings.redis_url, send_welcome=no_welcome, clock=clock
        )
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            async with aiohttp.ClientSession() as http:
                yield GoalsApi(f"http://127.0.0.1:{port}", clock, http)
        finally:
            await runner.cleanup()


def goals_settings(
    mongo: EmbeddedMongo, redis_url: str, data_dir: Path, **overrides: Any
) -> Settings:
    """Settings for a goals app of its own: a fresh database, no turn or sign-in limits."""
    return Settings(
        mongodb_url=mongo.url,
        mongodb_database=f"goals_{uuid.uuid4().hex[:8]}",
        data_dir=data_dir,
        min_seconds_between_turns=0,
        redis_url=redis_url,
        auth_attempts_per_minute=10_000,
        chat_turns_per_minute=10_000,
        **overrides,
    )


@pytest.fixture(scope="module")
async def goals_api(
    mongo: EmbeddedMongo, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[GoalsApi]:
    settings = goals_settings(
        mongo, redis_url, tmp_path_factory.mktemp("goals"), admin_emails=[ADMIN_EMAIL]
    )
    async with serve_goals_api(settings, ManualClock(START)) as api:
        yield api


@pytest.fixture
def api(goals_api: GoalsApi) -> GoalsApi:
    """Each test starts at the same moment."""
    goals_api.clock.now = START
    return goals_api
