"""``coachbot worker`` and ``coachbot beat`` as operators run them: real processes.

These use the session's shared Redis, not the in-thread worker's, so the worker process here is
the only one taking their tasks.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
import typer
from celery import Celery
from typer.testing import CliRunner

from bot.cli.jobs import beat, worker
from bot.email import render_email
from storage.redis import celery_url
from tests.email.sink import SmtpSink

COACHBOT = Path(sys.executable).parent / "coachbot"


def cli() -> typer.Typer:
    app = typer.Typer()
    app.command()(worker)
    app.command()(beat)
    return app


@pytest.mark.parametrize("command", ["worker", "beat"])
def test_without_a_redis_url_it_says_what_to_do(command: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli(), [command], env={"COACHBOT_REDIS_URL": None, "COACHBOT_DATA_DIR": str(tmp_path)}
    )
    assert result.exit_code == 2
    assert (
        f"coachbot {command} needs COACHBOT_REDIS_URL; `coachbot serve` starts one for you"
        in result.output
    )


class Process:
    """A ``coachbot`` child process whose output goes to a log file we can wait on."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.log = cwd / f"{args[0]}.log"
        self._out: IO[bytes] = self.log.open("wb")
        self.popen = subprocess.Popen(
            [str(COACHBOT), *args], env=env, cwd=cwd, stdout=self._out, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.popen.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} from coachbot:\n{self.output()[-3000:]}")
            time.sleep(0.05)

    def stop(self) -> int:
        self.popen.terminate()  # warm shutdown: finish the current task, then exit
        try:
            return self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            return self.popen.wait()
        finally:
            self._out.close()


@pytest.fixture
def coachbot_env(redis_url: str, tmp_path: Path) -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("COACHBOT_")} | {
        "COACHBOT_REDIS_URL": redis_url,
        "COACHBOT_DATA_DIR": str(tmp_path),
        "COACHBOT_LOG_LEVEL": "INFO",
    }


@pytest.fixture
def producer(redis_url: str) -> Iterator[Celery]:
    """A separate client app: publishing must not depend on the process's own worker setup."""
    app = Celery(
        "producer",
        broker=celery_url(redis_url),
        backend=celery_url(redis_url),
        set_as_current=False,
    )
    app.conf.update(task_serializer="json", accept_content=["json"], task_default_queue="coachbot")
    yield app
    app.close()


async def test_the_worker_command_delivers_queued_email(
    coachbot_env: dict[str, str], producer: Celery, tmp_path: Path
) -> None:
    email = render_email("welcome", "ana@example.com", name="Ana", public_url="http://x.test")
    with SmtpSink() as sink:
        env = coachbot_env | {
            "COACHBOT_SMTP_HOST": sink.host,
            "COACHBOT_SMTP_PORT": str(sink.port),
            "COACHBOT_SMTP_STARTTLS": "false",
        }
        process = Process(["worker", "--concurrency", "1"], env, tmp_path)
        try:
            await asyncio.to_thread(process.wait_for, "ready.")
            result: Any = producer.send_task(
                "coachbot.send_email", kwargs={"email": email.model_dump(mode="json")}
            )
            message_id = await asyncio.to_thread(result.get, timeout=15)
            [received] = await sink.wait_for(1)
            assert received.message["Message-ID"] == message_id
        finally:
            assert process.stop() == 0
    output = process.output()
    assert "coachbot.send_email" in output and "concurrency: 1 (prefork)" in output


async def test_the_beat_command_starts_with_its_state_in_the_data_dir(
    coachbot_env: dict[str, str], tmp_path: Path
) -> None:
    process = Process(["beat"], coachbot_env, tmp_path)
    try:
        await asyncio.to_thread(process.wait_for, "beat: Starting...")
        await asyncio.to_thread(wait_for_file, tmp_path / "beat", "schedule*")
    finally:
        process.stop()
    assert not await asyncio.to_thread(found, tmp_path, "celerybeat-schedule*")  # not in cwd


def found(directory: Path, pattern: str) -> list[Path]:
    return list(directory.glob(pattern))


def wait_for_file(directory: Path, pattern: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not found(directory, pattern):
        assert time.monotonic() < deadline, f"no {pattern} in {directory}"
        time.sleep(0.05)
