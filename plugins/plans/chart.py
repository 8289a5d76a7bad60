"""The plan chart: planned weekly load over the weeks, and what it does to fitness (CTL),
fatigue (ATL) and form (TSB). One SVG drawing serves the web plan page and ``coachbot plan
preview --chart out.svg``; ``png`` rasterises the same drawing for ``out.png``.

Pure: the drawing is a string built from numbers, deterministic to the byte (fixed decimals,
no ids drawn from memory addresses), so a test can compare two renders.

Two panels share the week axis. The top one has the weekly TSS as bars, coloured by kind of week
(build, deload, taper, race, recovery). The bottom one has CTL and ATL as lines and TSB as a
shaded band around zero. They are apart because weekly TSS is about seven times the daily
scale of CTL and ATL; one axis would flatten the lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final
from xml.sax.saxutils import escape

WIDTH: Final = 820
HEIGHT: Final = 420
_LEFT: Final = 56
_RIGHT: Final = 16
_TOP: Final = 40
_GAP: Final = 44
_BOTTOM: Final = 46
_LOAD_SHARE: Final = 0.5

KIND_COLOURS: Final[dict[str, str]] = {
    "build": "#4f7cac",
    "deload": "#9bb7d4",
    "taper": "#6aa889",
    "race": "#d9822b",
    "recovery": "#b8b8b8",
}
_CTL: Final = "#1f5fa8"
_ATL: Final = "#c4463a"
_TSB: Final = "#7a9a3a"
_INK: Final = "#333333"
_GRID: Final = "#e3e3e3"


@dataclass(frozen=True, slots=True)
class ChartWeek:
    """One planned week: its first day, load and the state at its end."""

    start: date
    tss: float
    ctl: float
    atl: float
    tsb: float
    kind: str = "build"


def svg(weeks: Sequence[ChartWeek], *, title: str = "Planned load") -> str:
    """The chart as a standalone SVG document."""
    if not weeks:
        raise ValueError("a chart needs at least one week")
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _GAP - _BOTTOM
    load_height = plot_height * _LOAD_SHARE
    state_top = _TOP + load_height + _GAP
    state_height = plot_height - load_height
    slot = plot_width / len(weeks)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_description(weeks))}</desc>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{_LEFT}" y="22" font-size="14" font-weight="bold" fill="{_INK}">'
        f"{escape(title)}</text>",
    ]

    _, top_load, load_step = _scale(0.0, max(w.tss for w in weeks))
    parts += _axis(_TOP, load_height, 0.0, top_load, load_step, "weekly TSS")
    for i, week in enumerate(weeks):
        height = week.tss / top_load * load_height
        colour = KIND_COLOURS.get(week.kind, KIND_COLOURS["build"])
        parts.append(
            f'<rect x="{_f(_LEFT + i * slot + slot * 0.15)}" y="{_f(_TOP + load_height - height)}" '
            f'width="{_f(slot * 0.7)}" height="{_f(height)}" fill="{colour}">'
            f"<title>Week {i + 1} ({week.start.isoformat()}, {week.kind}): "
            f"{week.tss:.0f} TSS</title></rect>"
        )

    low, high, step = _scale(
        min(0.0, *(w.tsb for w in weeks)), max(max(w.ctl, w.atl, w.tsb) for w in weeks)
    )
    parts += _axis(state_top, state_height, low, high, step, "TSS / day")

    def y(value: float) -> float:
        return state_top + state_height - (value - low) / (high - low) * state_height

    def x(i: int) -> float:
        return _LEFT + (i + 0.5) * slot

    zero = y(0.0)
    band = " ".join(f"{_f(x(i))},{_f(y(w.tsb))}" for i, w in enumerate(weeks))
    parts.append(
        f'<polygon points="{_f(x(0))},{_f(zero)} {band} {_f(x(len(weeks) - 1))},{_f(zero)}" '
        f'fill="{_TSB}" fill-opacity="0.25" stroke="none"/>'
    )
    parts.append(_line([y(w.ctl) for w in weeks], x, _CTL, width=2.5))
    parts.append(_line([y(w.atl) for w in weeks], x, _ATL, width=1.5, dashed=True))

    every = max(1, math.ceil(len(weeks) / 12))
    for i, week in enumerate(weeks):
        if i % every == 0:
            parts.append(
                f'<text x="{_f(x(i))}" y="{_f(HEIGHT - _BOTTOM + 16)}" text-anchor="middle" '
                f'fill="{_INK}">{week.start.day} {week.start.strftime("%b")}</text>'
            )
    parts += _legend(HEIGHT - 14, sorted({w.kind for w in weeks}, key=_kind_order))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def png(drawing: str, *, scale: float = 2.0) -> bytes:
    """The drawing as PNG, ``scale`` times its size (2 for sharp text on high-density screens).

    Text uses the system's sans-serif font; a machine without fonts gets the shapes only."""
    import resvg_py  # an optional speed-up of start-up: only chart exports need the rasteriser

    return bytes(resvg_py.svg_to_bytes(svg_string=drawing, zoom=scale, background="#ffffff"))


