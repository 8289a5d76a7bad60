"""Planning requests for the planner tests: small builders that read like the scenario."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from plugins.plans.model import PlanRequest, ProjectionOutput
from plugins.plans.projection import project

START = date(2026, 3, 2)
MARATHON = 42195.0
HALF = 21097.5


def run_goal(
    goal_id: str = "race",
    weeks: int = 16,
    distance_m: float = HALF,
    priority: str = "A",
    targets: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": goal_id,
        "sport": "run",
        "event_date_iso": (START + timedelta(weeks=weeks, days=6)).isoformat(),
        "priority": priority,
        "distance_m": distance_m,
        "targets": targets or [{"kind": "completion_probability", "value_pct": 80}],
        **extra,
    }


def goal(
    sport: str,
    goal_id: str,
    weeks: int,
    priority: str,
    distance_m: float,
    targets: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "id": goal_id,
        "sport": sport,
        "event_date_iso": (START + timedelta(weeks=weeks, days=6)).isoformat(),
        "priority": priority,
        "distance_m": distance_m,
        "targets": targets,
    }


def body(
    goals: list[dict[str, Any]],
    level: str = "novice",
    run_history: list[float] | None = None,
    vdot: float | None = 45.0,
    configuration: dict[str, Any] | None = None,
    **athlete: Any,
) -> dict[str, Any]:
    athlete_body: dict[str, Any] = {
        "level": level,
        "run": {"weekly_tss": [300.0] * 8 if run_history is None else run_history, "vdot": vdot},
        **athlete,
    }
    return {
        "goals": goals,
        "configuration": configuration or {},
        "athlete": athlete_body,
        "start_date": START.isoformat(),
    }


def risk(**policy: Any) -> dict[str, Any]:
    return {
        "mode": "risk_accepted",
        "risk_acceptance": {
            "accepted": True,
            "reason": "I know",
            "accepted_at_iso": "2026-03-01T08:00:00+00:00",
        },
        "constraint_policy": policy,
    }


def impossible_marathon(
    configuration: dict[str, Any] | None = None, **athlete: Any
) -> dict[str, Any]:
    """Seed 002 golden 1: a beginner at 150 TSS a week, VDOT 35, wanting 2:30 in 10 weeks."""
    return body(
        [
            run_goal(
                "marathon",
                weeks=10,
                distance_m=MARATHON,
                targets=[{"kind": "finish_time", "value_seconds": 9000}],
            )
        ],
        level="beginner",
        run_history=[150.0] * 8,
        vdot=35.0,
        configuration=configuration,
        **athlete,
    )


def plan(request_body: dict[str, Any], today: date = START) -> ProjectionOutput:
    return project(PlanRequest.model_validate(request_body), today)
