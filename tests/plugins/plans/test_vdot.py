"""Running physiology against Daniels' published VDOT tables, row by row, with the tolerances of
``../shared/reference/README.md``; then its properties over generated inputs (round trips,
monotonicity, pace order, determinism), Riegel as a cross-check, and the errors a client sees."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.plans.vdot import (
    MAX_DISTANCE_M,
    MAX_VDOT,
    MIN_DISTANCE_M,
    MIN_VDOT,
    RACE_DISTANCES_M,
    TrainingPaces,
    predict_race_seconds,
    riegel_seconds,
    training_paces,
    vdot_from_race,
)

REPO = Path(__file__).resolve().parents[3]
REFERENCE = REPO / ".." / "shared" / "reference"
TABLE = REFERENCE / "vdot_table.csv"


def _read_table() -> list[dict[str, str]]:
    if not TABLE.is_file():
        return []
    with TABLE.open(newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _read_table()
NO_TABLE = pytest.param(
    0,
    "",
    0.0,
    marks=pytest.mark.skip(reason=f"reference table {TABLE.resolve()} is absent"),
    id="no-reference-table",
)

# 1500 m, mile and 2 mile times where the row's VDOT is more than 0.15 from the published time's.
# The table prints whole seconds: on a 3-4 minute race ±0.5 s moves VDOT by ±0.16-0.23, so these
# cells cannot meet 0.15 as printed (largest miss 0.282 at 1500 m VDOT 81). Each is within 0.15 of
# the VDOTs of time ± 0.5 s: see test_short_race_vdot_allowing_for_whole_seconds.
ROUNDING_LIMITED = {
    ("race_1500m_s", 68),
    ("race_1500m_s", 72),
    ("race_1500m_s", 78),
    ("race_1500m_s", 81),
    ("race_1500m_s", 82),
    ("race_mile_s", 70),
    ("race_mile_s", 76),
    ("race_mile_s", 77),
    ("race_mile_s", 79),
    ("race_mile_s", 81),
    ("race_mile_s", 84),
    ("race_2mile_s", 81),
}


def cells(
    columns: list[str], *, vdot_from: int = 0, vdot_below: int = 1000, xfail: bool = False
) -> list[Any]:
    """One case (vdot, column, published value) per non-blank cell, named ``vdot45-race_5k_s``."""
    if not ROWS:
        return [NO_TABLE]
    cases = []
    for row in ROWS:
        vdot = int(row["vdot"])
        for column in columns:
            if not row[column] or not vdot_from <= vdot < vdot_below:
                continue
            marks = []
            if xfail and (column, vdot) in ROUNDING_LIMITED:
                reason = "published time is rounded to whole seconds (see ROUNDING_LIMITED)"
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            cases.append(
                pytest.param(
                    vdot, column, float(row[column]), marks=marks, id=f"vdot{vdot}-{column}"
                )
            )
    return cases


def distance_of(column: str) -> float:
    """``race_half_marathon_s`` → 21097.5."""
    return RACE_DISTANCES_M[column.removeprefix("race_").removesuffix("_s")]


RACE_COLUMNS = [f"race_{name}_s" for name in RACE_DISTANCES_M]
SHORT_RACE_COLUMNS = ["race_1500m_s", "race_mile_s", "race_3000m_s", "race_2mile_s"]
PREDICTION_TOLERANCE_S = {
    "race_5k_s": 3.0,
    "race_10k_s": 5.0,
    "race_half_marathon_s": 15.0,
    "race_marathon_s": 35.0,
}
FIVE_K_TO_MARATHON = [
    "race_5k_s",
    "race_10k_s",
    "race_15k_s",
    "race_half_marathon_s",
    "race_marathon_s",
]


# --- against the published table ---------------------------------------------------------------


@pytest.mark.parametrize(("vdot", "column", "seconds"), cells(RACE_COLUMNS, xfail=True))
def test_vdot_from_a_published_race_time(vdot: int, column: str, seconds: float) -> None:
    assert vdot_from_race(distance_of(column), seconds) == pytest.approx(vdot, abs=0.15)


@pytest.mark.parametrize(("vdot", "column", "seconds"), cells(SHORT_RACE_COLUMNS))
def test_short_race_vdot_allowing_for_whole_seconds(vdot: int, column: str, seconds: float) -> None:
    """The published time stands for anything within half a second of it."""
    distance = distance_of(column)
    slowest = vdot_from_race(distance, seconds + 0.5)
    fastest = vdot_from_race(distance, seconds - 0.5)
    assert slowest - 0.15 <= vdot <= fastest + 0.15


@pytest.mark.parametrize(("vdot", "column", "seconds"), cells(list(PREDICTION_TOLERANCE_S)))
def test_predicted_race_time(vdot: int, column: str, seconds: float) -> None:
    predicted = predict_race_seconds(vdot, distance_of(column))
    assert predicted == pytest.approx(seconds, abs=PREDICTION_TOLERANCE_S[column])


@pytest.mark.parametrize(("vdot", "column", "seconds"), cells(FIVE_K_TO_MARATHON))
def test_predicted_race_time_within_a_quarter_percent(
    vdot: int, column: str, seconds: float
) -> None:
    assert predict_race_seconds(vdot, distance_of(column)) == pytest.approx(seconds, rel=0.0025)


def pace_of(paces: TrainingPaces, column: str) -> float:
    return {
        "e_pace_km_fast_s": paces.easy[0],
        "e_pace_km_slow_s": paces.easy[1],
        "m_pace_km_s": paces.marathon,
        "t_pace_km_s": paces.threshold,
        "i_pace_km_s": paces.interval,
        "r_pace_km_from_200m_s_DERIVED": paces.repetition,
    }[column]


@pytest.mark.parametrize(
    ("vdot", "column", "published"),
    [
        *cells(["t_pace_km_s", "i_pace_km_s"]),
        *cells(["m_pace_km_s"], vdot_from=40),
    ],
)
def test_threshold_interval_and_marathon_paces(vdot: int, column: str, published: float) -> None:
    """T (88 %), I (97.5 %, against the 1000 m column) within 2 s/km; M within 3 s/km."""
    tolerance = 3.0 if column == "m_pace_km_s" else 2.0
    assert pace_of(training_paces(vdot), column) == pytest.approx(published, abs=tolerance)


@pytest.mark.parametrize(("vdot", "column", "published"), cells(["m_pace_km_s"], vdot_below=40))
def test_marathon_pace_below_vdot_40(vdot: int, column: str, published: float) -> None:
    """Below VDOT 40 the book's M column is slower than its own marathon time / 42.195 (by up to
    11.6 s/km, vdot_table.SOURCE.md), so only the source's 12 s/km bound applies."""
    assert pace_of(training_paces(vdot), column) == pytest.approx(published, abs=12.0)


