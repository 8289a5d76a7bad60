"""The daily pass: every active goal re-evaluated against the clock (windows roll over, goals
expire, pace and ETA move) from the daily values its progress document already holds — no
workout is read.

On the embedded store nearly all of a pass's time is the server's, per document read or
written, so the pass keeps the server busy: the next batch is read while this one is
evaluated (in a worker thread, leaving the event loop free to talk to the server) and the
previous one saved."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from plugins.goals.service import GoalView, assess
from plugins.goals.store import GoalStore

Document = dict[str, Any]

BATCH = 250
"""Small enough that reading, evaluating and saving overlap across several batches."""


@dataclass
class PassReport:
    goals: int = 0
    completed: int = 0
    expired: int = 0
    seconds: float = 0.0
    events: dict[str, int] = field(default_factory=dict)

    @property
    def goals_per_second(self) -> float:
        return self.goals / self.seconds if self.seconds else 0.0

    def count(self, write: tuple[Document, Document, Document], view: GoalView) -> None:
        """A saved evaluation's outcome (one superseded by a later evaluation is not)."""
        status = write[2].get("status")
        if status == "completed":
            self.completed += 1
        elif status == "expired":
            self.expired += 1
        for event in view.events:
            self.events[event.kind] = self.events.get(event.kind, 0) + 1


Assessed = list[tuple[Document, Document | None, tuple[Document, Document, Document], GoalView]]


async def evaluate_active_goals(
    store: GoalStore, now: datetime, *, batch: int = BATCH
) -> PassReport:
    report = PassReport()
    started = time.perf_counter()
    saving: asyncio.Task[None] | None = None
    try:
        async for goals, progress in _prefetched(_batches(store, batch)):
            assessed = await asyncio.to_thread(_assess_all, goals, progress, now)
            report.goals += len(goals)
            if saving is not None:
                await saving
            saving = asyncio.create_task(_save(store, assessed, now, report))
        if saving is not None:
            await saving
    finally:
        if saving is not None and not saving.done():
            saving.cancel()
    report.seconds = time.perf_counter() - started
    return report


async def _batches(
    store: GoalStore, size: int
) -> AsyncIterator[tuple[list[Document], dict[str, Document]]]:
    async for goals in store.active_goal_batches(size):
        yield goals, await store.progress_by_goal([g["_id"] for g in goals])


async def _prefetched(
    batches: AsyncIterator[tuple[list[Document], dict[str, Document]]],
) -> AsyncIterator[tuple[list[Document], dict[str, Document]]]:
    """The batches, each next one already being read while the caller works on this one."""
    iterator = aiter(batches)
    pending = asyncio.ensure_future(anext(iterator))
    try:
        while True:
            try:
                item = await pending
            except StopAsyncIteration:
                return
            pending = asyncio.ensure_future(anext(iterator))
            yield item
    finally:
        pending.cancel()


def _assess_all(
    goals: Sequence[Document], progress: dict[str, Document], now: datetime
) -> Assessed:
    assessed: Assessed = []
    for goal in goals:
        previous = progress.get(goal["_id"])
        daily = dict(previous["daily"]) if previous and "daily" in previous else {}
        write, view = assess(goal, daily, previous, now)  # daily values stay as stored
        assessed.append((goal, previous, write, view))
    return assessed


async def _save(store: GoalStore, assessed: Assessed, now: datetime, report: PassReport) -> None:
    """Saves and counts the batch; goals whose progress changed under it are read and
    evaluated again until their evaluation lands or a later one stands."""
    while assessed:
        replaceable = [a for a in assessed if a[1] is not None and "updated_at" in a[1]]
        upserts = [a for a in assessed if a[1] is None or "updated_at" not in a[1]]
        await store.save_evaluations([write for _, _, write, _ in upserts])
        for _, _, write, view in upserts:
            report.count(write, view)
        saved, again = await store.replace_evaluations(
            [(goal, previous, write[1], write[2]) for goal, previous, write, _ in replaceable
             if previous is not None],
            now,
        )  # fmt: skip
        done = set(saved)
        for goal, _, write, view in replaceable:
            if goal["_id"] in done:
                report.count(write, view)
        retry = set(again)
        goals = [goal for goal, *_ in replaceable if goal["_id"] in retry]
        if not goals:
            return
        assessed = _assess_all(goals, await store.progress_by_goal(sorted(retry)), now)
