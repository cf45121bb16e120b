"""Cases after oasdiff's checker (github.com/oasdiff/oasdiff: data/checker/*, checker/*_test.go),
written as minimal edits of `tests.generator.evolution.test_diff.BASE` rather than copies of its fixtures.

The levels are what the generated Python client's callers see (`generator/evolution/rules.py`
has the reasoning), not oasdiff's: where the two differ, the case says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.generator.evolution.test_diff import (
    CAT,
    DOG,
    GET,
    ON_KIND,
    OP,
    PETS,
    PROBE,
    REQUEST_JSON,
    RESPONSE_JSON,
    Edit,
    tagged,
)
from tests.generator.evolution.test_diff import findings as findings  # the fixture, for this module's tests

LOOSE = "/components/schemas/Loose"  # a branch that does not require the tag
UNTAGGED = {"oneOf": [{"$ref": DOG}, {"$ref": "#/components/schemas/Loose"}]}
LABEL: dict[str, Any] = {"type": "object", "properties": {"label": {"type": "string"}}}
RABBIT = "/components/schemas/Rabbit"
PARAMETER = OP + "/parameters/1"  # dryRun, in the query


def tag(value: str, **properties: Any) -> dict[str, Any]:
    """An object branch told apart by `kind`, as a tagged union without a discriminator is."""
    return {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"const": value}, **properties},
    }


CASES: dict[str, tuple[list[Edit], list[Edit], list[tuple[str, str, str]]]] = {
    # -- discriminators (checker/check_{request,response}_discriminator_updated_test.go). oasdiff
    # reports each at INFO; here the generated union's models change, so they are classified.
    "discriminator added to a request body": (
        [(REQUEST_JSON, ON_KIND)], [(REQUEST_JSON, PETS)],
        [("breaking", "request-body-discriminator-added", REQUEST_JSON + "/discriminator")],
    ),
    "discriminator removed from a request body": (
        [(REQUEST_JSON, PETS)], [(REQUEST_JSON, ON_KIND)],
        [("minor", "request-body-discriminator-removed", REQUEST_JSON + "/discriminator")],
    ),
    "discriminator added to a response body": (
        [(RESPONSE_JSON, ON_KIND)], [(RESPONSE_JSON, PETS)],
        [("minor", "response-body-discriminator-added", RESPONSE_JSON + "/discriminator")],
    ),
    "discriminator removed from a response property": (
        [(PROBE["response"], PETS)], [(PROBE["response"], ON_KIND)],
        [("breaking", "response-property-discriminator-removed", PROBE["response"] + "/discriminator")],
    ),
    "discriminator propertyName changed": (
        [(REQUEST_JSON, {**PETS, "discriminator": {"propertyName": "name"}})], [(REQUEST_JSON, ON_KIND)],
        [("breaking", "request-body-discriminator-property-changed", REQUEST_JSON + "/discriminator/propertyName")],
    ),
    # As oasdiff's mapping fixture: one tag renamed is one value added and one removed.
    "discriminator mapping: a tag renamed": (
        [(REQUEST_JSON, tagged(dog=DOG, cats=CAT))], [(REQUEST_JSON, tagged(dog=DOG, cat=CAT))],
        [
            ("breaking", "request-body-discriminator-mapping-removed", REQUEST_JSON + "/discriminator/mapping/cat"),
            ("minor", "request-body-discriminator-mapping-added", REQUEST_JSON + "/discriminator/mapping/cats"),
        ],
    ),
    "discriminator mapping: a tag means another branch": (
        [(RESPONSE_JSON, tagged(dog=DOG, cat=CAT, pet=DOG))], [(RESPONSE_JSON, tagged(dog=DOG, cat=CAT, pet=CAT))],
        [("breaking", "response-body-discriminator-mapping-changed", RESPONSE_JSON + "/discriminator/mapping/pet")],
    ),
    "an implicit mapping written out is no change": (
        [(REQUEST_JSON, tagged(Dog=DOG, Cat=CAT))], [(REQUEST_JSON, ON_KIND)], []
    ),
    "a mapping value written as a bare name is no change": (
        [(REQUEST_JSON, tagged(dog="Dog"))], [(REQUEST_JSON, tagged(dog=DOG))], []
    ),
    # oasdiff's fixtures put the discriminator on branches that do not require the tag: the
    # generator drops such a discriminator (the union matches by shape), so nothing changes.
    "a discriminator the generator drops": (
        [(REQUEST_JSON, {**UNTAGGED, "discriminator": {"propertyName": "kind"}}), (LOOSE, LABEL)],
        [(REQUEST_JSON, UNTAGGED), (LOOSE, LABEL)],
        [],
    ),
    # -- allOf members (checker/check_{request,response}_property_all_of_updated_test.go and
    # check_breaking_property_test.go's required-properties/response-allof-* cases).
    "a member's property type changed": (
        [(PROBE["response"], {"allOf": [{"$ref": "#/components/schemas/Circle"}, LABEL]}),
         (PROBE["response"] + "/allOf/1/properties/label/type", "integer")],
        [(PROBE["response"], {"allOf": [{"$ref": "#/components/schemas/Circle"}, LABEL]})],
        [("breaking", "response-property-type-changed", PROBE["response"] + "/allOf/1/properties/label/type")],
    ),
    "a required added in a member": (
        [(PROBE["request"], {"allOf": [LABEL, {**LABEL, "required": ["label"]}]})],
        [(PROBE["request"], {"allOf": [LABEL, LABEL]})],
        [("breaking", "request-property-became-required", PROBE["request"] + "/allOf/1/required")],
    ),
    "a property declared in two members, the second changed": (
        [(PROBE["request"], {"allOf": [LABEL, {"properties": {"label": {"type": "string", "maxLength": 3}}}]})],
        [(PROBE["request"], {"allOf": [LABEL, {"properties": {"label": {"type": "string", "maxLength": 5}}}]})],
        [("breaking", "request-property-max-length-decreased",
          PROBE["request"] + "/allOf/1/properties/label/maxLength")],
    ),
    "a member added that constrains a declared property": (
        [(PROBE["request"], {"allOf": [LABEL, {"properties": {"label": {"maxLength": 3}}}]})],
        [(PROBE["request"], {"allOf": [LABEL]})],
        [("breaking", "request-property-max-length-added", PROBE["request"] + "/allOf/1/properties/label/maxLength")],
    ),
    "a member removed that constrained a declared property": (
        [(PROBE["response"], {"allOf": [LABEL]})],
        [(PROBE["response"], {"allOf": [LABEL, {"properties": {"label": {"maxLength": 3}}}]})],
        [("breaking", "response-property-max-length-removed",
          PROBE["response"] + "/allOf/1/properties/label/maxLength")],
    ),
    # response-allof-multi: the new required property is declared in both members; one finding.
    "a required property added to two members": (
        [(PROBE["response"], {"allOf": [
            {**LABEL, "properties": {**LABEL["properties"], "tag": {"type": "string"}}, "required": ["label", "tag"]},
            {**LABEL, "properties": {**LABEL["properties"], "tag": {"type": "string"}}, "required": ["label", "tag"]},
        ]})],
        [(PROBE["response"], {"allOf": [{**LABEL, "required": ["label"]}, {**LABEL, "required": ["label"]}]})],
        [("minor", "response-property-added", PROBE["response"] + "/allOf/0/properties/tag")],
    ),
    # request_property_all_of_added: a `$ref` member that says only what the others say. oasdiff
    # reports the member; the body's model accepts and carries the same values.
    "a $ref member added that repeats the others": (
        [(REQUEST_JSON, {"allOf": [{"$ref": DOG}, {"$ref": "#/components/schemas/Rabbit"}]}),
         (RABBIT, {"type": "object", "properties": {"name": {"type": "string"}}})],
        [(REQUEST_JSON, {"allOf": [{"$ref": DOG}]})],
        [("minor", "component-schema-added", RABBIT)],
    ),
    # -- oneOf exclusivity in a request body. oasdiff reports a new oneOf branch at INFO; a value
    # that matches an old branch and the new one matches two, which `oneOf` refuses.
    "a request oneOf branch that overlaps an old one": (
        [(REQUEST_JSON, {"oneOf": [tag("a"), tag("b"), {"type": "object", "properties": {"note": {"type": "string"}}}]})],
        [(REQUEST_JSON, {"oneOf": [tag("a"), tag("b")]})],
        [("breaking", "request-body-overlapping-variant-added", REQUEST_JSON + "/oneOf/2")],
    ),
    "a request oneOf branch told apart by its tag": (
        [(REQUEST_JSON, {"oneOf": [tag("a"), tag("b"), tag("c")]})],
        [(REQUEST_JSON, {"oneOf": [tag("a"), tag("b")]})],
        [("minor", "request-body-variant-added", REQUEST_JSON + "/oneOf/2")],
    ),
    "a request oneOf branch of another type": (
        [(REQUEST_JSON, {"oneOf": [tag("a"), {"type": "string"}]})], [(REQUEST_JSON, {"oneOf": [tag("a")]})],
        [("minor", "request-body-variant-added", REQUEST_JSON + "/oneOf/1")],
    ),
    "a request oneOf integer branch beside a number": (
        [(REQUEST_JSON, {"oneOf": [{"type": "number"}, {"type": "integer"}]})],
        [(REQUEST_JSON, {"oneOf": [{"type": "number"}]})],
        [("breaking", "request-body-overlapping-variant-added", REQUEST_JSON + "/oneOf/1")],
    ),
    "a request oneOf branch a closed object cannot match": (
        [(REQUEST_JSON, {"oneOf": [{**LABEL, "additionalProperties": False},
                                   {"type": "object", "required": ["note"], "properties": {"note": {}}}]})],
        [(REQUEST_JSON, {"oneOf": [{**LABEL, "additionalProperties": False}]})],
        [("minor", "request-body-variant-added", REQUEST_JSON + "/oneOf/1")],
    ),
    "an overlapping anyOf branch (no exclusivity)": (
        [(REQUEST_JSON, {"anyOf": [tag("a"), {"type": "object"}]})], [(REQUEST_JSON, {"anyOf": [tag("a")]})],
        [("minor", "request-body-variant-added", REQUEST_JSON + "/anyOf/1")],
    ),
    # -- inserting a oneOf branch leaves the others alone (the x-of fixtures).
    "a branch inserted before an edited one with the same type": (
        [(PROBE["request"], {"oneOf": [{"type": "object", "properties": {"c": {"type": "string"}}},
                                       {"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}}},
                                       {"type": "object", "properties": {"b": {"type": "string"}}}]})],
        [(PROBE["request"], {"oneOf": [{"type": "object", "properties": {"a": {"type": "string", "maxLength": 5}}},
                                       {"type": "object", "properties": {"b": {"type": "string"}}}]})],
        [
            ("breaking", "request-property-overlapping-variant-added", PROBE["request"] + "/oneOf/0"),
            ("breaking", "request-property-max-length-decreased", PROBE["request"] + "/oneOf/1/properties/a/maxLength"),
        ],
    ),
    # -- a parameter's default (checker/check_request_parameters_default_value_changed_test.go;
    # oasdiff: ERR, as here): the server uses it for a caller who leaves the parameter out.
    "a parameter default changed": (
        [(PARAMETER + "/schema/default", True)], [(PARAMETER + "/schema/default", False)],
        [("breaking", "request-parameter-default-changed", PARAMETER + "/schema/default")],
    ),
    "a parameter default added": (
        [(PARAMETER + "/schema/default", True)], [],
        [("breaking", "request-parameter-default-added", PARAMETER + "/schema/default")],
    ),
    "a parameter default changed where the parameter moved to the path item": (
        [(OP + "/parameters", [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "integer", "minimum": 1}}]),
         ("/paths/~1things~1{id}/parameters", [{"name": "dryRun", "in": "query",
                                                "schema": {"type": "boolean", "default": True}}]),
         (GET + "/parameters/1", {"name": "dryRun", "in": "query", "schema": {"type": "boolean", "default": True}})],
        [(PARAMETER + "/schema/default", False),
         (GET + "/parameters/1", {"name": "dryRun", "in": "query", "schema": {"type": "boolean", "default": True}})],
        [("breaking", "request-parameter-default-changed", "/paths/~1things~1{id}/parameters/0/schema/default")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
def test_oasdiff_case(name: str, findings: Callable[..., list[tuple[str, str, str]]]) -> None:
    new, old, expected = CASES[name]
    assert findings(new, old) == expected
