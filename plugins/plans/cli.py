"""``coachbot paces``: training paces and race predictions from a race result or a VDOT, for
coaches and scripts. Mounted through the ``coachbot.commands`` entry-point group."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from plugins.plans.races import PREDICTED_RACES, race_distance_m, race_seconds
from plugins.plans.vdot import (
    MAX_VDOT,
    MIN_VDOT,
    RACE_DISTANCES_M,
    TrainingPaces,
    clock,
    predict_race_seconds,
    training_paces,
    vdot_from_race,
)

_MILE_KM = 1.609344


def paces(
    race: str | None = typer.Option(
        None, "--race", help="A race you ran: 5k, 10k, half, marathon, mile, 8k, 15000m …"
    ),
    time: str | None = typer.Option(None, "--time", help="Its time, h:mm:ss or mm:ss."),
    vdot: float | None = typer.Option(None, "--vdot", help="A VDOT instead of a race (20-90)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Training paces (E, M, T, I, R) and race predictions from a race result or a VDOT."""
    value = _vdot(race, time, vdot)
    report = pace_report(value)
    if as_json:
        typer.echo(json.dumps(report))
        return
    _print(report, training_paces(value), source=f"{race} in {time}" if race else None)


def pace_report(vdot: float) -> dict[str, Any]:
    """The ``--json`` shape: VDOT, paces in s/km (E as ``[fast, slow]``), predictions in s."""
    zones = training_paces(vdot)
    return {
        "vdot": round(vdot, 1),
        "paces_s_per_km": {
            "E": [round(zones.easy[0], 1), round(zones.easy[1], 1)],
            "M": round(zones.marathon, 1),
            "T": round(zones.threshold, 1),
            "I": round(zones.interval, 1),
            "R": round(zones.repetition, 1),
        },
        "predictions_s": {
            race: round(predict_race_seconds(vdot, RACE_DISTANCES_M[race]), 1)
            for race in PREDICTED_RACES
        },
    }


def _vdot(race: str | None, time: str | None, vdot: float | None) -> float:
    if vdot is not None:
        if race is not None or time is not None:
            raise typer.BadParameter("give --vdot, or --race with --time, not both")
        try:
            training_paces(vdot)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--vdot") from exc
        return vdot
    if race is None or time is None:
        raise typer.BadParameter("give --race and --time (e.g. --race 5k --time 19:57), or --vdot")
    try:
        distance = race_distance_m(race)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--race") from exc
    try:
        seconds = race_seconds(time, distance)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--time") from exc
    try:
        return vdot_from_race(distance, seconds)
    except ValueError:
        fastest = predict_race_seconds(MAX_VDOT, distance)
        slowest = predict_race_seconds(MIN_VDOT, distance)
        raise typer.BadParameter(
            f"{time} for {race} is outside what the paces cover: VDOT {MIN_VDOT:g}-{MAX_VDOT:g}, "
            f"which for this race means {clock(fastest)} to {clock(slowest)}",
            param_hint="--time",
        ) from None


def _print(report: dict[str, Any], zones: TrainingPaces, *, source: str | None) -> None:
    console = Console()
    title = f"VDOT {report['vdot']:.1f}" + (f" (from {source})" if source else "")
    table = Table(title=title, title_justify="left")
    table.add_column("pace")
    table.add_column("per km", justify="right")
    table.add_column("per mile", justify="right")
    rows = [
        ("E  easy", zones.easy),
        ("M  marathon", (zones.marathon,)),
        ("T  threshold", (zones.threshold,)),
        ("I  interval", (zones.interval,)),
        ("R  repetition", (zones.repetition,)),
    ]
    for name, values in rows:
        table.add_row(
            name,
            "–".join(clock(v) for v in values),
            "–".join(clock(v * _MILE_KM) for v in values),
        )
    console.print(table)
    predictions = Table(title="Race predictions", title_justify="left")
    predictions.add_column("race")
    predictions.add_column("time", justify="right")
    for race, seconds in report["predictions_s"].items():
        predictions.add_row(race.replace("_", " "), clock(seconds))
    console.print(predictions)
