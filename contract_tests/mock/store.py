"""Contacts in memory, with the PATCH semantics of the contract.

Only the fields sent change; `lastUpdateAt` and `updatedAt` advance (strictly, even within
one clock tick); `id`, `workspaceId` and `createdAt` never change. Each update is a
read-modify-write under one lock, so concurrent PATCHes never lose an update.

Records are copy-on-write: an operation builds the whole new record beside the stored one and
hands it to `_commit`, the store's only write, which encodes it first and stores it only if
that worked. So a write that fails for any reason leaves the store exactly as it was, and the
store never holds a record it could not send back, whatever operation it serves.
"""

from __future__ import annotations

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
_DECODER = json.JSONDecoder()


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


class Unstorable(ValueError):
    """A record the store refused because it could not be encoded as JSON (and so not sent back)."""


class ContactStore:
    """Contacts by id (the decimal string form of the path id)."""

    def __init__(self, contacts: Iterable[Mapping[str, Any]], *, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._contacts: dict[str, dict[str, Any]] = {}
        self._last_update: dict[str, dt.datetime] = {}
        for contact in contacts:
            key = str(contact["id"])
            self._commit(key, _detached(dict(contact)))
            self._last_update[key] = parse_stamp(contact["lastUpdateAt"])
        self._clock = clock
        self._lock = threading.Lock()

    def ids(self) -> list[str]:
        return sorted(self._contacts, key=int)

    def get(self, contact_id: str) -> dict[str, Any] | None:
        with self._lock:
            contact = self._contacts.get(contact_id)
        return _detached(contact) if contact is not None else None

    def patch(self, contact_id: str, changes: Mapping[str, Any]) -> tuple[bytes, dict[str, Any]] | None:
        """Apply `changes`; return the contact afterwards as JSON and as the value that JSON
        encodes (a snapshot), or None when it does not exist. `Unstorable` when the result
        could not be encoded; the contact is then unchanged.

        An empty change set is not an update: it answers the current state unchanged.
        """
        with self._lock:
            current = self._contacts.get(contact_id)
            if current is None:
                return None
            if not changes:
                return _encode(current), dict(current)
            record = dict(current)
            for field, value in changes.items():
                if field not in SERVER_MANAGED:
                    # Containers are copied so the caller's objects never alias the store.
                    record[field] = _detached(value) if isinstance(value, dict | list) else value
            moment = max(self._clock(), self._last_update[contact_id] + _TICK)
            record["lastUpdateAt"] = record["updatedAt"] = stamp(moment)
            encoded = self._commit(contact_id, record)
            self._last_update[contact_id] = moment
            # The self-check validates the snapshot instead of parsing the bytes back. A shallow
            # copy is a snapshot because records are replaced, never changed in place.
            return encoded, dict(record)

    def _commit(self, contact_id: str, record: dict[str, Any]) -> bytes:
        """Store `record` as the contact's new state once it is known to encode: the one write."""
        encoded = _encode(record)
        self._contacts[contact_id] = record
        return encoded


def _encode(value: Any) -> bytes:
    try:
        return _ENCODER.encode(value).encode("utf-8")
    # ValueError: a non-finite float, an integer too long to print, or (UnicodeEncodeError) a
    # lone surrogate; TypeError: not a JSON type; RecursionError: nested too deep.
    except (ValueError, TypeError, RecursionError) as exc:
        raise Unstorable(f"the contact could not be encoded as JSON: {type(exc).__name__}") from None


def _detached(value: Any) -> Any:
    """A deep copy through JSON itself: bounded by the encoder, and refused if it would not encode."""
    return _DECODER.decode(_encode(value).decode("utf-8"))
