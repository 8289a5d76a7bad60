"""Opens the database the service uses: a configured MongoDB, or the embedded server."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from storage.embedded import EmbeddedMongo

Document = dict[str, Any]


@dataclass
class Database:
    client: AsyncMongoClient[Document]
    db: AsyncDatabase[Document]
    embedded: EmbeddedMongo | None
    """Set when we started the embedded server ourselves (and so stop it on exit)."""

    @property
    def url(self) -> str:
        return self.embedded.url if self.embedded else "configured"


def create_client(url: str, *, timeout_ms: int = 5000) -> AsyncMongoClient[Document]:
    # tz_aware: every datetime we read back is UTC-aware, so arithmetic with the injected clock
    # never mixes naive and aware values.
    return AsyncMongoClient(
        url,
        tz_aware=True,
        serverSelectionTimeoutMS=timeout_ms,
        connectTimeoutMS=timeout_ms,
        appname="coachbot",
    )


@contextlib.asynccontextmanager
async def open_database(
    url: str | None, *, database: str, data_dir: Path
) -> AsyncIterator[Database]:
    """Connects to ``url``; with no url, starts the embedded server under ``data_dir/mongo``."""
    embedded: EmbeddedMongo | None = None
    if url is None:
        embedded = EmbeddedMongo(Path(data_dir) / "mongo")
        await embedded.start()
        url = embedded.url
    client = create_client(url)
    try:
        yield Database(client=client, db=client[database], embedded=embedded)
    finally:
        await client.close()
        if embedded is not None:
            embedded.stop()
