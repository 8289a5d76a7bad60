"""Workouts told in chat: what counts as a report of one, and what it measured."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from plugins.goals.parser.workouts import read_workout

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # a Wednesday afternoon in Berlin


@pytest.mark.parametrize(
    ("text", "expected", "summary"),
    [
        ("I ran 5 km today", {"activity": "run", "distance_km": 5.0}, "run today — 5 km"),
        ("just rucked 8 miles with a 30 lb pack",
         {"activity": "ruck", "distance_km": 12.874752, "load_kg": 13.6077711},
         "ruck today — 8 miles, with 30 lb"),
        ("walked 12000 steps yesterday", {"activity": "walk", "steps": 12000},
         "walk yesterday — 12,000 steps"),
        ("hiked 10 km and climbed 600 m",
         {"activity": "hike", "distance_km": 10.0, "elevation_gain_m": 600.0},
         "hike today — 10 km, 600 m of climbing"),
        ("did a 45 minute ride", {"activity": "cycle", "duration_minutes": 45.0},
         "ride today — 45 minutes"),
        ("Log my ruck: 6 miles, 90 minutes, 35 lb",
         {"activity": "ruck", "distance_km": 9.656064, "duration_minutes": 90.0,
          "load_kg": 15.87573295}, "ruck today — 6 miles, 90 minutes, with 35 lb"),
        ("yesterday I walked for an hour", {"activity": "walk", "duration_minutes": 60.0},
         "walk yesterday — 60 minutes"),
        ("I ran a marathon yesterday", {"activity": "run", "distance_km": 42.195},
         "run yesterday — 42.2 km"),
        ("I ran 800 m", {"activity": "run", "distance_km": 0.8}, "run today — 0.8 km"),
        ("log a ten k run", {"activity": "run", "distance_km": 10.0}, "run today — 10 km"),
    ],
)  # fmt: skip
def test_reports_are_read_into_canonical_measures(
    text: str, expected: dict[str, Any], summary: str
) -> None:
    report = read_workout(text, now=NOW, tz="Europe/Berlin")
    assert report is not None
    fields = report.fields()
    assert fields["activity"] == expected.pop("activity")
    measured = {k: v for k, v in fields.items() if k not in ("activity", "started_at")}
    assert measured == pytest.approx(expected)
    assert report.summary(date(2026, 11, 18)) == summary


@pytest.mark.parametrize(
    "text",
    [
        "I want to run 5 km today",
        "run 5 km today",
        "ruck 50 km this month with a 20 lb pack",
        "I did 3 runs this week",
        "ran 3 times this week",
        "track my goal",
        "I ran 5k, can I make my goal 60 km?",
        "I ran out of time with a 20 lb pack",
        "log in",
    ],
)
def test_wishes_goals_and_counts_are_not_reports(text: str) -> None:
    assert read_workout(text, now=NOW, tz="Europe/Berlin") is None


def test_yesterday_is_the_users_yesterday() -> None:
    late = datetime(2026, 11, 18, 23, 30, tzinfo=UTC)  # already Thursday in Berlin
    report = read_workout("walked 5 km yesterday", now=late, tz="Europe/Berlin")
    assert report is not None and report.day == date(2026, 11, 18)
    today = read_workout("walked 5 km", now=late, tz="America/Los_Angeles")
    assert today is not None and today.day == date(2026, 11, 18)
