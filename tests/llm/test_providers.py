"""Both providers, through their real SDKs, against local fakes of the real wire protocols."""

from __future__ import annotations

import time
from dataclasses import replace

import httpx2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.llm.anthropic_provider import AnthropicProvider
from bot.llm.factory import build_provider
from bot.llm.openai_provider import OpenAIProvider
from bot.llm.provider import ChatMessage, LLMError, LLMProvider, LLMRequest
from bot.settings import Settings
from tests.fakes import BreakStream, Drop, Raw, RecordedRequest, Reply, Sleep, Status, split_text
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.openai_api import FakeOpenAI
from tests.llm.conftest import API_KEY, Backend

FAST_RETRY = 0.001
"""Sent as ``retry-after`` so SDK retries do not wait out their default back-off."""

REQUEST = LLMRequest(
    system="You are a running coach. Answer in JSON.",
    messages=(
        ChatMessage("user", "I want to ruck 50 km this month."),
        ChatMessage("assistant", "With what pack weight?"),
        ChatMessage("user", "20 lb."),
    ),
    max_tokens=300,
)


async def collect(provider: LLMProvider, request: LLMRequest = REQUEST) -> list[str]:
    return [chunk async for chunk in provider.stream(request)]


async def failure(
    provider: LLMProvider, *, stream: bool = False, request: LLMRequest = REQUEST
) -> LLMError:
    with pytest.raises(LLMError) as caught:
        if stream:
            await collect(provider, request)
        else:
            await provider.complete(request)
    return caught.value


# -- good answers ----------------------------------------------------------------------------


async def test_complete_returns_the_text_and_sends_prompt_model_and_key(backend: Backend) -> None:
    backend.fake.script(Reply('{"goal": "ruck 50 km"}'))
    provider = backend.make()

    assert await provider.complete(REQUEST) == '{"goal": "ruck 50 km"}'

    (sent,) = backend.fake.requests
    assert sent.path.endswith(("/v1/messages", "/v1/chat/completions"))
    assert sent.body["model"] == provider.model
    assert backend.system_sent(sent) == REQUEST.system
    assert backend.chat_sent(sent) == [
        {"role": m.role, "content": m.content} for m in REQUEST.messages
    ]
    assert sent.api_key == API_KEY
    assert not sent.stream


