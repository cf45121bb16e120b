"""Show a `SpecDiff` as text (one line per finding), Markdown (grouped by level) or JSON.

Spec text reaches Markdown only through `_md` and `_code`, so a property name cannot start
a link, close a code span or end a list item.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence

from ..text import oneline
from ..versions import Bump
from .diff import SpecDiff
from .rules import Finding, Level

FORMATS = ("text", "markdown", "json")

GROUPS = (
    (Level.BREAKING, "Breaking changes (major)"),
    (Level.MINOR, "Compatible changes (minor)"),
    (Level.PATCH, "Documentation changes (patch)"),
)


def render_report(diff: SpecDiff, form: str) -> str:
    """The report in one of FORMATS, ending with a newline."""
    if form == "json":
        return _json(diff)
    if form == "markdown":
        return _markdown(diff)
    return _text(diff)


def summary(diff: SpecDiff) -> str:
    """'2 breaking, 1 minor, 0 patch; info.version 1.0.0 -> 1.0.0 (no bump, major needed)'."""
    if not diff.findings:
        return "no changes"
    counts = ", ".join(f"{diff.count(level)} {level.label}" for level, _ in GROUPS)
    return f"{counts}; info.version {diff.old_version} -> {diff.new_version} ({_bumps(diff)})"


def changelog_entry(version: str, day: dt.date, diff: SpecDiff | None) -> str:
    """A CHANGELOG.md entry: `## version (date)`, then the findings grouped by level."""
    heading = f"## {_md(version)} ({day.isoformat()})\n\n"
    if diff is None:
        return heading + "First entry: no earlier generation to compare with.\n"
    if not diff.findings:
        return heading + f"The contract did not change; the version went {_md(diff.old_version)} -> {_md(version)}.\n"
    intro = f"Compared with the spec of the previous generation: {_md(summary(diff))}.\n\n"
    return heading + intro + _grouped(diff.findings, "###")


def _grouped(findings: Sequence[Finding], heading: str) -> str:
    """Findings grouped by level under `heading`-level titles ("###"), one bullet each."""
    sections = []
    for level, title in GROUPS:
        bullets = [
            f"- {_md(f.message)} ({_code(f.rule)} at {_code('#' + f.pointer)})" for f in findings if f.level is level
        ]
        if bullets:
            sections.append(f"{heading} {title}\n\n" + "\n".join(bullets) + "\n")
    return "\n".join(sections)


def _bumps(diff: SpecDiff) -> str:
    made = "no bump" if diff.version_bump is Bump.NONE else f"{diff.version_bump.label} bump"
    return f"{made}, {diff.needed_bump.label} needed"


def _text(diff: SpecDiff) -> str:
    lines = [oneline(f"{diff.old_source} -> {diff.new_source}: {summary(diff)}")]
    lines += [f"{f.level.label} {f.rule} #{f.pointer}: {oneline(f.message)}" for f in diff.findings]
    return "\n".join(lines) + "\n"


def _markdown(diff: SpecDiff) -> str:
    title = f"# Spec changes: {_code(diff.old_source)} → {_code(diff.new_source)}\n\n"
    if not diff.findings:
        return title + "No changes.\n"
    return title + _md(summary(diff)) + ".\n\n" + _grouped(diff.findings, "##")


def _json(diff: SpecDiff) -> str:
    report = {
        "old": {"source": diff.old_source, "version": diff.old_version},
        "new": {"source": diff.new_source, "version": diff.new_version},
        "version_bump": diff.version_bump.label,
        "needed_bump": diff.needed_bump.label,
        "counts": {level.label: diff.count(level) for level, _ in GROUPS},
        "findings": [
            {
                "level": f.level.label,
                "rule": f.rule,
                "pointer": f.pointer,
                "old": f.old,
                "new": f.new,
                "message": f.message,
            }
            for f in diff.findings
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False, default=repr) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_<\[\]|&~])")  # `>` only matters at a line start


def _md(text: str) -> str:
    """Plain text for inside a Markdown paragraph or list item."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", oneline(text))


def _code(text: str) -> str:
    """A code span that holds `text` whatever backticks it contains."""
    text = oneline(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"
