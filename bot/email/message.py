"""An email as coachbot composes it, and the MIME form the SMTP and outbox senders write.

The model refuses line breaks in header fields (``to``, ``reply_to``, ``subject``): a user's
name or address ends up in those, and a line break there would let it add headers of its own.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr

from pydantic import BaseModel, ConfigDict, field_validator

MAX_SUBJECT_CHARS = 250


class Email(BaseModel):
    """One message to one recipient, with a plain-text and an HTML part."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    to: str
    """``ana@example.com`` or ``Ana <ana@example.com>``."""
    subject: str
    text: str
    html: str
    reply_to: str | None = None

    @field_validator("to", "reply_to")
    @classmethod
    def _one_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if "\r" in value or "\n" in value:
            raise ValueError("an address may not contain line breaks")
        addresses = getaddresses([value])
        if len(addresses) != 1:
            raise ValueError("exactly one address is expected")
        local, _, domain = addresses[0][1].rpartition("@")
        if not local or "." not in domain or " " in addresses[0][1]:
            raise ValueError(f"not an email address: {value!r}")
        return value

    @field_validator("subject")
    @classmethod
    def _one_line_subject(cls, value: str) -> str:
        if "\r" in value or "\n" in value:
            raise ValueError("the subject may not contain line breaks")
        value = value.strip()
        if not value:
            raise ValueError("the subject is empty")
        if len(value) > MAX_SUBJECT_CHARS:
            raise ValueError(f"the subject is longer than {MAX_SUBJECT_CHARS} characters")
        return value

    @property
    def address(self) -> str:
        """The bare recipient address, without a display name."""
        return parseaddr(self.to)[1]

    @property
    def masked_to(self) -> str:
        """The recipient as logs show it (``a***@example.com``): enough to trace a delivery,
        not enough to collect addresses from logs."""
        local, _, domain = self.address.rpartition("@")
        return f"{local[:1]}***@{domain}"


def mime_message(email: Email, sender: str) -> EmailMessage:
    """``multipart/alternative`` with the text part first, so clients that cannot show HTML
    (and spam filters that compare the two) see the plain version."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to
    message["Subject"] = email.subject
    if email.reply_to:
        message["Reply-To"] = email.reply_to
    message["Date"] = format_datetime(datetime.now(UTC))
    # An explicit domain: without one, make_msgid asks DNS for this host's name.
    domain = parseaddr(sender)[1].rpartition("@")[2] or "coachbot.local"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(email.text)
    message.add_alternative(email.html, subtype="html")
    return message
