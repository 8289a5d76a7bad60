"""SendGrid delivery through the real SDK against a local fake of the v3 Mail Send API."""

from __future__ import annotations

import asyncio
import socket

import pytest
from python_http_client.exceptions import BadRequestsError
from sendgrid import SendGridAPIClient

from bot.email import Email, EmailError
from bot.email.sendgrid_sender import SendGridSender
from tests.email.conftest import SENDER, SENDGRID_KEY
from tests.fakes import Sleep, Status
from tests.fakes.sendgrid_api import FakeSendGrid


def sender_for(fake: FakeSendGrid, key: str = SENDGRID_KEY, timeout: float = 2.0) -> SendGridSender:
    return SendGridSender(key, SENDER, host=fake.url, timeout=timeout)


async def test_sends_the_v3_mail_body_and_returns_the_message_id(
    fake_sendgrid: FakeSendGrid, email: Email
) -> None:
    message_id = await sender_for(fake_sendgrid).send(email)

    assert message_id == fake_sendgrid.message_ids[-1]
    request = fake_sendgrid.last_request
    assert request.path == "/v3/mail/send"
    assert request.headers["authorization"] == f"Bearer {SENDGRID_KEY}"
    assert request.body == {
        "from": {"name": "coachbot", "email": "noreply@coachbot.test"},
        "subject": email.subject,
        "personalizations": [{"to": [{"name": "Ana Ruiz", "email": "ana@example.com"}]}],
        "content": [
            {"type": "text/plain", "value": email.text},
            {"type": "text/html", "value": email.html},
        ],
        "reply_to": {"email": "coach@coachbot.test"},
    }


async def test_a_5xx_answer_is_transient(fake_sendgrid: FakeSendGrid, email: Email) -> None:
    fake_sendgrid.script(Status(500))
    with pytest.raises(EmailError) as failure:
        await sender_for(fake_sendgrid).send(email)
    assert failure.value.transient
    assert "500" in str(failure.value)


async def test_a_rejected_key_is_permanent_and_never_quoted(
    fake_sendgrid: FakeSendGrid, email: Email
) -> None:
    wrong = "SG.wrong-key.abcdefghijklmnopqrstuvwxyz"
    sender = sender_for(fake_sendgrid, key=wrong)
    with pytest.raises(EmailError) as failure:
        await sender.send(email)
    assert not failure.value.transient
    assert "401" in str(failure.value)
    assert "authorization grant is invalid" in str(failure.value)
    assert wrong not in str(failure.value) and wrong not in repr(sender)
    assert fake_sendgrid.last_request.api_key == wrong


async def test_a_scripted_400_is_permanent_with_sendgrids_reason(
    fake_sendgrid: FakeSendGrid, email: Email
) -> None:
    fake_sendgrid.script(
        Status(400, "personalizations.0.to.0.email: Does not contain a valid address.")
    )
    with pytest.raises(EmailError) as failure:
        await sender_for(fake_sendgrid).send(email)
    assert not failure.value.transient
    assert str(failure.value) == "SendGrid answered 400: Does not contain a valid address."


async def test_rate_limiting_is_transient(fake_sendgrid: FakeSendGrid, email: Email) -> None:
    fake_sendgrid.script(Status(429))
    with pytest.raises(EmailError) as failure:
        await sender_for(fake_sendgrid).send(email)
    assert failure.value.transient


async def test_a_slow_api_times_out_as_transient(fake_sendgrid: FakeSendGrid, email: Email) -> None:
    fake_sendgrid.script(Sleep(2.0))
    with pytest.raises(EmailError) as failure:
        await sender_for(fake_sendgrid, timeout=0.2).send(email)
    assert failure.value.transient


async def test_an_api_that_is_not_there_is_transient(email: Email) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sender = SendGridSender(SENDGRID_KEY, SENDER, host=f"http://127.0.0.1:{port}", timeout=1.0)
    with pytest.raises(EmailError) as failure:
        await sender.send(email)
    assert failure.value.transient


async def test_the_fake_refuses_what_sendgrid_refuses(fake_sendgrid: FakeSendGrid) -> None:
    """The SDK sends whatever it is given, so the fake's own 400s are checked here directly."""

    client = SendGridAPIClient(api_key=SENDGRID_KEY, host=fake_sendgrid.url)
    body = {
        "personalizations": [{"to": [{"email": "ana@example.com"}]}],
        "from": {"email": "noreply@coachbot.test"},
        "subject": "Hi",
        "content": [
            {"type": "text/html", "value": "<p>h</p>"},
            {"type": "text/plain", "value": "h"},
        ],
    }
    with pytest.raises(BadRequestsError) as failure:
        await asyncio.to_thread(client.send, body)  # the SDK blocks; the fake needs the loop
    assert failure.value.to_dict["errors"][0]["field"] == "content"
    assert not fake_sendgrid.message_ids
