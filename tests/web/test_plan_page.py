"""The plan page against the running service: the weekly load chart, the calendar with each
session's status, and Done / Skip buttons that call the plans API."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import aiohttp
from playwright.async_api import expect

from tests.web.conftest import ChatPage, OpenPage


async def token_of(chat: ChatPage) -> str:
    stored = await chat.page.evaluate("localStorage.getItem('coachbot.session')")
    token: str = json.loads(stored)["token"]
    return token


def ten_k_request() -> dict[str, Any]:
    start = date.today() + timedelta(days=7 - date.today().weekday())
    return {
        "goals": [{
            "id": "spring-10k", "sport": "run", "priority": "A", "distance_m": 10000,
            "event_date_iso": (start + timedelta(weeks=9, days=6)).isoformat(),
            "targets": [{"kind": "finish_time", "value_seconds": 2880}],
        }],
        "athlete": {"level": "novice", "available_days_per_week": 4,
                    "run": {"vdot": 42, "weekly_tss": [220, 230, 240, 235]}},
        "start_date": start.isoformat(),
    }  # fmt: skip


async def create_plan(service: Any, token: str) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession(service.base_url) as http,
        http.post("/api/v1/plans", json=ten_k_request(), headers=headers) as response,
    ):
        assert response.status == 201, await response.text()
        plan: dict[str, Any] = await response.json()
        return plan


async def test_the_plan_page_shows_the_chart_and_the_calendar(
    service: Any, open_page: OpenPage
) -> None:
    chat = await open_page(service.base_url)
    await chat.register()
    page = chat.page

    await page.get_by_role("button", name="Plan").click()
    await expect(page.get_by_role("heading", name="No plan yet")).to_be_visible()

    plan = await create_plan(service, await token_of(chat))
    await page.get_by_role("button", name="Chat").click()
    await page.get_by_role("button", name="Plan").click()
    await expect(page.get_by_role("heading", name=plan["name"])).to_be_visible()
    summary = page.locator(".plan-summary")
    await expect(summary).to_contain_text("readiness")

    weeks = len(plan["projection"]["weeks"])
    await expect(page.locator(".plan-chart svg rect > title")).to_have_count(weeks)
    await expect(page.locator(".plan-chart svg polyline")).to_have_count(2)

    days = page.locator(".plan-day")
    await expect(days).to_have_count(28)
    first_run = page.locator(".plan-session.status-planned").first
    title = await first_run.locator(".plan-session-title").text_content()
    session_id = await first_run.get_attribute("data-session")
    await first_run.get_by_role("button", name="Skip").click()
    skipped = page.locator(f'.plan-session[data-session="{session_id}"]')
    await expect(skipped).to_have_class("plan-session status-skipped")
    await expect(skipped.locator(".plan-session-title")).to_have_text(title or "")
    await expect(page.locator(".plan-summary")).to_contain_text("rebuilt 1×")
    # The one failed load is the "no plan yet" answer (404) the page asked for first.
    assert [e for e in chat.errors if "404 (Not Found)" not in e] == []
    assert chat.foreign_urls() == []
