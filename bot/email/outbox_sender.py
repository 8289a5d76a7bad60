"""The development default: each email becomes an ``.eml`` file in ``data_dir/outbox``.

Any mail client opens the files, so a developer sees exactly what a user would get, and nothing
leaves the machine. Files are written whole and then renamed, so a watcher never reads half
an email.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bot.email.errors import EmailError
from bot.email.message import Email, mime_message

log = logging.getLogger(__name__)


class OutboxSender:
    def __init__(self, directory: Path, sender: str) -> None:
        self.directory = Path(directory)
        self.sender = sender

    async def send(self, email: Email) -> str:
        """Write the email; return the path of its file."""
        data = mime_message(email, self.sender).as_bytes()
        try:
            path = await asyncio.to_thread(self._write, data)
        except OSError as exc:
            raise EmailError(False, f"cannot write to the outbox {self.directory}: {exc}") from exc
        log.info("email to %s written to %s", email.masked_to, path)
        return str(path)

    def _write(self, data: bytes) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        partial = path.with_suffix(".part")
        partial.write_bytes(data)
        os.replace(partial, path)
        return path
