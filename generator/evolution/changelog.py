"""CHANGELOG.md of a generated package, and the copy of the spec that lets it continue.

Each output carries the spec it was generated from (`openapi.yaml`, or `openapi.json`). The
next generation diffs that copy against the new spec and, when they differ (or the version
does), adds an entry (version, date, findings grouped by level) above the entries it carries
over unchanged. When nothing changed, the changelog is carried over byte for byte, so
regenerating (or `--check`, or the golden test) gives identical output on any day: an entry's
date is the day it was first written, never recomputed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path

from ..codegen.output import MANIFEST
from ..errors import Diagnostic, GeneratorError
from ..spec.loader import Spec, load_spec
from .diff import SpecDiff, diff_specs
from .report import changelog_entry, summary
from .rules import Level

CHANGELOG = "CHANGELOG.md"
SPEC_COPIES = ("openapi.yaml", "openapi.json")
ENTRY = "## "  # how report.changelog_entry starts an entry


def spec_copy_name(spec: Spec) -> str:
    """The copy keeps its format: a JSON spec stays JSON."""
    return SPEC_COPIES[1] if spec.path.suffix.lower() == ".json" else SPEC_COPIES[0]


def history_files(
    spec: Spec, *, distribution: str, version: str, previous: Path | None, today: dt.date
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The spec copy and CHANGELOG.md for this generation, continuing `previous`'s output.

    A breaking change without a new major `version` is refused: the entry would tell callers
    a lie. A smaller change without a big enough bump is written, with a warning.
    """
    earlier = _previous(previous)
    warnings: list[Diagnostic] = []
    if earlier is None or not earlier.entries:
        entries = changelog_entry(version, today, None)
    elif earlier.version == version and earlier.spec.read_bytes() == spec.raw:
        entries = earlier.entries  # regenerated from the same spec: nothing to diff, nothing to add
    else:
        diff = replace(diff_specs(load_spec(earlier.spec), spec), old_version=earlier.version, new_version=version)
        if diff.fails(Level.BREAKING):
            raise GeneratorError(spec.locate(_breaks_without_major(diff, earlier.spec)))
        entries = earlier.entries
        if diff.findings or diff.old_version != diff.new_version:
            entries = changelog_entry(version, today, diff) + "\n" + entries
        if diff.fails(Level.PATCH):
            why = (
                f"the spec changed since {earlier.spec} ({summary(diff)}): give info.version "
                f"a {diff.needed_bump.label} bump so callers can tell the packages apart"
            )
            warnings.extend(spec.locate([Diagnostic(why, pointer="/info/version")]))
    copy_name = spec_copy_name(spec)
    header = (
        f"# Changelog of {distribution}\n\n"
        "Written by the generator, newest first: each entry lists how the OpenAPI spec changed since the\n"
        f"previous generation ({copy_name} is the spec this version was generated from), as\n"
        "`python -m generator diff` classifies it. Breaking changes need a new major version.\n\n"
    )
    return {copy_name: spec.raw, CHANGELOG: (header + entries).encode("utf-8")}, warnings


@dataclass(frozen=True, slots=True)
class _Previous:
    """What the previous output says about itself."""

    spec: Path  # the copy of the spec it was generated from
    version: str  # its package version
    entries: str  # its changelog entries, newest first (from the first `## ` on)


def _previous(previous: Path | None) -> _Previous | None:
    if previous is None or not (previous / MANIFEST).is_file():
        return None  # nothing generated there yet, or not ours to read
    copy = next((previous / name for name in SPEC_COPIES if (previous / name).is_file()), None)
    changelog = previous / CHANGELOG
    text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
    start = text.find("\n" + ENTRY)
    entries = text[start + 1 :] if start >= 0 else ""
    if copy is None:
        if entries:
            raise GeneratorError(
                Diagnostic(
                    f"cannot continue the changelog: the spec it was last generated from ({SPEC_COPIES[0]} or "
                    f"{SPEC_COPIES[1]}) is missing; restore it, or delete {CHANGELOG} to start a new one",
                    file=changelog,
                )
            )
        return None
    manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
    return _Previous(copy, str(manifest.get("version", "")), entries)


def _breaks_without_major(diff: SpecDiff, earlier: Path) -> list[Diagnostic]:
    """Why the generation is refused: the version, then each breaking finding where it is."""
    why = (
        f"the spec breaks callers of the package generated from {earlier}, but the version goes "
        f"{diff.old_version} -> {diff.new_version}: a breaking change needs a new major version "
        "(bump info.version, or pass --package-version)"
    )
    return [
        Diagnostic(why, pointer="/info/version"),
        *(
            Diagnostic(f"breaking: {f.message} ({f.rule})", pointer=f.pointer)
            for f in diff.findings
            if f.level is Level.BREAKING
        ),
    ]
