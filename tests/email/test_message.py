"""The Email model keeps header fields single-line and addresses real."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.email import Email, mime_message


def make(**fields: str) -> Email:
    return Email(
        **{"to": "ana@example.com", "subject": "Hi", "text": "t", "html": "<p>h</p>"} | fields
    )


@pytest.mark.parametrize(
    "to",
    [
        "ana@example.com\r\nBcc: all@example.com",
        "ana@example.com, bo@example.com",
        "not an address",
        "ana@localhost",
        "",
    ],
)
def test_bad_recipients_are_refused(to: str) -> None:
    with pytest.raises(ValidationError):
        make(to=to)


@pytest.mark.parametrize("subject", ["Hi\nBcc: all@example.com", "   ", "x" * 251])
def test_bad_subjects_are_refused(subject: str) -> None:
    with pytest.raises(ValidationError):
        make(subject=subject)


def test_a_display_name_is_kept_and_logs_see_a_masked_address() -> None:
    email = make(to="Ana Ruiz <ana@example.com>")
    assert email.address == "ana@example.com"
    assert email.masked_to == "a***@example.com"


def test_the_mime_form_puts_the_text_part_first(email: Email) -> None:
    message = mime_message(email, "coachbot <noreply@coachbot.test>")

    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert message["Reply-To"] == "coach@coachbot.test"
    assert str(message["Message-ID"]).endswith("@coachbot.test>")
