"""``coachbot worker`` and ``coachbot beat``: the Celery processes behind background jobs.

Both need a Redis to talk to. ``coachbot serve`` starts an embedded one and runs these two as
its children with ``COACHBOT_REDIS_URL`` set; run on their own (production, or a second worker),
they use the configured URL and refuse to start without one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

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


def _configured(command: str, settings: Settings) -> Celery:
    # Celery loads only for these two commands, so the rest of the CLI starts quickly.
    from bot.jobs import configure

    if not settings.redis_url:
        typer.echo(NO_REDIS.format(command=command), err=True)
        raise typer.Exit(2)
    _use_our_logging(settings)
    return configure(settings)


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
