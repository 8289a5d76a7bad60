"""Skills' periodic jobs (:class:`bot.skill.SkillJob`) on Celery.

One task, ``coachbot.skill_job``, runs any skill's job by name, so a skill declares plain async
functions and never a Celery task of its own; beat gets one entry per job, named
``<skill>.<job>``. The worker opens the same runtime every other entry point opens, so a job
sees the store, prompts and LLM the service sees.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Sequence
from typing import Any

from bot.jobs.app import jobs_config, task
from bot.jobs.schedule import PeriodicJob
from bot.runtime import open_runtime, system_clock
from bot.settings import Settings
from bot.skill import Clock, JobContext, Skill, SkillJob

log = logging.getLogger(__name__)

TASK_NAME = "coachbot.skill_job"


class UnknownJob(LookupError):
    """No installed skill offers a job by that name."""


def job_name(skill: Skill, job: SkillJob) -> str:
    return f"{skill.name}.{job.name}"


def skill_jobs(skills: Sequence[Skill]) -> dict[str, tuple[Skill, SkillJob]]:
    """Every installed skill's jobs by their full name, in skill order."""
    return {job_name(s, j): (s, j) for s in skills for j in s.jobs()}


def periodic_jobs(skills: Sequence[Skill]) -> list[PeriodicJob]:
    """Beat entries for the skills' jobs. A run still queued when the next is due is dropped."""
    return [
        PeriodicJob(
            name,
            TASK_NAME,
            job.every,
            args=(name,),
            expires=job.every.total_seconds(),
        )
        for name, (_, job) in skill_jobs(skills).items()
    ]


async def run_job(name: str, settings: Settings, *, clock: Clock = system_clock) -> dict[str, Any]:
    """Run one job now and return its summary, with ``job`` and ``seconds`` added."""
    async with open_runtime(settings, clock=clock) as runtime:
        found = skill_jobs(runtime.engine.skills).get(name)
        if found is None:
            raise UnknownJob(name)
        skill, job = found
        ctx = JobContext(
            db=runtime.database.db, llm=runtime.llm, clock=clock, settings=skill.settings
        )
        started = time.perf_counter()
        summary = dict(await job.run(ctx) or {})
    seconds = round(time.perf_counter() - started, 3)
    return {"job": name, **summary, "seconds": seconds}


@task(name=TASK_NAME)
def skill_job(name: str) -> dict[str, Any]:
    """Run the skill job ``name`` (``<skill>.<job>``); the summary is the task's result."""
    summary = asyncio.run(run_job(name, jobs_config().settings))
    log.info("job %s done: %s", name, json.dumps(summary, default=str))
    return summary
