"""What every way of delivering an email looks like to the rest of coachbot."""

from __future__ import annotations

from typing import Protocol

from bot.email.message import Email


class EmailSender(Protocol):
    """Delivers one email. Raises :class:`bot.email.errors.EmailError` when it cannot."""

    async def send(self, email: Email) -> str:
        """Hand the email over; return the provider's message id (or the file written)."""
        ...
