"""The service as separate processes: two api processes, a Celery worker, and `coachbot serve`."""

from __future__ import annotations

import asyncio
import secrets
import signal
import uuid
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import aiohttp
import pytest
import socketio
from aiosmtpd.controller import Controller

from bot.jobs import configure, push_to_user
from bot.settings import Settings
from storage.embedded import free_port
from tests.service.helpers import register
from tests.service.processes import coachbot_env, processes_with, start, stop, wait_ready


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, controller.port
    controller.stop()


@pytest.fixture
async def cluster(mongo, redis_url, tmp_path: Path, inbox):
    """Two api processes and one worker sharing MongoDB and Redis, mail to the SMTP sink."""
    box, smtp_port = inbox
    env = coachbot_env(
        mongodb_url=mongo.url,
        mongodb_database=f"cluster_{uuid.uuid4().hex[:8]}",
        redis_url=redis_url,
        data_dir=str(tmp_path),
        jwt_secret=secrets.token_urlsafe(40),
        smtp_host="127.0.0.1",
        smtp_port=str(smtp_port),
        smtp_starttls="false",
        min_seconds_between_turns="0",
        auth_attempts_per_minute="1000",
    )
    ports = [free_port(), free_port()]
    apis = [
        start(
            "serve",
            "--no-worker",
            "--port",
            str(port),
            env=env,
            cwd=tmp_path,
            log=tmp_path / f"api{port}.log",
        )
        for port in ports
    ]
    worker = start(
        "worker", "--concurrency", "1", env=env, cwd=tmp_path, log=tmp_path / "worker.log"
    )
    try:
        for port, process in zip(ports, apis, strict=True):
            await wait_ready(f"http://127.0.0.1:{port}", process, tmp_path / f"api{port}.log")
        yield [f"http://127.0.0.1:{port}" for port in ports], box, env, tmp_path
    finally:
        for process in [*apis, worker]:
            stop(process)


async def listen(
    base_url: str, token: str
) -> tuple[socketio.AsyncClient, asyncio.Queue[tuple[str, dict]]]:
    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()
    for name in ("response", "push"):
        client.on(name, lambda data, name=name: received.put_nowait((name, data)))
    await client.connect(base_url, auth={"token": token}, transports=["websocket"], wait_timeout=10)
    return client, received


async def next_event(received: asyncio.Queue[tuple[str, dict]], name: str) -> dict:
    while True:
        event, data = await asyncio.wait_for(received.get(), 20)
        if event == name:
            return data


async def test_a_turn_on_one_api_process_reaches_a_socket_on_the_other(cluster) -> None:
    (first, second), _, _, _ = cluster
    async with aiohttp.ClientSession() as http:
        account = await register(http, first)
        client, received = await listen(second, account.token)
        try:
            async with http.post(
                f"{first}/api/v1/chat",
                json={"text": "hi", "conversation_id": "x"},
                headers=account.auth,
            ) as response:
                turn = await response.json()
            event = await next_event(received, "response")
            assert event["turn_id"] == turn["turn_id"] and event["type"] == "final"
        finally:
            await client.disconnect()


async def test_a_celery_task_pushes_to_the_user_on_any_api_process(cluster) -> None:
    (first, second), _, env, tmp_path = cluster
    async with aiohttp.ClientSession() as http:
        account = await register(http, first)
    client, received = await listen(second, account.token)
    try:
        configure(Settings(redis_url=env["COACHBOT_REDIS_URL"], data_dir=tmp_path))
        payload = {
            "message": {
                "text": "You're 8% behind pace. A 3.2 km ruck today puts you back on track."
            }
        }
        await asyncio.to_thread(push_to_user.delay, account.user["id"], "push", payload)
        assert await next_event(received, "push") == payload
    finally:
        await client.disconnect()


async def test_registering_sends_the_welcome_email_through_the_worker(cluster) -> None:
    (first, _), box, _, _ = cluster
    async with aiohttp.ClientSession() as http:
        account = await register(http, first, name="Ana")
    for _ in range(100):
        if box.messages:
            break
        await asyncio.sleep(0.2)
    assert box.messages, "no welcome email reached the SMTP sink"
    mail = message_from_bytes(box.messages[0])
    assert mail["To"] == account.email and "Welcome" in mail["Subject"]
    parts = {part.get_content_type() for part in mail.walk()}
    assert {"text/plain", "text/html"} <= parts


async def test_serve_runs_everything_embedded_and_ctrl_c_stops_it_all(tmp_path: Path) -> None:
    port = free_port()
    marker = f"serve-{uuid.uuid4().hex}"
    env = coachbot_env(data_dir=str(tmp_path / "var"), port=str(port)) | {
        "COACHBOT_TEST_MARKER": marker
    }
    log = tmp_path / "serve.log"
    process = start("serve", env=env, cwd=tmp_path, log=log)
    try:
        await wait_ready(f"http://127.0.0.1:{port}", process, log)
        async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/") as page:
            assert page.status == 200 and "<html" in (await page.text()).lower()
        for _ in range(100):  # serve, mongo, redis, then worker and beat
            if len(processes_with(marker)) >= 5:
                break
            await asyncio.sleep(0.2)
        assert len(processes_with(marker)) >= 5, log.read_text()[-2000:]  # + worker, beat
        assert f"http://127.0.0.1:{port}/" in log.read_text()
    finally:
        code = stop(process, signal.SIGINT)
    assert code == 0, log.read_text()[-2000:]
    await asyncio.sleep(0.5)
    assert processes_with(marker) == [], "children outlived coachbot serve"
