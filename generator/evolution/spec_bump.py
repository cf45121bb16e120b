"""pre-commit hook: an OpenAPI spec changed since HEAD must bump `info.version` as its changes need.

    python -m generator.evolution.spec_bump [--fail-on breaking|minor|patch] FILE...

pre-commit passes the staged YAML and JSON files; each that is an OpenAPI document and was
already in HEAD is compared with `python -m generator diff HEAD:FILE FILE --fail-on LEVEL`,
whose report names every change with its rule and JSON pointer. The default level, patch,
asks every change for the bump semver gives it (README, "Spec evolution"); `--fail-on
breaking` asks only breaking changes for a major bump, like `nox -s spec_diff`.

The spec copy inside the generated package (the `out` directory of pyproject.toml's
[tool.kinbox-generator]) is skipped: it follows the spec, and the up-to-date hook checks it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

LEVELS = ("breaking", "minor", "patch")


def generated_dir(pyproject: Path = Path("pyproject.toml")) -> Path | None:
    """Where the generator writes its package in this repository, if it is configured here."""
    if not pyproject.is_file():
        return None
    settings = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("kinbox-generator", {})
    out = settings.get("out")
    return (pyproject.parent / out).resolve() if isinstance(out, str) else None


def is_openapi(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
        document: Any = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return False  # not a spec; a broken spec in HEAD's place is the generator's to report
    return isinstance(document, dict) and "openapi" in document


def in_head(path: Path) -> bool:
    git = shutil.which("git")  # pre-commit itself runs only in a git repository
    if git is None:
        return False
    done = subprocess.run([git, "cat-file", "-e", f"HEAD:{path.as_posix()}"], capture_output=True, check=False)
    return done.returncode == 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evolution.spec_bump",
        description="Fail when an OpenAPI spec changed since HEAD without the info.version bump its changes need.",
    )
    parser.add_argument("--fail-on", choices=LEVELS, default="patch", help="the level that needs its bump")
    parser.add_argument("files", nargs="*", type=Path)
    arguments = parser.parse_args(argv)
    out = generated_dir()
    status = 0
    for path in arguments.files:
        if (out is not None and path.resolve().is_relative_to(out)) or not is_openapi(path):
            continue
        if not in_head(path):
            print(f"{path}: new since HEAD, nothing to compare")
            continue
        command = ["-m", "generator", "diff", f"HEAD:{path.as_posix()}", str(path), "--fail-on", arguments.fail_on]
        done = subprocess.run([sys.executable, *command], check=False)
        status = max(status, done.returncode)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
