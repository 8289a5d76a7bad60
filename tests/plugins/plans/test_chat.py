"""Whole chats with the plans skill, read like the conversations they check: a plan in one
message, a plan needing two questions, a change in the preview, the honest answer to an
impossible goal and risk mode only after an explicit acknowledgement."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from bot.skill import UserProfile
from plugins.plans.cards import ACCEPT_RISK, ASK_RISK, CREATE
from plugins.plans.model import PlanRequest
from plugins.plans.planning import make_plan
from plugins.plans.store import PLANNED, PLANS

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # a Sunday: plans start Monday 23 November


@pytest.fixture
async def chat(make_engine: Any, clock: Any) -> Any:
    clock.now = NOW
    engine = await make_engine([])
    user = UserProfile(user_id=f"p{id(engine)}", tz="Europe/Berlin")

    async def say(text: str) -> Any:
        return await engine.handle(user, text)

    say.engine = engine  # type: ignore[attr-defined]
    say.user = user  # type: ignore[attr-defined]
    return say


def fields(result: Any) -> dict[str, str]:
    [card] = result.reply.cards
    return {f.label: f.value for f in card.fields}


def chip_values(result: Any) -> list[str]:
    return [chip.value for chip in result.reply.chips]


async def stored(chat: Any, collection: str) -> list[dict[str, Any]]:
    return await chat.engine.db[collection].find({"user_id": chat.user.user_id}).to_list(None)


async def test_a_plan_in_one_message(chat: Any) -> None:
    preview = await chat(
        "plan me a half marathon on 18 April, goal 1:50, I run 4 days a week. "
        "I ran a 10k in 50:00 last month"
    )
    assert preview.outcome == "plans", preview.reply.text
    [card] = preview.reply.cards
    assert card.kind == "plan_preview" and card.title == "Half marathon on 18 April 2027"
    shown = fields(preview)
    assert shown["Feasibility"].startswith(("Feasible", "A stretch"))
    assert shown["Goal time"].startswith("1:50:00, projected ")
    assert shown["Paces"].startswith("VDOT 40.0: E ")
    assert shown["Weeks"].endswith("a taper of 2 weeks with race week")  # a half's taper
    assert shown["First week"]
    assert card.data["weeks"][0]["start"] == "2026-11-23"
    assert card.data["weeks"][-1]["kind"] == "race"
    assert card.subtitle == "21 weeks · up to 4 days a week · starts Mon 23 Nov 2026"
    assert chip_values(preview) == [
        CREATE, "make it 5 days a week", "make it 3 days a week", "cancel",
    ]  # fmt: skip
    assert await stored(chat, PLANS) == []  # a preview saves nothing

    created = await chat(CREATE)
    assert "Your plan is set: Half marathon on 18 April 2027" in created.reply.text
    [plan] = await stored(chat, PLANS)
    assert plan["status"] == "active" and plan["request"]["athlete"]["available_days_per_week"] == 4
    sessions = await stored(chat, PLANNED)
    assert {s["plan_id"] for s in sessions} == {plan["_id"]}
    race = [s for s in sessions if s["workout_type"] == "race"]
    assert [s["scheduled_date"] for s in race] == ["2027-04-18"]

    week = await chat("/plan week")
    [card] = week.reply.cards
    assert card.kind == "plan_week" and card.title.endswith("week 1")
    assert card.fields[0].label == "Mon 23 Nov"
    assert len(card.fields) == 7


async def test_a_plan_needing_two_questions(chat: Any) -> None:
    first = await chat("can you make me a training plan for a race?")
    assert first.outcome == "plans" and "Which race" in first.reply.text, first.reply.text
    second = await chat("a marathon on 9 May")
    assert "recent race time" in second.reply.text and second.reply.flow is not None
    preview = await chat("I run about 40 km a week")
    assert preview.reply.cards and preview.reply.cards[0].title == "Marathon on 9 May 2027"
    # No time goal: the target is to finish, and the paces come from nowhere but effort.
    assert fields(preview)["Goal"].startswith("Finish strong")


async def test_an_answer_that_says_nothing_gets_the_question_again(chat: Any) -> None:
    await chat("plan me a marathon on 9 May")
    again = await chat("umm not sure")
    assert again.outcome == "plans" and again.reply.flow is not None
    assert again.reply.text.startswith("I didn't catch that. To pitch the plan right")
    preview = await chat("I run about 40 km a week")
    assert preview.reply.cards, preview.reply.text


@pytest.mark.parametrize("answer", ["my 10k is 50:00", "10k 50:00", "a 10K in 50:00"])
async def test_a_race_time_given_as_the_answer_is_fitness_not_a_new_race(
    chat: Any, answer: str
) -> None:
    asked = await chat("plan me a half marathon on 18 April, goal 1:45, I run 4 days a week")
    assert "recent race time" in asked.reply.text, asked.reply.text
    preview = await chat(answer)
    assert preview.reply.cards, preview.reply.text
    assert preview.reply.cards[0].title == "Half marathon on 18 April 2027"
    shown = fields(preview)
    assert shown["Goal time"].startswith("1:45:00, projected 1:")
    assert shown["Paces"].startswith("VDOT 40.0: E ")


async def test_changing_the_days_in_the_preview(chat: Any) -> None:
    await chat("plan me a 10k on 14 March, I run 3 days a week, I ran a 5k in 25:00")
    changed = await chat("make it 5 days a week")
    assert changed.reply.cards, changed.reply.text
    assert changed.reply.flow["request"]["athlete"]["available_days_per_week"] == 5
    await chat("yes")
    [plan] = await stored(chat, PLANS)
    assert plan["request"]["athlete"]["available_days_per_week"] == 5


async def test_cancelling_and_a_message_that_changes_nothing(chat: Any) -> None:
    await chat("plan me a 10k on 14 March, I ran a 5k in 25:00")
    unclear = await chat("hmm")
    assert "didn't catch a change" in unclear.reply.text and unclear.reply.flow is not None
    cancelled = await chat("cancel")
    assert cancelled.reply.flow is None
    assert await stored(chat, PLANS) == []


async def test_a_race_before_the_plan_could_start_is_explained(chat: Any) -> None:
    reply = await chat("plan me a 5k on 22 November 2026, I ran a 5k in 25:00")
    assert "too close to plan for" in reply.reply.text


async def test_the_impossible_marathon_is_called_so_and_risk_needs_a_yes(chat: Any) -> None:
    safe = await chat(
        "plan me a marathon on 31 January, goal 2:30:00, I'm a beginner and I run 15 km a week"
    )
    shown = fields(safe)
    assert shown["Feasibility"].startswith("Infeasible — readiness ")
    readiness = int(shown["Feasibility"].split("readiness ")[1].split("/")[0])
    assert readiness <= 40
    assert "do not count on the goal" in safe.reply.text
    assert ASK_RISK in chip_values(safe)

    warned = await chat(ASK_RISK)
    assert not warned.reply.cards and "beyond safe training" in warned.reply.text
    assert ACCEPT_RISK in chip_values(warned)

    risky = await chat(ACCEPT_RISK)
    [card] = risky.reply.cards
    assert card.data["mode_applied"] == "risk_accepted"
    assert card.data["risk_level"] == "extreme"
    assert fields(risky)["Risk"].startswith("Extreme — ")  # what the athlete reads
    assert card.data["readiness_score"] > readiness
    assert card.data["safety_statement"] and card.data["overrides_applied"]
    assert card.subtitle == (
        "Readiness optimized via risk-accepted settings · "
        "Feasibility under safe defaults: infeasible"
    )
    assert risky.reply.text.startswith(f"⚠️ {card.subtitle}. This plan goes outside safe training.")
    assert "You accepted the risk" in risky.reply.text
    # the plan skips deloads, so the rationale does not promise them
    assert (
        "every 3-4 weeks" not in risky.reply.text and "with only 1 lighter week" in risky.reply.text
    )
    assert "safely" not in risky.reply.text  # the safe-mode wording is gone
    assert "_" not in risky.reply.text  # codes are for the API; people get sentences
    assert fields(risky)["Feasibility"].endswith("(optimised with risk accepted)")

    await chat(CREATE)
    [plan] = await stored(chat, PLANS)
    acceptance = plan["request"]["configuration"]["risk_acceptance"]
    assert acceptance["accepted"] is True and acceptance["accepted_at_iso"]


async def test_risk_is_never_taken_without_the_warning_first(chat: Any) -> None:
    await chat("plan me a marathon on 31 January, goal 2:30:00, I'm a beginner, 15 km a week")
    direct = await chat(ACCEPT_RISK)
    assert not direct.reply.cards and "beyond safe training" in direct.reply.text


async def test_plan_command_without_a_plan_says_how_to_start(chat: Any) -> None:
    reply = await chat("/plan")
    assert "no plan yet" in reply.reply.text and reply.reply.chips


@pytest.mark.parametrize(
    "text",
    ["run 5 km this week", "I ran a 5k in 22:30", "walk 10k steps a day in March"],
)
async def test_goals_and_workout_reports_are_not_plans(chat: Any, text: str) -> None:
    reply = await chat(text)
    assert reply.outcome != "plans"


async def test_logged_runs_stand_in_for_a_race_time(chat: Any) -> None:
    from datetime import timedelta

    from storage.workouts import WorkoutStore

    runs = []
    for day in range(1, 36, 2):  # five weeks of easy 8 km runs at 6:00/km
        started = NOW - timedelta(days=day)
        runs.append({
            "workout_id": f"r{day}", "started_at": started, "tz": "Europe/Berlin",
            "local_date": started.date().isoformat(), "activity": "run",
            "distance_km": 8.0, "duration_minutes": 48.0,
        })  # fmt: skip
    await WorkoutStore(chat.engine.db).upsert(chat.user.user_id, runs)

    preview = await chat("plan me a 10k on 14 March")
    assert preview.reply.cards, preview.reply.text  # no question: the runs say enough
    shown = fields(preview)
    assert shown["Paces"].startswith("VDOT ")
    [card] = preview.reply.cards
    assert card.data["vdot"] is not None
    # Their load over the last six weeks is the plan's starting point.
    history = preview.reply.flow["request"]["athlete"]["run"]["weekly_tss"]
    assert len(history) == 6 and all(week > 0 for week in history[1:])


async def test_the_plan_asks_no_more_than_the_days_hold(chat: Any) -> None:
    """Three days a week hold less running than six: the weekly plan is sized to the sessions
    that fit, so every week's sessions carry its planned load."""
    three = await chat(
        "plan me a half marathon on 28 March, 3 days a week, I run about 60 km a week"
    )
    six = await chat("make it 6 days a week")
    peaks = [max(w["tss"] for w in r.reply.cards[0].data["weeks"]) for r in (three, six)]
    assert peaks[0] < peaks[1]
    request = PlanRequest.model_validate(three.reply.flow["request"])
    days = make_plan(request, NOW.date()).days
    assert days is not None and all(w.within_tolerance for w in days.weeks)


