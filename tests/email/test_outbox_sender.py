"""The development default writes each email as a readable .eml file."""

from __future__ import annotations

import asyncio
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from bot.email import Email, OutboxSender
from tests.email.conftest import SENDER


async def test_writes_an_eml_file_a_mail_client_can_open(tmp_path: Path, email: Email) -> None:
    outbox = tmp_path / "outbox"
    path = Path(await OutboxSender(outbox, SENDER).send(email))

    assert path.parent == outbox and path.suffix == ".eml"
    assert list(outbox.iterdir()) == [path]  # no half-written leftovers
    raw = await asyncio.to_thread(path.read_bytes)
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    assert message["To"] == email.to
    assert message["Subject"] == email.subject
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and plain.get_content() == email.text
    assert html is not None and html.get_content() == email.html
    assert b"Three runs this week" in raw  # readable as it is, too


async def test_each_email_gets_its_own_file(tmp_path: Path, email: Email) -> None:
    sender = OutboxSender(tmp_path, SENDER)
    paths = {await sender.send(email) for _ in range(3)}
    assert len(paths) == 3
