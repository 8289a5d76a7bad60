"""The JSON output contract: parse, validate against the schema, apply allow-lists, scan.

Seed 000: structured model output must be one JSON object that passes its schema (Draft
2020-12, ``additionalProperties: false`` everywhere), uses only allowed values, and carries no
links, contact details, medical claims or code. A rejected answer is described by short
problems that never quote the model's text, so they can be audited and fed back to the model
on a retry without echoing what it wrote.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from guardrails.content import scan_output
from guardrails.prefilter import scan_input


@dataclass(frozen=True, slots=True)
class Validation:
    ok: bool
    data: dict[str, Any] | None
    """The parsed object when ``ok``; ``None`` otherwise."""
    flags: tuple[str, ...]
    """Sorted, unique codes: invalid_json, not_an_object, schema_violation, not_allowed,
    too_long, code_fence, instruction, and the :func:`~guardrails.content.scan_output` flags."""
    problems: tuple[str, ...]
    """Short reasons for people and for the retry prompt; they never quote the model's text."""


_CONTENT_PROBLEMS = {
    "url": "contains a link",
    "email": "contains an e-mail address",
    "phone": "contains a phone number",
    "medical_claim": "contains a medical claim",
    "code": "contains code",
}
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}


def check_schema_is_strict(schema: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` unless ``schema`` is valid Draft 2020-12 and closes every object.

    An object schema without ``"additionalProperties": false`` would let the model add fields
    nobody checks; the error names the JSON path of the first such schema.
    """
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValueError(
            f"schema is not valid Draft 2020-12 at {exc.json_path}: {exc.message}"
        ) from exc
    for path, subschema in _subschemas(schema, "$"):
        if _is_object_schema(subschema) and subschema.get("additionalProperties") is not False:
            raise ValueError(f'object schema at {path} must set "additionalProperties": false')


def validate_output(
    raw: str,
    schema: Mapping[str, Any],
    *,
    allow_lists: Mapping[str, Collection[str]] | None = None,
    max_chars: int = 8000,
) -> Validation:
    """Check one raw model answer against the contract; see :class:`Validation`."""
    if len(raw) > max_chars:
        return _reject(("too_long",), (f"the answer is longer than {max_chars} characters",))
    if "```" in raw or "~~~" in raw:
        return _reject(
            ("code_fence",), ("the answer is wrapped in a code fence; send the JSON object alone",)
        )
    try:
        data = json.loads(raw, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError):
        return _reject(("invalid_json",), ("the answer is not valid JSON",))
    if not isinstance(data, dict):
        return _reject(("not_an_object",), ("the answer is not a JSON object",))

    flags: set[str] = set()
    problems: list[str] = []
    compiled = _compiled(schema)
    known = compiled.names
    for error in compiled.validator.iter_errors(data):
        flags.add("schema_violation")
        problems.append(_describe(error, known))
    for field, allowed in (allow_lists or {}).items():
        if field in data and not _allowed(data[field], allowed):
            flags.add("not_allowed")
            problems.append(f"field '{field}' is not one of the allowed values")
    for path, text in _strings(data, known):
        found = scan_output(text)
        for flag in found:
            flags.add(flag)
            problems.append(f"{_field(path)} {_CONTENT_PROBLEMS[flag]}")
        if not found and scan_input(text).blocked:
            # Words a user would be stopped for saying ("ignore all previous instructions")
            # are no better coming from the model: they are shown and stored.
            flags.add("instruction")
            problems.append(f"{_field(path)} reads as an instruction or code, not goal text")
    if flags:
        return _reject(tuple(flags), tuple(dict.fromkeys(problems)))
    return Validation(ok=True, data=data, flags=(), problems=())


def _reject(flags: Sequence[str], problems: Sequence[str]) -> Validation:
    return Validation(
        ok=False, data=None, flags=tuple(sorted(set(flags))), problems=tuple(problems)
    )


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("repeated key")
    return result


@dataclass(frozen=True, slots=True)
class _Compiled:
    schema: Mapping[str, Any]
    validator: Draft202012Validator
    names: frozenset[str]
    """Every property name the schema declares: the only field names a problem may repeat."""


# Built once per schema. Schemas are treated as immutable; each cached entry keeps its schema
# alive, so an ``id()`` is never reused for another schema while it is cached.
_COMPILED: OrderedDict[int, _Compiled] = OrderedDict()
_CACHE_SIZE = 256


def _compiled(schema: Mapping[str, Any]) -> _Compiled:
    key = id(schema)
    cached = _COMPILED.get(key)
    if cached is not None and cached.schema is schema:
        _COMPILED.move_to_end(key)
        return cached
    compiled = _Compiled(
        schema=schema,
        validator=Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER),
        names=_property_names(schema),
    )
    _COMPILED[key] = compiled
    if len(_COMPILED) > _CACHE_SIZE:
        _COMPILED.popitem(last=False)
    return compiled


