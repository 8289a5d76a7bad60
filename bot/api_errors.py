"""The error a request handler raises to answer with a 4xx: a stable machine ``code`` and a
sentence a client developer can show. Core routes and skill routes raise the same class; the
service turns it into the one error envelope ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    field: str
    message: str


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Sequence[ErrorDetail] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = list(details) if details else None
        self.headers = dict(headers or {})
