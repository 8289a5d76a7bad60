"""Conversation locks that hold across api processes.

A local lock first (turns of one conversation in this process queue without polling Redis),
then a Redis lock with a lease (turns arriving at another process wait for this one).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from redis.asyncio import Redis
from redis.exceptions import LockError

from bot.locks import LocalLocks, LockTimeout

LEASE_SECONDS = 60.0


class RedisLocks:
    def __init__(self, redis: Redis, prefix: str = "coachbot:lock") -> None:
        self._redis = redis
        self._prefix = prefix
        self._local = LocalLocks()

    @contextlib.asynccontextmanager
    async def hold(self, key: str, timeout: float) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with self._local.hold(key, timeout):
            lock = self._redis.lock(
                f"{self._prefix}:{key}",
                timeout=LEASE_SECONDS,
                sleep=0.01,
                blocking_timeout=max(deadline - loop.time(), 0.01),
            )
            if not await lock.acquire():
                raise LockTimeout(key)
            try:
                yield
            finally:
                with contextlib.suppress(LockError):  # the lease ran out: nothing left to free
                    await lock.release()
