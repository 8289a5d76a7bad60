"""The plan chart as a reader sees it: one bar per week sized by its load, the fitness and
fatigue lines through every week, form around a zero line, a legend of what is drawn — and the
same bytes every time, as SVG and as PNG."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from plugins.plans.chart import KIND_COLOURS, ChartWeek, png, svg
from plugins.plans.load import steady_state, step_week

NS = {"s": "http://www.w3.org/2000/svg"}


def _weeks(loads: list[float], kinds: list[str] | None = None) -> list[ChartWeek]:
    state = steady_state(300.0)
    weeks = []
    for i, load in enumerate(loads):
        state = step_week(state, load)
        kind = kinds[i] if kinds else "build"
        start = date(2027, 1, 4) + timedelta(weeks=i)
        weeks.append(ChartWeek(start, load, state.ctl, state.atl, state.tsb, kind))
    return weeks


def test_one_bar_per_week_sized_by_its_load() -> None:
    loads = [300.0, 330.0, 360.0, 260.0, 390.0, 200.0]
    kinds = ["build", "build", "build", "deload", "build", "taper"]
    root = ET.fromstring(svg(_weeks(loads, kinds), title="10K & more <fast>"))  # noqa: S314 (our own drawing)
    bars = [r for r in root.findall("s:rect", NS) if r.find("s:title", NS) is not None]
    assert len(bars) == len(loads)
    heights = [float(b.get("height", "0")) for b in bars]
    for load, height in zip(loads, heights, strict=True):
        assert height / heights[0] == pytest.approx(load / loads[0], rel=0.01)
    assert bars[3].get("fill") == KIND_COLOURS["deload"]
    assert bars[5].get("fill") == KIND_COLOURS["taper"]
    label = bars[3].find("s:title", NS)
    assert label is not None and label.text == "Week 4 (2027-01-25, deload): 260 TSS"
    assert root.findtext("s:title", namespaces=NS) == "10K & more <fast>"


def test_fitness_and_fatigue_run_through_every_week_and_form_has_a_zero_line() -> None:
    weeks = _weeks([420.0] * 5 + [150.0] * 3)  # a hard block (form below zero), then rest
    root = ET.fromstring(svg(weeks))  # noqa: S314 (our own drawing)
    lines = root.findall("s:polyline", NS)
    assert len(lines) == 2
    assert all(len((line.get("points") or "").split()) == len(weeks) for line in lines)
    assert any(t.text == "0" for t in root.findall("s:text", NS))
    description = root.findtext("s:desc", namespaces=NS) or ""
    assert "8 weeks from 2027-01-04" in description
    assert f"form (TSB) ends at {weeks[-1].tsb:+.0f}" in description


def test_the_legend_names_only_the_kinds_of_week_drawn() -> None:
    text = svg(_weeks([300.0, 250.0], ["build", "deload"]))
    assert ">deload</text>" in text and ">build</text>" in text
    assert ">taper</text>" not in text
    assert ">fitness (CTL)</text>" in text


def test_the_drawing_is_the_same_to_the_byte() -> None:
    weeks = _weeks([310.0, 333.3, 351.25])
    assert svg(weeks) == svg(list(weeks))
    assert png(svg(weeks)) == png(svg(weeks))


def test_png_is_the_drawing_at_twice_its_size() -> None:
    data = png(svg(_weeks([300.0, 320.0])))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1640, 840)


def test_no_weeks_no_chart() -> None:
    with pytest.raises(ValueError, match="at least one week"):
        svg([])
