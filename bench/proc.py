"""Child processes: wall time and peak memory of a command, and servers started fresh on a free port."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from contract_tests.mock.serve import stop

HOST = "127.0.0.1"


@dataclass(frozen=True)
class ChildRun:
    wall: float  # seconds
    peak_rss: float  # bytes: the largest resident set of the child or any child it waited for
    returncode: int
    output: str  # stdout and stderr together

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def last_line(self, default: str = "") -> str:
        lines = [line.strip() for line in self.output.splitlines() if line.strip()]
        return lines[-1] if lines else default


def run_child(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 900,
) -> ChildRun:
    """Run `command` to the end; its wall time and, from `os.wait4`'s rusage, its peak RSS.

    Output goes to a temporary file, not a pipe, so a chatty child cannot block while the
    parent waits. A child still running after `timeout` seconds is killed.
    """
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=dict(env) if env is not None else None, stdout=output, stderr=output
        )
        killer = threading.Timer(timeout, _kill, args=(process.pid,))
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    # Linux reports ru_maxrss in kilobytes.
    return ChildRun(wall=wall, peak_rss=usage.ru_maxrss * 1024.0, returncode=process.returncode, output=text)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with status {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"not listening on port {port} after {timeout:.0f} s")


@contextlib.contextmanager
def serve(
    command: Sequence[str],
    port: int,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    start_timeout: float = 60,
) -> Iterator[str]:
    """Start a server that listens on `port`, yield its base URL, then stop it (by its pid).

    Its output goes to a temporary file (read back into the error when it fails to start),
    so its logging costs it a write, as on a terminal, but never blocks on a full pipe.
    """
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=dict(env) if env is not None else None, stdout=log, stderr=log)
        try:
            try:
                wait_for_port(port, process, start_timeout)
            except RuntimeError as exc:
                log.seek(0)
                tail = log.read().decode("utf-8", errors="replace").strip().splitlines()[-5:]
                raise RuntimeError(f"{command[0]} {exc}: {' / '.join(tail)}") from None
            yield f"http://{HOST}:{port}"
        finally:
            stop(process)
