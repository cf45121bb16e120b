"""Strict and lenient mode: a sloppy third-party spec is refused with located errors, or
repaired with one located warning per mistake; what cannot be generated stays an error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import Diagnostic, GeneratorError
from generator.settings import read_settings
from generator.spec.lenient import STRICT_HINT
from generator.spec.loader import load_spec

# Every mistake lenient mode forgives in a 3.1 document, each on a line of its own.
SLOPPY_31 = """\
openapi: 3.1.0
info: {title: Sloppy, version: 1.0.0}
paths:
  /things:
    get:
      title: List things
      operationId: listThings
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            default: "ten"
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      $recursiveAnchor: true
      required: [id, id, name]
      properties:
        id:
          type: integer
          minimum: 0
          exclusiveMinimum: true
        name:
          type: string
          nullable: true
"""

SLOPPY_30 = """\
openapi: 3.0.3
info: {title: Sloppy, version: 1.0.0}
paths: {}
components:
  schemas:
    Kind:
      type: string
      const: alpha
"""


def messages_at(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> dict[str, tuple[int | None, str]]:
    return {d.pointer or "": (d.line, d.message) for d in diagnostics}


def test_strict_mode_refuses_each_mistake_at_its_value(write_spec: Callable[[str], Path]) -> None:
    path = write_spec(SLOPPY_31)
    with pytest.raises(GeneratorError) as raised:
        load_spec(path)
    errors = messages_at(raised.value.diagnostics)
    assert all(d.file == path for d in raised.value.diagnostics)
    assert errors["/paths/~1things/get/title"] == (6, "'title' is not allowed here (only 'x-' extensions can be added)")
    assert errors["/paths/~1things/get/parameters/0/schema/default"][0] == 13
    assert "'ten' is not of type 'integer'" in errors["/paths/~1things/get/parameters/0/schema/default"][1]
    assert raised.value.diagnostics[-1].message == STRICT_HINT  # all of them are forgivable


def test_no_lenient_hint_when_lenient_mode_would_refuse_too(write_spec: Callable[[str], Path]) -> None:
    path = write_spec(SLOPPY_31.replace("type: object", "type: objekt"))
    with pytest.raises(GeneratorError) as raised:
        load_spec(path)
    assert STRICT_HINT not in [d.message for d in raised.value.diagnostics]


def test_lenient_mode_repairs_and_warns_once_per_mistake(write_spec: Callable[[str], Path]) -> None:
    path = write_spec(SLOPPY_31)
    spec = load_spec(path, lenient=True)
    warnings = messages_at(spec.warnings)
    thing = "/components/schemas/Thing"
    assert {pointer: line for pointer, (line, _) in warnings.items()} == {
        "/paths/~1things/get/title": 6,
        f"{thing}/$recursiveAnchor": 24,
        f"{thing}/required": 25,
        f"{thing}/properties/id/exclusiveMinimum": 30,
        f"{thing}/properties/name/nullable": 33,
        "/paths/~1things/get/parameters/0/schema/default": 13,
    }
    assert all(d.file == path and d.message.startswith("lenient: ") for d in spec.warnings)
    assert "duplicate `required` entries: id" in warnings[f"{thing}/required"][1]

    document = spec.document
    schema = document["components"]["schemas"]["Thing"]
    assert schema["required"] == ["id", "name"]
    assert "$recursiveAnchor" not in schema
    assert schema["properties"]["id"] == {"type": "integer", "exclusiveMinimum": 0}
    assert schema["properties"]["name"] == {"type": ["string", "null"]}
    assert "title" not in document["paths"]["/things"]["get"]
    assert document["paths"]["/things"]["get"]["parameters"][0]["schema"] == {"type": "integer"}


def test_lenient_mode_reads_const_in_30_as_a_one_value_enum(write_spec: Callable[[str], Path]) -> None:
    path = write_spec(SLOPPY_30)
    with pytest.raises(GeneratorError) as raised:
        load_spec(path)
    assert messages_at(raised.value.diagnostics)["/components/schemas/Kind/const"][0] == 8
    spec = load_spec(path, lenient=True)
    assert spec.document["components"]["schemas"]["Kind"] == {"type": "string", "enum": ["alpha"]}
    assert [(d.pointer, d.line) for d in spec.warnings] == [("/components/schemas/Kind/const", 8)]


def test_lenient_mode_reads_a_30_document_without_paths_as_one_without_operations(
    write_spec: Callable[[str], Path],
) -> None:
    text = SLOPPY_30.replace("paths: {}\n", "").replace("const: alpha", "enum: [alpha]")
    path = write_spec(text.replace("info: {title: Sloppy, version: 1.0.0}\n", ""))
    with pytest.raises(GeneratorError) as raised:
        load_spec(path)
    assert [d.message for d in raised.value.diagnostics[:2]] == [
        "'info' is a required property",
        "'paths' is a required property",
    ]
    spec = load_spec(path, lenient=True)
    assert spec.document["paths"] == {}
    assert spec.document["info"] == {"title": "API", "version": "0.1.0"}
    assert [(d.pointer, d.line) for d in spec.warnings] == [("", 1), ("", 1)]


def test_what_cannot_be_generated_stays_an_error_in_lenient_mode(write_spec: Callable[[str], Path]) -> None:
    path = write_spec(SLOPPY_30.replace("const: alpha", "const: alpha\n      maxLength: many"))
    with pytest.raises(GeneratorError) as raised:
        load_spec(path, lenient=True)
    [error] = raised.value.diagnostics
    assert (error.pointer, error.line) == ("/components/schemas/Kind/maxLength", 9)


def test_data_is_never_repaired(write_spec: Callable[[str], Path]) -> None:
    """An example holding `nullable` or duplicate `required` entries is data, not a schema."""
    path = write_spec(
        SLOPPY_30.replace("const: alpha", "example: {nullable: true, required: [a, a], $recursiveRef: x}")
    )
    spec = load_spec(path, lenient=True)
    assert spec.warnings == ()
    assert spec.document["components"]["schemas"]["Kind"]["example"] == {
        "nullable": True,
        "required": ["a", "a"],
        "$recursiveRef": "x",
    }


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("'3.1'", "the OpenAPI version '3.1' lacks its patch number: write '3.1.0'"),
        ("3.1", "must be a string, found the float 3.1; quote it: '3.1.0'"),
        ("'2.0'", "unsupported OpenAPI version '2.0'"),
    ],
)
def test_the_version_message_says_what_was_found_and_what_is_accepted(
    write_spec: Callable[[str], Path], version: str, expected: str
) -> None:
    path = write_spec(SLOPPY_30.replace("openapi: 3.0.3", f"openapi: {version}"))
    with pytest.raises(GeneratorError) as raised:
        load_spec(path, lenient=True)
    [error] = raised.value.diagnostics
    assert expected in error.message
    assert "accepted: 3.0.x and 3.1.x" in error.message
    assert (error.pointer, error.line) == ("/openapi", 1)


def test_lenient_setting_and_flag(tmp_path: Path, write_spec: Callable[[str], Path]) -> None:
    spec = write_spec(SLOPPY_30)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        f'[tool.kinbox-generator]\nspec = "{spec.name}"\nout = "out"\npackage = "sloppy"\nlenient = true\n'
    )
    assert read_settings(pyproject).lenient is True
    assert main(["generate", "--config", str(pyproject), "--quiet"]) == 0
    assert (tmp_path / "out" / "sloppy" / "models.py").is_file() or (tmp_path / "out" / "sloppy" / "models").is_dir()
    # the command line wins over the setting: --no-lenient is strict again
    assert main(["generate", "--config", str(pyproject), "--quiet", "--no-lenient", "--check"]) == 2

    pyproject.write_text('[tool.kinbox-generator]\nlenient = "yes"\n')
    with pytest.raises(GeneratorError, match="lenient must be true or false"):
        read_settings(pyproject)


def test_lenient_flag_prints_located_warnings(
    tmp_path: Path, write_spec: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(SLOPPY_30)
    assert main(["generate", str(spec), "--out", str(tmp_path / "out"), "--package", "sloppy", "--lenient"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {spec}:8 #/components/schemas/Kind/const: lenient: `const` is OpenAPI 3.1" in err


def test_our_own_spec_stays_strict() -> None:
    from tests.helpers import ROOT

    assert read_settings(ROOT / "pyproject.toml").lenient in (None, False)


def test_lenient_mode_reads_30_type_lists_and_a_number_version(write_spec: Callable[[str], Path]) -> None:
    text = SLOPPY_30.replace("version: 1.0.0}", "version: 2.5}").replace(
        "type: string\n      const: alpha",
        "type: object\n      properties:\n        a: {type: [string, 'null']}\n        b: {type: [integer, number]}",
    )
    path = write_spec(text)
    with pytest.raises(GeneratorError) as raised:
        load_spec(path)
    pointers = [d.pointer or "" for d in raised.value.diagnostics]
    assert "/info/version" in pointers
    assert any(p.startswith("/components/schemas/Kind/properties/") and p.endswith("/type") for p in pointers)
    spec = load_spec(path, lenient=True)
    assert spec.document["info"]["version"] == "2.5"
    properties = spec.document["components"]["schemas"]["Kind"]["properties"]
    assert properties["a"] == {"type": "string", "nullable": True}
    assert properties["b"] == {"anyOf": [{"type": "integer"}, {"type": "number"}]}
    assert [(d.pointer, d.line) for d in spec.warnings] == [
        ("/info/version", 2),
        ("/components/schemas/Kind/properties/a/type", 9),
        ("/components/schemas/Kind/properties/b/type", 10),
    ]