@pytest.mark.parametrize(
    ("vdot", "column", "published"), cells(["e_pace_km_fast_s", "e_pace_km_slow_s"])
)
def test_easy_range(vdot: int, column: str, published: float) -> None:
    assert pace_of(training_paces(vdot), column) == pytest.approx(published, abs=5.0)


@pytest.mark.parametrize(("vdot", "column", "published"), cells(["r_pace_km_from_200m_s_DERIVED"]))
def test_repetition_pace(vdot: int, column: str, published: float) -> None:
    """Against 5 × the 200 m R time (the book gives no per-km R pace)."""
    assert pace_of(training_paces(vdot), column) == pytest.approx(published, abs=6.0)


# --- properties ---------------------------------------------------------------------------------

# Strictly inside 20-90 so that a time predicted at the edge reads back as a valid VDOT.
vdots = st.floats(min_value=MIN_VDOT + 0.01, max_value=MAX_VDOT - 0.01)
distances = st.floats(min_value=MIN_DISTANCE_M, max_value=MAX_DISTANCE_M)
fractions = st.floats(min_value=0.0, max_value=1.0)


def race_time(distance_m: float, fraction: float) -> float:
    """A time for ``distance_m`` between the VDOT 89.99 and 20.01 predictions."""
    fastest = predict_race_seconds(MAX_VDOT - 0.01, distance_m)
    slowest = predict_race_seconds(MIN_VDOT + 0.01, distance_m)
    return fastest + fraction * (slowest - fastest)


@given(distances, fractions)
def test_a_race_time_round_trips_through_vdot(distance_m: float, fraction: float) -> None:
    seconds = race_time(distance_m, fraction)
    again = predict_race_seconds(vdot_from_race(distance_m, seconds), distance_m)
    assert again == pytest.approx(seconds, abs=1.0)


@given(distances, fractions, fractions)
def test_a_faster_time_means_a_higher_vdot(distance_m: float, one: float, other: float) -> None:
    faster, slower = sorted((race_time(distance_m, one), race_time(distance_m, other)))
    if slower - faster > 1e-6:
        assert vdot_from_race(distance_m, faster) > vdot_from_race(distance_m, slower)


def ordered(paces: TrainingPaces) -> list[float]:
    """Fastest (fewest s/km) to slowest: R, I, T, M, E fast, E slow."""
    return [
        paces.repetition,
        paces.interval,
        paces.threshold,
        paces.marathon,
        paces.easy[0],
        paces.easy[1],
    ]


