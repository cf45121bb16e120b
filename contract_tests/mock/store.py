"""Contacts in memory, with the create, list and PATCH semantics of the contract.

A created contact gets the next id (one more than the largest so far, never reused), the
store's workspace and `createdAt` = `lastUpdateAt` = `updatedAt` = now; fields sent as `null`
are not set. Listing reads every contact in the spec's order (`createdAt`, then numeric id),
kept sorted as contacts are created, since `createdAt` never changes. PATCH: only the fields sent change; `lastUpdateAt` and `updatedAt` advance (strictly, even within
one clock tick); `id`, `workspaceId` and `createdAt` never change. Each update is a
read-modify-write under one lock, so concurrent PATCHes never lose an update.

Records are copy-on-write: an operation builds the whole new record beside the stored one and
hands it to `_commit`, the store's only write, which encodes it first and stores it only if
that worked. So a write that fails for any reason leaves the store exactly as it was, and the
store never holds a record it could not send back, whatever operation it serves.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

SEED_PATH = Path(__file__).with_name("contacts.json")
SERVER_MANAGED = frozenset({"id", "workspaceId", "createdAt", "lastUpdateAt", "updatedAt"})
DEFAULT_WORKSPACE_ID = 42
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

    def __init__(
        self,
        contacts: Iterable[Mapping[str, Any]],
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        workspace_id: int | None = None,
    ) -> None:
        self._contacts: dict[str, dict[str, Any]] = {}
        # The encoding of each stored record, made by `_commit`: a page joins these bytes
        # instead of encoding its contacts again.
        self._encoded: dict[str, bytes] = {}
        self._last_update: dict[str, dt.datetime] = {}
        # (createdAt, numeric id, id) of every contact, sorted: the listing order.
        self._order: list[tuple[dt.datetime, int, str]] = []
        for contact in contacts:
            key = str(contact["id"])
            self._commit(key, _detached(dict(contact)))
            self._last_update[key] = parse_stamp(contact["lastUpdateAt"])
            bisect.insort(self._order, (parse_stamp(contact["createdAt"]), int(key), key))
            if workspace_id is None:
                workspace_id = int(contact["workspaceId"])
        self.workspace_id = workspace_id if workspace_id is not None else DEFAULT_WORKSPACE_ID
        self._next_id = max((int(key) for key in self._contacts), default=1000) + 1
        self._last_created = max((entry[0] for entry in self._order), default=dt.datetime.min.replace(tzinfo=dt.UTC))
        self._clock = clock
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        """The store's clock (what "the last 48 hours" are counted back from)."""
        return self._clock()

    def ids(self) -> list[str]:
        return sorted(self._contacts, key=int)

    def get(self, contact_id: str) -> dict[str, Any] | None:
        with self._lock:
            contact = self._contacts.get(contact_id)
        return _detached(contact) if contact is not None else None

    def create(self, fields: Mapping[str, Any]) -> tuple[bytes, dict[str, Any]]:
        """Store a new contact with `fields` (nulls left out) and the server-managed ones; return
        it as JSON and as the value that JSON encodes. `Unstorable` when it could not be encoded;
        nothing is stored then, and the id is not used up."""
        with self._lock:
            record = {
                name: _detached(value) if isinstance(value, dict | list) else value
                for name, value in fields.items()
                if value is not None and name not in SERVER_MANAGED
            }
            contact_id = str(self._next_id)
            # Strictly after every earlier creation, so the listing order is the creation order.
            moment = max(self._clock(), self._last_created + _TICK)
            record.update(
                id=contact_id,
                workspaceId=self.workspace_id,
                createdAt=stamp(moment),
                lastUpdateAt=stamp(moment),
                updatedAt=stamp(moment),
            )
            encoded = self._commit(contact_id, record)
            self._next_id += 1
            self._last_created = self._last_update[contact_id] = moment
            bisect.insort(self._order, (parse_stamp(record["createdAt"]), int(contact_id), contact_id))
            return encoded, dict(record)

    def listing(self) -> list[tuple[dict[str, Any], bytes]]:
        """Every contact in the listing order, each as its record and that record's JSON: a
        consistent snapshot (records are replaced, never changed in place), taken under the lock.
        The records are the store's own: read them, never change them."""
        with self._lock:
            return [(self._contacts[key], self._encoded[key]) for _, _, key in self._order]

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
        self._encoded[contact_id] = encoded
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
