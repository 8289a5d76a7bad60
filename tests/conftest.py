"""Session-wide real components on loopback: the embedded MongoDB-wire server."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from storage.client import create_client
from storage.embedded import EmbeddedMongo
from tests.support.clock import ManualClock


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
