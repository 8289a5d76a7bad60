"""socket.io chat: authenticated connections, one room per user, streamed replies.

Every socket of a user joins the room ``user:<id>``; replies and pushes go to the room, so a
user's phone and browser see the same conversation, and any api process (through the Redis
manager) or a Celery task can reach the user.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any

import socketio
from pydantic import Field, ValidationError

from bot.jobs import user_room
from bot.logs import bound_context
from bot.service.errors import ApiError
from bot.service.metrics import record_turn
from bot.service.models import CONVERSATION_ID, Strict
from bot.service.state import Services
from bot.service.users import User
from bot.skill import UserProfile

log = logging.getLogger(__name__)

PROFILE_REFRESH_SECONDS = 60.0
TYPING_DELAY_SECONDS = 0.3


class ChatMessageIn(Strict):
    text: str = Field(min_length=1, max_length=20000)
    conversation_id: str = Field("web", pattern=CONVERSATION_ID)
    client_id: str | None = Field(None, pattern=r"^[A-Za-z0-9_.:-]{1,64}$")


@dataclass
class Session:
    user_id: str
    profile: UserProfile
    loaded_at: float


class TypingIndicator:
    """Shows "typing…" on the asking socket, and only for turns slower than a blink: fast
    replies don't flicker. The socket is ours, so the event skips the Redis fan-out."""

    def __init__(self, namespace: socketio.AsyncNamespace, sid: str, conversation_id: str) -> None:
        self._namespace = namespace
        self._sid = sid
        self._conversation_id = conversation_id
        self._shown = False
        self._task = asyncio.create_task(self._show_later())

    async def _show_later(self) -> None:
        await asyncio.sleep(TYPING_DELAY_SECONDS)
        self._shown = True
        await self._emit(True)

    async def stop(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        if self._shown:
            await self._emit(False)

    async def _emit(self, typing: bool) -> None:
        payload = {"conversation_id": self._conversation_id, "typing": typing}
        await self._namespace.emit("typing", payload, to=self._sid, ignore_queue=True)


class ChatNamespace(socketio.AsyncNamespace):  # type: ignore[misc]  # untyped library
    def __init__(self, services: Services) -> None:
        super().__init__("/")
        self.services = services

    async def on_connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        try:
            user = await self.services.user_for_token(token if isinstance(token, str) else None)
        except ApiError as exc:
            # The browser client sees ``err.message`` and ``err.data`` on connect_error.
            raise socketio.exceptions.ConnectionRefusedError(
                exc.message, {"code": "unauthorized", "message": exc.message}
            ) from None
        await self._remember(sid, user)
        await self.enter_room(sid, user_room(user.user_id))

    async def on_message(self, sid: str, data: Any = None) -> None:
        client_id = data.get("client_id") if isinstance(data, dict) else None
        try:
            message = ChatMessageIn.model_validate(data if isinstance(data, dict) else {})
        except ValidationError as exc:
            problem = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in problem["loc"]) or "payload"
            await self._error(sid, "invalid_payload", f"{where}: {problem['msg']}", client_id)
            return
        session = await self._session(sid)
        if session is None:
            await self._error(
                sid, "unauthorized", "Your session has ended; sign in again.", client_id
            )
            return
        try:
            await self.services.check_chat_rate(session.user_id)  # one budget with REST
        except ApiError as exc:
            retry = float(exc.headers.get("Retry-After", 0))
            await self._error(sid, exc.code, exc.message, message.client_id, retry_after=retry)
            return
        room = user_room(session.user_id)
        turn_id = uuid.uuid4().hex
        base = {
            "turn_id": turn_id,
            "conversation_id": message.conversation_id,
            "client_id": message.client_id,
        }
        typing = TypingIndicator(self, sid, message.conversation_id)

        async def on_chunk(text: str) -> None:
            # Chunks go to the asking socket only (no fan-out per chunk); every device of the
            # user gets the final message below.
            await self.emit(
                "response", {"type": "chunk", "text": text, **base}, to=sid, ignore_queue=True
            )

        started = time.perf_counter()
        try:
            with bound_context(turn_id=turn_id):
                result = await self.services.runtime.engine.handle(
                    session.profile,
                    message.text,
                    conversation_id=message.conversation_id,
                    channel="socket",
                    on_chunk=on_chunk,
                    turn_id=turn_id,
                )
        except Exception:
            log.exception("chat turn failed for socket %s", sid)
            await self._error(
                sid,
                "internal",
                "Something went wrong on our side. Please try again.",
                message.client_id,
            )
            return
        finally:
            await typing.stop()
        record_turn("socket", result.outcome, time.perf_counter() - started)
        await self.emit(
            "response",
            {
                "type": "final",
                "outcome": result.outcome,
                "message": result.reply.to_message(),
                **base,
            },
            room=room,
            ignore_queue=self.services.single_process,
        )

    async def _remember(self, sid: str, user: User) -> Session:
        session = Session(user.user_id, user.profile(), time.monotonic())
        await self.save_session(sid, session)
        return session

    async def _session(self, sid: str) -> Session | None:
        """The caller's profile, re-read now and then so profile edits reach open sockets."""
        session = await self.get_session(sid)
        if not isinstance(session, Session):
            return None
        if time.monotonic() - session.loaded_at > PROFILE_REFRESH_SECONDS:
            user = await self.services.users.get(session.user_id)
            if user is None:
                return None
            session = await self._remember(sid, user)
        return session

    async def _error(
        self,
        sid: str,
        code: str,
        message: str,
        client_id: str | None,
        *,
        retry_after: float | None = None,
    ) -> None:
        payload: dict[str, Any] = {"code": code, "message": message}
        if client_id:
            payload["client_id"] = client_id
        if retry_after:
            payload["retry_after"] = int(retry_after)
        await self.emit("error", payload, to=sid)
