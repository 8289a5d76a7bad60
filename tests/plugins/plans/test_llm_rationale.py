"""The plan_generator LLM path with the real Anthropic and OpenAI SDKs pointed at the local fake
APIs: a model may word the rationale, never change a number; anything else falls back to our
own rationale, and nothing the model wrote outside the contract reaches the user."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.skill import UserProfile
from plugins.plans.cards import CREATE
from plugins.plans.store import PLANNED
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

    say.engine = engine  # type: ignore[attr-defined]
    say.user = user  # type: ignore[attr-defined]
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


RATIONALE = [
    "The plan builds your running steadily, with a lighter week every so often.",
    "A taper before race day keeps you fresh; trust the easy days.",
]


def session_ids(fake: Any) -> list[str]:
    """The first week's session ids as the model was shown them."""
    return re.findall(r"\d{4}-\d{2}-\d{2}:[a-z]+", json.dumps(fake.requests[-1].body))


async def test_the_models_session_notes_reach_the_saved_sessions(chat: Any, fake: Any) -> None:
    fake.script(written(RATIONALE))
    await chat(ASK)
    ids = session_ids(fake)
    long_run = next(i for i in ids if i.endswith(":long"))
    cue = "Keep it truly relaxed; walk the uphills if your breathing gets ragged."
    fake.script(written(RATIONALE, [{"id": long_run, "note": cue}]))
    again = await chat("make it 4 days a week")  # the same plan, written again
    assert again.reply.text.startswith(RATIONALE[0])

    await chat(CREATE)
    db = chat.engine.db
    sessions = await db[PLANNED].find({"user_id": chat.user.user_id}).to_list(None)
    noted = [s for s in sessions if cue in s["coach_notes"]]
    assert [f"{s['scheduled_date']}:{s['workout_type']}" for s in noted] == [long_run]


async def test_a_note_with_a_number_of_its_own_is_never_saved(chat: Any, fake: Any) -> None:
    fake.script(written(RATIONALE))
    await chat(ASK)
    long_run = next(i for i in session_ids(fake) if i.endswith(":long"))
    invented = written(RATIONALE, [{"id": long_run, "note": "Run it at 5:01/km, no slower."}])
    fake.script(invented, invented)
    await chat("make it 4 days a week")
    await chat(CREATE)
    db = chat.engine.db
    sessions = await db[PLANNED].find({"user_id": chat.user.user_id}).to_list(None)
    assert sessions and not any("5:01" in s["coach_notes"] for s in sessions)