async def test_a_run_told_in_the_middle_of_a_preview_is_logged_and_the_preview_waits(
    chat: Any,
) -> None:
    await chat(
        "plan me a half marathon on 18 April, goal 1:50, I run 4 days a week. "
        "I ran a 10k in 50:00 last month"
    )
    aside = await chat("I ran 8 km easy today")
    assert (aside.outcome, aside.route) == ("goals", "aside"), aside.reply.text
    assert aside.reply.text.startswith("Logged your")
    assert chip_values(aside)[0] == CREATE  # the preview's choices are still offered
    assert len(await stored(chat, "workouts")) == 1

    created = await chat(CREATE)  # the preview was still open
    assert "Your plan is set: Half marathon on 18 April 2027" in created.reply.text


async def test_words_no_skill_understands_mid_preview_keep_the_preview(chat: Any) -> None:
    await chat("plan me a 10K on 14 March, I run about 25 km a week")
    puzzled = await chat("hmm, not sure")
    assert (puzzled.outcome, puzzled.route) == ("plans", "flow")
    assert puzzled.reply.text.startswith("I didn't catch a change there")
    assert chip_values(puzzled)[0] == CREATE


async def test_what_is_known_shapes_the_question(chat: Any) -> None:
    when = await chat("10k 48:00")
    assert when.reply.text.startswith("When is your 10K?"), when.reply.text
    first = chip_values(when)[0]
    assert first.startswith("in ") and first.endswith(" weeks")
    fitness = await chat(first)
    assert fitness.reply.text.startswith("To pitch the plan right")
    preview = await chat("I run about 25 km a week")
    assert fields(preview)["Goal time"].startswith("48:00, projected ")  # the goal was kept

    which = await chat("cancel") and await chat("plan me a race on 14 March")
    assert which.reply.text.startswith("Which race is on 14 March"), which.reply.text
    assert chip_values(which) == ["a 5K", "a 10K", "a half marathon", "a marathon"]
    asked = await chat("a half marathon")
    assert asked.reply.text.startswith("To pitch the plan right")


