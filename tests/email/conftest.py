"""Real mail endpoints on loopback: an SMTP sink and the SendGrid fake."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.email import Email
from tests.email.sink import SmtpSink
from tests.fakes.sendgrid_api import FakeSendGrid

SENDGRID_KEY = "SG.test-key.0123456789abcdefghij"
SENDER = "coachbot <noreply@coachbot.test>"


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
async def fake_sendgrid() -> AsyncIterator[FakeSendGrid]:
    async with FakeSendGrid(api_key=SENDGRID_KEY) as fake:
        yield fake


@pytest.fixture
def email() -> Email:
    return Email(
        to="Ana Ruiz <ana@example.com>",
        subject="Your plan for this week",
        text="Three runs this week: easy, tempo, long.\n",
        html="<p>Three runs this week: <b>easy</b>, tempo, long.</p>\n",
        reply_to="coach@coachbot.test",
    )
