"""``coachbot serve``: the whole service as one supervised group.

With no configuration: the embedded MongoDB-wire server and an embedded Redis, a Celery worker
and beat as child processes, and the web app on 127.0.0.1:8080. With ``COACHBOT_REDIS_URL`` set
(production), worker and beat run as services of their own unless ``--with-worker`` is given.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import typer
from rich.console import Console

from bot.runtime import Runtime, open_runtime
from bot.settings import Settings
from bot.supervisor import Supervisor
from storage.redis import EmbeddedRedis


def serve(
    host: str = typer.Option(
        None, help="Address to listen on (default: COACHBOT_HOST, 127.0.0.1)."
    ),
    port: int = typer.Option(None, help="Port to listen on (default: COACHBOT_PORT, 8080)."),
    with_worker: bool = typer.Option(
        None,
        "--with-worker/--no-worker",
        help="Run a Celery worker and beat beside the app (default: only with embedded Redis).",
    ),
) -> None:
    """Run the service: web chat, REST API, socket.io, and background jobs."""
    overrides = {k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    settings = Settings().model_copy(update=overrides)
    from bot.logs import configure_logging

    configure_logging(settings)
    with (
        contextlib.suppress(KeyboardInterrupt),
        asyncio.Runner(loop_factory=_loop_factory()) as runner,
    ):
        runner.run(_serve(settings, with_worker))


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (Linux, macOS): the same asyncio, a faster event loop."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


@contextlib.asynccontextmanager
async def _redis(settings: Settings) -> AsyncIterator[tuple[str, bool]]:
    if settings.redis_url:
        yield settings.redis_url, False
        return
    with EmbeddedRedis(Path(settings.data_dir) / "redis") as redis:
        yield redis.url, True


async def _serve(settings: Settings, with_worker: bool | None) -> None:
    # The service stack loads only here, so `coachbot chat` and friends start quickly.
    from aiohttp import web

    from bot.service.app import create_app
    from bot.service.metrics import watch_store
    from bot.service.welcome import welcome_sender

    watch_store()

    console = Console(stderr=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    supervisor = Supervisor()
    async with _redis(settings) as (redis_url, embedded_redis), open_runtime(settings) as runtime:
        if with_worker if with_worker is not None else embedded_redis:
            env = _child_env(settings, runtime, redis_url)
            for role in ("worker", "beat"):
                await supervisor.start(role, [sys.executable, "-m", "bot.cli.main", role], env)
        app = await create_app(
            runtime,
            settings,
            redis_url=redis_url,
            send_welcome=welcome_sender(settings),
            single_process=embedded_redis,  # an embedded Redis means no other api process
        )
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, settings.host, settings.port).start()
            where = f"http://{settings.host}:{settings.port}/"
            console.print(f"[bold cyan]coachbot[/] is running — open [bold]{where}[/] to chat.")
            console.print(
                f"[dim]store: {'embedded' if runtime.database.embedded else 'MongoDB'} · "
                f"redis: {'embedded' if embedded_redis else 'configured'} · "
                f"jobs: {'worker + beat' if supervisor.children else 'external'} · "
                f"API docs: {where}api/v1/docs · Ctrl-C stops everything[/]"
            )
            await stop.wait()
            console.print("[dim]Stopping…[/]")
        finally:
            await runner.cleanup()
            await supervisor.stop()


def _child_env(settings: Settings, runtime: Runtime, redis_url: str) -> dict[str, str]:
    """Children share our embedded services instead of starting their own."""
    env = {
        "COACHBOT_REDIS_URL": redis_url,
        "COACHBOT_DATA_DIR": str(Path(settings.data_dir).resolve()),
    }
    if runtime.database.embedded is not None:
        env["COACHBOT_MONGODB_URL"] = runtime.database.embedded.url
    return env
