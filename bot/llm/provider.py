"""The narrow interface every LLM backend implements.

A provider turns one request into text: whole (``complete``) or in chunks (``stream``). It knows
nothing about prompts, schemas or guardrails; those live in :mod:`bot.llm.client`. Every failure
surfaces as :class:`LLMError` so callers have exactly one thing to catch.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Literal, Protocol


@dataclass(frozen=True)
class ChatMessage:
    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True)
class LLMRequest:
    system: str
    messages: tuple[ChatMessage, ...]
    max_tokens: int = 1024
    temperature: float = 0.2
    json_output: bool = False
    """Ask the backend for a JSON object where it supports that natively."""
    metadata: dict[str, str] = field(default_factory=dict)


class LLMError(Exception):
    """Any provider failure: transport, timeout, HTTP status, refusal or empty output."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        """Short machine code for audits and metrics: timeout, connection, http_5xx, http_4xx,
        rate_limited, auth, refusal (the model declined), empty, offline, error (anything else)."""


class LLMProvider(Protocol):
    name: str
    model: str

    async def complete(self, request: LLMRequest) -> str: ...

    def stream(self, request: LLMRequest) -> AsyncIterator[str]: ...

    async def aclose(self) -> None: ...


def status_kind(status: int) -> str:
    """The :attr:`LLMError.kind` for an HTTP status a provider answered with."""
    if status in (401, 403):
        return "auth"
    if status == 429:
        return "rate_limited"
    return "http_5xx" if status >= 500 else "http_4xx"
