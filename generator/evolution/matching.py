"""Pairing the items of two lists of schemas (`oneOf`/`anyOf` branches) by what they are, not where.

Inserting a branch shifts every later index, so comparing by index reports unrelated branches
as changed. Items are paired instead, each stage only among items still unpaired: equal items
first, then the same `$ref` target, then items that are the same schema once `$ref`s are
followed and documentation is left out (an inline enum moved into a component), then the
same `title`, then the same property names, then the same `type`, then the remaining inline
items in their order. Two `$ref`s to different targets never pair (they are different model
classes), nor does a `$ref` with another inline schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Pairs = list[tuple[int | None, int | None]]  # (old index, new index); None on the side it is missing


def canonical(value: Any) -> str:
    """JSON with sorted keys: equal values give equal text (1 and true differ)."""
    return json.dumps(value, sort_keys=True, default=repr)


Identity = Callable[[Any], str | None]  # an item's key for one stage; None = no key


def pair_items(old: list[Any], new: list[Any], structure: tuple[Identity, Identity] | None = None) -> Pairs:
    """Every index of both lists once: matched pairs in the order of `new`, then the unmatched.

    `structure` keys an item of OLD and of NEW by the schema it stands for (see the module).
    """
    matched: dict[int, int] = {}  # new index -> old index

    def stage(old_identity: Identity, new_identity: Identity | None = None) -> None:
        free_old = [i for i in range(len(old)) if i not in matched.values()]
        for j, item in enumerate(new):
            key = (new_identity or old_identity)(item)
            if j in matched or key is None:
                continue
            found = next((i for i in free_old if old_identity(old[i]) == key), None)
            if found is not None:
                matched[j] = found
                free_old.remove(found)

    stage(canonical)
    stage(_ref)
    if structure is not None:  # inline with inline or with a `$ref`; two `$ref`s only by target
        old_key, new_key = structure
        stage(_inline(old_key), _inline(new_key))
        stage(_inline(old_key), _referenced(new_key))
        stage(_referenced(old_key), _inline(new_key))
    stage(_inline(lambda item: _keyword(item, "title")))
    stage(_inline(_property_names))  # an edited object branch keeps its properties' names
    stage(_inline(lambda item: _keyword(item, "type")))
    inline_old = [i for i in range(len(old)) if i not in matched.values() and _ref(old[i]) is None]
    for j, item in enumerate(new):
        if j not in matched and _ref(item) is None and inline_old:
            matched[j] = inline_old.pop(0)
    pairs: Pairs = [(matched.get(j), j) for j in range(len(new))]
    pairs += [(i, None) for i in range(len(old)) if i not in matched.values()]
    return pairs


def _inline(identity: Identity) -> Identity:
    return lambda item: None if _ref(item) else identity(item)


def _referenced(identity: Identity) -> Identity:
    return lambda item: identity(item) if _ref(item) else None


def _ref(item: Any) -> str | None:
    return item["$ref"] if isinstance(item, dict) and isinstance(item.get("$ref"), str) else None


def _keyword(item: Any, keyword: str) -> str | None:
    return canonical(item[keyword]) if isinstance(item, dict) and keyword in item else None


def _property_names(item: Any) -> str | None:
    properties = item.get("properties") if isinstance(item, dict) else None
    return canonical(sorted(properties)) if isinstance(properties, dict) and properties else None