def _describe(error: ValidationError, known: frozenset[str]) -> str:
    """A reason for one schema error, built from the schema alone, never from the value."""
    where = _field(list(error.absolute_path), known)
    keyword = error.validator
    expected: Any = error.validator_value
    if keyword == "required" and isinstance(error.instance, dict):
        missing = [name for name in expected if name not in error.instance and name in known]
        names = ", ".join(f"'{name}'" for name in missing) or "a required field"
        owner = "the answer" if not error.absolute_path else where
        return f"{owner} is missing {names}"
    if keyword == "additionalProperties":
        owner = "the answer" if not error.absolute_path else where
        return f"{owner} has fields the schema does not allow"
    if keyword == "maxLength":
        return f"{where} is longer than {expected} characters"
    if keyword == "minLength":
        return f"{where} is shorter than {expected} characters"
    if keyword in ("enum", "const"):
        return f"{where} is not one of the allowed values"
    if keyword == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return f"{where} must be " + " or ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds)
    if keyword in ("minimum", "exclusiveMinimum"):
        return f"{where} must be {'at least' if keyword == 'minimum' else 'more than'} {expected}"
    if keyword in ("maximum", "exclusiveMaximum"):
        return f"{where} must be {'at most' if keyword == 'maximum' else 'less than'} {expected}"
    if keyword == "minItems":
        return f"{where} must have at least {expected} items"
    if keyword == "maxItems":
        return f"{where} must have at most {expected} items"
    if keyword in ("pattern", "format"):
        return f"{where} does not have the expected format"
    if keyword == "uniqueItems":
        return f"{where} has repeated items"
    return f"{where} does not satisfy '{keyword}'"


def _field(path: Sequence[str | int], known: frozenset[str] | None = None) -> str:
    """``field 'plan.weeks[2].km'``; names not declared in the schema are not repeated."""
    if not path:
        return "the answer"
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            name = step if known is None or step in known else "?"
            parts.append(f".{name}" if parts else name)
    return f"field '{''.join(parts)}'"


def _allowed(value: Any, allowed: Collection[str]) -> bool:
    if isinstance(value, str):
        return value in allowed
    if isinstance(value, list):
        return all(isinstance(item, str) and item in allowed for item in value)
    return False


def _strings(
    value: Any, known: frozenset[str], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[list[str | int], str]]:
    """Every string value anywhere in the parsed answer, with its path."""
    if isinstance(value, str):
        yield [s if isinstance(s, int) or s in known else "?" for s in path], value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, known, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, known, (*path, index))


_SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_SINGLE = (
    "additionalProperties", "unevaluatedProperties", "items", "contains", "unevaluatedItems",
    "not", "if", "then", "else", "propertyNames",
)  # fmt: skip


def _subschemas(schema: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """``schema`` and every schema nested in it, with JSON paths (``$.properties.title``)."""
    if not isinstance(schema, Mapping):
        return
    yield path, schema
    for keyword in _SUBSCHEMA_MAPS:
        children = schema.get(keyword)
        if isinstance(children, Mapping):
            for name, child in children.items():
                yield from _subschemas(child, f"{path}.{keyword}.{name}")
    for keyword in _SUBSCHEMA_LISTS:
        children = schema.get(keyword)
        if isinstance(children, list):
            for index, child in enumerate(children):
                yield from _subschemas(child, f"{path}.{keyword}[{index}]")
    for keyword in _SUBSCHEMA_SINGLE:
        if keyword in schema:
            yield from _subschemas(schema[keyword], f"{path}.{keyword}")


def _is_object_schema(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    if kind == "object" or (isinstance(kind, list) and "object" in kind):
        return True
    return "properties" in schema or "patternProperties" in schema


def _property_names(schema: Mapping[str, Any]) -> frozenset[str]:
    names: set[str] = set()
    for _, sub in _subschemas(schema, "$"):
        for keyword in ("properties", "dependentSchemas"):
            if isinstance(sub.get(keyword), Mapping):
                names.update(sub[keyword])
        names.update(n for n in sub.get("required", ()) if isinstance(n, str))
    return frozenset(names)
