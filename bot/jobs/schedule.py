"""Periodic jobs for Celery beat, as plain data that skills can add to.

A skill (or the core) describes a job with :class:`PeriodicJob`; ``configure(settings,
jobs=...)`` turns the core jobs plus the given ones into Celery's ``beat_schedule``. With no
extra jobs, beat still runs the heartbeat.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from celery.schedules import BaseSchedule


@dataclass(frozen=True)
class PeriodicJob:
    """Run ``task`` (a registered task name) on ``schedule``: seconds, a ``timedelta`` or a
    Celery schedule such as ``crontab(minute=0)``.

    ``expires`` (seconds) drops a run no worker picked up in time, so a stopped worker does not
    come back to a pile of stale runs.
    """

    name: str
    task: str
    schedule: float | timedelta | BaseSchedule
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    expires: float | None = None


CORE_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("heartbeat", "coachbot.heartbeat", 60.0, expires=55.0),
)


def beat_schedule(jobs: Iterable[PeriodicJob]) -> dict[str, dict[str, Any]]:
    """Celery's ``beat_schedule`` setting for these jobs; names must be unique."""
    schedule: dict[str, dict[str, Any]] = {}
    for job in jobs:
        if job.name in schedule:
            raise ValueError(f"two periodic jobs are named {job.name!r}")
        entry: dict[str, Any] = {
            "task": job.task,
            "schedule": job.schedule,
            "args": job.args,
            "kwargs": dict(job.kwargs),
        }
        if job.expires is not None:
            entry["options"] = {"expires": job.expires}
        schedule[job.name] = entry
    return schedule
