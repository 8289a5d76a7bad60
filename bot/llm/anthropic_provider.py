"""Claude through the official ``anthropic`` SDK (Messages API).

The SDK owns retries (``max_retries``: connection errors, 408/409/429/5xx, honouring
``retry-after``) and the per-request timeout; this module only shapes the request and turns every
way the call can go wrong into :class:`LLMError`, so callers never see SDK exception types.

Two things the SDK does not do for us: an error *inside* a stream arrives as an ``error`` SSE event
on a 200 response (mapped here by its ``error.type``), and a connection lost mid-stream surfaces as
a raw ``httpx2`` transport error rather than ``APIConnectionError``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import anthropic
import httpx2
from anthropic.types import Message, MessageParam

from bot.llm.provider import LLMError, LLMRequest, status_kind

# The HTTP status each documented API error type stands for, for errors reported in a stream.
_STATUS_OF_ERROR_TYPE = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "billing_error": 402,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "timeout_error": 504,
    "overloaded_error": 529,
}


class AnthropicProvider:
    name = "anthropic"

    def __init__(
        self,
        *,
        api_key: str,
        model: str,
        base_url: str | None = None,
        timeout: float = 20.0,
        max_retries: int = 1,
    ) -> None:
        self.model = model
        self._api_key = api_key
        # An explicit api_key stops the SDK from looking for credentials elsewhere.
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    async def complete(self, request: LLMRequest) -> str:
        try:
            message = await self._client.messages.create(
                model=self.model,
                max_tokens=request.max_tokens,
                system=request.system or anthropic.omit,
                messages=_messages(request),
            )
        except Exception as exc:
            raise self._error(exc) from exc
        self._check_stop(message)
        text = "".join(block.text for block in message.content if block.type == "text")
        if not text.strip():
            raise LLMError("empty", f"anthropic {self.model}: returned no text")
        return text

    async def stream(self, request: LLMRequest) -> AsyncIterator[str]:
        produced = False
        try:
            async with self._client.messages.stream(
                model=self.model,
                max_tokens=request.max_tokens,
                system=request.system or anthropic.omit,
                messages=_messages(request),
            ) as events:
                async for text in events.text_stream:
                    if text:
                        produced = True
                        yield text
                final = await events.get_final_message()
        except Exception as exc:
            raise self._error(exc) from exc
        self._check_stop(final)
        if not produced:
            raise LLMError("empty", f"anthropic {self.model}: streamed no text")

    async def aclose(self) -> None:
        await self._client.close()

    def _check_stop(self, message: Message) -> None:
        if message.stop_reason == "refusal":
            raise LLMError("refusal", f"anthropic {self.model}: the model declined to answer")

    def _error(self, exc: Exception) -> LLMError:
        kind, detail = _classify(exc)
        detail = detail.replace(self._api_key, "***")[:300] if self._api_key else detail[:300]
        return LLMError(kind, f"anthropic {self.model}: {detail}")


def _messages(request: LLMRequest) -> list[MessageParam]:
    # Spelled out per role so each dict matches exactly one of the SDK's TypedDicts.
    return [
        {"role": "user", "content": m.content}
        if m.role == "user"
        else {"role": "assistant", "content": m.content}
        for m in request.messages
    ]


def _classify(exc: Exception) -> tuple[str, str]:
    """(kind, human detail) for anything the SDK or its transport can raise."""
    match exc:
        case anthropic.APITimeoutError() | httpx2.TimeoutException():
            return "timeout", "request timed out"
        case anthropic.APIConnectionError() | httpx2.TransportError():
            return "connection", f"connection failed ({type(exc.__cause__ or exc).__name__})"
        case anthropic.APIStatusError(status_code=status) if status >= 400:
            return status_kind(status), f"HTTP {status}: {exc.api_message or exc.type or ''}"
        case anthropic.APIStatusError():
            # Reported inside a 200 stream: judge it by the status its type stands for.
            error_type = exc.type or "api_error"
            status = _STATUS_OF_ERROR_TYPE.get(error_type, 500)
            return status_kind(status), f"stream error {error_type}: {exc.api_message or ''}"
    return "error", f"unexpected {type(exc).__name__}: {exc}"
