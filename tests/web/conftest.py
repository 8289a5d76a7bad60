"""A headless Chromium (Debian's, never a downloaded one) and pages that record what they load."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright import async_api

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HAVE_CHROMIUM = CHROMIUM.exists()
TIMEOUT_MS = 10_000
PASSWORD = "correct horse"


@dataclass
class ChatPage:
    """An open page and what it did: every URL it requested, the socket.io events it received
    over websockets, and any errors it logged."""

    page: async_api.Page
    base_url: str
    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    events: list[tuple[str, Any]] = field(default_factory=list)

    def on_websocket(self, ws: async_api.WebSocket) -> None:
        self.urls.append(ws.url)
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        # Engine.IO "4" (message) + Socket.IO "2" (event) + JSON [name, data]
        if isinstance(payload, str) and payload.startswith("42"):
            name, *args = json.loads(payload[2:])
            self.events.append((name, args[0] if args else None))

    def responses(self, kind: str) -> list[dict[str, Any]]:
        return [e for name, e in self.events if name == "response" and e.get("type") == kind]

    def foreign_urls(self) -> list[str]:
        """URLs outside the service's origin (websockets count as the same origin)."""
        origin = urlsplit(self.base_url)
        ws = "wss" if origin.scheme == "https" else "ws"
        same = {(origin.scheme, origin.netloc), (ws, origin.netloc)}
        return [u for u in self.urls if (urlsplit(u).scheme, urlsplit(u).netloc) not in same]

    async def register(self, email: str | None = None) -> str:
        """Creates an account through the form and waits for the chat; returns the email."""
        email = email or f"web-{uuid.uuid4().hex[:10]}@example.com"
        page = self.page
        await page.get_by_role("button", name="Create account").click()
        await page.get_by_label("Name").fill("Robin")
        await page.get_by_label("Email").fill(email)
        await page.get_by_label("Password").fill(PASSWORD)
        await page.locator("#auth-submit").click()
        await async_api.expect(page.locator("#status")).to_have_text("Connected")
        return email

    async def send(self, text: str) -> None:
        await self.page.get_by_label("Message", exact=True).fill(text)
        await self.page.get_by_label("Message", exact=True).press("Enter")

    def bot_messages(self) -> async_api.Locator:
        return self.page.locator("#messages li.msg.bot")


async def eventually(check: Callable[[], object], timeout: float = TIMEOUT_MS / 1000) -> None:
    """Waits until ``check()`` is truthy (for things outside the page, like received events)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {check}")
        await asyncio.sleep(0.05)


OpenPage = Callable[[str], Awaitable[ChatPage]]


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[async_api.Browser]:
    if not HAVE_CHROMIUM:
        pytest.skip(f"web page tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        await browser.close()


@pytest.fixture
async def open_page(browser: async_api.Browser) -> AsyncIterator[OpenPage]:
    """``await open_page(base_url)``: a fresh browser context (empty storage) on the chat page."""
    contexts: list[async_api.BrowserContext] = []

    async def open_(base_url: str) -> ChatPage:
        context = await browser.new_context(
            viewport={"width": 900, "height": 900}, timezone_id="Europe/Berlin"
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        page = await context.new_page()
        opened = ChatPage(page, base_url)
        page.on("request", lambda request: opened.urls.append(request.url))
        page.on("websocket", opened.on_websocket)
        page.on("pageerror", lambda error: opened.errors.append(f"uncaught: {error}"))
        page.on(
            "console",
            lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None,
        )
        await page.goto(base_url)
        return opened

    yield open_
    for context in contexts:
        await context.close()
