"""Composition compared: `oneOf`/`anyOf` branches paired by identity, and a schema that became
one branch of a bare `oneOf`/`anyOf` (or the reverse)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..spec.openapi import deref
from .collector import Collector
from .matching import canonical, pair_items
from .rules import DOC_KEYS
from .views import View, Where


class Composition(Collector):
    """The composition keywords of two schemas; `schema` compares two schemas (see `SchemaDiffer`)."""

    def schema(self, old: Any, old_at: str, new: Any, new_at: str, where: Where) -> None:
        raise NotImplementedError

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
