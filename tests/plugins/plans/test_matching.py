"""Planned sessions and logged workouts paired up the way an athlete would pair them."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from plugins.plans.logged import LoggedWorkout as Logged
from plugins.plans.matching import Planned, match_sessions, unmatched

MON, TUE = date(2026, 11, 23), date(2026, 11, 24)


def test_a_run_on_the_day_matches_the_planned_run() -> None:
    planned = [Planned("p1", MON, "easy", 8, 45), Planned("p2", TUE, "rest")]
    logged = [Logged("w1", MON, "run", 8.2, 47), Logged("w2", TUE, "run", 5, 30)]
    matched = match_sessions(planned, logged)
    assert matched == {"p1": "w1"}  # a rest day is never "done" by a run
    assert [w.id for w in unmatched(logged, matched)] == ["w2"]


def test_two_sessions_on_one_day_pair_by_closeness() -> None:
    planned = [Planned("am", MON, "easy", None, 30), Planned("pm", MON, "long", None, 100)]
    logged = [Logged("long", MON, "run", 18, 95), Logged("short", MON, "run", 5, 28)]
    assert match_sessions(planned, logged) == {"am": "short", "pm": "long"}


def test_other_days_and_other_sports_do_not_match_a_run() -> None:
    planned = [Planned("p1", MON, "tempo", 10, 50), Planned("x", TUE, "cross", None, 45)]
    logged = [Logged("ride", MON, "bike", 30, 60), Logged("late", TUE, "run", 10, 50),
              Logged("swim", TUE, "swim", 2, 45)]  # fmt: skip
    assert match_sessions(planned, logged) == {"x": "swim"}


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(["easy", "long", "rest", "cross"])), max_size=8
    ),
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(["run", "bike", "walk"]), st.floats(5, 120)),
        max_size=8,
    ),
)
def test_each_side_is_used_at_most_once_and_only_same_day(
    sessions: list[tuple[int, str]], workouts: list[tuple[int, str, float]]
) -> None:
    planned = [
        Planned(f"p{i}", date(2026, 11, 23 + d), t, None, 45) for i, (d, t) in enumerate(sessions)
    ]
    logged = [
        Logged(f"w{i}", date(2026, 11, 23 + d), a, None, m) for i, (d, a, m) in enumerate(workouts)
    ]
    matched = match_sessions(planned, logged)
    assert len(set(matched.values())) == len(matched)
    days = {p.id: p.day for p in planned} | {w.id: w.day for w in logged}
    assert all(days[p] == days[w] for p, w in matched.items())
    assert match_sessions(planned[::-1], logged[::-1]) == matched
