"""Chat turn throughput and latency over socket.io on the embedded stack.

Starts ``coachbot serve`` (embedded MongoDB-wire server and Redis, no worker) in its own
process, signs up N users, connects N socket.io clients and has each send T turns one after the
other. In the same run it measures a bare python-socketio echo server with the same clients, as
the floor to compare latency against. Prints turns/s, p50/p99 turn latency, the echo p50/p99 and
the store round trips per turn (from the service's /metrics).

    .venv/bin/python bench/turns.py                 # 200 clients x 10 turns
    .venv/bin/python bench/turns.py --clients 50 --turns 20 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import socketio

MESSAGES = [
    "hi",
    "What can you do?",
    "I want to ruck 50 km this month with a 20 lb pack",
    "SELECT * FROM users WHERE 1=1",
    "can you help me plan my week of running",
]
BUDGET_TURNS_PER_SECOND = 250
BUDGET_P99_RATIO = 5.0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def store_commands(http: aiohttp.ClientSession, base: str) -> float:
    async with http.get(f"{base}/metrics") as response:
        text = await response.text()
    return sum(
        float(v) for v in re.findall(r"^coachbot_store_commands_total\{[^}]*\} (\S+)$", text, re.M)
    )


async def wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(300):
            if process.poll() is not None:
                raise SystemExit("the service exited during start-up")
            try:
                async with http.get(f"{base}/ready") as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the service did not become ready")


async def wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit("the echo server exited during start-up")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise SystemExit("the echo server did not start")


async def sign_up(http: aiohttp.ClientSession, base: str, n: int) -> list[str]:
    limiter = asyncio.Semaphore(16)

    async def one(i: int) -> str:
        async with (
            limiter,
            http.post(
                f"{base}/api/v1/auth/register",
                json={
                    "email": f"bench{i}-{uuid.uuid4().hex[:6]}@example.com",
                    "password": "bench password",
                },
            ) as r,
        ):
            return str((await r.json())["access_token"])

    return await asyncio.gather(*(one(i) for i in range(n)))


class ChatClient:
    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.waiting: dict[str, asyncio.Future[None]] = {}
        self.sio.on("response", self._on_response)
        self.sio.on("error", self._on_error)

    async def _on_response(self, data: dict) -> None:
        if data.get("type") == "final":
            future = self.waiting.pop(data.get("client_id") or "", None)
            if future and not future.done():
                future.set_result(None)

    async def _on_error(self, data: dict) -> None:
        future = self.waiting.pop(data.get("client_id") or "", None)
        if future and not future.done():
            future.set_exception(RuntimeError(f"error event: {data}"))

    async def turn(self, text: str) -> float:
        client_id = uuid.uuid4().hex
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiting[client_id] = future
        started = time.perf_counter()
        await self.sio.emit(
            "message", {"text": text, "conversation_id": "bench", "client_id": client_id}
        )
        await asyncio.wait_for(future, 60)
        return time.perf_counter() - started


async def run_turns(base: str, clients: int, turns: int) -> dict[str, float]:
    async with aiohttp.ClientSession() as http:
        print(f"signing up {clients} users…", file=sys.stderr)
        tokens = await sign_up(http, base, clients)
        chats = [ChatClient() for _ in tokens]
        print(f"connecting {clients} socket.io clients…", file=sys.stderr)
        await asyncio.gather(
            *(
                c.sio.connect(base, auth={"token": t}, transports=["websocket"])
                for c, t in zip(chats, tokens, strict=True)
            )
        )
        await asyncio.gather(*(c.turn("hi") for c in chats))  # warm up
        before = await store_commands(http, base)
        print(f"running {clients} x {turns} turns…", file=sys.stderr)

        async def drive(index: int, chat: ChatClient) -> list[float]:
            return [await chat.turn(MESSAGES[(index + n) % len(MESSAGES)]) for n in range(turns)]

        started = time.perf_counter()
        latencies = [
            x
            for per in await asyncio.gather(*(drive(i, c) for i, c in enumerate(chats)))
            for x in per
        ]
        elapsed = time.perf_counter() - started
        after = await store_commands(http, base)
        await asyncio.gather(*(c.sio.disconnect() for c in chats))
    total = clients * turns
    return {
        "turns": total,
        "seconds": round(elapsed, 3),
        "turns_per_second": round(total / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "store_round_trips_per_turn": round((after - before) / total, 2),
    }


def echo_server(port: int) -> None:
    """A bare python-socketio server on aiohttp that answers every message: the floor."""
    from aiohttp import web

    sio = socketio.AsyncServer(async_mode="aiohttp")
    app = web.Application()
    sio.attach(app)

    @sio.on("message")
    async def message(sid: str, data: dict) -> None:
        await sio.emit("response", {"type": "final", "client_id": data.get("client_id")}, to=sid)

    web.run_app(app, host="127.0.0.1", port=port, print=None)


async def run_echo(base: str, clients: int, turns: int) -> dict[str, float]:
    chats = [ChatClient() for _ in range(clients)]
    await asyncio.gather(*(c.sio.connect(base, transports=["websocket"]) for c in chats))
    await asyncio.gather(*(c.turn("hi") for c in chats))

    async def drive(chat: ChatClient) -> list[float]:
        return [await chat.turn("hi") for _ in range(turns)]

    latencies = [x for per in await asyncio.gather(*(drive(c) for c in chats)) for x in per]
    await asyncio.gather(*(c.sio.disconnect() for c in chats))
    return {
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
    }


def start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def main(args: argparse.Namespace) -> dict[str, object]:
    coachbot = str(Path(sys.executable).parent / "coachbot")
    with tempfile.TemporaryDirectory(prefix="coachbot-bench-") as scratch:
        port, echo_port = free_port(), free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("COACHBOT_")} | {
            "COACHBOT_DATA_DIR": scratch,
            "COACHBOT_PORT": str(port),
            "COACHBOT_MIN_SECONDS_BETWEEN_TURNS": "0",
            "COACHBOT_CHAT_TURNS_PER_MINUTE": "1000000",
            "COACHBOT_AUTH_ATTEMPTS_PER_MINUTE": "1000000",
            "COACHBOT_LOG_LEVEL": "WARNING",
        }
        service = start([coachbot, "serve", "--no-worker"], env, Path(scratch) / "serve.log")
        try:
            base = f"http://127.0.0.1:{port}"
            await wait_ready(base, service)
            turns = await run_turns(base, args.clients, args.turns)
        finally:
            stop(service)
        echo = start(
            [sys.executable, __file__, "--echo-server", str(echo_port)],
            env,
            Path(scratch) / "echo.log",
        )
        try:
            await wait_listening(echo_port, echo)
            echo_figures = await run_echo(f"http://127.0.0.1:{echo_port}", args.clients, args.turns)
        finally:
            stop(echo)
    ratio = turns["p99_ms"] / echo_figures["p99_ms"] if echo_figures["p99_ms"] else float("inf")
    return {
        "clients": args.clients,
        "turns_per_client": args.turns,
        **turns,
        "echo_p50_ms": echo_figures["p50_ms"],
        "echo_p99_ms": echo_figures["p99_ms"],
        "p99_vs_echo": round(ratio, 2),
        "budget": {
            "turns_per_second": BUDGET_TURNS_PER_SECOND,
            "p99_vs_echo": BUDGET_P99_RATIO,
            "met": turns["turns_per_second"] >= BUDGET_TURNS_PER_SECOND
            and ratio <= BUDGET_P99_RATIO,
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--echo-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.echo_server:
        echo_server(args.echo_server)
        raise SystemExit(0)
    result = asyncio.run(main(args))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        width = max(len(k) for k in result)
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
