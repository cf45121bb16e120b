"""Serving the mock with uvicorn on 127.0.0.1: in a thread (fast, for tests) or as a process.

Both bind port 0 unless told otherwise and report the URL actually bound, so parallel runs
never collide on a port.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import uvicorn

from . import create_app
from .faults import Faults
from .protocol import DEFAULT_REQUEST_TIMEOUT, MockHttpProtocol
from .types import ASGIApp

HOST = "127.0.0.1"
READY_PREFIX = "Kinbox mock server on "
_ROOT = Path(__file__).resolve().parents[2]


class _InjectedFaultFilter(logging.Filter):
    """Keep uvicorn's log free of the tracebacks of connections we drop on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], ConnectionAbortedError))


def bind(port: int = 0, host: str = HOST) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # An answer leaves as two small writes (headers, body); with Nagle's algorithm the second
    # waits for the client's delayed ACK, 40 ms per keep-alive request. Accepted sockets
    # inherit this option.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(
    app: ASGIApp, log_level: str = "warning", request_timeout: float = DEFAULT_REQUEST_TIMEOUT
) -> uvicorn.Config:
    logging.getLogger("uvicorn.error").addFilter(_InjectedFaultFilter())
    # No proxy sits in front of a local mock, so X-Forwarded-* headers are not trusted or parsed.
    return uvicorn.Config(
        app,
        http=MockHttpProtocol.with_timeout(request_timeout),
        log_level=log_level,
        access_log=False,
        lifespan="on",
        timeout_keep_alive=30,
        proxy_headers=False,
        server_header=False,
    )


@contextlib.contextmanager
def serve_in_thread(app: ASGIApp, *, request_timeout: float = DEFAULT_REQUEST_TIMEOUT) -> Iterator[str]:
    """Run `app` under uvicorn in a background thread; yield its base URL."""
    sock = bind()
    server = uvicorn.Server(uvicorn_config(app, request_timeout=request_timeout))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the mock server did not start")
        time.sleep(0.01)
    try:
        yield f"http://{HOST}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextlib.contextmanager
def mock_in_thread(
    *, token: str, faults: Faults | None = None, request_timeout: float = DEFAULT_REQUEST_TIMEOUT
) -> Iterator[str]:
    """The mock (`create_app`) served by `serve_in_thread`; yield its base URL."""
    app, _ = create_app(token=token, faults=faults)
    with serve_in_thread(app, request_timeout=request_timeout) as url:
        yield url


@contextlib.contextmanager
def serve_in_process(args: Sequence[str] = (), env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `python -m contract_tests.mock` as a subprocess on a free port; yield its base URL."""
    with mock_process(args, env) as (url, _):
        yield url


@contextlib.contextmanager
def mock_process(
    args: Sequence[str] = (), env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """As `serve_in_process`, also yielding the process (to watch its memory, say)."""
    with module_process("contract_tests.mock", READY_PREFIX, args, env) as served:
        yield served


@contextlib.contextmanager
def module_process(
    module: str, ready_prefix: str, args: Sequence[str] = (), env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`python -m MODULE --port 0 ARGS` from the project root, once it prints `ready_prefix` and
    its URL: yield the URL and the process; stop it afterwards. The mock and the test suite's
    faulty servers both start this way."""
    command = [sys.executable, "-m", module, "--port", "0", *args]
    process = subprocess.Popen(
        command,
        cwd=_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(_ROOT), **(env or {})},
    )
    drain: threading.Thread | None = None
    try:
        assert process.stdout is not None
        url = None
        for line in process.stdout:
            if line.startswith(ready_prefix):
                url = line[len(ready_prefix) :].split()[0]
                break
        if url is None:
            raise RuntimeError(f"{module} did not start (exit {process.wait(timeout=10)})")
        drain = threading.Thread(target=process.stdout.read, daemon=True)  # keep its pipe from filling
        drain.start()
        yield url, process
    finally:
        stop(process)
        if drain is not None:
            drain.join(timeout=10)  # the pipe reaches EOF once the process is gone
        if process.stdout is not None:
            process.stdout.close()


def stop(process: subprocess.Popen[Any]) -> None:
    """Terminate `process`, then kill it if it has not exited within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
