"""What the assistant may send: ordinary coaching copy passes; links, contact details, medical
claims and code never do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails import scan_output
from guardrails.content import find_forbidden

CLEAN = (
    "Run 5 km at an easy pace, then rest on Sunday.",
    "You're 8% behind pace. A 3.2 km ruck today puts you back on track.",
    "75% milestone hit! 12 km remain this week—2 light sessions will do it.",
    "Great job — that's 4/5 sessions!",
    "10,000 steps today. Keep it going!",
    "Your 5:30/km pace is right on target.",
    "Race day is 2026-04-20: 12 weeks to go.",
    "Goal time 1:45:00 — you're on track.",
    "Carry 20 lb for 3x4 km intervals this week.",
    "Treat yourself to a rest day.",
    "Warm up well to prevent injury.",
    "Your daily dose of motivation: 3 km before lunch!",
    "Take a rest day tomorrow, you've earned it.",
    "Increase your distance by 10% next week.",
    "Select an easy route and enjoy it.",
    "Start with 2 runs, then build to 4.",
    "Loop the park twice for 8 km.",
    "Print this plan and stick it on the fridge.",
    "Call it a day after 5 km.",
    "Streak: 14 days 🔥 Don't break it now!",
    "Week 3 of 8: 3 rucks @ 25 lb, 2 easy runs.",
    "Ruck 4 mi at 15:00/mi, then stretch.",
    "You're 1 session away from a new record!",
    "Halfway there: 50 of 100 km done.",
    "Deadline in 5 days — 2 sessions will close the gap.",
    "Hill day: 300 m of climbing, easy on the way down.",
    "Nice work, e.g. yesterday's 6 km was your fastest.",
    "Plan: Mon run, Wed ruck, Sat long run (90 min).",
    "Elevation goal 1,200 m this week; 800 m done.",
    "Up 2 places on the leaderboard — 1500 power points!",
)

FLAGGED = (
    ("Visit https://example.com for more tips.", {"url"}),
    ("See www.strava.com for routes.", {"url"}),
    ("Find routes on strava.com today.", {"url"}),
    ("Open example.org/plan to read it.", {"url"}),
    ("Check bit.ly/abc for the plan.", {"url"}),
    ("Server: 192.168.0.1", {"url"}),
    ("Email coach@example.com with questions.", {"email"}),
    ("Write to coach [at] example [dot] com", {"email"}),
    ("Call (555) 123-4567 to book.", {"phone"}),
    ("Call +44 20 7946 0958 anytime.", {"phone"}),
    ("Text 555.123.4567 for help.", {"phone"}),
    ("Ring me: 555-123-4567", {"phone"}),
    ("Rucking cures back pain.", {"medical_claim"}),
    ("This plan treats arthritis.", {"medical_claim"}),
    ("Walking heals your knees.", {"medical_claim"}),
    ("Running prevents heart disease.", {"medical_claim"}),
    ("Guaranteed to lower blood pressure!", {"medical_claim"}),
    ("Take 200 mg of ibuprofen before you go.", {"medical_claim"}),
    ("Stop taking your medication on rest days.", {"medical_claim"}),
    ("I can diagnose that limp.", {"medical_claim"}),
    ("A good dosage is two sessions.", {"medical_claim"}),
    ("Steps are the best treatment for stress.", {"medical_claim"}),
    ("Clinically proven to burn fat.", {"medical_claim"}),
    ("```json\n{}\n```", {"code"}),
    ("Use `pace()` to check.", {"code"}),
    ("SELECT * FROM goals", {"code"}),
    ("DROP TABLE users", {"code"}),
    ("def plan(): pass", {"code"}),
    ("function go() { run(); }", {"code"}),
    ("<script>alert(1)</script>", {"code"}),
    ("import os", {"code"}),
    ("console.log('go')", {"code"}),
    ("Email coach@example.com or call 555-123-4567.", {"email", "phone"}),
    ("See https://x.io — it cures colds.", {"url", "medical_claim"}),
)


@pytest.mark.parametrize("text", CLEAN)
def test_coaching_copy_passes(text: str) -> None:
    assert scan_output(text) == ()


@pytest.mark.parametrize(("text", "flags"), FLAGGED)
def test_forbidden_content_is_flagged(text: str, flags: set[str]) -> None:
    assert set(scan_output(text)) == flags


def test_flags_are_sorted_and_unique() -> None:
    flags = scan_output("Visit https://a.com and https://b.com, or call 555-123-4567.")
    assert flags == ("phone", "url")


def test_findings_point_at_the_forbidden_text() -> None:
    text = "Great run! Visit https://example.com/x for more."
    (finding,) = find_forbidden(text)
    assert finding.flag == "url"
    assert "https" in text[finding.start : finding.end]


def test_positions_survive_characters_that_fold_to_several() -> None:
    text = "Ｗｅｌｌ ｄｏｎｅ… ﬁnd us at www.example.com"
    (finding,) = find_forbidden(text)
    assert text[finding.start : finding.end].startswith("www")


def test_disguised_links_are_caught() -> None:
    assert scan_output("Visit ｗｗｗ.example.com") == ("url",)
    assert scan_output("Visit exa\u200bmple.com") == ("url",)


@given(st.sampled_from(CLEAN), st.sampled_from(CLEAN))
@settings(max_examples=100, deadline=None)
def test_joined_coaching_copy_stays_clean(first: str, second: str) -> None:
    assert scan_output(f"{first} {second}") == ()
