"""Command line: `python -m generator generate SPEC --out DIR --package NAME [--check]` and
`python -m generator diff OLD NEW [--format F] [--fail-on LEVEL]`.

Exit status: 0 done; 1 `--check` found the output out of date, or `diff --fail-on` found
changes that need a bigger bump of info.version; 2 a problem with the input (printed as
`error:` lines naming file, line and JSON pointer, without a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .diff import Level, diff_specs
from .errors import GeneratorError
from .pipeline import check_package, generate_package, write_package
from .report import FORMATS, render_report
from .sources import load_source

EXIT_OK = 0
EXIT_STALE = 1
EXIT_FAILED_DIFF = 1
EXIT_USER_ERROR = 2

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
        "changed since the spec DIR was generated from.",
    )
    generate.add_argument("spec", type=Path, metavar="SPEC", help="OpenAPI 3.0/3.1 document (.yaml, .yml or .json)")
    generate.add_argument("--out", type=Path, required=True, metavar="DIR", help="output directory (the distribution)")
    generate.add_argument("--package", required=True, metavar="NAME", help="import name, e.g. kinbox_client")
    generate.add_argument(
        "--package-version", metavar="VERSION", help="PEP 440 version of the package (default: the spec's info.version)"
    )
    generate.add_argument(
        "--templates", type=Path, metavar="DIR", help="directory of templates overriding the built-in ones"
    )
    generate.add_argument(
        "--check", action="store_true", help="do not write: exit 1 if DIR differs from what would be generated"
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
    sys.stdout.write(render_report(result, args.format))
    if result.fails(FAIL_ON[args.fail_on]):
        print(
            f"error: these changes need a {result.needed_bump.label} version bump; info.version went "
            f"{result.old_version} -> {result.new_version}",
            file=sys.stderr,
        )
        return EXIT_FAILED_DIFF
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    # The output as it stands carries the changelog forward (generator.changelog).
    generated = generate_package(
        args.spec,
        package=args.package,
        package_version=args.package_version,
        templates=args.templates,
        previous=args.out,
    )
    for warning in generated.warnings:
        if not args.quiet:
            print(f"warning: {warning.render()}", file=sys.stderr)
    if args.check:
        problems = check_package(generated, args.out)
        if problems:
            print(f"{args.out} is out of date with {args.spec}:", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_STALE
        if not args.quiet:
            print(f"{args.out} is up to date with {args.spec}")
        return EXIT_OK
    write_package(generated, args.out)
    if not args.quiet:
        api = generated.api
        print(
            f"wrote {api.distribution} {api.package_version} to {args.out} "
            f"({len(generated.files)} files, {len(api.operations)} operations)"
        )
    return EXIT_OK
