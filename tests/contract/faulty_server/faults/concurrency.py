"""Concurrency faults: what goes wrong only when PATCHes overlap."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import random
from typing import Any

from ..server import KinboxServer, stamp


class LosesUpdates(KinboxServer):
    """Read, then write the whole document back after a database round trip, with no lock."""

    async def update(self, contact_id: int, changes: dict[str, Any]) -> dict[str, Any] | None:
        stored = self.contacts.get(str(contact_id))
        if stored is None:
            return None
        contact = copy.deepcopy(stored)
        if changes:
            await asyncio.sleep(0.005)
            self.apply(contact, changes)
            self.touch(contact)
            self.contacts[str(contact_id)] = contact
        return copy.deepcopy(contact)


class StampsOnArrival(KinboxServer):
    """`lastUpdateAt` is taken when the request arrives, and written after a variable wait."""

    async def update(self, contact_id: int, changes: dict[str, Any]) -> dict[str, Any] | None:
        arrived = stamp(dt.datetime.now(dt.UTC))
        if changes:
            await asyncio.sleep(random.uniform(0, 0.01))  # timing, not secrecy
        async with self.lock:
            contact = self.contacts.get(str(contact_id))
            if contact is None:
                return None
            if changes:
                self.apply(contact, changes)
                contact["lastUpdateAt"] = contact["updatedAt"] = arrived
            return copy.deepcopy(contact)
