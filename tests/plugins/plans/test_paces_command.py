"""``coachbot paces`` as coaches and scripts use it: the JSON shape of issue 5, the numbers of
the pace model, Daniels' table within its tolerances, and errors that say what to type."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from plugins.plans.vdot import RACE_DISTANCES_M, predict_race_seconds, training_paces

REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "vdot_table.csv"
runner = CliRunner()


def _json(*args: str) -> dict[str, object]:
    done = runner.invoke(app, ["paces", *args, "--json"])
    assert done.exit_code == 0, done.output
    parsed: dict[str, object] = json.loads(done.output)
    return parsed


def test_json_has_the_documented_shape_and_the_model_s_numbers() -> None:
    report = _json("--vdot", "50")
    zones = training_paces(50.0)
    assert report == {
        "vdot": 50.0,
        "paces_s_per_km": {
            "E": [round(zones.easy[0], 1), round(zones.easy[1], 1)],
            "M": round(zones.marathon, 1),
            "T": round(zones.threshold, 1),
            "I": round(zones.interval, 1),
            "R": round(zones.repetition, 1),
        },
        "predictions_s": {
            race: round(predict_race_seconds(50.0, RACE_DISTANCES_M[race]), 1)
            for race in ("5k", "10k", "half_marathon", "marathon")
        },
    }


def _table_row(vdot: int) -> dict[str, str]:
    if not REFERENCE.is_file():
        pytest.skip("the shared reference table is not next to this checkout")
    with REFERENCE.open(newline="") as handle:
        return next(row for row in csv.DictReader(handle) if row["vdot"] == str(vdot))


@pytest.mark.parametrize("vdot", [35, 50, 65])
def test_a_race_from_daniels_table_gives_back_its_row(vdot: int) -> None:
    row = _table_row(vdot)
    seconds = int(row["race_10k_s"])
    report = _json("--race", "10k", "--time", f"{seconds // 60}:{seconds % 60:02d}")
    assert report["vdot"] == pytest.approx(vdot, abs=0.15)
    predictions = report["predictions_s"]
    assert isinstance(predictions, dict)
    assert predictions["5k"] == pytest.approx(int(row["race_5k_s"]), abs=3 + 1)
    assert predictions["marathon"] == pytest.approx(int(row["race_marathon_s"]), abs=35 + 10)
    zones = report["paces_s_per_km"]
    assert isinstance(zones, dict)
    assert zones["T"] == pytest.approx(int(row["t_pace_km_s"]), abs=2 + 0.5)


def test_a_half_marathon_in_1_45_means_hours() -> None:
    assert _json("--race", "half", "--time", "1:45") == _json("--race", "half", "--time", "1:45:00")


def test_the_table_shows_paces_per_km_and_mile_and_predictions() -> None:
    done = runner.invoke(app, ["paces", "--race", "5k", "--time", "19:57"], env={"COLUMNS": "120"})
    assert done.exit_code == 0, done.output
    assert "VDOT 50.0 (from 5k in 19:57)" in done.output
    assert "T  threshold" in done.output and "4:15" in done.output and "6:51" in done.output
    assert "half marathon" in done.output and "1:31:36" in done.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give --race and --time"),
        (["--race", "5k"], "give --race and --time"),
        (["--vdot", "50", "--race", "5k"], "give --vdot, or --race with --time, not both"),
        (["--vdot", "95"], "vdot must be between 20 and 90"),
        (["--race", "ultra", "--time", "5:00:00"], "unknown race 'ultra'"),
        (["--race", "5k", "--time", "nineteen"], "write it as h:mm:ss or mm:ss"),
        (["--race", "half", "--time", "50:00"], "50:00 for half is outside what the paces cover"),
    ],
)
def test_mistakes_exit_2_with_a_message(args: list[str], message: str) -> None:
    done = runner.invoke(app, ["paces", *args], env={"COLUMNS": "300"})
    assert done.exit_code == 2
    assert message in " ".join(done.output.replace("│", " ").split())


def test_the_installed_command_has_it() -> None:
    coachbot = Path(sys.executable).parent / "coachbot"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COACHBOT_")}
    done = subprocess.run(
        [str(coachbot), "paces", "--vdot", "42.6", "--json"],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["vdot"] == 42.6
