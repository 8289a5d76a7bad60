"""Group commit: concurrent writers share round trips, yet each hears about its own write."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pymongo import AsyncMongoClient, InsertOne, UpdateOne, monitoring
from pymongo.errors import BulkWriteError

from storage.batching import BatchedReader, BatchedWriter
from storage.embedded import EmbeddedMongo


class CommandCount(monitoring.CommandListener):
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        self.counts[event.command_name] += 1

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


@pytest.fixture
async def counted(mongo: EmbeddedMongo) -> AsyncIterator[tuple[Any, CommandCount]]:
    listener = CommandCount()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        mongo.url, event_listeners=[listener]
    )
    db = client["batching_test"]
    await db.drop_collection("things")
    yield db["things"], listener
    await client.drop_database("batching_test")
    await client.close()


async def test_concurrent_writes_share_round_trips(counted) -> None:
    things, listener = counted
    writer = BatchedWriter(things)
    listener.counts.clear()
    await asyncio.gather(*(writer.write(InsertOne({"_id": n, "user_id": "u"})) for n in range(60)))
    assert await things.count_documents({"user_id": "u"}) == 60
    writes = listener.counts["insert"]
    assert 1 <= writes < 10, listener.counts  # not 60 round trips


async def test_a_lone_write_goes_out_at_once_and_in_order(counted) -> None:
    things, _ = counted
    writer = BatchedWriter(things)
    await writer.write(InsertOne({"_id": "a", "n": 1}), UpdateOne({"_id": "a"}, {"$set": {"n": 2}}))
    assert (await things.find_one({"_id": "a"}))["n"] == 2


async def test_a_failing_write_fails_only_its_writer(counted) -> None:
    things, _ = counted
    await things.insert_one({"_id": "taken"})
    writer = BatchedWriter(things)
    results = await asyncio.gather(
        writer.write(InsertOne({"_id": "fine-1"})),
        writer.write(InsertOne({"_id": "taken"})),
        writer.write(InsertOne({"_id": "fine-2"})),
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], BulkWriteError)
    assert await things.count_documents({"_id": {"$in": ["fine-1", "fine-2"]}}) == 2


async def test_reads_coalesce_and_each_reader_gets_its_own_document(counted) -> None:
    things, listener = counted
    await things.insert_many([{"_id": n, "v": n} for n in range(30)])
    reader = BatchedReader(things)
    listener.counts.clear()
    docs = await asyncio.gather(*(reader.get(n % 30) for n in range(60)), reader.get("missing"))
    assert [d["v"] for d in docs[:30]] == list(range(30)) and docs[-1] is None
    assert listener.counts["find"] < 10, listener.counts
    docs[0]["v"] = "changed"
    assert docs[30]["v"] == 0  # the second reader of id 0 got a copy
