"""Goal cards on the chat page: the draft preview, the goal's progress bar and details, and the
Pause/Resume/Delete buttons that call the REST API, against the running service."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
from playwright.async_api import Locator, expect

from tests.web.conftest import ChatPage, OpenPage

GOAL_ID = "0123456789abcdef0123456789abcdef"

SAMPLE_GOAL: dict[str, Any] = {
    "id": GOAL_ID,
    "title": "Ruck 50 km this month",
    "description": "50 km of rucking in August",
    "metric": "distance_km_total",
    "target_value": 50.0,
    "unit": "km",
    "display_unit": "km",
    "display_target": 50.0,
    "window": "monthly",
    "constraints": {},
    "start_at": "2025-08-01T00:00:00Z",
    "end_at": "2025-09-01T00:00:00Z",
    "deadline_at": None,
    "status": "active",
    "created_at": "2025-08-01T08:00:00Z",
    "updated_at": "2025-08-14T08:00:00Z",
    "progress": {
        "current_value": 32.5,
        "progress_percent": 65.0,
        "display_current": 32.5,
        "display_target": 50.0,
        "remaining_value": 17.5,
        "window_start": "2025-08-01T00:00:00Z",
        "window_end": "2025-09-01T00:00:00Z",
        "expected_progress": 0.45,
        "delta": 0.2,
        "pace": "ahead",
        "eta": "2025-08-22T10:00:00Z",
        "needed_today": 0.0,
        "streak_current": 3,
        "streak_best": 5,
        "days_since_last_contribution": 0,
        "period_key": "2025-08",
        "last_evaluated_at": "2025-08-14T08:00:00Z",
    },
    "next_reminder_at": "2025-08-15T05:30:00Z",
    "events": [],
}

RENDER = """async (card) => {
  const { renderCard } = await import("/static/cards.js");
  await import("/static/goals.js");
  const host = document.createElement("div");
  host.className = "cards";
  document.body.prepend(host);
  host.append(renderCard(card, { onChoose: () => {}, token: () => "not-a-token" }));
}"""
"""Renders one card at the top of the page, as the message list would."""


@pytest.fixture
async def chat(service: Any, open_page: OpenPage) -> AsyncIterator[ChatPage]:
    yield await open_page(service.base_url)


@pytest.fixture
def goals_skill(service: Any) -> None:
    """The chat path needs the goals skill in the running service."""
    if not any(skill.name == "goals" for skill in service.runtime.engine.skills):
        pytest.skip("the goals skill is not installed (entry point coachbot.skills: goals)")


async def token_of(chat: ChatPage) -> str:
    stored = await chat.page.evaluate("localStorage.getItem('coachbot.session')")
    token: str = json.loads(stored)["token"]
    return token


async def call(
    service: Any, method: str, path: str, token: str, body: Any = None
) -> tuple[int, Any]:
    """The REST API as that user, outside the browser: (status, JSON body or None)."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession(service.base_url) as http,
        http.request(method, f"/api/v1{path}", json=body, headers=headers) as response,
    ):
        data = await response.json() if response.status != 204 else None
        return response.status, data


def goal_card(chat: ChatPage) -> Locator:
    return chat.bot_messages().last.locator("article.card-goal")


async def render(chat: ChatPage, card: dict[str, Any]) -> Locator:
    await chat.page.evaluate(RENDER, card)
    return chat.page.locator("body > .cards article.card").first


def goal_message(goal: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "goal", "title": goal["title"], "fields": [], "actions": [], "data": goal}


# the whole path, with the goals skill


