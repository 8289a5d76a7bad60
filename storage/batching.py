"""Group commit: many concurrent turns, few round trips to the store.

A write waits for its own acknowledgement, so callers keep plain ``await`` semantics (durable
before the reply goes out). Writes that arrive while a flush is in flight queue up and leave
together in the next ``bulk_write``; reads by ``_id`` coalesce into one ``$in`` query the same
way. At low load a write goes out at once — no timer, no added latency; under load the batches
grow and the round trips per turn shrink.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Sequence
from typing import Any

from pymongo import DeleteOne, InsertOne, ReplaceOne, UpdateMany, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

Document = dict[str, Any]
WriteOp = InsertOne[Document] | UpdateOne | ReplaceOne[Document] | UpdateMany | DeleteOne

MAX_BATCH = 500


class BatchedWriter:
    def __init__(
        self, collection: AsyncCollection[Document], *, max_batch: int = MAX_BATCH
    ) -> None:
        self._collection = collection
        self._max_batch = max_batch
        self._pending: list[tuple[WriteOp, asyncio.Future[None]]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def write(self, *ops: WriteOp) -> None:
        """Applies ``ops`` (in one batch, in order) and returns once the store acknowledged them."""
        loop = asyncio.get_running_loop()
        futures = []
        for op in ops:
            future: asyncio.Future[None] = loop.create_future()
            self._pending.append((op, future))
            futures.append(future)
        if self._flushing is None:
            self._flushing = asyncio.create_task(self._flush())
        await asyncio.gather(*futures)

    async def _flush(self) -> None:
        try:
            while self._pending:
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                await self._apply(batch)
        finally:
            self._flushing = None

    async def _apply(self, batch: Sequence[tuple[WriteOp, asyncio.Future[None]]]) -> None:
        try:
            await self._collection.bulk_write([op for op, _ in batch], ordered=False)
        except BulkWriteError as exc:
            failed = {error["index"]: error for error in exc.details.get("writeErrors", [])}
            for index, (_, future) in enumerate(batch):
                if index in failed:
                    future.set_exception(BulkWriteError({"writeErrors": [failed[index]]}))
                else:
                    future.set_result(None)
        except Exception as exc:  # the whole batch failed: every writer hears about it
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
        else:
            for _, future in batch:
                future.set_result(None)


class BatchedReader:
    """Reads documents by ``_id``, coalescing concurrent reads into one query."""

    def __init__(
        self, collection: AsyncCollection[Document], *, max_batch: int = MAX_BATCH
    ) -> None:
        self._collection = collection
        self._max_batch = max_batch
        self._pending: dict[Any, list[asyncio.Future[Document | None]]] = {}
        self._reading: asyncio.Task[None] | None = None

    async def get(self, doc_id: Any) -> Document | None:
        future: asyncio.Future[Document | None] = asyncio.get_running_loop().create_future()
        self._pending.setdefault(doc_id, []).append(future)
        if self._reading is None:
            self._reading = asyncio.create_task(self._read())
        return await future

    async def _read(self) -> None:
        try:
            while self._pending:
                ids = list(self._pending)[: self._max_batch]
                waiters = {doc_id: self._pending.pop(doc_id) for doc_id in ids}
                try:
                    found = {
                        doc["_id"]: doc
                        async for doc in self._collection.find({"_id": {"$in": ids}})
                    }
                except Exception as exc:
                    for futures in waiters.values():
                        for future in futures:
                            future.set_exception(exc)
                    continue
                for doc_id, futures in waiters.items():
                    doc = found.get(doc_id)
                    for n, future in enumerate(futures):
                        # Callers mutate what they load: a second reader of one id gets a copy.
                        future.set_result(doc if n == 0 or doc is None else copy.deepcopy(doc))
        finally:
            self._reading = None
