"""Comparing two schemas, as the callers on one side of the wire see them.

Schemas are compared after following `$ref`s, with `allOf` members folded into one view
(`views`); each pair of schemas is compared once per side, so cycles end. Composition is
compared in `composition`, the findings kept in `collector`; `generator.evolution.diff`
walks the operations on top of `SchemaDiffer`.
"""

from __future__ import annotations

from typing import Any

from ..spec.openapi import deref
from .composition import Composition
from .matching import canonical
from .rules import LOWER_BOUNDS, REQUEST, UPPER_BOUNDS, kebab, short
from .views import View, Where, component_name, covers, enum_of, fold, types_of

__all__ = ["SchemaDiffer", "Where"]


class SchemaDiffer(Composition):
    """Compares two normalized documents' schemas; the findings go to its `Collector`."""

    def schema(self, old: Any, old_at: str, new: Any, new_at: str, where: Where) -> None:
        """Compare two schemas (either may be a `$ref`) with the rules of `where.side`."""
        old_schema, new_schema = deref(self.old, old, old_at), deref(self.new, new, new_at)
        key = (old_schema.at, new_schema.at, where.side, where.subject)
        if key in self._compared:
            return  # compared already, or a cycle back to a schema being compared
        self._compared.add(key)
        before, after = fold(self.old, old_schema), fold(self.new, new_schema)
        if self._wrapping(before, (old, old_at), after, (new, new_at), where):
            return
        name = component_name(new_schema.at) or component_name(old_schema.at)
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
        elif ("items" in before.keywords) != ("items" in after.keywords) and types_of(before) != types_of(after):
            # To or from an array: the type change above is the finding, and the items come with it.
            self._explained.append((after if "items" in after.keywords else before).keywords["items"][1])
        for keyword in ("oneOf", "anyOf"):
            self._variants(keyword, before, after, where)
        self._discriminator(before, after, where)
        self._explained += before.members + after.members  # a `$ref` member is compared folded in

    def _types(self, before: View, after: View, where: Where) -> None:
        old, new = types_of(before), types_of(after)
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
            if covers(new_base, old_base):
                change = "type-widened"
            elif covers(old_base, new_base):
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

    def _default(self, before: View, after: View, where: Where) -> None:
        """`default`: what the server assumes when a value is left out (see `DEFAULT_CHANGES`)."""
        has_old, has_new = "default" in before.keywords, "default" in after.keywords
        old, new = before.value("default"), after.value("default")
        if (has_old, has_new) == (False, False) or (has_old == has_new and canonical(old) == canonical(new)):
            return
        change = "added" if not has_old else "removed" if not has_new else "changed"
        what = f"default {short(old) if has_old else 'none'} -> {short(new) if has_new else 'none'}"
        self.changed(where, f"default-{change}", after.at_of("default", before), old, new, what)

    def _enum(self, before: View, after: View, where: Where) -> None:
        old, new = enum_of(before), enum_of(after)
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

    def _bounds(self, before: View, after: View, where: Where) -> None:
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

    def _keyword(self, keyword: str, before: View, after: View, where: Where) -> None:
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

    def _properties(self, before: View, after: View, where: Where) -> None:
        side = where.side
        for name, (schema, at) in before.properties.items():
            if name not in after.properties:
                self.add(f"{side}-property-removed", at, schema, None, f"{where.label}.{name} removed")
                self._explained += [at for _, at in before.redeclared.get(name, [])]
                if name in before.required:
                    self._explained.append(before.required[name])
        for name, (schema, at) in after.properties.items():
            kind = "required" if name in after.required else "optional"
            if name not in before.properties:
                rule = f"new-{kind}-request-property" if side == REQUEST else "response-property-added"
                self.add(rule, at, None, schema, f"{where.label}.{name} added, {kind}")
                self._explained += [at for _, at in after.redeclared.get(name, [])]
                if name in after.required:
                    self._explained.append(after.required[name])
                continue
            if (name in before.required) != (name in after.required):
                required_at = after.required.get(name) or before.required[name]
                what = f"{where.label}.{name} now {kind}"
                self.add(f"{side}-property-became-{kind}", required_at, kind != "required", kind == "required", what)
            old_schema, old_at = before.properties[name]
            self.schema(old_schema, old_at, schema, at, where.nested(f".{name}"))
            self._redeclared(name, before, after, where.nested(f".{name}"))
        # Which properties are required is compared above, in whichever `required` list (or
        # `allOf` member) it is written; names required without a declaration are left alone.
        if _undeclared_required(before) == _undeclared_required(after):
            self._explained += before.required_lists + after.required_lists

    def _additional_properties(self, before: View, after: View, where: Where) -> None:
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


def _show(types: frozenset[str] | None) -> str:
    return "any" if types is None else "|".join(sorted(types)) or "nothing"


def _bound(view: View, keyword: str) -> Any:
    value = view.value(keyword)
    return None if value is False else value  # 3.0: `exclusiveMaximum: false` is no bound


def _additional(view: View) -> bool | tuple[Any, str]:
    """`additionalProperties` as True (anything), False (nothing) or (schema, pointer)."""
    value, at = view.keywords.get("additionalProperties", (True, ""))
    if isinstance(value, bool):
        return value
    return (value, at) if isinstance(value, dict) and value else True


def _openness(value: bool | tuple[Any, str]) -> int:
    return 1 if isinstance(value, tuple) else 2 if value else 0


def _show_additional(value: bool | tuple[Any, str]) -> str:
    return "schema" if isinstance(value, tuple) else str(value).lower()


def _undeclared_required(view: View) -> frozenset[str]:
    return frozenset(name for name in view.required if name not in view.properties)
