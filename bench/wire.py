"""What a generated client puts on the wire, captured, so raw httpx can send the same requests."""

from __future__ import annotations

from collections.abc import Callable

import httpx

Answer = Callable[[httpx.Request], httpx.Response]
# httpx sets these on every request itself: raw httpx sending them too would send them twice.
SET_BY_HTTPX = frozenset({"host", "content-length", "accept-encoding", "connection"})


def capturing(answer: Answer) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A transport answering with `answer`, and the requests it has seen."""
    seen: list[httpx.Request] = []

    def capture(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    return httpx.MockTransport(capture), seen


def wire_headers(answer: Answer, call: Callable[[httpx.MockTransport], object]) -> dict[str, str]:
    """The headers of the first request `call` sends through the transport it is given, but httpx's own."""
    transport, seen = capturing(answer)
    call(transport)
    return {name: value for name, value in seen[0].headers.items() if name not in SET_BY_HTTPX}
