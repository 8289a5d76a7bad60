"""Running physiology: microseconds per call of vdot_from_race, predict_race_seconds and
training_paces (pure CPU; the plan generator's p95 budget is 1.5 s for a whole plan).

    .venv/bin/python bench/paces.py
    .venv/bin/python bench/paces.py --calls 20000 --json
"""

from __future__ import annotations

import argparse
import json
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plugins.plans.vdot import (
    RACE_DISTANCES_M,
    predict_race_seconds,
    training_paces,
    vdot_from_race,
)

HALF = RACE_DISTANCES_M["half_marathon"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    calls: dict[str, Callable[[], object]] = {
        "vdot_from_race": lambda: vdot_from_race(HALF, 6300.0),
        "predict_race_seconds": lambda: predict_race_seconds(50.0, HALF),
        "training_paces": lambda: training_paces(50.0),
    }
    figures = {
        name: min(timeit.repeat(call, number=args.calls, repeat=5)) / args.calls * 1e6
        for name, call in calls.items()
    }
    if args.json:
        print(json.dumps({f"{name}_us": round(us, 2) for name, us in figures.items()}))
    else:
        for name, us in figures.items():
            print(f"{name:22s} {us:8.2f} µs/call (best of 5 × {args.calls})")


if __name__ == "__main__":
    main()
