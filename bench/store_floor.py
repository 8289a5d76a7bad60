"""The embedded store's cost per document: the floor under any pass that reads or writes one
document per item (the goals daily pass's budget is 5,000 goals/s, i.e. 200 µs a goal).

Inserts N documents of three shapes into a fresh embedded store, then times, per document:
a cursor read of whole documents, a cursor read projected to ``_id`` alone, and a bulk replace.
Each figure is the median of ``--repeat`` runs.

    .venv/bin/python bench/store_floor.py
    .venv/bin/python bench/store_floor.py --docs 5000 --json

Shapes: ``tiny`` (4 scalar fields), ``goal`` (a goal document as the goals skill stores it,
with a small progress summary and packed daily values) and ``nested`` (the same with its
progress as nested sub-documents and lists, the shape the skill stores today).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pymongo import ReplaceOne

from storage.client import open_database

NOW = datetime(2026, 11, 18, 6, 0, tzinfo=UTC)
Document = dict[str, Any]


def tiny(i: int) -> Document:
    return {"_id": f"d{i}", "user_id": f"u{i // 3}", "status": "active", "value": float(i)}


def goal(i: int) -> Document:
    daily = ";".join(f"2026-11-{d:02d}={d * 1.5:g}" for d in range(1, 18))
    return {
        **tiny(i),
        "metric": "distance_km_total",
        "target_value": 120.0,
        "unit": "km",
        "display_unit": "km",
        "window": "monthly",
        "constraints": {},
        "title": "Ruck 120 km this month",
        "description": "",
        "start_at": NOW,
        "end_at": NOW + timedelta(days=13),
        "deadline_at": None,
        "tz": "Europe/Berlin",
        "source": "bench",
        "created_at": NOW,
        "updated_at": NOW,
        "current_value": 102.36,
        "progress_percent": 85.3,
        "evaluated_at": NOW,
        "marks": ["active", "2026-11", False, "ahead", "25,50,75"],
        "daily": daily,
    }


def nested(i: int) -> Document:
    doc = goal(i)
    doc["daily"] = [[f"2026-11-{d:02d}", d * 1.5] for d in range(1, 18)]
    doc["evaluation"] = {
        name: 0.5 for name in ("expected_progress", "delta", "remaining_value", "needed_today")
    } | {"window_start": NOW, "window_end": NOW, "eta": NOW, "pace": "ahead", "today": "x"}
    doc["marks"] = {"status": "active", "period_key": "2026-11", "milestones_hit": [25, 50]}
    doc["events"] = [{"kind": "milestone", "key": "m:75", "data": {"percent": 75}, "at": NOW}]
    return doc


SHAPES = {"tiny": tiny, "goal": goal, "nested": nested}


async def measure(docs: int, repeat: int) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="coachbot-floor-") as scratch:
        async with open_database(None, database="floor", data_dir=Path(scratch)) as database:
            for name, make in SHAPES.items():
                collection = database.db[name]
                await collection.insert_many([make(i) for i in range(docs)])
                runs: dict[str, list[float]] = {"read": [], "read_id_only": [], "replace": []}
                for _ in range(repeat):
                    started = time.perf_counter()
                    found = await collection.find({}, batch_size=docs).to_list(None)
                    runs["read"].append(time.perf_counter() - started)
                    started = time.perf_counter()
                    await collection.find({}, {"_id": 1}, batch_size=docs).to_list(None)
                    runs["read_id_only"].append(time.perf_counter() - started)
                    ops = [ReplaceOne({"_id": d["_id"]}, {**d, "value": 1.0}) for d in found]
                    started = time.perf_counter()
                    await collection.bulk_write(ops, ordered=False)
                    runs["replace"].append(time.perf_counter() - started)
                figures[name] = {
                    f"{op}_us": round(statistics.median(times) / docs * 1e6, 1)
                    for op, times in runs.items()
                }
                print(f"  measured {name}", file=sys.stderr)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    figures = asyncio.run(measure(args.docs, args.repeat))
    if args.json:
        print(json.dumps({"docs": args.docs, "shapes": figures}))
        return
    print(f"µs per document, median of {args.repeat} runs over {args.docs} documents")
    print(f"{'shape':8s} {'read':>8s} {'read _id':>9s} {'replace':>8s} {'read+replace/s':>15s}")
    for name, row in figures.items():
        per_second = 1e6 / (row["read_us"] + row["replace_us"])
        print(
            f"{name:8s} {row['read_us']:8.1f} {row['read_id_only_us']:9.1f} "
            f"{row['replace_us']:8.1f} {per_second:15,.0f}"
        )


if __name__ == "__main__":
    main()
