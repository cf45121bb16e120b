"""The mock's HTTP/1.1 protocol: uvicorn's httptools protocol, answering in the spec's terms.

Left alone, uvicorn answers a request it cannot parse with a `text/plain` "Invalid HTTP request
received.", accepts request lines and headers of any size, and waits for an incomplete request
for ever. Here a request that is not valid HTTP/1.1 gets the spec's JSON error (400, with the
parser's reason); a request line and headers over `MAX_HEAD_BYTES` get 413; and a request has
`request_timeout` seconds from its first byte (a connection's first request: from the
connection) to arrive in full, else it gets 400. Each of these
closes the connection, since what follows on it can no longer be framed. It closes lingering,
as nginx and Go's net/http do: the answer, then a FIN, then whatever the client still sends is
read and dropped for up to `LINGER_SECONDS`. Closing at once with the client's bytes unread
makes the kernel send a reset, which can destroy the answer before the client reads it. When an answer has
already started, or the request before the bad bytes is complete and being answered, there is
no second answer: it would be read as the answer to the next request.

It extends `HttpToolsProtocol` through its internals (parser callbacks, the request cycle's
`more_body`/`disconnected`), so uvicorn is pinned in constraints.txt and
tests/contract/test_mock_hostile.py sends every case above as raw bytes.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from .app import error

DEFAULT_REQUEST_TIMEOUT = 10.0
MAX_HEAD_BYTES = 32 * 1024
# A connection's deadline is checked this often (a share of the timeout), so a request is cut
# off between 1 and 1.25 timeouts after its start. One timer per connection, not one per
# request: arming and cancelling a timer for every request cost more than the rest of this.
_CHECKS_PER_TIMEOUT = 4
# How long a refused connection goes on reading (and dropping) what its client sends: enough
# for a client to finish sending and read the answer, bounded so no client can hold it open.
LINGER_SECONDS = 2.0


class _HeadTooLarge(Exception):
    """Raised from a parser callback to stop parsing a head over `MAX_HEAD_BYTES`."""


class MockHttpProtocol(HttpToolsProtocol):
    """`HttpToolsProtocol` with JSON protocol errors, a head size limit and a request deadline."""

    request_timeout = DEFAULT_REQUEST_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._watch: asyncio.TimerHandle | None = None
        self._reading_request = False
        self._first_request = True  # a new connection's first request counts from the connection
        self._started = 0.0  # loop time the current request (or the connection) started
        self._head_bytes = 0
        self._linger: asyncio.TimerHandle | None = None

    @classmethod
    def with_timeout(cls, seconds: float) -> type[MockHttpProtocol]:
        """This protocol with another request deadline (uvicorn instantiates the class itself)."""
        return type(cls.__name__, (cls,), {"request_timeout": seconds})

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._started = self.loop.time()
        self._schedule_check()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        if self._linger is not None:
            self._linger.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._linger is not None:  # refused and answered: the rest is dropped unread
            return
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            # No upgrade is supported: the request is answered as it is, as uvicorn does. The
            # parser reads nothing after an upgrade request, so the connection then closes.
            self._unsupported_upgrade_warning()
            if self.cycle is not None and not self.cycle.response_complete:
                self.cycle.keep_alive = False
            else:
                self.transport.close()
        except httptools.HttpParserError as exc:
            if isinstance(exc.__context__, _HeadTooLarge):
                self._refuse(
                    413, "request_too_large", f"The request line and headers are larger than {MAX_HEAD_BYTES} bytes."
                )
            else:
                # A callback's own error (uvicorn cannot read the target, say) has no useful text.
                reason = "its target cannot be read" if isinstance(exc, httptools.HttpParserCallbackError) else str(exc)
                self._refuse(400, "malformed_request", f"The request is not valid HTTP/1.1: {reason}.")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._reading_request = True
        self._head_bytes = 0
        if not self._first_request:
            self._started = self.loop.time()
        self._first_request = False

    def on_url(self, url: bytes) -> None:
        self._count_head(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_head(len(name) + len(value))
        super().on_header(name, value)

    def on_message_complete(self) -> None:
        self._reading_request = False
        super().on_message_complete()

    def _count_head(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > MAX_HEAD_BYTES:
            raise _HeadTooLarge

    def _schedule_check(self) -> None:
        self._watch = self.loop.call_later(self.request_timeout / _CHECKS_PER_TIMEOUT, self._check_deadline)

    def _check_deadline(self) -> None:
        self._watch = None
        if self.transport.is_closing() or self._linger is not None:
            return
        late = self.loop.time() - self._started >= self.request_timeout
        if late and self._reading_request:
            self._refuse(400, "request_timeout", f"The request was not complete within {self.request_timeout:g} s.")
        elif late and self._first_request:  # a new connection that sent nothing: nothing to answer
            self.transport.close()
        else:  # between requests uvicorn's keep-alive timeout applies
            self._schedule_check()

    def _refuse(self, status: int, code: str, message: str) -> None:
        """Answer `status` with the spec's error body, if no answer has started, and close."""
        self.logger.warning("%s", message)
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            if not cycle.more_body:
                # The bytes after a complete request are bad: it is still answered, then the
                # connection closes (two answers cannot be interleaved).
                cycle.keep_alive = False
                return
            # The app is waiting for the rest of the body: it now reads a disconnect and
            # stores nothing. Anything it sends afterwards is dropped.
            cycle.disconnected = True
            cycle.message_event.set()
            if cycle.response_started:
                self.transport.close()
                return
        if self.transport.is_closing() or self._linger is not None:
            return
        answer = error(status, code, message)
        head = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            head.extend([name, b": ", value, b"\r\n"])
        head.extend(
            [
                b"content-type: application/json\r\n",
                b"content-length: %d\r\n" % len(answer.body),
                b"connection: close\r\n\r\n",
            ]
        )
        self.transport.write(b"".join(head) + answer.body)
        self._close_lingering()

    def _close_lingering(self) -> None:
        """Send the answer and a FIN, drop what the client still sends, close when it does (or late)."""
        self._linger = self.loop.call_later(LINGER_SECONDS, self.transport.close)
        if not self.transport.can_write_eof():
            self.transport.close()
            return
        self.transport.write_eof()
        # The client's EOF then closes the transport: uvicorn's `eof_received` keeps nothing open.
        self.flow.resume_reading()
