"""`oneOf`/`anyOf` branches are paired by what they are, not by index: an inserted, removed or
reordered branch leaves the other branches alone (see `generator.evolution.matching`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.evolution.matching import pair_items
from tests.generator.evolution.test_diff import DELETE, PROBE, THING, UPDATE, Edit
from tests.generator.evolution.test_diff import findings as findings  # the fixture, for this module's tests

SHAPE = UPDATE + "/properties/shape/oneOf"  # [{$ref: Circle}, {type: string}] in BASE
CIRCLE = {"$ref": "#/components/schemas/Circle"}
DISK = {"type": "object", "properties": {"radius": {"type": "number"}}}  # Circle's own schema
REQUEST = PROBE["request"]
RESPONSE = PROBE["response"]

# name -> (edits making NEW, edits making OLD, expected findings)
CASES: dict[str, tuple[list[Edit], list[Edit], list[tuple[str, str, str]]]] = {
    "an inline branch inserted first": (
        [(SHAPE, [{"type": "integer"}, CIRCLE, {"type": "string"}])],
        [],
        [("minor", "request-property-variant-added", SHAPE + "/0")],
    ),
    "an inline branch inserted between inline ones": (
        [(REQUEST, {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "boolean"}, {"type": "integer"}]})],
        [(REQUEST, {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}]})],
        [("minor", "request-property-variant-added", REQUEST + "/anyOf/1")],
    ),
    "a middle branch removed": (
        [(RESPONSE, {"oneOf": [{"type": "string"}, {"type": "integer"}]})],
        [(RESPONSE, {"oneOf": [{"type": "string"}, {"type": "boolean"}, {"type": "integer"}]})],
        [("minor", "response-property-variant-removed", RESPONSE + "/oneOf/1")],
    ),
    "branches reordered": ([(SHAPE, [{"type": "string"}, CIRCLE])], [], []),
    "an inline branch moved into a component": (
        [(SHAPE + "/1", {"$ref": "#/components/schemas/Word"}), ("/components/schemas/Word", {"type": "string"})],
        [],
        [("minor", "component-schema-added", "/components/schemas/Word")],
    ),
    "a $ref branch written inline": ([(SHAPE + "/0", {**DISK, "description": "A circle."})], [], []),
    "a $ref to another, equal schema is another model class": (
        [(SHAPE + "/0", {"$ref": "#/components/schemas/Disk"}), ("/components/schemas/Disk", DISK)],
        [],
        [
            ("breaking", "request-property-variant-removed", SHAPE + "/0"),
            ("minor", "request-property-variant-added", SHAPE + "/0"),
            ("minor", "component-schema-added", "/components/schemas/Disk"),
        ],
    ),
    "an edited branch found by its title after an insertion": (
        [(REQUEST, {"oneOf": [{"title": "Code", "type": "integer"}, {"title": "Name", "type": "string", "maxLength": 3}]})],
        [(REQUEST, {"oneOf": [{"title": "Name", "type": "string", "maxLength": 5}]})],
        [
            ("breaking", "request-property-max-length-decreased", REQUEST + "/oneOf/1/maxLength"),
            ("minor", "request-property-variant-added", REQUEST + "/oneOf/0"),
        ],
    ),
    "an edited branch after an insertion is compared with itself": (
        [(SHAPE, [{"type": "integer"}, CIRCLE, {"type": "string", "default": "round"}])],
        [],
        [
            ("breaking", "request-property-default-added", SHAPE + "/2/default"),
            ("minor", "request-property-variant-added", SHAPE + "/0"),
        ],
    ),
    "a branch removed from a response body's list of $refs": (
        [(SHAPE + "/0", DELETE)],
        [],
        [("breaking", "request-property-variant-removed", SHAPE + "/0")],
    ),
    # 3.1 writes a nullable `$ref` as `oneOf: [$ref, {type: 'null'}]`: X becomes one branch of a
    # bare oneOf, compared with itself, and the null branch is nullability, not a new variant.
    "a $ref wrapped with null": (
        [(THING + "/properties/parent", {"oneOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}]})],
        [],
        [("breaking", "response-property-became-nullable", THING + "/properties/parent/oneOf/1")],
    ),
    "a $ref unwrapped from null": (
        [],
        [(THING + "/properties/parent", {"oneOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}]})],
        [("minor", "response-property-became-not-nullable", THING + "/properties/parent/oneOf/1")],
    ),
    "an inline schema wrapped, and edited in the wrapping": (
        [(REQUEST, {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 3}], "description": "A probe."})],
        [(REQUEST, {"type": "string", "maxLength": 5})],
        [
            ("breaking", "request-property-max-length-decreased", REQUEST + "/anyOf/1/maxLength"),
            ("minor", "request-property-became-nullable", REQUEST + "/anyOf/0"),
            ("patch", "description-changed", REQUEST + "/description"),
        ],
    ),
    "a schema wrapped with another branch": (
        [(RESPONSE, {"oneOf": [CIRCLE, {"type": "integer"}]})],
        [(RESPONSE, CIRCLE)],
        [("breaking", "response-property-variant-added", RESPONSE + "/oneOf/1")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_branches_are_paired_by_identity(name: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    new, old, expected = CASES[name]
    assert findings(new, old) == expected


# (old list, new list, pairs as (old index, new index))
PAIRS: dict[str, tuple[list[Any], list[Any], list[tuple[int | None, int | None]]]] = {
    "equal lists": ([{"a": 1}, {"b": 2}], [{"a": 1}, {"b": 2}], [(0, 0), (1, 1)]),
    "an insertion": ([{"a": 1}, {"b": 2}], [{"c": 3}, {"a": 1}, {"b": 2}], [(None, 0), (0, 1), (1, 2)]),
    "a removal": ([{"a": 1}, {"b": 2}], [{"b": 2}], [(1, 0), (0, None)]),
    "an edit pairs by order": ([{"a": 1}], [{"a": 2}], [(0, 0)]),
    "a $ref pairs only with its target": ([{"$ref": "#/x"}], [{"$ref": "#/y"}], [(None, 0), (0, None)]),
    "a $ref never pairs by order with an inline item": ([{"$ref": "#/x"}], [{"a": 1}], [(None, 0), (0, None)]),
    "titles pair before order": (
        [{"title": "A", "v": 1}, {"title": "B", "v": 1}],
        [{"title": "B", "v": 2}, {"title": "A", "v": 2}],
        [(1, 0), (0, 1)],
    ),
    "types pair before order": (
        [{"type": "string", "v": 1}],
        [{"type": "integer"}, {"type": "string", "v": 2}],
        [(None, 0), (0, 1)],
    ),
}


@pytest.mark.parametrize("name", list(PAIRS), ids=list(PAIRS))
def test_pair_items(name: str) -> None:
    old, new, expected = PAIRS[name]
    assert pair_items(old, new) == expected


def test_a_scalar_that_became_an_array_is_one_type_change(findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    """Its new `items` come with the type change; they are not also an unclassified difference."""
    new = [(REQUEST, {"type": "array", "items": {"type": "string"}})]
    assert findings(new, [(REQUEST, {"type": "string"})]) == [
        ("breaking", "request-property-type-changed", REQUEST + "/type")
    ]
    assert findings([(REQUEST, {"type": "string"})], new) == [
        ("breaking", "request-property-type-changed", REQUEST + "/type")
    ]