@pytest.mark.usefixtures("goals_skill")
async def test_goal_from_preview_to_delete(service: Any, chat: ChatPage) -> None:
    page = chat.page
    await chat.register()
    token = await token_of(chat)

    await chat.send("ruck 50 km this month")
    preview = chat.bot_messages().last.locator("article.card-goal_preview")
    await expect(preview.locator(".badge")).to_have_text("Draft")
    await expect(preview.locator("tr", has_text="Target")).to_contain_text("50 km")

    await preview.get_by_role("button", name="Create it").click()
    created = goal_card(chat)
    bar = created.get_by_role("progressbar")
    await expect(bar).to_have_attribute("aria-valuenow", "0")
    await expect(bar).to_have_attribute("aria-valuemin", "0")
    await expect(bar).to_have_attribute("aria-valuemax", "100")
    await expect(bar).to_have_accessible_name("0 of 50 km")
    await expect(created.locator(".goal-header .badge")).to_have_text("Active")
    goal_id = await created.get_attribute("data-goal-id")
    assert goal_id

    workout = {"id": "w1", "started_at": datetime.now(UTC).isoformat(), "distance_km": 10}
    status, _ = await call(service, "POST", "/workouts", token, workout)
    assert status == 200
    await chat.send("/goal")
    card = goal_card(chat)
    await expect(card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "20")
    await expect(card.get_by_role("progressbar")).to_have_accessible_name("10 of 50 km")
    await expect(card.locator(".progress-text")).to_contain_text("20%")

    await card.get_by_role("button", name="Pause").click()
    # Every card of this goal on the page shows it paused, and the API agrees.
    cards = page.locator(f'article.card-goal[data-goal-id="{goal_id}"]')
    await expect(cards.locator(".goal-header .badge")).to_have_text(["Paused", "Paused"])
    await expect(goal_card(chat).get_by_role("button", name="Resume")).to_be_focused()
    status, goal = await call(service, "GET", f"/goals/{goal_id}", token)
    assert (status, goal["status"]) == (200, "paused")

    page.once("dialog", lambda dialog: dialog.accept())
    await goal_card(chat).get_by_role("button", name="Delete").click()
    await expect(cards.locator(".goal-header .badge")).to_have_text(["Deleted", "Deleted"])
    await expect(cards.get_by_role("button")).to_have_count(0)
    status, _ = await call(service, "GET", f"/goals/{goal_id}", token)
    assert status == 404
    assert chat.foreign_urls() == []
    assert chat.errors == []


@pytest.mark.usefixtures("goals_skill")
async def test_failed_action_shows_the_api_message_in_the_card(
    service: Any, chat: ChatPage
) -> None:
    await chat.register()
    token = await token_of(chat)
    await chat.send("ruck 50 km this month")
    await chat.bot_messages().last.get_by_role("button", name="Create it").first.click()
    card = goal_card(chat)
    goal_id = await card.get_attribute("data-goal-id")
    status, _ = await call(service, "DELETE", f"/goals/{goal_id}", token)
    assert status == 204
    _, answer = await call(service, "GET", f"/goals/{goal_id}", token)

    await card.get_by_role("button", name="Pause").click()
    await expect(card.get_by_role("alert")).to_have_text(answer["error"]["message"])
    await expect(card.get_by_role("button", name="Pause")).to_be_enabled()
    await expect(card.locator(".goal-header .badge")).to_have_text("Active")
    assert [e for e in chat.errors if "Failed to load resource" not in e] == []


@pytest.mark.usefixtures("goals_skill")
async def test_goal_cards_in_the_history_show_the_goal_as_it_is_now(
    service: Any, chat: ChatPage
) -> None:
    await chat.register()
    token = await token_of(chat)
    ids = []
    for text in ("ruck 50 km this month", "walk 100 km this month"):
        await chat.send(text)
        await chat.bot_messages().last.get_by_role("button", name="Create it").first.click()
        ids.append(await goal_card(chat).get_attribute("data-goal-id"))
    ruck, walk = ids
    workout = {"id": "w1", "started_at": datetime.now(UTC).isoformat(), "distance_km": 10,
               "activity": "ruck"}  # fmt: skip
    assert (await call(service, "POST", "/workouts", token, workout))[0] == 200
    assert (await call(service, "DELETE", f"/goals/{walk}", token))[0] == 204

    await chat.page.reload()
    ruck_card = chat.page.locator(f'article.card-goal[data-goal-id="{ruck}"]')
    walk_card = chat.page.locator(f'article.card-goal[data-goal-id="{walk}"]')
    await expect(ruck_card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "20")
    await expect(walk_card.locator(".goal-header .badge")).to_have_text("Deleted")
    await expect(walk_card.get_by_role("button")).to_have_count(0)
    assert chat.errors == []


# the renderers alone, on sample cards


