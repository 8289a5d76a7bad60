"""Push a socket.io event to a user from a worker.

The worker has no socket.io server: it publishes on the Redis channel that every api process's
``AsyncRedisManager(url, channel=SOCKETIO_CHANNEL)`` listens to, and whichever api process
holds the user's connections delivers the event to the room ``user:<id>``. A user with no open
connection simply gets nothing; callers that must reach the user store a message as well.
"""

from __future__ import annotations

import threading
from typing import Any

import socketio

from bot.jobs.app import JobsNotConfigured, jobs_config, task

SOCKETIO_CHANNEL = "coachbot"
"""Redis pub/sub channel shared by the api's ``AsyncRedisManager`` and the workers."""

_managers: dict[str, Any] = {}
_managers_lock = threading.Lock()


def user_room(user_id: str) -> str:
    """The socket.io room holding every connection of one user."""
    if not user_id:
        raise ValueError("user_id is empty")
    return f"user:{user_id}"


def _manager(redis_url: str) -> Any:
    """One write-only manager per process and URL (created lazily, so after a prefork)."""
    with _managers_lock:
        manager = _managers.get(redis_url)
        if manager is None:
            manager = socketio.RedisManager(redis_url, channel=SOCKETIO_CHANNEL, write_only=True)
            _managers[redis_url] = manager
        return manager


@task(
    name="coachbot.push_to_user",
    ignore_result=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=1,
    retry_backoff_max=30,
    max_retries=3,
)
def push_to_user(user_id: str, event: str, payload: dict[str, Any]) -> None:
    """Emit ``event`` with ``payload`` to every connection of ``user_id``."""
    redis_url = jobs_config().settings.redis_url
    if not redis_url:
        raise JobsNotConfigured("push_to_user needs COACHBOT_REDIS_URL")
    manager = _manager(redis_url)
    manager.emit(event, payload, room=user_room(user_id))
    # The manager logs and swallows Redis errors; a manager left unconnected never published.
    if not manager.connected:
        raise ConnectionError("could not publish the event to Redis")
