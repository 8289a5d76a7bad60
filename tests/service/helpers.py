"""Small client helpers for service tests: register a fresh user, call the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import aiohttp


@dataclass
class Account:
    email: str
    password: str
    token: str
    user: dict[str, Any]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def register(http: aiohttp.ClientSession, base_url: str, **fields: Any) -> Account:
    email = fields.pop("email", f"{uuid.uuid4().hex[:10]}@example.com")
    password = fields.pop("password", "correct horse battery")
    async with http.post(
        f"{base_url}/api/v1/auth/register", json={"email": email, "password": password, **fields}
    ) as response:
        assert response.status == 201, await response.text()
        body = await response.json()
    return Account(email, password, body["access_token"], body["user"])
