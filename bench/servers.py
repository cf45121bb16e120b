"""Reference servers for the benchmarks, run as `python -m bench.servers KIND --port PORT`.

- `fixed`: a minimal ASGI app under uvicorn, configured exactly as the mock is served
  (`contract_tests.mock.serve`), answering every request with one fixed contact. Its cost is
  the same for every client, so the client benchmark measures the clients; in the mock
  benchmark it is the ceiling of any app served this way.
- `trivial`: a raw asyncio protocol answering a fixed 200 to every request on the socket, far
  cheaper than any server measured, so a load generator's own ceiling shows against it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
from collections.abc import Sequence

from contract_tests.mock.app import lifespan
from contract_tests.mock.store import load_seed
from contract_tests.mock.types import Receive, Scope, Send

CONTACT = json.dumps(load_seed()[0], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


async def fixed_app(scope: Scope, receive: Receive, send: Send) -> None:
    """Answer 200 with the fixed contact, after reading the request body."""
    if scope["type"] == "lifespan":
        await lifespan(receive, send)
        return
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False) and message["type"] != "http.disconnect"
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(CONTACT)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": CONTACT})


class TrivialProtocol(asyncio.Protocol):
    """HTTP/1.1 keep-alive with Content-Length bodies, no chunking: enough for a load generator."""

    ANSWER = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            length = 0
            for line in self.buffer[:end].split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            assert self.transport is not None
            self.transport.write(self.ANSWER)


async def serve_trivial(port: int) -> None:
    server = await asyncio.get_running_loop().create_server(TrivialProtocol, "127.0.0.1", port, backlog=2048)
    async with server:
        await server.serve_forever()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.servers", description=__doc__)
    parser.add_argument("kind", choices=["fixed", "trivial"])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    if args.kind == "trivial":
        asyncio.run(serve_trivial(args.port))
        return 0
    import uvicorn

    from contract_tests.mock.serve import bind, uvicorn_config

    uvicorn.Server(uvicorn_config(fixed_app)).run(sockets=[bind(args.port)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
