"""A real SMTP server on loopback (``aiosmtpd``) that keeps what it receives.

It runs in its own thread, as ``aiosmtpd``'s ``Controller`` does, so a Celery worker thread or
another process can deliver to it while the test's event loop waits. Scripted replies make the
next messages fail the way real servers do::

    with SmtpSink() as sink:
        sink.script("451 4.3.0 Try again later")  # the first DATA is deferred, later ones accepted
        ...
        [received] = await sink.wait_for(1)
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections import deque
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from types import TracebackType
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

__all__ = ["Received", "SmtpSink"]


@dataclass(frozen=True)
class Received:
    """One message the sink accepted."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=policy.default).parsebytes(self.raw)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def part(self, content_type: str) -> str:
        """The decoded body part of this type (``text/plain`` or ``text/html``), with the
        line endings a mail client shows (SMTP carries them as CRLF)."""
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return str(part.get_content()).replace("\r\n", "\n")
        raise KeyError(content_type)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.sink.attempts += 1
        if self.sink.replies:
            return self.sink.replies.popleft()
        self.sink.messages.append(
            Received(str(envelope.mail_from), list(envelope.rcpt_tos), bytes(envelope.content))
        )
        return "250 2.0.0 Message accepted for delivery"


class SmtpSink:
    """An SMTP server on ``127.0.0.1:<free port>``, without TLS.

    With ``credentials=(user, password)`` it offers AUTH (over plain text, as a test may) and
    refuses anything else with ``535``.
    """

    host = "127.0.0.1"

    def __init__(self, *, credentials: tuple[str, str] | None = None) -> None:
        self.port = _free_port()
        self.messages: list[Received] = []
        self.replies: deque[str] = deque()
        self.attempts = 0
        """DATA commands seen, accepted or not."""
        self.credentials = credentials
        options: dict[str, Any] = {}
        if credentials is not None:
            options = {"authenticator": self._authenticate, "auth_require_tls": False}
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port, **options)

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and self.credentials == (
            auth_data.login.decode(),
            auth_data.password.decode(),
        )
        # handled=False: aiosmtpd then answers 535 itself (with True it would say nothing).
        return AuthResult(success=ok, handled=False)

    def script(self, *replies: str) -> Self:
        """Answer the next DATA commands with these replies instead of accepting."""
        self.replies.extend(replies)
        return self

    async def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        """The first ``count`` messages, once they have arrived (AssertionError after timeout)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.messages)} of {count} emails arrived in time")
            await asyncio.sleep(0.01)
        return self.messages[:count]

    def start(self) -> Self:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
