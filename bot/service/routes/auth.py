from __future__ import annotations

import logging

from bot.service.api import Call, NoQuery
from bot.service.auth import hash_password, verify_password
from bot.service.errors import ApiError
from bot.service.models import LoginBody, RegisterBody, TokenResponse, UserOut
from bot.service.routes import api
from bot.service.state import SERVICES, Services
from bot.service.users import EmailTaken, User

log = logging.getLogger(__name__)


def _token(services: Services, user: User) -> TokenResponse:
    token = services.tokens.issue(user.user_id, services.clock())
    return TokenResponse(
        access_token=token,
        expires_in=int(services.tokens.lifetime.total_seconds()),
        user=UserOut.of(user),
    )


@api.route(
    "POST",
    "/auth/register",
    body=RegisterBody,
    response=TokenResponse,
    status=201,
    auth=False,
    summary="Create an account and sign in",
    tags=("auth",),
    errors=(409, 422, 429),
)
async def register(call: Call[RegisterBody, NoQuery]) -> TokenResponse:
    """Creates the account, sends a welcome email in the background, and returns a token."""
    services = call.request.app[SERVICES]
    body = call.body
    await _limit_attempts(services, f"register:{call.request.remote}")
    try:
        user = await services.users.create(
            email=body.email,
            password_hash=await hash_password(body.password),
            name=body.name,
            tz=body.tz,
            now=services.clock(),
        )
    except EmailTaken:
        raise ApiError(
            409, "email_taken", "An account with this email already exists; sign in instead."
        ) from None
    try:
        await services.send_welcome(user)
    except Exception:  # the account exists; a late welcome email must not undo that
        log.exception("could not queue the welcome email for %s", user.user_id)
    return _token(services, user)


@api.route(
    "POST",
    "/auth/login",
    body=LoginBody,
    response=TokenResponse,
    auth=False,
    summary="Sign in with email and password",
    tags=("auth",),
    errors=(401, 422, 429),
)
async def login(call: Call[LoginBody, NoQuery]) -> TokenResponse:
    services = call.request.app[SERVICES]
    await _limit_attempts(services, f"login:{call.body.email.lower()}")
    found = await services.users.credentials(call.body.email)
    if found is None or not await verify_password(found[1], call.body.password):
        raise ApiError(401, "invalid_credentials", "Email or password is not right.")
    return _token(services, found[0])


async def _limit_attempts(services: Services, key: str) -> None:
    retry = await services.limiter.hit(key, services.settings.auth_attempts_per_minute)
    if retry:
        raise ApiError(
            429,
            "rate_limited",
            f"Too many attempts; try again in {int(retry)} s.",
            headers={"Retry-After": str(int(retry))},
        )
