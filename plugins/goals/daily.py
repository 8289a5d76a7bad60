"""The daily pass: every active goal re-evaluated against the clock (windows roll over, goals
expire, pace and ETA move) from the daily values its progress document already holds — no
workout is read, so a pass costs two reads and two bulk writes per batch of goals."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from plugins.goals.service import assess
from plugins.goals.store import GoalStore

BATCH = 1_000


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


async def evaluate_active_goals(
    store: GoalStore, now: datetime, *, batch: int = BATCH
) -> PassReport:
    report = PassReport()
    started = time.perf_counter()
    async for goals in store.active_goal_batches(batch):
        progress = await store.progress_by_goal([g["_id"] for g in goals])
        writes = []
        for goal in goals:
            previous = progress.get(goal["_id"])
            daily = {day: value for day, value in (previous or {}).get("daily", [])}
            write, view = assess(goal, daily, previous, now)  # daily values stay as stored
            writes.append(write)
            report.goals += 1
            status = write[2].get("status")
            if status == "completed":
                report.completed += 1
            elif status == "expired":
                report.expired += 1
            for event in view.events:
                report.events[event.kind] = report.events.get(event.kind, 0) + 1
        await store.save_evaluations(writes)
    report.seconds = time.perf_counter() - started
    return report