def _scale(low: float, high: float) -> tuple[float, float, float]:
    """Axis bounds and tick step: round numbers, with zero on a tick whenever it is in range."""
    step = _nice_ceiling((high - low) / 4 if high > low else 1.0)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _axis(top: float, height: float, low: float, high: float, step: float, label: str) -> list[str]:
    parts = []
    ticks = round((high - low) / step)
    for k in range(ticks + 1):
        value = low + step * k
        y = top + height - height * k / ticks
        parts.append(
            f'<line x1="{_LEFT}" y1="{_f(y)}" x2="{WIDTH - _RIGHT}" y2="{_f(y)}" '
            f'stroke="{_INK if abs(value) < step / 2 else _GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{_LEFT - 6}" y="{_f(y + 4)}" text-anchor="end" fill="{_INK}">'
            f"{value:.0f}</text>"
        )
    parts.append(
        f'<text x="14" y="{_f(top + height / 2)}" text-anchor="middle" fill="{_INK}" '
        f'transform="rotate(-90 14 {_f(top + height / 2)})">{escape(label)}</text>'
    )
    return parts


def _line(
    ys: Sequence[float],
    x: Callable[[int], float],
    colour: str,
    *,
    width: float,
    dashed: bool = False,
) -> str:
    points = " ".join(f"{_f(x(i))},{_f(value)}" for i, value in enumerate(ys))
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"'
        f'{dash} stroke-linejoin="round"/>'
    )


def _kind_order(kind: str) -> int:
    return list(KIND_COLOURS).index(kind) if kind in KIND_COLOURS else len(KIND_COLOURS)


def _legend(y: float, kinds: Sequence[str]) -> list[str]:
    entries = [(KIND_COLOURS.get(kind, KIND_COLOURS["build"]), kind) for kind in kinds]
    entries += [(_CTL, "fitness (CTL)"), (_ATL, "fatigue (ATL)"), (_TSB, "form (TSB)")]
    parts = []
    x = float(_LEFT)
    for colour, label in entries:
        parts.append(f'<rect x="{_f(x)}" y="{_f(y - 9)}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{_f(x + 14)}" y="{_f(y)}" fill="{_INK}">{escape(label)}</text>')
        x += 14 + 6.5 * len(label) + 14
    return parts


def _description(weeks: Sequence[ChartWeek]) -> str:
    peak = max(weeks, key=lambda w: w.tss)
    first, last = weeks[0], weeks[-1]
    return (
        f"{len(weeks)} weeks from {first.start.isoformat()}: weekly load peaks at "
        f"{peak.tss:.0f} TSS in the week of {peak.start.isoformat()}; fitness (CTL) goes from "
        f"{first.ctl:.0f} to {last.ctl:.0f}, form (TSB) ends at {last.tsb:+.0f}."
    )


def _nice_ceiling(value: float) -> float:
    """The next round number at or above ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * power:
            return step * power
    return 10.0 * power


def _f(value: float) -> str:
    return f"{value:.1f}"
