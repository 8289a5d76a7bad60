"""The REST API as a client developer meets it: happy paths, auth, isolation, bad input, limits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.service.app import cors_middleware
from storage.embedded import free_port
from tests.service.helpers import Account, register


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(
    http: aiohttp.ClientSession, method: str, url: str, **kwargs: Any
) -> tuple[int, Any, Any]:
    async with http.request(method, url, **kwargs) as response:
        body = (
            await response.json()
            if response.content_type == "application/json"
            else await response.text()
        )
        return response.status, body, response.headers


async def test_register_login_and_profile(http, service) -> None:
    account = await register(http, service.base_url, name="Ana", tz="Europe/Madrid")
    assert account.user["name"] == "Ana" and account.user["tz"] == "Europe/Madrid"
    assert account.email in service.welcomed
    status, body, _ = await call(
        http,
        "POST",
        f"{service.base_url}/api/v1/auth/login",
        json={"email": account.email.upper(), "password": account.password},
    )
    assert status == 200 and body["token_type"] == "bearer" and body["expires_in"] > 0
    status, me, _ = await call(
        http, "GET", f"{service.base_url}/api/v1/users/me", headers=account.auth
    )
    assert status == 200 and me["email"] == account.email and me["phase"] == "goal_setting"
    assert "password" not in repr(me)


async def test_profile_updates_and_phase(http, service) -> None:
    account = await register(http, service.base_url)
    url = f"{service.base_url}/api/v1/users/me"
    changes = {
        "units": "imperial",
        "reminder_time": "06:45",
        "quiet_hours": {"start": "22:00", "end": "06:30"},
        "channels": {"push": False, "email": True, "slack": False, "telegram": True},
    }
    status, me, _ = await call(http, "PUT", url, json=changes, headers=account.auth)
    assert status == 200
    assert (
        me["units"] == "imperial"
        and me["quiet_hours"]["end"] == "06:30"
        and me["channels"]["telegram"]
    )
    status, me, _ = await call(
        http, "PATCH", url + "/phase", json={"phase": "tracking"}, headers=account.auth
    )
    assert status == 200 and me["phase"] == "tracking"
    _, me, _ = await call(http, "GET", url, headers=account.auth)
    assert me["reminder_time"] == "06:45" and me["phase"] == "tracking"


async def test_chat_over_http_and_history(http, service) -> None:
    account = await register(http, service.base_url)
    url = f"{service.base_url}/api/v1/chat"
    status, turn, _ = await call(
        http, "POST", url, json={"text": "hi", "conversation_id": "c1"}, headers=account.auth
    )
    assert status == 200 and turn["outcome"] == "help" and "coachbot" in turn["message"]["text"]
    assert turn["message"]["chips"]
    status, turn, _ = await call(
        http,
        "POST",
        url,
        json={"text": "DROP TABLE users;", "conversation_id": "c1"},
        headers=account.auth,
    )
    assert turn["outcome"] == "refused" and turn["message"]["refused"]
    status, page, _ = await call(
        http,
        "GET",
        f"{service.base_url}/api/v1/chat/history?conversation_id=c1&limit=3",
        headers=account.auth,
    )
    assert status == 200
    roles = [m["role"] for m in page["messages"]]
    assert roles == ["bot", "user", "bot"]
    assert page["messages"][1]["redacted"] and page["messages"][1]["text"] is None
    assert page["next_before"] == page["messages"][-1]["seq"]
    status, rest, _ = await call(
        http,
        "GET",
        f"{service.base_url}/api/v1/chat/history?conversation_id=c1&before={page['next_before']}",
        headers=account.auth,
    )
    assert [m["text"] for m in rest["messages"]] == ["hi"] and rest["next_before"] is None
    status, _, _ = await call(
        http,
        "DELETE",
        f"{service.base_url}/api/v1/chat/history?conversation_id=c1",
        headers=account.auth,
    )
    assert status == 204
    _, empty, _ = await call(
        http,
        "GET",
        f"{service.base_url}/api/v1/chat/history?conversation_id=c1",
        headers=account.auth,
    )
    assert empty == {"messages": [], "next_before": None}


async def test_another_users_conversation_is_never_visible(http, service) -> None:
    ana, bob = await register(http, service.base_url), await register(http, service.base_url)
    await call(
        http,
        "POST",
        f"{service.base_url}/api/v1/chat",
        json={"text": "hi", "conversation_id": "shared"},
        headers=ana.auth,
    )
    _, seen, _ = await call(
        http,
        "GET",
        f"{service.base_url}/api/v1/chat/history?conversation_id=shared",
        headers=bob.auth,
    )
    assert seen["messages"] == []
    await call(
        http,
        "DELETE",
        f"{service.base_url}/api/v1/chat/history?conversation_id=shared",
        headers=bob.auth,
    )
    _, still, _ = await call(
        http,
        "GET",
        f"{service.base_url}/api/v1/chat/history?conversation_id=shared",
        headers=ana.auth,
    )
    assert len(still["messages"]) == 2


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/users/me"),
        ("PUT", "/api/v1/users/me"),
        ("PATCH", "/api/v1/users/me/phase"),
        ("POST", "/api/v1/chat"),
        ("GET", "/api/v1/chat/history"),
        ("DELETE", "/api/v1/chat/history"),
    ],
)
async def test_every_user_route_needs_a_valid_token(http, service, method, path) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"}):
        status, body, response_headers = await call(
            http, method, service.base_url + path, headers=headers, json={}
        )
        assert status == 401, (path, headers)
        assert body["error"]["code"] == "unauthorized" and body["error"]["message"]
        assert response_headers["WWW-Authenticate"] == "Bearer"


async def test_expired_tokens_are_refused(http, service) -> None:
    account = await register(http, service.base_url)
    from datetime import UTC, datetime, timedelta

    stale = service.services.tokens.issue(
        account.user["id"], datetime.now(UTC) - timedelta(days=30)
    )
    status, body, _ = await call(
        http,
        "GET",
        f"{service.base_url}/api/v1/users/me",
        headers={"Authorization": f"Bearer {stale}"},
    )
    assert status == 401 and "expired" in body["error"]["message"]


async def test_login_failures_say_the_same_thing(http, service) -> None:
    account = await register(http, service.base_url)
    url = f"{service.base_url}/api/v1/auth/login"
    wrong = await call(
        http, "POST", url, json={"email": account.email, "password": "nope nope nope"}
    )
    unknown = await call(
        http, "POST", url, json={"email": "ghost@example.com", "password": "nope nope nope"}
    )
    assert wrong[0] == unknown[0] == 401
    assert (
        wrong[1]
        == unknown[1]
        == {"error": {"code": "invalid_credentials", "message": "Email or password is not right."}}
    )


async def test_repeated_sign_in_attempts_are_slowed_down(http, service) -> None:
    account = await register(http, service.base_url)
    url = f"{service.base_url}/api/v1/auth/login"
    service.services.settings.auth_attempts_per_minute = 3
    try:
        results = [
            await call(http, "POST", url, json={"email": account.email, "password": "guess guess"})
            for _ in range(5)
        ]
    finally:
        service.services.settings.auth_attempts_per_minute = 10_000
    assert [r[0] for r in results[:3]] == [401, 401, 401]
    assert results[4][0] == 429 and results[4][1]["error"]["code"] == "rate_limited"
    assert int(results[4][2]["Retry-After"]) >= 1


async def test_duplicate_email_is_a_conflict(http, service) -> None:
    account = await register(http, service.base_url)
    status, body, _ = await call(
        http,
        "POST",
        f"{service.base_url}/api/v1/auth/register",
        json={"email": account.email.title(), "password": "another password"},
    )
    assert status == 409 and body["error"]["code"] == "email_taken"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "password": "long enough"}, "body.email"),
        ({"email": "a@b.co", "password": "short"}, "body.password"),
        ({"email": "a@b.co", "password": "long enough", "tz": "Mars/Olympus"}, "body.tz"),
        ({"email": "a@b.co", "password": "long enough", "admin": True}, "body.admin"),
        ({"email": "a@b.co"}, "body.password"),
    ],
)
async def test_invalid_bodies_name_the_field(http, service, body, field) -> None:
    status, answer, _ = await call(
        http, "POST", f"{service.base_url}/api/v1/auth/register", json=body
    )
    assert status == 422 and answer["error"]["code"] == "invalid_request"
    assert field in [d["field"] for d in answer["error"]["details"]]


async def test_malformed_requests_get_clear_4xx(http, service) -> None:
    account = await register(http, service.base_url)
    base = f"{service.base_url}/api/v1"
    cases = [
        (
            "POST",
            "/chat",
            {"data": b"{not json", "headers": {**account.auth, "Content-Type": "application/json"}},
            400,
            "invalid_json",
        ),
        (
            "POST",
            "/chat",
            {
                "data": b"text=hi",
                "headers": {**account.auth, "Content-Type": "application/x-www-form-urlencoded"},
            },
            415,
            "unsupported_media_type",
        ),
        ("POST", "/chat", {"headers": account.auth}, 400, "missing_body"),
        ("POST", "/chat", {"json": ["hi"], "headers": account.auth}, 422, "invalid_request"),
        ("POST", "/chat", {"json": {"text": ""}, "headers": account.auth}, 422, "invalid_request"),
        (
            "POST",
            "/chat",
            {"json": {"text": "hi", "conversation_id": "../etc"}, "headers": account.auth},
            422,
            "invalid_request",
        ),
        ("GET", "/chat/history?limit=0", {"headers": account.auth}, 422, "invalid_request"),
        ("GET", "/chat/history?limit=lots", {"headers": account.auth}, 422, "invalid_request"),
        (
            "PUT",
            "/users/me",
            {"json": {"reminder_time": "25:00"}, "headers": account.auth},
            422,
            "invalid_request",
        ),
        (
            "PATCH",
            "/users/me/phase",
            {"json": {"phase": "done"}, "headers": account.auth},
            422,
            "invalid_request",
        ),
        ("GET", "/nothing-here", {}, 404, "not_found"),
        ("DELETE", "/users/me", {"headers": account.auth}, 405, "method_not_allowed"),
    ]
    for method, path, kwargs, status, code in cases:
        got, body, _ = await call(http, method, base + path, **kwargs)
        assert (got, body["error"]["code"]) == (status, code), (method, path, body)
        assert body["error"]["message"]


async def test_oversized_bodies_are_refused(http, service) -> None:
    account = await register(http, service.base_url)
    huge = {"text": "x" * (service.settings.max_body_bytes + 10)}
    status, body, _ = await call(
        http, "POST", f"{service.base_url}/api/v1/chat", json=huge, headers=account.auth
    )
    assert status == 413 and body["error"]["code"] == "payload_too_large"


async def test_chat_is_rate_limited_per_user(http, service) -> None:
    ana, bob = await register(http, service.base_url), await register(http, service.base_url)
    limit = service.settings.chat_turns_per_minute
    url = f"{service.base_url}/api/v1/chat"

    async def send(account: Account, n: int) -> tuple[int, Any, Any]:
        return await call(
            http, "POST", url, json={"text": "hi", "conversation_id": f"r{n}"}, headers=account.auth
        )

    results = await asyncio.gather(*(send(ana, n) for n in range(limit + 3)))
    statuses = sorted(r[0] for r in results)
    if statuses.count(429) == 0:  # the minute rolled over mid-burst: try once more
        results = await asyncio.gather(*(send(ana, n) for n in range(limit + 3)))
        statuses = sorted(r[0] for r in results)
    limited = [r for r in results if r[0] == 429]
    assert limited, statuses
    assert limited[0][1]["error"]["code"] == "rate_limited"
    assert 1 <= int(limited[0][2]["Retry-After"]) <= 60
    assert (await send(bob, 0))[0] == 200  # one user's burst does not cost another user


async def test_health_ready_metrics_and_security_headers(http, service) -> None:
    status, body, headers = await call(http, "GET", f"{service.base_url}/health")
    assert status == 200 and body == {"status": "ok"}
    assert (
        headers["X-Content-Type-Options"] == "nosniff"
        and "default-src 'self'" in headers["Content-Security-Policy"]
    )
    assert headers["X-Request-ID"]
    status, body, _ = await call(http, "GET", f"{service.base_url}/ready")
    assert status == 200 and body["checks"] == {"mongodb": "ok", "redis": "ok"}
    await call(http, "GET", f"{service.base_url}/health")
    status, text, _ = await call(http, "GET", f"{service.base_url}/metrics")
    assert (
        status == 200
        and 'coachbot_http_requests_total{method="GET",route="/health",status="200"}' in text
    )


async def test_openapi_describes_every_route_and_the_docs_page_renders(http, service) -> None:
    status, spec, _ = await call(http, "GET", f"{service.base_url}/api/v1/openapi.json")
    assert status == 200 and spec["openapi"].startswith("3.")
    operations = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert {
        ("POST", "/api/v1/auth/register"),
        ("GET", "/api/v1/chat/history"),
        ("PATCH", "/api/v1/users/me/phase"),
    } <= operations
    register_op = spec["paths"]["/api/v1/auth/register"]["post"]
    assert register_op["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/RegisterBody"
    )
    assert "RegisterBody" in spec["components"]["schemas"]
    status, page, _ = await call(http, "GET", f"{service.base_url}/api/v1/docs")
    assert status == 200 and "/api/v1/chat/history" in page


async def test_cors_allows_only_configured_origins(http, service) -> None:
    _, _, headers = await call(
        http, "GET", f"{service.base_url}/health", headers={"Origin": "https://evil.example"}
    )
    assert "Access-Control-Allow-Origin" not in headers  # the service fixture allows no origin

    app = web.Application(middlewares=[cors_middleware(["https://app.example"])])

    async def ping(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app.router.add_get("/ping", ping)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        url = f"http://127.0.0.1:{port}/ping"
        _, _, allowed = await call(http, "GET", url, headers={"Origin": "https://app.example"})
        assert allowed["Access-Control-Allow-Origin"] == "https://app.example"
        status, _, preflight = await call(
            http,
            "OPTIONS",
            url,
            headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"},
        )
        assert status == 204 and "Authorization" in preflight["Access-Control-Allow-Headers"]
        _, _, other = await call(http, "GET", url, headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in other
    finally:
        await runner.cleanup()
