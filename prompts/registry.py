"""Versioned prompt templates and their JSON schemas, loaded from data files.

A prompt is picked by id and version — the version a client or remote config names — so a new
wording ships as a new file beside the old one and can be rolled back without a deploy. Each
prompt carries a content hash that the audit records with every LLM call.

Layout of a prompt directory::

    <dir>/<prompt_id>/v<N>.toml          id, version, description, system, user, [output]
    <dir>/<prompt_id>/v<N>.schema.json   the JSON Schema of the output, when output = "json"
"""

from __future__ import annotations

import hashlib
import json
import re
import string
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from guardrails import check_schema_is_strict

LIBRARY = Path(__file__).parent / "library"
_FILE = re.compile(r"^v(\d+)\.toml$")


class PromptError(LookupError):
    """A prompt is missing, malformed, or asked for with variables it does not know."""


@dataclass(frozen=True)
class PromptRef:
    id: str
    version: int
    hash: str


@dataclass(frozen=True)
class RenderedPrompt:
    ref: PromptRef
    system: str
    user: str
    schema: Mapping[str, Any] | None
    max_tokens: int
    temperature: float


@dataclass(frozen=True)
class Prompt:
    id: str
    version: int
    description: str
    system: str
    user: str
    output: Literal["json", "text"]
    schema: Mapping[str, Any] | None = None
    max_tokens: int = 512
    temperature: float = 0.2
    variables: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def content_hash(self) -> str:
        content = json.dumps(
            {"system": self.system, "user": self.user, "schema": self.schema},
            sort_keys=True,
            ensure_ascii=False,
        )
        return "sha256:" + hashlib.sha256(content.encode()).hexdigest()[:16]

    @property
    def ref(self) -> PromptRef:
        return PromptRef(self.id, self.version, self.content_hash)

    def render(self, variables: Mapping[str, Any]) -> RenderedPrompt:
        """Fills ``$name`` placeholders; non-string values are written as JSON.

        Unknown or missing variables are errors: a typo must not silently send a prompt with a
        hole in it.
        """
        given = set(variables)
        if missing := self.variables - given:
            raise PromptError(f"prompt {self.id} v{self.version} needs {sorted(missing)}")
        if extra := given - self.variables:
            raise PromptError(f"prompt {self.id} v{self.version} has no variables {sorted(extra)}")
        values = {
            name: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            for name, value in variables.items()
        }
        return RenderedPrompt(
            ref=self.ref,
            system=string.Template(self.system).substitute(values),
            user=string.Template(self.user).substitute(values),
            schema=self.schema,
            max_tokens=self.max_tokens,
            temperature=self.temperature,
        )


def _placeholders(*templates: str) -> frozenset[str]:
    names: set[str] = set()
    for template in templates:
        for match in string.Template.pattern.finditer(template):
            name = match.group("named") or match.group("braced")
            if name:
                names.add(name)
    return frozenset(names)


def load_prompt(path: Path) -> Prompt:
    match = _FILE.match(path.name)
    if not match:
        raise PromptError(f"{path}: prompt files are named v<N>.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"{path}: {exc}") from exc
    version = int(match.group(1))
    prompt_id = path.parent.name
    if data.get("id", prompt_id) != prompt_id or int(data.get("version", version)) != version:
        raise PromptError(f"{path}: id/version inside the file disagree with its path")
    output = data.get("output", "json")
    if output not in ("json", "text"):
        raise PromptError(f"{path}: output must be 'json' or 'text'")
    schema: Mapping[str, Any] | None = None
    if output == "json":
        schema_path = path.with_name(f"v{version}.schema.json")
        try:
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise PromptError(f"{schema_path}: {exc}") from exc
        try:
            check_schema_is_strict(schema)
        except ValueError as exc:
            raise PromptError(f"{schema_path}: {exc}") from exc
    system, user = str(data.get("system", "")), str(data.get("user", ""))
    if not system.strip():
        raise PromptError(f"{path}: system prompt is empty")
    return Prompt(
        id=prompt_id,
        version=version,
        description=str(data.get("description", "")),
        system=system,
        user=user,
        output=output,
        schema=schema,
        max_tokens=int(data.get("max_tokens", 512)),
        temperature=float(data.get("temperature", 0.2)),
        variables=_placeholders(system, user),
    )


class PromptRegistry:
    """All prompts known to this process, by id and version."""

    def __init__(self, prompts: Iterable[Prompt] = ()) -> None:
        self._prompts: dict[tuple[str, int], Prompt] = {}
        for prompt in prompts:
            self.add(prompt)

    @classmethod
    def from_dirs(cls, *dirs: Path) -> PromptRegistry:
        registry = cls()
        for directory in dirs:
            registry.add_dir(directory)
        return registry

    def add(self, prompt: Prompt) -> None:
        key = (prompt.id, prompt.version)
        existing = self._prompts.get(key)
        if existing is not None and existing.content_hash != prompt.content_hash:
            raise PromptError(f"prompt {prompt.id} v{prompt.version} is defined twice")
        self._prompts[key] = prompt

    def add_dir(self, directory: Path) -> None:
        for path in sorted(Path(directory).glob("*/v*.toml")):
            self.add(load_prompt(path))

    def versions(self, prompt_id: str) -> list[int]:
        return sorted(v for (pid, v) in self._prompts if pid == prompt_id)

    def get(self, prompt_id: str, version: int | str | None = None) -> Prompt:
        """The requested version, or the newest when ``version`` is None ("v2" and 2 both work)."""
        versions = self.versions(prompt_id)
        if not versions:
            raise PromptError(f"no prompt named {prompt_id!r}")
        if version is None:
            return self._prompts[(prompt_id, versions[-1])]
        number = _parse_version(version)
        if number not in versions:
            raise PromptError(
                f"prompt {prompt_id!r} has no version {version!r}; known: "
                + ", ".join(f"v{v}" for v in versions)
            )
        return self._prompts[(prompt_id, number)]

    def __iter__(self) -> Iterator[Prompt]:
        return iter(sorted(self._prompts.values(), key=lambda p: (p.id, p.version)))

    def __len__(self) -> int:
        return len(self._prompts)


def _parse_version(version: int | str) -> int:
    if isinstance(version, int):
        return version
    text = version.strip().lower().removeprefix("v")
    if not text.isdigit():
        raise PromptError(f"prompt version {version!r} is not like 'v1' or 1")
    return int(text)
