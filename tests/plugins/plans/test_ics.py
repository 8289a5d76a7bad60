"""A plan's calendar file as calendar apps read it: valid RFC 5545, one all-day event per
session with a stable UID, and the same bytes for the same plan."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from plugins.plans.ics import CalendarSession, plan_ics

MADE = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
SESSIONS = [
    CalendarSession("w2", date(2026, 12, 3), "Threshold 3 × 10 min", "T pace 4:15/km", 55),
    CalendarSession("w1", date(2026, 12, 1), "Easy run", "E pace 4:57–5:33/km, chatty", 40),
    CalendarSession("w3", date(2026, 12, 6), "Long run, 18 km", "Relaxed; last 3 km at M", None),
]


def test_each_session_is_an_all_day_event_in_date_order() -> None:
    parsed = Calendar.from_ical(plan_ics("Half marathon, 20 April", SESSIONS, made_at=MADE))
    assert parsed["version"] == "2.0"
    assert parsed["x-wr-calname"] == "Half marathon, 20 April"
    events = parsed.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Easy run",
        "Threshold 3 × 10 min",
        "Long run, 18 km",
    ]
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 12, 1)
    assert first.decoded("dtend") == date(2026, 12, 2)
    assert str(first["uid"]) == "w1@plans.coachbot"
    assert "About 40 minutes." in str(first["description"])
    assert str(events[2]["description"]) == "Relaxed; last 3 km at M"


def test_the_file_is_rfc_5545_text() -> None:
    text = plan_ics("Plan", SESSIONS, made_at=MADE, revision=2).decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert all(len(line.encode()) <= 75 for line in lines)  # folded, §3.1
    assert "DTSTART;VALUE=DATE:20261201" in lines
    assert "DTSTAMP:20261122T093000Z" in lines
    assert text.count("SEQUENCE:2") == 3


def test_same_plan_same_bytes_whatever_the_order_given() -> None:
    assert plan_ics("P", SESSIONS, made_at=MADE) == plan_ics("P", SESSIONS[::-1], made_at=MADE)


def test_a_skipped_session_stays_in_the_file_as_cancelled() -> None:
    skipped = CalendarSession("w4", date(2026, 12, 8), "Easy run", "Easy", 40, skipped=True)
    events = Calendar.from_ical(plan_ics("P", [*SESSIONS, skipped], made_at=MADE)).walk("VEVENT")
    status = {str(e["uid"]): str(e["status"]) for e in events}
    assert status["w4@plans.coachbot"] == "CANCELLED"
    assert status["w1@plans.coachbot"] == "CONFIRMED"