async def test_anthropic_request_shape(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    await anthropic_provider.complete(replace(REQUEST, json_output=True))

    sent = fake_anthropic.last_request
    assert sent.headers["authorization"] == f"Bearer {API_KEY}"  # this SDK sends no x-api-key
    assert "anthropic-version" in sent.headers
    assert sent.body["system"] == REQUEST.system
    assert sent.body["max_tokens"] == REQUEST.max_tokens
    assert "temperature" not in sent.body  # the current Messages API has no such parameter
    assert "output_config" not in sent.body  # JSON mode there needs a schema; the prompt asks


async def test_openai_request_shape_and_json_mode(
    fake_openai: FakeOpenAI, openai_provider: OpenAIProvider
) -> None:
    await openai_provider.complete(REQUEST)
    plain = fake_openai.last_request
    assert plain.headers["authorization"] == f"Bearer {API_KEY}"
    assert plain.body["messages"][0] == {"role": "system", "content": REQUEST.system}
    assert plain.body["max_completion_tokens"] == REQUEST.max_tokens
    assert plain.body["temperature"] == REQUEST.temperature
    assert "response_format" not in plain.body

    json_request = replace(REQUEST, json_output=True)
    await openai_provider.complete(json_request)
    assert fake_openai.last_request.body["response_format"] == {"type": "json_object"}
    await collect(openai_provider, json_request)
    assert fake_openai.last_request.body["response_format"] == {"type": "json_object"}


async def test_openai_json_mode_without_the_word_json_is_refused_like_the_real_api(
    fake_openai: FakeOpenAI, openai_provider: OpenAIProvider
) -> None:
    request = LLMRequest("Be brief.", (ChatMessage("user", "Plan my week"),), json_output=True)
    assert (await failure(openai_provider, request=request)).kind == "http_4xx"
    assert fake_openai.pending == 0


async def test_stream_yields_deltas_in_order(backend: Backend) -> None:
    text = "Start with 5 km rucks, three times a week, and add 2 km each week."
    backend.fake.script(Reply(text, chunks=5))

    chunks = await collect(backend.make())

    assert len(chunks) == 5
    assert "".join(chunks) == text
    assert backend.fake.last_request.stream
    assert backend.system_sent(backend.fake.last_request) == REQUEST.system


async def test_stream_chunks_arrive_as_they_are_sent(backend: Backend) -> None:
    backend.fake.script(Reply("one two three", chunks=3, chunk_delay=0.1))
    provider = backend.make()
    arrivals: list[float] = []

    async for _ in provider.stream(REQUEST):
        arrivals.append(time.monotonic())

    assert len(arrivals) == 3
    assert arrivals[-1] - arrivals[0] >= 0.15  # not buffered until the end


async def test_a_retry_after_a_500_can_still_succeed(backend: Backend) -> None:
    backend.fake.script(Status(500, retry_after=FAST_RETRY), Reply("recovered"))

    assert await backend.make(max_retries=1).complete(REQUEST) == "recovered"
    assert len(backend.fake.requests) == 2


# -- HTTP errors -------------------------------------------------------------------------------


async def test_500_is_http_5xx_after_the_sdk_retries(backend: Backend) -> None:
    backend.fake.script(*[Status(500, retry_after=FAST_RETRY)] * 3)

    error = await failure(backend.make(max_retries=2))

    assert error.kind == "http_5xx"
    assert len(backend.fake.requests) == 1 + 2


async def test_429_is_rate_limited(backend: Backend) -> None:
    backend.fake.script(*[Status(429, "slow down", retry_after=FAST_RETRY)] * 2)

    error = await failure(backend.make(max_retries=1))

    assert error.kind == "rate_limited"
    assert len(backend.fake.requests) == 2  # 429 is retried too


@pytest.mark.parametrize("status", [401, 403])
async def test_401_and_403_are_auth_and_never_echo_the_key(backend: Backend, status: int) -> None:
    backend.fake.script(Status(status, f"Incorrect API key provided: {API_KEY}"))

    error = await failure(backend.make(max_retries=2))

    assert error.kind == "auth"
    assert API_KEY not in str(error)
    assert len(backend.fake.requests) == 1  # not retried


async def test_a_wrong_key_is_rejected_by_the_fake_as_auth(backend: Backend) -> None:
    backend.fake.api_key = "another-key"
    assert (await failure(backend.make())).kind == "auth"


async def test_other_4xx_is_http_4xx(backend: Backend) -> None:
    backend.fake.script(Status(400, "max_tokens: too large"))
    assert (await failure(backend.make(max_retries=2))).kind == "http_4xx"
    assert len(backend.fake.requests) == 1


async def test_http_errors_on_a_stream_raise_from_the_iterator(backend: Backend) -> None:
    backend.fake.script(Status(503, retry_after=FAST_RETRY))
    assert (await failure(backend.make(), stream=True)).kind == "http_5xx"


# -- transport failures ------------------------------------------------------------------------


async def test_a_slow_answer_is_a_timeout(backend: Backend) -> None:
    backend.fake.script(Sleep(2.0, then=Reply("too late")))
    started = time.monotonic()

    error = await failure(backend.make(timeout=0.3))

    assert error.kind == "timeout"
    assert time.monotonic() - started < 1.5
    assert len(backend.fake.requests) == 1


async def test_a_stalled_stream_is_a_timeout(backend: Backend) -> None:
    backend.fake.script(Reply("first then nothing", chunks=2, chunk_delay=2.0))
    assert (await failure(backend.make(timeout=0.3), stream=True)).kind == "timeout"


async def test_a_dropped_connection_is_a_connection_error(backend: Backend) -> None:
    backend.fake.script(Drop())

    error = await failure(backend.make())

    assert error.kind == "connection"
    assert len(backend.fake.requests) == 1


async def test_no_server_is_a_connection_error(backend: Backend) -> None:
    provider = backend.make()
    await backend.fake.stop()
    assert (await failure(provider)).kind == "connection"


# -- streams that fail midway ------------------------------------------------------------------


async def test_a_stream_cut_midway_raises_from_the_iterator(backend: Backend) -> None:
    text = "Run easy. Then rest. Then run again."
    backend.fake.script(BreakStream(text, after=2, chunks=4))
    received: list[str] = []

    with pytest.raises(LLMError) as caught:
        async for chunk in backend.make().stream(REQUEST):
            received.append(chunk)

    assert caught.value.kind == "connection"
    assert len(received) == 2
    assert text.startswith("".join(received))


async def test_an_error_event_midway_raises_from_the_iterator(backend: Backend) -> None:
    backend.fake.script(BreakStream("Run easy. Then rest.", after=1, how="error"))
    received: list[str] = []

    with pytest.raises(LLMError) as caught:
        async for chunk in backend.make().stream(REQUEST):
            received.append(chunk)

    assert caught.value.kind == "http_5xx"  # overloaded_error / server_error
    assert len(received) == 1


async def test_an_in_stream_rate_limit_error_is_rate_limited(backend: Backend) -> None:
    error_type = "rate_limit_error" if backend.name == "anthropic" else "requests"
    backend.fake.script(BreakStream("x y", after=1, how="error", error_type=error_type))
    assert (await failure(backend.make(), stream=True)).kind == "rate_limited"


# -- empty, refused and unexpected answers -----------------------------------------------------


@pytest.mark.parametrize("text", ["", "  \n "])
async def test_an_empty_answer_is_empty(backend: Backend, text: str) -> None:
    backend.fake.script(Reply(text))
    assert (await failure(backend.make())).kind == "empty"


async def test_an_empty_stream_is_empty(backend: Backend) -> None:
    backend.fake.script(Reply(""))
    assert (await failure(backend.make(), stream=True)).kind == "empty"


async def test_a_refusal_is_refusal(backend: Backend) -> None:
    stop = "refusal" if backend.name == "anthropic" else "content_filter"
    backend.fake.script(Reply("I can't help", stop_reason=stop), Reply("I can't", stop_reason=stop))
    provider = backend.make()

    assert (await failure(provider)).kind == "refusal"
    assert (await failure(provider, stream=True)).kind == "refusal"


async def test_an_unparseable_answer_is_error(backend: Backend) -> None:
    backend.fake.script(Raw("<html>gateway</html>"))
    assert (await failure(backend.make())).kind == "error"


async def test_stopping_a_stream_early_is_clean(backend: Backend) -> None:
    backend.fake.script(Reply("a b c d", chunks=4, chunk_delay=0.05), Reply("next"))
    provider = backend.make()

    async for _ in provider.stream(REQUEST):
        break

    assert await provider.complete(REQUEST) == "next"


# -- factory -----------------------------------------------------------------------------------


def settings(**values: object) -> Settings:
    base: dict[str, object] = {"anthropic_api_key": None, "openai_api_key": None}
    return Settings(_env_file=None, **(base | values))  # type: ignore[arg-type]


def test_offline_builds_no_provider() -> None:
    assert build_provider(settings(llm_provider="offline", openai_api_key="sk-x")) is None


@pytest.mark.parametrize(
    ("choice", "variable"),
    [("anthropic", "COACHBOT_ANTHROPIC_API_KEY"), ("openai", "COACHBOT_OPENAI_API_KEY")],
)
@pytest.mark.parametrize("key", [None, "", "   "])
def test_a_provider_without_its_key_names_the_setting(
    choice: str, variable: str, key: str | None
) -> None:
    with pytest.raises(ValueError, match=variable):
        build_provider(settings(llm_provider=choice, **{f"{choice}_api_key": key}))


async def test_anthropic_from_settings(fake_anthropic: FakeAnthropic) -> None:
    fake_anthropic.script(Status(500, retry_after=FAST_RETRY), Reply("from settings"))
    provider = build_provider(
        settings(
            llm_provider="anthropic",
            anthropic_api_key=API_KEY,
            anthropic_base_url=fake_anthropic.base_url,
            anthropic_model="claude-from-settings",
            llm_max_retries=1,
            llm_timeout_seconds=2,
        )
    )
    assert isinstance(provider, AnthropicProvider)
    try:
        assert (provider.name, provider.model) == ("anthropic", "claude-from-settings")
        assert await provider.complete(REQUEST) == "from settings"
        assert len(fake_anthropic.requests) == 2  # llm_max_retries reached the SDK
        assert fake_anthropic.last_request.body["model"] == "claude-from-settings"
    finally:
        await provider.aclose()


async def test_openai_from_settings(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Sleep(1.0))
    provider = build_provider(
        settings(
            llm_provider="openai",
            openai_api_key=API_KEY,
            openai_base_url=fake_openai.base_url,
            openai_model="gpt-from-settings",
            llm_max_retries=0,
            llm_timeout_seconds=0.3,
        )
    )
    assert isinstance(provider, OpenAIProvider)
    try:
        assert (provider.name, provider.model) == ("openai", "gpt-from-settings")
        assert (await failure(provider)).kind == "timeout"  # llm_timeout_seconds reached the SDK
        assert await provider.complete(REQUEST) == "Hello from the fake OpenAI API."
        assert fake_openai.last_request.body["model"] == "gpt-from-settings"
    finally:
        await provider.aclose()


# -- the fakes themselves ----------------------------------------------------------------------


async def test_a_script_entry_can_answer_from_the_request(backend: Backend) -> None:
    def by_topic(request: RecordedRequest) -> Reply:
        return Reply("ruck plan" if "ruck" in request.text else "other")

    backend.fake.script(by_topic)
    backend.fake.default = Reply("default answer")
    provider = backend.make()

    assert await provider.complete(REQUEST) == "ruck plan"
    assert await provider.complete(REQUEST) == "default answer"
    assert backend.fake.pending == 0


async def test_the_anthropic_fake_accepts_x_api_key_and_refuses_no_key(
    fake_anthropic: FakeAnthropic,
) -> None:
    fake_anthropic.script(Reply("scripted"))
    body = {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    url = fake_anthropic.base_url + "/v1/messages"
    async with httpx2.AsyncClient() as client:
        anonymous = await client.post(url, json=body)
        malformed = await client.post(url, json={"model": "m"}, headers={"x-api-key": API_KEY})
        keyed = await client.post(url, json=body, headers={"x-api-key": API_KEY})

    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["type"] == "authentication_error"
    assert malformed.status_code == 400
    assert keyed.json()["content"] == [{"type": "text", "text": "scripted"}]
    assert fake_anthropic.last_request.api_key == API_KEY
    assert len(fake_anthropic.requests) == 3


@given(st.text(max_size=200), st.integers(min_value=1, max_value=50))
def test_split_text_joins_back_in_at_most_n_nonempty_pieces(text: str, n: int) -> None:
    pieces = split_text(text, n)
    assert "".join(pieces) == text
    assert len(pieces) <= n
    assert all(pieces)
    assert len(pieces) == min(n, len(text))
