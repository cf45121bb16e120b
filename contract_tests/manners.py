"""Live-server manners: a 429 (or a 503 with `Retry-After`) is waited out and resent before anything is judged.

The retry is a `requests` response hook, passed as the `hooks` transport argument. schemathesis
hands transport arguments to every request of a case, including the probes its own checks send
(`ignored_auth` removes the token and sends again), in-process (ASGI) and over HTTP alike, so
one hook covers every request the suite makes over HTTP. (In-process, schemathesis' ASGI adapter
does not say which adapter answered, so an in-process app's 429 is judged as it is; the mock
in-process does not rate-limit.)
"""

from __future__ import annotations

import email.utils
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

RETRIED_STATUSES = frozenset({429, 503})
MAX_ATTEMPTS = 5  # resends of one request before its last answer is judged as it is
MAX_WAIT = 30.0  # seconds: a longer Retry-After is waited for this long, not longer
DEFAULT_WAIT = 1.0  # a 429 without Retry-After still means "slow down"
MAX_TOTAL_WAIT = 600.0  # seconds over a whole run: past it, a rate-limited answer is counted, not judged


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date; None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


@dataclass
class Manners:
    """Waits out rate limits for one run, and counts what it did for the report."""

    sleep: Callable[[float], None] = time.sleep
    retries: Counter[int] = field(default_factory=Counter)  # status -> resends
    gave_up: Counter[int] = field(default_factory=Counter)  # status -> answers judged still rate-limited
    waited: float = 0.0

    @property
    def hooks(self) -> dict[str, list[Callable[..., Any]]]:
        return {"response": [self._on_response]}

    def still_limited(self, status: int, retry_after_header: str | None) -> bool:
        """Whether an answer is a rate limit the run gave up waiting out (so it says nothing about the contract)."""
        return status == 429 or (status in RETRIED_STATUSES and retry_after(retry_after_header) is not None)

    def wait_for(self, response: requests.Response) -> float | None:
        """How long to wait before resending, or None when this answer is to be judged as it is."""
        if response.status_code not in RETRIED_STATUSES:
            return None
        wait = retry_after(response.headers.get("Retry-After"))
        if wait is None:
            # A 503 without Retry-After is a failure to report, not a request to come back.
            if response.status_code != 429:
                return None
            wait = DEFAULT_WAIT
        return min(wait, MAX_WAIT)

    def _on_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        attempts = 0
        adapter = getattr(response, "connection", None)
        while adapter is not None and (wait := self.wait_for(response)) is not None:
            if attempts == MAX_ATTEMPTS or self.waited + wait > MAX_TOTAL_WAIT:
                self.gave_up[response.status_code] += 1
                break
            attempts += 1
            self.retries[response.status_code] += 1
            self.waited += wait
            self.sleep(wait)
            request = response.request.copy()
            # Read before closing: an unread answer takes its connection with it, and the resend
            # would open a new one instead of reusing the run's pool (`session.connection_pool`).
            response.content  # noqa: B018
            response.close()
            # The adapter that answered sends it again: the same connection pool, or the same ASGI app.
            response = adapter.send(request, **kwargs)
            response.content  # noqa: B018 - read now, as schemathesis does, so the connection is released
        return response
