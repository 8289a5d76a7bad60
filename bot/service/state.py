"""Everything a request handler or socket event may use, built once per app."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import socketio
from aiohttp import web
from redis.asyncio import Redis

from bot.runtime import Runtime
from bot.service.auth import InvalidToken, TokenService
from bot.service.errors import ApiError
from bot.service.ratelimit import RateLimiter
from bot.service.users import User, UserStore
from bot.settings import Settings
from bot.skill import Clock

SendWelcome = Callable[[User], Awaitable[None]]


@dataclass
class Services:
    settings: Settings
    runtime: Runtime
    users: UserStore
    tokens: TokenService
    redis: Redis
    limiter: RateLimiter
    clock: Clock
    sio: socketio.AsyncServer
    send_welcome: SendWelcome
    single_process: bool = False
    """The only api process: a user's sockets are all here, so emits need no Redis fan-out
    (the Redis listener stays on for pushes from Celery workers)."""

    async def user_for_token(self, token: str | None) -> User:
        if not token:
            raise ApiError(
                401, "unauthorized", "Sign in first: send 'Authorization: Bearer <token>'."
            )
        try:
            user_id = self.tokens.verify(token, self.clock())
        except InvalidToken:
            raise ApiError(
                401, "unauthorized", "Your session has expired or is invalid; sign in again."
            ) from None
        user = await self.users.get(user_id)
        if user is None:
            raise ApiError(401, "unauthorized", "This account no longer exists.")
        return user

    async def authenticate(self, request: web.Request) -> User:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        try:
            return await self.user_for_token(token.strip() if scheme.lower() == "bearer" else None)
        except ApiError as exc:
            exc.headers["WWW-Authenticate"] = "Bearer"
            raise

    async def check_chat_rate(self, user_id: str) -> None:
        retry = await self.limiter.hit(f"chat:{user_id}", self.settings.chat_turns_per_minute)
        if retry:
            raise ApiError(
                429,
                "rate_limited",
                f"You're sending messages too quickly; try again in {int(retry)} s.",
                headers={"Retry-After": str(int(retry))},
            )


SERVICES: web.AppKey[Services] = web.AppKey("services", Services)
