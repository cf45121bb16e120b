"""A schema as the diff compares it: which side of the wire it is on, and its `allOf` folded in."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..spec.openapi import Located, deref
from ..spec.pointers import pointer, split_pointer


@dataclass(frozen=True, slots=True)
class Where:
    """Which side of the wire a schema is on, what it is, and how messages name it."""

    side: str  # REQUEST or RESPONSE
    subject: str  # "body", "parameter" or "property" (anything nested)
    label: str  # "ContactUpdate.name", "PATCH /v3/contacts/{id} request body", ...

    def nested(self, suffix: str) -> Where:
        return Where(self.side, "property", self.label + suffix)


@dataclass
class View:
    """A schema with `allOf` members folded in: the keywords the rules compare."""

    at: str
    keywords: dict[str, tuple[Any, str]] = field(default_factory=dict)  # keyword -> (value, pointer)
    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required: dict[str, str] = field(default_factory=dict)  # name -> pointer of its `required` list
    # Properties declared again in another `allOf` member (a value must match every declaration),
    # and every `required` list folded in.
    redeclared: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)
    required_lists: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # where each `allOf` member that is a `$ref` is

    def value(self, keyword: str) -> Any:
        return self.keywords.get(keyword, (None, ""))[0]

    def at_of(self, keyword: str, other: View) -> str:
        """Where `keyword` is in this schema, else in `other`, else where it would be here."""
        for view in (self, other):
            if keyword in view.keywords:
                return view.keywords[keyword][1]
        return self.at + pointer(keyword)


def component_name(at: str) -> str | None:
    parts = split_pointer(at)
    return parts[2] if len(parts) == 3 and parts[:2] == ["components", "schemas"] else None


def fold(document: dict[str, Any], schema: Located) -> View:
    """Fold `allOf` members into one view; the schema's own keywords win over its members'."""
    view = View(schema.at)
    visited: set[str] = set()

    def absorb(located: Located) -> None:
        if located.at in visited:
            return
        visited.add(located.at)
        for key, value in located.value.items():
            at = located.at + pointer(key)
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    if name in view.properties:
                        view.redeclared.setdefault(name, []).append((sub, at + pointer(name)))
                    else:
                        view.properties[name] = (sub, at + pointer(name))
            elif key == "required" and isinstance(value, list):
                view.required_lists.append(at)
                for name in value:
                    view.required.setdefault(str(name), at)
            elif key != "allOf":
                view.keywords.setdefault(key, (value, at))
        for index, member in enumerate(located.value.get("allOf") or []):
            if isinstance(member, dict) and "$ref" in member:
                view.members.append(f"{located.at}/allOf/{index}")
            absorb(deref(document, member, f"{located.at}/allOf/{index}"))

    absorb(schema)
    return view


def types_of(view: View) -> frozenset[str] | None:
    """JSON types a schema allows, "null" included (3.1 type lists, 3.0 `nullable`); None = any.

    A schema with properties but no type is an object, as the generator reads it, so adding
    `type: object` to it changes nothing.
    """
    declared = view.value("type")
    if declared is None and (view.properties or "additionalProperties" in view.keywords):
        declared = "object"
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = {str(t) for t in declared}
    else:
        return None
    if view.value("nullable") is True:
        types.add("null")
    return frozenset(types)


def covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Every value of the `narrow` types is one of the `wide` types (an integer is a number)."""
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def enum_of(view: View) -> dict[str, Any] | None:
    """Allowed values by canonical JSON (so 1 and true differ), from `enum` or `const`."""
    if isinstance(view.value("enum"), list):
        values = view.value("enum")
    elif "const" in view.keywords:
        values = [view.value("const")]
    else:
        return None
    return {json.dumps(v, sort_keys=True, default=repr): v for v in values}
