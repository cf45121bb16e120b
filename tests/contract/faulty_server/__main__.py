"""`python -m tests.contract.faulty_server [--port 0] --token TOKEN`: every catalogue variant, one process.

Variant NAME answers under `http://127.0.0.1:PORT/NAME`, with contacts of its own, so one
start-up serves the whole catalogue. Prints `READY_PREFIX` and the base URL once listening.
`python -m tests.contract.faulty_server --table` prints the README table instead.
"""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Sequence

import uvicorn

from .catalogue import CATALOGUE
from .router import Router
from .table import render_table

HOST = "127.0.0.1"
READY_PREFIX = "faulty Kinbox servers on "


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.contract.faulty_server", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--token", default="", help="the bearer token every variant accepts")
    parser.add_argument("--table", action="store_true", help="print the README table of the catalogue and exit")
    args = parser.parse_args(argv)
    if args.table:
        print(render_table())
        return 0
    if not args.token:
        parser.error("--token is required to serve")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms delayed-ACK stalls
    sock.bind((HOST, args.port))
    app = Router({variant.name: variant.server(args.token) for variant in CATALOGUE})
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", server_header=False)
    print(f"{READY_PREFIX}http://{HOST}:{sock.getsockname()[1]}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
