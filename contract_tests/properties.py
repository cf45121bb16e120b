"""PATCH semantics that no schema can express, checked on every 200 for the known contact.

Each check compares what was sent and what the contact looked like before with what the
server answered, and returns the properties that broke with a one-line explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

SERVER_MANAGED = frozenset({"id", "workspaceId", "createdAt", "lastUpdateAt", "updatedAt"})

REFLECTS_VALUES_SENT = "reflects_values_sent"
UNSENT_FIELDS_UNCHANGED = "unsent_fields_unchanged"
ID_MATCHES_PATH = "id_matches_path"
CREATED_AT_UNCHANGED = "created_at_unchanged"
WORKSPACE_UNCHANGED = "workspace_id_unchanged"
LAST_UPDATE_NOT_BACKWARDS = "last_update_not_backwards"

SEMANTIC_PROPERTIES = (
    REFLECTS_VALUES_SENT,
    UNSENT_FIELDS_UNCHANGED,
    ID_MATCHES_PATH,
    CREATED_AT_UNCHANGED,
    WORKSPACE_UNCHANGED,
    LAST_UPDATE_NOT_BACKWARDS,
)


def same_json(a: Any, b: Any) -> bool:
    """Equality as JSON means it: 1 == 1.0, but true is not 1 and "1" is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: Collection[str]
) -> list[tuple[str, str, str]]:
    """Each of `fields` that differs between two states of the contact, as (field, was, now) in short text."""
    changes = []
    for field in fields:
        if (field in before) != (field in after) or (field in before and not same_json(after[field], before[field])):
            was = _short(before[field]) if field in before else "absent"
            now = _short(after[field]) if field in after else "absent"
            changes.append((field, was, now))
    return changes


def check_update(
    path_id: object,
    sent: Mapping[str, Any],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    writable: Collection[str],
) -> list[tuple[str, str]]:
    """Broken properties of one successful PATCH, as (property, explanation) pairs.

    Only the `writable` fields (the request schema's) are held to "unsent means unchanged": an
    undocumented property the server adds is its own to manage, like `updatedAt`.
    """
    broken: list[tuple[str, str]] = []
    for field, value in sent.items():
        if field not in after or not same_json(after[field], value):
            got = _short(after[field]) if field in after else "nothing"
            broken.append((REFLECTS_VALUES_SENT, f"sent {field}={_short(value)}, the answer has {got}"))
    unsent = sorted(set(writable) - set(sent) - SERVER_MANAGED)
    for field, was, now in changed_fields(before, after, unsent):
        broken.append((UNSENT_FIELDS_UNCHANGED, f"{field} was not sent but changed from {was} to {now}"))
    if after.get("id") != str(path_id):
        broken.append((ID_MATCHES_PATH, f"PATCHed id {path_id}, the answer has id={_short(after.get('id'))}"))
    if not same_json(after.get("createdAt"), before.get("createdAt")):
        broken.append(
            (CREATED_AT_UNCHANGED, f"createdAt changed from {before.get('createdAt')} to {after.get('createdAt')}")
        )
    if not same_json(after.get("workspaceId"), before.get("workspaceId")):
        broken.append(
            (WORKSPACE_UNCHANGED, f"workspaceId changed from {before.get('workspaceId')} to {after.get('workspaceId')}")
        )
    old, new = moment(before.get("lastUpdateAt")), moment(after.get("lastUpdateAt"))
    if old is not None and (new is None or new < old):
        broken.append(
            (
                LAST_UPDATE_NOT_BACKWARDS,
                f"lastUpdateAt went from {before.get('lastUpdateAt')} to {after.get('lastUpdateAt')}",
            )
        )
    return broken
