"""Each parameter's schema as the runtime's `Rule`, printed into its operation's `Endpoint`.

The rule is built with the runtime's own `Rule` class, so what is printed is exactly what the
runtime checks. Keywords the client cannot check faithfully are left out rather than guessed:
a `pattern` Python's `re` does not compile, formats other than `date-time` and `date`, bounds
that are not finite numbers, and `allOf` (whose members a single rule cannot merge losslessly).
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, get_args

from ..spec.openapi import OpenApi
from .facts import rules

Rule = rules.Rule
MAX_RULE_DEPTH = 20
_JSON_TYPES = frozenset(get_args(rules.JsonType))
_NUMBERS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "multipleOf": "multiple_of",
}
_COUNTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_items",
    "maxItems": "max_items",
}


def parameter_rule(openapi: OpenApi, schema: Any) -> str:
    """The Python source of a parameter's rule, or "" when its schema constrains nothing."""
    rule = rule_of(openapi, schema)
    return render(rule) if rule != Rule() else ""


def rule_of(openapi: OpenApi, schema: Any, depth: int = 0) -> rules.Rule:
    if depth > MAX_RULE_DEPTH or not isinstance(schema, dict):
        return Rule()
    if "$ref" in schema:
        schema = openapi.deref(schema, "").value
    declared = schema.get("type")
    names = declared if isinstance(declared, list) else [declared]
    fields: dict[str, Any] = {"types": tuple(dict.fromkeys(t for t in names if t in _JSON_TYPES))}
    if "const" in schema:
        fields["enum"] = (schema["const"],)
    elif isinstance(schema.get("enum"), list) and schema["enum"]:
        fields["enum"] = tuple(schema["enum"])
    if not all(_is_scalar(value) for value in fields.get("enum", ())):
        del fields["enum"]  # a structured or non-finite value: no parameter can send it as written
    for keyword, name in _NUMBERS.items():
        if _is_number(schema.get(keyword)):
            fields[name] = schema[keyword]
    for keyword, name in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        bound = schema.get(keyword)
        if _is_number(bound):  # OpenAPI 3.1 (JSON Schema 2020-12): the bound itself
            fields[f"exclusive_{name}"] = bound
        elif bound is True and name in fields:  # OpenAPI 3.0: a flag on minimum/maximum
            fields[f"exclusive_{name}"] = fields.pop(name)
    for keyword, name in _COUNTS.items():
        count = schema.get(keyword)
        if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
            fields[name] = count
    if isinstance(schema.get("pattern"), str) and _compiles(schema["pattern"]):
        fields["pattern"] = schema["pattern"]
    if schema.get("format") in rules.FORMATS:
        fields["format"] = schema["format"]
    if isinstance(schema.get("items"), dict):
        fields["items"] = rule_of(openapi, schema["items"], depth + 1)
    if schema.get("uniqueItems") is True:
        fields["unique_items"] = True
    for keyword in ("anyOf", "oneOf"):
        if isinstance(schema.get(keyword), list) and schema[keyword]:
            alternatives = tuple(rule_of(openapi, member, depth + 1) for member in schema[keyword])
            if Rule() not in alternatives:  # an unconstrained member accepts everything
                fields["any_of"] = alternatives
            break
    return Rule(**fields)


def render(rule: rules.Rule) -> str:
    """`Rule(types=('integer',), minimum=1)`: only the fields that constrain, in field order."""
    shown = []
    for field in dataclasses.fields(rule):
        value = getattr(rule, field.name)
        if value == field.default:
            continue
        shown.append(f"{field.name}={_literal(value)}")
    return f"Rule({', '.join(shown)})"


def _literal(value: object) -> str:
    if isinstance(value, Rule):
        return render(value)
    if isinstance(value, tuple):
        return "(" + "".join(f"{_literal(item)}, " for item in value).rstrip(" ") + ")"
    return repr(value)  # str, int, float (finite), bool or None: repr is valid Python source


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | bool) or _is_number(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _compiles(pattern: str) -> bool:
    try:
        rules.compiled(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True
