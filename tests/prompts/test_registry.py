"""Prompts are versioned data files selected by id + version, with a content hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prompts import LIBRARY, PromptError, PromptRegistry


def write_prompt(root: Path, pid: str, version: int, system: str, schema: dict | None) -> None:
    folder = root / pid
    folder.mkdir(parents=True, exist_ok=True)
    output = "json" if schema is not None else "text"
    (folder / f"v{version}.toml").write_text(
        f'description = "test"\noutput = "{output}"\nsystem = """{system}"""\nuser = "$message"\n'
    )
    if schema is not None:
        (folder / f"v{version}.schema.json").write_text(json.dumps(schema))


STRICT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title"],
    "properties": {"title": {"type": "string", "maxLength": 30}},
}


def test_library_prompts_load_and_have_strict_schemas() -> None:
    registry = PromptRegistry.from_dirs(LIBRARY)
    prompt = registry.get("scope_check")
    assert prompt.version == 1 and prompt.schema is not None
    assert prompt.variables == {"skills", "message"}


def test_select_by_version_latest_by_default(tmp_path: Path) -> None:
    write_prompt(tmp_path, "copy", 1, "Write copy. v1", STRICT)
    write_prompt(tmp_path, "copy", 2, "Write copy. v2", STRICT)
    registry = PromptRegistry.from_dirs(tmp_path)
    assert registry.get("copy").version == 2
    assert registry.get("copy", "v1").system.endswith("v1")
    assert registry.get("copy", 1).content_hash != registry.get("copy", 2).content_hash
    with pytest.raises(PromptError, match="known: v1, v2"):
        registry.get("copy", "v9")
    with pytest.raises(PromptError, match="no prompt named"):
        registry.get("nope")


def test_hash_is_stable_and_tracks_content(tmp_path: Path) -> None:
    write_prompt(tmp_path / "a", "copy", 1, "Same words.", STRICT)
    write_prompt(tmp_path / "b", "copy", 1, "Same words.", STRICT)
    write_prompt(tmp_path / "c", "copy", 1, "Other words.", STRICT)
    hashes = {PromptRegistry.from_dirs(tmp_path / d).get("copy").content_hash for d in "abc"}
    assert len(hashes) == 2


def test_render_fills_variables_and_rejects_unknown_ones(tmp_path: Path) -> None:
    write_prompt(tmp_path, "copy", 1, "Goal: $goal", STRICT)
    prompt = PromptRegistry.from_dirs(tmp_path).get("copy")
    rendered = prompt.render({"goal": {"km": 50}, "message": "hi"})
    assert rendered.system == 'Goal: {"km": 50}' and rendered.user == "hi"
    assert rendered.ref.hash == prompt.content_hash
    with pytest.raises(PromptError, match="needs"):
        prompt.render({"goal": 1})
    with pytest.raises(PromptError, match="no variables"):
        prompt.render({"goal": 1, "message": "x", "extra": 2})


def test_loose_schema_is_refused_at_load(tmp_path: Path) -> None:
    loose = {"type": "object", "properties": {"title": {"type": "string"}}}
    write_prompt(tmp_path, "copy", 1, "x", loose)
    with pytest.raises(PromptError, match="additionalProperties"):
        PromptRegistry.from_dirs(tmp_path)


def test_same_id_and_version_twice_with_different_content_is_an_error(tmp_path: Path) -> None:
    write_prompt(tmp_path / "a", "copy", 1, "one", STRICT)
    write_prompt(tmp_path / "b", "copy", 1, "two", STRICT)
    with pytest.raises(PromptError, match="defined twice"):
        PromptRegistry.from_dirs(tmp_path / "a", tmp_path / "b")
