"""Write a generated package so that a failure never leaves a half-written directory.

The new output is written into a temporary directory beside the target, then swapped in.
A directory the generator did not create (no manifest) is never replaced or deleted, so
`--out .` by mistake cannot wipe a project. `--check` compares instead of writing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import Diagnostic, GeneratorError

MANIFEST = "generator-manifest.json"


def manifest_text(metadata: dict[str, object], files: dict[str, bytes]) -> str:
    """The manifest: what produced the output (no timestamps: output is reproducible)."""
    content = {
        **metadata,
        "files": {name: hashlib.sha256(files[name]).hexdigest() for name in sorted(files)},
    }
    return json.dumps(content, indent=2, sort_keys=True) + "\n"


def write_output(out_dir: Path, files: dict[str, bytes]) -> None:
    """Replace `out_dir` by exactly `files` (relative path -> content)."""
    _refuse_foreign(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; the output should not be
    try:
        for name, content in sorted(files.items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def compare_output(out_dir: Path, files: dict[str, bytes]) -> list[str]:
    """Differences between `out_dir` and `files`, one readable line each; empty when equal."""
    if not out_dir.is_dir():
        return [f"{out_dir} does not exist"]
    present = {
        path.relative_to(out_dir).as_posix()
        for path in out_dir.rglob("*")
        if path.is_file() and not _ignorable(path.relative_to(out_dir))
    }
    problems = []
    for name in sorted(set(files) | present):
        if name not in present:
            problems.append(f"missing: {name}")
        elif name not in files:
            problems.append(f"not generated (stale or added by hand): {name}")
        elif (out_dir / name).read_bytes() != files[name]:
            problems.append(f"differs: {name}")
    return problems


def _ignorable(relative: Path) -> bool:
    """Build and tool caches that may sit in an output directory without being output."""
    return any(
        part in ("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist")
        or part.endswith(".egg-info")
        for part in relative.parts
    )


def _refuse_foreign(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise GeneratorError(Diagnostic(f"{out_dir} exists and is not a directory"))
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MANIFEST).is_file():
        raise GeneratorError(
            Diagnostic(
                f"{out_dir} is not empty and was not written by the generator (no {MANIFEST}); "
                "refusing to replace it: choose an empty or new directory"
            )
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    retired.rmdir()
    os.replace(out_dir, retired)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(retired, out_dir)  # put the previous output back
        raise
    shutil.rmtree(retired, ignore_errors=True)
