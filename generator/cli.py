"""Command line: `python -m generator generate [SPEC] [--out DIR] [--package NAME] [--check] ...`
and `python -m generator diff OLD NEW [--format F] [--fail-on LEVEL]`.

Arguments of `generate` not given on the command line come from the `[tool.kinbox-generator]`
table of `./pyproject.toml` (or `--config FILE`), see `generator.settings`.

Exit status: 0 done; 1 `--check` found the output out of date, or `diff --fail-on` found
changes that need a bigger bump of info.version; 2 a problem with the input (printed as
`error:` lines naming file, line and JSON pointer, without a traceback).

On a terminal, each stage is reported on stderr as it starts, with the elapsed time, and
the peak memory at the end; when stderr is not a terminal, or `CI` is set, or with
`--quiet`, nothing but the outcome is printed, so logs stay readable.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .codegen.layouts import FLAT_LAYOUT_MAX_OPERATIONS
from .errors import Diagnostic, GeneratorError
from .evolution.diff import diff_specs
from .evolution.report import FORMATS, render_report
from .evolution.rules import Level
from .pipeline import check_package, generate_package, write_package
from .settings import LAYOUTS, TABLE, Settings, read_settings
from .spec.lenient import LENIENT_FLAG
from .spec.sources import load_source
from .text import terminal

EXIT_OK = 0
EXIT_STALE = 1
EXIT_FAILED_DIFF = 1
EXIT_USER_ERROR = 2
PYPROJECT = Path("pyproject.toml")

FAIL_ON = {"breaking": Level.BREAKING, "minor": Level.MINOR, "patch": Level.PATCH, "never": None}


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate a typed Python client package (pydantic v2 models, httpx sync and async "
        "clients) from an OpenAPI 3.0 or 3.1 document.",
    )
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    generate = commands.add_parser(
        "generate",
        help="generate a client package from a spec",
        description="Generate a client package from SPEC (YAML or JSON) into DIR. The previous "
        "contents of DIR are replaced only after the whole package was generated; a directory "
        "the generator did not write is never replaced. DIR's CHANGELOG.md is continued with what "
        "changed since the spec DIR was generated from. Options not given here are read from "
        f"the [tool.{TABLE}] table of ./pyproject.toml (keys: spec, out, package, "
        "package-version, templates, layout, skip-unsupported, lenient; paths relative to that file).",
    )
    generate.add_argument(
        "spec", type=Path, nargs="?", metavar="SPEC", help="OpenAPI 3.0/3.1 document (.yaml, .yml or .json)"
    )
    generate.add_argument("--out", type=Path, metavar="DIR", help="output directory (the distribution)")
    generate.add_argument("--package", metavar="NAME", help="import name, e.g. kinbox_client")
    generate.add_argument(
        "--package-version", metavar="VERSION", help="PEP 440 version of the package (default: the spec's info.version)"
    )
    generate.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="directory of templates; each file in it replaces the built-in template of the same path",
    )
    generate.add_argument(
        "--layout",
        choices=LAYOUTS,
        help=f"operations as client methods (flat) or grouped by tag as client.<resource>.<operation> "
        f"(resources); auto (the default) groups when there are more than {FLAT_LAYOUT_MAX_OPERATIONS} operations",
    )
    generate.add_argument(
        "--skip-unsupported",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="leave out operations that use a construct the client cannot honour (one warning each) instead of failing",
    )
    generate.add_argument(
        LENIENT_FLAG,
        action=argparse.BooleanOptionalAction,
        default=None,
        help="for a spec you do not maintain: repair mistakes whose intent is clear (3.0 keywords in 3.1, "
        "duplicate `required` entries, unknown $-keywords, defaults that do not match their schema, ...) "
        "with one warning each instead of failing",
    )
    generate.add_argument(
        "--check", action="store_true", help="do not write: exit 1 if DIR differs from what would be generated"
    )
    generate.add_argument(
        "--config",
        type=Path,
        metavar="PYPROJECT",
        help=f"read the [tool.{TABLE}] table from this file instead of ./pyproject.toml",
    )
    generate.add_argument("--quiet", action="store_true", help="print errors only")
    diff = commands.add_parser(
        "diff",
        help="classify the changes between two versions of a spec",
        description="Compare OLD and NEW as a generated client's callers see them: each change is "
        "breaking (needs a major version), minor or patch, with its rule and JSON pointer.",
    )
    for name, which in (("old", "the earlier"), ("new", "the later")):
        diff.add_argument(
            name, metavar=name.upper(), help=f"{which} spec: a file, or REV:PATH from git (e.g. HEAD~1:spec/api.yaml)"
        )
    diff.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    diff.add_argument(
        "--fail-on",
        choices=list(FAIL_ON),
        default="never",
        help="exit 1 when changes at this level or above need a bigger bump of info.version than NEW made "
        "(breaking: a major bump; default: never)",
    )
    return root


class Progress:
    """Reports each stage with the time since the start, when someone is watching."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self._stream = stream
        self._enabled = enabled
        self._started = time.perf_counter()

    @classmethod
    def for_terminal(cls, quiet: bool) -> Progress:
        watched = sys.stderr.isatty() and not os.environ.get("CI") and not quiet
        return cls(sys.stderr, watched)

    def __call__(self, stage: str) -> None:
        if self._enabled:
            print(f"[{time.perf_counter() - self._started:6.1f}s] {terminal(stage)}", file=self._stream, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return _diff(args) if args.command == "diff" else _generate(args)
    except GeneratorError as error:
        for diagnostic in error.diagnostics:
            print(f"error: {diagnostic.render()}", file=sys.stderr)
        return EXIT_USER_ERROR


def _diff(args: argparse.Namespace) -> int:
    result = diff_specs(load_source(args.old), load_source(args.new))
    report = render_report(result, args.format)
    # Spec keys and values are in the report: one line at a time, nothing in them may act on a terminal.
    sys.stdout.write("\n".join(terminal(line) for line in report.split("\n")))
    if result.fails(FAIL_ON[args.fail_on]):
        print(
            terminal(
                f"error: these changes need a {result.needed_bump.label} version bump; info.version went "
                f"{result.old_version} -> {result.new_version}"
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED_DIFF
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    progress = Progress.for_terminal(args.quiet)
    settings = _settings(args.config)
    spec = args.spec or settings.spec
    out = args.out or settings.out
    package = args.package or settings.package
    if spec is None or out is None or package is None:
        missing = [
            f"{flag} (or `{key}` in [tool.{TABLE}])"
            for flag, key, value in (("SPEC", "spec", spec), ("--out", "out", out), ("--package", "package", package))
            if value is None
        ]
        raise GeneratorError(Diagnostic(f"missing {', '.join(missing)}"))
    generated = generate_package(
        spec,
        package=package,
        package_version=args.package_version or settings.package_version,
        templates=args.templates or settings.templates,
        layout=args.layout or settings.layout or "auto",
        skip_unsupported=_first(args.skip_unsupported, settings.skip_unsupported),
        lenient=_first(args.lenient, settings.lenient),
        progress=progress,
        previous=out,  # the output as it stands carries the changelog forward (generator.evolution.changelog)
    )
    for warning in generated.warnings:
        if not args.quiet:
            print(f"warning: {warning.render()}", file=sys.stderr)
    if args.check:
        progress(f"comparing with {out}")
        problems = check_package(generated, out)
        if problems:
            print(terminal(f"{out} is out of date with {spec}:"), file=sys.stderr)
            for problem in problems:
                print(f"  {terminal(problem)}", file=sys.stderr)
            return EXIT_STALE
        if not args.quiet:
            print(terminal(f"{out} is up to date with {spec}"))
        return EXIT_OK
    progress(f"writing {out}")
    write_package(generated, out)
    progress(f"done (peak memory {peak_memory_mb():.0f} MB)")
    if not args.quiet:
        api = generated.api
        print(
            terminal(
                f"wrote {api.distribution} {api.package_version} to {out} "
                f"({len(generated.files)} files, {len(api.operations)} operations)"
            )
        )
    return EXIT_OK


def peak_memory_mb() -> float:
    """The largest resident size of this process so far (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def _settings(config: Path | None) -> Settings:
    if config is not None:
        return read_settings(config)
    return read_settings(PYPROJECT) if PYPROJECT.is_file() else Settings()


def _first(*values: bool | None) -> bool:
    """The first value that was given (command line before settings), else False."""
    return next((value for value in values if value is not None), False)
