"""How the page handles each part of the client contract, against the running service and its
test skills: streaming, cards, refusals, errors, history, pushes, sessions and reconnects."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from playwright.async_api import expect

from bot.jobs import user_room
from tests.support.skills import WeekSkill
from tests.web.conftest import PASSWORD, ChatPage, OpenPage, eventually

HISTORY_PAGE = 50
"""How many messages the page asks for at a time (``history()`` in api.js)."""


@pytest.fixture
async def chat(service: Any, open_page: OpenPage) -> AsyncIterator[ChatPage]:
    opened = await open_page(service.base_url)
    WeekSkill.release.clear()
    yield opened
    WeekSkill.release.set()  # never leave a held reply behind


def websockets(chat: ChatPage) -> list[str]:
    return [u for u in chat.urls if u.startswith("ws")]


async def session(chat: ChatPage) -> dict[str, Any]:
    """The signed-in session the page keeps (token and user)."""
    return json.loads(await chat.page.evaluate("localStorage.getItem('coachbot.session')"))


async def call(
    service: Any, method: str, path: str, token: str, body: Any = None
) -> dict[str, Any]:
    """The REST API as that user, outside the browser (so the page's offline switch and the
    page's own requests don't come into it)."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession(service.base_url) as http,
        http.request(method, f"/api/v1{path}", json=body, headers=headers) as response,
    ):
        assert response.status == 200, await response.text()
        return await response.json()


async def stored(service: Any, token: str) -> list[dict[str, Any]]:
    """The web conversation as the server stored it, oldest first."""
    page = await call(service, "GET", "/chat/history?conversation_id=web&limit=100", token)
    return list(reversed(page["messages"]))


