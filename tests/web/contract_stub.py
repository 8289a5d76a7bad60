"""A stand-in for the chat service that serves the real page and speaks the client contract.

It exists so the page's own behaviour (streaming, cards, errors, reconnects, history) can be
checked with replies chosen by the test, which the real skills would not give on demand. What it
answers is keyed by the message text (see ``_script``); everything else echoes.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

import socketio
from aiohttp import web

from bot.web import STATIC_DIR

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CONVERSATION_ID = "web"
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'"

WELCOME_CHIPS = [
    {"label": "Plan my week", "value": "plan my week"},
    {"label": "How am I doing?", "value": "how am I doing?"},
]
WEEK_CARD = {
    "kind": "plan_week",
    "title": "Week 1 — base building",
    "subtitle": "3 runs, 1 strength session",
    "fields": [
        {"label": "Mon", "value": "Easy run · 30 min"},
        {"label": "Wed", "value": "Strength · 40 min"},
        {"label": "Sat", "value": "Long run · 60 min"},
    ],
    "data": {"week": 1},
    "actions": [{"label": "Looks good", "value": "confirm plan"}],
}


def _error(status: int, code: str, message: str, details: list[Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return web.json_response({"error": body}, status=status)


@dataclass
class _User:
    id: str
    email: str
    password: str
    name: str
    tz: str
    messages: list[dict[str, Any]] = field(default_factory=list)
    received: list[Any] = field(default_factory=list)
    """Every ``message`` event payload from this user's pages."""


