"""``POST /api/v1/plans/block``: seed 001's 14-21 day block as a client receives it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import aiohttp

from tests.service.helpers import register


async def block(service: Any, body: dict[str, Any], token: str | None = None) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as http:
        if token is None:
            token = (await register(http, service.base_url)).token
        async with http.post(
            f"{service.base_url}/api/v1/plans/block",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
        ) as response:
            return response.status, await response.json()


async def test_a_block_in_seed_001_shape(service: Any) -> None:
    start = date.today() + timedelta(days=1)
    status, plan = await block(
        service,
        {"start_date": start.isoformat(), "length_days": 21, "level": "beginner", "vdot": 38,
         "available_days_per_week": 4},
    )  # fmt: skip
    assert status == 200, plan
    assert set(plan) == {"userId", "startDate", "days", "rationale", "version"}
    assert plan["startDate"] == start.isoformat() and len(plan["days"]) == 21
    day = plan["days"][0]
    assert set(day) <= {"date", "sessionType", "durationMinutes", "targetPace", "targetHrZone",
                        "notes", "tags"}  # fmt: skip
    runs = [d for d in plan["days"] if d["sessionType"] not in ("rest", "cross")]
    assert runs and all(d["targetPace"] for d in runs)  # a VDOT gives paces
    assert any("rookie_challenge" in d["tags"] for d in plan["days"])  # a beginner's block
    assert plan["rationale"] and plan["version"].startswith("tpl-")


async def test_bad_blocks_are_refused_with_the_field_at_fault(service: Any) -> None:
    status, body = await block(service, {"length_days": 30})
    assert status == 422 and "length_days" in str(body["error"])
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    status, body = await block(service, {"start_date": yesterday})
    assert status == 422 and body["error"]["message"] == "start_date cannot be in the past."
    status, body = await block(service, {"pace": "fast"})
    assert status == 422
