"""PATCH semantics faults: the update does something other than the spec says."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from ..server import Answer, KinboxServer, stamp


class ResetsUnsentFields(KinboxServer):
    """Clears notes, phone and email unless they are sent: a form-style full update."""

    def apply(self, contact: dict[str, Any], changes: dict[str, Any]) -> None:
        super().apply(contact, {**dict.fromkeys(("notes", "phone", "email")), **changes})


class IgnoresNull(KinboxServer):
    """Treats `null` as "not sent", so a field cannot be cleared."""

    def apply(self, contact: dict[str, Any], changes: dict[str, Any]) -> None:
        super().apply(contact, {name: value for name, value in changes.items() if value is not None})


class MergesObjects(KinboxServer):
    """Deep-merges object fields (JSON Merge Patch) instead of replacing them."""

    def apply(self, contact: dict[str, Any], changes: dict[str, Any]) -> None:
        for name, value in changes.items():
            old = contact.get(name)
            contact[name] = {**old, **value} if isinstance(old, dict) and isinstance(value, dict) else value


class InternalIdBecomesId(KinboxServer):
    """Answers the document's `_id` as the contact's `id` once one is set."""

    def present(self, contact: dict[str, Any]) -> dict[str, Any]:
        return {**contact, "id": contact.get("_id") or contact["id"]}


class CreatedAtRewritten(KinboxServer):
    """An ORM `save()` that sets `createdAt` and `lastUpdateAt` alike on every write."""

    def touch(self, contact: dict[str, Any]) -> None:
        super().touch(contact)
        contact["createdAt"] = contact["lastUpdateAt"]


class WorkspaceFromToken(KinboxServer):
    """Re-homes the contact to the token's default workspace on every write."""

    def touch(self, contact: dict[str, Any]) -> None:
        super().touch(contact)
        contact["workspaceId"] = 43


class UpsertsUnknownIds(KinboxServer):
    """Creates the contact when the id is unknown, instead of answering 404."""

    def unknown_contact(self, contact_id: int) -> Answer:
        now = stamp(dt.datetime.now(dt.UTC))
        created = {"id": str(contact_id), "workspaceId": 42, "createdAt": now, "lastUpdateAt": now}
        self.contacts[str(contact_id)] = created
        return Answer(200, copy.deepcopy(created))
