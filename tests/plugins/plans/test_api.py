"""The training plans API as a client developer meets it (seed 004 "Training Plans API", seed 002
risk mode and validation rules, seed 001 ICS export): the real app on loopback, a clock the tests
move, workouts logged through the goals skill's ``POST /api/v1/workouts``."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.plugins.plans.conftest import PlansApi
from tests.plugins.plans.requests import body, impossible_marathon, risk, run_goal
from tests.service.helpers import Account

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 3, 2)
"""The plans' start_date and the clock's first day."""
RACE_DAY = date(2026, 5, 31)
"""The half marathon's day in ``half()``: a Sunday, 13 plan weeks in."""
ALL_CAPS_OFF = risk(
    enforce_safety_caps=False,
    enforce_feasibility_caps=False,
    readiness_cap_enabled=False,
    max_weekly_tss_ramp_pct=100,
)


def half(**athlete: Any) -> dict[str, Any]:
    """A novice at 300 TSS a week, VDOT 45, running a half marathon on 31 May."""
    return body([run_goal(weeks=12)], **athlete)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def local(on: date, hour: int, minute: int = 0) -> str:
    return datetime(on.year, on.month, on.day, hour, minute, tzinfo=BERLIN).isoformat()


def set_clock(api: PlansApi, on: date, hour: int = 20) -> None:
    api.clock.now = datetime(on.year, on.month, on.day, hour, tzinfo=BERLIN)


async def create_plan(api: PlansApi, me: Account, request: dict[str, Any] | None = None) -> Any:
    status, plan = await api.call(me, "POST", "/plans", json=request or half())
    assert status == 201, plan
    return plan


async def log(
    api: PlansApi, me: Account, workout_id: str, started_at: str, **measures: Any
) -> None:
    status, saved = await api.call(
        me, "POST", "/workouts", json={"id": workout_id, "started_at": started_at, **measures}
    )
    assert status == 200, saved


async def calendar(api: PlansApi, me: Account, start: date, end: date) -> dict[str, Any]:
    params = {"start": start.isoformat(), "end": end.isoformat()}
    status, answer = await api.call(me, "GET", "/plans/calendar", params=params)
    assert status == 200, answer
    return dict(answer)


def sessions_on(answer: dict[str, Any], on: date) -> list[dict[str, Any]]:
    [found] = [d for d in answer["days"] if d["day"] == on.isoformat()]
    return list(found["sessions"])


def only_session(answer: dict[str, Any], on: date) -> dict[str, Any]:
    [session] = sessions_on(answer, on)
    return session


def every_session(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for d in answer["days"] for s in d["sessions"]]


def week_load(answer: dict[str, Any]) -> float:
    return sum(float(s["workout"]["tss"]) for s in every_session(answer))


def first_of(answer: dict[str, Any], *types: str) -> dict[str, Any]:
    return next(s for s in every_session(answer) if s["workout"]["workout_type"] in types)


async def download(api: PlansApi, me: Account, path: str) -> tuple[int, Any, bytes]:
    async with api.http.get(f"{api.base_url}/api/v1{path}", headers=me.auth) as response:
        return response.status, response.headers, await response.read()


def error(answer: Any) -> tuple[str, str]:
    return answer["error"]["code"], answer["error"]["message"]


# Preview and create


async def test_preview_answers_every_session_and_saves_nothing(api: PlansApi) -> None:
    me = await api.user()
    status, preview = await api.call(me, "POST", "/plans/preview", json=half())
    assert status == 200, preview
    projection = preview["projection"]
    assert projection["feasibility_band"] in ("feasible", "stretch")
    assert 0 < projection["readiness_score"] <= 100
    assert projection["mode_applied"] == "safe_default" and projection["risk_level"] == "low"
    assert not projection["outside_safe_envelope"] and projection["risk_acceptance"] is None
    assert [g["goal_id"] for g in projection["goal_assessments"]] == ["race"]
    # 13 plan weeks from Monday 2 March to race Sunday 31 May, every day of them planned
    assert len(projection["weeks"]) == len(preview["weeks"]) == 13
    assert projection["weeks"][0]["start_date"] == MONDAY.isoformat()
    assert projection["weeks"][-1]["kind"] == "race"
    workouts = preview["workouts"]
    assert len(workouts) == 13 * 7
    assert workouts[0]["scheduled_date"] == MONDAY.isoformat()
    assert workouts[-1]["scheduled_date"] == RACE_DAY.isoformat()
    assert workouts[-1]["workout_type"] == "race"
    assert preview["race_goal_id"] == "race"
    assert preview["vdot"] == 45.0 and preview["pace_source"] == "vdot"
    status, answer = await api.call(me, "GET", "/plans/current")
    assert status == 404 and error(answer)[0] == "no_plan"


