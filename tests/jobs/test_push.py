"""A push from the worker reaches a socket.io client connected to an api-like server.

The server here is the smallest one that behaves like the api: an aiohttp app with a
python-socketio ``AsyncServer`` on an ``AsyncRedisManager`` listening on ``SOCKETIO_CHANNEL``,
putting each connection into the room of the user named in its query string.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any
from urllib.parse import parse_qs

import pytest
import redis.asyncio as aioredis
import socketio
from aiohttp import web

from bot.jobs import SOCKETIO_CHANNEL, push_to_user, user_room
from bot.settings import Settings

TIMEOUT = 5.0

Connect = Callable[[str], Coroutine[Any, Any, "asyncio.Queue[tuple[str, Any]]"]]


async def _wait_until_subscribed(redis_url: str) -> None:
    """The manager subscribes in a background task once the first client connects; a push
    published before that would reach no one."""
    client = aioredis.Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + TIMEOUT
        while (
            dict(await client.pubsub_numsub(SOCKETIO_CHANNEL)).get(SOCKETIO_CHANNEL.encode(), 0) < 1
        ):
            if time.monotonic() > deadline:
                raise AssertionError("the socket.io server never subscribed to Redis")
            await asyncio.sleep(0.01)
    finally:
        await client.aclose()


@pytest.fixture
async def connect(jobs_settings: Settings) -> AsyncIterator[Connect]:
    """Starts the server; ``await connect(user_id)`` gives a queue of the events that user's
    client receives."""
    assert jobs_settings.redis_url is not None
    manager = socketio.AsyncRedisManager(jobs_settings.redis_url, channel=SOCKETIO_CHANNEL)
    sio = socketio.AsyncServer(async_mode="aiohttp", client_manager=manager)

    async def on_connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
        user = parse_qs(environ.get("QUERY_STRING", "")).get("user", [""])[0]
        if not user:
            return False
        await sio.enter_room(sid, user_room(user))
        return True

    sio.on("connect", on_connect)

    app = web.Application()
    sio.attach(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    await web.SockSite(runner, sock).start()
    clients: list[socketio.AsyncClient] = []

    async def open_client(user_id: str) -> asyncio.Queue[tuple[str, Any]]:
        received: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        client = socketio.AsyncClient(reconnection=False)

        async def any_event(event: str, data: Any) -> None:
            received.put_nowait((event, data))

        client.on("*", any_event)
        await client.connect(
            f"http://127.0.0.1:{port}?user={user_id}", transports=["websocket"], wait_timeout=5
        )
        clients.append(client)
        await _wait_until_subscribed(jobs_settings.redis_url or "")
        return received

    try:
        yield open_client
    finally:
        for client in clients:
            await client.disconnect()
        await sio.shutdown()
        await runner.cleanup()


async def test_a_push_from_the_worker_reaches_only_that_users_sockets(
    worker: Any, connect: Connect
) -> None:
    ana = await connect("u-ana")
    bo = await connect("u-bo")
    nudge = {"message": {"text": "A 3 km walk today keeps your streak alive."}}

    await asyncio.to_thread(push_to_user.delay, "u-bo", "push", {"n": 1})
    await asyncio.to_thread(push_to_user.delay, "u-ana", "push", nudge)

    assert await asyncio.wait_for(ana.get(), TIMEOUT) == ("push", nudge)
    assert await asyncio.wait_for(bo.get(), TIMEOUT) == ("push", {"n": 1})
    assert ana.empty() and bo.empty()


async def test_every_connection_of_the_user_gets_the_push(worker: Any, connect: Connect) -> None:
    phone, laptop = await connect("u-cy"), await connect("u-cy")

    await asyncio.to_thread(push_to_user.delay, "u-cy", "plan_updated", {"plan_id": "p1"})

    for device in (phone, laptop):
        assert await asyncio.wait_for(device.get(), TIMEOUT) == ("plan_updated", {"plan_id": "p1"})


def test_rooms_are_named_after_the_user() -> None:
    assert user_room("66f0c0ffee") == "user:66f0c0ffee"
    with pytest.raises(ValueError):
        user_room("")
