"""Sessions reported in chat, missed or done, and which planned session each one means."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.plans.reports import OpenSession, Report, pick_session, read_report

WEDNESDAY = date(2026, 12, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I missed my long run", Report("missed", "long", None, ahead=False)),
        (
            "skipped yesterday's intervals",
            Report("missed", "intervals", date(2026, 12, 8), ahead=False),
        ),
        (
            "can't do my tempo on Thursday",
            Report("missed", "tempo", date(2026, 12, 10), ahead=True),
        ),
        ("I couldn't run today", Report("missed", None, WEDNESDAY, ahead=False)),
        ("I skipped a run on Monday", Report("missed", None, date(2026, 12, 7), ahead=False)),
        ("didn't do the hill repeats", Report("missed", "intervals", None, ahead=False)),
        (
            "I won't make my easy run on Saturday",
            Report("missed", "easy", date(2026, 12, 12), ahead=True),
        ),
        ("missed the session on sunday", Report("missed", None, date(2026, 12, 6), ahead=False)),
        ("did my long run!", Report("done", "long", None, ahead=False)),
        ("I've finished today's tempo", Report("done", "tempo", WEDNESDAY, ahead=False)),
        (
            "Just nailed yesterday's intervals",
            Report("done", "intervals", date(2026, 12, 8), ahead=False),
        ),
        ("done with my run", Report("done", None, None, ahead=False)),
        ("I did a 10k in 50 minutes", None),  # a workout to log, not a session report
        ("I missed my flight", None),
        ("I skipped breakfast", None),
        ("I ran 8 km easy today", None),
        ("plan me a half marathon on 18 April", None),
    ],
)
def test_what_a_message_reports(text: str, expected: Report | None) -> None:
    assert read_report(text, WEDNESDAY) == expected


WEEK = [
    OpenSession("mon", date(2026, 12, 7), "rest"),
    OpenSession("tue", date(2026, 12, 8), "intervals"),
    OpenSession("thu", date(2026, 12, 10), "tempo"),
    OpenSession("sat", date(2026, 12, 12), "easy"),
    OpenSession("sun", date(2026, 12, 13), "long"),
    OpenSession("last-sun", date(2026, 12, 6), "long"),
]


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("I missed my long run", "last-sun"),  # the one behind us, not Sunday's to come
        ("can't do my long run", "sun"),  # the next one
        ("skipped yesterday's intervals", "tue"),
        ("I missed my intervals", "tue"),
        ("can't do the intervals on Thursday", "thu"),  # a tempo day: either word will do
        ("I couldn't run today", None),  # nothing planned today
        ("missed a run on Monday", None),  # a rest day is never skipped
        ("I skipped my run", "tue"),  # the latest open session before today
        ("did my long run", "last-sun"),
    ],
)
def test_the_session_meant(text: str, picked: str | None) -> None:
    report = read_report(text, WEDNESDAY)
    assert report is not None
    found = pick_session(report, WEEK, WEDNESDAY)
    assert (found.id if found else None) == picked


@given(st.text(max_size=120), st.integers(min_value=0, max_value=400))
def test_any_text_reads_without_error_and_picks_within_a_week(text: str, offset: int) -> None:
    today = date(2026, 1, 1) + timedelta(days=offset)
    report = read_report(text, today)
    if report is None:
        return
    sessions = [OpenSession(str(i), today + timedelta(days=i), "easy") for i in range(-10, 11)]
    found = pick_session(report, sessions, today)
    if found is not None and report.day is None:
        assert abs((found.day - today).days) <= 7
