"""No operation of the API answers with a server error, whatever a client sends.

The operations come from the OpenAPI schema (drf-spectacular), so an endpoint added later is covered
without anyone remembering to add it. Against the demo district, each signed-in role calls every
operation with path parameters that exist and that do not, query parameters and JSON bodies holding
hostile values of the declared types (too long, out-of-range dates and numbers, wrong types), and an
empty body. Each answer must be below 500: refusals (400, 403, 404, 405, 409, 415) are what bad input
and missing rights deserve.
"""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from fazhi.orgs.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

# One login per kind of work: a unit's admin (cases, powers, spot checks, certificates), the
# supervisor (indicators, bulletins, reviews) and the reconsideration officer.
ROLES = ("danwei", "jiandu", "fuyi")
# A path id that the demo holds (its first rows) and one that nobody holds.
PATH_VALUES = ("1", "999999999999")
HOSTILE = {
    "string": ("x" * 5000, "9999-12-31", 12),
    "date": ("0001-01-01", "9999-12-31", "2026-02-30"),
    "date-time": ("0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "yesterday"),
    "integer": (10**20, -1, "many"),
    "number": ("1e400", -1, "NaN"),
    "boolean": ("maybe", 2, None),
    "array": (["x"] * 3, [{}], "x"),
    "object": ({"x": 1}, [], "x"),
}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    if "allOf" in node:
        merged: dict[str, Any] = {"properties": {}}
        for part in node["allOf"]:
            merged["properties"].update(_resolve(schema, part).get("properties", {}))
        return merged
    return node


def _kind(schema: dict[str, Any], node: dict[str, Any]) -> str:
    node = _resolve(schema, node)
    if "enum" in node:
        return "string"
    kind = node.get("type", "string")
    return node.get("format", kind) if kind == "string" and node.get("format") in HOSTILE else kind


def _bodies(schema: dict[str, Any], operation: dict[str, Any]) -> list[Any]:
    """An empty body, then three bodies whose every declared field holds one hostile value of its type."""
    content = operation.get("requestBody", {}).get("content", {})
    node = content.get("application/json", {}).get("schema")
    bodies: list[Any] = [{}]
    if node is None:
        return bodies
    properties = _resolve(schema, node).get("properties", {})
    for variant in range(3):
        bodies.append(
            {
                name: HOSTILE.get(_kind(schema, field), HOSTILE["string"])[variant]
                for name, field in properties.items()
                if not _resolve(schema, field).get("readOnly")
            }
        )
    return bodies


def _queries(schema: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    names = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
    queries: list[dict[str, Any]] = [{}]
    for variant in range(3):
        query = {}
        for parameter in names:
            value = HOSTILE.get(_kind(schema, parameter.get("schema", {})), HOSTILE["string"])[variant]
            query[parameter["name"]] = "" if value is None else str(value)
        if query:
            queries.append(query)
    return queries


def _calls(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    calls = []
    for template, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for value in PATH_VALUES if "{" in template else ("",):
                path = re.sub(r"\{[^}]+\}", value, template)
                calls.append((method, path, operation))
    return calls


def _call(client: Client, method: str, path: str, schema: dict, operation: dict) -> list[str]:
    errors = []
    if method in ("get", "delete"):
        for query in _queries(schema, operation):
            status = getattr(client, method)(path, query).status_code
            if status >= 500:
                errors.append(f"{method.upper()} {path} {query!r:.200} → {status}")
        return errors
    for body in _bodies(schema, operation):
        status = getattr(client, method)(path, body, content_type="application/json").status_code
        if status >= 500:
            errors.append(f"{method.upper()} {path} {body!r:.200} → {status}")
    return errors


def test_no_api_operation_answers_with_a_server_error() -> None:
    # One test: the demo district takes several seconds to load, and every role calls the same one.
    call_command("demo", stdout=StringIO())
    schema = SchemaGenerator().get_schema(request=None, public=True)
    calls = _calls(schema)
    assert len(calls) > 150  # the schema was read, not an empty document
    errors = []
    for username in ROLES:
        client = Client(raise_request_exception=False)
        assert client.login(username=username, password=DEMO_PASSWORD), username
        for method, path, operation in calls:
            errors += [f"{username} {error}" for error in _call(client, method, path, schema, operation)]
    assert not errors, "\n".join(errors)
