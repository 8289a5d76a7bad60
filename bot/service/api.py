"""Typed routes: one declaration gives the handler validated input and the OpenAPI spec.

    @api.route("POST", "/auth/login", body=LoginBody, response=TokenResponse, auth=False)
    async def login(call: Call[LoginBody, NoQuery]) -> TokenResponse: ...

The wrapper parses and validates the JSON body and the query string with the declared pydantic
models, authenticates the caller, and serialises the response model — so handlers only ever see
valid input, and the spec at ``/api/v1/openapi.json`` cannot drift from the code.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from aiohttp import web
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.service.errors import ApiError, validation_error
from bot.service.users import User

B = TypeVar("B", bound=BaseModel)
Q = TypeVar("Q", bound=BaseModel)


class NoBody(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")


@dataclass
class Call(Generic[B, Q]):
    request: web.Request
    body: B
    query: Q
    user: User | None
    path: dict[str, str]

    @property
    def me(self) -> User:
        assert self.user is not None, "route declared auth=True"
        return self.user


Result = BaseModel | web.StreamResponse | None
HandlerFn = Callable[[Call[Any, Any]], Awaitable[Result]]
Authenticate = Callable[[web.Request], Awaitable[User]]


@dataclass
class Endpoint:
    method: str
    path: str
    handler: HandlerFn
    summary: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    auth: bool = True
    tags: tuple[str, ...] = ()
    errors: tuple[int, ...] = ()
    description: str = ""
    extra_responses: dict[int, str] = field(default_factory=dict)
    media_type: str | None = None
    """A non-JSON answer's type (the handler returns a web response of it)."""


class Api:
    def __init__(self, prefix: str = "/api/v1") -> None:
        self.prefix = prefix
        self.endpoints: list[Endpoint] = []

    def route(
        self,
        method: str,
        path: str,
        *,
        summary: str,
        body: type[BaseModel] | None = None,
        query: type[BaseModel] | None = None,
        response: type[BaseModel] | None = None,
        status: int = 200,
        auth: bool = True,
        tags: tuple[str, ...] = (),
        errors: tuple[int, ...] = (),
        description: str = "",
    ) -> Callable[[HandlerFn], HandlerFn]:
        def register(handler: HandlerFn) -> HandlerFn:
            self.endpoints.append(
                Endpoint(
                    method=method,
                    path=path,
                    handler=handler,
                    summary=summary,
                    body=body,
                    query=query,
                    response=response,
                    status=status,
                    auth=auth,
                    tags=tags,
                    errors=errors,
                    description=description or (handler.__doc__ or "").strip(),
                )
            )
            return handler

        return register

    def install(self, app: web.Application, authenticate: Authenticate) -> None:
        for endpoint in self.endpoints:
            app.router.add_route(
                endpoint.method, self.prefix + endpoint.path, _wrap(endpoint, authenticate)
            )


def _wrap(
    endpoint: Endpoint, authenticate: Authenticate
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handle(request: web.Request) -> web.StreamResponse:
        user = await authenticate(request) if endpoint.auth else None
        query = _parse(endpoint.query or NoQuery, dict(request.query), "query")
        body: BaseModel = NoBody()
        if endpoint.body is not None:
            body = await _body(endpoint.body, request)
        result = await endpoint.handler(
            Call(request=request, body=body, query=query, user=user, path=dict(request.match_info))
        )
        if isinstance(result, web.StreamResponse):
            return result
        if result is None:
            return web.Response(status=204 if endpoint.status == 200 else endpoint.status)
        return web.json_response(result.model_dump(mode="json"), status=endpoint.status)

    handle.__name__ = endpoint.handler.__name__
    return handle


async def _body(model: type[B], request: web.Request) -> B:
    """An empty request stands for ``{}`` when every field of the body is optional, so
    ``POST .../skip`` needs no body just to say nothing; otherwise it is a clear 400."""
    if not request.can_read_body:
        try:
            return model.model_validate({})
        except ValidationError:
            raise ApiError(400, "missing_body", "This endpoint needs a JSON body.") from None
    return _parse(model, await _json(request), "body")


async def _json(request: web.Request) -> Any:
    if request.content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    raw = await request.read()
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(400, "invalid_json", f"The body is not valid JSON: {exc}.") from None


def _parse(model: type[B], data: Any, where: str) -> B:
    if where == "body" and not isinstance(data, dict):
        raise ApiError(422, "invalid_request", "The body must be a JSON object.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, where) from None
