"""The email task: validate, send with the configured sender, retry what is worth retrying.

A transient failure (provider 5xx, SMTP 4xx, connection lost) is retried up to
``MAX_EMAIL_RETRIES`` times, each wait about twice the one before; a permanent one (bad address,
rejected credentials) is logged and the task fails at once, since sending again cannot help.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import Any

from pydantic import ValidationError

from bot.email.errors import EmailError
from bot.email.factory import build_sender
from bot.email.message import Email
from bot.jobs.app import jobs_config, task

log = logging.getLogger(__name__)

MAX_EMAIL_RETRIES = 5
MAX_RETRY_WAIT_SECONDS = 900.0
"""Well under the Redis transport's visibility timeout (1 h): a task held for a later retry
longer than that is handed out a second time, and the email would go twice."""


def retry_wait(retries: int, first: float) -> float:
    """Exponential backoff with jitter: ``first * 2**retries``, of which the upper half is
    random so many failed emails do not all come back at the same moment."""
    ceiling = min(first * 2.0**retries, MAX_RETRY_WAIT_SECONDS)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (spreading, not secrecy)


@task(
    bind=True,
    name="coachbot.send_email",
    max_retries=MAX_EMAIL_RETRIES,
    throws=(EmailError,),  # reported as a failure, without a traceback: the task logged why
)
def send_email(self: Any, email: dict[str, Any]) -> str:
    """Send ``email`` (an :class:`Email` as JSON); return the provider's message id."""
    try:
        message = Email.model_validate(email)
    except ValidationError as exc:
        fields = ", ".join(".".join(map(str, error["loc"])) for error in exc.errors())
        log.error("email task %s: invalid email (%s), not sent", self.request.id, fields)
        raise EmailError(False, f"invalid email: {fields}") from None

    config = jobs_config()
    try:
        return asyncio.run(build_sender(config.settings).send(message))
    except EmailError as exc:
        retries = self.request.retries
        if exc.transient and retries < self.max_retries:
            wait = retry_wait(retries, config.email_retry_seconds)
            log.warning(
                "email to %s failed (%s); retry %d of %d in %.1f s",
                message.masked_to,
                exc,
                retries + 1,
                self.max_retries,
                wait,
            )
            raise self.retry(exc=exc, countdown=wait) from None
        log.error(
            "email to %s not sent after %d attempt(s): %s", message.masked_to, retries + 1, exc
        )
        raise


async def enqueue_email(email: Email) -> None:
    """Queue ``email`` for the worker, fire and forget.

    Publishing talks to Redis synchronously, so it runs in a thread: the api's event loop never
    waits on the broker. No result is kept (nobody waits for it), which also spares the api
    process a result subscription per email; failures are in the worker's log.
    """
    payload = email.model_dump(mode="json")
    await asyncio.to_thread(send_email.apply_async, (payload,), ignore_result=True)
