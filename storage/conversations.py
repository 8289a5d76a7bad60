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

from pymongo import DESCENDING
from pymongo.asynchronous.database import AsyncDatabase

from storage.specs import CollectionSpec, index

Document = dict[str, Any]

CONVERSATIONS = "conversations"
CHAT_MESSAGES = "chat_messages"


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

    async def load(self, user_id: str, conversation_id: str, channel: str) -> ConversationRecord:
        doc = await self._conversations.find_one(
            {"user_id": user_id, "conversation_id": conversation_id}
        )
        if doc is None:
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
        update = self._conversations.update_one(
            {"user_id": record.user_id, "conversation_id": record.conversation_id},
            {
                "$set": {
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
            {
                **message,
                "user_id": record.user_id,
                "conversation_id": record.conversation_id,
                "created_at": now,
                "seq": base + position,
            }
            for position, message in enumerate(messages)
        ]
        if rows:
            await asyncio.gather(update, self._messages.insert_many(rows))
        else:
            await update
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
                {"user_id": user_id, "conversation_id": conversation_id}
            ),
        )
        return messages.deleted_count
