"""How much the suite may write: `careful` for a borrowed contact, `scratch` for one kept for tests.

PATCH can replace a value and null a nullable one, but never make a field absent again, and it
cannot write back a stored value the request schema now refuses (a name stored under older,
looser rules). So on such a field, a case that sets it leaves a trace. `careful` does not send
such a case (the report counts each one and says why); `scratch` sends every case, restores
what PATCH can, and the report lists what stayed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

CAREFUL = "careful"
SCRATCH = "scratch"
MODES = (CAREFUL, SCRATCH)
MODE_ENV = "KINBOX_CONTRACT_MODE"


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"contract mode {mode!r} is not one of {', '.join(MODES)}")
    return mode


def unrestorable(
    writable: Iterable[str],
    nullable: Iterable[str],
    snapshot: Mapping[str, Any],
    refuses: Callable[[str, Any], bool] = lambda name, value: False,
) -> frozenset[str]:
    """Fields PATCH could change but not put back as the snapshot has them: absent and not
    nullable, or holding a value the request schema `refuses`."""
    can_clear = set(nullable)
    return frozenset(
        name
        for name in writable
        if (name not in snapshot and name not in can_clear) or (name in snapshot and refuses(name, snapshot[name]))
    )


def held_back(mode: str, body: object, unrestorable_fields: frozenset[str]) -> frozenset[str]:
    """The unrestorable fields a body would set, if this mode does not send it; empty when it is sent."""
    if mode == SCRATCH or not isinstance(body, dict):
        return frozenset()
    return unrestorable_fields & body.keys()


def skip_reason(fields: Iterable[str]) -> str:
    return f"careful mode: would set {', '.join(sorted(fields))}, which PATCH could not put back as the contact had it"
