"""Background jobs on Celery with Redis: sending email, pushing socket.io events to users, and
the periodic jobs beat runs.

The api process calls ``configure(settings)`` once, then ``await enqueue_email(email)`` or
``push_to_user.delay(user_id, event, payload)``; it joins connections to ``user_room(user_id)``
on an ``AsyncRedisManager(redis_url, channel=SOCKETIO_CHANNEL)``.
"""

from bot.jobs.app import (
    EMAIL_RETRY_SECONDS,
    JobsConfig,
    JobsNotConfigured,
    celery_app,
    configure,
    jobs_config,
    task,
)
from bot.jobs.heartbeat import heartbeat
from bot.jobs.mail import MAX_EMAIL_RETRIES, enqueue_email, retry_wait, send_email
from bot.jobs.push import SOCKETIO_CHANNEL, push_to_user, user_room
from bot.jobs.schedule import CORE_JOBS, PeriodicJob, beat_schedule

__all__ = [
    "CORE_JOBS",
    "EMAIL_RETRY_SECONDS",
    "MAX_EMAIL_RETRIES",
    "SOCKETIO_CHANNEL",
    "JobsConfig",
    "JobsNotConfigured",
    "PeriodicJob",
    "beat_schedule",
    "celery_app",
    "configure",
    "enqueue_email",
    "heartbeat",
    "jobs_config",
    "push_to_user",
    "retry_wait",
    "send_email",
    "task",
    "user_room",
]
