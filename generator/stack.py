"""Run a stage on a thread with room for deep recursion.

The validator and datamodel-code-generator follow `$ref`s recursively, so a valid document
whose reference chain is a few hundred schemas deep exceeds Python's default limit of 1,000
frames ("maximum recursion depth exceeded"). Raising the limit alone would overflow the main
thread's C stack (8 MiB) instead, so the stage runs on a thread whose stack is sized for it.
The stack is reserved address space: pages are only committed as the recursion reaches them.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

# Enough for a chain of thousands of schemas (1,500 `$ref` aliases take about 30,000 frames).
RECURSION_LIMIT = 100_000
STACK_BYTES = 512 * 1024 * 1024

P = ParamSpec("P")
R = TypeVar("R")

_LOCK = threading.Lock()  # the recursion limit is global: one deep stage at a time sets it


def deep_call(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`function(*args, **kwargs)` on a thread with a deep stack; its exception is re-raised here."""
    outcome: list[R] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(function(*args, **kwargs))
        except BaseException as exc:  # handed to the caller's thread, re-raised there
            failure.append(exc)

    with _LOCK:
        previous_limit = sys.getrecursionlimit()
        previous_stack = threading.stack_size(STACK_BYTES)
        try:
            sys.setrecursionlimit(max(previous_limit, RECURSION_LIMIT))
            # A daemon, so Ctrl-C in the caller ends the process instead of waiting for it.
            worker = threading.Thread(target=run, name="generator-deep-stack", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous_stack)
        worker.join()
        sys.setrecursionlimit(previous_limit)
    if failure:
        raise failure[0]
    return outcome[0]


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Keep the garbage collector's full passes off what already exists (the parsed document,
    above all) while datamodel-code-generator allocates: a tenth of a large spec's model
    generation went to traversing it again and again. Nothing is kept alive longer than the
    stage: `unfreeze` hands every object back to the collector."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
