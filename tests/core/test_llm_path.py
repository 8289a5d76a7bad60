"""The LLM path end to end: real SDKs → local fakes of the Anthropic and OpenAI APIs → our
provider → output contract → skill → engine. Each failure ends in the deterministic fallback."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import SecretStr

from bot.llm.factory import build_provider
from bot.settings import Settings
from bot.skill import UserProfile
from tests.fakes import BreakStream, Reply, Sleep, Status
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.openai_api import FakeOpenAI
from tests.support.skills import CoachNoteSkill, PickySkill, TallySkill

ANA = UserProfile(user_id="ana")
UNCLAIMED = "I keep thinking about getting fitter but never start"
SCOPE_REMINDER = "I'm not sure how to help with that"


@pytest.fixture(params=["anthropic", "openai"])
async def fake(request) -> AsyncIterator[Any]:
    server = FakeAnthropic() if request.param == "anthropic" else FakeOpenAI()
    async with server:
        yield server


def provider_for(fake: Any, timeout: float = 1.0) -> Any:
    name = "anthropic" if isinstance(fake, FakeAnthropic) else "openai"
    settings = Settings(
        llm_provider=name,
        llm_timeout_seconds=timeout,
        llm_max_retries=0,
        **{f"{name}_api_key": SecretStr("test-key"), f"{name}_base_url": fake.base_url},
    )
    return build_provider(settings)


def answer(**data: Any) -> Reply:
    return Reply(json.dumps({"topic": "off_topic", "skill": "none", "suggestion": "", **data}))


@pytest.fixture
async def llm_engine(make_engine, fake):
    provider = provider_for(fake)
    engine = await make_engine([TallySkill(), PickySkill(), CoachNoteSkill()], provider=provider)
    yield engine
    await provider.aclose()


async def test_good_json_declines_off_topic_and_is_audited(llm_engine, fake) -> None:
    fake.script(answer(topic="off_topic"))
    result = await llm_engine.handle(ANA, "Which stocks should I buy this week?")
    assert result.outcome == "refused"
    assert "outside what I can help with" in result.reply.text
    (event,) = await llm_engine.audit.for_user("ana")
    (call,) = event["llm"]
    assert call["prompt_id"] == "scope_check" and call["prompt_version"] == 1
    assert call["prompt_hash"].startswith("sha256:") and call["model"]
    assert call["ok"] is True and call["final_json"]["topic"] == "off_topic"
    assert "stocks" not in json.dumps(event, default=str)
    assert fake.last_request.api_key == "test-key"


async def test_good_json_in_scope_points_to_the_skill_with_the_suggestion(llm_engine, fake) -> None:
    fake.script(answer(topic="in_scope", skill="tally", suggestion="Count to three with me"))
    result = await llm_engine.handle(ANA, UNCLAIMED)
    assert result.outcome == "help"
    assert "counts with you" in result.reply.text.lower()
    assert result.reply.chips[0].value == "Count to three with me"


async def test_invalid_json_is_retried_once_with_stricter_guidance(llm_engine, fake) -> None:
    fake.script(
        Reply("Sure! The topic is off_topic."),
        answer(topic="in_scope", skill="tally", suggestion="Tally up"),
    )
    result = await llm_engine.handle(ANA, UNCLAIMED)
    assert result.reply.chips[0].value == "Tally up"
    assert len(fake.requests) == 2
    first, retry = fake.requests
    assert "not valid JSON" in retry.text and "not valid JSON" not in first.text


async def test_invalid_json_twice_falls_back_to_the_deterministic_reply(llm_engine, fake) -> None:
    fake.script(Reply("{not json"), Reply("still not json"))
    result = await llm_engine.handle(ANA, UNCLAIMED)
    assert result.outcome == "help" and SCOPE_REMINDER in result.reply.text
    assert {"invalid_json", "fallback"} <= set(result.flags)
    assert "not json" not in result.reply.text


async def test_schema_violation_falls_back(llm_engine, fake) -> None:
    bad = Reply(json.dumps({"topic": "weather", "skill": "none", "suggestion": "", "extra": 1}))
    fake.script(bad, bad)
    result = await llm_engine.handle(ANA, UNCLAIMED)
    assert SCOPE_REMINDER in result.reply.text and "schema_violation" in result.flags


async def test_a_skill_outside_the_allow_list_falls_back(llm_engine, fake) -> None:
    fake.script(*[answer(topic="in_scope", skill="banking", suggestion="Move money")] * 2)
    result = await llm_engine.handle(ANA, UNCLAIMED)
    assert SCOPE_REMINDER in result.reply.text and "Move money" not in repr(result.reply)


async def test_a_forbidden_url_in_the_output_never_reaches_the_user(llm_engine, fake) -> None:
    leak = answer(topic="in_scope", skill="tally", suggestion="See www.example.com/plan")
    fake.script(leak, leak)
    result = await llm_engine.handle(ANA, UNCLAIMED)
    assert "example.com" not in repr(result.reply)
    assert "url" in result.flags and SCOPE_REMINDER in result.reply.text


async def test_a_timeout_falls_back_without_retrying(make_engine, fake) -> None:
    provider = provider_for(fake, timeout=0.3)
    engine = await make_engine([TallySkill()], provider=provider)
    fake.script(Sleep(2.0))
    result = await engine.handle(ANA, UNCLAIMED)
    await provider.aclose()
    assert SCOPE_REMINDER in result.reply.text and "provider_timeout" in result.flags
    assert len(fake.requests) == 1


async def test_a_server_error_falls_back(llm_engine, fake) -> None:
    fake.script(Status(500))
    result = await llm_engine.handle(ANA, UNCLAIMED)
    assert result.outcome == "help" and SCOPE_REMINDER in result.reply.text
    assert "provider_http_5xx" in result.flags


async def test_free_text_streams_in_chunks(llm_engine, fake) -> None:
    fake.script(Reply("Keep easy runs conversational. Slow down if you cannot talk.", chunks=4))
    chunks: list[str] = []

    async def on_chunk(chunk: str) -> None:
        chunks.append(chunk)

    result = await llm_engine.handle(ANA, "/ask how fast are easy runs?", on_chunk=on_chunk)
    assert len(chunks) >= 2
    assert "".join(chunks) == result.reply.text
    assert result.reply.text.startswith("Keep easy runs conversational.")
    assert fake.last_request.stream
    (event,) = await llm_engine.audit.for_user("ana")
    assert event["llm"][0]["prompt_id"] == "coach_note" and event["llm"][0]["ok"]


async def test_a_stream_with_a_link_is_cut_before_the_link(llm_engine, fake) -> None:
    fake.script(Reply("Run easy. Details at https://example.com/secret now.", chunks=6))
    chunks: list[str] = []

    async def on_chunk(chunk: str) -> None:
        chunks.append(chunk)

    result = await llm_engine.handle(ANA, "/ask anything", on_chunk=on_chunk)
    assert "example.com" not in "".join(chunks) and "https" not in "".join(chunks)
    assert result.reply.text.startswith("I can't answer that right now")
    assert "output_blocked" in result.flags


async def test_a_stream_that_breaks_midway_falls_back(llm_engine, fake) -> None:
    fake.script(BreakStream("Run easy today and rest tomorrow please.", after=1, chunks=4))
    result = await llm_engine.handle(ANA, "/ask anything")
    assert result.reply.text.startswith("I can't answer that right now")
    assert "fallback" in result.flags
