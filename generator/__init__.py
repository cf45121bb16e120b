"""OpenAPI 3.0/3.1 spec in, typed httpx + pydantic client package out.

The pipeline, one module per stage: `loader` (read, resolve `$ref`s, validate) -> `models`
(datamodel-code-generator) -> `build` (the intermediate representation in `ir`) ->
`render` (Jinja2 templates) -> `formatting` (ruff) -> `output` (manifest, atomic write).
`pipeline` runs them in order; `cli` is the command line.
"""

__version__ = "0.1.0"

GENERATED_HEADER = "# Generated from the OpenAPI spec by the generator: do not edit.\n"
