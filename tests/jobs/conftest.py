"""A real Celery worker, in a thread of the test process, on an embedded Redis of its own.

The worker runs tasks exactly as ``coachbot worker`` does (same app, same configuration), with
the solo pool so the test process can see what the tasks log. Its Redis is not the session's
shared one, so no other worker a test session starts (``coachbot serve`` children, say) can take
these tasks, and the worker stops when the tests of this package are done.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker

from bot.jobs import celery_app, configure
from bot.settings import Settings
from storage.redis import EmbeddedRedis
from tests.email.sink import SmtpSink

RETRY_SECONDS = 0.05
"""First retry wait in tests: the backoff doubles from here, so five retries take ~1.5 s."""


@pytest.fixture(scope="package")
def jobs_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedRedis]:
    with EmbeddedRedis(tmp_path_factory.mktemp("jobs-redis")) as redis:
        yield redis
        # Task results unsubscribe from Redis when collected: let that happen while it runs.
        gc.collect()


@pytest.fixture(scope="package")
def package_sink() -> Iterator[SmtpSink]:
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="package")
def jobs_settings(
    jobs_redis: EmbeddedRedis, package_sink: SmtpSink, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    return Settings(
        redis_url=jobs_redis.url,
        smtp_host=package_sink.host,
        smtp_port=package_sink.port,
        smtp_starttls=False,
        data_dir=tmp_path_factory.mktemp("jobs-data"),
        email_from="coachbot <noreply@coachbot.test>",
    )


@pytest.fixture(scope="package")
def celery_worker(jobs_settings: Settings) -> Iterator[Any]:
    app = configure(jobs_settings, email_retry_seconds=RETRY_SECONDS)
    # Leave the test session's logging alone: no handlers swapped, root level as it was.
    app.conf.worker_hijack_root_logger = False
    root_level = logging.getLogger().level
    try:
        with start_worker(
            app,
            pool="solo",
            concurrency=1,
            perform_ping_check=False,
            loglevel=logging.getLevelName(root_level or logging.WARNING),
            shutdown_timeout=10,
        ) as worker:
            yield worker
    finally:
        logging.getLogger().setLevel(root_level)


@pytest.fixture
def worker(celery_worker: Any, jobs_settings: Settings) -> Any:
    """The running worker, with the app configured for it (a test may have changed that)."""
    configure(jobs_settings, email_retry_seconds=RETRY_SECONDS)
    assert celery_app.conf.broker_url.startswith("redis+socket://")
    return celery_worker


@pytest.fixture
def sink(package_sink: SmtpSink) -> SmtpSink:
    """The worker's SMTP server, emptied for this test."""
    package_sink.messages.clear()
    package_sink.replies.clear()
    package_sink.attempts = 0
    return package_sink


def data_dir(settings: Settings) -> Path:
    return Path(settings.data_dir)
