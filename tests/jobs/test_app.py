"""How the Celery app is configured from settings, and the beat schedule built for it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
import redis
from celery.schedules import crontab
from hypothesis import given
from hypothesis import strategies as st

from bot.jobs import (
    CORE_JOBS,
    JobsNotConfigured,
    PeriodicJob,
    beat_schedule,
    celery_app,
    configure,
    heartbeat,
    jobs_config,
    retry_wait,
)
from bot.jobs.mail import MAX_RETRY_WAIT_SECONDS
from bot.settings import Settings


@pytest.fixture
def restore_config(jobs_settings: Settings) -> Iterator[None]:
    """Tests here reconfigure the shared app; put the package's configuration back after."""
    yield
    configure(jobs_settings)


def test_delivery_rules_come_from_one_place(jobs_settings: Settings, restore_config: None) -> None:
    conf = configure(jobs_settings).conf
    assert (conf.task_serializer, conf.result_serializer, conf.accept_content) == (
        "json",
        "json",
        ["json"],
    )
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    assert conf.broker_connection_retry_on_startup
    assert conf.timezone == "UTC" and conf.enable_utc
    assert set(celery_app.tasks) >= {
        "coachbot.send_email",
        "coachbot.push_to_user",
        "coachbot.heartbeat",
    }


def test_a_unix_socket_url_is_spelled_for_celery(restore_config: None) -> None:
    configure(Settings(redis_url="unix:///run/redis/redis.sock"))
    assert celery_app.conf.broker_url == "redis+socket:///run/redis/redis.sock"
    assert celery_app.conf.result_backend == "redis+socket:///run/redis/redis.sock"
    assert jobs_config().settings.redis_url == "unix:///run/redis/redis.sock"


def test_a_network_url_is_used_as_it_is(restore_config: None) -> None:
    configure(Settings(redis_url="redis://redis.internal:6379/2"))
    assert celery_app.conf.broker_url == "redis://redis.internal:6379/2"


def test_no_redis_is_a_clear_error() -> None:
    with pytest.raises(JobsNotConfigured, match="COACHBOT_REDIS_URL"):
        configure(Settings(redis_url=None))


def test_reconfiguring_moves_publishing_to_the_new_redis(
    jobs_settings: Settings, redis_url: str, restore_config: None
) -> None:
    """An app factory called twice, or a test session with two Redis servers: the second
    configuration must win even though the first one was already used."""
    assert jobs_settings.redis_url != redis_url
    configure(jobs_settings)
    with celery_app.producer_or_acquire() as producer:  # the first Redis is in use
        assert producer.connection is not None
    configure(jobs_settings.model_copy(update={"redis_url": redis_url}))
    queue = f"reconfigure-{uuid.uuid4().hex[:8]}"  # a queue no worker reads
    heartbeat.apply_async(queue=queue)
    client = redis.Redis.from_url(redis_url)
    try:
        assert client.llen(queue) == 1
    finally:
        client.delete(queue)
        client.close()


def test_the_beat_schedule_has_the_heartbeat_every_minute(
    jobs_settings: Settings, restore_config: None
) -> None:
    schedule = configure(jobs_settings).conf.beat_schedule
    assert schedule == {
        "heartbeat": {
            "task": "coachbot.heartbeat",
            "schedule": 60.0,
            "args": (),
            "kwargs": {},
            "options": {"expires": 55.0},
        }
    }


def test_skills_add_jobs_to_the_schedule(jobs_settings: Settings, restore_config: None) -> None:
    morning = PeriodicJob(
        "goals.morning_nudges", "goals.nudge_due_users", crontab(minute="*/15"), kwargs={"n": 1}
    )
    weekly = PeriodicJob("plans.weekly", "plans.review", timedelta(days=7), args=("all",))
    schedule = configure(jobs_settings, jobs=[morning, weekly]).conf.beat_schedule

    assert list(schedule) == ["heartbeat", "goals.morning_nudges", "plans.weekly"]
    assert schedule["goals.morning_nudges"]["schedule"] == crontab(minute="*/15")
    assert schedule["goals.morning_nudges"]["kwargs"] == {"n": 1}
    assert schedule["plans.weekly"]["args"] == ("all",)
    assert "options" not in schedule["plans.weekly"]


def test_an_empty_list_of_jobs_is_fine_and_names_must_be_unique() -> None:
    assert beat_schedule([]) == {}
    assert list(beat_schedule(CORE_JOBS)) == ["heartbeat"]
    with pytest.raises(ValueError, match="heartbeat"):
        beat_schedule([*CORE_JOBS, PeriodicJob("heartbeat", "x.y", 5.0)])


@given(retries=st.integers(min_value=0, max_value=40), first=st.floats(0.01, 120))
def test_retry_waits_grow_exponentially_with_jitter_and_a_ceiling(
    retries: int, first: float
) -> None:
    ceiling = min(first * 2**retries, MAX_RETRY_WAIT_SECONDS)
    assert ceiling / 2 <= retry_wait(retries, first) <= ceiling
