"""Specs named on the command line: a file, or `REV:PATH` read from git (`HEAD~1:spec/api.yaml`).

A git blob is loaded under its `REV:PATH` name, so its errors read like a file's
(`HEAD~1:spec/api.yaml:12 #/paths/...: ...`). As in git, PATH is relative to the
repository root, `REV:./PATH` to the current directory.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import Diagnostic, GeneratorError
from .loader import Spec, load_spec, parse_spec


def load_source(source: str) -> Spec:
    """An existing file wins; otherwise `REV:PATH` is read with `git cat-file`."""
    path = Path(source)
    if path.exists() or ":" not in source or source.startswith("-"):
        return load_spec(path)
    return parse_spec(_git_blob(source), path)


def _git_blob(source: str) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise GeneratorError(Diagnostic(f"cannot read {source}: it names a git revision and git is not installed"))
    result = subprocess.run([git, "cat-file", "blob", source], capture_output=True, check=False)
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().removeprefix("fatal: ") or "git failed"
        raise GeneratorError(Diagnostic(f"cannot read {source} from git: {reason.splitlines()[0]}"))
    return result.stdout
