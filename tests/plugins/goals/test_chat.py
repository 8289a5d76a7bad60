"""Whole chats with the goals skill, read like the conversations they check."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.skill import UserProfile
from plugins.goals.store import GOALS
from storage.workouts import WORKOUTS

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)


@pytest.fixture
async def chat(make_engine, clock) -> Any:
    clock.now = NOW
    engine = await make_engine([])
    user = UserProfile(user_id=f"u{id(engine)}", tz="Europe/Berlin")

    async def say(text: str) -> Any:
        return await engine.handle(user, text)

    say.engine = engine  # type: ignore[attr-defined]
    say.user = user  # type: ignore[attr-defined]
    return say


def card_kinds(result: Any) -> list[str]:
    return [card.kind for card in result.reply.cards]


async def stored_goals(chat: Any) -> list[dict[str, Any]]:
    db = chat.engine.db
    return await db[GOALS].find({"user_id": chat.user.user_id}).to_list(None)


async def test_a_goal_in_one_message(chat) -> None:
    preview = await chat("I want to ruck 50 km this month with a 20 lb pack")
    assert preview.route == "intent" and preview.outcome == "goals"
    assert card_kinds(preview) == ["goal_preview"]
    card = preview.reply.cards[0]
    fields = {f.label: f.value for f in card.fields}
    assert fields["Target"] == "50 km" and "pack ≥ 20 lb" in fields["Constraints"]
    assert fields["Counts from"] == "Sun 1 Nov 2026" and fields["Ends"] == "Mon 30 Nov 2026"
    assert any(chip.label == "Create it" for chip in preview.reply.chips)

    created = await chat("Yes, create it")
    assert card_kinds(created) == ["goal"]
    assert "is set" in created.reply.text
    [goal] = await stored_goals(chat)
    assert goal["metric"] == "distance_km_total" and goal["target_value"] == pytest.approx(50)
    assert goal["status"] == "active"


async def test_a_goal_needing_two_clarifiers(chat) -> None:
    first = await chat("I want to ruck 50")
    assert first.reply.flow is not None and first.reply.chips, first.reply.text
    second = await chat("miles")
    assert second.reply.flow is not None and second.reply.chips, second.reply.text
    preview = await chat("this month")
    assert card_kinds(preview) == ["goal_preview"], preview.reply.text
    assert preview.reply.cards[0].data["display_unit"] == "mi"
    assert preview.reply.cards[0].data["window"] == "monthly"


async def test_editing_and_pausing_by_chat(chat) -> None:
    await chat("ruck 50 km this month")
    await chat("yes")
    edited = await chat("make it 60 km")
    assert card_kinds(edited) == ["goal"], edited.reply.text
    [goal] = await stored_goals(chat)
    assert goal["target_value"] == pytest.approx(60)
    assert "60" in goal["title"]

    paused = await chat("pause my ruck goal")
    assert "Paused" in paused.reply.text
    [goal] = await stored_goals(chat)
    assert goal["status"] == "paused"


async def test_a_bare_number_edits_in_the_goals_own_unit(chat) -> None:
    preview = await chat("walk 100 miles this month")
    assert card_kinds(preview) == ["goal_preview"]
    smaller = await chat("let's do 80")
    card = smaller.reply.cards[0]
    assert card.data["display_target"] == 80 and card.data["display_unit"] == "mi"
    assert "80 miles" in card.title and "80 miles" in card.subtitle  # no word of the old 100
    await chat("yes")
    edited = await chat("make it 70")
    assert card_kinds(edited) == ["goal"], edited.reply.text
    [goal] = await stored_goals(chat)
    assert goal["display_unit"] == "mi" and goal["target_value"] == pytest.approx(70 * 1.609344)
    assert "70 miles" in goal["title"]


async def test_a_workout_told_in_chat_is_logged_and_moves_the_goal(chat) -> None:
    await chat("ruck 50 km this month")
    await chat("yes")
    logged = await chat("Just rucked 8 miles with a 30 lb pack")
    assert logged.outcome == "goals" and logged.reply.text.startswith("Logged your ruck today")
    assert "8 miles" in logged.reply.text and "30 lb" in logged.reply.text
    assert card_kinds(logged) == ["goal"]
    assert logged.reply.cards[0].data["progress"]["display_current"] == pytest.approx(12.9)
    fields = {f.label: f.value for f in logged.reply.cards[0].fields}
    # 12.9 km in the month's first 18 days: 50 km comes long after the month ends.
    assert fields["ETA"].endswith("— after Mon 30 Nov 2026, at this pace")
    # An even pace would be at 30 km by tonight (18 of 30 days): 17.1 km more.
    assert fields["Pace"] == "Well behind — 17.1 km today gets you back on pace"

    elsewhere = await chat("I ran 5 km yesterday")
    assert "Logged your run yesterday" in elsewhere.reply.text
    assert not elsewhere.reply.cards and "None of your active goals" in elsewhere.reply.text

    too_much = await chat("I ran 5000 km today")
    assert "check the numbers" in too_much.reply.text
    workouts = await chat.engine.db[WORKOUTS].find({"user_id": chat.user.user_id}).to_list(None)
    by_activity = {w["activity"]: w for w in workouts}
    assert len(workouts) == 2 and set(by_activity) == {"ruck", "run"}
    assert by_activity["ruck"]["distance_km"] == pytest.approx(12.875, abs=0.001)
    assert by_activity["ruck"]["load_kg"] == pytest.approx(13.61, abs=0.01)
    assert by_activity["run"]["local_date"] == "2026-11-17"  # the day before, in Berlin

    wish = await chat("I want to run 5 km this week")
    assert card_kinds(wish) == ["goal_preview"], wish.reply.text  # a wish is a goal, not a log


async def test_a_workout_told_while_a_goal_is_drafted_is_logged_and_the_draft_waits(
    chat,
) -> None:
    question = await chat("I want to ruck 50 km")
    assert "time frame" in question.reply.text
    logged = await chat("I rucked 5 km with a 20 lb pack yesterday")
    assert logged.reply.text.startswith("Logged your ruck yesterday"), logged.reply.text
    assert "Your new goal is still waiting" in logged.reply.text
    assert "want to set one" not in logged.reply.text
    workouts = await chat.engine.db[WORKOUTS].find({"user_id": chat.user.user_id}).to_list(None)
    assert [w["activity"] for w in workouts] == ["ruck"]

    preview = await chat("this month")  # the draft picked up where it was
    assert card_kinds(preview) == ["goal_preview"], preview.reply.text
    created = await chat("yes")
    [goal] = await stored_goals(chat)
    assert goal["status"] == "active"
    progress = created.reply.cards[0].data["progress"]
    assert progress["display_current"] == pytest.approx(5.0)  # yesterday's ruck counts


async def test_off_topic_mid_flow_is_declined_and_the_goal_waits(chat) -> None:
    question = await chat("ruck 50 km")
    assert question.reply.flow is not None
    aside = await chat("what's the capital of France?")
    assert aside.reply.refused and aside.outcome == "refused"
    assert "Paris" not in aside.reply.text
    preview = await chat("this month")
    assert card_kinds(preview) == ["goal_preview"]
    assert preview.reply.cards[0].data["target_value"] == pytest.approx(50)


async def test_the_flow_ends_after_six_turns(chat) -> None:
    await chat("walk 100 km this month")
    replies = [await chat(text) for text in ["use mi", "use km", "use mi", "use km", "use mi"]]
    assert all(card_kinds(r) == ["goal_preview"] for r in replies)
    over = await chat("use km")
    assert "flow_exhausted" in over.flags or "flow_exhausted" in over.reply.flags
    assert not over.reply.cards
    assert await stored_goals(chat) == []


async def test_not_a_goal_gets_templates_and_vague_wishes_get_suggestions(chat) -> None:
    vague = await chat("What's a good first goal for someone who just bought a rucksack?")
    assert not vague.reply.refused and vague.reply.chips
    listing = await chat("/goal")
    assert "no goals yet" in listing.reply.text


async def test_asking_how_goals_are_going_shows_them(chat) -> None:
    empty = await chat("show my goals")
    assert empty.outcome == "goals" and empty.reply.text.startswith("You have no goals yet")
    for text in ["ruck 50 km this month", "yes", "run 3 times a week", "yes"]:
        await chat(text)
    titles = ["Ruck 50 km this month", "Run 3 times a week"]
    for text in ["show my goals", "what's my progress?", "my goals", "/goal list", "/goal"]:
        listed = await chat(text)
        assert listed.outcome == "goals", text
        assert sorted(c.title for c in listed.reply.cards) == titles, text
    ruck = await chat("how's my ruck goal going?")
    assert [c.title for c in ruck.reply.cards] == ["Ruck 50 km this month"]
    assert await stored_goals(chat) and len(await stored_goals(chat)) == 2  # nothing drafted