async def test_reply_streams_in_then_shows_its_card(chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    await chat.send("/week hold")

    reply = chat.bot_messages().last
    await expect(reply).to_have_class("msg bot streaming")
    await expect(reply.locator(".bubble")).to_have_text("Here's")
    await expect(page.locator("#typing")).to_be_visible()

    WeekSkill.release.set()
    await expect(reply.locator(".bubble")).to_have_text("Here's your first week.")
    await expect(reply).to_have_class("msg bot")
    await expect(page.locator("#typing")).to_be_hidden()
    card = reply.locator("article.card")
    await expect(card.get_by_role("heading")).to_have_text("Week 1 — base building")
    await expect(card.locator(".card-subtitle")).to_have_text("3 runs, 1 strength session")
    await expect(card.locator("tr")).to_have_count(3)
    await expect(card.locator("tr").first).to_have_text("MonEasy run · 30 min")

    await card.get_by_role("button", name="Looks good").click()
    await expect(page.locator("li.msg.user").last).to_have_text("You: /week confirm")
    await expect(page.get_by_label("Message", exact=True)).to_be_focused()
    await expect(chat.bot_messages().last).to_have_text("Coach: Plan confirmed.")
    assert chat.foreign_urls() == []
    assert chat.errors == []


async def test_final_text_replaces_what_was_streamed(chat: ChatPage) -> None:
    """ "/stream leak" slips a link into the stream: the server cuts it, and the final message
    carries the skill's safe text instead of what was streamed."""
    await chat.register()
    await chat.send("/stream leak")
    bubble = chat.bot_messages().last.locator(".bubble")
    await expect(bubble).to_have_text("Take an easy day today.")
    streamed = "".join(c["text"] for c in chat.responses("chunk"))
    assert streamed, "the server streamed chunks before the final"
    assert not "Take an easy day today.".startswith(streamed)


async def test_history_shows_refusals_and_unstored_messages(chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    await chat.send("SELECT * FROM users")
    first = chat.bot_messages().last
    await expect(first).to_have_class("msg bot refused")
    await expect(first.locator(".chips button")).not_to_have_count(0)
    await chat.send("/tally")
    await expect(chat.bot_messages().last).to_have_text("Coach: Count 1.")
    await expect(page.locator(".chips")).to_have_count(0)  # only the newest message's
    await chat.send("SELECT * FROM users")
    refusal = chat.bot_messages().nth(2)
    await expect(refusal).to_have_class("msg bot refused")
    await expect(page.locator(".chips")).to_have_count(1)
    await eventually(lambda: len(chat.responses("final")) == 3)
    chips = [c["label"] for c in chat.responses("final")[2]["message"]["chips"]]
    assert chips

    await page.reload()
    await expect(page.locator("#status")).to_have_text("Connected")
    items = page.locator("#messages > li")
    await expect(items).to_have_count(6)
    for attack in (0, 4):
        await expect(items.nth(attack)).to_have_class("msg user redacted")
        await expect(items.nth(attack)).to_have_text("You: (message not stored)")
        await expect(items.nth(attack + 1)).to_have_class("msg bot refused")
    await expect(items.nth(2)).to_have_text("You: /tally")
    await expect(items.nth(3)).to_have_text("Coach: Count 1.")
    await expect(items.nth(5).locator(".chips button")).to_have_text(chips)
    await expect(items.nth(1).locator(".chips")).to_have_count(0)


async def test_rate_limited_message_can_be_sent_again(service: Any, chat: ChatPage) -> None:
    settings = service.services.settings
    limit = settings.chat_turns_per_minute
    settings.chat_turns_per_minute = 1
    try:
        page = chat.page
        await chat.register()
        # The limit counts per minute of the clock: keep both messages in the same minute.
        if 60 - time.time() % 60 < 5:
            await eventually(lambda: time.time() % 60 < 50, timeout=10)
        await chat.send("/tally")
        await expect(chat.bot_messages().last).to_have_text("Coach: Count 1.")
        await chat.send("/picky kettlebell swings")
        mine = page.locator("li.msg.user").last
        await expect(mine).to_have_attribute("data-state", "failed")
        await expect(mine.locator(".meta")).to_contain_text("You're sending messages too quickly")
        errors = [e for name, e in chat.events if name == "error"]
        assert [e["code"] for e in errors] == ["rate_limited"]
        retry_after = errors[0]["retry_after"]
        again = mine.get_by_role("button", name="Send again")
        await expect(again).to_be_disabled()
        await expect(again).to_be_enabled(timeout=(retry_after + 5) * 1000)
        await again.click()
        await expect(page.get_by_label("Message", exact=True)).to_be_focused()
        await expect(chat.bot_messages().last).to_have_text("Coach: Swing away.")
        await expect(page.locator("li.msg.user")).to_have_text(
            ["You: /tally", "You: /picky kettlebell swings"]
        )
        await expect(page.locator("li.msg.user .meta")).to_have_count(0)
    finally:
        settings.chat_turns_per_minute = limit


async def test_messages_typed_offline_are_sent_on_reconnect(service: Any, chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    token = (await session(chat))["token"]
    await page.context.set_offline(True)
    await expect(page.locator("#status")).to_have_text("Offline")
    await chat.send("/tally")
    mine = page.locator("li.msg.user").last
    await expect(mine).to_have_attribute("data-state", "queued")
    await expect(mine.locator(".meta")).to_contain_text("Waiting for a connection")
    assert await stored(service, token) == []

    await page.context.set_offline(False)
    await expect(page.locator("#status")).to_have_text("Connected")
    await expect(chat.bot_messages().last).to_have_text("Coach: Count 1.")
    await expect(mine.locator(".meta")).to_have_count(0)
    assert [m["text"] for m in await stored(service, token)] == ["/tally", "Count 1."]


async def test_reply_cut_by_a_dropped_connection_arrives_after_reconnect(
    service: Any, chat: ChatPage
) -> None:
    page = chat.page
    await chat.register()
    token = (await session(chat))["token"]
    await chat.send("/slow 2")
    await expect(page.locator("#typing")).to_be_visible()  # the server is on it

    await page.context.set_offline(True)
    await expect(page.locator("#status")).to_have_text("Offline")
    # The turn ends while the page is away, so its reply can only come from the history.
    for _ in range(100):
        if len(await stored(service, token)) == 2:
            break
        await page.wait_for_timeout(100)
    assert [m["text"] for m in await stored(service, token)] == ["/slow 2", "2 saw 0 before"]
    await page.context.set_offline(False)
    await eventually(lambda: len(websockets(chat)) == 2)
    await expect(page.locator("#status")).to_have_text("Connected")

    await expect(chat.bot_messages().locator(".bubble")).to_have_text(["2 saw 0 before"])
    await expect(page.locator("li.msg.user")).to_have_text(["You: /slow 2"])
    await expect(page.locator("li.msg.user .meta")).to_have_count(0)
    assert len(await stored(service, token)) == 2


async def test_push_messages_appear(service: Any, chat: ChatPage) -> None:
    await chat.register()
    user_id = (await session(chat))["user"]["id"]
    message = {"text": "Nice streak — 3 days in a row!", "cards": [], "chips": []}
    await service.services.sio.emit("push", {"message": message}, room=user_room(user_id))
    await expect(chat.page.locator("li.msg.bot.push")).to_have_text(
        "Coach: Nice streak — 3 days in a row!"
    )


async def test_older_messages_load_on_request(service: Any, chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    token = (await session(chat))["token"]
    turns = 30  # 60 messages: a page of 50, then 10 more
    for i in range(turns):
        body = {"text": f"/picky kettlebell {i}", "conversation_id": "web"}
        await call(service, "POST", "/chat", token, body)
    await page.reload()
    items = page.locator("#messages > li")
    await expect(items).to_have_count(HISTORY_PAGE)
    first_shown = turns - HISTORY_PAGE // 2
    await expect(items.first).to_have_text(f"You: /picky kettlebell {first_shown}")
    await page.get_by_role("button", name="Load earlier messages").click()
    await expect(items).to_have_count(2 * turns)
    await expect(items.first).to_have_text("You: /picky kettlebell 0")
    await expect(items.nth(1)).to_have_text("Coach: Swing away.")
    await expect(page.get_by_role("button", name="Load earlier messages")).to_be_hidden()


async def test_account_errors_are_shown(chat: ChatPage) -> None:
    page = chat.page
    email = await chat.register()
    await page.get_by_role("button", name="Log out").click()
    error = page.locator("#auth-error")

    # 401
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill("not the password")
    await page.locator("#auth-submit").click()
    await expect(error).to_have_text("Email or password is not right.")

    # 409
    await page.get_by_role("button", name="Create account").click()
    await page.get_by_label("Password").fill(PASSWORD)
    await page.locator("#auth-submit").click()
    await expect(error).to_have_text("An account with this email already exists; sign in instead.")

    # 422: the browser takes this address, the server does not
    await page.get_by_label("Email").fill("runner@localhost")
    await page.locator("#auth-submit").click()
    await expect(error).to_contain_text("body.email")
    await expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#auth-email-error")).to_contain_text("should match pattern")

    await page.get_by_label("Password").fill("short")
    await page.locator("#auth-submit").click()
    await expect(page.locator("#auth-password-error")).to_contain_text("at least 8 characters")


async def test_session_survives_reload_until_log_out(chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    await chat.send("/tally")
    await expect(chat.bot_messages()).to_have_count(1)

    await page.reload()
    await expect(chat.bot_messages().last.locator(".bubble")).to_have_text("Count 1.")
    await expect(page.locator("#user-name")).to_have_text("Robin")

    await page.get_by_role("button", name="Log out").click()
    await expect(page.locator("#auth")).to_be_visible()
    assert await page.evaluate("localStorage.length") == 0
    await page.reload()
    await expect(page.locator("#auth")).to_be_visible()


async def test_rejected_token_returns_to_log_in(chat: ChatPage) -> None:
    page = chat.page
    stale = {"token": "not-a-token", "expiresAt": None, "user": {"email": "a@example.com"}}
    await page.evaluate("s => localStorage.setItem('coachbot.session', s)", json.dumps(stale))
    await page.reload()
    await expect(page.locator("#auth")).to_be_visible()
    await expect(page.locator("#auth-error")).to_have_text(
        "Your session has expired or is invalid; sign in again."
    )
    assert await page.evaluate("localStorage.length") == 0
