"""The one error every email sender raises, so callers (the Celery task) decide on retries
without knowing which provider is configured."""

from __future__ import annotations


class EmailError(Exception):
    """Sending failed. ``transient`` failures (provider 5xx, SMTP 4xx, connection errors,
    timeouts) are worth retrying; permanent ones (bad address, rejected credentials, a refused
    message) will fail the same way again.

    The message is safe to log: senders never put API keys or passwords into it. The arguments
    are kept as ``(transient, message)`` so Celery can rebuild the error from a JSON result.
    """

    def __init__(self, transient: bool, message: str) -> None:
        super().__init__(transient, message)
        self.transient = transient
        self.message = message

    def __str__(self) -> str:
        return self.message
