"""`python -m generator diff`: one case per rule, the Kinbox spec against itself and edited
copies of it, `--fail-on` and version bumps, git revisions, and the report formats."""

from __future__ import annotations

import copy
import functools
import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.evolution.diff import diff_specs
from generator.evolution.rules import DOC_KEYS, LOWER_BOUNDS, RULES, SCHEMA_CHANGES, UPPER_BOUNDS
from generator.spec.loader import Spec, load_spec, parse_spec
from generator.spec.pointers import split_pointer
from generator.versions import version_bump
from tests.helpers import (
    ADD_NICKNAME,
    DROP_WORKSPACE_ID,
    MAJOR,
    MINOR_BUMP,
    SHRINK_NAME,
    SPEC,
    VERSION,
    add_update_property,
    kinbox,
    run_generator,
)

BASE = yaml.safe_load(
    """
openapi: 3.1.0
info: {title: Things, version: 1.0.0}
security:
  - bearer: []
paths:
  /things/{id}:
    patch:
      operationId: updateThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
        - {name: dryRun, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingUpdate'}
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '404':
          description: No such thing.
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    ThingUpdate:
      type: object
      additionalProperties: false
      properties:
        name: {type: string, maxLength: 10}
        shape:
          oneOf:
            - $ref: '#/components/schemas/Circle'
            - {type: string}
        probe: {type: string}
    Thing:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
        nickname: {type: string}
        parent: {$ref: '#/components/schemas/Thing'}
        probe: {type: string}
    Circle:
      type: object
      properties:
        radius: {type: number}
    Dog:
      type: object
      required: [kind, name]
      properties:
        kind: {type: string}
        name: {type: string}
    Cat:
      type: object
      required: [kind, name]
      properties:
        kind: {type: string}
        name: {type: string}
"""
)

OP = "/paths/~1things~1{id}/patch"
GET = "/paths/~1things~1{id}/get"
UPDATE = "/components/schemas/ThingUpdate"
THING = "/components/schemas/Thing"
REQUEST_JSON = OP + "/requestBody/content/application~1json/schema"
RESPONSE_JSON = OP + "/responses/200/content/application~1json/schema"

Edit = tuple[str, Any]  # (pointer, new value); DELETE as the value removes the key
DELETE = object()


