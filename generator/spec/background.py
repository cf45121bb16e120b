"""Validate the spec on the other core while the models are generated.

A strict generation validates the document before anything else, and openapi-spec-validator
is its slowest step that nothing depends on: importing it takes about a quarter of a second,
and its checks take a fifth of Stripe's generation. Strict validation never changes the
document, so the later stages can start on the parsed document while a child process
(`python -m generator.spec.background`) loads the same bytes exactly as `load_bytes` does.
The pipeline settles the check before it returns, and on any failure of its own, so every
run reports what a sequential one would: the validation errors first, and the same warnings
in the same order.

Where the check cannot help (lenient mode repairs the document from the validator's errors;
one usable core; the validator already imported by this process) or the child cannot run,
validation happens here, in line, as it always did.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from .. import children
from ..children import usable_cores
from ..errors import Diagnostic, GeneratorError
from ..stack import deep_call
from .loader import Spec, load_bytes, parse_draft, read_spec

_VALIDATOR_MODULE = "openapi_spec_validator"


class Loading:
    """A spec being validated: `spec` is usable now, `settle()` says whether it was valid.

    Both run on the caller's stack: the pipeline's deep one (`generator.stack`).
    """

    def __init__(self, spec: Spec, check: _Check | None) -> None:
        self.spec = spec  # without the validator's warnings until settled
        self._check = check
        self._outcome: Spec | GeneratorError | None = spec if check is None else None

    def settle(self) -> Spec:
        """The validated spec with every warning, or the `GeneratorError` validation raises
        (the same one each time it is asked)."""
        if self._outcome is None:
            assert self._check is not None
            try:
                self._outcome = self._check.result(self.spec)
            except GeneratorError as error:
                self._outcome = error
        if isinstance(self._outcome, GeneratorError):
            raise self._outcome
        return self._outcome

    def close(self) -> None:
        """Stop a check nobody asked for (the run was interrupted); nothing once settled."""
        if self._check is not None and self._outcome is None:
            self._check.stop()


def load_in_background(path: Path, *, lenient: bool = False, background: bool | None = None) -> Loading:
    """Read and parse `path` now; validate it in a child process when that saves time.

    `background=None` decides by the machine and the mode (see the module docstring);
    `True` or `False` forces the choice where the mode allows it (tests compare both).
    """
    raw = read_spec(path)
    if lenient or not (_worthwhile() if background is None else background):
        return Loading(load_bytes(raw, path, lenient=lenient), None)
    try:
        draft = parse_draft(raw, path)
    except GeneratorError:
        return Loading(load_bytes(raw, path), None)  # raises the same error, with the lenient hint
    check = _Check.start(raw, path)
    if check is None:
        return Loading(load_bytes(raw, path), None)
    return Loading(draft.spec(draft.warnings), check)


def _worthwhile() -> bool:
    return usable_cores() > 1 and _VALIDATOR_MODULE not in sys.modules


class _Check:
    """The child process validating one document."""

    def __init__(self, process: subprocess.Popen[bytes], feeder: threading.Thread, raw: bytes, path: Path) -> None:
        self._process = process
        self._feeder = feeder
        self._raw = raw
        self._path = path

    @classmethod
    def start(cls, raw: bytes, path: Path) -> _Check | None:
        process = children.start(__name__)
        if process is None:
            return None
        header = json.dumps({"path": str(path)}).encode("utf-8") + b"\n"
        return cls(process, children.feed(process, header + raw), raw, path)

    def result(self, draft: Spec) -> Spec:
        outcome = children.answer(self._process)
        self._feeder.join()
        if outcome is None:  # the child could not run: validate here instead
            return load_bytes(self._raw, self._path)
        found = tuple(Diagnostic.from_json(item) for item in outcome["diagnostics"])
        if not outcome["valid"]:
            raise GeneratorError(found)
        return Spec(
            path=draft.path,
            raw=draft.raw,
            sha256=draft.sha256,
            document=draft.document,
            openapi_version=draft.openapi_version,
            warnings=found,
        )

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._feeder.join()
        if self._process.stdout is not None:
            self._process.stdout.close()


def _main() -> None:
    """The child: the document arrives on stdin, the verdict leaves on stdout as JSON."""
    header = json.loads(sys.stdin.buffer.readline())
    raw = sys.stdin.buffer.read()
    try:
        spec = deep_call(load_bytes, raw, Path(header["path"]))
        verdict: dict[str, Any] = {"valid": True, "diagnostics": [d.to_json() for d in spec.warnings]}
    except GeneratorError as error:
        verdict = {"valid": False, "diagnostics": [d.to_json() for d in error.diagnostics]}
    children.reply(verdict)


if __name__ == "__main__":
    _main()
