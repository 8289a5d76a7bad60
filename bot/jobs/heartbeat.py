"""A periodic task that only logs, so a running beat and worker can be seen to be alive."""

from __future__ import annotations

import logging

from bot.jobs.app import task

log = logging.getLogger(__name__)


@task(name="coachbot.heartbeat", ignore_result=True)
def heartbeat() -> None:
    log.info("heartbeat")
