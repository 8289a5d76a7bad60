"""Per-user daily counters in Redis: one atomic round trip, expiring by themselves.

The engine's default keeps them in MongoDB (no Redis in `coachbot chat`); the service, which
always has Redis, counts here instead and spares the store a write per refused turn.
"""

from __future__ import annotations

from datetime import datetime

from redis.asyncio import Redis

KEEP_SECONDS = 3 * 24 * 3600


class RedisDailyCounters:
    def __init__(self, redis: Redis, prefix: str = "coachbot:count") -> None:
        self._redis = redis
        self._prefix = prefix

    async def increment(self, user_id: str, name: str, now: datetime) -> int:
        key = f"{self._prefix}:{name}:{now.date().isoformat()}:{user_id}"
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.incr(key)
            pipe.expire(key, KEEP_SECONDS)
            count, _ = await pipe.execute()
        return int(count)
