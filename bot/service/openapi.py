"""The OpenAPI 3.1 document, generated from the same pydantic models the handlers validate with,
and a self-contained docs page (no CDN: it works offline)."""

from __future__ import annotations

import html
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from bot.service.api import Api, Endpoint
from bot.service.errors import ErrorResponse

_STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No content",
    400: "Malformed request",
    401: "Not signed in, or the token is invalid",
    404: "Not found",
    409: "Conflict",
    413: "Body too large",
    415: "Body is not JSON",
    422: "Validation failed",
    429: "Rate limited; see Retry-After",
}


def build_spec(api: Api, *, title: str, version: str) -> dict[str, Any]:
    models: set[type[BaseModel]] = {ErrorResponse}
    for e in api.endpoints:
        models.update(m for m in (e.body, e.response) if m is not None)
    _, schemas = models_json_schema(
        [(m, "validation") for m in sorted(models, key=lambda m: m.__name__)],
        ref_template="#/components/schemas/{model}",
    )
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in api.endpoints:
        path = api.prefix + endpoint.path
        paths.setdefault(path, {})[endpoint.method.lower()] = _operation(endpoint, path)
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": paths,
        "components": {
            "schemas": schemas.get("$defs", {}),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _operation(endpoint: Endpoint, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": endpoint.handler.__name__,
        "summary": endpoint.summary,
        "tags": list(endpoint.tags),
    }
    if endpoint.description:
        operation["description"] = endpoint.description
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", path)
    ]
    if endpoint.query is not None:
        schema = endpoint.query.model_json_schema()
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": name in required,
                    "schema": prop,
                    **({"description": prop["description"]} if "description" in prop else {}),
                }
            )
    if parameters:
        operation["parameters"] = parameters
    if endpoint.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(endpoint.body)}},
        }
    responses: dict[str, Any] = {}
    if endpoint.media_type is not None:
        media_type = endpoint.media_type.partition(";")[0]
        responses[str(endpoint.status)] = {
            "description": _STATUS_TEXT.get(endpoint.status, "OK"),
            "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
        }
    elif endpoint.response is not None:
        responses[str(endpoint.status)] = {
            "description": _STATUS_TEXT.get(endpoint.status, "OK"),
            "content": {"application/json": {"schema": _ref(endpoint.response)}},
        }
    else:
        responses["204"] = {"description": _STATUS_TEXT[204]}
    errors = set(endpoint.errors) | ({400, 413, 415, 422} if endpoint.body else set())
    if endpoint.query is not None:
        errors.add(422)
    if endpoint.auth:
        errors.add(401)
        operation["security"] = [{"bearer": []}]
    for status in sorted(errors):
        responses[str(status)] = {
            "description": _STATUS_TEXT.get(status, "Error"),
            "content": {"application/json": {"schema": _ref(ErrorResponse)}},
        }
    operation["responses"] = responses
    return operation


def docs_page(spec: dict[str, Any]) -> str:
    """A plain, readable reference generated from the spec itself."""
    rows = []
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            params = ", ".join(p["name"] for p in op.get("parameters", [])) or "—"
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            body_ref = body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1] or "—"
            statuses = ", ".join(op["responses"])
            auth = "yes" if op.get("security") else "no"
            cells = [
                f"<code>{method.upper()}</code>",
                f"<code>{html.escape(path)}</code>",
                html.escape(op["summary"]),
                html.escape(params),
                f"<a href='#{body_ref}'>{body_ref}</a>",
                statuses,
                auth,
            ]
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    schemas = []
    for name, schema in spec["components"]["schemas"].items():
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        items = []
        for field, prop in props.items():
            note = " (required)" if field in required else ""
            if prop.get("description"):
                note += ": " + html.escape(prop["description"])
            items.append(f"<li><code>{html.escape(field)}</code>{note}</li>")
        fields = "".join(items)
        schemas.append(f"<h3 id='{name}'>{name}</h3><ul>{fields}</ul>")
    title = html.escape(spec["info"]["title"])
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} API</title><style>body{{font:15px system-ui;margin:2rem;max-width:72rem}}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.35rem .6rem;"
        "text-align:left;vertical-align:top}code{background:#f4f4f4;padding:0 .2rem}</style></head>"
        f"<body><h1>{title} API {html.escape(spec['info']['version'])}</h1>"
        "<p>Machine-readable: <a href='/api/v1/openapi.json'>/api/v1/openapi.json</a>. "
        'Errors always look like <code>{"error": {"code", "message", "details"}}</code>.</p>'
        "<table><tr><th>method</th><th>path</th><th>what</th><th>parameters</th><th>body</th>"
        f"<th>responses</th><th>auth</th></tr>{''.join(rows)}</table><h2>Schemas</h2>"
        f"{''.join(schemas)}</body></html>"
    )
