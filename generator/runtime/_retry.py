"""When to retry and how long to wait: pure functions, so they are tested without sleeping."""

from __future__ import annotations

import email.utils
import random
from collections.abc import Callable

import httpx

from ._defaults import (
    BACKOFF_JITTER,
    INITIAL_BACKOFF,
    MAX_BACKOFF,
    MAX_RETRY_AFTER,
    RETRYABLE_STATUS,
)


def is_retryable_status(status_code: int) -> bool:
    return status_code in RETRYABLE_STATUS or status_code >= 500


def server_retry_after(headers: httpx.Headers, now: Callable[[], float]) -> float | None:
    """The wait the server asks for (`retry-after-ms`, or `Retry-After` in seconds or as an
    HTTP-date), in seconds; None when it says nothing usable."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(float(milliseconds) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(float(email.utils.mktime_tz(parsed)) - now(), 0.0)


def backoff(retries_done: int, rand: Callable[[], float] = random.random) -> float:
    """Exponential backoff with jitter: INITIAL_BACKOFF, doubling, capped at MAX_BACKOFF, each
    shortened by up to BACKOFF_JITTER at random so that clients failing together do not retry
    together."""
    delay = min(INITIAL_BACKOFF * 2.0**retries_done, MAX_BACKOFF)
    return delay * (1 - BACKOFF_JITTER * rand())


def retry_delay(
    retries_done: int,
    headers: httpx.Headers | None,
    now: Callable[[], float],
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait before the next attempt; None means do not retry (the server asked
    for a wait longer than MAX_RETRY_AFTER)."""
    if headers is not None:
        asked = server_retry_after(headers, now)
        if asked is not None:
            return asked if asked <= MAX_RETRY_AFTER else None
    return backoff(retries_done, rand)


def next_delay(
    retries_done: int, max_retries: int, response: httpx.Response | None, now: Callable[[], float]
) -> float | None:
    """Seconds to wait before trying again after a failed attempt (`response` None when it got
    no answer), or None to stop now."""
    if retries_done >= max_retries:
        return None
    if response is not None and not is_retryable_status(response.status_code):
        return None
    return retry_delay(retries_done, response.headers if response is not None else None, now)
