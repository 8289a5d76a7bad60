"""A plan as an iCalendar file (RFC 5545) that calendar apps subscribe to or import: one all-day
event per training session, none for rest days.

Pure: the caller passes the moment the file is made (``DTSTAMP``), so the same plan gives the
same bytes. Each event's ``UID`` is the workout's id under our domain, so re-importing an
updated plan replaces its sessions instead of doubling them (RFC 5545 §3.8.4.7), and
``SEQUENCE`` rises with each revision so apps take the newer one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

PRODUCT_ID = "-//coachbot//training plans//EN"
UID_DOMAIN = "plans.coachbot"


@dataclass(frozen=True, slots=True)
class CalendarSession:
    """What a calendar needs of one planned workout."""

    workout_id: str
    day: date
    title: str
    description: str
    duration_minutes: float | None = None
    skipped: bool = False


def plan_ics(
    name: str, sessions: Sequence[CalendarSession], *, made_at: datetime, revision: int = 0
) -> bytes:
    """The plan's sessions as one ``text/calendar`` document."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for session in sorted(sessions, key=lambda s: (s.day, s.workout_id)):
        event = Event()
        event.add("uid", f"{session.workout_id}@{UID_DOMAIN}")
        event.add("dtstamp", made_at)
        event.add("dtstart", session.day)
        event.add("dtend", session.day + timedelta(days=1))
        event.add("summary", session.title)
        event.add("description", _description(session))
        event.add("sequence", revision)
        event.add("transp", "TRANSPARENT")  # a planned run does not make you "busy" all day
        event.add("status", "CANCELLED" if session.skipped else "CONFIRMED")
        calendar.add_component(event)
    document: bytes = calendar.to_ical()
    return document


def _description(session: CalendarSession) -> str:
    if session.duration_minutes is None:
        return session.description
    return f"{session.description}\n\nAbout {session.duration_minutes:.0f} minutes."
