"""One turn at a time per conversation.

Two messages of one conversation arriving together (a double tap, two devices) must not
interleave their load-state → handle → save-state steps. This in-process lock covers one
process; the service swaps in a Redis lock when several processes serve one user base.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Protocol


class LockTimeout(Exception):
    """The previous turn of the conversation did not finish in time."""


class ConversationLocks(Protocol):
    def hold(self, key: str, timeout: float) -> contextlib.AbstractAsyncContextManager[None]: ...


class LocalLocks:
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiters: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str, timeout: float) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiters[key] = self._waiters.get(key, 0) + 1
        try:
            try:
                await asyncio.wait_for(lock.acquire(), timeout)
            except TimeoutError:
                raise LockTimeout(key) from None
            try:
                yield
            finally:
                lock.release()
        finally:
            self._waiters[key] -= 1
            if self._waiters[key] == 0:  # nobody else wants it: forget it, memory stays flat
                del self._waiters[key]
                del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)
