"""`python -m contract_tests.mock [--port 8000] [...]`: serve the mock on 127.0.0.1.

Prints the URL, the token to use and the known contact ids, then serves until interrupted.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from collections.abc import Sequence

import uvicorn

from . import create_app
from .faults import Faults
from .protocol import DEFAULT_REQUEST_TIMEOUT
from .serve import HOST, READY_PREFIX, bind, uvicorn_config


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m contract_tests.mock", description=__doc__)
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0 picks a free one)")
    parser.add_argument("--token", default=None, help="bearer token to accept (default: a random one, printed)")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="delay added to every answer")
    parser.add_argument("--jitter-ms", type=float, default=0.0, help="plus up to this much at random")
    parser.add_argument("--rate-429", type=float, default=0.0, help="share of requests answered 429")
    parser.add_argument("--retry-after", default="1", help="Retry-After value sent with the 429s")
    parser.add_argument("--rate-503", type=float, default=0.0, help="share of requests answered 503")
    parser.add_argument("--rate-drop", type=float, default=0.0, help="share of connections dropped mid-answer")
    parser.add_argument("--fault-seed", type=int, default=None, help="seed for the fault dice")
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=DEFAULT_REQUEST_TIMEOUT,
        help="seconds a request may take to arrive in full (default %(default)g)",
    )
    parser.add_argument("--no-response-check", action="store_true", help="skip the self-check of every answer")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    token = args.token or secrets.token_urlsafe(18)
    faults = Faults(
        latency=args.latency_ms / 1000,
        latency_jitter=args.jitter_ms / 1000,
        rate_429=args.rate_429,
        retry_after=args.retry_after,
        rate_503=args.rate_503,
        rate_drop=args.rate_drop,
        seed=args.fault_seed,
    )
    app, mock = create_app(token=token, faults=faults, check_responses=not args.no_response_check)
    sock = bind(args.port)
    url = f"http://{HOST}:{sock.getsockname()[1]}"
    ids = ", ".join(mock.store.ids())
    print(f"{READY_PREFIX}{url}", flush=True)
    print(f"  token:    {token}", flush=True)
    print(f"  contacts: {ids}", flush=True)
    if faults.active:
        print(f"  faults:   {faults}", flush=True)
    print(
        f"  try:      curl -X PATCH {url}/v3/contacts/1001 -H 'Authorization: Bearer {token}' "
        "-H 'Content-Type: application/json' -d '{\"name\": \"Ana\"}'",
        flush=True,
    )
    uvicorn.Server(uvicorn_config(app, request_timeout=args.request_timeout)).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
