"""Every attempt of one call, as a generator that does no I/O: the sync and async clients drive it.

Keeping the decisions (retry or not, how long to wait, which error) out of the drivers means
they are written once; the drivers only send, read and sleep, blocking or awaited, as httpx
drives its auth flows.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

import httpx

from ._answers import connection_error, status_error
from ._endpoint import Endpoint
from ._log import log_attempt
from ._retry import next_delay

Step = httpx.Request | httpx.Response | float  # what `attempts` asks its driver to do next


def attempts(
    endpoint: Endpoint,
    request: httpx.Request,
    *,
    max_retries: int,
    now: Callable[[], float],
    clock: Callable[[], float],
) -> Generator[Step, httpx.Response, tuple[httpx.Response, int]]:
    """One call, every attempt of it: the request, retries and their waits, the error it ends with.

    The driver (`SyncAPIClient._send`, `AsyncAPIClient._send`) does the I/O each yielded step
    asks for and decides nothing: a `Request` is sent, and its response sent back or its
    `httpx.TransportError` thrown in; a `Response` (an error answer, streamed or not) has its
    body read, which also closes it; a number is slept for. After a read or a sleep the flow is
    resumed with `next`. Returns the success response, unread when the endpoint streams, and the
    retries it took. `now` is the wall clock (for Retry-After dates), `clock` times attempts.
    """
    retries_done = 0
    while True:
        started = clock()
        try:
            response = yield request
        except httpx.TransportError as exc:
            log_attempt(
                request, type(exc).__name__, started=started, clock=clock, retries_done=retries_done
            )
            delay = next_delay(retries_done, max_retries, None, now)
            if delay is None:
                raise connection_error(endpoint, request, exc) from exc
        else:
            log_attempt(
                request,
                response.status_code,
                started=started,
                clock=clock,
                retries_done=retries_done,
            )
            if response.is_success:
                return response, retries_done
            yield response
            delay = next_delay(retries_done, max_retries, response, now)
            if delay is None:
                raise status_error(endpoint, response, now)
        yield delay
        retries_done += 1