async def test_create_saves_the_active_plan_and_a_second_supersedes_it(api: PlansApi) -> None:
    me = await api.user()
    status, preview = await api.call(me, "POST", "/plans/preview", json=half())
    plan = await create_plan(api, me)
    assert plan["status"] == "active" and plan["revision"] == 0
    assert plan["name"] == "Half marathon on 31 May 2026"
    assert plan["start_date"] == MONDAY.isoformat() and plan["event_date"] == RACE_DAY.isoformat()
    assert plan["created_at"] == plan["updated_at"] == "2026-03-02T08:00:00Z"
    assert plan["vdot"] == 45.0 and plan["pace_source"] == "vdot"
    # what was created is what the preview showed
    assert plan["projection"] == preview["projection"]
    assert plan["request"]["goals"][0]["distance_m"] == 21097.5
    status, current = await api.call(me, "GET", "/plans/current")
    assert status == 200 and current == plan

    newer = await create_plan(api, me, body([run_goal(weeks=8, distance_m=10000.0)]))
    status, current = await api.call(me, "GET", "/plans/current")
    assert current["id"] == newer["id"] != plan["id"] and current["name"].startswith("10K")
    # the old plan is still readable by id (its calendar file) but no longer changes
    status, _, _ = await download(api, me, f"/plans/{plan['id']}.ics")
    assert status == 200
    status, answer = await api.call(me, "POST", f"/plans/{plan['id']}/replan")
    assert status == 409 and error(answer) == ("plan_not_active", "This plan is superseded.")


async def test_a_request_without_weekly_load_takes_it_from_logged_workouts(api: PlansApi) -> None:
    me = await api.user()
    for n in range(1, 29):  # four weeks of 45-minute runs, most days
        if n % 7 not in (2, 5):
            await log(api, me, f"r{n}", local(MONDAY - timedelta(days=n), 7), activity="run",
                      distance_km=8.0, duration_minutes=45)  # fmt: skip
    plan = await create_plan(api, me, half(run_history=[], vdot=None))
    history = plan["request"]["athlete"]["run"]["weekly_tss"]
    assert len(history) == 6 and sum(history[-4:]) > 4 * 100  # ~5 runs of ~40 TSS a week
    assert plan["pace_source"] == "recent_runs" and plan["vdot"] is not None


# The golden scenario (seed 002 golden 1) through the API


async def test_the_impossible_marathon_is_infeasible_with_capped_readiness(api: PlansApi) -> None:
    me = await api.user()
    status, preview = await api.call(me, "POST", "/plans/preview", json=impossible_marathon())
    assert status == 200, preview
    projection = preview["projection"]
    assert projection["feasibility_band"] == "infeasible"
    assert projection["readiness_score"] <= 40.0 and projection["readiness_cap"] == 40.0
    assert "goal_infeasible_under_safe_constraints" in projection["risk_flags"]
    assert projection["risk_level"] == "low"  # the plan itself stays safe
    assert projection["overrides_applied"] == [] and projection["safety_statement"] is None
    [marathon] = projection["goal_assessments"]
    [target] = marathon["target_scores"]
    assert target["kind"] == "finish_time" and target["unmet_gap"] > 3600  # over an hour short
    assert max(w["tss"] for w in projection["weeks"]) <= 350.0  # the beginner's band holds
    assert any("the 16 weeks a marathon plan needs" in w for w in preview["warnings"])
    # every code comes with the sentence to show for it, and only those codes
    said = {*projection["risk_flags"], *projection["caps_applied"], *target["rationale_codes"]}
    assert set(preview["explanations"]) == said
    assert preview["explanations"]["goal_infeasible_under_safe_constraints"] == (
        "Under safe constraints the goal is infeasible."
    )


async def test_risk_mode_shows_extreme_risk_and_keeps_the_acceptance(api: PlansApi) -> None:
    me = await api.user()
    status, safe = await api.call(me, "POST", "/plans/preview", json=impossible_marathon())
    # every day free and long sessions: room for the load a risk plan chases (4 days of a
    # beginner's runs hold no more than the level's band)
    request = impossible_marathon(ALL_CAPS_OFF, available_days_per_week=7, max_session_minutes=240)
    status, preview = await api.call(me, "POST", "/plans/preview", json=request)
    assert status == 200, preview
    projection = preview["projection"]
    assert projection["mode_applied"] == "risk_accepted" and projection["readiness_cap"] is None
    assert projection["readiness_score"] > safe["projection"]["readiness_score"]
    assert projection["risk_level"] == "extreme"
    assert projection["feasibility_band"] == "infeasible"  # still said
    assert projection["outside_safe_envelope"] is True
    assert "outside the safe feasibility envelope" in projection["safety_statement"]
    assert {"outside_safe_envelope", "ramp_above_safe_limit", "load_above_level_band",
            "goal_infeasible_under_safe_constraints"} <= set(projection["risk_flags"])  # fmt: skip
    assert {"readiness_cap_lifted", "safety_caps_disabled", "feasibility_caps_disabled",
            "ramp_cap_relaxed"} <= set(projection["overrides_applied"])  # fmt: skip
    acceptance = {"accepted": True, "reason": "I know", "accepted_at_iso": "2026-03-01T08:00:00Z"}
    assert projection["risk_acceptance"] == acceptance

    await create_plan(api, me, request)
    status, current = await api.call(me, "GET", "/plans/current")
    assert current["projection"] == projection
    assert current["request"]["configuration"]["mode"] == "risk_accepted"
    assert current["request"]["configuration"]["risk_acceptance"] == acceptance
    assert current["request"]["configuration"]["constraint_policy"]["enforce_safety_caps"] is False


