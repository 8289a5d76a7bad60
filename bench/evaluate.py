"""The goals daily pass on the embedded store: goals evaluated per second, end to end.

Creates N users, each with a year of workouts and three goals (a monthly distance, weekly
sessions, a streak), through the same service code the API uses; then times one full daily
pass (`evaluate_active_goals`: read goals and progress in batches, evaluate, bulk-write) and
prints the figures. Budget: >= 5,000 goals/s.

    .venv/bin/python bench/evaluate.py                  # 300 users, 900 goals (~3 min)
    .venv/bin/python bench/evaluate.py --users 500 --json

Seeding takes most of the run (about 0.6 s a user on the embedded store, bound by the server
whatever the concurrency); `seed_seconds` reports it apart from the pass.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.skill import UserProfile
from plugins.goals.daily import evaluate_active_goals
from plugins.goals.model import Constraints, GoalDraft
from plugins.goals.service import GoalService, local_date
from plugins.goals.settings import GoalsSettings
from plugins.goals.store import SPECS, GoalStore
from storage.client import open_database
from storage.specs import apply_specs

BUDGET_GOALS_PER_SECOND = 5_000
NOW = datetime(2026, 11, 18, 6, 0, tzinfo=UTC)
MONTH_END = datetime(2026, 12, 1, tzinfo=UTC)


def goals_for(start: datetime) -> list[GoalDraft]:
    """A monthly distance, weekly sessions for good, and an open-ended streak."""
    common = {"start_at": start, "description": ""}
    return [
        GoalDraft(metric="distance_km_total", target_value=120, unit="km", display_unit="km",
                  window="monthly", end_at=MONTH_END, title="Ruck 120 km this month", **common),
        GoalDraft(metric="session_count", target_value=4, unit="sessions",
                  display_unit="sessions", window="weekly", title="4 sessions a week", **common),
        GoalDraft(metric="streak_days", target_value=30, unit="days", display_unit="days",
                  window="until_deadline", constraints=Constraints(), title="A 30-day streak",
                  **common),
    ]  # fmt: skip


ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC")


def year_of_workouts(rng: random.Random, tz: str) -> list[dict[str, object]]:
    workouts = []
    day = NOW - timedelta(days=365)
    n = 0
    while day < NOW - timedelta(hours=1):
        if rng.random() < 0.7:
            started = day + timedelta(hours=rng.uniform(5, 20))
            if started < NOW:
                n += 1
                workouts.append(
                    {
                        "workout_id": f"w{n}",
                        "started_at": started,
                        "tz": tz,
                        "local_date": local_date(started, tz),
                        "activity": rng.choice(("ruck", "run", "walk")),
                        "distance_km": round(rng.uniform(3, 15), 2),
                        "duration_minutes": round(rng.uniform(25, 120), 1),
                        "elevation_gain_m": round(rng.uniform(0, 400)),
                        "load_kg": rng.choice((None, 9.0, 13.6, 20.0)),
                        "steps": rng.randint(3_000, 20_000),
                        "power_points": round(rng.uniform(50, 300), 1),
                    }
                )
        day += timedelta(days=1)
    return workouts


async def seed_user(service: GoalService, index: int, rng: random.Random) -> int:
    tz = ZONES[index % len(ZONES)]
    user = UserProfile(user_id=f"bench-{index}", tz=tz)
    workouts = year_of_workouts(rng, tz)
    await service.store.workouts.upsert(user.user_id, workouts)
    created = 0
    for draft in goals_for(NOW - timedelta(hours=6)):
        await service.create(user, draft, NOW, source="bench")
        created += 1
    return created


async def main(users: int, concurrency: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="coachbot-bench-") as scratch:
        async with open_database(None, database="bench", data_dir=Path(scratch)) as database:
            await apply_specs(database.db, SPECS)
            store = GoalStore(database.db)
            service = GoalService(store, GoalsSettings())
            rng = random.Random(7)
            gate = asyncio.Semaphore(concurrency)
            started = time.perf_counter()
            done = 0

            async def one(i: int) -> int:
                nonlocal done
                async with gate:
                    made = await seed_user(service, i, random.Random(rng.random()))
                    done += 1
                    if done % 100 == 0:
                        print(f"  seeded {done}/{users} users", file=sys.stderr)
                    return made

            goals = sum(await asyncio.gather(*(one(i) for i in range(users))))
            seeded = time.perf_counter() - started
            report = await evaluate_active_goals(store, NOW + timedelta(days=1))
            return {
                "users": users,
                "goals": goals,
                "seed_seconds": round(seeded, 1),
                "pass_goals": report.goals,
                "pass_seconds": round(report.seconds, 3),
                "goals_per_second": round(report.goals_per_second),
                "expired": report.expired,
                "completed": report.completed,
                "events": report.events,
                "budget_goals_per_second": BUDGET_GOALS_PER_SECOND,
                "within_budget": report.goals_per_second >= BUDGET_GOALS_PER_SECOND,
            }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = asyncio.run(main(args.users, args.concurrency))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
