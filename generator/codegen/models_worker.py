"""Generate the models in a second process, started before they are needed.

On its first run datamodel-code-generator spends about 0.4 s importing itself: more than all
our other stages of a small generation together. `python -m generator generate` starts this
worker first thing (`generator/__main__.py`), so that import happens on the other core while
this process reads the command line and the spec; the pipeline then hands the worker the
parsed document and validates it meanwhile, and takes the models back as JSON. They are the
`GeneratedModels` this process would have made: the same options, the same warnings.

Anything the worker cannot do (it could not start, died, or answered nonsense) the pipeline
does in its own process instead, with the same result.
"""

from __future__ import annotations

import atexit
import gc
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

from .. import children
from ..children import usable_cores

# This module is imported before anything else to start the worker (`generator.children`
# says why that import must stay light): the rest is imported where it is used.
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

    from .models import GeneratedModels

_started: list[ModelsWorker] = []  # the worker `prestart` made, until the pipeline claims it


def prestart(argv: list[str]) -> None:
    """Start the worker when the command will generate, on a machine with a core to spare."""
    if argv[:1] != ["generate"] or usable_cores() < 2 or "-h" in argv or "--help" in argv:
        return
    process = children.start(__name__)
    if process is None:
        return
    worker = ModelsWorker(process)
    _started.append(worker)
    atexit.register(worker.close)  # never claimed (a bad argument, say): it must not linger


def claim() -> ModelsWorker | None:
    """The prestarted worker, once: later generations in this process make their own models."""
    return _started.pop() if _started else None


class ModelsWorker:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    def submit(
        self, document: dict[str, Any], spec_path: Path, package: str, *, fallback: Callable[[], GeneratedModels]
    ) -> PendingModels:
        """Send the job; the worker starts as soon as its imports are done."""
        import json

        job = json.dumps({"path": str(spec_path), "package": package, "document": document}).encode("utf-8")
        return PendingModels(self, children.feed(self._process, job), fallback)

    def answer(self) -> dict[str, Any] | None:
        return children.answer(self._process)

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()


class PendingModels:
    """The models the worker is making; `result()` waits for them."""

    def __init__(self, worker: ModelsWorker, feeder: threading.Thread, fallback: Callable[[], GeneratedModels]) -> None:
        self._worker = worker
        self._feeder = feeder
        self._fallback = fallback

    def result(self) -> GeneratedModels:
        from ..errors import Diagnostic, GeneratorError

        answer = self._worker.answer()
        self._feeder.join()
        self._worker.close()
        if answer is None:
            return self._fallback()
        if "error" in answer:
            raise GeneratorError(tuple(Diagnostic.from_json(item) for item in answer["error"]))
        return decode(answer["models"])

    def cancel(self) -> None:
        self._worker.close()
        self._feeder.join()


def encode(models: GeneratedModels) -> dict[str, Any]:
    """`GeneratedModels` as JSON (`decode` gives back an equal one)."""
    return {
        "files": models.files,
        "classes": {at: [found.module, found.name] for at, found in models.classes.items()},
        "lifted": models.lifted,
        "public_names": list(models.public_names),
        "warnings": [d.to_json() for d in models.warnings],
    }


def decode(data: dict[str, Any]) -> GeneratedModels:
    from ..errors import Diagnostic
    from .models import GeneratedModels, ModelClass

    return GeneratedModels(
        files=dict(data["files"]),
        classes={at: ModelClass(module, name) for at, (module, name) in data["classes"].items()},
        lifted=dict(data["lifted"]),
        public_names=tuple(data["public_names"]),
        warnings=tuple(Diagnostic.from_json(item) for item in data["warnings"]),
    )


def _main() -> None:
    """The worker: import everything a generation needs, then wait for the one job."""
    # A process for one job, ended by `children.reply`: the collector's passes would reclaim
    # memory the exit frees anyway, at a tenth of the imports' time and a twentieth of a large
    # spec's models (Stripe's: 0.4 s of 7.6, to free 11 MB of 346).
    gc.disable()
    import json
    from pathlib import Path

    import datamodel_code_generator.config
    import datamodel_code_generator.parser.openapi  # noqa: F401

    from ..errors import GeneratorError
    from ..stack import deep_call
    from .models import generate_models

    line = sys.stdin.buffer.read()
    if not line:
        return  # the pipeline did not need the models after all
    job = json.loads(line)
    try:
        models = deep_call(generate_models, job["document"], Path(job["path"]), job["package"])
        answer: dict[str, Any] = {"models": encode(models)}
    except GeneratorError as error:
        answer = {"error": [d.to_json() for d in error.diagnostics]}
    children.reply(answer)


if __name__ == "__main__":
    _main()
