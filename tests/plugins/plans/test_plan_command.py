"""``coachbot plan preview`` as a coach runs it: a request file in, the plan out as tables,
JSON or a chart — the same answer every time, honest about impossible goals, and clear about a
bad request."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli.main import app

runner = CliRunner()
TODAY = "2026-11-22"


def half_marathon(**athlete: Any) -> dict[str, Any]:
    return {
        "goals": [{
            "id": "spring-half", "sport": "run", "event_date_iso": "2027-04-18", "priority": "A",
            "distance_m": 21097.5, "targets": [{"kind": "finish_time", "value_seconds": 6300}],
        }],
        "athlete": {
            "level": "novice", "available_days_per_week": 4, "max_session_minutes": 120,
            "run": {"weekly_tss": [200, 220, 210, 230, 240, 235],
                    "recent_race": {"distance_m": 10000, "seconds": 3000}},
            **athlete,
        },
        "start_date": "2026-11-23",
    }  # fmt: skip


def impossible_marathon(mode: str) -> dict[str, Any]:
    request = {
        "goals": [{
            "id": "marathon", "sport": "run", "event_date_iso": "2027-01-31", "priority": "A",
            "distance_m": 42195, "targets": [{"kind": "finish_time", "value_seconds": 9000}],
        }],
        "athlete": {"level": "beginner", "run": {"weekly_tss": [150] * 6, "vdot": 35}},
        "start_date": "2026-11-23",
    }  # fmt: skip
    if mode == "risk":
        request["configuration"] = {
            "mode": "risk_accepted",
            "risk_acceptance": {"accepted": True, "reason": "I know it is a long shot"},
            "constraint_policy": {"enforce_safety_caps": False, "enforce_feasibility_caps": False,
                                  "readiness_cap_enabled": False},
        }  # fmt: skip
    return request


def preview(tmp_path: Path, request: dict[str, Any], *args: str) -> Any:
    config = tmp_path / "request.json"
    config.write_text(json.dumps(request))
    return runner.invoke(
        app, ["plan", "preview", "--config", str(config), "--today", TODAY, *args],
        env={"COLUMNS": "200"},
    )  # fmt: skip


def test_json_holds_the_projection_and_every_session(tmp_path: Path) -> None:
    done = preview(tmp_path, half_marathon(), "--json")
    assert done.exit_code == 0, done.output
    plan = json.loads(done.output)
    projection = plan["projection"]
    assert projection["mode_applied"] == "safe_default"
    assert projection["feasibility_band"] in ("feasible", "stretch")
    assert [g["goal_id"] for g in projection["goal_assessments"]] == ["spring-half"]
    assert plan["race_goal_id"] == "spring-half" and plan["pace_source"] == "vdot"
    workouts = plan["workouts"]
    assert workouts[-1]["scheduled_date"] == "2027-04-18"
    assert workouts[-1]["workout_type"] == "race"
    assert len(projection["weeks"]) == len(plan["weeks"])
    # Safe mode: no week builds more than 10 % on the last loading week.
    assert all(w["ramp_pct"] <= 10.0 + 1e-6 for w in projection["weeks"])


def test_the_same_request_gives_the_same_bytes(tmp_path: Path) -> None:
    first = preview(tmp_path, half_marathon(), "--json").output
    assert preview(tmp_path, half_marathon(), "--json").output == first


def test_the_tables_and_the_chart(tmp_path: Path) -> None:
    chart = tmp_path / "load.png"
    done = preview(tmp_path, half_marathon(), "--chart", str(chart))
    assert done.exit_code == 0, done.output
    for heading in ("Plan preview", "Goals", "Weeks", "First two weeks"):
        assert heading in done.output
    assert "spring-half" in done.output and "Long run" in done.output
    data = chart.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1640, 840)
    drawing = tmp_path / "load.svg"
    assert preview(tmp_path, half_marathon(), "--chart", str(drawing)).exit_code == 0
    assert drawing.read_text().count("<title>Week ") == len(
        json.loads(preview(tmp_path, half_marathon(), "--json").output)["projection"]["weeks"]
    )


def test_an_impossible_marathon_is_called_so_in_safe_mode(tmp_path: Path) -> None:
    done = preview(tmp_path, impossible_marathon("safe"), "--json")
    assert done.exit_code == 0, done.output
    projection = json.loads(done.output)["projection"]
    assert projection["feasibility_band"] == "infeasible"
    assert projection["readiness_score"] <= 40
    assert projection["risk_flags"]


def test_risk_mode_may_promise_more_but_says_how_risky(tmp_path: Path) -> None:
    safe = json.loads(preview(tmp_path, impossible_marathon("safe"), "--json").output)
    risky = json.loads(preview(tmp_path, impossible_marathon("risk"), "--json").output)
    projection = risky["projection"]
    assert projection["mode_applied"] == "risk_accepted"
    assert projection["readiness_score"] > safe["projection"]["readiness_score"]
    assert projection["risk_level"] == "extreme"
    assert projection["outside_safe_envelope"] and projection["safety_statement"]
    assert projection["overrides_applied"]
    assert projection["risk_acceptance"]["accepted"] is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["configuration"].update(mode="risk_accepted"),
         "mode 'risk_accepted' requires risk_acceptance.accepted = true"),
        (lambda r: r["goals"][0].update(event_date_iso="2026-10-01"),
         "is before start_date 2026-11-23"),
        (lambda r: r["goals"][0].pop("distance_m"), "needs the goal's distance_m"),
        (lambda r: r["goals"][0]["targets"][0].pop("value_seconds"), "value_seconds"),
    ],
)  # fmt: skip
def test_bad_requests_say_what_to_fix(tmp_path: Path, change: Any, message: str) -> None:
    request = half_marathon()
    request["configuration"] = {}
    change(request)
    done = preview(tmp_path, request)
    assert done.exit_code == 2
    assert message in " ".join(done.output.replace("│", " ").split())


def test_a_file_that_is_not_json_or_a_bad_date_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "broken.json"
    config.write_text("{not json")
    done = runner.invoke(app, ["plan", "preview", "--config", str(config)])
    assert done.exit_code == 2 and "Invalid value for --config" in done.output
    done = preview(tmp_path, half_marathon(), "--today", "yesterday")
    assert done.exit_code == 2 and "is not a date" in done.output
