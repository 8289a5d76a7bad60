"""SMTP delivery to a real SMTP server on loopback, and how its failures are classified."""

from __future__ import annotations

import socket

import pytest

from bot.email import Email, EmailError, SmtpSender
from tests.email.conftest import SENDER
from tests.email.sink import SmtpSink


def sender_for(sink: SmtpSink, **options: object) -> SmtpSender:
    return SmtpSender(sink.host, sink.port, SENDER, starttls=False, timeout=2.0, **options)  # type: ignore[arg-type]


async def test_delivers_both_parts_and_returns_the_message_id(
    smtp_sink: SmtpSink, email: Email
) -> None:
    message_id = await sender_for(smtp_sink).send(email)

    [received] = await smtp_sink.wait_for(1)
    assert received.mail_from == "noreply@coachbot.test"
    assert received.rcpt_tos == ["ana@example.com"]
    message = received.message
    assert message["Message-ID"] == message_id
    assert message["Subject"] == email.subject
    assert message["From"] == SENDER
    assert message["To"] == "Ana Ruiz <ana@example.com>"
    assert message["Reply-To"] == "coach@coachbot.test"
    assert received.part("text/plain") == email.text
    assert received.part("text/html") == email.html


async def test_non_ascii_names_and_text_arrive_intact(smtp_sink: SmtpSink) -> None:
    email = Email(
        to="Zoë Ñúñez <zoe@example.com>",
        subject="Semana 1 — ¡vamos!",
        text="Corre 5 km, Zoë. 💪\n",
        html="<p>Corre 5 km, Zoë. 💪</p>\n",
    )
    await sender_for(smtp_sink).send(email)

    [received] = await smtp_sink.wait_for(1)
    assert received.message["Subject"] == "Semana 1 — ¡vamos!"
    assert received.message["To"] == "Zoë Ñúñez <zoe@example.com>"
    assert received.part("text/plain") == email.text


async def test_a_4xx_reply_is_transient(smtp_sink: SmtpSink, email: Email) -> None:
    smtp_sink.script("451 4.3.0 Mail server temporarily rejected message")
    with pytest.raises(EmailError) as failure:
        await sender_for(smtp_sink).send(email)
    assert failure.value.transient
    assert "451" in str(failure.value)
    assert smtp_sink.messages == []


async def test_a_5xx_reply_is_permanent(smtp_sink: SmtpSink, email: Email) -> None:
    smtp_sink.script("550 5.1.1 No such user here")
    with pytest.raises(EmailError) as failure:
        await sender_for(smtp_sink).send(email)
    assert not failure.value.transient
    assert "550" in str(failure.value)


async def test_a_server_that_is_not_there_is_transient(email: Email) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sender = SmtpSender("127.0.0.1", port, SENDER, starttls=False, timeout=1.0)
    with pytest.raises(EmailError) as failure:
        await sender.send(email)
    assert failure.value.transient


async def test_good_credentials_are_accepted(email: Email) -> None:
    with SmtpSink(credentials=("coach", "s3cret-pass")) as sink:
        await sender_for(sink, username="coach", password="s3cret-pass").send(email)
        assert len(await sink.wait_for(1)) == 1


async def test_rejected_credentials_are_permanent_and_never_quoted(email: Email) -> None:
    with SmtpSink(credentials=("coach", "right-pass")) as sink:
        sender = sender_for(sink, username="coach", password="wrong-pass-42")
        with pytest.raises(EmailError) as failure:
            await sender.send(email)
    assert not failure.value.transient
    assert "535" in str(failure.value)
    assert "wrong-pass-42" not in str(failure.value)
    assert "wrong-pass-42" not in repr(sender)
