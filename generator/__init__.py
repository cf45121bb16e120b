"""OpenAPI 3.0/3.1 spec in, typed httpx + pydantic client package out; and spec evolution.

Two tools share one reading of the spec (see each subpackage's docstring):

- `spec/`: read, resolve, validate and normalize the document, once;
- `codegen/`: models -> IR -> templates -> ruff -> the package on disk;
- `evolution/`: the classified diff of two specs, its report, and the package's changelog;
  `spec_bump` is the pre-commit hook that asks a changed spec for its version bump;
- `release/`: the built package published to an index, never replacing a version.

`pipeline` runs generation stage by stage and `cli` is the command line (`settings` reads
its `pyproject.toml` table). `runtime/` is copied into every generated package and
`templates/` renders the rest of it. Shared by all: `versions` (what `info.version` makes
of the package version), `naming` (Python names), `text` (escaping) and `errors`.
"""

__version__ = "0.1.0"

GENERATED_HEADER = "# Generated from the OpenAPI spec by the generator: do not edit.\n"
