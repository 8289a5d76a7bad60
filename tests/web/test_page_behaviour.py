"""How the page handles each part of the client contract, against the contract stub, whose replies
the test picks: streaming, cards, refusals, errors, history, pushes, sessions and reconnects."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import expect

from tests.web.conftest import ChatPage, OpenPage, eventually
from tests.web.contract_stub import ContractStub


@pytest.fixture
async def chat(stub: ContractStub, open_page: OpenPage) -> AsyncIterator[ChatPage]:
    opened = await open_page(stub.base_url)
    yield opened
    stub.gate.set()  # never leave a held reply behind
    stub.gate.clear()


def websockets(chat: ChatPage) -> list[str]:
    return [u for u in chat.urls if u.startswith("ws")]


def sent(stub: ContractStub, email: str, text: str) -> int:
    return sum(1 for m in stub.user(email).received if m.get("text") == text)


async def test_reply_streams_in_then_shows_its_card(stub: ContractStub, chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    await chat.send("stream slowly")

    reply = chat.bot_messages().last
    await expect(reply).to_have_class("msg bot streaming")
    await expect(reply.locator(".bubble")).to_have_text("Here's")
    await expect(page.locator("#typing")).to_be_visible()

    stub.gate.set()
    await expect(reply.locator(".bubble")).to_have_text("Here's your first week.")
    await expect(reply).to_have_class("msg bot")
    await expect(page.locator("#typing")).to_be_hidden()
    card = reply.locator("article.card")
    await expect(card.get_by_role("heading")).to_have_text("Week 1 — base building")
    await expect(card.locator(".card-subtitle")).to_have_text("3 runs, 1 strength session")
    await expect(card.locator("tr")).to_have_count(3)
    await expect(card.locator("tr").first).to_have_text("MonEasy run · 30 min")

    await card.get_by_role("button", name="Looks good").click()
    await expect(page.locator("li.msg.user").last).to_have_text("You: confirm plan")
    await expect(page.get_by_label("Message", exact=True)).to_be_focused()
    await expect(chat.bot_messages().last).to_have_text("Coach: You said: confirm plan")
    assert chat.foreign_urls() == []
    assert chat.errors == []


async def test_final_text_replaces_what_was_streamed(chat: ChatPage) -> None:
    await chat.register()
    await chat.send("cut")
    bubble = chat.bot_messages().last.locator(".bubble")
    await expect(bubble).to_have_text("Sorry, I couldn't finish that answer. Please try again.")
    assert chat.responses("chunk"), "the stub streamed chunks before the final"


async def test_history_shows_refusals_and_unstored_messages(chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    await chat.send("hi")
    await expect(chat.bot_messages().last.locator(".chips button")).to_have_count(2)
    await chat.send("write me a poem")
    refusal = chat.bot_messages().last
    await expect(refusal).to_have_class("msg bot refused")
    await expect(page.locator(".chips")).to_have_count(1)  # only the newest message's

    await page.reload()
    await expect(page.locator("#status")).to_have_text("Connected")
    items = page.locator("#messages > li")
    await expect(items).to_have_count(4)
    await expect(items.nth(0)).to_have_text("You: hi")
    await expect(items.nth(2)).to_have_class("msg user redacted")
    await expect(items.nth(2)).to_have_text("You: (message not stored)")
    await expect(items.nth(3)).to_have_class("msg bot refused")
    await expect(items.nth(3).locator(".chips button")).to_have_text(["Plan my week"])
    await expect(items.nth(1).locator(".chips")).to_have_count(0)


async def test_rate_limited_message_can_be_sent_again(stub: ContractStub, chat: ChatPage) -> None:
    email = await chat.register()
    await chat.send("too fast")
    mine = chat.page.locator("li.msg.user").last
    await expect(mine).to_have_attribute("data-state", "failed")
    await expect(mine.locator(".meta")).to_contain_text("You're sending messages quickly.")
    again = mine.get_by_role("button", name="Send again")
    await expect(again).to_be_disabled()
    await expect(again).to_be_enabled(timeout=5000)  # retry_after is 2.5 s
    await again.click()
    await expect(chat.page.get_by_label("Message", exact=True)).to_be_focused()
    await eventually(lambda: sent(stub, email, "too fast") == 2)
    await expect(chat.page.locator("li.msg.user")).to_have_count(1)


async def test_messages_typed_offline_are_sent_on_reconnect(
    stub: ContractStub, chat: ChatPage
) -> None:
    page = chat.page
    email = await chat.register()
    await page.context.set_offline(True)
    await expect(page.locator("#status")).to_have_text("Offline")
    await chat.send("hello again")
    mine = page.locator("li.msg.user").last
    await expect(mine).to_have_attribute("data-state", "queued")
    await expect(mine.locator(".meta")).to_contain_text("Waiting for a connection")
    assert sent(stub, email, "hello again") == 0

    await page.context.set_offline(False)
    await expect(page.locator("#status")).to_have_text("Connected")
    await expect(chat.bot_messages().last).to_have_text("Coach: You said: hello again")
    await expect(mine.locator(".meta")).to_have_count(0)
    assert sent(stub, email, "hello again") == 1


async def test_reply_cut_by_a_dropped_connection_arrives_after_reconnect(
    stub: ContractStub, chat: ChatPage
) -> None:
    page = chat.page
    email = await chat.register()
    await chat.send("stream slowly")
    await expect(chat.bot_messages().last.locator(".bubble")).to_have_text("Here's")

    stub.drop_connections()
    await eventually(lambda: len(websockets(chat)) == 2 and stub.connected(email))
    await expect(page.locator("#status")).to_have_text("Connected")
    stub.gate.set()

    await expect(chat.bot_messages().locator(".bubble")).to_have_text(["Here's your first week."])
    await expect(page.locator("li.msg.user")).to_have_text(["You: stream slowly"])
    await expect(page.locator("li.msg.user .meta")).to_have_count(0)
    assert sent(stub, email, "stream slowly") == 1


async def test_push_messages_appear(stub: ContractStub, chat: ChatPage) -> None:
    email = await chat.register()
    await stub.push(email, {"text": "Nice streak — 3 days in a row!", "chips": []})
    await expect(chat.page.locator("li.msg.bot.push")).to_have_text(
        "Coach: Nice streak — 3 days in a row!"
    )


async def test_older_messages_load_on_request(stub: ContractStub, chat: ChatPage) -> None:
    page = chat.page
    email = await chat.register()
    user = stub.user(email)
    for i in range(30):
        stub._store(user, "user", {"text": f"question {i}"}, turn_id=f"t{i}")
        stub._store(user, "bot", {"text": f"answer {i}"}, turn_id=f"t{i}")
    await page.reload()
    items = page.locator("#messages > li")
    await expect(items).to_have_count(50)
    await expect(items.first).to_have_text("You: question 5")
    await page.get_by_role("button", name="Load earlier messages").click()
    await expect(items).to_have_count(60)
    await expect(items.first).to_have_text("You: question 0")
    await expect(page.get_by_role("button", name="Load earlier messages")).to_be_hidden()


async def test_account_errors_are_shown(chat: ChatPage) -> None:
    page = chat.page
    email = await chat.register()
    await page.get_by_role("button", name="Log out").click()
    error = page.locator("#auth-error")

    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill("not the password")
    await page.locator("#auth-submit").click()
    await expect(error).to_have_text("Wrong email or password.")

    await page.get_by_role("button", name="Create account").click()
    await page.get_by_label("Password").fill("correct horse")
    await page.locator("#auth-submit").click()
    await expect(error).to_have_text("An account with this email already exists.")

    await page.get_by_label("Email").fill("runner@localhost")
    await page.locator("#auth-submit").click()
    await expect(error).to_have_text("Some fields need another look.")
    await expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#auth-email-error")).to_have_text(
        "value is not a valid email address"
    )

    await page.get_by_label("Password").fill("short")
    await page.locator("#auth-submit").click()
    await expect(page.locator("#auth-password-error")).to_contain_text("at least 8 characters")


async def test_session_survives_reload_until_log_out(chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    await chat.send("hi")
    await expect(chat.bot_messages()).to_have_count(1)

    await page.reload()
    await expect(chat.bot_messages().last.locator(".bubble")).to_have_text(
        "Hey! Ready to train today?"
    )
    await expect(page.locator("#user-name")).to_have_text("Robin")

    await page.get_by_role("button", name="Log out").click()
    await expect(page.locator("#auth")).to_be_visible()
    assert await page.evaluate("localStorage.length") == 0
    await page.reload()
    await expect(page.locator("#auth")).to_be_visible()


async def test_rejected_token_returns_to_log_in(chat: ChatPage) -> None:
    page = chat.page
    session = {"token": "not-a-token", "expiresAt": None, "user": {"email": "a@example.com"}}
    await page.evaluate("s => localStorage.setItem('coachbot.session', s)", json.dumps(session))
    await page.reload()
    await expect(page.locator("#auth")).to_be_visible()
    await expect(page.locator("#auth-error")).to_have_text("Please log in again.")
    assert await page.evaluate("localStorage.length") == 0
