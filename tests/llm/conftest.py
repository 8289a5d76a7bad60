"""Each provider paired with its fake API, so one test body can check both backends."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot.llm.anthropic_provider import AnthropicProvider
from bot.llm.openai_provider import OpenAIProvider
from bot.llm.provider import LLMProvider
from tests.fakes import FakeServer, RecordedRequest
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.openai_api import FakeOpenAI

API_KEY = "sk-test-0123456789abcdef"
TIMEOUT = 0.3
"""Short enough that timeout tests are quick, long enough for a loopback answer."""


@dataclass
class Backend:
    """A running fake API and a way to build providers pointed at it."""

    name: str
    fake: FakeServer
    make: Callable[..., LLMProvider]
    """``make(max_retries=..., timeout=...)``: a provider on the fake (closed after the test)."""

    def system_sent(self, request: RecordedRequest) -> str | None:
        if self.name == "anthropic":
            system = request.body.get("system")
            return system if isinstance(system, str) else None
        first = request.body["messages"][0]
        return first["content"] if first["role"] == "system" else None

    def chat_sent(self, request: RecordedRequest) -> list[dict[str, Any]]:
        """The conversation messages, without OpenAI's leading system message."""
        return [m for m in request.body["messages"] if m["role"] != "system"]


PROVIDERS: dict[str, tuple[type[FakeServer], Callable[..., LLMProvider], str]] = {
    "anthropic": (FakeAnthropic, AnthropicProvider, "claude-test"),
    "openai": (FakeOpenAI, OpenAIProvider, "gpt-test"),
}


@pytest.fixture(params=sorted(PROVIDERS))
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    fake_cls, provider_cls, model = PROVIDERS[request.param]
    providers: list[LLMProvider] = []

    def make(*, max_retries: int = 0, timeout: float = TIMEOUT) -> LLMProvider:
        provider = provider_cls(
            api_key=API_KEY,
            model=model,
            base_url=fake.base_url,
            timeout=timeout,
            max_retries=max_retries,
        )
        providers.append(provider)
        return provider

    async with fake_cls(api_key=API_KEY) as fake:
        yield Backend(request.param, fake, make)
        for provider in providers:
            await provider.aclose()


@pytest.fixture
async def fake_anthropic() -> AsyncIterator[FakeAnthropic]:
    async with FakeAnthropic(api_key=API_KEY) as fake:
        yield fake


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI(api_key=API_KEY) as fake:
        yield fake


@pytest.fixture
async def anthropic_provider(fake_anthropic: FakeAnthropic) -> AsyncIterator[AnthropicProvider]:
    provider = AnthropicProvider(
        api_key=API_KEY, model="claude-test", base_url=fake_anthropic.base_url, max_retries=0
    )
    yield provider
    await provider.aclose()


@pytest.fixture
async def openai_provider(fake_openai: FakeOpenAI) -> AsyncIterator[OpenAIProvider]:
    provider = OpenAIProvider(
        api_key=API_KEY, model="gpt-test", base_url=fake_openai.base_url, max_retries=0
    )
    yield provider
    await provider.aclose()
