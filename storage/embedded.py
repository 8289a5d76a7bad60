"""The embedded MongoDB-wire server (nx-27017) as a supervised child process.

No MongoDB binary can be installed from the package registries, so development, tests and the
zero-configuration run all talk to nx-27017 through the real driver and the real wire protocol.
It runs in the foreground as our child, on a free loopback port, with its own ``--data-dir``;
stopping us stops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

from pymongo import AsyncMongoClient
from pymongo.errors import PyMongoError

SERVER_COMMAND = "nx-27017"


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be started or died."""


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _server_command() -> list[str]:
    if importlib.util.find_spec("nx_27017") is None:
        raise EmbeddedServerError(
            f"{SERVER_COMMAND} is not installed; install coachbot with pip or set "
            "COACHBOT_MONGODB_URL to a MongoDB server"
        )
    # Our launcher runs nx-27017 with a date-handling correction (see storage.nx_server).
    return [sys.executable, "-m", "storage.nx_server"]


class EmbeddedMongo:
    """Starts nx-27017 on ``data_dir``; use as ``async with EmbeddedMongo(path) as server``."""

    def __init__(self, data_dir: Path, *, host: str = "127.0.0.1", port: int | None = None):
        self.data_dir = Path(data_dir)
        self.host = host
        self.port = port or free_port(host)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"mongodb://{self.host}:{self.port}/?directConnection=true"

    @property
    def _pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    async def start(self, *, timeout: float = 20.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log_path = self.data_dir / "server.log"
        command = [
            *_server_command(),
            "--data-dir",
            str(self.data_dir),
            "--host",
            self.host,
            "-p",
            str(self.port),
            "--log-file",
            str(log_path),
            "--pid-file",
            str(self.data_dir / "server.pid"),
        ]
        with log_path.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: ASYNC220 - returns at once; we poll below
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # Ctrl-C in a terminal reaches us, not the server
            )
        await self._wait_until_ready(timeout, log_path)

    async def _wait_until_ready(self, timeout: float, log_path: Path) -> None:
        deadline = time.monotonic() + timeout
        client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(
            self.url, serverSelectionTimeoutMS=250, connectTimeoutMS=250
        )
        try:
            while True:
                if not self.running:
                    raise EmbeddedServerError(
                        f"{SERVER_COMMAND} exited during start-up; see {log_path}"
                    )
                try:
                    info = await client.admin.command("buildInfo")
                    if info.get("pid", self._pid) == self._pid:
                        return
                    # Someone else answers on this port: ours will fail to bind and exit.
                    self.stop()
                    raise EmbeddedServerError(
                        f"port {self.port} is already served by another process; see {log_path}"
                    )
                except PyMongoError:
                    if time.monotonic() > deadline:
                        self.stop()
                        raise EmbeddedServerError(
                            f"{SERVER_COMMAND} did not answer within {timeout:.0f} s; "
                            f"see {log_path}"
                        ) from None
                    await asyncio.sleep(0.05)
        finally:
            await client.close()

    def stop(self, *, grace: float = 5.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    async def __aenter__(self) -> EmbeddedMongo:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
