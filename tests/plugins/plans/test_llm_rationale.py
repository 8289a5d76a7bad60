"""The plan_generator LLM path with the real Anthropic and OpenAI SDKs pointed at the local fake
APIs: a model may word the rationale, never change a number; anything else falls back to our
own rationale, and nothing the model wrote outside the contract reaches the user."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.skill import UserProfile
from tests.core.test_llm_path import provider_for
from tests.fakes import FakeServer, Reply
from tests.fakes.anthropic_api import FakeAnthropic
from tests.fakes.openai_api import FakeOpenAI

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
ASK = "plan me a half marathon on 18 April, goal 1:45, 4 days a week, I ran a 10k in 50:00"
OUR_WORDS = "weeks that build your load from"


@pytest.fixture(params=["anthropic", "openai"])
async def fake(request: pytest.FixtureRequest) -> AsyncIterator[FakeServer]:
    server: FakeServer = FakeAnthropic() if request.param == "anthropic" else FakeOpenAI()
    async with server:
        yield server


@pytest.fixture
async def chat(make_engine: Any, clock: Any, fake: FakeServer) -> AsyncIterator[Any]:
    clock.now = NOW
    provider = provider_for(fake)
    engine = await make_engine([], provider=provider)
    user = UserProfile(user_id=f"llm-{uuid.uuid4().hex[:8]}", tz="Europe/Berlin")

    async def say(text: str) -> Any:
        return await engine.handle(user, text)

    yield say
    await provider.aclose()


def written(rationale: list[str], notes: list[dict[str, str]] | None = None) -> Reply:
    return Reply(json.dumps({"rationale": rationale, "notes": notes or []}))


async def test_the_model_words_the_rationale(chat: Any, fake: Any) -> None:
    fake.script(
        written(
            [
                "The plan builds your running steadily, with a lighter week every so often.",
                "A taper before race day keeps you fresh; trust the easy days.",
            ]
        )
    )
    preview = await chat(ASK)
    assert preview.reply.text == (
        "The plan builds your running steadily, with a lighter week every so often. "
        "A taper before race day keeps you fresh; trust the easy days."
    )
    assert preview.reply.cards[0].kind == "plan_preview"
    assert len(fake.requests) == 1


async def test_a_number_of_its_own_falls_back_to_our_rationale(chat: Any, fake: Any) -> None:
    invented = written(["You will run 1:43:59 on race day.", "Seventeen weeks of hard work."])
    fake.script(invented, invented)  # the first answer and the one stricter retry
    preview = await chat(ASK)
    assert OUR_WORDS in preview.reply.text and "1:43:59" not in preview.reply.text
    assert len(fake.requests) == 2


async def test_broken_output_falls_back_and_never_reaches_the_user(chat: Any, fake: Any) -> None:
    fake.script(Reply("Sure! Here is your plan: run a lot."), Reply('{"rationale": "nope"}'))
    preview = await chat(ASK)
    assert OUR_WORDS in preview.reply.text
    assert "Sure!" not in preview.reply.text and "nope" not in preview.reply.text
