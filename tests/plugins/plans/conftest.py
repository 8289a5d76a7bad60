"""A service for the plans API tests: the real app on loopback with a clock the tests move (the
goals tests' helpers, shared rather than copied)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from storage.embedded import EmbeddedMongo
from tests.plugins.goals.conftest import GoalsApi, goals_settings, serve_goals_api
from tests.support.clock import ManualClock

PlansApi = GoalsApi
"""The same client: ``user()`` registers an account (Berlin time), ``call()`` answers
``(status, json or text)``, ``clock`` is the service's clock."""

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
"""A Monday, 09:00 in Berlin: the first day of the plans the tests build."""


@pytest.fixture(scope="module")
async def plans_api(
    mongo: EmbeddedMongo, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[PlansApi]:
    """One app per test module: every test registers users of its own."""
    settings = goals_settings(
        mongo,
        redis_url,
        tmp_path_factory.mktemp("plans"),
        access_token_minutes=60 * 24 * 365,  # the tests move the clock weeks ahead
    )
    async with serve_goals_api(settings, ManualClock(START)) as api:
        yield api


@pytest.fixture
def api(plans_api: PlansApi) -> PlansApi:
    """Each test starts at the same moment."""
    plans_api.clock.now = START
    return plans_api
