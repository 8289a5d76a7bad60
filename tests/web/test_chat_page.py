"""The chat page against the running service: register, chat, tap a suggestion, nothing external."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.async_api import expect

from tests.web.conftest import ChatPage, OpenPage, eventually


async def test_register_chat_and_tap_a_chip(
    service: Any, open_page: OpenPage, tmp_path: Path, record_property: Any
) -> None:
    chat: ChatPage = await open_page(service.base_url)
    page = chat.page
    await expect(page.get_by_label("Time zone", exact=True)).to_have_value("Europe/Berlin")
    await chat.register()

    await chat.send("hi")
    first = chat.bot_messages().first
    await expect(first.locator(".chips button").first).to_be_visible()
    finals = chat.responses("final")
    assert len(finals) == 1
    await expect(first.locator(".bubble")).to_have_text(finals[0]["message"]["text"])

    chip = first.locator(".chips button").first
    value = await chip.get_attribute("title")
    await chip.click()
    await expect(page.locator("li.msg.user").last.locator(".bubble")).to_have_text(value or "")
    await expect(chat.bot_messages()).to_have_count(2)
    await expect(first.locator(".chips")).to_have_count(0)
    await eventually(lambda: len(chat.responses("final")) == 2)
    await expect(chat.bot_messages().last.locator(".bubble")).to_have_text(
        chat.responses("final")[1]["message"]["text"]
    )
    await expect(page.locator("#typing")).to_be_hidden()

    screenshot = tmp_path / "chat-page.png"
    await page.screenshot(path=screenshot, full_page=True)
    record_property("screenshot", str(screenshot))
    print(f"screenshot: {screenshot}")

    assert chat.foreign_urls() == []
    assert chat.errors == []


async def test_rejected_token_returns_to_log_in(service: Any, open_page: OpenPage) -> None:
    chat = await open_page(service.base_url)
    page = chat.page
    stale = {"token": "expired-or-forged", "expiresAt": None, "user": {"email": "a@example.com"}}
    await page.evaluate("s => localStorage.setItem('coachbot.session', s)", json.dumps(stale))
    await page.reload()
    await expect(page.locator("#auth")).to_be_visible()
    await expect(page.locator("#auth-error")).not_to_be_empty()
    assert await page.evaluate("localStorage.getItem('coachbot.session')") is None


async def test_streamed_reply_and_a_cut_stream(service: Any, open_page: OpenPage) -> None:
    """The test skills' /stream answers word by word; "/stream leak" slips a link in, so the
    server cuts the stream and the final message carries the safe text instead."""
    chat = await open_page(service.base_url)
    await chat.register()

    await chat.send("/stream")
    await expect(chat.bot_messages().last.locator(".bubble")).to_have_text(
        "Easy run today, then rest."
    )
    assert len(chat.responses("chunk")) > 1

    await chat.send("/stream leak")
    await eventually(lambda: len(chat.responses("final")) == 2)
    cut = chat.responses("final")[1]
    streamed = "".join(c["text"] for c in chat.responses("chunk") if c["turn_id"] == cut["turn_id"])
    final = cut["message"]["text"]
    assert streamed and not final.startswith(streamed)  # the final text replaced the stream
    await expect(chat.bot_messages().last.locator(".bubble")).to_have_text(final)
    await expect(chat.bot_messages()).to_have_count(2)
    assert chat.errors == []
