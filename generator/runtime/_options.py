"""What configures a client: the package's `ClientConfig`, the per-call `RequestOptions`, the defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import httpx

from . import _auth, _defaults

DEFAULT_TIMEOUT = httpx.Timeout(_defaults.TIMEOUT, connect=_defaults.CONNECT_TIMEOUT)
DEFAULT_MAX_RETRIES = _defaults.MAX_RETRIES
DEFAULT_CONNECTION_LIMITS = httpx.Limits(
    max_connections=_defaults.MAX_CONNECTIONS,
    max_keepalive_connections=_defaults.MAX_KEEPALIVE_CONNECTIONS,
)


class RequestOptions(TypedDict, total=False):
    """Per-call options every operation method accepts as keyword arguments."""

    timeout: float | httpx.Timeout | None
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """What a generated package tells the runtime about its API (one constant per package)."""

    distribution: str
    version: str
    default_base_url: str | None
    base_url_env: str
    log_env: str
    credential_env: Mapping[str, str]  # constructor argument -> environment variable
    security_schemes: Mapping[str, _auth.SecurityScheme]
    default_security: tuple[tuple[str, ...], ...]


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()
