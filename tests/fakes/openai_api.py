"""A fake OpenAI Chat Completions API (``POST /v1/chat/completions``), JSON and SSE.

Streams are ``data:``-only SSE frames of ``chat.completion.chunk`` objects: a first chunk with the
assistant role, content deltas, a chunk with ``finish_reason``, a usage chunk when
``stream_options.include_usage`` asks for one, then ``data: [DONE]``.
"""

from __future__ import annotations

import time
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

__all__ = ["ERROR_TYPES", "FakeOpenAI"]

ERROR_TYPES: dict[int, tuple[str, str | None]] = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
    500: ("server_error", None),
    503: ("server_error", None),
}


def _tokens(text: str) -> int:
    return max(1, len(text.split()))


class FakeOpenAI(FakeServer):
    """``async with FakeOpenAI() as fake: AsyncOpenAI(base_url=fake.base_url, ...)``."""

    endpoint = "/v1/chat/completions"
    api_prefix = "/v1"

    default_text = "Hello from the fake OpenAI API."

    def validate(self, body: dict[str, Any]) -> str | None:
        for name in ("model", "messages"):
            if name not in body:
                return f"Missing required parameter: '{name}'."
        messages = body["messages"]
        if not isinstance(messages, list) or not messages:
            return "Invalid 'messages': empty array."
        roles = ("system", "developer", "user", "assistant", "tool")
        for i, message in enumerate(messages):
            if not isinstance(message, dict) or message.get("role") not in roles:
                return f"Invalid value for 'messages[{i}].role'."
        response_format = body.get("response_format")
        if response_format is not None and response_format.get("type") not in (
            "text",
            "json_object",
            "json_schema",
        ):
            return "Invalid value for 'response_format.type'."
        if (response_format or {}).get("type") == "json_object" and "json" not in str(
            messages
        ).lower():
            return (
                "'messages' must contain the word 'json' in some form, to use 'response_format'"
                " of type 'json_object'."
            )
        return None

    def error_body(self, status: Status) -> dict[str, Any]:
        default_type, code = ERROR_TYPES.get(
            status.status,
            ("server_error" if status.status >= 500 else "invalid_request_error", None),
        )
        error_type = status.error_type or default_type
        return {
            "error": {
                "message": status.message or error_type,
                "type": error_type,
                "param": None,
                "code": code,
            }
        }

    def _envelope(self, recorded: RecordedRequest, obj: str) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": obj,
            "created": int(time.time()),
            "model": recorded.body.get("model", "gpt-fake"),
            "system_fingerprint": "fp_fake",
        }

    def _usage(self, recorded: RecordedRequest, text: str) -> dict[str, int]:
        prompt, completion = _tokens(recorded.text), _tokens(text)
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }

    def reply_body(self, recorded: RecordedRequest, reply: Reply) -> dict[str, Any]:
        return {
            **self._envelope(recorded, "chat.completion"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.text, "refusal": None},
                    "logprobs": None,
                    "finish_reason": reply.stop_reason or "stop",
                }
            ],
            "usage": self._usage(recorded, reply.text),
        }

    def _chunk(
        self, envelope: dict[str, Any], delta: dict[str, Any], finish_reason: str | None = None
    ) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        return self.sse({**envelope, "choices": [choice]})

    async def _open(
        self, request: web.Request, recorded: RecordedRequest
    ) -> tuple[web.StreamResponse, dict[str, Any]]:
        response = await self.open_sse(request)
        envelope = self._envelope(recorded, "chat.completion.chunk")
        await response.write(
            self._chunk(envelope, {"role": "assistant", "content": "", "refusal": None})
        )
        return response, envelope

    async def stream_reply(
        self, request: web.Request, recorded: RecordedRequest, reply: Reply
    ) -> web.StreamResponse:
        response, envelope = await self._open(request, recorded)
        for piece in split_text(reply.text, reply.chunks):
            await self.pause(reply.chunk_delay)
            await response.write(self._chunk(envelope, {"content": piece}))
        await response.write(self._chunk(envelope, {}, reply.stop_reason or "stop"))
        options = recorded.body.get("stream_options") or {}
        if options.get("include_usage"):
            usage = self._usage(recorded, reply.text)
            await response.write(self.sse({**envelope, "choices": [], "usage": usage}))
        await response.write(self.sse("[DONE]"))
        await response.write_eof()
        return response

    async def break_stream(
        self, request: web.Request, recorded: RecordedRequest, behaviour: BreakStream
    ) -> web.StreamResponse:
        response, envelope = await self._open(request, recorded)
        for piece in split_text(behaviour.text, behaviour.chunks)[: behaviour.after]:
            await response.write(self._chunk(envelope, {"content": piece}))
        if behaviour.how == "drop":
            self._drop(request)
            return response
        error_type = behaviour.error_type or "server_error"
        error = {
            "message": "The server had an error while processing your request.",
            "type": error_type,
            "param": None,
            "code": None,
        }
        await response.write(self.sse({"error": error}))
        await response.write_eof()
        return response
