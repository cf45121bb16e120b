"""Composition compared: `oneOf`/`anyOf` branches paired by identity (and whether a new `oneOf`
branch overlaps an old one), a schema that became one branch of a bare `oneOf`/`anyOf` (or the
reverse), a property declared again in another `allOf` member, and the `discriminator` that
decides a union."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from ..spec.discriminators import discriminator_applies
from ..spec.openapi import deref
from ..spec.pointers import pointer
from .collector import Collector
from .matching import canonical, pair_items
from .rules import DOC_KEYS, short
from .views import View, Where, enum_of, fold, types_of


class Composition(Collector, ABC):
    """The composition keywords of two schemas; `schema` compares two schemas (see `SchemaDiffer`)."""

    @abstractmethod
    def schema(self, old: Any, old_at: str, new: Any, new_at: str, where: Where) -> None:
        """Compare two schemas: the branches and members found here are compared with it."""

    def _wrapping(self, before: View, old: tuple[Any, str], after: View, new: tuple[Any, str], where: Where) -> bool:
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

    def _variants(self, keyword: str, before: View, after: View, where: Where) -> None:
        self._branches(keyword, _variants(before, keyword), _variants(after, keyword), where)

    def _branches(self, keyword: str, old: list[tuple[Any, str]], new: list[tuple[Any, str]], where: Where) -> None:
        # Branches are paired by identity (see `matching`): an inserted branch is added, and
        # the branches after it are still compared with themselves.
        structure = (self._structure(self.old), self._structure(self.new))
        pairs = pair_items([schema for schema, _ in old], [schema for schema, _ in new], structure)
        kept = [old[i] for i, j in pairs if i is not None and j is not None]
        for i, j in pairs:
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
                what = f"{keyword} variant {_variant_name(schema, j)} added"
                overlapped = next((o for o in kept if keyword == "oneOf" and self._overlap(o, new[j])), None)
                if overlapped is None:
                    self.changed(where, "variant-added", at, None, schema, what)
                else:
                    # A value that matched the old branch alone may now match two, which `oneOf` refuses.
                    what += f", and may match what {_variant_name(overlapped[0], old.index(overlapped))} matches"
                    self.changed(where, "overlapping-variant-added", at, None, schema, what)
            elif i is not None and j is not None:
                label = f"{where.label}|{_variant_name(new[j][0], j)}"
                self.schema(old[i][0], old[i][1], new[j][0], new[j][1], Where(where.side, where.subject, label))
                if _reference(old[i][0]) != _reference(new[j][0]):
                    # The same schema written inline on one side and as a `$ref` on the other:
                    # compared above, so the raw difference in the list is explained.
                    self._explained += [old[i][1], new[j][1]]

    def _overlap(self, old: tuple[Any, str], new: tuple[Any, str]) -> bool:
        """Whether a value may match both branches: true unless it provably cannot (types with
        no value in common, disjoint enums, a property both require with disjoint values, or a
        property one requires that the other's `additionalProperties: false` forbids)."""
        a = fold(self.old, deref(self.old, *old))
        b = fold(self.new, deref(self.new, *new))
        return not (_disjoint_values(a, b) or _tagged_apart(self.old, a, self.new, b))

    def _redeclared(self, name: str, before: View, after: View, where: Where) -> None:
        """A property declared again in another `allOf` member: a value must match each declaration.

        Declarations are paired by identity. One that appears is compared as what it makes of the
        property's first declaration (the two written as one schema) with the old first one; one
        that goes away, the other way round.
        """
        old, new = before.redeclared.get(name, []), after.redeclared.get(name, [])
        structure = (self._structure(self.old), self._structure(self.new))
        for i, j in pair_items([schema for schema, _ in old], [schema for schema, _ in new], structure):
            if i is not None and j is not None:
                self.schema(*old[i], *new[j], where)
            elif j is not None:
                merged = self._merged(self.new, after.properties[name], new[j])
                self.schema(*before.properties[name], merged, new[j][1], where)
                self._explained.append(new[j][1])
            elif i is not None:
                merged = self._merged(self.old, before.properties[name], old[i])
                self.schema(merged, old[i][1], *after.properties[name], where)
                self._explained.append(old[i][1])

    @staticmethod
    def _merged(document: dict[str, Any], first: tuple[Any, str], again: tuple[Any, str]) -> dict[str, Any]:
        return {**deref(document, *first).value, **deref(document, *again).value}

    def _discriminator(self, before: View, after: View, where: Where) -> None:
        """The tag that decides a generated union, and which branch each tag value means.

        Only a discriminator the generator keeps counts (`discriminator_applies`): one on a
        union whose branches do not all require the tag is dropped from the models, so adding,
        changing or removing it changes nothing callers see. (oasdiff reports every
        discriminator change at INFO level; here they are classified as the models change.)
        """
        old, new = _tags(self.old, before), _tags(self.new, after)
        at = after.at_of("discriminator", before)
        if "discriminator" in before.keywords or "discriminator" in after.keywords:
            self._explained.append(at)  # classified below, or dropped by the generator on both sides
        if old is None or new is None:
            if old != new:
                change = "discriminator-added" if old is None else "discriminator-removed"
                before_name, after_name = (None if tags is None else tags[0] for tags in (old, new))
                what = f"discriminator {short(before_name or after_name)} {'added' if old is None else 'removed'}"
                self.changed(where, change, at, before_name, after_name, what)
            return
        if old[0] != new[0]:
            what = f"discriminator propertyName {short(old[0])} -> {short(new[0])}"
            self.changed(where, "discriminator-property-changed", at + "/propertyName", old[0], new[0], what)
            return
        for tag in [*old[1], *(t for t in new[1] if t not in old[1])]:
            before_ref, after_ref = old[1].get(tag), new[1].get(tag)
            if before_ref == after_ref:
                continue
            change = "added" if before_ref is None else "removed" if after_ref is None else "changed"
            what = f"discriminator value {short(tag)}: {short(before_ref)} -> {short(after_ref)}"
            self.changed(
                where, f"discriminator-mapping-{change}", at + "/mapping" + pointer(tag), before_ref, after_ref, what
            )

    @staticmethod
    def _structure(document: dict[str, Any]) -> Callable[[Any], str | None]:
        """A branch as the schema it stands for: `$ref` followed, documentation left out."""

        def key(item: Any) -> str | None:
            value = deref(document, item, "").value
            return canonical({k: v for k, v in value.items() if k not in DOC_KEYS})

        return key


def _variants(view: View, keyword: str) -> list[tuple[Any, str]]:
    """oneOf/anyOf members with their pointers."""
    members = view.value(keyword)
    if not isinstance(members, list):
        return []
    return [(member, view.keywords[keyword][1] + f"/{index}") for index, member in enumerate(members)]


# Keywords a bare `oneOf`/`anyOf` wrapper may carry and still say nothing of its own about values.
_WRAPPER_KEYS = frozenset({*DOC_KEYS, "discriminator", "nullable", "default"})


def _branches_only(view: View, keyword: str) -> bool:
    """The schema is `keyword` and documentation only: its values are its branches' values."""
    return (
        keyword in view.keywords
        and not view.properties
        and all(key == keyword or key in _WRAPPER_KEYS or key.startswith("x-") for key in view.keywords)
    )


def _has_branches(view: View) -> bool:
    return "oneOf" in view.keywords or "anyOf" in view.keywords


def _spelling(view: View, written: tuple[Any, str]) -> list[str]:
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


def _tags(document: dict[str, Any], view: View) -> tuple[str, dict[str, str]] | None:
    """The discriminator's property and each tag value's branch (`$ref`), when the generator keeps it.

    Branches the mapping does not name are tagged by their schema's name, as OpenAPI says.
    """
    discriminator = view.value("discriminator")
    node: dict[str, Any] = {key: view.value(key) for key in ("discriminator", "oneOf", "anyOf") if key in view.keywords}
    if not isinstance(discriminator, dict) or not discriminator_applies(document, node):
        return None
    mapping = discriminator.get("mapping")
    mapping = mapping if isinstance(mapping, dict) else {}
    tags = {str(tag): _schema_ref(str(ref)) for tag, ref in mapping.items()}
    for branch, _ in _variants(view, "oneOf") + _variants(view, "anyOf"):
        ref = _reference(branch)
        if ref is not None and ref not in tags.values():
            tags.setdefault(ref.rsplit("/", 1)[-1], ref)
    return str(discriminator.get("propertyName")), tags


def _schema_ref(value: str) -> str:
    """A mapping value as a `$ref`: a bare name means a component schema."""
    return value if "#" in value or "/" in value else f"#/components/schemas/{value}"


def _disjoint_values(a: View, b: View) -> bool:
    types, others = types_of(a), types_of(b)
    if types is not None and others is not None and not _share_types(types, others):
        return True
    values, other_values = enum_of(a), enum_of(b)
    return values is not None and other_values is not None and not values.keys() & other_values.keys()


def _tagged_apart(old_document: dict[str, Any], a: View, new_document: dict[str, Any], b: View) -> bool:
    for name in a.required.keys() & b.required.keys():
        if name in a.properties and name in b.properties:
            tag = fold(old_document, deref(old_document, *a.properties[name]))
            other = fold(new_document, deref(new_document, *b.properties[name]))
            if _disjoint_values(tag, other):
                return True
    closed = [(x, y) for x, y in ((a, b), (b, a)) if x.value("additionalProperties") is False]
    return any(name not in x.properties for x, y in closed for name in y.required)


def _share_types(types: frozenset[str], others: frozenset[str]) -> bool:
    """Some value has one of each (an integer is a number)."""
    return bool(types & others) or any({"integer", "number"} <= {x, y} for x in types for y in others)
