"""Generator settings from a `[tool.kinbox-generator]` table in `pyproject.toml`.

A project that generates a client writes its arguments down once:

    [tool.kinbox-generator]
    spec = "spec/kinbox.openapi.yaml"
    out = "generated"
    package = "kinbox_client"

and then `python -m generator generate` (or `--check`) needs no arguments. Paths are
relative to the directory of the `pyproject.toml`, so the command works from anywhere the
file is passed with `--config`. Command-line options override the table key by key. A key
the generator does not know is an error, not silently ignored: a misspelt `pacakge` would
otherwise generate something else than intended.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import Diagnostic, GeneratorError

# What `layout` can say; `generator.codegen.layouts` decides what "auto" becomes.
LayoutChoice = Literal["auto", "flat", "resources"]
LAYOUTS: tuple[LayoutChoice, ...] = ("auto", "flat", "resources")

TABLE = "kinbox-generator"
PATH_KEYS = ("spec", "out", "templates")
TEXT_KEYS = ("package", "package-version", "layout")
LENIENT_KEY = "lenient"
FLAG_KEYS = ("skip-unsupported", LENIENT_KEY)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the table says; None where it says nothing."""

    spec: Path | None = None
    out: Path | None = None
    package: str | None = None
    package_version: str | None = None
    templates: Path | None = None
    layout: LayoutChoice | None = None
    skip_unsupported: bool | None = None
    lenient: bool | None = None


def read_settings(pyproject: Path) -> Settings:
    """The `[tool.kinbox-generator]` table of `pyproject`; empty settings when it has none."""
    try:
        with pyproject.open("rb") as file:
            document = tomllib.load(file)
    except OSError as exc:
        raise GeneratorError(Diagnostic(f"cannot read {pyproject}: {exc.strerror or exc}")) from None
    except tomllib.TOMLDecodeError as exc:
        raise GeneratorError(Diagnostic(f"invalid TOML: {exc}", file=pyproject)) from None
    table = document.get("tool", {}).get(TABLE)
    if table is None:
        return Settings()
    where = f"[tool.{TABLE}]"
    if not isinstance(table, dict):
        raise GeneratorError(Diagnostic(f"{where} must be a table", file=pyproject))
    problems = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in PATH_KEYS or key in TEXT_KEYS:
            if not isinstance(value, str) or not value:
                problems.append(f"{where} {key} must be a non-empty string, not {value!r}")
            elif key in PATH_KEYS:
                values[key] = pyproject.parent / value
            else:
                values[key] = value
        elif key in FLAG_KEYS:
            if not isinstance(value, bool):
                problems.append(f"{where} {key} must be true or false, not {value!r}")
            values[key] = value
        else:
            known = ", ".join((*PATH_KEYS, *TEXT_KEYS, *FLAG_KEYS))
            problems.append(f"{where} has an unknown key {key!r} (known keys: {known})")
    if values.get("layout") not in (None, *LAYOUTS):
        problems.append(f"{where} layout must be one of {', '.join(LAYOUTS)}, not {values['layout']!r}")
    if problems:
        raise GeneratorError([Diagnostic(problem, file=pyproject) for problem in problems])
    return Settings(
        spec=values.get("spec"),
        out=values.get("out"),
        package=values.get("package"),
        package_version=values.get("package-version"),
        templates=values.get("templates"),
        layout=values.get("layout"),
        skip_unsupported=values.get("skip-unsupported"),
        lenient=values.get(LENIENT_KEY),
    )
