"""The plan builder on the plan page against the running service: a plan from the form, the
honest verdict on an impossible goal, risk mode only behind its acknowledgement, several goals
side by side, and a bad date answered with the server's message."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from playwright.async_api import Page, expect

from tests.web.conftest import ChatPage, OpenPage


def in_weeks(weeks: int) -> str:
    """A Sunday about ``weeks`` weeks from the next Monday (the form's default start)."""
    monday = date.today() + timedelta(days=7 - date.today().weekday())
    return (monday + timedelta(weeks=weeks, days=-1)).isoformat()


async def open_builder(service: Any, open_page: OpenPage) -> ChatPage:
    chat = await open_page(service.base_url)
    await chat.register()
    await chat.page.get_by_role("button", name="Plan").click()
    await expect(chat.page.get_by_role("heading", name="New plan")).to_be_visible()
    return chat


async def fill_goal(page: Page, n: int, race: str, day: str, time: str = "") -> None:
    await page.locator(f"#goal-{n}-distance").select_option(label=race)
    await page.locator(f"#goal-{n}-date").fill(day)
    await page.locator(f"#goal-{n}-time").fill(time)


async def test_a_plan_built_from_the_form(service: Any, open_page: OpenPage) -> None:
    chat = await open_builder(service, open_page)
    page = chat.page
    await fill_goal(page, 1, "Half marathon", in_weeks(16), "1:45:00")
    await page.get_by_label("A recent race (optional)").select_option(label="10K")
    await page.get_by_label("Its time (h:mm:ss)").fill("50:00")
    await page.get_by_role("button", name="Preview").click()

    verdict = page.locator(".builder-verdict")
    await expect(verdict).to_contain_text("readiness")
    card = page.locator('.builder-goal-card[data-goal="goal-1"]')
    await expect(card).to_contain_text("priority A")
    await expect(card.locator('[data-target="finish_time"]')).to_contain_text("Finish time: ")
    await expect(card.locator('[data-target="finish_time"]')).to_contain_text("projected 1:")
    await expect(page.locator(".builder-label")).to_have_count(0)  # safe mode: no risk labels

    await page.get_by_role("button", name="Create plan").click()
    await expect(page.locator("#plan-title")).to_contain_text("Half marathon on ")
    await expect(page.locator(".plan-day")).to_have_count(28)
    assert chat.errors == [e for e in chat.errors if "404 (Not Found)" in e]
    assert chat.foreign_urls() == []


async def test_an_impossible_goal_and_risk_mode_behind_its_acknowledgement(
    service: Any, open_page: OpenPage
) -> None:
    chat = await open_builder(service, open_page)
    page = chat.page
    await fill_goal(page, 1, "Marathon", in_weeks(10), "2:30:00")
    await page.get_by_label("Level").select_option("beginner")
    preview = page.get_by_role("button", name="Preview")
    await preview.click()
    verdict = page.locator(".builder-verdict")
    await expect(verdict).to_contain_text("Infeasible · readiness ")
    text = await verdict.text_content() or ""
    assert int(text.split("readiness ")[1].split("/")[0]) <= 40

    await page.get_by_label("Risk accepted (advanced)").check()
    await expect(preview).to_be_disabled()
    await expect(page.get_by_role("button", name="Create plan")).to_be_disabled()
    await page.get_by_label("I understand that this plan").check()
    await expect(preview).to_be_enabled()
    await preview.click()
    labels = page.locator(".builder-label")
    await expect(labels).to_have_text(
        [
            "Readiness optimized via risk-accepted settings",
            "Feasibility under safe defaults: infeasible",
        ]
    )
    await expect(verdict).to_contain_text("risk extreme")
    await expect(page.locator(".builder-acceptance")).to_contain_text("Risk accepted on ")
    lifted = page.locator(".builder-overrides li")
    await expect(lifted.first).to_be_visible()
    assert all("_" not in (t or "") for t in await lifted.all_text_contents())  # words, not codes
    await expect(page.locator(".plan-warning")).to_contain_text("outside the safe")

    # back to safe mode: the box is cleared and the plan is safe again
    await page.get_by_label("Safe default (recommended)").check()
    await expect(page.get_by_label("I understand that this plan")).to_be_hidden()
    await preview.click()
    await expect(verdict).to_contain_text("risk low")


async def test_two_goals_side_by_side_and_a_date_in_the_past(
    service: Any, open_page: OpenPage
) -> None:
    chat = await open_builder(service, open_page)
    page = chat.page
    await fill_goal(page, 1, "Half marathon", in_weeks(16))
    await page.get_by_role("button", name="Add another goal").click()
    await fill_goal(page, 2, "10K", in_weeks(8), "48:00")
    await page.get_by_role("button", name="Preview").click()
    await expect(page.locator(".builder-goal-card")).to_have_count(2)
    tune_up = page.locator('.builder-goal-card[data-goal="goal-2"]')
    await expect(tune_up).to_contain_text("priority B")
    await expect(tune_up.locator('[data-target="finish_time"]')).to_be_visible()
    half = page.locator('.builder-goal-card[data-goal="goal-1"]')
    await expect(half.locator('[data-target="completion_probability"]')).to_contain_text(
        "Finish strong: "
    )

    last_monday = date.today() - timedelta(days=date.today().weekday() + 7)
    await page.locator("#plan-start").fill(last_monday.isoformat())
    await page.get_by_role("button", name="Create plan").click()
    error = page.locator(".builder .form-error")
    await expect(error).to_be_visible()
    await expect(error).to_contain_text("past")
    await expect(page.get_by_role("heading", name="No plan yet")).to_be_visible()  # nothing saved
