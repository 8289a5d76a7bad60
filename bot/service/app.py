"""Builds the aiohttp application: REST API, socket.io, web chat page, health and metrics."""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

import socketio
from aiohttp import web
from aiohttp.typedefs import Middleware
from redis.asyncio import BlockingConnectionPool, Redis

from bot.jobs import SOCKETIO_CHANNEL, configure
from bot.logs import bound_context
from bot.runtime import Runtime, system_clock
from bot.service.auth import TokenService, signing_secret
from bot.service.errors import MAX_BODY_BYTES, error_middleware
from bot.service.metrics import HTTP_REQUESTS, HTTP_SECONDS
from bot.service.openapi import build_spec, docs_page
from bot.service.ratelimit import RateLimiter
from bot.service.redis_counters import RedisDailyCounters
from bot.service.redis_locks import RedisLocks
from bot.service.routes import api
from bot.service.routes.system import health, metrics, ready
from bot.service.skill_routes import with_skill_routes
from bot.service.socket import ChatNamespace
from bot.service.state import SERVICES, SendWelcome, Services
from bot.service.users import UserStore
from bot.settings import Settings
from bot.skill import Clock
from bot.web import STATIC_DIR
from storage.specs import apply_specs

VERSION = "0.1.0"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
REQUEST_ID: web.RequestKey[str] = web.RequestKey("request_id", str)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Gives every request an id (echoed in ``X-Request-ID``) and records its metrics."""
    request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
    request[REQUEST_ID] = request_id
    started = time.perf_counter()
    with bound_context(request_id=request_id):  # on every log line while handling it
        response = await handler(request)
    resource = request.match_info.route.resource
    route = resource.canonical if resource is not None else "unmatched"
    HTTP_REQUESTS.labels(request.method, route, str(response.status)).inc()
    HTTP_SECONDS.labels(route).observe(time.perf_counter() - started)
    response.headers["X-Request-ID"] = request_id
    return response


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path == "/" or request.path.startswith("/static/"):
        # The page's modules carry no version in their URLs: revalidate so a deploy is seen.
        headers.setdefault("Cache-Control", "no-cache")
    return response


def cors_middleware(origins: list[str]) -> Middleware:
    allowed = set(origins)

    @web.middleware
    async def cors(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is None or origin not in allowed:
            return await handler(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response: web.StreamResponse = web.Response(status=204)
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE"
            response.headers["Access-Control-Allow-Headers"] = (
                "Authorization, Content-Type, X-Request-ID"
            )
            response.headers["Access-Control-Max-Age"] = "600"
        else:
            response = await handler(request)
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        return response

    return cors


async def create_app(
    runtime: Runtime,
    settings: Settings,
    *,
    redis_url: str,
    send_welcome: SendWelcome,
    clock: Clock = system_clock,
    single_process: bool = False,
) -> web.Application:
    """The service on top of an open runtime; the caller owns the runtime's lifetime.

    ``single_process``: this is the only api process (the embedded stack), so conversation
    locks can stay in memory instead of taking a Redis lock per turn.
    """
    configure(settings.model_copy(update={"redis_url": redis_url}))  # jobs the api enqueues
    # A blocking pool waits for a free connection under bursts instead of failing the turn.
    redis = Redis(
        connection_pool=BlockingConnectionPool.from_url(redis_url, max_connections=64, timeout=10)
    )
    if not single_process:
        runtime.engine.locks = RedisLocks(redis)
    runtime.engine.counters = RedisDailyCounters(redis)
    manager = socketio.AsyncRedisManager(
        redis_url, channel=SOCKETIO_CHANNEL, redis_options={"max_connections": 1000}
    )
    sio = socketio.AsyncServer(
        async_mode="aiohttp",
        client_manager=manager,
        cors_allowed_origins=settings.cors_origins or [],
        max_http_buffer_size=settings.max_body_bytes,
        logger=False,
        engineio_logger=False,
    )
    users = UserStore(runtime.database.db)
    await apply_specs(runtime.database.db, UserStore.specs)
    services = Services(
        settings=settings,
        runtime=runtime,
        users=users,
        tokens=TokenService(
            signing_secret(settings), timedelta(minutes=settings.access_token_minutes)
        ),
        redis=redis,
        limiter=RateLimiter(redis, clock),
        clock=clock,
        sio=sio,
        send_welcome=send_welcome,
        single_process=single_process,
    )
    app = web.Application(
        middlewares=[
            request_context,
            security_headers,
            cors_middleware(settings.cors_origins),
            error_middleware,
        ],
        client_max_size=settings.max_body_bytes,
    )
    app[SERVICES] = services
    app[MAX_BODY_BYTES] = settings.max_body_bytes
    app_api = with_skill_routes(api, runtime.engine, settings.admin_emails)
    app_api.install(app, services.authenticate)
    spec = build_spec(app_api, title="coachbot", version=VERSION)
    docs = docs_page(spec)

    async def openapi(request: web.Request) -> web.Response:
        return web.json_response(spec)

    async def api_docs(request: web.Request) -> web.Response:
        response = web.Response(text=docs, content_type="text/html")
        response.headers["Content-Security-Policy"] = CSP.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
        return response

    async def index(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC_DIR / "index.html")

    app.router.add_get("/health", health)
    app.router.add_get("/ready", ready)
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/api/v1/openapi.json", openapi)
    app.router.add_get("/api/v1/docs", api_docs)
    app.router.add_get("/", index)
    app.router.add_static("/static", STATIC_DIR)
    sio.register_namespace(ChatNamespace(services))
    sio.attach(app)

    async def close(app: web.Application) -> None:
        await redis.aclose()

    app.on_cleanup.append(close)
    return app