async def test_a_missed_session_told_in_chat_is_skipped_and_the_plan_rebuilt(
    chat: Any, clock: Any
) -> None:
    nothing = await chat("I missed my long run")
    assert nothing.outcome == "plans" and "no plan" in nothing.reply.text

    await chat("plan me a half marathon on 18 April, I ran a 10k in 50:00 last month")
    await chat(CREATE)
    [plan] = await stored(chat, PLANS)
    week_one = [s for s in await stored(chat, PLANNED) if s["week_number"] == 1]
    long_run = next(s for s in week_one if s["workout_type"] == "long")

    clock.now = datetime.combine(date.fromisoformat(long_run["scheduled_date"]), time(20), UTC)
    told = await chat("I missed my long run")
    day = f"{date.fromisoformat(long_run['scheduled_date']):%a %-d %b}"
    assert told.outcome == "plans", told.reply.text
    assert told.reply.text.startswith(f"Marked your {long_run['title'].lower()} on {day}")
    assert "rebuilt the weeks ahead" in told.reply.text
    assert told.reply.cards[0].kind == "plan_week"
    sessions = {s["_id"]: s for s in await stored(chat, PLANNED)}
    assert sessions[long_run["_id"]]["skipped"] is True
    [replanned] = await stored(chat, PLANS)
    assert replanned["replanned_from"] > long_run["scheduled_date"] >= plan["start_date"]

    again = await chat("I missed my long run")  # the only one this week is skipped already
    assert again.reply.text.startswith("I couldn't find a long run in the last 7 days")
    assert sum(s["skipped"] for s in await stored(chat, PLANNED)) == 1


