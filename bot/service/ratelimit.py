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
        # One command per hit; the first hit of a window also sets its expiry. The key names
        # its window, so a lost expiry (a crash in between) can never extend a limit.
        count = await self._redis.incr(name)
        if count == 1:
            await self._redis.expire(name, window_seconds + 1)
        if int(count) <= limit:
            return 0.0
        return max(1.0, math.ceil((window + 1) * window_seconds - now))
