"""Email through SendGrid's v3 Mail Send API, with the official ``sendgrid`` SDK.

The SDK is synchronous (urllib underneath), so each request runs in a worker thread and the
event loop never waits on it. ``host`` points the SDK elsewhere (a proxy, or the local fake the
tests run). Any 5xx, 408 or 429 answer and any connection failure is transient; other 4xx answers
(bad address, rejected key, malformed request) are permanent.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import logging

from python_http_client.exceptions import HTTPError
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import From, Mail, ReplyTo, To

from bot.email.errors import EmailError
from bot.email.message import Email

SENDGRID_HOST = "https://api.sendgrid.com"
RETRYABLE_STATUSES = frozenset({408, 429})

# The SDK's HTTP client logs every request's headers (the API key) and body (the email) at
# DEBUG; keep that out of logs even when coachbot runs with COACHBOT_LOG_LEVEL=DEBUG.
logging.getLogger("python_http_client").setLevel(logging.INFO)


class SendGridSender:
    def __init__(
        self, api_key: str, sender: str, *, host: str | None = None, timeout: float = 20.0
    ) -> None:
        self.sender = sender
        self.host = (host or SENDGRID_HOST).rstrip("/")
        self._client = SendGridAPIClient(api_key=api_key, host=self.host)
        self._client.client.timeout = timeout

    def __repr__(self) -> str:  # no API key in reprs, tracebacks or logs
        return f"SendGridSender(host={self.host!r})"

    async def send(self, email: Email) -> str:
        """Deliver the email; return SendGrid's ``X-Message-Id``."""
        mail = Mail(
            from_email=From(self.sender),
            to_emails=To(email.to),
            subject=email.subject,
            plain_text_content=email.text,
            html_content=email.html,
        )
        if email.reply_to:
            mail.reply_to = ReplyTo(email.reply_to)
        try:
            response = await asyncio.to_thread(self._client.send, mail)
        except HTTPError as exc:
            status = int(exc.status_code)
            transient = status >= 500 or status in RETRYABLE_STATUSES
            raise EmailError(
                transient, f"SendGrid answered {status}: {_reason(exc.body)}"
            ) from None
        except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out
            raise EmailError(True, f"cannot reach SendGrid at {self.host}: {exc}") from None
        return str(response.headers.get("X-Message-Id") or "")


def _reason(body: bytes | str | None) -> str:
    """The messages of SendGrid's ``{"errors": [{"message": ...}]}`` body, briefly."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body or ""
    try:
        errors = json.loads(text).get("errors") or []
        messages = [str(e.get("message")) for e in errors if isinstance(e, dict)]
    except (ValueError, AttributeError):
        messages = []
    reason = "; ".join(m for m in messages if m) or text.strip() or "no details"
    return reason[:300]
