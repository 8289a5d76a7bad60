"""The 14-21 day block: seed 001's ``GeneratedPlan`` shape, its tags and rationale, load caps,
rest-day spacing, paces anchored on recent runs or RPE guidance, a race inside the block, and a
version that is a stable hash of the templates."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.plans.block import (
    TEMPLATE_VERSION,
    BlockRequest,
    GeneratedPlan,
    _template_version,
    block_weeks,
    generate_block,
)
from plugins.plans.days import Race, RecentRun
from plugins.plans.periodization import MAX_RAMP, Level
from plugins.plans.sessions import format_pace
from plugins.plans.vdot import training_paces

DAY_KEYS = {"date", "sessionType", "durationMinutes", "targetPace", "targetHrZone", "notes", "tags"}
SESSION_TYPES = {"easy", "tempo", "intervals", "long", "rest", "cross", "race"}
TAGS = {"rookie_challenge", "is_quality_session", "indoor_ok", "recovery", "strides"}
PACE = re.compile(r"^\d{1,2}:\d{2}/km$")


@st.composite
def requests(draw: st.DrawFn) -> BlockRequest:
    level: Level = draw(st.sampled_from(["beginner", "intermediate", "advanced"]))
    pace = draw(st.none() | st.floats(270.0, 420.0))
    runs = [] if pace is None else [RecentRun(km, km * pace) for km in (5.0, 8.0, 6.0)]
    return BlockRequest(
        user_id=f"u{draw(st.integers(1, 10_000))}",
        start=date(2026, 3, 1) + timedelta(days=draw(st.integers(0, 6))),
        level=level,
        available_weekdays=frozenset(draw(st.sets(st.integers(0, 6), min_size=3, max_size=7))),
        length_days=draw(st.integers(14, 21)),
        long_run_weekday=draw(st.none() | st.integers(0, 6)),
        max_session_minutes=draw(st.none() | st.sampled_from([45.0, 60.0, 90.0])),
        recent_runs=tuple(runs),
        current_weekly_tss=draw(st.none() | st.floats(150.0, 500.0)),
        goal_distance_km=draw(st.none() | st.sampled_from([5.0, 10.0, 21.0975, 42.195])),
    )


@settings(max_examples=40, deadline=None)
@given(requests())
def test_generated_plan_shape_tags_and_spacing(request: BlockRequest) -> None:
    plan = generate_block(request)
    dumped = plan.model_dump(by_alias=True)
    assert set(dumped) == {"userId", "startDate", "days", "rationale", "version"}
    assert dumped["userId"] == request.user_id
    assert dumped["startDate"] == request.start.isoformat()
    assert dumped["version"] == TEMPLATE_VERSION
    assert GeneratedPlan.model_validate(dumped) == plan
    days = dumped["days"]
    assert len(days) == request.length_days
    assert [d["date"] for d in days] == [
        (request.start + timedelta(days=i)).isoformat() for i in range(request.length_days)
    ]
    streak = 0
    for day in days:
        assert set(day) == DAY_KEYS
        assert day["sessionType"] in SESSION_TYPES
        assert set(day["tags"]) <= TAGS
        assert day["notes"]
        if day["targetPace"] is not None:
            assert PACE.match(day["targetPace"])
        if day["sessionType"] == "rest":
            assert day["durationMinutes"] is None and day["tags"] == []
        else:
            assert day["durationMinutes"] and day["durationMinutes"] > 0
        quality = day["sessionType"] in ("tempo", "intervals")
        assert ("is_quality_session" in day["tags"]) == quality
        if day["sessionType"] in ("long", "race", "rest"):
            assert "indoor_ok" not in day["tags"]
        stress = day["sessionType"] not in ("rest", "cross") and "recovery" not in day["tags"]
        streak = streak + 1 if stress else 0
        assert streak <= 3
    for a, b in itertools.pairwise(days):
        assert not ("is_quality_session" in a["tags"] and "is_quality_session" in b["tags"])
    bullets = plan.rationale.split("\n")
    assert 2 <= len(bullets) <= 3 and all(b.startswith("- ") for b in bullets)
    if request.level == "beginner":
        for week in range(0, request.length_days, 7):
            chunk = days[week : week + 7]
            challenges = sum("rookie_challenge" in d["tags"] for d in chunk)
            stretch = any(d["sessionType"] in ("long", "tempo", "intervals") for d in chunk)
            assert challenges == (1 if stretch else 0)
    else:
        assert not any("rookie_challenge" in d["tags"] for d in days)
    assert generate_block(request) == plan


@settings(max_examples=40, deadline=None)
@given(requests())
def test_weekly_load_never_rises_more_than_ten_percent(request: BlockRequest) -> None:
    weeks = block_weeks(request)
    for a, b in itertools.pairwise(weeks):
        assert b.running_tss <= a.running_tss * (1 + MAX_RAMP) + 0.1


def _request(**kw: object) -> BlockRequest:
    args: dict[str, object] = {
        "user_id": "u42",
        "start": date(2026, 3, 2),
        "level": "intermediate",
        "available_weekdays": frozenset({1, 3, 5, 6}),
        "length_days": 21,
        "long_run_weekday": 6,
    }
    args.update(kw)
    return BlockRequest(**args)  # type: ignore[arg-type]


def test_progression_from_easy_base_to_threshold() -> None:
    plan = generate_block(_request())
    first, last = plan.days[:7], plan.days[14:]
    assert not any(d.session_type == "tempo" for d in first)
    assert any(d.session_type == "tempo" for d in last)


def test_recent_runs_anchor_the_paces() -> None:
    runs = tuple(RecentRun(km, km * 330.0) for km in (6.0, 8.0, 10.0))
    plan = generate_block(_request(recent_runs=runs))
    easy = [d for d in plan.days if d.session_type == "easy" and "recovery" not in d.tags]
    assert easy
    assert easy[0].notes is not None and f"Easy = {format_pace(330.0)[:-3]}" in easy[0].notes
    assert "recent runs" in plan.rationale
    faster = generate_block(_request(recent_runs=tuple(RecentRun(8.0, 8 * 300.0) for _ in "abc")))
    pace = next(d.target_pace for d in faster.days if d.session_type == "easy")
    assert pace is not None and pace < (easy[0].target_pace or "")


def test_vdot_paces_match_training_paces() -> None:
    plan = generate_block(_request(vdot=50.0, level="advanced"))
    paces = training_paces(50.0)
    tempo = [d for d in plan.days if d.session_type == "tempo"]
    assert tempo and all(d.target_pace == format_pace(paces.threshold) for d in tempo)
    assert "VDOT 50.0" in plan.rationale


def test_without_runs_or_vdot_the_block_goes_by_effort() -> None:
    plan = generate_block(_request())
    for day in plan.days:
        assert day.target_pace is None
        if day.session_type != "rest":
            assert day.notes is not None and "RPE" in day.notes
            assert day.target_hr_zone
    assert "effort" in plan.rationale


def test_a_race_inside_the_block() -> None:
    race = Race(date(2026, 3, 15), 10.0)
    plan = generate_block(_request(race=race, length_days=18))
    by_date = {d.date: d for d in plan.days}
    assert by_date["2026-03-15"].session_type == "race"
    assert "is_quality_session" in by_date["2026-03-15"].tags
    assert by_date["2026-03-16"].session_type == "rest"
    after = [d for d in plan.days if d.date > "2026-03-15"]
    assert after and all(d.session_type in ("rest", "easy", "cross") for d in after)
    assert "2026-03-15" in plan.rationale


def test_a_later_race_shapes_the_block_as_its_first_weeks() -> None:
    race = Race(date(2026, 7, 5), 42.195)
    plan = generate_block(_request(race=race, vdot=45.0))
    assert not any(d.session_type == "race" for d in plan.days)
    assert all(w.phase == "base" for w in block_weeks(_request(race=race)))


def test_version_is_a_stable_hash_of_the_templates() -> None:
    assert re.fullmatch(r"tpl-[0-9a-f]{12}", TEMPLATE_VERSION)
    assert _template_version() == TEMPLATE_VERSION
    assert generate_block(_request()).version == generate_block(_request(level="beginner")).version


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"length_days": 13}, "14-21 days"),
        ({"length_days": 22}, "14-21 days"),
        ({"available_weekdays": frozenset({1, 2})}, "at least 3 available"),
        ({"race": Race(date(2026, 3, 1), 10.0)}, "before the block start"),
        ({"current_weekly_tss": 0.0}, "positive"),
    ],
)
def test_errors(kw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_block(_request(**kw))