def edited(document: dict[str, Any], edits: list[Edit]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    for at, shared in edits:
        value = shared if shared is DELETE else copy.deepcopy(shared)  # a later edit may change it
        *parents, last = split_pointer(at)
        node: Any = changed
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        if isinstance(node, list):
            if value is DELETE:
                del node[int(last)]
            elif int(last) == len(node):
                node.append(value)
            else:
                node[int(last)] = value
        elif value is DELETE:
            del node[last]
        else:
            node[last] = value
    return changed


@functools.cache
def load(text: str) -> Spec:
    """Documents repeat across cases (BASE above all); validating each once keeps the table fast."""
    return parse_spec(text.encode("utf-8"), Path("spec.json"))


@pytest.fixture
def findings() -> Callable[..., list[tuple[str, str, str]]]:
    """Diff BASE with `old` edits against BASE with `new` edits: [(level, rule, pointer)]."""

    def run(new: list[Edit], old: list[Edit] | None = None, base: dict[str, Any] = BASE) -> list[tuple[str, str, str]]:
        before, after = (load(json.dumps(edited(base, edits))) for edits in (old or [], new))
        return [(f.level.label, f.rule, f.pointer) for f in diff_specs(before, after).findings]

    return run


@dataclass(frozen=True)
class Case:
    """The edits that make NEW (and OLD, when BASE is not the right start) and what they must give."""

    new: list[Edit]
    expected: list[tuple[str, str, str]]
    old: list[Edit] = field(default_factory=list)


THREE_OP = {"operationId": "listOthers", "responses": {"204": {"description": "None."}}}
HEADER = {"name": "X-Version", "in": "header", "schema": {"type": "string"}}

CASES: dict[str, Case] = {
    "operation-removed": Case([(GET, DELETE)], [("breaking", "operation-removed", GET)]),
    "operation-added": Case(
        [("/paths/~1others", {"get": THREE_OP})], [("minor", "operation-added", "/paths/~1others/get")]
    ),
    "operation-id-changed": Case(
        [(OP + "/operationId", "modifyThing")], [("breaking", "operation-id-changed", OP + "/operationId")]
    ),
    "operation-id-respelled": Case(
        [(OP + "/operationId", "UpdateThing")], [("patch", "operation-id-respelled", OP + "/operationId")]
    ),
    "request-parameter-removed": Case(
        [(OP + "/parameters/1", DELETE)], [("breaking", "request-parameter-removed", OP + "/parameters/1")]
    ),
    "new-required-request-parameter": Case(
        [(OP + "/parameters/2", {**HEADER, "required": True})],
        [("breaking", "new-required-request-parameter", OP + "/parameters/2")],
    ),
    "new-optional-request-parameter": Case(
        [(OP + "/parameters/2", HEADER)], [("minor", "new-optional-request-parameter", OP + "/parameters/2")]
    ),
    "request-parameter-became-required": Case(
        [(OP + "/parameters/1/required", True)],
        [("breaking", "request-parameter-became-required", OP + "/parameters/1/required")],
    ),
    "request-parameter-became-optional": Case(
        [],
        [("minor", "request-parameter-became-optional", OP + "/parameters/1/required")],
        old=[(OP + "/parameters/1/required", True)],
    ),
    "request-parameter schema": Case(
        [(OP + "/parameters/0/schema/minimum", 2)],
        [("breaking", "request-parameter-minimum-increased", OP + "/parameters/0/schema/minimum")],
    ),
    "request-body-removed": Case(
        [(OP + "/requestBody", DELETE)], [("breaking", "request-body-removed", OP + "/requestBody")]
    ),
    "new-required-request-body": Case(
        [], [("breaking", "new-required-request-body", OP + "/requestBody")], old=[(OP + "/requestBody", DELETE)]
    ),
    "new-optional-request-body": Case(
        [(OP + "/requestBody/required", False)],
        [("minor", "new-optional-request-body", OP + "/requestBody")],
        old=[(OP + "/requestBody", DELETE)],
    ),
    "request-body-became-optional": Case(
        [(OP + "/requestBody/required", False)],
        [("minor", "request-body-became-optional", OP + "/requestBody/required")],
    ),
    "request-body-became-required": Case(
        [],
        [("breaking", "request-body-became-required", OP + "/requestBody/required")],
        old=[(OP + "/requestBody/required", False)],
    ),
    "request-body-media-type-changed": Case(
        [(OP + "/requestBody/content", {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}})],
        [("breaking", "request-body-media-type-changed", OP + "/requestBody/content")],
    ),
    "request-parameter default": Case(
        [(OP + "/parameters/1/schema/default", True)],
        [("breaking", "request-parameter-default-changed", OP + "/parameters/1/schema/default")],
        old=[(OP + "/parameters/1/schema/default", False)],
    ),
    "request body schema": Case(
        [(REQUEST_JSON, {"type": "string", "maxLength": 3})],
        [("breaking", "request-body-max-length-decreased", REQUEST_JSON + "/maxLength")],
        old=[(REQUEST_JSON, {"type": "string", "maxLength": 5})],
    ),
    "request-property-removed": Case(
        [(UPDATE + "/properties/name", DELETE)], [("breaking", "request-property-removed", UPDATE + "/properties/name")]
    ),
    "new-required-request-property": Case(
        [(UPDATE + "/properties/nick", {"type": "string"}), (UPDATE + "/required", ["nick"])],
        [("breaking", "new-required-request-property", UPDATE + "/properties/nick")],
    ),
    "new-optional-request-property": Case(
        [(UPDATE + "/properties/nick", {"type": "string"})],
        [("minor", "new-optional-request-property", UPDATE + "/properties/nick")],
    ),
    "request-property-became-required": Case(
        [(UPDATE + "/required", ["name"])], [("breaking", "request-property-became-required", UPDATE + "/required")]
    ),
    "request-property-became-optional": Case(
        [],
        [("minor", "request-property-became-optional", UPDATE + "/required")],
        old=[(UPDATE + "/required", ["name"])],
    ),
    "request property in a oneOf $ref": Case(
        [("/components/schemas/Circle/properties/radius", DELETE)],
        [("breaking", "request-property-removed", "/components/schemas/Circle/properties/radius")],
    ),
    "response-property-removed": Case(
        [(THING + "/properties/nickname", DELETE)],
        [("breaking", "response-property-removed", THING + "/properties/nickname")],
    ),
    "response-property-removed, and from required": Case(
        [(THING + "/properties/name", DELETE), (THING + "/required", ["id"])],
        [("breaking", "response-property-removed", THING + "/properties/name")],
    ),
    "response-property-added": Case(
        [(THING + "/properties/color", {"type": "string"})],
        [("minor", "response-property-added", THING + "/properties/color")],
    ),
    "response-property-became-optional": Case(
        [(THING + "/required", ["id"])], [("breaking", "response-property-became-optional", THING + "/required")]
    ),
    "response-property-became-required": Case(
        [(THING + "/required", ["id", "name", "nickname"])],
        [("minor", "response-property-became-required", THING + "/required")],
    ),
    "response property in allOf": Case(
        [(THING + "/properties/probe", {"allOf": [{"$ref": "#/components/schemas/Circle"}, {"type": "object"}]})],
        [("breaking", "response-property-removed", THING + "/properties/probe/allOf/1/properties/label")],
        old=[
            (THING + "/properties/probe", {"allOf": [{"$ref": "#/components/schemas/Circle"}, {"type": "object"}]}),
            (THING + "/properties/probe/allOf/1/properties", {"label": {"type": "string"}}),
        ],
    ),
    "response-success-status-removed": Case(
        [(OP + "/responses/200", DELETE), (OP + "/responses/204", {"description": "Done."})],
        [
            ("breaking", "response-success-status-removed", OP + "/responses/200"),
            ("minor", "response-success-status-added", OP + "/responses/204"),
        ],
    ),
    "response-success-status-added": Case(
        [(OP + "/responses/202", {"description": "Accepted."})],
        [("minor", "response-success-status-added", OP + "/responses/202")],
    ),
    "response-non-success-status-removed": Case(
        [(OP + "/responses/404", DELETE)], [("minor", "response-non-success-status-removed", OP + "/responses/404")]
    ),
    "response-non-success-status-added": Case(
        [(OP + "/responses/409", {"description": "Conflict."})],
        [("minor", "response-non-success-status-added", OP + "/responses/409")],
    ),
    "response-body-removed": Case(
        [(OP + "/responses/200/content", DELETE)],
        [("breaking", "response-body-removed", OP + "/responses/200/content")],
    ),
    "response-body-added": Case(
        [],
        [("minor", "response-body-added", OP + "/responses/200/content")],
        old=[(OP + "/responses/200/content", DELETE)],
    ),
    "response-media-type-changed": Case(
        [(OP + "/responses/200/content", {"text/plain": {"schema": {"type": "string"}}})],
        [("breaking", "response-media-type-changed", OP + "/responses/200/content")],
    ),
    "response body schema": Case(
        [(RESPONSE_JSON, {"type": "array", "items": {"type": "string"}, "maxItems": 9})],
        [("minor", "response-body-max-items-added", RESPONSE_JSON + "/maxItems")],
        old=[(RESPONSE_JSON, {"type": "array", "items": {"type": "string"}})],
    ),
    "security-requirement-added": Case(
        [], [("breaking", "security-requirement-added", "/security")], old=[(OP + "/security", [])]
    ),
    "security-requirement-relaxed": Case(
        [(OP + "/security", [{"bearer": []}, {}])], [("minor", "security-requirement-relaxed", OP + "/security")]
    ),
    "security-scheme-changed": Case(
        [("/components/securitySchemes/bearer", {"type": "apiKey", "in": "header", "name": "X-Key"})],
        [("breaking", "security-scheme-changed", "/components/securitySchemes/bearer")],
    ),
    "security-scheme-removed": Case(
        [],
        [("breaking", "security-scheme-removed", "/components/securitySchemes/basic")],
        old=[("/components/securitySchemes/basic", {"type": "http", "scheme": "basic"})],
    ),
    "security-scheme-added": Case(
        [("/components/securitySchemes/basic", {"type": "http", "scheme": "basic"})],
        [("minor", "security-scheme-added", "/components/securitySchemes/basic")],
    ),
    "component-schema-removed": Case(
        [],
        [("breaking", "component-schema-removed", "/components/schemas/Unused")],
        old=[("/components/schemas/Unused", {"type": "object"})],
    ),
    "component-schema-added": Case(
        [("/components/schemas/Unused", {"type": "object"})],
        [("minor", "component-schema-added", "/components/schemas/Unused")],
    ),
    "extension-changed": Case([(OP + "/x-internal", True)], [("patch", "extension-changed", OP + "/x-internal")]),
    "unclassified-change": Case(
        [("/servers", [{"url": "https://things.example"}])], [("minor", "unclassified-change", "/servers")]
    ),
    "a description in a schema named `description`": Case(
        [(THING + "/properties/description", {"type": "string", "description": "Words."})],
        [("minor", "response-property-added", THING + "/properties/description")],
    ),
}


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_rule(name: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    case = CASES[name]
    assert findings(case.new, case.old) == case.expected


# Where each documentation key may stand, a value for it, and its rule: patch-level wherever it is.
DOC_EDITS: dict[str, tuple[str, Any, str]] = {
    "description": (UPDATE + "/properties/name/description", "The name.", "description-changed"),
    "summary": (OP + "/summary", "Update a thing", "summary-changed"),
    "title": ("/info/title", "Things API", "title-changed"),
    "example": (UPDATE + "/properties/name/example", "Ana", "example-changed"),
    "examples": (UPDATE + "/properties/name/examples", ["Ana"], "examples-changed"),
    "externalDocs": (OP + "/externalDocs", {"url": "https://things.example/docs"}, "external-docs-changed"),
    "deprecated": (OP + "/deprecated", True, "deprecated-changed"),
    "tags": (OP + "/tags", ["things"], "tags-changed"),
    "contact": ("/info/contact", {"name": "Team"}, "contact-changed"),
    "license": ("/info/license", {"name": "MIT", "identifier": "MIT"}, "license-changed"),
    "termsOfService": ("/info/termsOfService", "https://things.example/terms", "terms-of-service-changed"),
}


@pytest.mark.parametrize("key", DOC_KEYS)
def test_documentation_rule(key: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    at, value, rule = DOC_EDITS[key]
    assert findings([(at, value)]) == [("patch", rule, at)]


PROBE = {"request": UPDATE + "/properties/probe", "response": THING + "/properties/probe"}
DOG, CAT = "#/components/schemas/Dog", "#/components/schemas/Cat"
PETS: dict[str, Any] = {
    "oneOf": [{"$ref": DOG}, {"$ref": CAT}]
}  # both require `kind` and `name`: a discriminator applies
ON_KIND = {**PETS, "discriminator": {"propertyName": "kind"}}


def tagged(**mapping: str) -> dict[str, Any]:
    """PETS with a discriminator on `kind` and this mapping (Cat, unless named, is tagged "Cat")."""
    return {**PETS, "discriminator": {"propertyName": "kind", "mapping": mapping}}


# change -> (old probe schema, new probe schema, pointer suffix, level in a request, in a response)
SCHEMA_ROWS: dict[str, tuple[dict[str, Any], dict[str, Any], str, str, str]] = {
    "type-widened": ({"type": "integer"}, {"type": "number"}, "/type", "minor", "breaking"),
    "type-narrowed": ({"type": "number"}, {"type": "integer"}, "/type", "breaking", "minor"),
    "type-changed": ({"type": "string"}, {"type": "integer"}, "/type", "breaking", "breaking"),
    "became-nullable": ({"type": "string"}, {"type": ["string", "null"]}, "/type", "minor", "breaking"),
    "became-not-nullable": ({"type": ["string", "null"]}, {"type": "string"}, "/type", "breaking", "minor"),
    "format-changed": ({"type": "string"}, {"type": "string", "format": "date-time"}, "/format", "breaking", "breaking"),
    "enum-added": ({"type": "string"}, {"type": "string", "enum": ["a", "b"]}, "/enum", "breaking", "minor"),
    "enum-removed": ({"type": "string", "enum": ["a"]}, {"type": "string"}, "/enum", "breaking", "breaking"),
    "enum-value-removed": ({"enum": ["a", "b"]}, {"enum": ["a"]}, "/enum", "breaking", "breaking"),
    "enum-value-added": ({"enum": ["a"]}, {"enum": ["a", "b"]}, "/enum", "minor", "breaking"),
    "pattern-added": ({"type": "string"}, {"type": "string", "pattern": "^a"}, "/pattern", "breaking", "minor"),
    "pattern-removed": ({"type": "string", "pattern": "^a"}, {"type": "string"}, "/pattern", "minor", "breaking"),
    "pattern-changed": ({"pattern": "^a"}, {"pattern": "^b"}, "/pattern", "breaking", "breaking"),
    "multiple-of-added": ({"type": "integer"}, {"type": "integer", "multipleOf": 2}, "/multipleOf", "breaking", "minor"),
    "multiple-of-removed": ({"type": "integer", "multipleOf": 2}, {"type": "integer"}, "/multipleOf", "minor", "breaking"),
    "multiple-of-changed": ({"multipleOf": 2}, {"multipleOf": 3}, "/multipleOf", "breaking", "breaking"),
    "unique-items-added": ({"type": "array"}, {"type": "array", "uniqueItems": True}, "/uniqueItems", "breaking", "minor"),
    "unique-items-removed": ({"type": "array", "uniqueItems": True}, {"type": "array"}, "/uniqueItems", "minor", "breaking"),
    "additional-properties-restricted": (
        {"type": "object"}, {"type": "object", "additionalProperties": {"type": "string"}},
        "/additionalProperties", "breaking", "minor",
    ),
    "additional-properties-relaxed": (
        {"type": "object", "additionalProperties": {"type": "string"}}, {"type": "object", "additionalProperties": True},
        "/additionalProperties", "minor", "breaking",
    ),
    "additional-properties-allowed": (
        {"type": "object", "additionalProperties": False}, {"type": "object"},
        "/additionalProperties", "minor", "minor",
    ),
    "default-added": ({"type": "integer"}, {"type": "integer", "default": 5}, "/default", "breaking", "minor"),
    "default-removed": ({"type": "integer", "default": 5}, {"type": "integer"}, "/default", "breaking", "breaking"),
    "default-changed": ({"type": "integer", "default": 5}, {"type": "integer", "default": 7}, "/default", "breaking", "breaking"),
    "discriminator-added": (PETS, ON_KIND, "/discriminator", "breaking", "minor"),
    "discriminator-removed": (ON_KIND, PETS, "/discriminator", "minor", "breaking"),
    "discriminator-property-changed": (
        ON_KIND, {**PETS, "discriminator": {"propertyName": "name"}}, "/discriminator/propertyName", "breaking", "breaking",
    ),
    "discriminator-mapping-added": (tagged(dog=DOG), tagged(dog=DOG, hound=DOG), "/discriminator/mapping/hound", "minor", "breaking"),
    "discriminator-mapping-removed": (tagged(dog=DOG, hound=DOG), tagged(dog=DOG), "/discriminator/mapping/hound", "breaking", "minor"),
    "discriminator-mapping-changed": (
        tagged(dog=DOG, cat=CAT, pet=CAT), tagged(dog=DOG, cat=CAT, pet=DOG), "/discriminator/mapping/pet", "breaking", "breaking",
    ),
    "variant-added": ({"oneOf": [{"type": "string"}]}, {"oneOf": [{"type": "string"}, {"type": "integer"}]}, "/oneOf/1", "minor", "breaking"),
    "overlapping-variant-added": (
        {"oneOf": [{"type": "string"}]}, {"oneOf": [{"type": "string"}, {"type": "string", "maxLength": 3}]},
        "/oneOf/1", "breaking", "breaking",
    ),
    "variant-removed": ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, {"anyOf": [{"type": "string"}]}, "/anyOf/1", "breaking", "minor"),
}  # fmt: skip

# Schemas reached through items, additionalProperties and variants are compared as well.
NESTED_ROWS: dict[str, tuple[dict[str, Any], dict[str, Any], str, str, str, str]] = {
    "items": (
        {"type": "array", "items": {"type": "string", "maxLength": 5}},
        {"type": "array", "items": {"type": "string", "maxLength": 3}},
        "max-length-decreased", "/items/maxLength", "breaking", "minor",
    ),
    "additionalProperties schema": (
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"type": "object", "additionalProperties": {"type": "integer"}},
        "type-changed", "/additionalProperties/type", "breaking", "breaking",
    ),
    "inline variant": (
        {"oneOf": [{"type": "string", "maxLength": 5}]},
        {"oneOf": [{"type": "string", "maxLength": 6}]},
        "max-length-increased", "/oneOf/0/maxLength", "minor", "breaking",
    ),
}  # fmt: skip


