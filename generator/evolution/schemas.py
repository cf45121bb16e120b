"""Comparing two schemas, as the callers on one side of the wire see them.

Schemas are compared after following `$ref`s, with `allOf` members folded into one view;
each pair of schemas is compared once per side, so cycles end. `SchemaDiffer` also keeps
the findings, once each; `generator.evolution.diff` walks the operations on top of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..spec.openapi import Located, deref
from ..spec.pointers import pointer, split_pointer
from .matching import canonical, pair_items
from .rules import DOC_KEYS, LOWER_BOUNDS, REQUEST, RULES, UPPER_BOUNDS, Finding, kebab, short


@dataclass(frozen=True, slots=True)
class Where:
    """Which side of the wire a schema is on, what it is, and how messages name it."""

    side: str  # REQUEST or RESPONSE
    subject: str  # "body", "parameter" or "property" (anything nested)
    label: str  # "ContactUpdate.name", "PATCH /v3/contacts/{id} request body", ...

    def nested(self, suffix: str) -> Where:
        return Where(self.side, "property", self.label + suffix)


@dataclass
class _View:
    """A schema with `allOf` members folded in: the keywords the rules compare."""

    at: str
    keywords: dict[str, tuple[Any, str]] = field(default_factory=dict)  # keyword -> (value, pointer)
    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required: dict[str, str] = field(default_factory=dict)  # name -> pointer of its `required` list

    def value(self, keyword: str) -> Any:
        return self.keywords.get(keyword, (None, ""))[0]

    def at_of(self, keyword: str, other: _View) -> str:
        """Where `keyword` is in this schema, else in `other`, else where it would be here."""
        for view in (self, other):
            if keyword in view.keywords:
                return view.keywords[keyword][1]
        return self.at + pointer(keyword)


class SchemaDiffer:
    """Collects findings (see `RULES`) about two normalized documents, and compares their schemas."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.findings: list[Finding] = []
        self._reported: set[tuple[str, str, str]] = set()
        self._compared: set[tuple[str, str, str, str]] = set()
        # Pointers a finding accounts for besides its own (the `required` entry of a property
        # that was added or removed), so they are not reported again as unclassified.
        self._explained: list[str] = []
        # Pointers whose every difference a rule has classified, documentation included.
        self._owned: list[str] = []
        self._others: list[tuple[str, Any, Any]] = []  # raw differences no rule has looked at yet

    def add(self, rule: str, at: str, old: Any, new: Any, message: str) -> None:
        """Record a finding once: a schema reached from several operations says the same thing."""
        key = (rule, at, message)
        if key not in self._reported:
            self._reported.add(key)
            self.findings.append(Finding(RULES[rule], rule, at, old, new, message))

    def changed(self, where: Where, change: str, at: str, old: Any, new: Any, what: str) -> None:
        """A finding about a schema: its rule and level depend on where the schema is."""
        self.add(f"{where.side}-{where.subject}-{change}", at, old, new, f"{where.label}: {what}")

    def schema(self, old: Any, old_at: str, new: Any, new_at: str, where: Where) -> None:
        """Compare two schemas (either may be a `$ref`) with the rules of `where.side`."""
        old_schema, new_schema = deref(self.old, old, old_at), deref(self.new, new, new_at)
        key = (old_schema.at, new_schema.at, where.side, where.subject)
        if key in self._compared:
            return  # compared already, or a cycle back to a schema being compared
        self._compared.add(key)
        before, after = _view(self.old, old_schema), _view(self.new, new_schema)
        if self._wrapping(before, (old, old_at), after, (new, new_at), where):
            return
        name = _component_name(new_schema.at) or _component_name(old_schema.at)
        if name is not None:
            where = Where(where.side, where.subject, name)
        self._types(before, after, where)
        self._enum(before, after, where)
        self._default(before, after, where)
        self._bounds(before, after, where)
        for keyword in ("format", "pattern", "multipleOf", "uniqueItems"):
            self._keyword(keyword, before, after, where)
        self._properties(before, after, where)
        self._additional_properties(before, after, where)
        if "items" in before.keywords and "items" in after.keywords:
            (old_items, old_items_at), (new_items, new_items_at) = before.keywords["items"], after.keywords["items"]
            self.schema(old_items, old_items_at, new_items, new_items_at, where.nested("[]"))
        elif ("items" in before.keywords) != ("items" in after.keywords) and _types(before) != _types(after):
            # To or from an array: the type change above is the finding, and the items come with it.
            self._explained.append((after if "items" in after.keywords else before).keywords["items"][1])
        for keyword in ("oneOf", "anyOf"):
            self._variants(keyword, before, after, where)

    def _types(self, before: _View, after: _View, where: Where) -> None:
        old, new = _types(before), _types(after)
        at = after.at_of("type", before)
        # Whatever differs in `type` or `nullable` is reported below or means the same
        # (`string` and `[string]`, 3.0 `nullable` and a 3.1 type list): not unclassified.
        self._explained += [at, after.at_of("nullable", before)]
        if old is None or new is None:
            if old != new:  # typed on one side only: the typed side accepts less
                change = "type-narrowed" if old is None else "type-widened"
                self.changed(where, change, at, _show(old), _show(new), f"type {_show(old)} -> {_show(new)}")
            return
        old_base, new_base = old - {"null"}, new - {"null"}
        if old_base != new_base:
            if _covers(new_base, old_base):
                change = "type-widened"
            elif _covers(old_base, new_base):
                change = "type-narrowed"
            else:
                change = "type-changed"
            shown = f"type {_show(old_base)} -> {_show(new_base)}"
            self.changed(where, change, at, _show(old_base), _show(new_base), shown)
        was, now = "null" in old, "null" in new
        if was != now:
            if "nullable" in before.keywords or "nullable" in after.keywords:  # OpenAPI 3.0
                at = after.at_of("nullable", before)
            change, what = (
                ("became-nullable", "null now allowed") if now else ("became-not-nullable", "null no longer allowed")
            )
            self.changed(where, change, at, was, now, what)

    def _default(self, before: _View, after: _View, where: Where) -> None:
        """`default`: what the server assumes when a value is left out (see `DEFAULT_CHANGES`)."""
        has_old, has_new = "default" in before.keywords, "default" in after.keywords
        old, new = before.value("default"), after.value("default")
        if (has_old, has_new) == (False, False) or (has_old == has_new and canonical(old) == canonical(new)):
            return
        change = "added" if not has_old else "removed" if not has_new else "changed"
        what = f"default {short(old) if has_old else 'none'} -> {short(new) if has_new else 'none'}"
        self.changed(where, f"default-{change}", after.at_of("default", before), old, new, what)

    def _enum(self, before: _View, after: _View, where: Where) -> None:
        old, new = _enum(before), _enum(after)
        keyword = "enum" if "enum" in after.keywords or "enum" in before.keywords else "const"
        at = after.at_of(keyword, before)
        if old is None or new is None:
            if new is not None:
                values = list(new.values())
                self.changed(where, "enum-added", at, None, values, f"values limited to {short(values)}")
            elif old is not None:
                self.changed(where, "enum-removed", at, list(old.values()), None, "no longer an enum")
            return
        for key, value in old.items():
            if key not in new:
                self.changed(where, "enum-value-removed", at, value, None, f"enum value {short(value)} removed")
        for key, value in new.items():
            if key not in old:
                self.changed(where, "enum-value-added", at, None, value, f"enum value {short(value)} added")

    def _bounds(self, before: _View, after: _View, where: Where) -> None:
        for keyword in (*UPPER_BOUNDS, *LOWER_BOUNDS):
            old, new = _bound(before, keyword), _bound(after, keyword)
            if old == new:
                continue
            if old is None or new is None or isinstance(old, bool) or isinstance(new, bool):
                # Absent, or OpenAPI 3.0's boolean exclusiveMaximum/exclusiveMinimum flag.
                change = "removed" if new is None else "added"
            else:
                change = "decreased" if new < old else "increased"
            what = f"{keyword} {short(old)} -> {short(new)}"
            self.changed(where, f"{kebab(keyword)}-{change}", after.at_of(keyword, before), old, new, what)

    def _keyword(self, keyword: str, before: _View, after: _View, where: Where) -> None:
        """format, pattern, multipleOf, uniqueItems: added, removed or changed."""
        old, new = before.value(keyword), after.value(keyword)
        if keyword == "uniqueItems":
            old, new = (True if old is True else None), (True if new is True else None)
        if old == new:
            return
        change = "added" if old is None else "removed" if new is None else "changed"
        if keyword == "format":
            change = "changed"  # every format change can change the Python type
        what = f"{keyword} {short(old)} -> {short(new)}"
        self.changed(where, f"{kebab(keyword)}-{change}", after.at_of(keyword, before), old, new, what)

    def _properties(self, before: _View, after: _View, where: Where) -> None:
        side = where.side
        for name, (schema, at) in before.properties.items():
            if name not in after.properties:
                self.add(f"{side}-property-removed", at, schema, None, f"{where.label}.{name} removed")
                if name in before.required:
                    self._explained.append(before.required[name])
        for name, (schema, at) in after.properties.items():
            kind = "required" if name in after.required else "optional"
            if name not in before.properties:
                rule = f"new-{kind}-request-property" if side == REQUEST else "response-property-added"
                self.add(rule, at, None, schema, f"{where.label}.{name} added, {kind}")
                if name in after.required:
                    self._explained.append(after.required[name])
                continue
            if (name in before.required) != (name in after.required):
                required_at = after.required.get(name) or before.required[name]
                what = f"{where.label}.{name} now {kind}"
                self.add(f"{side}-property-became-{kind}", required_at, kind != "required", kind == "required", what)
            old_schema, old_at = before.properties[name]
            self.schema(old_schema, old_at, schema, at, where.nested(f".{name}"))

    def _additional_properties(self, before: _View, after: _View, where: Where) -> None:
        old, new = _additional(before), _additional(after)
        if isinstance(old, tuple) and isinstance(new, tuple):
            self.schema(old[0], old[1], new[0], new[1], where.nested(".*"))
            return
        # How much each value lets through: false < a schema < true.
        openness = [_openness(old), _openness(new)]
        if openness[0] == openness[1]:
            return
        if openness[1] < openness[0]:
            change = "additional-properties-restricted"
        else:
            change = "additional-properties-allowed" if old is False else "additional-properties-relaxed"
        shown = _show_additional(old), _show_additional(new)
        at = after.at_of("additionalProperties", before)
        self.changed(where, change, at, shown[0], shown[1], f"additionalProperties {shown[0]} -> {shown[1]}")

    def _wrapping(self, before: _View, old: tuple[Any, str], after: _View, new: tuple[Any, str], where: Where) -> bool:
        """A schema that became one branch of a bare `oneOf`/`anyOf` (`oneOf: [X, {type: 'null'}]`,
        the 3.1 way to make a `$ref` nullable), or the other way round: compared as a list of one
        branch against the branches, so X is compared with itself. True when it was one."""
        for keyword in ("oneOf", "anyOf"):
            if _branches_only(after, keyword) and not _has_branches(before):
                self._branches(keyword, [old], _variants(after, keyword), where)
                self._explained += _spelling(before, old)
                return True
            if _branches_only(before, keyword) and not _has_branches(after):
                self._branches(keyword, _variants(before, keyword), [new], where)
                self._explained += _spelling(after, new)
                return True
        return False

    def _variants(self, keyword: str, before: _View, after: _View, where: Where) -> None:
        self._branches(keyword, _variants(before, keyword), _variants(after, keyword), where)

    def _branches(self, keyword: str, old: list[tuple[Any, str]], new: list[tuple[Any, str]], where: Where) -> None:
        # Branches are paired by identity (see `matching`): an inserted branch is added, and
        # the branches after it are still compared with themselves.
        structure = (self._structure(self.old), self._structure(self.new))
        for i, j in pair_items([schema for schema, _ in old], [schema for schema, _ in new], structure):
            if i is not None and j is None:
                schema, at = old[i]
                if _is_null(schema):  # `oneOf: [X, {type: 'null'}]` is how 3.1 writes a nullable X
                    self.changed(where, "became-not-nullable", at, True, False, "null no longer allowed")
                    continue
                what = f"{keyword} variant {_variant_name(schema, i)} removed"
                self.changed(where, "variant-removed", at, schema, None, what)
            elif j is not None and i is None:
                schema, at = new[j]
                if _is_null(schema):
                    self.changed(where, "became-nullable", at, False, True, "null now allowed")
                    continue
                self.changed(
                    where, "variant-added", at, None, schema, f"{keyword} variant {_variant_name(schema, j)} added"
                )
            elif i is not None and j is not None:
                label = f"{where.label}|{_variant_name(new[j][0], j)}"
                self.schema(old[i][0], old[i][1], new[j][0], new[j][1], Where(where.side, where.subject, label))
                if _reference(old[i][0]) != _reference(new[j][0]):
                    # The same schema written inline on one side and as a `$ref` on the other:
                    # compared above, so the raw difference in the list is explained.
                    self._explained += [old[i][1], new[j][1]]

    @staticmethod
    def _structure(document: dict[str, Any]) -> Callable[[Any], str | None]:
        """A branch as the schema it stands for: `$ref` followed, documentation left out."""

        def key(item: Any) -> str | None:
            value = deref(document, item, "").value
            return canonical({k: v for k, v in value.items() if k not in DOC_KEYS})

        return key


