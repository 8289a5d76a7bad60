"""Email over SMTP with ``aiosmtplib``.

SMTP's own reply codes decide what is worth retrying: 4xx replies are the server saying "try
again later" (greylisting, mailbox busy, rate limits), 5xx replies are final (no such user,
credentials rejected, message refused). Connection failures and timeouts are transient.
"""

from __future__ import annotations

import aiosmtplib

from bot.email.errors import EmailError
from bot.email.message import Email, mime_message

IMPLICIT_TLS_PORT = 465
"""The submissions port (RFC 8314) speaks TLS from the first byte instead of upgrading."""


class SmtpSender:
    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout: float = 20.0,
    ) -> None:
        self.host = host
        self.port = port
        self.sender = sender
        self.username = username
        self._password = password
        self.starttls = starttls
        self.timeout = timeout

    def __repr__(self) -> str:  # no password in reprs, tracebacks or logs
        return f"SmtpSender(host={self.host!r}, port={self.port}, username={self.username!r})"

    async def send(self, email: Email) -> str:
        """Deliver the email; return its ``Message-ID``."""
        message = mime_message(email, self.sender)
        implicit_tls = self.port == IMPLICIT_TLS_PORT
        try:
            await aiosmtplib.send(
                message,
                hostname=self.host,
                port=self.port,
                username=self.username,
                password=self._password,
                use_tls=implicit_tls,
                start_tls=self.starttls and not implicit_tls,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [refused.code for refused in exc.recipients]
            transient = bool(codes) and all(400 <= code < 500 for code in codes)
            detail = "; ".join(f"{r.code} {r.message}" for r in exc.recipients)
            raise EmailError(transient, f"SMTP server refused the recipient: {detail}") from None
        except aiosmtplib.SMTPResponseException as exc:
            raise EmailError(
                400 <= exc.code < 500, f"SMTP server answered {exc.code} {exc.message}"
            ) from None
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPConnectError) as exc:
            raise EmailError(True, f"cannot reach SMTP server {self._where}: {exc}") from None
        except aiosmtplib.SMTPTimeoutError:
            raise EmailError(True, f"SMTP server {self._where} timed out") from None
        except aiosmtplib.SMTPException as exc:  # e.g. STARTTLS or AUTH not offered: settings
            raise EmailError(False, f"SMTP with {self._where} failed: {exc}") from None
        except OSError as exc:  # DNS, TLS handshake, resets
            raise EmailError(True, f"cannot reach SMTP server {self._where}: {exc}") from None
        return str(message["Message-ID"])

    @property
    def _where(self) -> str:
        return f"{self.host}:{self.port}"
