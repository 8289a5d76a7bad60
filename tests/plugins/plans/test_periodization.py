"""Periodization: plan types and seed 004's minimum weeks, the taper table, phase distributions
for every distance and plan length, deload placement, and the default weekly targets."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.plans.periodization import (
    DELOAD_FACTOR,
    MAX_RAMP,
    MIN_WEEKS,
    PHASES,
    TAPER_FACTOR,
    default_week_targets,
    deload_weeks,
    minimum_weeks,
    plan_type,
    race_phases,
    taper_weeks,
)

DISTANCES = {"5k": 5.0, "10k": 10.0, "half_marathon": 21.0975, "marathon": 42.195}


@pytest.mark.parametrize(
    ("km", "kind", "weeks"),
    [
        (1.0, "5k", 6),
        (5.0, "5k", 6),
        (7.99, "5k", 6),
        (8.0, "10k", 8),
        (10.0, "10k", 8),
        (14.99, "10k", 8),
        (15.0, "half_marathon", 12),
        (21.0975, "half_marathon", 12),
        (29.99, "half_marathon", 12),
        (30.0, "marathon", 16),
        (42.195, "marathon", 16),
        (50.0, "marathon", 16),
    ],
)
def test_plan_type_and_seed_004_minimum_weeks(km: float, kind: str, weeks: int) -> None:
    assert plan_type(km) == kind
    assert minimum_weeks(km) == weeks == MIN_WEEKS[plan_type(km)]


@pytest.mark.parametrize(
    ("km", "weeks"),
    [(5.0, 1), (10.0, 1), (14.99, 1), (15.0, 2), (21.0975, 2), (29.99, 2), (30.0, 3), (42.195, 3)],
)
def test_taper_table(km: float, weeks: int) -> None:
    assert taper_weeks(km) == weeks
    assert taper_weeks(km, total_weeks=30) == weeks


def test_short_plans_give_the_taper_at_most_a_quarter_of_the_weeks() -> None:
    assert taper_weeks(42.195, total_weeks=8) == 2
    assert taper_weeks(42.195, total_weeks=4) == 1
    assert taper_weeks(42.195, total_weeks=1) == 1
    assert taper_weeks(21.0975, total_weeks=7) == 1


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("5k", {"base": 2, "build": 1, "peak": 2, "taper": 1}),
        ("10k", {"base": 3, "build": 2, "peak": 2, "taper": 1}),
        ("half_marathon", {"base": 4, "build": 3, "peak": 3, "taper": 2}),
        ("marathon", {"base": 5, "build": 5, "peak": 3, "taper": 3}),
    ],
)
def test_phase_distribution_at_the_minimum_length(kind: str, expected: dict[str, int]) -> None:
    weeks = race_phases(MIN_WEEKS[kind], DISTANCES[kind])  # type: ignore[index]
    assert Counter(w.phase for w in weeks) == expected


def test_longer_races_spend_more_weeks_on_base_and_fewer_on_peak() -> None:
    marathon = Counter(w.phase for w in race_phases(24, 42.195))
    five_k = Counter(w.phase for w in race_phases(24, 5.0))
    assert marathon["base"] > five_k["base"]
    assert marathon["peak"] < five_k["peak"]


def test_very_short_plans_keep_the_early_phases() -> None:
    assert [w.phase for w in race_phases(1, 10.0)] == ["taper"]
    assert [w.phase for w in race_phases(2, 10.0)] == ["build", "taper"]
    assert [w.phase for w in race_phases(3, 10.0)] == ["base", "build", "taper"]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.sampled_from(sorted(DISTANCES.values())))
def test_phase_order_lengths_and_counters(total: int, km: float) -> None:
    weeks = race_phases(total, km)
    assert len(weeks) == total
    order = [PHASES.index(w.phase) for w in weeks]
    assert order == sorted(order), "base → build → peak → taper, never back"
    assert weeks[-1].phase == "taper"
    counts = Counter(w.phase for w in weeks)
    assert counts["taper"] == taper_weeks(km, total)
    if total - counts["taper"] >= 3:
        assert counts["base"] >= 1 and counts["build"] >= 1 and counts["peak"] >= 1
    for previous, week in zip([None, *weeks], weeks, strict=False):
        expected = previous.phase_week + 1 if previous and previous.phase == week.phase else 1
        assert week.phase_week == expected


def test_deloads_every_fourth_week_of_a_marathon_plan() -> None:
    phases = [w.phase for w in race_phases(16, 42.195)]
    assert deload_weeks(phases) == {3, 7, 11}
    assert deload_weeks(phases, every=3) == {2, 5, 8, 11}


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.sampled_from(sorted(DISTANCES.values())), st.sampled_from([3, 4]))
def test_deloads_never_in_or_just_before_the_taper(total: int, km: float, every: int) -> None:
    phases = [w.phase for w in race_phases(total, km)]
    deloads = deload_weeks(phases, every)
    first_taper = phases.index("taper")
    assert all(i < first_taper - 1 and i > 0 for i in deloads)
    loading_run = 0
    for i in range(first_taper):
        loading_run = 0 if i in deloads else loading_run + 1
        assert loading_run <= every or i == first_taper - 1


def test_deload_every_must_be_three_or_four() -> None:
    with pytest.raises(ValueError, match="3 or 4"):
        deload_weeks(["base"] * 8, every=5)


def test_default_week_targets_ramp_deload_taper_and_race() -> None:
    start = date(2026, 1, 5)
    race = date(2026, 4, 26)
    weeks = default_week_targets(start, race, 42.195, weekly_tss=300.0, level="intermediate")
    assert len(weeks) == 16
    assert [w.start for w in weeks] == [start + timedelta(days=7 * i) for i in range(16)]
    assert weeks[-1].kind == "race"
    assert [w.kind for w in weeks[-3:-1]] == ["taper", "taper"]
    last_loading = weeks[0].running_tss
    for previous, week in itertools.pairwise(weeks):
        if week.kind == "build":
            assert week.running_tss <= last_loading * (1 + MAX_RAMP) + 0.1
            last_loading = week.running_tss
        elif week.kind == "deload":
            assert week.running_tss == pytest.approx(last_loading * DELOAD_FACTOR, abs=0.1)
        else:
            assert week.running_tss == pytest.approx(previous.running_tss * TAPER_FACTOR, abs=0.1)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plan_type(0.5), "between 1 and 50 km"),
        (lambda: plan_type(51.0), "between 1 and 50 km"),
        (lambda: race_phases(0, 10.0), "at least 1 week"),
        (
            lambda: default_week_targets(
                date(2026, 2, 1), date(2026, 1, 1), 10.0, weekly_tss=200.0, level="beginner"
            ),
            "before the plan start",
        ),
    ],
)
def test_errors(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match=message):
        call()
