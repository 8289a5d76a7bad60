"""Weekly load from logged workouts: seven-day blocks ending yesterday, rTSS where pace and
threshold are known, a flagged estimate where they are not, nothing from what says too little."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from plugins.plans.history import session_stress, weekly_history
from plugins.plans.load import running_tss
from plugins.plans.logged import LoggedWorkout

TODAY = date(2026, 11, 22)


def W(
    day: date, activity: str, distance_km: float | None = None, duration: float | None = None
) -> LoggedWorkout:
    return LoggedWorkout(
        f"{day}-{activity}-{distance_km}-{duration}", day, activity, distance_km, duration
    )


def test_runs_with_pace_and_threshold_are_rtss_and_not_estimates() -> None:
    run = W(TODAY - timedelta(days=1), "run", 10.0, 50.0)
    history = weekly_history([run], TODAY, weeks=2, threshold_pace_s_per_km=270.0)
    assert history.weekly_tss == (0.0, round(running_tss(3000, 300, 270), 1))
    assert history.weekly_run_km == (0.0, 10.0)
    assert (history.sessions, history.estimated) == (1, False)


def test_blocks_end_yesterday_oldest_first_and_today_does_not_count() -> None:
    sessions = [
        W(TODAY, "run", 5.0, 30.0),  # today: still in progress
        W(TODAY - timedelta(days=7), "bike", None, 60.0),  # the last block's first day
        W(TODAY - timedelta(days=8), "walk", None, 60.0),  # the block before
        W(TODAY - timedelta(days=15), "swim", None, 60.0),  # before the window
    ]
    history = weekly_history(sessions, TODAY, weeks=2)
    assert history.weekly_tss == (25.0, 49.0)
    assert history.sessions == 2 and history.estimated


@pytest.mark.parametrize(
    ("session", "tss", "guess"),
    [
        (W(TODAY, "ruck", 8.0, 90.0), 1.5 * 0.65**2 * 100, True),
        (W(TODAY, "run", 12.0, None), 12 * 390 / 3600 * 0.75**2 * 100, True),
        (W(TODAY, "run", None, 45.0), 0.75 * 0.75**2 * 100, True),
        (W(TODAY, "walk", None, None), None, False),
        (W(TODAY, "yoga", None, 60.0), None, False),
    ],
)
def test_what_each_session_is_worth(session: LoggedWorkout, tss: float | None, guess: bool) -> None:
    stress, guessed = session_stress(session, None)
    assert stress == (pytest.approx(tss) if tss is not None else None)
    assert guessed is guess


def test_more_training_never_shows_as_less_load() -> None:
    easy = [W(TODAY - timedelta(days=d), "run", 8.0, 48.0) for d in (1, 3, 5)]
    more = [*easy, W(TODAY - timedelta(days=2), "run", 15.0, 95.0)]
    a = weekly_history(easy, TODAY, weeks=1, threshold_pace_s_per_km=280.0)
    b = weekly_history(more, TODAY, weeks=1, threshold_pace_s_per_km=280.0)
    assert b.weekly_tss[0] > a.weekly_tss[0] and b.weekly_run_km[0] == 39.0


def test_weeks_must_be_positive() -> None:
    with pytest.raises(ValueError, match="weeks must be at least 1"):
        weekly_history([], TODAY, weeks=0)