def _bound_rows() -> dict[str, tuple[dict[str, Any], dict[str, Any], str, str, str]]:
    """Every bound keyword raised, lowered, added and removed."""
    types = {"Length": "string", "Items": "array", "Properties": "object", "imum": "integer"}
    rows = {}
    for keyword in (*UPPER_BOUNDS, *LOWER_BOUNDS):
        schema = {"type": next(t for suffix, t in types.items() if keyword.endswith(suffix))}
        upper = keyword in UPPER_BOUNDS
        for change, old, new in (("decreased", 5, 3), ("increased", 5, 8), ("added", None, 5), ("removed", 5, None)):
            # A lower maximum, a higher minimum, or a new bound accepts less.
            narrows = change in ({"decreased", "added"} if upper else {"increased", "added"})
            levels = ("breaking", "minor") if narrows else ("minor", "breaking")
            before = {**schema, keyword: old} if old is not None else schema
            after = {**schema, keyword: new} if new is not None else schema
            kebab = "".join(f"-{c.lower()}" if c.isupper() else c for c in keyword)
            rows[f"{kebab}-{change}"] = (before, after, f"/{keyword}", *levels)
    return rows


BOUND_ROWS = _bound_rows()


@pytest.mark.parametrize("side", ["request", "response"])
@pytest.mark.parametrize("change", [*SCHEMA_ROWS, *BOUND_ROWS])
def test_schema_rule(change: str, side: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    old, new, suffix, request_level, response_level = {**SCHEMA_ROWS, **BOUND_ROWS}[change]
    level = request_level if side == "request" else response_level
    assert findings([(PROBE[side], new)], [(PROBE[side], old)]) == [
        (level, f"{side}-property-{change}", PROBE[side] + suffix)
    ]


@pytest.mark.parametrize("side", ["request", "response"])
@pytest.mark.parametrize("name", list(NESTED_ROWS))
def test_nested_schemas_are_compared(name: str, side: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    old, new, change, suffix, request_level, response_level = NESTED_ROWS[name]
    level = request_level if side == "request" else response_level
    assert findings([(PROBE[side], new)], [(PROBE[side], old)]) == [
        (level, f"{side}-property-{change}", PROBE[side] + suffix)
    ]


def test_every_rule_has_a_case() -> None:
    """The tables above cover every rule the diff knows, so a new rule comes with its test."""
    tested = {rule for case in CASES.values() for _, rule, _ in case.expected}
    tested |= {
        f"{side}-property-{change}" for side in ("request", "response") for change in (*SCHEMA_ROWS, *BOUND_ROWS)
    }
    tested |= {rule for _, _, rule in DOC_EDITS.values()}
    # The same schema changes at the root of a body or parameter are named by their place.
    roots = {rule for rule in RULES if rule.startswith(("request-body-", "response-body-", "request-parameter-"))}
    roots = {rule for rule in roots if rule.split("-", 2)[2] in SCHEMA_CHANGES}
    paging = {rule for rule in RULES if rule.startswith("pagination-")}  # see test_diff_pagination
    assert set(RULES) - roots - tested - paging == set()
    assert set(SCHEMA_CHANGES) == set(SCHEMA_ROWS) | set(BOUND_ROWS)


def test_openapi_30_nullable_and_exclusive_maximum(findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    base = edited(BASE, [("/openapi", "3.0.3"), (PROBE["response"], {"type": "integer", "maximum": 5})])
    edits = [(PROBE["response"] + "/nullable", True), (PROBE["response"] + "/exclusiveMaximum", True)]
    assert findings(edits, base=base) == [
        ("breaking", "response-property-became-nullable", PROBE["response"] + "/nullable"),
        ("minor", "response-property-exclusive-maximum-added", PROBE["response"] + "/exclusiveMaximum"),
    ]


def test_the_same_types_written_differently_change_nothing(
    findings: Callable[..., list[tuple[str, str, str]]],
) -> None:
    untyped = {"properties": {"radius": {"type": "number"}}}
    edits = [(PROBE["request"], {"type": "object", **untyped}), (PROBE["response"] + "/type", ["string"])]
    assert findings(edits, [(PROBE["request"], untyped)]) == []


def test_reordering_lists_of_names_changes_nothing(findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    probe = PROBE["response"]
    edits = [(THING + "/required", ["name", "id"]), (probe, {"enum": ["b", "a"]})]
    assert findings(edits, [(probe, {"enum": ["a", "b"]})]) == []


def test_a_schema_used_by_several_operations_is_reported_once(
    findings: Callable[..., list[tuple[str, str, str]]],
) -> None:
    """Thing is the answer of both operations and its own `parent`: one finding, and no endless loop."""
    assert findings([(THING + "/properties/id/type", "integer")]) == [
        ("breaking", "response-property-type-changed", THING + "/properties/id/type")
    ]


# -- the Kinbox spec ---------------------------------------------------------------------------------------


def test_kinbox_against_itself_finds_nothing(tmp_path: Path) -> None:
    assert diff_specs(load_spec(SPEC), load_spec(SPEC)).findings == ()
    # The same document as JSON: a different file, the same contract.
    as_json = tmp_path / "kinbox.json"
    as_json.write_text(json.dumps(yaml.safe_load(SPEC.read_text(encoding="utf-8"))), encoding="utf-8")
    assert diff_specs(load_spec(SPEC), load_spec(as_json)).findings == ()


def test_shrinking_name_fails_with_one_line(tmp_path: Path) -> None:
    result = run_generator("diff", SPEC, kinbox(tmp_path, SHRINK_NAME), "--fail-on", "breaking")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "breaking request-property-max-length-decreased #/components/schemas/ContactCreate/properties/name/maxLength: "
        "ContactCreate.name: maxLength 128 -> 64",
        "breaking request-property-max-length-decreased #/components/schemas/ContactUpdate/properties/name/maxLength: "
        "ContactUpdate.name: maxLength 128 -> 64",
    ]
    assert f"2 breaking, 0 minor, 0 patch; info.version {VERSION} -> {VERSION} (no bump, major needed)" in result.stdout
    assert (
        result.stderr == f"error: these changes need a major version bump; info.version went {VERSION} -> {VERSION}\n"
    )


def test_dropping_a_response_field_is_breaking(tmp_path: Path) -> None:
    result = run_generator("diff", SPEC, kinbox(tmp_path, *DROP_WORKSPACE_ID), "--fail-on", "breaking")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "breaking response-property-removed #/components/schemas/Contact/properties/workspaceId: "
        "Contact.workspaceId removed"
    ]


def test_adding_an_optional_field_is_minor_and_passes(tmp_path: Path) -> None:
    result = run_generator("diff", SPEC, kinbox(tmp_path, ADD_NICKNAME), "--fail-on", "breaking")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "minor new-optional-request-property #/components/schemas/ContactCreate/properties/nickname: "
        "ContactCreate.nickname added, optional",
        "minor new-optional-request-property #/components/schemas/ContactUpdate/properties/nickname: "
        "ContactUpdate.nickname added, optional",
    ]


@pytest.mark.parametrize(
    ("edits", "fail_on", "status"),
    [
        ((SHRINK_NAME,), "breaking", 1),
        ((SHRINK_NAME, MAJOR), "breaking", 0),
        ((SHRINK_NAME, MINOR_BUMP), "breaking", 1),
        ((SHRINK_NAME,), "never", 0),
        ((ADD_NICKNAME,), "minor", 1),
        ((ADD_NICKNAME, MINOR_BUMP), "minor", 0),
        ((ADD_NICKNAME, MINOR_BUMP), "patch", 0),
        ((("Display name.", "The display name."),), "minor", 0),
        ((("Display name.", "The display name."),), "patch", 1),
    ],
)
def test_fail_on_compares_the_changes_with_the_version_bump(
    tmp_path: Path, edits: tuple[tuple[str, str], ...], fail_on: str, status: int
) -> None:
    result = run_generator("diff", SPEC, kinbox(tmp_path, *edits), "--fail-on", fail_on)
    assert result.returncode == status, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("1.0.0", "2.0.0", "major"),
        ("1.4.2", "1.5.0", "minor"),
        ("1.4.2", "1.4.3", "patch"),
        ("1.4.2", "1.4.2", "none"),
        ("2.0.0", "1.9.0", "none"),
        ("1.0", "2", "major"),
        ("0.9.0", "1.0.0rc1", "major"),
        ("1.0.27-SNAPSHOT", "2.0.0", "major"),  # not PEP 440: read as the package version would be
    ],
)
def test_version_bump(old: str, new: str, bump: str) -> None:
    assert version_bump(old, new).label == bump


