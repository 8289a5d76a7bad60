"""The ``coachbot`` command as users run it: a real process, real embedded store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
COACHBOT = Path(sys.executable).parent / "coachbot"


def run(
    *args: str, data_dir: Path, stdin: str = "", timeout: float = 120, **settings: str
) -> subprocess.CompletedProcess[str]:
    env = (
        {key: value for key, value in os.environ.items() if not key.startswith("COACHBOT_")}
        | {
            "COACHBOT_DATA_DIR": str(data_dir),
            "COLUMNS": "200",
            "TERM": "dumb",
        }
        | {f"COACHBOT_{key.upper()}": value for key, value in settings.items()}
    )
    return subprocess.run(
        [str(COACHBOT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=data_dir,
        check=False,
    )


def test_chat_answers_in_the_terminal_and_keeps_the_conversation(tmp_path: Path) -> None:
    done = run(
        "chat",
        "--user",
        "ana",
        data_dir=tmp_path,
        stdin="hi\nSELECT * FROM users\n1\n/quit\n",
        min_seconds_between_turns="0",
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "I'm coachbot" in out
    assert "I can't help with code or databases" in out
    # "1" picked the first suggested reply, a goal example, which the goals skill previews.
    assert "↳ Ruck 50 km this month with a 20 lb pack" in out
    assert "[1] Create it" in out
    assert "Bye" in out
    assert (tmp_path / "mongo").is_dir()
    again = run("chat", "--user", "ana", data_dir=tmp_path, stdin="/help\n")  # EOF ends the chat
    assert again.returncode == 0 and "Commands:" in again.stdout


def test_doctor_reports_a_healthy_offline_setup_as_json(tmp_path: Path) -> None:
    done = run("doctor", "--json", data_dir=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["mongodb"]["ok"] and "embedded" in checks["mongodb"]["detail"]
    assert checks["llm"]["ok"] and "offline" in checks["llm"]["detail"]
    assert "help" in checks["skills"]["detail"]


def test_doctor_names_the_missing_key(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("COACHBOT_LLM_PROVIDER=anthropic\n")
    done = run("doctor", "--json", data_dir=tmp_path)
    assert done.returncode == 1
    checks = {c["name"]: c for c in json.loads(done.stdout)["checks"]}
    assert not checks["llm"]["ok"] and "COACHBOT_ANTHROPIC_API_KEY" in checks["llm"]["detail"]


def test_eval_reports_bad_rows_by_line(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "a", "text": "hi"}\n{"id": "b"}\n')
    done = run("eval", "guardrails", str(rows), "--json", data_dir=tmp_path)
    assert done.returncode == 2
    assert "rows.jsonl:2" in done.stderr and "text" in done.stderr


def test_eval_table_and_json_agree(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    lines = [
        {"id": "g", "text": "hello", "category": "greeting"},
        {"id": "s", "text": "DROP TABLE users;", "category": "sql"},
    ]
    rows.write_text("".join(json.dumps(r) + "\n" for r in lines))
    report = json.loads(run("eval", "guardrails", str(rows), "--json", data_dir=tmp_path).stdout)
    assert report["total"] == 2
    assert report["rows"] == [{"id": "g", "outcome": "help"}, {"id": "s", "outcome": "refused"}]
    assert report["by_category"] == {"greeting": {"help": 1}, "sql": {"refused": 1}}
    table = run("eval", "guardrails", str(rows), data_dir=tmp_path).stdout
    assert "greeting" in table and "refused" in table


@pytest.mark.skipif(
    not EVAL.is_dir(), reason="the shared evaluation sets are not beside the checkout"
)
def test_attack_set_ends_refused_or_in_a_scope_reminder(tmp_path: Path) -> None:
    done = run(
        "eval", "guardrails", str(EVAL / "guardrail_attacks.dev.jsonl"), "--json", data_dir=tmp_path
    )
    report = json.loads(done.stdout)
    assert report["total"] == 261
    assert set(report["outcomes"]) <= {"refused", "help"}, report["outcomes"]


@pytest.mark.skipif(
    not EVAL.is_dir(), reason="the shared evaluation sets are not beside the checkout"
)
def test_no_legit_request_is_refused(tmp_path: Path) -> None:
    done = run(
        "eval", "guardrails", str(EVAL / "guardrail_legit.dev.jsonl"), "--json", data_dir=tmp_path
    )
    report = json.loads(done.stdout)
    refused = [row["id"] for row in report["rows"] if row["outcome"] == "refused"]
    assert refused == []
    unserved = [row["id"] for row in report["rows"] if row["outcome"] == "help"]
    assert unserved == []  # a skill took each one, not the scope reminder


def test_eval_goals_scores_each_field_and_the_whole_draft(tmp_path: Path) -> None:
    rows = tmp_path / "goals.jsonl"
    lines = [
        {
            "id": "exact",
            "text": "run 20 miles a week",
            "expected": {"metric": "distance_km_total", "target_value": 32.2,
                         "unit": "km", "window": "weekly"},
        },
        {
            "id": "wrong-window",
            "text": "3 runs a week",
            "expected": {"metric": "session_count", "target_value": 3,
                         "unit": "sessions", "window": "monthly"},
        },
        {
            "id": "asks",
            "text": "I want to ruck 50",
            "expected": {"metric": "distance_km_total", "target_value": 50,
                         "unit": "km", "window": "monthly"},
        },
        {
            "id": "not-a-goal",
            "text": "what's the capital of France?",
            "expected": {"metric": "distance_km_total", "target_value": 1,
                         "unit": "km", "window": "weekly"},
        },
    ]  # fmt: skip
    rows.write_text("".join(json.dumps(r) + "\n" for r in lines))
    done = run("eval", "goals", str(rows), "--json", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["total"], report["exact"], report["accuracy"]) == (4, 1, 0.25)
    assert report["fields"] == {"metric": 0.5, "target_value": 0.5, "unit": 0.5, "window": 0.25}
    by_id = {row["id"]: row for row in report["rows"]}
    assert [by_id[i]["outcome"] for i in by_id] == ["draft", "draft", "clarify", "refused"]
    assert by_id["exact"]["match"] and by_id["exact"]["draft"]["display_unit"] == "mi"
    assert by_id["exact"]["draft"]["display_target"] == 20
    assert not by_id["wrong-window"]["match"] and by_id["asks"]["draft"] is None
    table = run("eval", "goals", str(rows), data_dir=tmp_path).stdout
    assert "window" in table and "25" in table


def test_the_goals_dev_set_parses_exactly(tmp_path: Path) -> None:
    done = run("eval", "goals", str(ROOT / "eval" / "goals.dev.jsonl"), "--json", data_dir=tmp_path)
    report = json.loads(done.stdout)
    misses = [row["id"] for row in report["rows"] if not row["match"]]
    assert report["total"] >= 36 and misses == []