async def test_a_risk_acceptance_without_its_moment_is_saved_with_the_time_of_creation(
    api: PlansApi,
) -> None:
    me = await api.user()
    request = impossible_marathon(ALL_CAPS_OFF)
    del request["configuration"]["risk_acceptance"]["accepted_at_iso"]
    plan = await create_plan(api, me, request)
    assert plan["projection"]["risk_acceptance"]["accepted_at_iso"] == "2026-03-02T08:00:00Z"
    saved = plan["request"]["configuration"]["risk_acceptance"]
    assert saved == {
        "accepted": True,
        "reason": "I know",
        "accepted_at_iso": "2026-03-02T08:00:00Z",
    }


# Bad requests


def _without_acceptance() -> dict[str, Any]:
    return half(configuration={"mode": "risk_accepted"})


def _acceptance_false() -> dict[str, Any]:
    return half(configuration={"mode": "risk_accepted", "risk_acceptance": {"accepted": False}})


def _finish_time_without_seconds() -> dict[str, Any]:
    return half() | {"goals": [run_goal(targets=[{"kind": "finish_time"}])]}


def _finish_time_without_distance() -> dict[str, Any]:
    goal = run_goal(targets=[{"kind": "finish_time", "value_seconds": 6300}])
    del goal["distance_m"]
    return half() | {"goals": [goal]}


def _event_before_start() -> dict[str, Any]:
    return half() | {"goals": [run_goal() | {"event_date_iso": "2026-03-01"}]}


def _unknown_field() -> dict[str, Any]:
    return half() | {"pace": "fast"}


def _unknown_athlete_field() -> dict[str, Any]:
    request = half()
    request["athlete"]["age"] = 40
    return request


@pytest.mark.parametrize(
    ("make", "field", "words"),
    [
        (_without_acceptance, "body.configuration",
         "mode 'risk_accepted' requires risk_acceptance.accepted = true"),
        (_acceptance_false, "body.configuration", "requires risk_acceptance.accepted = true"),
        (_finish_time_without_seconds, "body.goals.0.targets.0.finish_time.value_seconds",
         "Field required"),
        (_finish_time_without_distance, "body.goals.0",
         "goal 'race', target 'finish_time' needs the goal's distance_m (metres) to be set"),
        (_event_before_start, "body",
         "goal 'race': event_date_iso 2026-03-01 is before start_date 2026-03-02"),
        (_unknown_field, "body.pace", "Extra inputs are not permitted"),
        (_unknown_athlete_field, "body.athlete.age", "Extra inputs are not permitted"),
    ],
)  # fmt: skip
async def test_bad_requests_are_refused_with_the_field_at_fault_and_nothing_saved(
    api: PlansApi, make: Any, field: str, words: str
) -> None:
    me = await api.user()
    for path in ("/plans/preview", "/plans"):
        status, answer = await api.call(me, "POST", path, json=make())
        assert status == 422, answer
        code, message = error(answer)
        assert code == "invalid_request"
        assert message.startswith(f"{field}: ") and words in message, message
    status, answer = await api.call(me, "GET", "/plans/current")
    assert status == 404 and error(answer)[0] == "no_plan"


async def test_a_plan_cannot_start_in_the_past(api: PlansApi) -> None:
    me = await api.user()
    request = half()
    request["start_date"] = "2026-02-23"  # a week before the clock's today, 2 March
    for path in ("/plans/preview", "/plans"):
        status, answer = await api.call(me, "POST", path, json=request)
        assert status == 422 and error(answer) == (
            "start_in_past",
            "start_date 2026-02-23 is in the past; a plan starts today (2026-03-02) or later.",
        ), answer
    status, answer = await api.call(me, "GET", "/plans/current")
    assert status == 404


async def test_nothing_to_show_before_a_plan(api: PlansApi) -> None:
    me = await api.user()
    for path in ("/plans/current", "/plans/current/week", "/plans/calendar",
                 "/plans/current/chart.svg"):  # fmt: skip
        status, answer = await api.call(me, "GET", path)
        assert status == 404, path
        code, message = error(answer)
        assert code == "no_plan" and "POST /api/v1/plans/preview" in message


