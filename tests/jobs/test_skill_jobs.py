"""Skills' periodic jobs: beat schedules them, a worker runs them, ``coachbot jobs`` runs one now.

The goals skill's pass is the job under test: a weekly goal whose week has ended expires.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from bot.discovery import load_skills
from bot.jobs import configure
from bot.jobs.skill_jobs import periodic_jobs, skill_job
from bot.settings import Settings
from bot.skill import UserProfile
from plugins.goals.model import GoalDraft
from plugins.goals.service import GoalService
from plugins.goals.settings import GoalsSettings
from plugins.goals.store import GOALS, SPECS, GoalStore
from storage.client import open_database
from storage.embedded import EmbeddedMongo
from storage.specs import apply_specs

COACHBOT = Path(sys.executable).parent / "coachbot"
LAST_WEEK = datetime.now(UTC) - timedelta(days=8)


async def a_finished_weekly_goal(db: AsyncDatabase[dict[str, Any]], user_id: str) -> str:
    """A goal set eight days ago for the week then under way, so its week is over by now."""
    await apply_specs(db, SPECS)
    monday = (LAST_WEEK - timedelta(days=LAST_WEEK.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    draft = GoalDraft(
        metric="distance_km_total",
        target_value=30,
        unit="km",
        display_unit="km",
        window="weekly",
        start_at=LAST_WEEK,
        end_at=monday + timedelta(days=7),
        title="Run 30 km this week",
        description="",
    )
    service = GoalService(GoalStore(db), GoalsSettings())
    view = await service.create(UserProfile(user_id=user_id), draft, LAST_WEEK, source="api")
    assert view.goal["status"] == "active"
    return str(view.goal["_id"])


@pytest.fixture
def restore_config(jobs_settings: Settings) -> Iterator[None]:
    yield
    configure(jobs_settings)


def test_beat_gets_one_entry_per_skill_job(jobs_settings: Settings, restore_config: None) -> None:
    skills = load_skills(environ={"COACHBOT_SKILL_GOALS_EVALUATE_EVERY_MINUTES": "15"})
    schedule = configure(jobs_settings, jobs=periodic_jobs(skills)).conf.beat_schedule
    entry = schedule["goals.evaluate"]
    assert entry["task"] == "coachbot.skill_job" and entry["args"] == ("goals.evaluate",)
    assert entry["schedule"] == timedelta(minutes=15)
    assert entry["options"] == {"expires": 900.0}  # a run left over is dropped, not piled up
    assert "heartbeat" in schedule


async def test_a_worker_runs_the_goals_pass(
    worker: Any,
    jobs_settings: Settings,
    mongo: EmbeddedMongo,
    db: AsyncDatabase[dict[str, Any]],
    restore_config: None,
) -> None:
    goal_id = await a_finished_weekly_goal(db, "ana")
    configure(
        jobs_settings.model_copy(update={"mongodb_url": mongo.url, "mongodb_database": db.name})
    )
    result = skill_job.delay("goals.evaluate")
    summary = await asyncio.to_thread(result.get, timeout=30)
    assert summary["job"] == "goals.evaluate"
    assert (summary["goals"], summary["expired"]) == (1, 1)
    goal = await db[GOALS].find_one({"_id": goal_id, "user_id": "ana"})
    assert goal is not None and goal["status"] == "expired"


def coachbot(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACHBOT_")}
    env |= {"COACHBOT_DATA_DIR": str(data_dir), "COLUMNS": "160"}
    return subprocess.run(
        [str(COACHBOT), *args], env=env, capture_output=True, text=True, timeout=90, check=False
    )


async def test_an_operator_lists_and_runs_jobs_from_the_command_line(tmp_path: Path) -> None:
    async with open_database(None, database="coachbot", data_dir=tmp_path) as database:
        await a_finished_weekly_goal(database.db, "bo")

    listed = await asyncio.to_thread(coachbot, "jobs", "list", "--json", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    names = [job["name"] for job in json.loads(listed.stdout)["jobs"]]
    assert "goals.evaluate" in names

    ran = await asyncio.to_thread(
        coachbot, "jobs", "run", "goals.evaluate", "--json", data_dir=tmp_path
    )
    assert ran.returncode == 0, ran.stderr
    summary = json.loads(ran.stdout)
    assert (summary["goals"], summary["expired"]) == (1, 1)
    again = await asyncio.to_thread(
        coachbot, "jobs", "run", "goals.evaluate", "--json", data_dir=tmp_path
    )
    assert again.returncode == 0 and json.loads(again.stdout)["goals"] == 0  # none active now
    table = await asyncio.to_thread(coachbot, "jobs", "run", "goals.evaluate", data_dir=tmp_path)
    assert table.returncode == 0 and "goals.evaluate done" in table.stdout

    unknown = await asyncio.to_thread(coachbot, "jobs", "run", "goals.nope", data_dir=tmp_path)
    assert unknown.returncode == 2 and "coachbot jobs list" in unknown.stderr
