"""The rest of a spec diff: documentation changes, and any difference the rules do not explain.

Walks both documents key by key, so that nothing a rule does not know about is dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..spec.pointers import pointer
from ..spec.refs import DATA_KEYS, NAME_MAPS
from .matching import pair_items
from .rules import DOC_KEYS


def related(at: str, known: str) -> bool:
    """One pointer is the other or lies inside it."""
    return at == known or at.startswith(known + "/") or known.startswith(at + "/")


def raw_changes(
    old: Any, new: Any, at: str, *, names: bool, others: list[tuple[str, Any, Any]]
) -> Iterator[tuple[str, str, Any, Any]]:
    """Documentation changes as (pointer, key, old, new); every other difference goes to `others`.

    `names` is true where keys are user-chosen names (see `refs.NAME_MAPS`): a property called
    `description` is not documentation. Lists of plain values are compared as sets (`required`
    or `type` in another order is the same), other lists item by item. A key on one side only
    has None on the other. `info.version` is left out: the diff judges the version, it does
    not report it.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            child = at + pointer(key)
            before, after = old.get(key), new.get(key)
            if child == "/info/version" or (_same(before, after) and (key in old) == (key in new)):
                continue
            if not names and (key in DOC_KEYS or key.startswith("x-")):
                yield child, key, before, after
            elif key not in old or key not in new or (not names and key in DATA_KEYS):
                others.append((child, before, after))
            else:
                nested = not names and key in NAME_MAPS and isinstance(after, dict)
                yield from raw_changes(before, after, child, names=nested, others=others)
    elif isinstance(old, list) and isinstance(new, list) and not _scalars(old + new):
        # Items paired by identity, as the schema diff pairs `oneOf` branches: an insertion
        # is one added item, not a change to every item after it.
        for i, j in pair_items(old, new):
            if i is None or j is None:
                others.append(
                    (f"{at}/{i if j is None else j}", None if i is None else old[i], None if j is None else new[j])
                )
            elif not _same(old[i], new[j]):
                yield from raw_changes(old[i], new[j], f"{at}/{j}", names=False, others=others)
    elif not _same(old, new):
        others.append((at, old, new))


def _scalars(values: list[Any]) -> bool:
    return all(not isinstance(v, dict | list) for v in values)


def _same(old: Any, new: Any) -> bool:
    """Equal as JSON (1 and true differ); lists of plain values in any order."""
    if isinstance(old, list) and isinstance(new, list) and _scalars(old + new):
        return {json.dumps(v, default=repr) for v in old} == {json.dumps(v, default=repr) for v in new}
    return json.dumps(old, sort_keys=True, default=repr) == json.dumps(new, sort_keys=True, default=repr)
