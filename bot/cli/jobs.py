"""``coachbot worker`` and ``coachbot beat``, the Celery processes behind background jobs, and
``coachbot jobs``, which lists the skills' periodic jobs and runs one now.

Worker and beat need a Redis to talk to. ``coachbot serve`` starts an embedded one and runs
these two as its children with ``COACHBOT_REDIS_URL`` set; run on their own (production, or a
second worker), they use the configured URL and refuse to start without one.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from bot.discovery import load_skills
from bot.settings import Settings

if TYPE_CHECKING:
    from celery import Celery

LOGLEVEL_HELP = "DEBUG, INFO, WARNING or ERROR (default: COACHBOT_LOG_LEVEL)."
NO_REDIS = "coachbot {command} needs COACHBOT_REDIS_URL; `coachbot serve` starts one for you"


def worker(
    concurrency: int | None = typer.Option(
        None, "--concurrency", "-c", min=1, help="Worker processes (default: one per CPU)."
    ),
    loglevel: str | None = typer.Option(None, "--loglevel", "-l", help=LOGLEVEL_HELP),
) -> None:
    """Run a Celery worker: sends emails, pushes events to users, runs skills' jobs."""
    settings = Settings()
    app = _configured("worker", settings)
    argv = ["worker", "--hostname=coachbot@%h", f"--loglevel={loglevel or settings.log_level}"]
    if concurrency is not None:
        argv.append(f"--concurrency={concurrency}")
    app.worker_main(argv)


def beat(
    loglevel: str | None = typer.Option(None, "--loglevel", "-l", help=LOGLEVEL_HELP),
) -> None:
    """Run Celery beat, which queues periodic jobs. Run exactly one per deployment."""
    settings = Settings()
    app = _configured("beat", settings)
    # beat remembers when each job last ran; keep that with the rest of the data, not in cwd.
    state = settings.data_dir / "beat"
    state.mkdir(parents=True, exist_ok=True)
    app.start(
        [
            "beat",
            f"--loglevel={loglevel or settings.log_level}",
            f"--schedule={state / 'schedule'}",
        ]
    )


jobs_app = typer.Typer(help="The skills' periodic jobs: list them, or run one now.")


@jobs_app.command("list")
def list_jobs(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The periodic jobs beat runs, with how often."""
    settings = Settings()
    rows: list[dict[str, Any]] = [
        {
            "name": f"{skill.name}.{job.name}",
            "every_seconds": job.every.total_seconds(),
            "summary": job.summary,
        }
        for skill in load_skills(settings.skills_disabled)
        for job in skill.jobs()
    ]
    if as_json:
        typer.echo(json.dumps({"jobs": rows}))
        return
    table = Table(title="Periodic jobs")
    for column in ("job", "every", "what it does"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["name"], _every(row["every_seconds"]), row["summary"])
    Console().print(table)


@jobs_app.command("run")
def run(
    name: str = typer.Argument(..., help="The job, as `coachbot jobs list` names it."),
    as_json: bool = typer.Option(False, "--json", help="Print the job's summary as JSON."),
) -> None:
    """Run one job now, here, against the configured store; prints what it did."""
    from bot.jobs.skill_jobs import UnknownJob, run_job

    settings = Settings()
    try:
        summary = asyncio.run(run_job(name, settings))
    except UnknownJob:
        typer.echo(f"No job named {name!r}; `coachbot jobs list` shows them.", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(summary, default=str))
        return
    table = Table(title=f"{name} done", show_header=False)
    table.add_column("what")
    table.add_column("value")
    for key, value in summary.items():
        if key != "job":
            table.add_row(key.replace("_", " "), str(value))
    Console().print(table)


def _every(seconds: float) -> str:
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = int(seconds // size)
            return f"every {unit}" if count == 1 else f"every {count} {unit}s"
    return f"every {seconds:g} s"


def _configured(command: str, settings: Settings) -> Celery:
    # Celery loads only for these commands, so the rest of the CLI starts quickly.
    from bot.jobs import configure
    from bot.jobs.skill_jobs import periodic_jobs

    if not settings.redis_url:
        typer.echo(NO_REDIS.format(command=command), err=True)
        raise typer.Exit(2)
    _use_our_logging(settings)
    return configure(settings, jobs=periodic_jobs(load_skills(settings.skills_disabled)))


def _use_our_logging(settings: Settings) -> None:
    """Celery would install its own log handlers; ours give the same JSON lines as the api,
    with the task's id on every line it logs."""
    from celery import signals

    from bot.logs import bind_context, clear_context, configure_logging

    def setup_logging(**_: Any) -> None:
        configure_logging(settings)

    def task_started(task_id: str | None = None, **_: Any) -> None:
        bind_context(task_id=task_id)

    def task_finished(**_: Any) -> None:
        clear_context()

    signals.setup_logging.connect(setup_logging, weak=False)
    signals.task_prerun.connect(task_started, weak=False)
    signals.task_postrun.connect(task_finished, weak=False)