@given(vdots, vdots)
def test_paces_get_faster_as_vdot_rises_and_keep_their_order(one: float, other: float) -> None:
    lower, higher = sorted((one, other))
    slow, fast = ordered(training_paces(lower)), ordered(training_paces(higher))
    assert slow == sorted(slow) and len(set(slow)) == len(slow)
    assert fast == sorted(fast) and len(set(fast)) == len(fast)
    if higher - lower > 1e-6:
        assert all(f < s for f, s in zip(fast, slow, strict=True))


@given(vdots, distances, distances)
def test_predictions_increase_with_distance(vdot: float, one: float, other: float) -> None:
    shorter, longer = sorted((one, other))
    if longer - shorter > 1e-6:
        assert predict_race_seconds(vdot, shorter) < predict_race_seconds(vdot, longer)


@given(vdots, distances, fractions)
def test_identical_inputs_give_identical_outputs(
    vdot: float, distance_m: float, fraction: float
) -> None:
    seconds = race_time(distance_m, fraction)
    assert vdot_from_race(distance_m, seconds) == vdot_from_race(distance_m, seconds)
    assert predict_race_seconds(vdot, distance_m) == predict_race_seconds(vdot, distance_m)
    assert training_paces(vdot) == training_paces(vdot)
    assert riegel_seconds(5000, seconds, distance_m) == riegel_seconds(5000, seconds, distance_m)


ROAD = ["5k", "10k", "15k", "half_marathon"]


@given(vdots, st.sampled_from(ROAD), st.sampled_from(ROAD))
def test_riegel_agrees_with_vdot_between_5k_and_half(vdot: float, known: str, target: str) -> None:
    """Measured over VDOT 20-90 in steps of 0.1: at most 0.59 % apart (5K → 15K at VDOT 62)."""
    known_seconds = predict_race_seconds(vdot, RACE_DISTANCES_M[known])
    riegel = riegel_seconds(RACE_DISTANCES_M[known], known_seconds, RACE_DISTANCES_M[target])
    assert riegel == pytest.approx(predict_race_seconds(vdot, RACE_DISTANCES_M[target]), rel=0.01)


def test_riegel_is_riegel() -> None:
    assert riegel_seconds(10_000, 2400, 20_000) == pytest.approx(2400 * 2**1.06)
    assert riegel_seconds(10_000, 2400, 20_000, exponent=1.0) == pytest.approx(4800)


def test_a_known_result() -> None:
    """A 20:00 5K is VDOT 49.8 by Daniels' table (VDOT 50 runs 19:57)."""
    assert vdot_from_race(5000, 1200) == pytest.approx(49.81, abs=0.01)


# --- errors a client sees -----------------------------------------------------------------------

Call = Callable[[], object]
BAD_INPUTS: list[tuple[str, Call, str]] = [
    ("vdot below 20", lambda: training_paces(19.9), "vdot must be between 20 and 90"),
    ("vdot above 90", lambda: predict_race_seconds(90.5, 5000), "vdot must be between 20 and 90"),
    ("vdot nan", lambda: training_paces(math.nan), "got nan"),
    ("distance zero", lambda: vdot_from_race(0, 1200), "distance_m must be between 1000 and"),
    ("distance in km", lambda: predict_race_seconds(50, 21.1), "pass metres"),
    ("distance too far", lambda: predict_race_seconds(50, 100_000), "distance_m must be"),
    ("distance infinite", lambda: vdot_from_race(math.inf, 1200), "got inf"),
    ("time zero", lambda: vdot_from_race(5000, 0), "seconds must be a positive number"),
    ("time negative", lambda: vdot_from_race(5000, -1200), "seconds must be a positive"),
    ("time nan", lambda: vdot_from_race(5000, math.nan), "got nan"),
    ("time too fast", lambda: vdot_from_race(5000, 300), "5:00 for 5000 m implies VDOT 258"),
    ("time too slow", lambda: vdot_from_race(5000, 7200), "i.e. 12:01-42:39 for this distance"),
    ("time in minutes", lambda: vdot_from_race(42195, 210), "in metres and the time in seconds"),
    ("riegel known", lambda: riegel_seconds(500, 90, 5000), "known_distance_m must be between"),
    ("riegel target", lambda: riegel_seconds(5000, 1200, 0), "target_distance_m must be between"),
    ("riegel time", lambda: riegel_seconds(5000, 0, 10_000), "known_seconds must be a positive"),
    ("riegel exponent", lambda: riegel_seconds(5000, 1200, 10_000, 0.5), "exponent must be"),
]


@pytest.mark.parametrize(
    ("call", "message"),
    [pytest.param(call, message, id=name) for name, call, message in BAD_INPUTS],
)
def test_bad_inputs_raise_a_helpful_value_error(call: Call, message: str) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        call()
    assert len(str(raised.value)) < 250
