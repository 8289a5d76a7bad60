"""Fixed-window rate limits kept in Redis, so every api process counts against one budget."""

from __future__ import annotations

import math

from redis.asyncio import Redis

from bot.skill import Clock


class RateLimiter:
    def __init__(self, redis: Redis, clock: Clock, prefix: str = "coachbot:rl") -> None:
        self._redis = redis
        self._clock = clock
        self._prefix = prefix

    async def hit(self, key: str, limit: int, window_seconds: int = 60) -> float:
        """Counts one hit; returns 0 when allowed, else the seconds until the window resets."""
        now = self._clock().timestamp()
        window = int(now // window_seconds)
        name = f"{self._prefix}:{key}:{window}"
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.incr(name)
            pipe.expire(name, window_seconds + 1)
            count, _ = await pipe.execute()
        if int(count) <= limit:
            return 0.0
        return max(1.0, math.ceil((window + 1) * window_seconds - now))
