"""The server under test, as the suite and the CLI name it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .modes import CAREFUL, MODE_ENV, check_mode

LIVE_ENV = ("KINBOX_BASE_URL", "KINBOX_TOKEN", "KINBOX_CONTACT_ID")
# Which operations a server is judged on: every operation of the resource (the default), or
# Update Contact alone, for a server that implements only PATCH (a partial implementation or
# an older staging); what the suite then did not test, the report says.
SCOPE_ALL = "all"
SCOPE_UPDATE = "update"
SCOPES = (SCOPE_ALL, SCOPE_UPDATE)
SCOPE_ENV = "KINBOX_CONTRACT_SCOPE"


@dataclass(frozen=True)
class Target:
    """A server to test: an in-process ASGI app, or anything reachable over HTTP."""

    name: str
    token: str
    contact_id: int
    base_url: str | None = None
    app: Any = None
    mode: str = CAREFUL
    scope: str = SCOPE_ALL

    def __post_init__(self) -> None:
        check_mode(self.mode)
        if self.scope not in SCOPES:
            raise ValueError(f"contract scope {self.scope!r} is not one of {', '.join(SCOPES)}")

    def __repr__(self) -> str:  # the token stays out of logs and tracebacks
        return f"Target(name={self.name!r}, contact_id={self.contact_id}, base_url={self.base_url!r}, mode={self.mode!r}, scope={self.scope!r})"

    @classmethod
    def from_environment(cls, env: Mapping[str, str] = os.environ) -> Target | None:
        """The live target named by KINBOX_BASE_URL, KINBOX_TOKEN and KINBOX_CONTACT_ID (mode: KINBOX_CONTRACT_MODE)."""
        if not all(env.get(name) for name in LIVE_ENV):
            return None
        return cls(
            name="live",
            token=env["KINBOX_TOKEN"],
            contact_id=int(env["KINBOX_CONTACT_ID"]),
            base_url=env["KINBOX_BASE_URL"].rstrip("/"),
            mode=env.get(MODE_ENV) or CAREFUL,
            scope=env.get(SCOPE_ENV) or SCOPE_ALL,
        )
