"""Contacts in memory, with the PATCH semantics of the contract.

Only the fields sent change; `lastUpdateAt` and `updatedAt` advance (strictly, even within
one clock tick); `id`, `workspaceId` and `createdAt` never change. Each update is a
read-modify-write under one lock, so concurrent PATCHes never lose an update.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

SEED_PATH = Path(__file__).with_name("contacts.json")
SERVER_MANAGED = frozenset({"id", "workspaceId", "createdAt", "lastUpdateAt", "updatedAt"})
_TICK = dt.timedelta(milliseconds=1)
# allow_nan=False: the bytes then encode exactly the value they were made from. One encoder
# for every answer: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is not dt.UTC:
        moment = moment.astimezone(dt.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def load_seed(path: Path = SEED_PATH) -> list[dict[str, Any]]:
    contacts: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return contacts


class ContactStore:
    """Contacts by id (the decimal string form of the path id)."""

    def __init__(self, contacts: Iterable[Mapping[str, Any]], *, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._contacts = {str(contact["id"]): copy.deepcopy(dict(contact)) for contact in contacts}
        self._last_update = {key: parse_stamp(c["lastUpdateAt"]) for key, c in self._contacts.items()}
        self._clock = clock
        self._lock = threading.Lock()

    def ids(self) -> list[str]:
        return sorted(self._contacts, key=int)

    def get(self, contact_id: str) -> dict[str, Any] | None:
        with self._lock:
            contact = self._contacts.get(contact_id)
            return copy.deepcopy(contact) if contact is not None else None

    def patch(self, contact_id: str, changes: Mapping[str, Any]) -> tuple[bytes, dict[str, Any]] | None:
        """Apply `changes`; return the contact afterwards as JSON and as the value that JSON
        encodes (a snapshot), or None when it does not exist.

        An empty change set is not an update: it answers the current state unchanged.
        """
        with self._lock:
            contact = self._contacts.get(contact_id)
            if contact is None:
                return None
            if changes:
                for field, value in changes.items():
                    if field not in SERVER_MANAGED:
                        # Containers are copied so the caller's objects never alias the store.
                        contact[field] = copy.deepcopy(value) if isinstance(value, dict | list) else value
                moment = max(self._clock(), self._last_update[contact_id] + _TICK)
                self._last_update[contact_id] = moment
                contact["lastUpdateAt"] = contact["updatedAt"] = stamp(moment)
            # The self-check validates the snapshot instead of parsing the bytes back. A shallow
            # copy is a snapshot because updates replace field values, never change them in place.
            return _ENCODER.encode(contact).encode("utf-8"), dict(contact)
