"""OpenAPI 3.0/3.1 spec in, typed httpx + pydantic client package out; and spec evolution.

Two tools share one reading of the spec:

- `spec/`: read, resolve `$ref`s, validate (`loader`, `refs`), the normalized OpenAPI view
  (`openapi`), JSON pointers, and specs from files or git revisions (`sources`);
- `codegen/`: models (datamodel-code-generator) -> the intermediate representation (`ir`,
  built by `build`) -> `render` (Jinja2, `templates/`) -> `formatting` (ruff) -> `output`;
- `evolution/`: `diff` (rules -> findings), `report`, `changelog`.

`pipeline` runs generation in order; `cli` is the command line; `runtime/` is copied into
every generated package.
"""

__version__ = "0.1.0"

GENERATED_HEADER = "# Generated from the OpenAPI spec by the generator: do not edit.\n"
