"""The goals and workouts API as a client developer meets it (seed 000 "APIs")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.plugins.goals.conftest import ADMIN_EMAIL, GoalsApi
from tests.service.helpers import Account


async def draft_for(api: GoalsApi, account: Account, text: str) -> dict[str, Any]:
    status, body = await api.call(account, "POST", "/goals/parse", json={"text": text})
    assert status == 200, body
    assert body["outcome"] == "draft", body
    return dict(body["draft_goal"])


async def create(api: GoalsApi, account: Account, text: str) -> dict[str, Any]:
    draft = await draft_for(api, account, text)
    status, goal = await api.call(account, "POST", "/goals", json=draft)
    assert status == 201, goal
    return dict(goal)


async def workout(
    api: GoalsApi, account: Account, workout_id: str, hours_ago: float, **measures: Any
) -> dict[str, Any]:
    started = (api.clock.now - timedelta(hours=hours_ago)).isoformat()
    status, body = await api.call(
        account, "POST", "/workouts", json={"id": workout_id, "started_at": started, **measures}
    )
    assert status == 200, body
    return dict(body)


async def test_parse_gives_a_canonical_draft_with_the_users_units(api: GoalsApi) -> None:
    me = await api.user()
    draft = await draft_for(api, me, "I want to ruck 50 miles this month with a 20 lb pack")
    assert draft["metric"] == "distance_km_total"
    assert draft["unit"] == "km" and draft["display_unit"] == "mi"
    assert draft["target_value"] == pytest.approx(80.467, rel=1e-3)
    assert draft["display_target"] == pytest.approx(50)
    assert draft["window"] == "monthly"
    assert draft["constraints"]["min_weight_kg"] == pytest.approx(9.07, abs=0.01)
    # "this month" in Berlin ends at local midnight on 1 December (23:00 UTC the day before)
    assert draft["end_at"].startswith("2026-11-30T23:00:00")


async def test_parse_asks_when_the_window_is_missing_and_refuses_what_is_not_a_goal(
    api: GoalsApi,
) -> None:
    me = await api.user()
    status, body = await api.call(me, "POST", "/goals/parse", json={"text": "ruck 50 km"})
    assert status == 200 and body["outcome"] == "clarify"
    assert body["question"] and body["choices"]
    status, body = await api.call(
        me, "POST", "/goals/parse", json={"text": "what is the capital of France?"}
    )
    assert status == 200 and body["outcome"] == "refused" and body["draft_goal"] is None


async def test_create_tracks_workouts_and_completes(api: GoalsApi) -> None:
    me = await api.user()
    goal = await create(api, me, "ruck 50 km this month")
    assert goal["status"] == "active" and goal["progress"]["progress_percent"] == 0
    assert goal["next_reminder_at"] is not None

    saved = await workout(api, me, "w1", 2, distance_km=10, activity="ruck")
    assert saved["created"] == 1
    [updated] = saved["goals"]
    assert updated["progress"]["progress_percent"] == pytest.approx(20)
    assert updated["progress"]["display_current"] == pytest.approx(10)

    again = await workout(api, me, "w1", 2, distance_km=10, activity="ruck")
    assert again["unchanged"] == 1 and again["created"] == 0

    # A backfilled workout from earlier this month counts; one from October does not.
    status, body = await api.call(
        me,
        "POST",
        "/workouts",
        json={
            "workouts": [
                {"id": "w0", "started_at": "2026-11-02T08:00:00+00:00", "distance_km": 15},
                {"id": "old", "started_at": "2026-10-30T08:00:00+00:00", "distance_km": 99},
            ]
        },
    )
    assert status == 200 and body["created"] == 2
    assert body["goals"][0]["progress"]["current_value"] == pytest.approx(25)

    done = await workout(api, me, "w2", 1, distance_km=30)
    [finished] = done["goals"]
    assert finished["status"] == "completed"
    assert finished["progress"]["progress_percent"] == 100
    assert any(e["kind"] == "completed" for e in finished["events"])

    # Completed goals are frozen: a later workout does not touch them.
    later = await workout(api, me, "w3", 0.5, distance_km=5)
    assert later["goals"] == []
    status, goal = await api.call(me, "GET", f"/goals/{goal['id']}")
    assert goal["status"] == "completed" and goal["progress"]["current_value"] == pytest.approx(55)


async def test_deleting_a_workout_lowers_progress(api: GoalsApi) -> None:
    me = await api.user()
    goal = await create(api, me, "run 40 km this week")
    await workout(api, me, "a", 3, distance_km=10)
    await workout(api, me, "b", 2, distance_km=10)
    status, _ = await api.call(me, "DELETE", "/workouts/a")
    assert status == 204
    status, goal = await api.call(me, "GET", f"/goals/{goal['id']}")
    assert goal["progress"]["current_value"] == pytest.approx(10)
    status, listed = await api.call(me, "GET", "/workouts", params={"limit": "1"})
    assert [w["id"] for w in listed["workouts"]] == ["b"] and listed["next_before"] is None
    status, body = await api.call(me, "DELETE", "/workouts/a")
    assert status == 404 and body["error"]["code"] == "not_found"


async def test_pause_resume_edit_and_delete(api: GoalsApi) -> None:
    me = await api.user()
    goal = await create(api, me, "3 rucks a week")
    path = f"/goals/{goal['id']}"

    status, paused = await api.call(me, "PATCH", path, json={"status": "paused"})
    assert status == 200 and paused["status"] == "paused" and paused["next_reminder_at"] is None
    status, resumed = await api.call(me, "PATCH", path, json={"status": "active"})
    assert resumed["status"] == "active" and resumed["next_reminder_at"] is not None

    await workout(api, me, "s1", 5)
    status, edited = await api.call(me, "PATCH", path, json={"display_target": 2})
    assert status == 200 and edited["target_value"] == 2
    assert edited["progress"]["progress_percent"] == pytest.approx(50)

    status, body = await api.call(me, "PATCH", path, json={"end_at": "2026-11-01T00:00:00+00:00"})
    assert status == 422 and body["error"]["code"] == "invalid_goal"
    assert any(d["field"] == "end_at" for d in body["error"]["details"])

    status, _ = await api.call(me, "DELETE", path)
    assert status == 204
    status, body = await api.call(me, "GET", path)
    assert status == 404
    status, listed = await api.call(me, "GET", "/goals")
    assert listed["goals"] == []


async def test_other_users_goals_are_invisible(api: GoalsApi) -> None:
    owner, stranger = await api.user(), await api.user()
    goal = await create(api, owner, "walk 100 km this month")
    path = f"/goals/{goal['id']}"
    for method, suffix, body in [
        ("GET", "", None),
        ("PATCH", "", {"status": "paused"}),
        ("DELETE", "", None),
        ("GET", "/notifications", None),
        ("POST", "/notifications/schedules", {"schedule_type": "progress_based"}),
    ]:
        kwargs = {"json": body} if body is not None else {}
        status, answer = await api.call(stranger, method, path + suffix, **kwargs)
        assert status == 404, (method, suffix, answer)
    status, listed = await api.call(stranger, "GET", "/goals")
    assert listed["goals"] == []
    status, mine = await api.call(owner, "GET", path)
    assert status == 200 and mine["status"] == "active"


async def test_evaluate_is_for_operators(api: GoalsApi) -> None:
    me = await api.user()
    goal = await create(api, me, "run 20 km this week")
    status, body = await api.call(me, "POST", f"/goals/{goal['id']}/evaluate")
    assert status == 403 and body["error"]["code"] == "forbidden"
    admin = await api.user(email=ADMIN_EMAIL)
    status, body = await api.call(admin, "POST", f"/goals/{goal['id']}/evaluate")
    assert status == 404  # operators evaluate their own goals; nobody reaches another's
    mine = await create(api, admin, "run 20 km this week")
    api.clock.now += timedelta(days=5)  # past Sunday midnight, token still valid
    status, body = await api.call(admin, "POST", f"/goals/{mine['id']}/evaluate")
    assert status == 200 and body["status"] == "expired"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"metric": "calories_total"}, "body.metric", "Input should be"),
        ({"shoe_size": 44}, "body.shoe_size", "Extra inputs"),
        ({"target_value": -5}, "body.target_value", "greater than 0"),
        ({"target_value": 5000}, "target_value", "100 km a day"),
        ({"constraints": {"min_steps_per_day": 5000}}, "constraints.min_steps_per_day", "streak"),
    ],
)
async def test_bad_goals_are_rejected_with_the_field_at_fault(
    api: GoalsApi, change: dict[str, Any], field: str, words: str
) -> None:
    me = await api.user()
    draft = await draft_for(api, me, "run 40 km this week")
    status, body = await api.call(me, "POST", "/goals", json={**draft, **change})
    assert status == 422, body
    details = body["error"]["details"]
    assert any(d["field"] == field and words in d["message"] for d in details), details


async def test_an_edit_rewords_our_title_but_keeps_the_users_own(api: GoalsApi) -> None:
    me = await api.user()
    goal = await create(api, me, "run 40 km this week")
    path = f"/goals/{goal['id']}"
    status, edited = await api.call(me, "PATCH", path, json={"display_target": 50})
    assert status == 200 and "50 km" in edited["title"] and "50 km" in edited["description"]
    status, named = await api.call(me, "PATCH", path, json={"title": "Road to Berlin"})
    assert named["title"] == "Road to Berlin"
    status, edited = await api.call(me, "PATCH", path, json={"display_target": 45})
    assert edited["title"] == "Road to Berlin" and "45 km" in edited["description"]


@pytest.mark.parametrize(
    ("patch", "words"),
    [
        ({}, "at least one field"),
        ({"status": None}, "status cannot be null"),
        ({"title": None, "window": "weekly"}, "title cannot be null"),
        ({"status": "done"}, "Input should be 'active' or 'paused'"),
        ({"target_value": 3, "display_target": 3}, "not both"),
        ({"user_id": "someone-else"}, "Extra inputs"),
    ],
)
async def test_bad_patches_are_rejected_and_change_nothing(
    api: GoalsApi, patch: dict[str, Any], words: str
) -> None:
    me = await api.user()
    goal = await create(api, me, "3 rucks a week")
    status, body = await api.call(me, "PATCH", f"/goals/{goal['id']}", json=patch)
    assert status == 422 and words in str(body["error"]), body
    status, after = await api.call(me, "GET", f"/goals/{goal['id']}")
    assert {k: after[k] for k in ("status", "title", "window", "target_value")} == {
        k: goal[k] for k in ("status", "title", "window", "target_value")
    }


async def test_load_goal_needs_a_weight_and_json_is_required(api: GoalsApi) -> None:
    me = await api.user()
    draft = await draft_for(api, me, "run 40 km this week")
    load = {**draft, "metric": "load_kg_min_sessions", "unit": "sessions"}
    load.update(display_unit="sessions", target_value=2, constraints={})
    status, body = await api.call(me, "POST", "/goals", json=load)
    assert status == 422 and "min_weight_kg" in body["error"]["message"]
    status, body = await api.call(me, "POST", "/goals", data="metric=distance")
    assert status == 415
    status, body = await api.call(None, "GET", "/goals")
    assert status == 401


async def test_active_goal_limit(api: GoalsApi) -> None:
    me = await api.user()
    for n in range(5):
        await create(api, me, f"walk {10 + n} km this week")
    draft = await draft_for(api, me, "walk 50 km this month")
    status, body = await api.call(me, "POST", "/goals", json=draft)
    assert status == 409 and body["error"]["code"] == "goal_limit"


async def test_schedules_are_validated_and_replace_by_type(api: GoalsApi) -> None:
    me = await api.user()
    goal = await create(api, me, "walk 100 km this month")
    path = f"/goals/{goal['id']}/notifications"
    status, notes = await api.call(me, "GET", path)
    assert {s["schedule_type"] for s in notes["schedules"]} == {"time_based", "progress_based"}
    assert notes["history"] == []
    for rules, words in [
        ({}, "needs rules.time"),
        ({"time": "23:30"}, "quiet hours"),
        ({"time": "7:30"}, "pattern"),
        ({"time": "08:00", "volume": 11}, "Extra inputs"),
    ]:
        status, body = await api.call(
            me, "POST", f"{path}/schedules", json={"schedule_type": "time_based", "rules": rules}
        )
        assert status == 422 and words in str(body["error"]), (rules, body)
    status, schedule = await api.call(
        me,
        "POST",
        f"{path}/schedules",
        json={"schedule_type": "time_based", "rules": {"time": "18:00", "days": ["Sat"]}},
    )
    assert status == 200
    # Saturday 21 November, 18:00 in Berlin
    assert schedule["next_run_at"].startswith("2026-11-21T17:00:00")
    status, notes = await api.call(me, "GET", path)
    assert len(notes["schedules"]) == 2