async def test_questions_about_the_plan_are_answered_from_it(chat: Any, clock: Any) -> None:
    none_yet = await chat("what should I do today")
    assert none_yet.outcome == "plans" and none_yet.reply.text.startswith("You have no plan yet")

    await chat("plan me a half marathon on 18 April, goal 1:50. I ran a 10k in 50:00 last month")
    await chat(CREATE)
    early = await chat("what should I do today")  # Sunday; the plan starts on Monday
    assert early.reply.text == "Nothing planned today: your plan starts Monday 23 November."

    week_one = [s for s in await stored(chat, PLANNED) if s["week_number"] == 1]
    run = next(s for s in week_one if s["workout_type"] == "long")
    rest = next(s for s in week_one if s["workout_type"] == "rest")
    clock.now = datetime.combine(date.fromisoformat(run["scheduled_date"]), time(7), UTC)
    today = await chat("what's my workout today?")
    assert today.reply.text == f"Today: {run['title'].lower()}."
    [card] = today.reply.cards
    shown = {f.label: f.value for f in card.fields}
    assert card.kind == "plan_session" and shown["Session"].startswith(run["title"])
    assert shown["Pace"].endswith("/km") and shown["Effort"].startswith("RPE ")

    clock.now = datetime.combine(date.fromisoformat(rest["scheduled_date"]), time(7), UTC)
    resting = await chat("what's on today")
    assert resting.reply.text.startswith("Today is a rest day")

    week = await chat("show my plan")
    assert week.reply.cards[0].kind == "plan_week" and week.reply.text.startswith("This week: ")
    assert week.reply.cards[0].title.endswith("— week 1")
    ahead = await chat("/plan next week")
    assert ahead.reply.cards[0].title.endswith("— week 2")
    paces = await chat("what are my paces?")
    assert paces.reply.text.startswith("Your paces (VDOT 40.0): easy ")


async def test_a_race_too_close_is_called_short_and_no_lighter_weeks_are_promised(
    chat: Any,
) -> None:
    preview = await chat("plan me a marathon in 3 weeks, I run 20 km a week")
    shown = fields(preview)
    assert shown["Note"].startswith(
        "3 weeks is short for a marathon: a plan for it usually takes 16"
    )
    assert "lighter week" not in shown["Weeks"] and "lighter week" not in preview.reply.text
    assert preview.reply.text.startswith("3 weeks that hold your load around ")
    assert shown["Feasibility"].startswith("Infeasible")

    roomy = await chat("cancel") and await chat(
        "plan me a marathon on 18 April, I run 30 km a week"
    )
    assert "Note" not in fields(roomy)
    assert "with a lighter week every 3-4 weeks" in roomy.reply.text


async def test_a_race_plan_asked_for_in_the_middle_of_a_goal_takes_over(chat: Any) -> None:
    goal = await chat("I want to ruck 50 km")
    assert goal.outcome == "goals" and "time frame" in goal.reply.text
    plan = await chat("plan me a half marathon on 18 April, goal 1:50")
    assert (plan.outcome, plan.route) == ("plans", "aside"), plan.reply.text
    assert plan.reply.text.startswith("To pitch the plan right")  # the plan's own question
    preview = await chat("I run about 25 km a week")  # answers the plan, not the goal
    assert preview.reply.cards[0].kind == "plan_preview"


async def test_a_session_told_done_is_ticked_off(chat: Any, clock: Any) -> None:
    await chat("plan me a half marathon on 18 April, I ran a 10k in 50:00 last month")
    await chat(CREATE)
    week_one = [s for s in await stored(chat, PLANNED) if s["week_number"] == 1]
    long_run = next(s for s in week_one if s["workout_type"] == "long")
    clock.now = datetime.combine(date.fromisoformat(long_run["scheduled_date"]), time(18), UTC)

    done = await chat("Did my long run!")
    assert done.outcome == "plans", done.reply.text
    assert done.reply.text.startswith(f"Nice work — marked your {long_run['title'].lower()}")
    sessions = {s["_id"]: s for s in await stored(chat, PLANNED)}
    assert sessions[long_run["_id"]]["completed"] is True
    [card] = done.reply.cards
    day = f"{date.fromisoformat(long_run['scheduled_date']):%a %d %b}"
    assert next(f.value for f in card.fields if f.label == day).startswith("✓ ")
    today = await chat("what's my workout today?")
    assert today.reply.text == f"Today: {long_run['title'].lower()} (done)."
