"""Runs the embedded nx-27017 server with one correction, as ``python -m storage.nx_server``.

(It also runs it on uvloop when that is installed.)

nx-27017 0.8's SQL fast path for updates hands a top-level ``datetime`` in ``$set`` straight to
sqlite, whose default adapter stores it as a string: ``update_one({...}, {"$set": {"at": now}})``
on an existing document reads back ``"2026-03-02 08:00:00"``. Its general update path stores a
proper date. This launcher sends updates that carry a date down the general path, so our code
stays plain, portable MongoDB (tests/storage/test_embedded.py checks the round trip).
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import date
from typing import Any

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
