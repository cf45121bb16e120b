"""Child processes of a generation: the models worker and the background validation.

Each is `python -m <module>` with this copy of `generator` importable, takes its input on
stdin and answers JSON on stdout (`reply`). The input is written by a thread: a child reads
only once its imports are done, and a pipe holds 64 KiB, so a 4 MB spec must not hold this
process up.

`python -m generator generate` imports this module first of all, to start the models worker:
every module it imports delays the worker's start, so it imports only what starting and
talking to a child needs; even `json` (which imports `re`) and `pathlib` would cost a few
milliseconds each, so they are imported where they are used.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import IO, Any, NoReturn

# The directory `generator` is imported from.
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def start(module: str) -> subprocess.Popen[bytes] | None:
    """`python -m module` with piped stdin and stdout; None when it cannot be started."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, (_PACKAGE_ROOT, os.environ.get("PYTHONPATH"))))
    try:
        return subprocess.Popen(
            [sys.executable, "-m", module],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment,
        )
    except OSError:
        return None


def feed(process: subprocess.Popen[bytes], data: bytes) -> threading.Thread:
    """Write `data` to the child's stdin and close it, on a thread of its own (started)."""
    assert process.stdin is not None
    feeder = threading.Thread(target=_write, args=(process.stdin, data), daemon=True)
    feeder.start()
    return feeder


def _write(pipe: IO[bytes], data: bytes) -> None:
    try:
        with pipe:
            pipe.write(data)
    except OSError:  # the child is gone; its exit status tells the parent
        pass


def answer(process: subprocess.Popen[bytes]) -> dict[str, Any] | None:
    """What the child `reply`-ed, once it has ended; None when it could not answer (it failed
    to run, died, or wrote something that is not a JSON object)."""
    import json

    try:
        assert process.stdout is not None
        with process.stdout:
            text = process.stdout.read()
        process.wait()
        found = json.loads(text) if process.returncode == 0 else None
    except (OSError, ValueError):
        found = None
    return found if isinstance(found, dict) else None


def reply(answer: dict[str, Any]) -> NoReturn:
    """The child's last act: its answer on stdout, then the end of the process at once.

    The parent reads to end of file and then takes the exit status, so an ordinary exit would
    keep it waiting while the interpreter frees every module and object the job made (50 ms
    after a small spec's models, a tenth of the whole generation). Nothing is left to flush or
    release; `multiprocessing` ends its children the same way.
    """
    import json

    sys.stdout.buffer.write(json.dumps(answer).encode("utf-8"))
    sys.stdout.buffer.flush()
    os._exit(0)
