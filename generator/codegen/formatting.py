"""Format generated Python with ruff, the same way wherever the output lands.

`--isolated` makes ruff ignore every configuration file (a `ruff.toml`, `pyproject.toml`
or black settings around the output directory cannot change the bytes), and all settings
that matter are passed explicitly. The ruff version is pinned by the project and recorded
in the manifest.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

from ruff import find_ruff_bin  # type: ignore[import-untyped]  # the package has no py.typed

LINE_LENGTH = "100"
TARGET_VERSION = "py311"
COMMON = ("--isolated", "--no-cache", "--line-length", LINE_LENGTH, "--target-version", TARGET_VERSION)


class GeneratedCodeError(RuntimeError):
    """The generator produced Python that does not compile: a bug in the generator."""


def check_syntax(files: dict[str, str]) -> None:
    for name, source in files.items():
        if name.endswith(".py"):
            try:
                compile(source, name, "exec", dont_inherit=True)
            except SyntaxError as exc:
                raise GeneratedCodeError(
                    f"generated {name} is not valid Python (line {exc.lineno}): {exc.msg}"
                ) from exc


def format_python(files: dict[str, str]) -> dict[str, str]:
    """Sort imports and format every .py file; other files pass through unchanged."""
    python = {name: source for name, source in files.items() if name.endswith(".py")}
    if not python:
        return dict(files)
    with tempfile.TemporaryDirectory(prefix="generator-format-") as scratch:
        root = Path(scratch)
        for name, source in python.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8", newline="\n")
        # The pinned package's binary itself: `python -m ruff` would start an interpreter just
        # to exec it, twice per generation.
        ruff = find_ruff_bin()
        # ruff sorts the imports and then formats, in its own processes, while this one
        # compiles every file (a third of a second on Stripe's 4.7 MB of output); a syntax
        # error is reported as ours, whatever ruff made of it.
        failures: list[GeneratedCodeError] = []
        ruffing = threading.Thread(target=_sort_and_format, args=(ruff, root, failures), daemon=True)
        ruffing.start()
        try:
            check_syntax(python)
        finally:
            ruffing.join()
        if failures:
            raise failures[0]
        formatted = {name: (root / name).read_text(encoding="utf-8") for name in python}
    return {name: formatted.get(name, source) for name, source in files.items()}


def ruff_version() -> str:
    """The ruff that formats the output (its package's version: no subprocess needed)."""
    return version("ruff")


def _sort_and_format(ruff: str, root: Path, failures: list[GeneratedCodeError]) -> None:
    try:
        _finish(_start([ruff, "check", *COMMON, "--select", "I", "--fix", "--exit-zero", "--quiet", "."], root))
        _finish(_start([ruff, "format", *COMMON, "--quiet", "."], root))
    except GeneratedCodeError as error:
        failures.append(error)


def _start(command: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen[str]) -> None:
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        step = process.args[1] if isinstance(process.args, list) else "?"
        raise GeneratedCodeError(f"ruff {step} failed: {stderr.strip() or stdout.strip()}")
