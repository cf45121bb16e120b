"""The mock Kinbox server: spec-driven, stateful, with optional fault injection."""

from __future__ import annotations

from ..contract import Contract
from .app import MockKinbox
from .faults import FaultInjector, Faults
from .store import ContactStore, load_seed
from .types import ASGIApp

__all__ = ["ContactStore", "Contract", "FaultInjector", "Faults", "MockKinbox", "create_app", "load_seed"]


def create_app(
    *, token: str, faults: Faults | None = None, check_responses: bool = True, store: ContactStore | None = None
) -> tuple[ASGIApp, MockKinbox]:
    """The ASGI app to serve (with faults when asked for) and the mock behind it."""
    mock = MockKinbox(token=token, store=store, check_responses=check_responses)
    if faults is not None and faults.active:
        return FaultInjector(mock, faults), mock
    return mock, mock
