"""`x-pagination` in the spec diff: it decides whether a method returns a page and how it pages
(see `generator.evolution.paging`), so it is not a patch-level extension."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.evolution.rules import RULES
from tests.generator.evolution.test_diff import BASE, DELETE, THING, Edit, edited
from tests.generator.evolution.test_diff import findings as findings  # the fixture, for this module's tests

LIST = "/paths/~1things/get"
PAGING = LIST + "/x-pagination"
OFFSET = {"style": "offset", "items": "/data", "total": "/total", "offset": "offset", "limit": "limit"}
CURSOR = {"style": "cursor", "items": "/data", "cursor": "cursor", "next_cursor": "/next"}


def _query(name: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "integer" if name != "cursor" else "string"}}


# A list operation that can page by offset or by cursor; BASE's own operations stay as they are.
PAGED = edited(
    BASE,
    [
        (
            "/paths/~1things",
            {
                "get": {
                    "operationId": "listThings",
                    "parameters": [_query(name) for name in ("offset", "limit", "cursor", "start")],
                    "responses": {
                        "200": {
                            "description": "A page.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingList"}}},
                        }
                    },
                }
            },
        ),
        (
            "/components/schemas/ThingList",
            {
                "type": "object",
                "properties": {
                    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                    "total": {"type": "integer"},
                    "count": {"type": "integer"},
                    "next": {"type": "string"},
                    "after": {"type": "string"},
                },
            },
        ),
    ],
)

# name -> (edits making NEW, edits making OLD, expected findings)
CASES: dict[str, tuple[list[Edit], list[Edit], list[tuple[str, str, str]]]] = {
    "added to an existing operation": ([(PAGING, OFFSET)], [], [("breaking", "pagination-added", PAGING)]),
    "removed": ([], [(PAGING, OFFSET)], [("breaking", "pagination-removed", PAGING)]),
    "unchanged": ([(PAGING, OFFSET)], [(PAGING, OFFSET)], []),
    "style changed": (
        [(PAGING, CURSOR)], [(PAGING, OFFSET)], [("breaking", "pagination-style-changed", PAGING + "/style")]
    ),
    "style single to offset": (
        [(PAGING, OFFSET)],
        [(PAGING, {"style": "single", "items": "/data", "total": "/total"})],
        [("breaking", "pagination-style-changed", PAGING + "/style")],
    ),
    "items": (
        [(PAGING, {**OFFSET, "items": "/items"})], [(PAGING, OFFSET)],
        [("breaking", "pagination-items-changed", PAGING + "/items")],
    ),
    "total added": (
        [(PAGING, OFFSET)], [(PAGING, OFFSET), (PAGING + "/total", DELETE)],
        [("minor", "pagination-total-added", PAGING + "/total")],
    ),
    "total removed": (
        [(PAGING, OFFSET), (PAGING + "/total", DELETE)], [(PAGING, OFFSET)],
        [("breaking", "pagination-total-removed", PAGING + "/total")],
    ),
    "total changed": (
        [(PAGING, {**OFFSET, "total": "/count"})], [(PAGING, OFFSET)],
        [("breaking", "pagination-total-changed", PAGING + "/total")],
    ),
    "offset parameter": (
        [(PAGING, {**OFFSET, "offset": "start"})], [(PAGING, OFFSET)],
        [("breaking", "pagination-offset-changed", PAGING + "/offset")],
    ),
    "limit parameter, offset style": (
        [(PAGING, {**OFFSET, "limit": "start"})], [(PAGING, OFFSET)],
        [("breaking", "pagination-limit-changed", PAGING + "/limit")],
    ),
    "cursor parameter": (
        [(PAGING, {**CURSOR, "cursor": "start"})], [(PAGING, CURSOR)],
        [("breaking", "pagination-cursor-changed", PAGING + "/cursor")],
    ),
    "next cursor": (
        [(PAGING, {**CURSOR, "next_cursor": "/after"})], [(PAGING, CURSOR)],
        [("breaking", "pagination-next-cursor-changed", PAGING + "/next_cursor")],
    ),
    # The cursor pager never reads `limit`: the generated surface is the same.
    "limit, cursor style": (
        [(PAGING, {**CURSOR, "limit": "limit"})], [(PAGING, CURSOR)],
        [("patch", "pagination-cursor-limit-changed", PAGING + "/limit")],
    ),
    "not an object": (
        [(PAGING, "offset")], [(PAGING, OFFSET)], [("breaking", "pagination-changed", PAGING)]
    ),
    "an unknown key": (
        [(PAGING, {**OFFSET, "pages": 3})], [(PAGING, OFFSET)], [("breaking", "pagination-changed", PAGING + "/pages")]
    ),
    "on a new operation, only the operation is new": (
        [(PAGING, OFFSET)], [("/paths/~1things", DELETE)], [("minor", "operation-added", LIST)]
    ),
    "with a removed operation, only the operation is gone": (
        [("/paths/~1things", DELETE)], [(PAGING, OFFSET)], [("breaking", "operation-removed", LIST)]
    ),
    "another extension is still documentation": (
        [(PAGING, OFFSET), (LIST + "/x-internal", True)], [(PAGING, OFFSET)],
        [("patch", "extension-changed", LIST + "/x-internal")],
    ),
    # The item type follows the schema `items` points at, which the response diff compares.
    "the items' schema": (
        [(PAGING, OFFSET), (THING + "/properties/id/type", "integer")], [(PAGING, OFFSET)],
        [("breaking", "response-property-type-changed", THING + "/properties/id/type")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_pagination(name: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    new, old, expected = CASES[name]
    assert findings(new, old, base=PAGED) == expected


def test_every_pagination_rule_has_a_case() -> None:
    tested = {rule for _, _, expected in CASES.values() for _, rule, _ in expected}
    assert {rule for rule in RULES if rule.startswith("pagination-")} <= tested
