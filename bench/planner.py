"""The planner end to end (validate → assess → MPC solve → annotate): milliseconds per
``project`` call for the two budget scenarios of issue 5 (p95 ≤ 50 ms for a 16-week single-goal
plan, ≤ 250 ms for a 3-goal, 2-sport, 24-week plan), in every optimisation style, and in risk mode
with safety caps off (the widest search). Rows ending ``+days`` time the whole plan a user gets
(``planning.make_plan``: the projection and every day's session for the leading race).

    .venv/bin/python bench/planner.py
    .venv/bin/python bench/planner.py --runs 200 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plugins.plans.model import PlanRequest
from plugins.plans.planning import make_plan
from plugins.plans.projection import project

TODAY = date(2026, 3, 2)
BUDGET_MS = {"single_16w": 50.0, "three_goals_24w": 250.0}
RISK = {
    "mode": "risk_accepted",
    "risk_acceptance": {"accepted": True},
    "constraint_policy": {"enforce_safety_caps": False, "max_weekly_tss_ramp_pct": 30},
}
"""Risk mode with safety caps off: no deload gating, so every lattice point is open every week
(the search's worst case)."""


def single_goal(style: str) -> dict[str, Any]:
    """A novice's half marathon in 16 weeks with a time target and a completion target."""
    return {
        "goals": [
            {
                "id": "half",
                "sport": "run",
                "event_date_iso": "2026-06-21",
                "priority": "A",
                "distance_m": 21097.5,
                "targets": [
                    {"kind": "finish_time", "value_seconds": 6300},
                    {"kind": "completion_probability", "value_pct": 90},
                ],
            }
        ],
        "configuration": {"optimization_style": style},
        "athlete": {
            "level": "novice",
            "run": {"vdot": 42, "weekly_tss": [260, 280, 300, 240, 290, 310, 320, 250]},
            "available_days_per_week": 5,
            "max_session_minutes": 120,
        },
        "start_date": "2026-03-02",
    }


def three_goals(style: str) -> dict[str, Any]:
    """An experienced athlete: A triathlon at week 24, B half marathon, C gran fondo."""
    return {
        "goals": [
            {
                "id": "olympic",
                "sport": "triathlon",
                "event_date_iso": "2026-08-16",
                "priority": "A",
                "distance_m": 51500,
                "targets": [{"kind": "finish_time", "value_seconds": 9900}],
            },
            {
                "id": "half",
                "sport": "run",
                "event_date_iso": "2026-06-07",
                "priority": "B",
                "distance_m": 21097.5,
                "targets": [{"kind": "pace", "value_seconds_per_km": 275}],
            },
            {
                "id": "fondo",
                "sport": "bike",
                "event_date_iso": "2026-05-10",
                "priority": "C",
                "distance_m": 100000,
                "targets": [
                    {"kind": "power", "value_watts": 210},
                    {"kind": "completion_probability", "value_pct": 95},
                ],
            },
        ],
        "configuration": {"optimization_style": style},
        "athlete": {
            "level": "experienced",
            "run": {"vdot": 48, "weekly_tss": [250, 270, 290, 230, 280, 300]},
            "bike": {"ftp_watts": 245, "weekly_tss": [300, 320, 340, 260, 330, 350]},
            "available_days_per_week": 6,
            "max_session_minutes": 150,
        },
        "start_date": "2026-03-02",
    }


def measure(body: dict[str, Any], runs: int, *, days: bool = False) -> dict[str, float]:
    plan = make_plan if days else project
    plan(PlanRequest.model_validate(body), TODAY)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        plan(PlanRequest.model_validate(body), TODAY)
        times.append((time.perf_counter() - start) * 1000.0)
    times.sort()
    return {
        "n": runs,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, round(0.95 * runs) - 1)], 2),
        "max_ms": round(times[-1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    figures: dict[str, dict[str, float]] = {}
    for style in ("sustainable", "balanced", "outcome_first"):
        figures[f"single_16w/{style}"] = measure(single_goal(style), args.runs)
        figures[f"three_goals_24w/{style}"] = measure(three_goals(style), args.runs)
    for style in ("balanced", "outcome_first"):
        for name, build in (("single_16w", single_goal), ("three_goals_24w", three_goals)):
            request = build(style)
            request["configuration"].update(RISK)
            figures[f"{name}/{style}/risk"] = measure(request, args.runs)
    for name, build in (("single_16w", single_goal), ("three_goals_24w", three_goals)):
        figures[f"{name}/balanced+days"] = measure(build("balanced"), args.runs, days=True)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{'scenario':40s} {'n':>5s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'budget':>7s}")
    for name, row in figures.items():
        budget = BUDGET_MS[name.split("/")[0]]
        print(
            f"{name:40s} {row['n']:5.0f} {row['p50_ms']:8.2f} {row['p95_ms']:8.2f} "
            f"{row['max_ms']:8.2f} {budget:7.0f}"
        )


if __name__ == "__main__":
    main()
