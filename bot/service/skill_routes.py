"""Mounts the REST routes skills declare (``Skill.routes()``) beside the core's.

A skill never sees aiohttp: its handler gets a :class:`~bot.skill.RouteCall` with the validated
input and a ``SkillContext`` for the caller, the same context a chat turn gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiohttp import web

from bot.engine import Engine
from bot.service.api import Api, Call, Endpoint, Result
from bot.service.errors import ApiError
from bot.skill import Download, Route, RouteCall, Skill


def with_skill_routes(core: Api, engine: Engine, admin_emails: Sequence[str]) -> Api:
    """The core API plus every installed skill's routes, as one API for one app."""
    combined = Api(core.prefix)
    combined.endpoints = list(core.endpoints)
    taken = {(e.method, e.path) for e in combined.endpoints}
    admins = {email.lower() for email in admin_emails}
    for skill in engine.skills:
        for route in skill.routes():
            key = (route.method, route.path)
            if key in taken:
                raise ValueError(f"skill {skill.name!r} declares {route.method} {route.path} twice")
            taken.add(key)
            combined.endpoints.append(_endpoint(skill, route, engine, admins))
    return combined


def _endpoint(skill: Skill, route: Route, engine: Engine, admins: set[str]) -> Endpoint:
    async def handler(call: Call[Any, Any]) -> Result:
        user = call.me
        is_admin = user.email.lower() in admins
        if route.admin and not is_admin:
            raise ApiError(403, "forbidden", "Only operators may call this route.")
        ctx = engine.context_for(skill, user.profile())
        result = await route.handler(
            RouteCall(body=call.body, query=call.query, path=call.path, ctx=ctx, is_admin=is_admin)
        )
        if isinstance(result, Download):
            return _download(result, route.status)
        return result

    handler.__name__ = f"{skill.name}_{route.handler.__name__}"
    errors = set(route.errors) | ({403} if route.admin else set())
    return Endpoint(
        method=route.method,
        path=route.path,
        handler=handler,
        summary=route.summary,
        body=route.body,
        query=route.query,
        response=route.response,
        status=route.status,
        auth=True,
        tags=(skill.name,),
        errors=tuple(sorted(errors)),
        description=route.description or (route.handler.__doc__ or "").strip(),
        media_type=route.media_type,
    )


def _download(download: Download, status: int) -> web.Response:
    headers = {}
    if download.filename:
        headers["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    media_type, _, charset = download.media_type.partition("; charset=")
    return web.Response(
        body=download.body,
        status=status,
        content_type=media_type,
        charset=charset or None,
        headers=headers,
    )
