"""The package's logger: one debug record per attempt, credentials masked.

`<PREFIX>_LOG=debug` (or `info`) in the environment turns it on without code.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

import httpx

from ._masking import masked_url, of_request

# The generated package's own logger: "kinbox_client" for kinbox_client._runtime._log.
logger = logging.getLogger(__name__.split(".")[0])


def log_attempt(
    request: httpx.Request,
    status: int | str,
    *,
    started: float,
    clock: Callable[[], float],
    retries_done: int,
) -> None:
    """One record for one attempt: method, URL, status (or the transport error's name), time."""
    if logger.isEnabledFor(logging.DEBUG):
        elapsed_ms = (clock() - started) * 1000
        logger.debug(
            "%s %s -> %s in %.1f ms (retry %d)",
            request.method,
            masked_url(request.url, of_request(request)),
            status,
            elapsed_ms,
            retries_done,
        )


_LOG_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def configure_logging(env_var: str) -> None:
    """`<PREFIX>_LOG=debug` turns on the package's logger without code (once per process)."""
    level = _LOG_LEVELS.get(os.environ.get(env_var, "").strip().lower())
    if level is None or getattr(logger, "_configured_from_env", False):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger._configured_from_env = True  # type: ignore[attr-defined]
