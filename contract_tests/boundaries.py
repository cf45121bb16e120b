"""Values at and just past every constraint of the request schema, and values of every wrong JSON type.

Everything is derived from the schema of each request property, so a field or a limit added to
the spec is probed without touching this module. Text limits are counted in code points (as
JSON Schema counts them), so each is probed with ASCII and with multi-byte text: a server
counting bytes or UTF-16 units, or choking on a combining mark, is caught at its limit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# One code point each, from one to four UTF-8 bytes (and one or two UTF-16 units), then a
# letter followed by a combining mark (two code points that render as one).
ALPHABETS: dict[str, str] = {
    "ascii": "a",
    "latin-1": "é",
    "cjk": "中",
    "emoji": "😀",
    "combining": "e\u0301",
}
# Values of each JSON type, including the ones a lenient server coerces into another type
# ("true" or 1 into a boolean, 7 into "7", {} into an empty list).
SAMPLES_OF_TYPE: dict[str, tuple[Any, ...]] = {
    "string": ("kinbox", "true", "0", "7", ""),
    "integer": (7, 0, 1),
    "number": (1.5,),
    "boolean": (True, False),
    "array": (["kinbox"], []),
    "object": ({"kinbox": 1}, {}),
    "null": (None,),
}
LIMIT, TYPE, NULL = "limit", "type", "null"
PROBED_KEYWORDS = frozenset(
    {"maxLength", "minLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}
    | {"maxItems", "minItems", "maxProperties", "minProperties", "enum", "const"}
)
# Keywords that constrain a value but are not probed here (schemathesis' own cases still cover them).
CONSTRAINT_KEYWORDS = PROBED_KEYWORDS | {"pattern", "multipleOf", "uniqueItems", "format", "not", "oneOf", "anyOf"}


@dataclass(frozen=True)
class Probe:
    """One value for one field, and whether a conforming server must accept it."""

    field: str
    label: str  # the boundary, for the report: "maxLength 128: at, emoji"
    value: Any
    accept: bool
    kind: str = LIMIT  # what a server that accepts a refused value gets wrong


def types_of(schema: Mapping[str, Any]) -> frozenset[str] | None:
    """The JSON types a schema allows; None when it does not say (anything goes)."""
    declared = schema.get("type")
    if declared is None:
        return None
    allowed = {declared} if isinstance(declared, str) else set(declared)
    return frozenset(allowed | ({"integer"} if "number" in allowed else set()))


def text(length: int, alphabet: str) -> str:
    """Exactly `length` code points drawn from `alphabet`'s unit."""
    unit = ALPHABETS[alphabet]
    return (unit * (length // len(unit) + 1))[:length]


def unprobed_keywords(properties: Mapping[str, Mapping[str, Any]]) -> dict[str, set[str]]:
    """Constraint keywords the spec uses that this module does not probe, by field."""
    found: dict[str, set[str]] = {}
    for name, schema in properties.items():
        missing = (CONSTRAINT_KEYWORDS - PROBED_KEYWORDS) & schema.keys()
        if missing:
            found[name] = set(missing)
    return found


def probes(properties: Mapping[str, Mapping[str, Any]]) -> Iterator[Probe]:
    """Every boundary and wrong-type probe of a request schema's properties."""
    for name, schema in properties.items():
        yield from _length_probes(name, schema)
        yield from _number_probes(name, schema)
        yield from _count_probes(name, schema)
        yield from _choice_probes(name, schema)
        yield from _type_probes(name, schema)


def _length_probes(name: str, schema: Mapping[str, Any]) -> Iterator[Probe]:
    for alphabet in ALPHABETS:
        if "maxLength" in schema:
            limit = schema["maxLength"]
            yield Probe(name, f"maxLength {limit}: at, {alphabet}", text(limit, alphabet), True)
            yield Probe(name, f"maxLength {limit}: one past, {alphabet}", text(limit + 1, alphabet), False)
        if schema.get("minLength", 0) > 0:
            limit = schema["minLength"]
            yield Probe(name, f"minLength {limit}: at, {alphabet}", text(limit, alphabet), True)
            yield Probe(name, f"minLength {limit}: one short, {alphabet}", text(limit - 1, alphabet), False)


def _number_probes(name: str, schema: Mapping[str, Any]) -> Iterator[Probe]:
    # The step past a limit: 1 for integers, else a fraction that stays exact in binary.
    step: float = 1 if types_of(schema) == frozenset({"integer"}) else 0.5
    for keyword, sign, inclusive in (
        ("minimum", -1, True),
        ("maximum", 1, True),
        ("exclusiveMinimum", -1, False),
        ("exclusiveMaximum", 1, False),
    ):
        if keyword in schema:
            limit = schema[keyword]
            yield Probe(name, f"{keyword} {limit}: at", limit, inclusive)
            inside = limit if inclusive else limit - sign * step
            yield Probe(name, f"{keyword} {limit}: just inside", inside, True)
            yield Probe(name, f"{keyword} {limit}: one past", limit + sign * step, False)


def _count_probes(name: str, schema: Mapping[str, Any]) -> Iterator[Probe]:
    def items(count: int) -> list[Any]:
        return [f"item-{index}" for index in range(count)]

    def members(count: int) -> dict[str, Any]:
        return {f"key-{index}": index for index in range(count)}

    for keyword, make, past in (
        ("maxItems", items, 1),
        ("minItems", items, -1),
        ("maxProperties", members, 1),
        ("minProperties", members, -1),
    ):
        limit = schema.get(keyword)
        if limit is None or limit + past < 0:
            continue
        yield Probe(name, f"{keyword} {limit}: at", make(limit), True)
        yield Probe(name, f"{keyword} {limit}: one past", make(limit + past), False)


def _choice_probes(name: str, schema: Mapping[str, Any]) -> Iterator[Probe]:
    choices = schema["enum"] if "enum" in schema else [schema["const"]] if "const" in schema else None
    if choices is None:
        return
    for choice in choices:
        yield Probe(name, f"enum: {choice!r}", choice, True)
    outsider = "-".join(["not", *map(str, choices)])
    yield Probe(name, "enum: not a member", outsider, False)


def _type_probes(name: str, schema: Mapping[str, Any]) -> Iterator[Probe]:
    allowed = types_of(schema)
    if allowed is None:
        return
    for json_type, samples in SAMPLES_OF_TYPE.items():
        if json_type in allowed:
            continue
        for sample in samples:
            if json_type == "null":
                yield Probe(name, "null, refused", sample, False, NULL)
            else:
                yield Probe(name, f"wrong type: {json_type} {json.dumps(sample)}", sample, False, TYPE)
    if "null" in allowed:
        yield Probe(name, "null, allowed", None, True, NULL)