def test_formats(tmp_path: Path) -> None:
    new = kinbox(tmp_path, SHRINK_NAME, ADD_NICKNAME)
    report = json.loads(run_generator("diff", SPEC, new, "--format", "json").stdout)
    assert report["needed_bump"] == "major"
    assert report["version_bump"] == "none"
    assert report["counts"] == {"breaking": 2, "minor": 2, "patch": 0}
    assert report["findings"][1] == {
        "level": "breaking",
        "rule": "request-property-max-length-decreased",
        "pointer": "/components/schemas/ContactUpdate/properties/name/maxLength",
        "old": 128,
        "new": 64,
        "message": "ContactUpdate.name: maxLength 128 -> 64",
    }
    markdown = run_generator("diff", SPEC, new, "--format", "markdown").stdout
    assert "- ContactUpdate.name: maxLength 128 -> 64 (`request-property-max" in markdown
    assert "- ContactUpdate.nickname added, optional" in markdown
    assert "Documentation changes" not in markdown


def test_markdown_keeps_spec_text_inert(tmp_path: Path) -> None:
    hostile = "n`a<b>[x](y)|*"
    new = kinbox(tmp_path, add_update_property(f"'{hostile}'"))
    markdown = run_generator("diff", SPEC, new, "--format", "markdown").stdout
    assert (
        "- ContactUpdate.n\\`a\\<b>\\[x\\](y)\\|\\* added, optional (`new-optional-request-property` at ``#/components/schemas/ContactUpdate/properties/n`a<b>[x](y)|*``)"
        in markdown
    )


