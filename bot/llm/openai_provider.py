"""GPT models through the official ``openai`` SDK (Chat Completions).

The SDK owns retries (``max_retries``: connection errors, 408/409/429/5xx, honouring
``retry-after``) and the per-request timeout; this module only shapes the request and turns every
way the call can go wrong into :class:`LLMError`, so callers never see SDK exception types.

Chat Completions rather than the Responses API: it is the protocol every OpenAI-compatible server
(Azure, vLLM, Ollama, …) speaks, so ``openai_base_url`` can point at any of them. An error reported
inside a stream arrives as a bare ``APIError`` (no status), mapped here by its ``type``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import openai
from openai.types.chat import ChatCompletionMessageParam
from openai.types.chat.completion_create_params import ResponseFormat

from bot.llm.provider import LLMError, LLMRequest, status_kind

# The HTTP status an error type reported inside a stream stands for (unknown ones: 500).
_STATUS_OF_ERROR_TYPE = {"invalid_request_error": 400, "requests": 429, "tokens": 429}


class OpenAIProvider:
    name = "openai"

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
        self._client = openai.AsyncOpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries
        )

    async def complete(self, request: LLMRequest) -> str:
        try:
            completion = await self._client.chat.completions.create(
                model=self.model,
                messages=_messages(request),
                max_completion_tokens=request.max_tokens,
                temperature=request.temperature,
                response_format=_response_format(request),
            )
        except Exception as exc:
            raise self._error(exc) from exc
        if not completion.choices:
            raise LLMError("empty", f"openai {self.model}: no choices returned")
        choice = completion.choices[0]
        if choice.message.refusal or choice.finish_reason == "content_filter":
            raise LLMError("refusal", f"openai {self.model}: the model declined to answer")
        text = choice.message.content or ""
        if not text.strip():
            raise LLMError("empty", f"openai {self.model}: returned no text")
        return text

    async def stream(self, request: LLMRequest) -> AsyncIterator[str]:
        produced = refused = False
        try:
            chunks = await self._client.chat.completions.create(
                model=self.model,
                messages=_messages(request),
                max_completion_tokens=request.max_tokens,
                temperature=request.temperature,
                response_format=_response_format(request),
                stream=True,
            )
            async with chunks:
                async for chunk in chunks:
                    for choice in chunk.choices:  # empty in a trailing usage chunk
                        delta = choice.delta
                        refused |= bool(delta.refusal) or choice.finish_reason == "content_filter"
                        if delta.content:
                            produced = True
                            yield delta.content
        except Exception as exc:
            raise self._error(exc) from exc
        if refused:
            raise LLMError("refusal", f"openai {self.model}: the model declined to answer")
        if not produced:
            raise LLMError("empty", f"openai {self.model}: streamed no text")

    async def aclose(self) -> None:
        await self._client.close()

    def _error(self, exc: Exception) -> LLMError:
        kind, detail = _classify(exc)
        detail = detail.replace(self._api_key, "***")[:300] if self._api_key else detail[:300]
        return LLMError(kind, f"openai {self.model}: {detail}")


def _messages(request: LLMRequest) -> list[ChatCompletionMessageParam]:
    messages: list[ChatCompletionMessageParam] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    for m in request.messages:
        if m.role == "user":
            messages.append({"role": "user", "content": m.content})
        else:
            messages.append({"role": "assistant", "content": m.content})
    return messages


def _response_format(request: LLMRequest) -> ResponseFormat | openai.Omit:
    return {"type": "json_object"} if request.json_output else openai.omit


def _classify(exc: Exception) -> tuple[str, str]:
    """(kind, human detail) for anything the SDK can raise."""
    match exc:
        case openai.APITimeoutError():
            return "timeout", "request timed out"
        case openai.APIConnectionError():
            return "connection", f"connection failed ({type(exc.__cause__ or exc).__name__})"
        case openai.APIStatusError(status_code=status):
            # exc.body is the API's "error" object; its message is the readable part.
            message = exc.body.get("message") if isinstance(exc.body, dict) else None
            return status_kind(status), f"HTTP {status}: {message or exc.message}"
        case openai.APIError():
            # Reported inside a 200 stream: judge it by the status its type stands for.
            status = _STATUS_OF_ERROR_TYPE.get(exc.type or "", 500)
            return status_kind(status), f"stream error {exc.type}: {exc.message}"
    return "error", f"unexpected {type(exc).__name__}: {exc}"