def _component_name(at: str) -> str | None:
    parts = split_pointer(at)
    return parts[2] if len(parts) == 3 and parts[:2] == ["components", "schemas"] else None


def _view(document: dict[str, Any], schema: Located) -> _View:
    """Fold `allOf` members into one view; the schema's own keywords win over its members'."""
    view = _View(schema.at)
    visited: set[str] = set()

    def absorb(located: Located) -> None:
        if located.at in visited:
            return
        visited.add(located.at)
        for key, value in located.value.items():
            at = located.at + pointer(key)
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    view.properties.setdefault(name, (sub, at + pointer(name)))
            elif key == "required" and isinstance(value, list):
                for name in value:
                    view.required.setdefault(str(name), at)
            elif key != "allOf":
                view.keywords.setdefault(key, (value, at))
        for index, member in enumerate(located.value.get("allOf") or []):
            absorb(deref(document, member, f"{located.at}/allOf/{index}"))

    absorb(schema)
    return view


def _types(view: _View) -> frozenset[str] | None:
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


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Every value of the `narrow` types is one of the `wide` types (an integer is a number)."""
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _show(types: frozenset[str] | None) -> str:
    return "any" if types is None else "|".join(sorted(types)) or "nothing"


def _enum(view: _View) -> dict[str, Any] | None:
    """Allowed values by canonical JSON (so 1 and true differ), from `enum` or `const`."""
    if isinstance(view.value("enum"), list):
        values = view.value("enum")
    elif "const" in view.keywords:
        values = [view.value("const")]
    else:
        return None
    return {json.dumps(v, sort_keys=True, default=repr): v for v in values}


def _bound(view: _View, keyword: str) -> Any:
    value = view.value(keyword)
    return None if value is False else value  # 3.0: `exclusiveMaximum: false` is no bound


def _additional(view: _View) -> bool | tuple[Any, str]:
    """`additionalProperties` as True (anything), False (nothing) or (schema, pointer)."""
    value, at = view.keywords.get("additionalProperties", (True, ""))
    if isinstance(value, bool):
        return value
    return (value, at) if isinstance(value, dict) and value else True


def _openness(value: bool | tuple[Any, str]) -> int:
    return 1 if isinstance(value, tuple) else 2 if value else 0


def _show_additional(value: bool | tuple[Any, str]) -> str:
    return "schema" if isinstance(value, tuple) else str(value).lower()


def _variants(view: _View, keyword: str) -> list[tuple[Any, str]]:
    """oneOf/anyOf members with their pointers."""
    members = view.value(keyword)
    if not isinstance(members, list):
        return []
    return [(member, view.keywords[keyword][1] + f"/{index}") for index, member in enumerate(members)]


# Keywords a bare `oneOf`/`anyOf` wrapper may carry and still say nothing of its own about values.
_WRAPPER_KEYS = frozenset({*DOC_KEYS, "discriminator", "nullable", "default"})


def _branches_only(view: _View, keyword: str) -> bool:
    """The schema is `keyword` and documentation only: its values are its branches' values."""
    return (
        keyword in view.keywords
        and not view.properties
        and all(key == keyword or key in _WRAPPER_KEYS or key.startswith("x-") for key in view.keywords)
    )


def _has_branches(view: _View) -> bool:
    return "oneOf" in view.keywords or "anyOf" in view.keywords


def _spelling(view: _View, written: tuple[Any, str]) -> list[str]:
    """Where the unwrapped side's own keys are: compared as a branch, so not unclassified."""
    schema, at = written
    if _reference(schema) is not None:
        return [at + "/$ref"]
    return [value_at for _, value_at in view.keywords.values()] + [at for _, at in view.properties.values()]


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") in ("null", ["null"]) and len(schema) == 1


def _reference(schema: Any) -> str | None:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref if isinstance(ref, str) else None


def _variant_name(schema: Any, index: int) -> str:
    ref = _reference(schema)
    return ref.rsplit("/", 1)[-1] if ref is not None else f"inline #{index}"
