"""Keeps child processes (Celery worker and beat) running beside the web service.

Children run in sessions of their own, so a Ctrl-C in the terminal reaches only us and we stop
them in order; a child that dies is restarted with a growing pause, and a child that keeps dying
is reported rather than restarted forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

MAX_RESTARTS = 5
STABLE_AFTER_SECONDS = 60.0


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str]
    process: asyncio.subprocess.Process | None = None
    restarts: int = 0
    started_at: float = 0.0
    gave_up: bool = False
    _watcher: asyncio.Task[None] | None = field(default=None, repr=False)


class Supervisor:
    def __init__(self) -> None:
        self.children: list[Child] = []
        self._stopping = False

    async def start(self, name: str, argv: Sequence[str], env: Mapping[str, str]) -> Child:
        child = Child(name, list(argv), dict(env))
        self.children.append(child)
        await self._spawn(child)
        child._watcher = asyncio.create_task(self._watch(child), name=f"watch-{name}")
        return child

    async def _spawn(self, child: Child) -> None:
        child.process = await asyncio.create_subprocess_exec(
            *child.argv, env={**os.environ, **child.env}, start_new_session=True
        )
        child.started_at = time.monotonic()
        log.info("started %s (pid %s)", child.name, child.process.pid)

    async def _watch(self, child: Child) -> None:
        while not self._stopping:
            assert child.process is not None
            code = await child.process.wait()
            if self._stopping:
                return
            if time.monotonic() - child.started_at > STABLE_AFTER_SECONDS:
                child.restarts = 0
            child.restarts += 1
            if child.restarts > MAX_RESTARTS:
                child.gave_up = True
                log.error("%s keeps exiting (last code %s); not restarting it", child.name, code)
                return
            pause = min(0.5 * 2**child.restarts, 15.0)
            log.warning("%s exited with code %s; restarting in %.1f s", child.name, code, pause)
            await asyncio.sleep(pause)
            if not self._stopping:
                await self._spawn(child)

    async def stop(self, grace: float = 10.0) -> None:
        self._stopping = True
        for child in self.children:
            if child.process and child.process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.process.pid, signal.SIGTERM)
        for child in self.children:
            if child.process is None:
                continue
            try:
                await asyncio.wait_for(child.process.wait(), grace)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.process.pid, signal.SIGKILL)
                await child.process.wait()
            if child._watcher:
                child._watcher.cancel()
