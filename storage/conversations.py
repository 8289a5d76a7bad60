"""Conversation state and chat messages.

A conversation is one thread between a user and the bot on one channel. Its state (the active
flow of a skill, turn counters) is loaded at the start of a turn and written back at the end;
the messages of the turn are appended in the same step. Everything is keyed by ``user_id`` so no
query can reach another user's thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pymongo import DESCENDING, InsertOne, UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from storage.batching import BatchedReader, BatchedWriter
from storage.specs import CollectionSpec, index

Document = dict[str, Any]

CONVERSATIONS = "conversations"
CHAT_MESSAGES = "chat_messages"


def conversation_key(user_id: str, conversation_id: str) -> str:
    """The document id: lets concurrent loads coalesce into one ``_id $in`` query."""
    return f"{user_id}:{conversation_id}"


@dataclass
class ConversationRecord:
    user_id: str
    conversation_id: str
    channel: str
    state: dict[str, Any] = field(default_factory=dict)
    turns: int = 0
    last_turn_at: datetime | None = None
    created_at: datetime | None = None

    @property
    def is_new(self) -> bool:
        return self.created_at is None


class ConversationStore:
    specs = (
        CollectionSpec(
            CONVERSATIONS,
            (
                index("user_id", "conversation_id", unique=True),
                index("user_id", ("updated_at", DESCENDING)),
            ),
        ),
        CollectionSpec(
            CHAT_MESSAGES,
            (index("user_id", "conversation_id", ("seq", DESCENDING)),),
        ),
    )

    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._conversations = db[CONVERSATIONS]
        self._messages = db[CHAT_MESSAGES]
        # One turn = one read and one write batch here; concurrent turns share round trips.
        self._reader = BatchedReader(self._conversations)
        self._state_writer = BatchedWriter(self._conversations)
        self._message_writer = BatchedWriter(self._messages)

    async def load(self, user_id: str, conversation_id: str, channel: str) -> ConversationRecord:
        doc = await self._reader.get(conversation_key(user_id, conversation_id))
        if doc is None or doc.get("user_id") != user_id:
            return ConversationRecord(user_id, conversation_id, channel)
        return ConversationRecord(
            user_id=user_id,
            conversation_id=conversation_id,
            channel=doc.get("channel", channel),
            state=doc.get("state") or {},
            turns=int(doc.get("turns", 0)),
            last_turn_at=doc.get("last_turn_at"),
            created_at=doc.get("created_at"),
        )

    async def save_turn(
        self, record: ConversationRecord, messages: list[Document], now: datetime
    ) -> None:
        """Writes the new state and appends the turn's messages, concurrently.

        Callers hold the conversation's turn lock, so no other writer races this update.
        """
        record.turns += 1
        record.last_turn_at = now
        update = UpdateOne(
            {
                "_id": conversation_key(record.user_id, record.conversation_id),
                "user_id": record.user_id,
            },
            {
                "$set": {
                    "conversation_id": record.conversation_id,
                    "state": record.state,
                    "turns": record.turns,
                    "last_turn_at": now,
                    "updated_at": now,
                    "channel": record.channel,
                },
                "$setOnInsert": {"created_at": now},
            },
            upsert=True,
        )
        base = record.turns * 100
        rows = [
            InsertOne(
                {
                    **message,
                    "user_id": record.user_id,
                    "conversation_id": record.conversation_id,
                    "created_at": now,
                    "seq": base + position,
                }
            )
            for position, message in enumerate(messages)
        ]
        await asyncio.gather(self._state_writer.write(update), self._message_writer.write(*rows))
        if record.created_at is None:
            record.created_at = now

    async def history(
        self,
        user_id: str,
        conversation_id: str,
        *,
        limit: int = 50,
        before_seq: int | None = None,
    ) -> list[Document]:
        """Newest first, ``limit`` at a time; page on with the last row's ``seq``."""
        query: Document = {"user_id": user_id, "conversation_id": conversation_id}
        if before_seq is not None:
            query["seq"] = {"$lt": before_seq}
        cursor = self._messages.find(query, {"_id": 0}).sort("seq", DESCENDING).limit(limit)
        return [doc async for doc in cursor]

    async def delete(self, user_id: str, conversation_id: str) -> int:
        """Forgets the thread: its messages and its state. Returns the messages removed."""
        messages, _ = await asyncio.gather(
            self._messages.delete_many({"user_id": user_id, "conversation_id": conversation_id}),
            self._conversations.delete_one(
                {"_id": conversation_key(user_id, conversation_id), "user_id": user_id}
            ),
        )
        return messages.deleted_count