class ContractStub:
    """``async with ContractStub() as stub:`` then open ``stub.base_url`` in a browser."""

    def __init__(self) -> None:
        self.users: dict[str, _User] = {}
        self.tokens: dict[str, str] = {}
        self.gate = asyncio.Event()
        """Holds a ``stream slowly`` reply after its first chunk until set."""
        self._seq = itertools.count(1)
        self._sids: dict[str, str] = {}
        self.sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins=[])
        self._websockets: list[asyncio.Transport] = []
        self.app = web.Application(middlewares=[self._track_websockets])
        self.sio.attach(self.app)
        self.app.router.add_get("/", self._index)
        self.app.router.add_static("/static/", STATIC_DIR)
        self.app.router.add_post("/api/v1/auth/register", self._register)
        self.app.router.add_post("/api/v1/auth/login", self._login)
        self.app.router.add_get("/api/v1/chat/history", self._history)
        self.sio.on("connect", self._connect)
        self.sio.on("disconnect", self._disconnect)
        self.sio.on("message", self._message)
        self._runner = web.AppRunner(self.app)
        self.base_url = ""

    async def __aenter__(self) -> Self:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.sio.shutdown()
        await self._runner.cleanup()

    def user(self, email: str) -> _User:
        return self.users[email]

    async def push(self, email: str, message: dict[str, Any]) -> None:
        """A proactive message to every open connection of that user."""
        stored = self._store(self.users[email], "bot", message, turn_id=None)
        await self.sio.emit("push", {"message": _public(stored)}, room=email)

    def connected(self, email: str) -> bool:
        return email in self._sids.values()

    # REST

    async def _index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC_DIR / "index.html", headers={"Content-Security-Policy": CSP})

    def _auth_response(self, user: _User, status: int) -> web.Response:
        token = uuid.uuid4().hex
        self.tokens[token] = user.email
        profile = {"id": user.id, "email": user.email, "name": user.name, "tz": user.tz}
        return web.json_response(
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": 3600,
                "user": {**profile, "units": "metric"},
            },
            status=status,
        )

    async def _register(self, request: web.Request) -> web.Response:
        body = await request.json()
        email, password = body.get("email", ""), body.get("password", "")
        details = []
        if "." not in email.partition("@")[2]:
            details.append({"field": "body.email", "message": "value is not a valid email address"})
        if len(password) < 8:
            details.append({"field": "body.password", "message": "at least 8 characters"})
        if details:
            return _error(422, "invalid_request", "Some fields need another look.", details)
        if email in self.users:
            return _error(409, "email_taken", "An account with this email already exists.")
        user = _User(uuid.uuid4().hex, email, password, body.get("name", ""), body.get("tz", "UTC"))
        self.users[email] = user
        return self._auth_response(user, 201)

    async def _login(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.users.get(body.get("email", ""))
        if user is None or user.password != body.get("password"):
            return _error(401, "invalid_credentials", "Wrong email or password.")
        return self._auth_response(user, 200)

    async def _history(self, request: web.Request) -> web.Response:
        email = self._bearer(request.headers.get("Authorization", ""))
        if email is None:
            return _error(401, "unauthorized", "Please log in again.")
        limit = int(request.query.get("limit", "50"))
        before = request.query.get("before")
        older = [m for m in self.users[email].messages if before is None or m["seq"] < int(before)]
        page = list(reversed(older[-limit:]))
        more = len(older) > limit
        return web.json_response(
            {"messages": page, "next_before": page[-1]["seq"] if more and page else None}
        )

    def _bearer(self, header: str) -> str | None:
        scheme, _, token = header.partition(" ")
        return self.tokens.get(token) if scheme.lower() == "bearer" else None

    # socket.io

    async def _connect(self, sid: str, environ: dict[str, Any], auth: Any) -> None:
        email = self.tokens.get((auth or {}).get("token", ""))
        if email is None:
            raise socketio.exceptions.ConnectionRefusedError(
                "unauthorized", {"code": "unauthorized", "message": "Please log in again."}
            )
        self._sids[sid] = email
        await self.sio.enter_room(sid, email)

    async def _disconnect(self, sid: str, *args: Any) -> None:
        self._sids.pop(sid, None)

    def drop_connections(self) -> None:
        """Resets every websocket's TCP connection, as a network failure would."""
        for transport in self._websockets:
            transport.abort()
        self._websockets.clear()

    @web.middleware
    async def _track_websockets(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        websocket = request.query.get("transport") == "websocket"
        if websocket and request.path.startswith("/socket.io") and request.transport is not None:
            self._websockets.append(request.transport)
        return await handler(request)

    async def _message(self, sid: str, data: Any) -> None:
        email = self._sids[sid]
        self.users[email].received.append(data)
        text = (data or {}).get("text", "") if isinstance(data, dict) else ""
        client_id = data.get("client_id") if isinstance(data, dict) else None
        if not text.strip():
            await self.sio.emit(
                "error",
                {"code": "invalid_payload", "message": "Empty message.", "client_id": client_id},
                to=sid,
            )
            return
        await self._turn(sid, self.users[email], text, client_id)

    async def _turn(self, sid: str, user: _User, text: str, client_id: str | None) -> None:
        """Errors go to the sending socket; the turn itself to all of the user's sockets."""
        room = user.email
        if text == "too fast":
            await self.sio.emit(
                "error",
                {
                    "code": "rate_limited",
                    "message": "You're sending messages quickly.",
                    "client_id": client_id,
                    "retry_after": 2.5,
                },
                to=sid,
            )
            return
        chunks, message = _script(text)
        turn_id = uuid.uuid4().hex
        redacted = message.get("refused", False)
        self._store(user, "user", {"text": None if redacted else text}, turn_id)
        head = {"turn_id": turn_id, "conversation_id": CONVERSATION_ID, "client_id": client_id}
        typing = {"conversation_id": CONVERSATION_ID, "typing": True}
        await self.sio.emit("typing", typing, room=room)
        for i, chunk in enumerate(chunks):
            await asyncio.sleep(0.05)
            await self.sio.emit("response", {"type": "chunk", **head, "text": chunk}, room=room)
            if i == 0 and text == "stream slowly":
                await self.gate.wait()
        stored = self._store(user, "bot", message, turn_id)
        await self.sio.emit("typing", {**typing, "typing": False}, room=room)
        final = {"type": "final", **head, "outcome": "ok", "message": _public(stored)}
        await self.sio.emit("response", final, room=room)

    def _store(
        self, user: _User, role: str, message: dict[str, Any], turn_id: str | None
    ) -> dict[str, Any]:
        stored = {
            "role": role,
            "text": message.get("text"),
            "redacted": role == "user" and message.get("text") is None,
            "cards": message.get("cards", []),
            "chips": message.get("chips", []),
            "refused": message.get("refused", False),
            "turn_id": turn_id,
            "seq": next(self._seq),
            "created_at": datetime.now(UTC).isoformat(),
        }
        user.messages.append(stored)
        return stored


def _public(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: stored[k] for k in ("text", "cards", "chips", "refused")}


def _script(text: str) -> tuple[list[str], dict[str, Any]]:
    """The chunks to stream and the final message for a user message."""
    if text == "hi":
        chunks = ["Hey! ", "Ready to ", "train today?"]
        return chunks, {"text": "".join(chunks), "chips": WELCOME_CHIPS}
    if text in ("plan my week", "stream slowly"):
        chunks = ["Here's ", "your first ", "week."]
        return chunks, {"text": "".join(chunks), "cards": [WEEK_CARD]}
    if text == "cut":
        chunks = ["This part was fine, ", "then see http"]
        return chunks, {"text": "Sorry, I couldn't finish that answer. Please try again."}
    if text == "write me a poem":
        return [], {
            "text": "That's outside what I can help with — I only help with your training.",
            "chips": WELCOME_CHIPS[:1],
            "refused": True,
        }
    return [f"You said: {text}"], {"text": f"You said: {text}"}
