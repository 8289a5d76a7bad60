"""A fake Anthropic Messages API (``POST /v1/messages``), JSON and SSE, for the real SDK.

The SSE sequence is the one the API sends and ``anthropic`` parses: ``message_start``,
``content_block_start``, ``ping``, ``content_block_delta`` (``text_delta``) …,
``content_block_stop``, ``message_delta``, ``message_stop``. Every frame carries an ``event:``
line: the SDK skips frames without one.
"""

from __future__ import annotations

import uuid
from typing import Any

from aiohttp import web

from tests.fakes import (
    BreakStream,
    FakeServer,
    RecordedRequest,
    Reply,
    Status,
    split_text,
)

__all__ = ["ERROR_TYPES", "FakeAnthropic"]

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}


def _tokens(text: str) -> int:
    return max(1, len(text.split()))


class FakeAnthropic(FakeServer):
    """``async with FakeAnthropic() as fake: AsyncAnthropic(base_url=fake.base_url, ...)``."""

    endpoint = "/v1/messages"

    default_text = "Hello from the fake Anthropic API."

    def validate(self, body: dict[str, Any]) -> str | None:
        for name in ("model", "max_tokens", "messages"):
            if name not in body:
                return f"{name}: Field required"
        messages = body["messages"]
        if not isinstance(messages, list) or not messages:
            return "messages: at least one message is required"
        for i, message in enumerate(messages):
            if not isinstance(message, dict) or message.get("role") not in (
                "user",
                "assistant",
                "system",
            ):
                return f"messages.{i}.role: Input should be 'user', 'assistant' or 'system'"
        system = body.get("system")
        if system is not None and not isinstance(system, str | list):
            return "system: Input should be a valid string or list"
        return None

    def error_body(self, status: Status) -> dict[str, Any]:
        error_type = status.error_type or ERROR_TYPES.get(
            status.status, "api_error" if status.status >= 500 else "invalid_request_error"
        )
        return {
            "type": "error",
            "error": {"type": error_type, "message": status.message or error_type},
            "request_id": f"req_{uuid.uuid4().hex[:24]}",
        }

    def _message(self, recorded: RecordedRequest, content: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": f"msg_{uuid.uuid4().hex[:24]}",
            "type": "message",
            "role": "assistant",
            "model": recorded.body.get("model", "claude-fake"),
            "content": content,
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": _tokens(recorded.text), "output_tokens": 1},
        }

    def reply_body(self, recorded: RecordedRequest, reply: Reply) -> dict[str, Any]:
        content = [{"type": "text", "text": reply.text}] if reply.text else []
        message = self._message(recorded, content)
        message["stop_reason"] = reply.stop_reason or "end_turn"
        message["usage"]["output_tokens"] = _tokens(reply.text)
        return message

    async def _open(self, request: web.Request, recorded: RecordedRequest) -> web.StreamResponse:
        response = await self.open_sse(request)
        await response.write(
            self.sse(
                {"type": "message_start", "message": self._message(recorded, [])},
                "message_start",
            )
        )
        await response.write(
            self.sse(
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
                "content_block_start",
            )
        )
        await response.write(self.sse({"type": "ping"}, "ping"))
        return response

    async def _delta(self, response: web.StreamResponse, text: str) -> None:
        await response.write(
            self.sse(
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "text_delta", "text": text},
                },
                "content_block_delta",
            )
        )

    async def stream_reply(
        self, request: web.Request, recorded: RecordedRequest, reply: Reply
    ) -> web.StreamResponse:
        response = await self._open(request, recorded)
        for piece in split_text(reply.text, reply.chunks):
            await self.pause(reply.chunk_delay)
            await self._delta(response, piece)
        await response.write(
            self.sse({"type": "content_block_stop", "index": 0}, "content_block_stop")
        )
        await response.write(
            self.sse(
                {
                    "type": "message_delta",
                    "delta": {
                        "stop_reason": reply.stop_reason or "end_turn",
                        "stop_sequence": None,
                    },
                    "usage": {"output_tokens": _tokens(reply.text)},
                },
                "message_delta",
            )
        )
        await response.write(self.sse({"type": "message_stop"}, "message_stop"))
        await response.write_eof()
        return response

    async def break_stream(
        self, request: web.Request, recorded: RecordedRequest, behaviour: BreakStream
    ) -> web.StreamResponse:
        response = await self._open(request, recorded)
        for piece in split_text(behaviour.text, behaviour.chunks)[: behaviour.after]:
            await self._delta(response, piece)
        if behaviour.how == "drop":
            self._drop(request)
            return response
        error_type = behaviour.error_type or "overloaded_error"
        await response.write(
            self.sse(
                {"type": "error", "error": {"type": error_type, "message": error_type}},
                "error",
            )
        )
        await response.write_eof()
        return response
