"""Local stand-ins for external LLM APIs, speaking their real wire protocols on 127.0.0.1.

The real SDKs are pointed at these servers by ``base_url``, so a test exercises the SDK's own
request building, retries, timeouts, SSE parsing and error classes, and none of our code is mocked.

Each server plays a FIFO script of behaviours, one per API request, then falls back to its default::

    async with FakeAnthropic() as fake:                  # or FakeOpenAI
        fake.script(Status(500), Reply('{"ok": true}'))  # first call fails, the retry succeeds
        ...  # point the SDK / provider at fake.base_url
        assert len(fake.requests) == 2
        assert fake.requests[-1].api_key == "test-key"

A script entry may also be a function of the recorded request returning a behaviour, for answers
that depend on what was asked (``lambda req: Reply("yes" if "ruck" in req.text else "no")``).
Requests without credentials are answered 401 and malformed ones 400, as the real APIs would; those
answers do not consume the script.

This module holds the protocol-neutral parts; the wire formats live in ``anthropic_api`` and
``openai_api``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Self

from aiohttp import web

__all__ = [
    "Behaviour",
    "BreakStream",
    "Drop",
    "FakeServer",
    "Raw",
    "RecordedRequest",
    "Reply",
    "ScriptEntry",
    "Sleep",
    "Status",
    "split_text",
]


@dataclass(frozen=True)
class Reply:
    """Answer with ``text``: one JSON body, or ``chunks`` SSE text deltas if the request streams.

    ``stop_reason`` overrides the protocol's normal one (Anthropic ``stop_reason``, OpenAI
    ``finish_reason``), e.g. ``"refusal"`` or ``"content_filter"``.
    """

    text: str
    chunks: int = 3
    chunk_delay: float = 0.0
    stop_reason: str | None = None


@dataclass(frozen=True)
class Status:
    """Answer with an HTTP error status and the provider's error body.

    ``error_type`` defaults to what the real API sends for that status. ``retry_after`` (seconds)
    sets ``retry-after``/``retry-after-ms``, which the SDKs honour, so retry tests stay fast.
    """

    status: int
    message: str | None = None
    error_type: str | None = None
    retry_after: float | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sleep:
    """Wait ``seconds`` before doing ``then`` (the default reply if None); for timeout tests."""

    seconds: float
    then: Behaviour | None = None


@dataclass(frozen=True)
class Drop:
    """Close the connection without sending any response."""


@dataclass(frozen=True)
class BreakStream:
    """Start a streamed answer of ``text`` in ``chunks`` deltas, but fail after ``after`` of them.

    ``how="drop"`` cuts the connection; ``how="error"`` sends the provider's in-stream error event
    (``error_type`` or the protocol default) and ends the stream. A non-streaming request gets a
    dropped connection.
    """

    text: str
    after: int = 1
    chunks: int = 3
    how: Literal["drop", "error"] = "drop"
    error_type: str | None = None


@dataclass(frozen=True)
class Raw:
    """Answer with exactly this status and body, for malformed or unexpected responses."""

    body: str
    status: int = 200
    content_type: str = "application/json"


Behaviour = Reply | Status | Sleep | Drop | BreakStream | Raw


@dataclass(frozen=True)
class RecordedRequest:
    """One API request as the fake received it (headers with lower-case names)."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def api_key(self) -> str | None:
        """The credential sent, whether as ``x-api-key`` or as ``Authorization: Bearer``."""
        if key := self.headers.get("x-api-key"):
            return key
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        return token if scheme.lower() == "bearer" and token else None

    @property
    def text(self) -> str:
        """All prompt text in the request (system and messages), for content-based scripts."""
        parts: list[str] = []
        system = self.body.get("system")
        if isinstance(system, str):
            parts.append(system)
        for message in self.body.get("messages") or []:
            content = message.get("content") if isinstance(message, dict) else None
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, list):
                parts.extend(str(b.get("text", "")) for b in content if isinstance(b, dict))
        return "\n".join(parts)


ScriptEntry = Behaviour | Callable[[RecordedRequest], Behaviour]


def split_text(text: str, n: int) -> list[str]:
    """``text`` in at most ``n`` non-empty, nearly equal pieces that join back to it exactly."""
    n = max(1, min(n, len(text)))
    size, extra = divmod(len(text), n)
    pieces, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        pieces.append(text[start:end])
        start = end
    return [p for p in pieces if p]


