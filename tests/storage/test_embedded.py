"""The embedded server is a real MongoDB-wire server started and stopped by us."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pymongo.errors import PyMongoError

from storage.client import create_client, open_database
from storage.embedded import EmbeddedMongo


async def test_session_server_answers_like_mongodb(mongo: EmbeddedMongo) -> None:
    client = create_client(mongo.url)
    try:
        info = await client.admin.command("buildInfo")
        assert info["version"].startswith("7.")
    finally:
        await client.close()


async def test_open_database_starts_and_stops_its_own_server(tmp_path) -> None:
    async with open_database(None, database="coachbot", data_dir=tmp_path) as database:
        assert database.embedded is not None and database.embedded.running
        await database.db.things.insert_one({"user_id": "u1", "n": 1})
        assert await database.db.things.count_documents({"user_id": "u1"}) == 1
        server = database.embedded
    assert not server.running
    assert (tmp_path / "mongo").is_dir()  # data lives where settings said
    probe = create_client(server.url, timeout_ms=300)
    try:
        with pytest.raises(PyMongoError):
            await probe.admin.command("ping")
    finally:
        await probe.close()


async def test_data_survives_a_restart(tmp_path) -> None:
    async with open_database(None, database="coachbot", data_dir=tmp_path) as database:
        await database.db.notes.insert_one({"user_id": "u1", "text": "kept"})
    async with open_database(None, database="coachbot", data_dir=tmp_path) as database:
        doc = await database.db.notes.find_one({"user_id": "u1"})
        assert doc is not None and doc["text"] == "kept"


async def test_start_failure_is_reported_clearly(tmp_path, mongo: EmbeddedMongo) -> None:
    busy = EmbeddedMongo(tmp_path / "second", port=mongo.port)  # port already taken
    with pytest.raises(RuntimeError, match=r"already served|exited"):
        await busy.start(timeout=3)
    assert not busy.running


async def test_dates_set_on_existing_documents_read_back_as_dates(db) -> None:
    when = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    await db.things.insert_one({"user_id": "u1", "at": when})
    later = when + timedelta(hours=1)
    await db.things.update_one({"user_id": "u1"}, {"$set": {"at": later, "n": 1}})
    await db.things.find_one_and_update({"user_id": "u1"}, {"$set": {"seen": [later]}})
    doc = await db.things.find_one({"user_id": "u1"})
    assert doc is not None
    assert doc["at"] == later and doc["seen"] == [later]
    assert await db.things.count_documents({"at": {"$gt": when}}) == 1


async def test_an_upsert_that_returns_the_document_keeps_set_on_insert(db) -> None:
    when = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    upsert = {
        "$set": {"n": 1, "updated_at": when},
        "$setOnInsert": {"_id": "first", "created_at": when},
    }
    inserted = await db.things.find_one_and_update(
        {"user_id": "u1", "kind": "a"}, upsert, upsert=True, return_document=True
    )
    assert inserted is not None
    assert (inserted["_id"], inserted["created_at"], inserted["n"]) == ("first", when, 1)
    later = when + timedelta(hours=1)
    again = {
        "$set": {"n": 2, "updated_at": later},
        "$setOnInsert": {"_id": "second", "created_at": later},
    }
    updated = await db.things.find_one_and_update(
        {"user_id": "u1", "kind": "a"}, again, upsert=True, return_document=True
    )
    assert updated is not None
    assert (updated["_id"], updated["created_at"], updated["n"]) == ("first", when, 2)
    assert await db.things.count_documents({"user_id": "u1"}) == 1


PARENT = """
import asyncio, sys
from storage.embedded import EmbeddedMongo

async def main():
    server = EmbeddedMongo(sys.argv[1])
    await server.start()
    print(server._process.pid, flush=True)
    await asyncio.sleep(120)

asyncio.run(main())
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only"
)
async def test_the_server_goes_when_its_parent_is_killed_outright(tmp_path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert parent.stdout is not None
    server_pid = int(await asyncio.to_thread(parent.stdout.readline))
    parent.kill()
    parent.wait()
    for _ in range(100):
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            return
        await asyncio.sleep(0.1)
    os.kill(server_pid, signal.SIGKILL)
    pytest.fail("the embedded server outlived its killed parent")
