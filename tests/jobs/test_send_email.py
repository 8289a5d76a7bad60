"""The email task on a real worker, delivering to a real SMTP server."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from bot.email import EmailError, render_email
from bot.jobs import MAX_EMAIL_RETRIES, enqueue_email, send_email
from tests.email.sink import SmtpSink

TIMEOUT = 10.0


def welcome() -> dict[str, Any]:
    email = render_email(
        "welcome", "Ana <ana@example.com>", name="Ana", public_url="http://127.0.0.1:8080"
    )
    return email.model_dump(mode="json")


async def outcome(payload: dict[str, Any]) -> Any:
    """Queue the task and wait for its result (raises what the task raised)."""
    result = await asyncio.to_thread(send_email.delay, payload)
    return await asyncio.to_thread(result.get, timeout=TIMEOUT)


async def test_an_email_task_is_delivered_and_returns_the_message_id(
    worker: Any, sink: SmtpSink
) -> None:
    message_id = await outcome(welcome())

    [received] = await sink.wait_for(1)
    assert received.message["Message-ID"] == message_id
    assert received.message["Subject"] == "Welcome to coachbot"
    assert received.rcpt_tos == ["ana@example.com"]
    assert "Hi Ana," in received.part("text/plain")
    assert "Hi Ana," in received.part("text/html")


async def test_enqueue_email_from_the_event_loop_reaches_the_inbox(
    worker: Any, sink: SmtpSink
) -> None:
    email = render_email("welcome", "bo@example.com", name="Bo", public_url="http://x.test")
    await enqueue_email(email)

    [received] = await sink.wait_for(1, timeout=TIMEOUT)
    assert received.rcpt_tos == ["bo@example.com"]


async def test_a_transient_failure_is_retried_and_then_delivered(
    worker: Any, sink: SmtpSink, caplog: pytest.LogCaptureFixture
) -> None:
    sink.script("451 4.3.0 Try again later", "421 4.7.0 Too busy, come back soon")

    message_id = await outcome(welcome())

    assert sink.attempts == 3
    [received] = await sink.wait_for(1)
    assert received.message["Message-ID"] == message_id
    retries = [r.getMessage() for r in caplog.records if r.name == "bot.jobs.mail"]
    assert len(retries) == 2
    assert "retry 1 of 5" in retries[0] and "451" in retries[0]
    assert "a***@example.com" in retries[0] and "ana@example.com" not in retries[0]


async def test_a_permanent_failure_is_not_retried_and_is_logged(
    worker: Any, sink: SmtpSink, caplog: pytest.LogCaptureFixture
) -> None:
    sink.script("550 5.1.1 No such user here")

    with pytest.raises(EmailError) as failure:
        await outcome(welcome())

    assert not failure.value.transient
    assert "550" in str(failure.value)
    assert sink.attempts == 1 and sink.messages == []
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert error.name == "bot.jobs.mail" and "not sent after 1 attempt" in error.getMessage()


async def test_retries_stop_after_the_fifth(
    worker: Any, sink: SmtpSink, caplog: pytest.LogCaptureFixture
) -> None:
    sink.script(*["451 4.3.0 Try again later"] * (MAX_EMAIL_RETRIES + 1))

    with pytest.raises(EmailError) as failure:
        await outcome(welcome())

    assert failure.value.transient
    assert sink.attempts == MAX_EMAIL_RETRIES + 1 and sink.messages == []
    assert any(
        f"not sent after {MAX_EMAIL_RETRIES + 1} attempt" in r.getMessage()
        for r in caplog.records
        if r.levelno == logging.ERROR
    )


async def test_an_invalid_email_fails_without_sending(worker: Any, sink: SmtpSink) -> None:
    payload = welcome() | {"to": "ana@example.com\r\nBcc: everyone@example.com"}

    with pytest.raises(EmailError, match="invalid email: to"):
        await outcome(payload)

    assert sink.attempts == 0