class FakeServer:
    """An aiohttp server on a free loopback port that plays a script against one API endpoint.

    Subclasses provide the wire format: the endpoint path, credential and body checks, and how a
    reply, an error and a broken stream look on the wire.
    """

    endpoint: str = "/"
    api_prefix: str = ""
    """Path the SDK's ``base_url`` includes (OpenAI's ends in ``/v1``, Anthropic's does not)."""
    default_text: str = "Hello from the fake API."

    def __init__(self, *, default: Behaviour | None = None, api_key: str | None = None) -> None:
        self.default: Behaviour = default or Reply(self.default_text)
        """What requests get once the script is used up."""
        self.api_key = api_key
        """If set, only this credential is accepted; otherwise any non-empty one is."""
        self.requests: list[RecordedRequest] = []
        self._script: deque[ScriptEntry] = deque()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._stopping = asyncio.Event()

    # -- scripting -----------------------------------------------------------------------------

    def script(self, *entries: ScriptEntry) -> Self:
        """Queue behaviours for the next requests, in order."""
        self._script.extend(entries)
        return self

    @property
    def pending(self) -> int:
        """Scripted behaviours not yet used."""
        return len(self._script)

    @property
    def last_request(self) -> RecordedRequest:
        return self.requests[-1]

    def reset(self) -> None:
        """Forget recorded requests and the remaining script."""
        self.requests.clear()
        self._script.clear()

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        if self._port is None:
            raise RuntimeError("fake server not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        """What to pass to the SDK as ``base_url``."""
        return self.url + self.api_prefix

    async def start(self) -> Self:
        app = web.Application()
        app.router.add_post(self.endpoint, self._handle)
        # handler_cancellation: a client that gives up (timeout) cancels the pending Sleep.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        self._stopping.clear()
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- request handling ----------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await request.json()
        except ValueError:
            body = None
        recorded = RecordedRequest(
            method=request.method,
            path=request.path,
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body if isinstance(body, dict) else {},
        )
        self.requests.append(recorded)

        key = recorded.api_key
        if not key or (self.api_key is not None and key != self.api_key):
            return self.error_response(Status(401, "invalid credentials"))
        if not isinstance(body, dict):
            return self.error_response(Status(400, "request body must be a JSON object"))
        if problem := self.validate(body):
            return self.error_response(Status(400, problem))

        entry = self._script.popleft() if self._script else self.default
        behaviour = entry(recorded) if callable(entry) else entry
        return await self._perform(behaviour, request, recorded)

    async def _perform(
        self, behaviour: Behaviour, request: web.Request, recorded: RecordedRequest
    ) -> web.StreamResponse:
        match behaviour:
            case Sleep(seconds=seconds, then=then):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), seconds)
                return await self._perform(then or self.default, request, recorded)
            case Status():
                return self.error_response(behaviour)
            case Raw(body=raw, status=status, content_type=content_type):
                return web.Response(status=status, text=raw, content_type=content_type)
            case Drop():
                return self._drop(request)
            case Reply() if recorded.stream:
                return await self.stream_reply(request, recorded, behaviour)
            case Reply():
                return web.json_response(self.reply_body(recorded, behaviour))
            case BreakStream() if recorded.stream:
                return await self.break_stream(request, recorded, behaviour)
            case BreakStream():
                return self._drop(request)
        raise TypeError(f"not a fake-server behaviour: {behaviour!r}")

    @staticmethod
    def _drop(request: web.Request) -> web.StreamResponse:
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=500)  # never reaches the client

    async def open_sse(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"content-type": "text/event-stream", "cache-control": "no-cache"}
        )
        await response.prepare(request)
        return response

    async def pause(self, seconds: float) -> None:
        if seconds > 0:
            await asyncio.sleep(seconds)

    def error_response(self, status: Status) -> web.Response:
        headers = dict(status.headers)
        if status.retry_after is not None:
            headers["retry-after-ms"] = str(max(1, round(status.retry_after * 1000)))
            headers["retry-after"] = str(status.retry_after)
        return web.json_response(self.error_body(status), status=status.status, headers=headers)

    # -- protocol hooks ------------------------------------------------------------------------

    def validate(self, body: dict[str, Any]) -> str | None:
        """Why the API would reject this body with a 400, or None."""
        return None

    def error_body(self, status: Status) -> dict[str, Any]:
        raise NotImplementedError

    def reply_body(self, recorded: RecordedRequest, reply: Reply) -> dict[str, Any]:
        raise NotImplementedError

    async def stream_reply(
        self, request: web.Request, recorded: RecordedRequest, reply: Reply
    ) -> web.StreamResponse:
        raise NotImplementedError

    async def break_stream(
        self, request: web.Request, recorded: RecordedRequest, behaviour: BreakStream
    ) -> web.StreamResponse:
        raise NotImplementedError

    @staticmethod
    def sse(data: object, event: str | None = None) -> bytes:
        lines = [f"event: {event}"] if event else []
        lines.append("data: " + (data if isinstance(data, str) else json.dumps(data)))
        return ("\n".join(lines) + "\n\n").encode()
