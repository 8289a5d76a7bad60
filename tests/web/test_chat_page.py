"""The chat page against the running service: register, chat, tap a suggestion, nothing external."""

from __future__ import annotations

from typing import Any

from playwright.async_api import expect

from tests.web.conftest import ChatPage, OpenPage, eventually


async def test_register_chat_and_tap_a_chip(
    service: Any, open_page: OpenPage, tmp_path, record_property: Any
) -> None:
    chat: ChatPage = await open_page(service.base_url)
    page = chat.page
    await expect(page.get_by_label("Time zone", exact=True)).to_have_value("Europe/Berlin")
    await chat.register()

    await chat.send("hi")
    first = chat.bot_messages().last
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
    print(f"response events: {[e.get('type') for n, e in chat.events if n == 'response']}")

    assert chat.foreign_urls() == []
    assert chat.errors == []

