"""Command line: `python -m generator generate SPEC --out DIR --package NAME [--check]`.

Exit status: 0 done; 1 `--check` found the output out of date; 2 a problem with the input
(printed as `error:` lines naming file, line and JSON pointer, without a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import GeneratorError
from .pipeline import check_package, generate_package, write_package

EXIT_OK = 0
EXIT_STALE = 1
EXIT_USER_ERROR = 2


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
        "the generator did not write is never replaced.",
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
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        generated = generate_package(
            args.spec, package=args.package, package_version=args.package_version, templates=args.templates
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
    except GeneratorError as error:
        for diagnostic in error.diagnostics:
            print(f"error: {diagnostic.render()}", file=sys.stderr)
        return EXIT_USER_ERROR
    if not args.quiet:
        api = generated.api
        print(
            f"wrote {api.distribution} {api.package_version} to {args.out} "
            f"({len(generated.files)} files, {len(api.operations)} operations)"
        )
    return EXIT_OK