async def test_every_route_wants_a_token(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    pid = plan["id"]
    calls = [("POST", "/plans/preview", half()), ("POST", "/plans", half()),
             ("GET", "/plans/current", None), ("GET", "/plans/current/week", None),
             ("GET", "/plans/current/chart.svg", None), ("GET", "/plans/calendar", None),
             ("POST", f"/plans/{pid}/workouts/x/complete", {}),
             ("POST", f"/plans/{pid}/workouts/x/skip", {}),
             ("POST", f"/plans/{pid}/replan", None),
             ("GET", f"/plans/{pid}.ics", None)]  # fmt: skip
    for method, path, json in calls:
        status, answer = await api.call(None, method, path, json=json)
        assert status == 401 and error(answer)[0] == "unauthorized", path
    status, current = await api.call(me, "GET", "/plans/current")
    assert current["revision"] == 0


# Reading: week, calendar, chart, calendar file


async def test_this_week_has_seven_days_with_what_became_of_each(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    set_clock(api, day(1))  # Tuesday evening: Monday has passed
    status, week = await api.call(me, "GET", "/plans/current/week")
    assert status == 200, week
    first = plan["projection"]["weeks"][0]
    assert week["plan_id"] == plan["id"] and week["week_number"] == 1
    assert (week["start"], week["end"]) == (MONDAY.isoformat(), day(7).isoformat())
    assert week["kind"] == first["kind"] and week["target_tss"] == first["tss"]
    sessions = week["sessions"]
    assert [s["workout"]["scheduled_date"] for s in sessions] == [
        day(n).isoformat() for n in range(7)
    ]
    load = sum(s["workout"]["tss"] for s in sessions)
    assert load == pytest.approx(first["tss"], rel=0.1)
    for s in sessions:
        when = date.fromisoformat(s["workout"]["scheduled_date"])
        if s["workout"]["workout_type"] == "rest":
            assert s["status"] == "rest"
        else:
            assert s["status"] == ("missed" if when < day(1) else "planned"), s
    assert sum(s["workout"]["workout_type"] != "rest" for s in sessions) == 5  # 5 days a week
    assert week["extra"] == []

    set_clock(api, day(9), 7)  # the next Wednesday morning: week 2
    status, week = await api.call(me, "GET", "/plans/current/week")
    assert week["week_number"] == 2 and week["start"] == day(7).isoformat()
    assert week["target_tss"] == plan["projection"]["weeks"][1]["tss"]


async def test_time_passing_turns_untouched_sessions_missed(api: PlansApi) -> None:
    me = await api.user()
    await create_plan(api, me)
    answer = await calendar(api, me, MONDAY, day(7))
    assert {s["status"] for s in every_session(answer)} == {"planned", "rest"}
    api.clock.advance(3 * 24 * 3600)  # Thursday 09:00 in Berlin
    answer = await calendar(api, me, MONDAY, day(7))
    for s in every_session(answer):
        when = date.fromisoformat(s["workout"]["scheduled_date"])
        if s["workout"]["workout_type"] != "rest":
            assert s["status"] == ("missed" if when < day(3) else "planned"), s


async def test_the_calendar_matches_logged_workouts_and_keeps_the_rest_apart(
    api: PlansApi,
) -> None:
    me = await api.user()
    await create_plan(api, me)
    before = await calendar(api, me, MONDAY, day(14))
    run_day = date.fromisoformat(first_of(before, "easy")["workout"]["scheduled_date"])
    rest_day = date.fromisoformat(first_of(before, "rest")["workout"]["scheduled_date"])
    set_clock(api, day(6))
    # a late run (23:30 in Berlin is the next day in UTC) counts on its local day
    await log(api, me, "tue-run", local(run_day, 23, 30), activity="run", distance_km=8,
              duration_minutes=45)  # fmt: skip
    await log(api, me, "tue-ride", local(run_day, 12), activity="cycle", distance_km=30,
              duration_minutes=60)  # fmt: skip
    await log(api, me, "rest-walk", local(rest_day, 12), activity="walk", distance_km=4)

    answer = await calendar(api, me, MONDAY, day(14))
    assert len(answer["days"]) == 14
    assert [d["day"] for d in answer["days"]] == [day(n).isoformat() for n in range(14)]
    session = only_session(answer, run_day)
    assert session["status"] == "done" and session["completed_at"] is None  # matched, not ticked
    assert session["actual"] == {"id": "tue-run", "day": run_day.isoformat(), "activity": "run",
                                 "distance_km": 8.0, "duration_minutes": 45.0}  # fmt: skip
    [run_day_entry] = [d for d in answer["days"] if d["day"] == run_day.isoformat()]
    assert [w["id"] for w in run_day_entry["extra"]] == ["tue-ride"]
    [rest_entry] = [d for d in answer["days"] if d["day"] == rest_day.isoformat()]
    assert [w["id"] for w in rest_entry["extra"]] == ["rest-walk"]
    assert rest_entry["sessions"][0]["status"] == "rest"
    others = [w for d in answer["days"] if d["day"] not in (run_day.isoformat(),
              rest_day.isoformat()) for w in d["extra"]]  # fmt: skip
    assert others == []
    # the week shows the same
    status, week = await api.call(me, "GET", "/plans/current/week")
    assert status == 200 and {w["id"] for w in week["extra"]} == {"tue-ride", "rest-walk"}
    [matched] = [s for s in week["sessions"] if s["actual"] is not None]
    assert matched["actual"]["id"] == "tue-run"


async def test_a_logged_ride_stands_for_a_planned_cross_training_session(api: PlansApi) -> None:
    me = await api.user()
    await create_plan(api, me, impossible_marathon())  # a beginner's plan has cross-training
    week = await calendar(api, me, MONDAY, day(7))
    cross = first_of(week, "cross")
    when = date.fromisoformat(cross["workout"]["scheduled_date"])
    await log(api, me, "ride", local(when, 18), activity="cycle", duration_minutes=30)
    session = only_session(await calendar(api, me, MONDAY, day(7)), when)
    assert session["status"] == "done" and session["actual"]["id"] == "ride"


async def test_the_calendar_defaults_to_four_weeks_and_refuses_bad_ranges(
    api: PlansApi,
) -> None:
    me = await api.user()
    await create_plan(api, me)
    status, answer = await api.call(me, "GET", "/plans/calendar")
    assert status == 200
    assert (answer["start"], answer["end"]) == (MONDAY.isoformat(), day(28).isoformat())
    assert len(answer["days"]) == 28
    longest = await calendar(api, me, MONDAY, day(120))
    assert len(longest["days"]) == 120
    assert longest["days"][90]["sessions"][0]["workout"]["workout_type"] == "race"  # 31 May
    assert longest["days"][91]["sessions"] == []  # the plan has ended
    bad = [
        ({"start": MONDAY.isoformat(), "end": day(121).isoformat()},
         "Ask for at most 120 days at a time."),
        ({"start": day(7).isoformat(), "end": MONDAY.isoformat()}, "end must be after start."),
        ({"start": MONDAY.isoformat(), "end": MONDAY.isoformat()}, "end must be after start."),
    ]  # fmt: skip
    for params, message in bad:
        status, answer = await api.call(me, "GET", "/plans/calendar", params=params)
        assert status == 422 and error(answer) == ("bad_range", message), params
    status, answer = await api.call(me, "GET", "/plans/calendar", params={"start": "soon"})
    assert status == 422 and error(answer)[1].startswith("query.start: ")
    status, answer = await api.call(me, "GET", "/plans/calendar", params={"from": "2026-03-02"})
    assert status == 422 and error(answer)[1].startswith("query.from: ")


async def test_the_chart_is_an_svg_of_the_weeks(api: PlansApi) -> None:
    me = await api.user()
    await create_plan(api, me)
    status, headers, data = await download(api, me, "/plans/current/chart.svg")
    assert status == 200
    assert headers["Content-Type"] == "image/svg+xml; charset=utf-8"
    drawing = data.decode()
    assert drawing.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert drawing.rstrip().endswith("</svg>")
    assert "<title>Half marathon on 31 May 2026</title>" in drawing


async def test_the_calendar_file_has_one_event_per_training_session(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    status, headers, data = await download(api, me, f"/plans/{plan['id']}.ics")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["Content-Disposition"] == 'attachment; filename="training-plan.ics"'
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    parsed = Calendar.from_ical(data)
    assert parsed["x-wr-calname"] == "Half marathon on 31 May 2026"
    everything = await calendar(api, me, MONDAY, day(91))
    training = [s for s in every_session(everything) if s["workout"]["workout_type"] != "rest"]
    events = parsed.walk("VEVENT")
    assert len(events) == len(training) == 13 * 5  # 5 days a week, the race among them
    assert [str(e["uid"]) for e in events] == [f"{s['id']}@plans.coachbot" for s in training]
    assert [e.decoded("dtstart") for e in events] == [
        date.fromisoformat(s["workout"]["scheduled_date"]) for s in training
    ]
    assert str(events[-1]["summary"]) == training[-1]["workout"]["title"]
    assert all(str(e["sequence"]) == "0" for e in events)
    assert events[0].decoded("dtstamp") == datetime.fromisoformat("2026-03-02T08:00:00+00:00")


# Changing: complete, skip, replan


async def test_completing_a_session_links_the_logged_workout(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    week = await calendar(api, me, MONDAY, day(7))
    session = first_of(week, "easy")
    when = date.fromisoformat(session["workout"]["scheduled_date"])
    planned_minutes = session["workout"]["duration_minutes"]
    set_clock(api, when, 19)
    # logged on another day than planned: only the explicit link ties it to the session
    await log(api, me, "evening", local(when - timedelta(days=1), 18), activity="run",
              distance_km=8, duration_minutes=planned_minutes)  # fmt: skip
    path = f"/plans/{plan['id']}/workouts/{session['id']}/complete"
    status, done = await api.call(me, "POST", path, json={"workout_id": "evening",
                                                          "notes": "felt easy"})  # fmt: skip
    assert status == 200, done
    assert done["id"] == session["id"] and done["status"] == "done"
    assert done["actual"]["id"] == "evening" and done["athlete_notes"] == "felt easy"
    assert datetime.fromisoformat(done["completed_at"]) == api.clock.now
    answer = await calendar(api, me, MONDAY, day(7))
    assert only_session(answer, when)["status"] == "done"
    assert all(w["id"] != "evening" for d in answer["days"] for w in d["extra"])
    status, current = await api.call(me, "GET", "/plans/current")
    assert current["revision"] == 0  # done as planned: nothing to re-plan

    # ticked off without a workout; and after its day has passed it stays done
    other = next(
        s for s in every_session(week)
        if s["workout"]["workout_type"] != "rest" and s["id"] != session["id"]
    )  # fmt: skip
    path = f"/plans/{plan['id']}/workouts/{other['id']}/complete"
    status, done = await api.call(me, "POST", path, json={})
    assert status == 200 and done["status"] == "done" and done["actual"] is None
    set_clock(api, day(8))
    answer = await calendar(api, me, MONDAY, day(7))
    assert (
        only_session(answer, date.fromisoformat(other["workout"]["scheduled_date"]))["status"]
        == "done"
    )


async def test_completing_refuses_what_is_not_there(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    week = await calendar(api, me, MONDAY, day(7))
    session, rest = first_of(week, "easy"), first_of(week, "rest")
    base = f"/plans/{plan['id']}/workouts"
    status, answer = await api.call(
        me, "POST", f"{base}/{session['id']}/complete", json={"workout_id": "never-logged"}
    )
    assert status == 404 and error(answer)[0] == "workout_not_found"
    assert "POST /api/v1/workouts" in error(answer)[1]
    status, answer = await api.call(me, "POST", f"{base}/nope/complete", json={})
    assert status == 404 and error(answer)[0] == "not_found"
    status, answer = await api.call(me, "POST", f"{base}/{rest['id']}/complete", json={})
    assert status == 409 and error(answer)[0] == "rest_day"
    status, answer = await api.call(
        me, "POST", f"{base}/{session['id']}/complete", json={"rating": 5}
    )
    assert status == 422 and error(answer)[1].startswith("body.rating: ")
    answer = await calendar(api, me, MONDAY, day(7))
    assert {s["status"] for s in every_session(answer)} == {"planned", "rest"}


async def test_a_much_longer_workout_than_planned_replans_from_next_week(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    week = await calendar(api, me, MONDAY, day(7))
    next_week = await calendar(api, me, day(7), day(14))
    session = first_of(week, "easy")
    when = date.fromisoformat(session["workout"]["scheduled_date"])
    set_clock(api, when)
    minutes = session["workout"]["duration_minutes"] * 2
    await log(api, me, "big", local(when, 7), activity="run", distance_km=18,
              duration_minutes=minutes)  # fmt: skip
    path = f"/plans/{plan['id']}/workouts/{session['id']}/complete"
    status, done = await api.call(me, "POST", path, json={"workout_id": "big"})
    assert status == 200 and done["status"] == "done" and done["actual"]["id"] == "big"
    status, current = await api.call(me, "GET", "/plans/current")
    assert current["revision"] == 1
    after = await calendar(api, me, day(7), day(14))
    assert {s["id"] for s in every_session(after)}.isdisjoint(
        s["id"] for s in every_session(next_week)
    )
    # this week is as it was
    again = await calendar(api, me, MONDAY, day(7))
    assert [s["id"] for s in every_session(again)] == [s["id"] for s in every_session(week)]


async def test_skipping_keeps_this_week_and_replans_from_next_week(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    week = await calendar(api, me, MONDAY, day(7))
    next_week = await calendar(api, me, day(7), day(14))
    done, skipped = [s for s in every_session(week) if s["workout"]["workout_type"] != "rest"][:2]
    base = f"/plans/{plan['id']}/workouts"
    set_clock(api, date.fromisoformat(done["workout"]["scheduled_date"]))
    status, _ = await api.call(me, "POST", f"{base}/{done['id']}/complete")  # no body at all
    assert status == 200
    status, answer = await api.call(
        me, "POST", f"{base}/{skipped['id']}/skip", json={"reason": "sore calf"}
    )
    assert status == 200, answer
    assert answer["id"] == skipped["id"] and answer["status"] == "skipped"
    assert answer["skip_reason"] == "sore calf" and answer["actual"] is None

    status, current = await api.call(me, "GET", "/plans/current")
    assert current["revision"] == 1 and current["updated_at"] != current["created_at"]
    assert current["projection"]["weeks"][0] == plan["projection"]["weeks"][0]
    # this week: the same sessions, done and skipped as marked
    again = await calendar(api, me, MONDAY, day(7))
    assert [s["id"] for s in every_session(again)] == [s["id"] for s in every_session(week)]
    statuses = {s["id"]: s["status"] for s in every_session(again)}
    assert statuses[done["id"]] == "done" and statuses[skipped["id"]] == "skipped"
    # next week on: new sessions, one a day, around one missed easy run (not a lost week)
    after = await calendar(api, me, day(7), day(14))
    assert {s["id"] for s in every_session(after)}.isdisjoint(
        s["id"] for s in every_session(next_week)
    )
    assert [len(d["sessions"]) for d in after["days"]] == [1] * 7
    assert all(s["workout"]["week_number"] == 2 for s in every_session(after))
    assert week_load(next_week) * 0.8 <= week_load(after) <= week_load(next_week)

    # the calendar file says which revision it is
    status, _, data = await download(api, me, f"/plans/{plan['id']}.ics")
    events = Calendar.from_ical(data).walk("VEVENT")
    assert all(str(e["sequence"]) == "1" for e in events)
    status_of = {str(e["uid"]): str(e["status"]) for e in events}
    assert status_of[f"{skipped['id']}@plans.coachbot"] == "CANCELLED"
    assert status_of[f"{done['id']}@plans.coachbot"] == "CONFIRMED"


async def test_skipping_refuses_rest_days_and_other_plans(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    week = await calendar(api, me, MONDAY, day(7))
    rest, session = first_of(week, "rest"), first_of(week, "easy")
    base = f"/plans/{plan['id']}/workouts"
    status, answer = await api.call(me, "POST", f"{base}/{rest['id']}/skip", json={})
    assert status == 409
    assert error(answer) == ("rest_day", "That is a rest day; there is nothing to skip.")
    status, answer = await api.call(me, "POST", f"{base}/{session['id']}/skip",
                                    json={"reason": "x" * 301})  # fmt: skip
    assert status == 422 and error(answer)[1].startswith("body.reason: ")
    status, current = await api.call(me, "GET", "/plans/current")
    assert current["revision"] == 0
    await create_plan(api, me)  # supersedes the first
    status, answer = await api.call(me, "POST", f"{base}/{session['id']}/skip", json={})
    assert status == 409 and error(answer)[0] == "plan_not_active"


async def test_skipping_a_session_next_week_leaves_that_day_to_it(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    next_week = await calendar(api, me, day(7), day(14))
    session = first_of(next_week, "easy")
    when = date.fromisoformat(session["workout"]["scheduled_date"])
    path = f"/plans/{plan['id']}/workouts/{session['id']}/skip"
    status, answer = await api.call(me, "POST", path, json={"reason": "travelling"})
    assert status == 200 and answer["status"] == "skipped"
    after = await calendar(api, me, day(7), day(14))
    assert [s["id"] for s in sessions_on(after, when)] == [session["id"]]
    assert [len(d["sessions"]) for d in after["days"]] == [1] * 7


async def test_replanning_a_plan_that_has_not_begun_keeps_its_first_day(api: PlansApi) -> None:
    me = await api.user()
    set_clock(api, MONDAY - timedelta(days=12), 9)  # a Wednesday, 12 days before the start
    plan = await create_plan(api, me)
    status, replanned = await api.call(me, "POST", f"/plans/{plan['id']}/replan")
    assert status == 200 and replanned["revision"] == 1
    assert replanned["start_date"] == MONDAY.isoformat()
    answer = await calendar(api, me, MONDAY - timedelta(days=14), day(14))
    sessions = every_session(answer)
    assert min(s["workout"]["scheduled_date"] for s in sessions) == MONDAY.isoformat()
    assert [len(d["sessions"]) for d in answer["days"][14:]] == [1] * 14
    assert sessions[0]["workout"]["week_number"] == 1
    assert [w["start_date"] for w in replanned["projection"]["weeks"]][:2] == [
        MONDAY.isoformat(), day(7).isoformat(),
    ]  # fmt: skip


async def test_replan_bumps_the_revision_and_follows_what_was_done(api: PlansApi) -> None:
    me = await api.user()
    plan = await create_plan(api, me)
    week = await calendar(api, me, MONDAY, day(7))
    status, replanned = await api.call(me, "POST", f"/plans/{plan['id']}/replan")
    assert status == 200, replanned
    assert replanned["id"] == plan["id"] and replanned["revision"] == 1
    assert replanned["request"] == plan["request"]
    assert len(replanned["projection"]["weeks"]) == 13
    again = await calendar(api, me, MONDAY, day(7))
    assert [s["id"] for s in every_session(again)] == [s["id"] for s in every_session(week)]
    # nothing happened that the plan did not foresee: the weeks ahead keep about their load
    # (the planner may move a deload, and with this goal already within reach it may hold a
    # week where the first solve ramped: a few percent over the plan)
    original, renewed = plan["projection"]["weeks"], replanned["projection"]["weeks"]
    assert [w["start_date"] for w in renewed] == [w["start_date"] for w in original]
    assert renewed[0] == original[0]
    assert renewed[1]["tss"] == pytest.approx(original[1]["tss"], rel=0.1)
    assert sum(w["tss"] for w in renewed) == pytest.approx(
        sum(w["tss"] for w in original), rel=0.07
    )

    # Wednesday evening, Monday's and Tuesday's runs missed: next week is eased in
    set_clock(api, day(2))
    status, replanned = await api.call(me, "POST", f"/plans/{plan['id']}/replan")
    assert replanned["revision"] == 2
    missed = [s for s in every_session(await calendar(api, me, MONDAY, day(7)))
              if s["status"] == "missed"]  # fmt: skip
    assert len(missed) == 2
    original, eased = plan["projection"]["weeks"][1], replanned["projection"]["weeks"][1]
    assert eased["tss"] < original["tss"]
    status, answer = await api.call(me, "POST", "/plans/nope/replan")
    assert status == 404 and error(answer)[0] == "not_found"


async def test_replanning_a_ride_keeps_the_fitness_built_since_the_start(api: PlansApi) -> None:
    me = await api.user()
    ride = {"id": "gran-fondo", "sport": "bike", "event_date_iso": "2026-05-17",
            "priority": "A", "distance_m": 100_000.0,
            "targets": [{"kind": "completion_probability", "value_pct": 80}]}  # fmt: skip
    rider = {"level": "novice", "bike": {"ftp_watts": 220, "weekly_tss": [200.0] * 8}}
    request = {"goals": [ride], "athlete": rider, "start_date": MONDAY.isoformat()}
    plan = await create_plan(api, me, request)
    assert plan["name"] == "100 km bike on 17 May 2026" and plan["race_goal_id"] is None
    status, week = await api.call(me, "GET", "/plans/current/week")
    assert week["sessions"] == [] and week["target_tss"] == plan["projection"]["weeks"][0]["tss"]
    set_clock(api, day(30))  # week 5
    status, replanned = await api.call(me, "POST", f"/plans/{plan['id']}/replan")
    assert status == 200 and replanned["revision"] == 1
    original, renewed = plan["projection"]["weeks"], replanned["projection"]["weeks"]
    assert renewed[:5] == original[:5]
    # the rebuilt weeks go on from the fitness of week 5, not from the rider's before the plan
    assert renewed[5]["ctl"] >= original[4]["ctl"] - 1.0 > original[0]["ctl"]
    assert renewed[6]["tss"] > original[1]["tss"] and renewed[6]["kind"] == "build"


# Nobody else's plan


async def test_another_users_plan_is_out_of_reach(api: PlansApi) -> None:
    ana, bob = await api.user(), await api.user()
    plan = await create_plan(api, ana)
    week = await calendar(api, ana, MONDAY, day(7))
    session = first_of(week, "easy")
    when = date.fromisoformat(session["workout"]["scheduled_date"])
    await log(api, ana, "ana-run", local(when, 7), activity="run", distance_km=8,
              duration_minutes=45)  # fmt: skip
    status, answer = await api.call(bob, "GET", "/plans/current")
    assert status == 404 and error(answer)[0] == "no_plan"
    base = f"/plans/{plan['id']}"
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", f"{base}.ics", None),
        ("POST", f"{base}/replan", None),
        ("POST", f"{base}/workouts/{session['id']}/complete", {}),
        ("POST", f"{base}/workouts/{session['id']}/skip", {}),
    ]
    for method, path, json in calls:
        status, answer = await api.call(bob, method, path, json=json)
        assert status == 404 and error(answer)[0] == "not_found", path
    # Bob's own plan: his calendar and week hold his sessions only, and none of Ana's workouts
    bobs = await create_plan(api, bob)
    answer = await calendar(api, bob, MONDAY, day(7))
    assert answer["plan_id"] == bobs["id"]
    assert {s["id"] for s in every_session(answer)}.isdisjoint(s["id"] for s in every_session(week))
    assert all(s["actual"] is None for s in every_session(answer))
    assert all(d["extra"] == [] for d in answer["days"])
    status, bob_week = await api.call(bob, "GET", "/plans/current/week")
    assert bob_week["plan_id"] == bobs["id"] and bob_week["extra"] == []
    # Bob cannot link Ana's workout to his session
    bob_session = first_of(answer, "easy")
    path = f"/plans/{bobs['id']}/workouts/{bob_session['id']}/complete"
    status, answer = await api.call(bob, "POST", path, json={"workout_id": "ana-run"})
    assert status == 404 and error(answer)[0] == "workout_not_found"
    # and Ana's plan is as she left it
    status, current = await api.call(ana, "GET", "/plans/current")
    assert current["id"] == plan["id"] and current["revision"] == 0
    assert only_session(await calendar(api, ana, MONDAY, day(7)), when)["actual"]["id"] == "ana-run"
