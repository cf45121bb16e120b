"""Child processes of a generation: the models worker and the background validation.

Each is `python -m <module>` with this copy of `generator` importable, takes its input on
stdin and answers JSON on stdout. The input is written by a thread: a child reads only once
its imports are done, and a pipe holds 64 KiB, so a 4 MB spec must not hold this process up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from .errors import Diagnostic

_PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # the directory `generator` is imported from


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def start(module: str) -> subprocess.Popen[bytes] | None:
    """`python -m module` with piped stdin and stdout; None when it cannot be started."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, (str(_PACKAGE_ROOT), os.environ.get("PYTHONPATH"))))
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


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    file = str(diagnostic.file) if diagnostic.file is not None else None
    return {"message": diagnostic.message, "file": file, "pointer": diagnostic.pointer, "line": diagnostic.line}


def diagnostic_from_json(item: dict[str, Any]) -> Diagnostic:
    file = Path(item["file"]) if item["file"] is not None else None
    return Diagnostic(item["message"], file=file, pointer=item["pointer"], line=item["line"])
