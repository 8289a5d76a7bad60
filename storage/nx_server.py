"""Runs the embedded nx-27017 server with two corrections, as ``python -m storage.nx_server``.

(It also runs it on uvloop when that is installed.)

nx-27017 0.8's SQL fast path for updates hands a top-level ``datetime`` in ``$set`` straight to
sqlite, whose default adapter stores it as a string: ``update_one({...}, {"$set": {"at": now}})``
on an existing document reads back ``"2026-03-02 08:00:00"``. Its general update path stores a
proper date. This launcher sends updates that carry a date down the general path.

Its ``find_one_and_update(..., upsert=True)`` inserts the filter's fields and then *updates*
the new document, so ``$setOnInsert`` (an ``_id``, a ``created_at``) is silently dropped. Its
``update_one`` upsert gets it right, so the launcher inserts through that instead.

Both keep our code plain, portable MongoDB; tests/storage/test_embedded.py checks each.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from neosqlite.collection.query_engine import QueryEngine
from neosqlite.collection.query_helper._sql_updates import SqlUpdatesMixin
from nx_27017.nx_27017 import main

_fast_path = SqlUpdatesMixin._can_use_sql_updates


def _carries_a_date(value: Any) -> bool:
    if isinstance(value, date):
        return True
    if isinstance(value, dict):
        return any(_carries_a_date(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_carries_a_date(v) for v in value)
    return False


def _can_use_sql_updates(
    self: Any, update_spec: dict[str, Any], doc_id: int, original_doc: Any = None
) -> bool:
    if _carries_a_date(update_spec):
        return False
    result: bool = _fast_path(self, update_spec, doc_id, original_doc)
    return result


SqlUpdatesMixin._can_use_sql_updates = _can_use_sql_updates

_find_one_and_update: Callable[..., dict[str, Any] | None] = QueryEngine.find_one_and_update


def _find_one_and_upsert(
    self: Any,
    filter: dict[str, Any],
    update: dict[str, Any],
    projection: dict[str, Any] | None = None,
    sort: list[tuple[str, int]] | None = None,
    upsert: bool = False,
    return_document: bool = False,
    array_filters: list[dict[str, Any]] | None = None,
    session: Any = None,
    **kwargs: Any,
) -> dict[str, Any] | None:
    if not upsert or "$setOnInsert" not in update:
        return _find_one_and_update(
            self, filter, update, projection, sort, upsert, return_document, array_filters,
            session, **kwargs,
        )  # fmt: skip
    rest = {op: fields for op, fields in update.items() if op != "$setOnInsert"}
    found: dict[str, Any] | None
    if rest:
        found = _find_one_and_update(
            self, filter, rest, projection, sort, False, return_document, array_filters,
            session, **kwargs,
        )  # fmt: skip
    else:
        found = self.find_one(filter, projection, session=session)
    if found is not None:
        return found
    inserted = self.update_one(
        filter, update, upsert=True, array_filters=array_filters, session=session
    )
    if not return_document:
        return None
    found_new: dict[str, Any] | None = self.find_one(
        {"_id": inserted.upserted_id}, projection, session=session
    )
    return found_new


QueryEngine.find_one_and_update = _find_one_and_upsert


def _faster_event_loop() -> None:
    """The server is asyncio underneath: uvloop, where installed, serves more operations/s."""
    try:
        import uvloop
    except ImportError:
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def _die_with_parent() -> None:
    """If whoever started us is killed outright (no chance to stop us), go too: an orphaned
    server would hold the data directory. Linux only; elsewhere the parent's stop() suffices."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() == 1:  # the parent died before we got here
        raise SystemExit(1)


if __name__ == "__main__":
    sys.argv[0] = "nx-27017"
    _die_with_parent()
    _faster_event_loop()
    main()
