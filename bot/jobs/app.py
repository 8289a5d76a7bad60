"""The one Celery app of coachbot, shared by the api process (which enqueues), the worker
(which runs tasks) and beat (which schedules them).

Tasks are registered on ``celery_app`` when their modules are imported (``include`` makes the
worker import them); ``configure(settings)`` then points the app at Redis. Call it once at
start-up in every process that touches jobs: the CLI commands ``worker`` and ``beat`` do, and
the api must before its first ``enqueue_email``.

Delivery rules are those of the architecture's proactive work: a task is acknowledged only after
it ran (``task_acks_late``) and is redelivered if its worker dies mid-task, so every task must be
safe to run twice; workers take one message at a time so a slow task never holds others back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from celery import Celery

from bot.jobs.schedule import CORE_JOBS, PeriodicJob, beat_schedule
from bot.settings import Settings
from storage.redis import celery_url

EMAIL_RETRY_SECONDS = 30.0
"""First wait before an email is retried; each further retry waits about twice as long."""

TASK_MODULES = ("bot.jobs.mail", "bot.jobs.push", "bot.jobs.heartbeat", "bot.jobs.skill_jobs")

BASE_CONFIG: dict[str, Any] = {
    "task_serializer": "json",
    "result_serializer": "json",
    "accept_content": ["json"],
    "result_accept_content": ["json"],
    "timezone": "UTC",
    "enable_utc": True,
    "task_acks_late": True,
    "task_reject_on_worker_lost": True,
    "worker_prefetch_multiplier": 1,
    "broker_connection_retry_on_startup": True,
    "task_default_queue": "coachbot",
    "result_expires": 24 * 3600,
}

celery_app = Celery("coachbot", include=list(TASK_MODULES))
celery_app.conf.update(BASE_CONFIG)


def task(**options: Any) -> Callable[[Callable[..., Any]], Any]:
    """``celery_app.task``, with a signature strict type checking accepts (Celery ships no
    type hints). Tasks take and return JSON values only."""
    decorator: Callable[[Callable[..., Any]], Any] = celery_app.task(**options)
    return decorator


class JobsNotConfigured(RuntimeError):
    """Jobs need Redis (broker and result backend) and there is none configured."""


@dataclass(frozen=True)
class JobsConfig:
    """What tasks read at run time, set by :func:`configure`."""

    settings: Settings
    email_retry_seconds: float = EMAIL_RETRY_SECONDS


_config: JobsConfig | None = None


def configure(
    settings: Settings,
    *,
    jobs: Iterable[PeriodicJob] = (),
    email_retry_seconds: float = EMAIL_RETRY_SECONDS,
) -> Celery:
    """Point ``celery_app`` at ``settings.redis_url`` and give tasks their settings.

    ``jobs`` are periodic jobs beyond the core ones (skills add theirs here). A unix-socket URL
    (``unix:///path``, as the embedded Redis gives) is translated to Celery's spelling.
    """
    global _config
    if not settings.redis_url:
        raise JobsNotConfigured(
            "background jobs need Redis: set COACHBOT_REDIS_URL "
            "(`coachbot serve` starts an embedded one for you)"
        )
    _use_redis(celery_url(settings.redis_url))
    celery_app.conf.beat_schedule = beat_schedule([*CORE_JOBS, *jobs])
    _config = JobsConfig(settings=settings, email_retry_seconds=email_retry_seconds)
    return celery_app


def _use_redis(url: str) -> None:
    """Make ``url`` the broker and result backend, also if the app already used another one.

    Celery opens its broker pool and result backend on first use and keeps them, so a changed
    URL alone would be ignored by a process that already enqueued something (a test session, an
    app factory called twice). Dropping them is what Celery itself does in a forked child.
    """
    conf = celery_app.conf
    if conf.broker_url == url and conf.result_backend == url:
        return
    conf.update(broker_url=url, result_backend=url)
    # Not closed: kombu keeps pools per URL and hands the same one back if the URL returns.
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")  # a cached property, present once used
    if amqp is not None:
        amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local = threading.local()


def jobs_config() -> JobsConfig:
    """The configuration tasks run with: what :func:`configure` was given, or, in a process
    that never called it, settings read from the environment."""
    global _config
    if _config is None:
        _config = JobsConfig(settings=Settings())
    return _config
