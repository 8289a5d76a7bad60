"""One error envelope for every failure: ``{"error": {"code", "message", "details"?}}``.

Client developers get a stable machine ``code`` and a sentence they can show; a bad request is
never a 500, and an unexpected failure never leaks internals.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ValidationError

from bot.api_errors import ApiError, ErrorDetail

__all__ = [
    "ApiError",
    "ErrorBody",
    "ErrorDetail",
    "ErrorResponse",
    "error_middleware",
    "error_response",
    "validation_error",
]

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


def error_response(error: ApiError) -> web.Response:
    body = ErrorResponse(
        error=ErrorBody(code=error.code, message=error.message, details=error.details)
    )
    return web.json_response(
        body.model_dump(mode="json", exclude_none=True), status=error.status, headers=error.headers
    )


def validation_error(exc: ValidationError, where: str) -> ApiError:
    details = [
        ErrorDetail(
            field=".".join([where, *(str(p) for p in err["loc"])]).strip("."),
            # pydantic prefixes a validator's own sentence with its error type; clients want
            # the sentence
            message=str(err["msg"]).removeprefix("Value error, "),
        )
        for err in exc.errors(include_url=False)
    ]
    first = details[0]
    return ApiError(422, "invalid_request", f"{first.field}: {first.message}", details=details)


_HTTP_CODES = {
    400: ("bad_request", "The request could not be understood."),
    401: ("unauthorized", "Sign in first: send 'Authorization: Bearer <token>'."),
    403: ("forbidden", "You may not do that."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept that method."),
    413: ("payload_too_large", "The request body is too large."),
    415: ("unsupported_media_type", "Send the body as application/json."),
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_BODY_BYTES: web.AppKey[int] = web.AppKey("max_body_bytes", int)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return error_response(exc)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code, message = _HTTP_CODES.get(exc.status, ("http_error", exc.reason))
        if exc.status == 413:
            message = (
                f"The request body is larger than the {request.app[MAX_BODY_BYTES]} bytes allowed."
            )
        headers: dict[str, Any] = {k: v for k, v in exc.headers.items() if k.lower() == "allow"}
        return error_response(ApiError(exc.status, code, message, headers=headers))
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(
            ApiError(500, "internal", "Something went wrong on our side. Please try again.")
        )