# -- git revisions -------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True, capture_output=True
    )


def test_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    spec = kinbox(repo, name="spec/kinbox.openapi.yaml")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "spec")
    kinbox(repo, SHRINK_NAME, name="spec/kinbox.openapi.yaml")
    result = run_generator("diff", "HEAD:spec/kinbox.openapi.yaml", spec, "--fail-on", "breaking", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"HEAD:spec/kinbox.openapi.yaml -> {spec}: 2 breaking")
    # Both sides from git: the committed spec against itself.
    result = run_generator("diff", "HEAD:spec/kinbox.openapi.yaml", "HEAD:./spec/kinbox.openapi.yaml", cwd=repo)
    assert (result.returncode, result.stdout) == (
        0,
        "HEAD:spec/kinbox.openapi.yaml -> HEAD:./spec/kinbox.openapi.yaml: no changes\n",
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("HEAD~5:spec/kinbox.openapi.yaml", "error: cannot read HEAD~5:spec/kinbox.openapi.yaml from git: invalid object name 'HEAD~5'."),
        ("HEAD:nope.yaml", "error: cannot read HEAD:nope.yaml from git: path 'nope.yaml' does not exist in 'HEAD'"),
        ("nope.yaml", "error: nope.yaml: cannot read the spec: No such file or directory"),
    ],
)  # fmt: skip
def test_unreadable_sources_are_user_errors(tmp_path: Path, source: str, message: str) -> None:
    git(tmp_path, "init", "-q")
    kinbox(tmp_path)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "spec")
    result = run_generator("diff", source, SPEC, cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (2, message)


def test_an_invalid_old_spec_is_located_in_its_revision(tmp_path: Path) -> None:
    broken = kinbox(tmp_path, (f"  version: {VERSION}\n", f"  versio: {VERSION}\n"), name="spec.yaml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "broken")
    result = run_generator("diff", "HEAD:spec.yaml", broken, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: HEAD:spec.yaml:3 #/info: 'version' is a required property"), result.stderr
    assert "Traceback" not in result.stderr
