"""Parameters are paired by (in, name), OpenAPI's identity of a parameter, after the path item's are
merged with the operation's and `$ref`s followed: where and in which order one is written is no
change, a rename is a removal and an addition, and what is left (`style`) is still reported."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.generator.evolution.test_diff import DELETE, GET, OP, Edit
from tests.generator.evolution.test_diff import findings as findings  # the fixture, for this module's tests

PARAMETERS = OP + "/parameters"
ITEM = "/paths/~1things~1{id}/parameters"  # the path item's own
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}  # as in BASE
DRY = {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}}
DRY_REF = {"$ref": "#/components/parameters/Dry"}
REFERENCED = [(PARAMETERS + "/1", DRY_REF), ("/components/parameters", {"Dry": DRY})]
# BASE with `id` declared once, on the path item, for both operations.
SHARED = [(PARAMETERS, [DRY]), (GET + "/parameters", DELETE), (ITEM, [ID])]

# name -> (edits making NEW, edits making OLD, expected findings)
CASES: dict[str, tuple[list[Edit], list[Edit], list[tuple[str, str, str]]]] = {
    "reordered": ([(PARAMETERS, [DRY, ID])], [], []),
    "reordered and changed": (
        [(PARAMETERS, [{**DRY, "schema": {"type": "string"}}, ID])], [],
        [("breaking", "request-parameter-type-changed", PARAMETERS + "/0/schema/type")],
    ),
    "renamed": (
        [(PARAMETERS, [{**DRY, "name": "dry_run"}, ID])], [],
        [
            ("breaking", "request-parameter-removed", PARAMETERS + "/1"),
            ("minor", "new-optional-request-parameter", PARAMETERS + "/0"),
        ],
    ),
    "moved to another location": (
        [(PARAMETERS + "/1", {**DRY, "in": "header"})], [],
        [
            ("breaking", "request-parameter-removed", PARAMETERS + "/1"),
            ("minor", "new-optional-request-parameter", PARAMETERS + "/1"),
        ],
    ),
    "an inline parameter moved into components": (REFERENCED, [], []),
    "a $ref'd parameter's schema changed": (
        [*REFERENCED, ("/components/parameters/Dry/schema/type", "string")], REFERENCED,
        [("breaking", "request-parameter-type-changed", "/components/parameters/Dry/schema/type")],
    ),
    "a $ref'd parameter's default changed": (
        [*REFERENCED, ("/components/parameters/Dry/schema/default", True)],
        [*REFERENCED, ("/components/parameters/Dry/schema/default", False)],
        [("breaking", "request-parameter-default-changed", "/components/parameters/Dry/schema/default")],
    ),
    "a $ref'd parameter's description": (
        [*REFERENCED, ("/components/parameters/Dry/description", "Only check.")], REFERENCED,
        [("patch", "description-changed", "/components/parameters/Dry/description")],
    ),
    "a $ref'd parameter reordered": ([(PARAMETERS, [DRY_REF, ID]), REFERENCED[1]], REFERENCED, []),
    "moved to the path item": ([(PARAMETERS, [DRY]), (ITEM, [ID])], [], []),
    # GET's `id` had no minimum; the path item's, which it now uses, has one.
    "moved to the path item, for an operation that declared it differently": (
        SHARED, [], [("breaking", "request-parameter-minimum-added", ITEM + "/0/schema/minimum")]
    ),
    "the path item's changed": (
        [*SHARED, (ITEM + "/0/schema/type", "string")], SHARED,
        [("breaking", "request-parameter-type-changed", ITEM + "/0/schema/type")],
    ),
    "overridden by the operation": ([*SHARED, (PARAMETERS + "/1", ID)], SHARED, []),
    "a description, where the parameter moved": (
        [(PARAMETERS + "/1", DELETE), (ITEM, [{**DRY, "description": "Only check."}])], [(GET + "/parameters/1", DRY)],
        [("patch", "description-changed", ITEM + "/0/description")],
    ),
    "a $ref'd parameter that comes with a new operation": (
        [("/paths/~1others", {"get": {"operationId": "listOthers", "parameters": [DRY_REF],
                                      "responses": {"204": {"description": "None."}}}}),
         ("/components/parameters", {"Dry": DRY})],
        [],
        [("minor", "operation-added", "/paths/~1others/get")],
    ),
    # How a value is serialized is not classified yet: it is still reported, not dropped.
    "style": ([(PARAMETERS + "/1/style", "form")], [], [("minor", "unclassified-change", PARAMETERS + "/1/style")]),
    "style, in a $ref'd parameter": (
        [*REFERENCED, ("/components/parameters/Dry/explode", False)], REFERENCED,
        [("minor", "unclassified-change", "/components/parameters/Dry/explode")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_parameters(name: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    new, old, expected = CASES[name]
    assert findings(new, old) == expected
