"""How much the suite may write: `careful` for a borrowed contact, `scratch` for one kept for tests.

PATCH can replace a value and null a nullable one, but never make a field absent again. So on
a contact that lacks a non-nullable field, a case that sets it leaves a trace. `careful` does
not send such a case (the report counts each one and says why); `scratch` sends every case,
restores what PATCH can, and the report lists what stayed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

CAREFUL = "careful"
SCRATCH = "scratch"
MODES = (CAREFUL, SCRATCH)
MODE_ENV = "KINBOX_CONTRACT_MODE"


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"contract mode {mode!r} is not one of {', '.join(MODES)}")
    return mode


def unremovable(writable: Iterable[str], nullable: Iterable[str], snapshot: Mapping[str, Any]) -> frozenset[str]:
    """Fields the contact lacks that PATCH could set but never remove again."""
    can_clear = set(nullable)
    return frozenset(name for name in writable if name not in snapshot and name not in can_clear)


def held_back(mode: str, body: object, unremovable_fields: frozenset[str]) -> frozenset[str]:
    """The unremovable fields a body would set, if this mode does not send it; empty when it is sent."""
    if mode == SCRATCH or not isinstance(body, dict):
        return frozenset()
    return unremovable_fields & body.keys()


def skip_reason(fields: Iterable[str]) -> str:
    return f"careful mode: would set {', '.join(sorted(fields))}, absent on the contact and not removable by PATCH"