async def test_goal_card_shows_pace_eta_streak_and_reminder(chat: ChatPage) -> None:
    card = await render(chat, goal_message(SAMPLE_GOAL))
    await expect(card.get_by_role("heading")).to_have_text("Ruck 50 km this month")
    bar = card.get_by_role("progressbar")
    await expect(bar).to_have_attribute("aria-valuenow", "65")
    await expect(bar).to_have_accessible_name("32.5 of 50 km")
    await expect(card.locator(".progress-text")).to_have_text("32.5 of 50 km · 65%Ahead")
    assert await card.locator(".progress-fill").evaluate("el => el.style.width") == "65%"
    await expect(card.locator("tr", has_text="Streak")).to_have_text("Streak🔥 3 days")
    await expect(card.locator("tr", has_text="ETA")).to_contain_text("22")
    # 05:30 UTC is 07:30 in the browser's zone (Europe/Berlin in summer)
    await expect(card.locator("tr", has_text="Next reminder")).to_contain_text("07:30")
    await expect(card.get_by_role("button")).to_have_text(["Pause", "Delete"])
    assert chat.errors == []


async def test_an_eta_after_the_window_says_so(chat: ChatPage) -> None:
    late = copy.deepcopy(SAMPLE_GOAL)
    late["progress"].update(eta="2025-09-20T10:00:00Z", on_pace_to_finish=False, pace="behind")
    late["progress"]["window_end"] = "2025-08-31T22:00:00Z"  # midnight in Berlin, the page's zone
    card = await render(chat, goal_message(late))
    eta = card.locator("tr", has_text="ETA")
    await expect(eta).to_contain_text("20")
    await expect(eta).to_contain_text("— after")
    await expect(eta).to_contain_text("31")  # the window's last day, 31 August
    await expect(eta).to_contain_text("at this pace")
    on_time = await render(chat, goal_message(SAMPLE_GOAL))
    await expect(on_time.locator("tr", has_text="ETA")).not_to_contain_text("at this pace")


async def test_paused_goal_without_streak_or_progress(chat: ChatPage) -> None:
    goal = copy.deepcopy(SAMPLE_GOAL)
    goal["status"] = "paused"
    goal["progress"]["streak_current"] = 0
    card = await render(chat, goal_message(goal))
    await expect(card.locator(".goal-header .badge")).to_have_text("Paused")
    await expect(card.locator(".pace-ahead")).to_have_count(0)
    await expect(card.locator("tr")).to_have_count(0)  # no streak; ETA and reminder: active only
    await expect(card.get_by_role("button")).to_have_text(["Resume", "Delete"])

    goal["progress"] = None
    card = await render(chat, goal_message(goal))
    await expect(card.get_by_role("progressbar")).to_have_count(0)
    await expect(card.locator(".goal-note")).to_have_text("No progress yet.")


async def test_card_text_is_never_markup(chat: ChatPage) -> None:
    goal = {**SAMPLE_GOAL, "title": '<img src="x" id="injected"> Ruck'}
    card = await render(chat, goal_message(goal))
    await expect(card.get_by_role("heading")).to_have_text('<img src="x" id="injected"> Ruck')
    await expect(chat.page.locator("#injected")).to_have_count(0)


async def test_cards_without_the_data_they_need_fall_back_to_the_generic_card(
    chat: ChatPage,
) -> None:
    field = {"label": "Progress", "value": "10 of 50 km (20%)"}
    partial = {"kind": "goal", "title": "Ruck", "fields": [field], "data": {"id": GOAL_ID}}
    card = await render(chat, partial)
    await expect(card.get_by_role("progressbar")).to_have_count(0)
    await expect(card.locator("tr")).to_have_text("Progress10 of 50 km (20%)")

    preview = {"kind": "goal_preview", "title": "Ruck", "fields": [field], "data": None}
    card = await render(chat, preview)
    await expect(card.locator(".badge")).to_have_count(0)
    await expect(card.get_by_role("heading")).to_have_text("Ruck")
    assert chat.errors == []


async def test_unauthorised_action_is_reported_in_the_card(chat: ChatPage) -> None:
    card = await render(chat, goal_message(SAMPLE_GOAL))
    await card.get_by_role("button", name="Pause").click()
    await expect(card.get_by_role("alert")).not_to_be_empty()
    await expect(card.get_by_role("button", name="Pause")).to_be_enabled()
    assert [e for e in chat.errors if "Failed to load resource" not in e] == []
