"""``coachbot paces`` (training paces and race predictions from a race result or a VDOT) and
``coachbot plan preview`` (a whole plan from a request file), for coaches and scripts. Mounted
through the ``coachbot.commands`` entry-point group."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from plugins.plans.api_models import PlanPreview, plan_preview
from plugins.plans.chart import ChartWeek, png, svg
from plugins.plans.model import PlanRequest
from plugins.plans.planning import make_plan
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


plan_app = typer.Typer(
    help="Training plans: preview one from a request file.", no_args_is_help=True
)


@plan_app.command()
def preview(
    config: Path = typer.Option(
        ..., "--config", exists=True, dir_okay=False, help="A plan request, as JSON (see docs)."
    ),
    today: str | None = typer.Option(
        None, "--today", help="Plan as of this date, YYYY-MM-DD (default: today)."
    ),
    chart: Path | None = typer.Option(
        None, "--chart", help="Also draw the weekly load chart to this .svg or .png file."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the whole preview as JSON."),
) -> None:
    """A plan preview: feasibility, readiness, risk, the weekly load and every session."""
    as_of = _date(today)
    try:
        request = PlanRequest.model_validate_json(config.read_bytes())
    except ValueError as exc:
        raise typer.BadParameter(_first_problem(exc), param_hint="--config") from None
    if chart is not None and chart.suffix.lower() not in (".svg", ".png"):
        raise typer.BadParameter("the chart file must end in .svg or .png", param_hint="--chart")
    result = plan_preview(make_plan(request, as_of))
    if chart is not None:
        drawing = svg(chart_weeks(result), title=_chart_title(request))
        if chart.suffix.lower() == ".png":
            chart.write_bytes(png(drawing))
        else:
            chart.write_text(drawing, encoding="utf-8")
    if as_json:
        typer.echo(result.model_dump_json())
        return
    _print_preview(result, chart)


def chart_weeks(result: PlanPreview) -> list[ChartWeek]:
    return [
        ChartWeek(w.start_date, w.tss, w.ctl, w.atl, w.tsb, w.kind) for w in result.projection.weeks
    ]


def _chart_title(request: PlanRequest) -> str:
    goals = sorted(request.goals, key=lambda g: (g.priority, g.event_date_iso, g.id))
    lead = goals[0]
    more = f" + {len(goals) - 1} more" if len(goals) > 1 else ""
    return f"Planned load: {lead.id} ({lead.sport}) on {lead.event_date_iso:%d %b %Y}{more}"


def _date(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date: use YYYY-MM-DD", param_hint="--today"
        ) from None


def _first_problem(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    first = errors(include_url=False)[0]
    where = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _print_preview(result: PlanPreview, chart: Path | None) -> None:
    console = Console()
    p = result.projection
    summary = Table(title="Plan preview", title_justify="left", show_header=False)
    summary.add_column("", style="bold")
    summary.add_column("")
    summary.add_row("feasibility", p.feasibility_band.replace("_", " "))
    summary.add_row(
        "readiness", f"{p.readiness_score:.0f}/100 (confidence {p.confidence_score:.0f})"
    )
    summary.add_row("risk", p.risk_level)
    summary.add_row("mode", p.mode_applied)
    if p.risk_flags:
        summary.add_row("risk flags", ", ".join(p.risk_flags))
    if p.overrides_applied:
        summary.add_row("overrides", ", ".join(p.overrides_applied))
    if p.safety_statement:
        summary.add_row("note", p.safety_statement)
    if result.vdot is not None:
        summary.add_row("VDOT", f"{result.vdot:.1f} ({result.pace_source})")
    for warning in result.warnings:
        summary.add_row("warning", warning)
    console.print(summary)

    goals = Table(title="Goals", title_justify="left")
    for name in ("goal", "priority", "band", "readiness", "targets"):
        goals.add_column(name)
    for g in p.goal_assessments:
        targets = ", ".join(f"{t.kind} {t.score_0_100:.0f}/100" for t in g.target_scores)
        goals.add_row(
            g.goal_id, g.priority, g.feasibility_band.replace("_", " "),
            f"{g.readiness_score:.0f}", targets,
        )  # fmt: skip
    console.print(goals)

    weeks = Table(title="Weeks", title_justify="left")
    for name in ("week", "starts", "kind", "TSS", "CTL", "ATL", "TSB", "ramp"):
        weeks.add_column(name, justify="right" if name not in ("kind", "starts") else "left")
    for w in p.weeks:
        weeks.add_row(
            str(w.index + 1), f"{w.start_date:%a %d %b}", w.kind, f"{w.tss:.0f}",
            f"{w.ctl:.0f}", f"{w.atl:.0f}", f"{w.tsb:+.0f}", f"{w.ramp_pct:+.0f}%",
        )  # fmt: skip
    console.print(weeks)

    if result.workouts:
        first = Table(title="First two weeks", title_justify="left")
        for name in ("day", "session", "time", "km", "pace"):
            first.add_column(name)
        start = result.workouts[0].scheduled_date
        for s in result.workouts:
            if (s.scheduled_date - start).days >= 14:
                break
            pace = f"{clock(s.pace_per_km_seconds)}/km" if s.pace_per_km_seconds else f"RPE {s.rpe}"
            first.add_row(
                f"{s.scheduled_date:%a %d %b}", s.title,
                f"{s.duration_minutes} min" if s.duration_minutes else "",
                f"{s.distance_km:.1f}" if s.distance_km else "", pace if s.duration_minutes else "",
            )  # fmt: skip
        console.print(first)
    if chart is not None:
        console.print(f"Chart written to {chart}")
