"""Collections and their indexes, declared by the code that owns them and applied at start-up.

Every query a user can trigger must be served by an index; declaring indexes beside the store
that issues the queries keeps the two in step. Collection names are snake_case without dots
(the embedded server's limit).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

_COLLECTION_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")

IndexKey = tuple[str, int]


@dataclass(frozen=True)
class IndexSpec:
    keys: tuple[IndexKey, ...]
    unique: bool = False
    expire_after_seconds: int | None = None
    """TTL: documents expire this long after the date in the single indexed field."""
    name: str | None = None

    def model(self) -> IndexModel:
        options: dict[str, Any] = {"unique": self.unique}
        if self.expire_after_seconds is not None:
            options["expireAfterSeconds"] = self.expire_after_seconds
        if self.name:
            options["name"] = self.name
        return IndexModel(list(self.keys), **options)


@dataclass(frozen=True)
class CollectionSpec:
    name: str
    indexes: tuple[IndexSpec, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not _COLLECTION_NAME.match(self.name):
            raise ValueError(
                f"collection name {self.name!r} must be snake_case letters, digits and _"
            )
        for index in self.indexes:
            if not index.keys:
                raise ValueError(f"an index of {self.name!r} has no keys")


def index(*fields: str | IndexKey, unique: bool = False, ttl: int | None = None) -> IndexSpec:
    """Shorthand: ``index("user_id", ("created_at", -1), unique=True)``."""
    keys = tuple(f if isinstance(f, tuple) else (f, ASCENDING) for f in fields)
    return IndexSpec(keys=keys, unique=unique, expire_after_seconds=ttl)


def merge_specs(groups: Iterable[Sequence[CollectionSpec]]) -> list[CollectionSpec]:
    """One spec per collection; two owners declaring the same collection is a programming error."""
    merged: dict[str, CollectionSpec] = {}
    for group in groups:
        for spec in group:
            if spec.name in merged and merged[spec.name] != spec:
                raise ValueError(f"collection {spec.name!r} is declared twice with different specs")
            merged[spec.name] = spec
    return sorted(merged.values(), key=lambda s: s.name)


async def apply_specs(db: AsyncDatabase[Any], specs: Sequence[CollectionSpec]) -> None:
    async def apply(spec: CollectionSpec) -> None:
        if spec.indexes:
            await db[spec.name].create_indexes([i.model() for i in spec.indexes])

    await asyncio.gather(*(apply(spec) for spec in specs))
