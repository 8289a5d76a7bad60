from __future__ import annotations

from typing import Any

from bot.service.api import Call, NoBody, NoQuery
from bot.service.errors import ApiError
from bot.service.models import PhaseUpdate, UserOut, UserUpdate
from bot.service.routes import api
from bot.service.state import SERVICES


@api.route(
    "GET", "/users/me", response=UserOut, summary="Your profile", tags=("users",), errors=(401,)
)
async def get_me(call: Call[NoBody, NoQuery]) -> UserOut:
    return UserOut.of(call.me)


@api.route(
    "PUT",
    "/users/me",
    body=UserUpdate,
    response=UserOut,
    summary="Change your name, time zone, units, reminder time, quiet hours or channels",
    tags=("users",),
    errors=(401, 422),
)
async def update_me(call: Call[UserUpdate, NoQuery]) -> UserOut:
    changes = call.body.model_dump(exclude_none=True, mode="json")
    if not changes:
        return UserOut.of(call.me)
    return await _save(call, changes)


@api.route(
    "PATCH",
    "/users/me/phase",
    body=PhaseUpdate,
    response=UserOut,
    summary="Move between goal setting and tracking",
    tags=("users",),
    errors=(401, 422),
)
async def set_phase(call: Call[PhaseUpdate, NoQuery]) -> UserOut:
    return await _save(call, {"phase": call.body.phase})


async def _save(call: Call[Any, NoQuery], changes: dict[str, Any]) -> UserOut:
    services = call.request.app[SERVICES]
    user = await services.users.update(call.me.user_id, changes, services.clock())
    if user is None:  # deleted between authentication and now
        raise ApiError(404, "not_found", "This account no longer exists.")
    return UserOut.of(user)
