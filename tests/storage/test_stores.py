"""Conversation store, audit log, counters and index specs against the real embedded server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pymongo.errors import DuplicateKeyError

from storage.audit import AuditLog
from storage.conversations import ConversationStore
from storage.counters import DailyCounters
from storage.specs import CollectionSpec, apply_specs, index, merge_specs

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def test_conversation_state_round_trips(db) -> None:
    await apply_specs(db, ConversationStore.specs)
    store = ConversationStore(db)
    record = await store.load("ana", "c1", "terminal")
    assert record.is_new and record.state == {} and record.turns == 0

    record.state["flow"] = {"skill": "goals", "turns": 1, "data": {"step": "window"}}
    await store.save_turn(
        record, [{"role": "user", "text": "hi"}, {"role": "bot", "text": "hello"}], NOW
    )

    again = await store.load("ana", "c1", "terminal")
    assert again.state["flow"]["data"] == {"step": "window"}
    assert again.turns == 1
    assert again.last_turn_at == NOW
    assert not again.is_new


async def test_history_is_newest_first_paginated_and_per_user(db) -> None:
    await apply_specs(db, ConversationStore.specs)
    store = ConversationStore(db)
    for n in range(3):
        record = await store.load("ana", "c1", "api")
        await store.save_turn(
            record,
            [{"role": "user", "text": f"q{n}"}, {"role": "bot", "text": f"a{n}"}],
            NOW + timedelta(seconds=n),
        )
    other = await store.load("bob", "c1", "api")
    await store.save_turn(other, [{"role": "user", "text": "bob's secret"}], NOW)

    page = await store.history("ana", "c1", limit=4)
    assert [m["text"] for m in page] == ["a2", "q2", "a1", "q1"]
    rest = await store.history("ana", "c1", limit=4, before_seq=page[-1]["seq"])
    assert [m["text"] for m in rest] == ["a0", "q0"]
    assert all(m["user_id"] == "ana" for m in page + rest)

    removed = await store.delete("ana", "c1")
    assert removed == 6
    assert await store.history("ana", "c1") == []
    assert [m["text"] for m in await store.history("bob", "c1")] == ["bob's secret"]


async def test_specs_create_unique_indexes(db) -> None:
    await apply_specs(db, ConversationStore.specs)
    await db.conversations.insert_one({"user_id": "ana", "conversation_id": "c1"})
    with pytest.raises(DuplicateKeyError):
        await db.conversations.insert_one({"user_id": "ana", "conversation_id": "c1"})


def test_specs_reject_bad_names_and_conflicting_owners() -> None:
    with pytest.raises(ValueError, match="snake_case"):
        CollectionSpec("goals.progress")
    a = CollectionSpec("goals", (index("user_id"),))
    b = CollectionSpec("goals", (index("user_id", unique=True),))
    with pytest.raises(ValueError, match="declared twice"):
        merge_specs([[a], [b]])
    assert merge_specs([[a], [a]]) == [a]


async def test_audit_needs_a_user_and_reads_back_per_user(db) -> None:
    await apply_specs(db, AuditLog.specs)
    audit = AuditLog(db)
    with pytest.raises(ValueError):
        await audit.record({"kind": "turn"})
    await audit.record({"user_id": "ana", "kind": "turn", "flags": ["sql"], "created_at": NOW})
    await audit.record({"user_id": "bob", "kind": "turn", "flags": [], "created_at": NOW})
    events = await audit.for_user("ana")
    assert [e["flags"] for e in events] == [["sql"]]


async def test_daily_counter_counts_per_user_per_day(db) -> None:
    await apply_specs(db, DailyCounters.specs)
    counters = DailyCounters(db)
    # The server expires counters by its own clock, so these must be recent.
    now = datetime.now(UTC)
    assert await counters.increment("ana", "offtopic", now) == 1
    assert await counters.increment("ana", "offtopic", now) == 2
    assert await counters.increment("bob", "offtopic", now) == 1
    assert await counters.increment("ana", "offtopic", now + timedelta(days=1)) == 1
    assert await counters.get("ana", "offtopic", now.date()) == 2
    counter = await db.daily_counters.find_one({"user_id": "bob"})
    assert counter["expires_at"] > now  # kept a few days, then the server drops it
