"""``coachbot eval …``: run evaluation sets through the real pipeline and report outcomes."""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bot.runtime import open_runtime
from bot.settings import Settings
from bot.skill import UserProfile

eval_app = typer.Typer(help="Run evaluation sets through the real pipeline.", no_args_is_help=True)

CONCURRENCY = 8


class EvalRow(BaseModel):
    id: str
    text: str
    category: str = "uncategorised"


def read_rows(path: Path) -> list[EvalRow]:
    """Reads JSONL; a bad line stops the run with its line number, before anything is run."""
    rows: list[EvalRow] = []
    seen: set[str] = set()
    for number, line in _lines(path):
        try:
            row = EvalRow.model_validate_json(line)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(p) for p in problem["loc"]) or "line"
            raise typer.BadParameter(f"{path}:{number}: {where}: {problem['msg']}") from None
        if row.id in seen:
            raise typer.BadParameter(f"{path}:{number}: duplicate id {row.id!r}")
        seen.add(row.id)
        rows.append(row)
    return rows


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The non-blank lines of a JSONL file, with their line numbers for error messages."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


async def run_guardrail_eval(
    rows: list[EvalRow], settings: Settings, show_progress: bool
) -> dict[str, Any]:
    outcomes: dict[str, str] = {}
    limiter = asyncio.Semaphore(CONCURRENCY)
    async with open_runtime(settings) as runtime:
        with Progress(transient=True, disable=not show_progress) as progress:
            task = progress.add_task("evaluating", total=len(rows))

            async def one(row: EvalRow) -> None:
                async with limiter:
                    profile = UserProfile(user_id=f"eval-{row.id}")
                    result = await runtime.engine.handle(
                        profile, row.text, conversation_id="eval", channel="eval"
                    )
                    outcomes[row.id] = result.outcome
                    progress.advance(task)

            await asyncio.gather(*(one(row) for row in rows))
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        by_category[row.category][outcomes[row.id]] += 1
    return {
        "total": len(rows),
        "outcomes": dict(sorted(Counter(outcomes.values()).items())),
        "by_category": {c: dict(sorted(n.items())) for c, n in sorted(by_category.items())},
        "rows": [{"id": row.id, "outcome": outcomes[row.id]} for row in rows],
    }


@eval_app.command("guardrails")
def guardrails(
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, readable=True, help="JSONL with id, text[, category]."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Send each row as a new user's first turn; report `refused` or the skill that answered."""
    rows = read_rows(file)
    with tempfile.TemporaryDirectory(prefix="coachbot-eval-") as scratch:
        # A throwaway embedded store: evaluation never writes into the service's data.
        settings = Settings(data_dir=Path(scratch), mongodb_url=None, min_seconds_between_turns=0)
        report = asyncio.run(run_guardrail_eval(rows, settings, show_progress=not as_json))
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    console = Console()
    outcomes = sorted(report["outcomes"])
    table = Table(title=f"guardrail eval — {report['total']} rows")
    table.add_column("category")
    for outcome in outcomes:
        table.add_column(outcome, justify="right")
    for category, counts in report["by_category"].items():
        table.add_row(category, *(str(counts.get(o, 0)) for o in outcomes))
    table.add_section()
    table.add_row("total", *(str(report["outcomes"][o]) for o in outcomes), style="bold")
    console.print(table)


async def run_suite(
    suite: str, rows: list[dict[str, Any]], settings: Settings, show_progress: bool
) -> dict[str, Any]:
    """Score each row with the installed skill that offers ``suite``."""
    async with open_runtime(settings) as runtime:
        engine = runtime.engine
        offering = [(s, s.evaluators()[suite]) for s in engine.skills if suite in s.evaluators()]
        if not offering:
            raise typer.BadParameter(f"no installed skill offers the {suite!r} evaluation")
        skill, evaluate = offering[0]
        results: list[dict[str, Any]] = []
        with Progress(transient=True, disable=not show_progress) as progress:
            task = progress.add_task(f"evaluating {suite}", total=len(rows))
            for row in rows:
                ctx = engine.context_for(skill, UserProfile(user_id=f"eval-{row['id']}"))
                results.append(await evaluate(row, ctx))
                progress.advance(task)
    return summarise(results)


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    total = len(results)
    exact = sum(1 for r in results if r.get("match"))
    names = sorted({name for r in results for name in r.get("fields", {})})
    fields = {
        name: round(sum(1 for r in results if r.get("fields", {}).get(name)) / total, 4)
        if total
        else 0.0
        for name in names
    }
    return {
        "total": total,
        "exact": exact,
        "accuracy": round(exact / total, 4) if total else 0.0,
        "fields": fields,
        "rows": [{k: v for k, v in r.items() if k != "fields"} for r in results],
    }


def read_objects(path: Path) -> list[dict[str, Any]]:
    """Rows for a skill's evaluation suite: JSON objects with at least an ``id`` and a ``text``;
    the suite reads the rest."""
    rows: list[dict[str, Any]] = []
    for number, line in _lines(path):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise typer.BadParameter(f"{path}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise typer.BadParameter(f'{path}:{number}: each line needs an "id"')
        if not isinstance(row.get("text"), str):
            raise typer.BadParameter(f'{path}:{number}: each line needs a "text"')
        rows.append(row)
    return rows


@eval_app.command("goals")
def goals(
    file: Path = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        readable=True,
        help='JSONL rows {"id", "text", "expected": {"metric", "target_value", "unit", "window"}}.',
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Run each text through goal drafting; report exact-match accuracy overall and per field
    (a target matches within 1%)."""
    rows = read_objects(file)
    with tempfile.TemporaryDirectory(prefix="coachbot-eval-") as scratch:
        settings = Settings(data_dir=Path(scratch), mongodb_url=None, min_seconds_between_turns=0)
        report = asyncio.run(run_suite("goals", rows, settings, show_progress=not as_json))
    if as_json:
        typer.echo(json.dumps(report, indent=2, default=str))
        return
    console = Console()
    table = Table(title=f"goals eval — {report['total']} rows")
    table.add_column("field")
    table.add_column("accuracy", justify="right")
    for name, accuracy in report["fields"].items():
        table.add_row(name, f"{accuracy:.1%}")
    table.add_section()
    table.add_row("exact", f"{report['accuracy']:.1%} ({report['exact']}/{report['total']})")
    console.print(table)
