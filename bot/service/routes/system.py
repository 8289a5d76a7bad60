"""Liveness, readiness, metrics and the API reference: operator-facing, outside ``/api/v1``."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.service.metrics import REGISTRY
from bot.service.state import SERVICES

READY_TIMEOUT = 2.0


async def health(request: web.Request) -> web.Response:
    """The process is up and serving."""
    return web.json_response({"status": "ok"})


async def ready(request: web.Request) -> web.Response:
    """MongoDB and Redis answer: safe to send traffic here."""
    services = request.app[SERVICES]

    async def check(name: str, probe: Any) -> tuple[str, str]:
        try:
            await asyncio.wait_for(probe, READY_TIMEOUT)
            return name, "ok"
        except Exception as exc:
            return name, f"unavailable: {type(exc).__name__}"

    results = dict(
        await asyncio.gather(
            check("mongodb", services.runtime.database.client.admin.command("ping")),
            check("redis", services.redis.ping()),
        )
    )
    ok = all(v == "ok" for v in results.values())
    return web.json_response(
        {"status": "ok" if ok else "unavailable", "checks": results}, status=200 if ok else 503
    )


async def metrics(request: web.Request) -> web.Response:
    body = generate_latest(REGISTRY)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
