"""Chat edits of existing goals: what ``parse_edit`` asks for, which goal it points at, and
the messages it must leave alone (new goals, chat)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from plugins.goals.model import Activity, DisplayUnit, Metric, Window
from plugins.goals.parser import Edit, GoalHint, parse_edit
from plugins.goals.parser.edits import EditAction

KM_PER_MI = 1.609344


@dataclass(frozen=True)
class Expected:
    action: EditAction
    value: float | None = None
    display_unit: DisplayUnit | None = None
    window: Window | None = None
    activity: Activity | None = None
    metric: Metric | None = None
    about: Activity | None = None
    """The activity of the goal being edited."""
    words: tuple[str, ...] = field(default_factory=tuple)
    """Words that must be among the hint's words."""


EDITS: list[tuple[str, Expected]] = [
    ("make it 60 km", Expected("set_target", 60, "km", metric="distance_km_total")),
    ("Make it 40 miles", Expected("set_target", 40 * KM_PER_MI, "mi")),
    ("pause my ruck goal", Expected("pause", about="ruck", words=("ruck",))),
    ("resume my streak", Expected("resume", metric="streak_days")),
    ("delete my old streak goal", Expected("delete", metric="streak_days", words=("streak",))),
    (
        "lower my monthly distance goal to 70 mi",
        Expected(
            "set_target",
            70 * KM_PER_MI,
            "mi",
            metric="distance_km_total",
            words=("monthly", "distance"),
        ),
    ),
    (
        "drop my weekly goal from 5 runs to 4",
        Expected("set_target", 4, "sessions", metric="session_count", words=("weekly",)),
    ),
    (
        "swap my running goal for a rucking goal",
        Expected("set_activity", activity="ruck", about="run"),
    ),
    (
        "Can I lower my monthly distance goal? 100 mi is too much, let's do 70.",
        Expected("set_target", 70 * KM_PER_MI, "mi", metric="distance_km_total"),
    ),
    ("Pause my streak goal while I'm traveling next week", Expected("pause", metric="streak_days")),
    (
        "Delete my old streak goal and create a new 30-day one",
        Expected("delete", metric="streak_days"),
    ),
    ("Drop my weekly goal from 5 runs to 4 please", Expected("set_target", 4, "sessions")),
    ("put my step goal on hold", Expected("pause", metric="steps_total")),
    ("unpause my running goal", Expected("resume", about="run")),
    ("cancel the elevation goal", Expected("delete", metric="elevation_gain_m_total")),
    ("remove my power points target", Expected("delete", metric="power_points_total")),
    (
        "raise my step goal to 12000 steps",
        Expected("set_target", 12000, "steps", metric="steps_total"),
    ),
    ("bump my weekly ruck goal up to 25 km", Expected("set_target", 25, "km", about="ruck")),
    ("change my streak goal to 45 days", Expected("set_target", 45, "days", metric="streak_days")),
    (
        "make my distance goal monthly",
        Expected("set_window", window="monthly", metric="distance_km_total"),
    ),
    ("switch my run goal to weekly", Expected("set_window", window="weekly")),
    ("change my walking goal to hiking", Expected("set_activity", activity="hike", about="walk")),
    (
        "turn my running goal into a walking goal",
        Expected("set_activity", activity="walk", about="run"),
    ),
    ("make it 3 hours", Expected("set_target", 180, "hours")),
    ("let's do 70", Expected("set_target", 70)),
    ("reduce it to 2 sessions", Expected("set_target", 2, "sessions")),
    (
        "increase my weekly distance to 30 miles",
        Expected(
            "set_target",
            30 * KM_PER_MI,
            "mi",
            metric="distance_km_total",
            words=("weekly", "distance"),
        ),
    ),
    ("make it 12k steps", Expected("set_target", 12000, "steps", metric="steps_total")),
    ("edit my goal: 40 km instead of 50", Expected("set_target", 40, "km")),
    ("change it to monthly", Expected("set_window", window="monthly")),
    ("make it weekly instead of monthly", Expected("set_window", window="weekly")),
    ("switch it to a rolling 30 days", Expected("set_window", window="30d")),
    (
        "I want to ruck instead of run for my goal",
        Expected("set_activity", activity="ruck", about="run"),
    ),
    ("swap runs for rucks", Expected("set_activity", activity="ruck", about="run")),
    ("hold my streak", Expected("pause", metric="streak_days")),
    ("stop tracking my steps", Expected("delete", metric="steps_total")),
    ("pause", Expected("pause")),
    ("delete it", Expected("delete")),
    ("Resume please", Expected("resume")),
]


@pytest.mark.parametrize(("text", "expected"), EDITS, ids=[t for t, _ in EDITS])
def test_edit(text: str, expected: Expected) -> None:
    edit = parse_edit(text)
    assert isinstance(edit, Edit), text
    assert edit.action == expected.action
    if expected.value is None:
        assert edit.value is None or expected.action == "set_target"
    else:
        assert edit.value == pytest.approx(expected.value, rel=1e-6)
    assert edit.display_unit == expected.display_unit
    assert edit.window == expected.window
    assert edit.activity == expected.activity
    assert isinstance(edit.which, GoalHint)
    if expected.metric is not None:
        assert edit.which.metric == expected.metric
    if expected.about is not None:
        assert edit.which.activity == expected.about
    assert set(expected.words) <= set(edit.which.words)


NOT_EDITS = [
    "run 100 km in October",
    "Set a weekly goal of 15 miles ruck",
    "I want to build up to 30 miles a week over the next 8 weeks",
    "I keep skipping — can we make it 2 rucks a week minimum?",
    "Forget the previous plan, I want 3 rucks per week instead",
    "I broke my streak yesterday 😩 can we restart it with a 14-day goal?",
    "streak goal: ruck every day for 21 days",
    "what's the weather",
    "how many calories in a banana",
    "10k steps a day",
    "Goal: 2,000 power points by the end of the month",
    "hello",
    "",
    "cancel",
    "delete",
]


@pytest.mark.parametrize("text", NOT_EDITS)
def test_not_an_edit(text: str) -> None:
    assert parse_edit(text) is None


def test_bare_number_stays_in_the_goals_own_unit() -> None:
    edit = parse_edit("let's do 70")
    assert edit is not None
    assert (edit.value, edit.display_unit) == (70, None)
