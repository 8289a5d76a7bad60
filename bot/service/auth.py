"""Passwords (argon2) and access tokens (JWT, HS256).

Hashing is deliberately slow, so it runs in a worker thread: the event loop keeps serving chat
while someone logs in.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import datetime, timedelta
from pathlib import Path

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.settings import Settings

_hasher = PasswordHasher()
ALGORITHM = "HS256"


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    def check() -> bool:
        try:
            return _hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


class InvalidToken(Exception):
    """Missing, malformed, tampered with or expired."""


class TokenService:
    def __init__(self, secret: str, lifetime: timedelta) -> None:
        if len(secret) < 32:
            raise ValueError("the token signing secret must be at least 32 characters")
        self._secret = secret
        self.lifetime = lifetime

    def issue(self, user_id: str, now: datetime) -> str:
        claims = {"sub": user_id, "iat": now, "exp": now + self.lifetime}
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str, now: datetime) -> str:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["sub", "exp", "iat"], "verify_exp": False},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from None
        if claims["exp"] <= now.timestamp():  # our clock, not the machine's: tests control it
            raise InvalidToken("token expired")
        subject = claims["sub"]
        if not isinstance(subject, str) or not subject:
            raise InvalidToken("token has no subject")
        return subject


def signing_secret(settings: Settings) -> str:
    """The configured secret, or one generated once and kept (0600) in the data directory so
    tokens survive a restart of a development service."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    path = Path(settings.data_dir) / "jwt_secret"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(secret)
    return secret
