"""User errors: one readable paragraph (file, line, JSON pointer, what), exit 2, no
traceback, and the previous output left exactly as it was."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.codegen.output import MANIFEST, write_output
from generator.errors import GeneratorError
from tests.helpers import SPEC, run_generator

MINIMAL = """
openapi: 3.1.0
info: {title: T, version: "1.0.0"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
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
      properties:
        name: {type: string}
"""


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def previous_output(tmp_path: Path, write_spec: Callable[..., Path]) -> Path:
    """An output directory holding a good earlier generation."""
    out = tmp_path / "out"
    result = run_generator("generate", write_spec(MINIMAL, "good.yaml"), "--out", out, "--package", "things")
    assert result.returncode == 0, result.stderr
    return out


BROKEN = {
    "invalid YAML": (
        MINIMAL.replace('info: {title: T, version: "1.0.0"}', 'info: {title: T, version: "1.0.0"'),
        ["spec.yaml:3:", "invalid YAML", "while parsing a flow mapping that starts on line 2"],
    ),
    "duplicate key": (
        MINIMAL + "paths: {}\n",
        ["spec.yaml:21:", "found duplicate key 'paths'", "while reading a mapping that starts on line 1"],
    ),
    "invalid OpenAPI": (
        MINIMAL.replace('version: "1.0.0"', 'versio: "1.0.0"'),
        ["spec.yaml:2 #/info:", "'version' is a required property"],
    ),
    "wrong type in a schema": (
        MINIMAL.replace("name: {type: string}", "name: {type: string, maxLength: lots}"),
        ["spec.yaml:20 #/components/schemas/Thing/properties/name/maxLength:", "'lots' is not of type 'integer'"],
    ),
    "unresolved $ref": (
        MINIMAL.replace("#/components/schemas/Thing", "#/components/schemas/Thnig"),
        [
            "spec.yaml:14 #/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/$ref:",
            "there is no 'Thnig' in #/components/schemas",
        ],
    ),
    "reference to another file": (
        MINIMAL.replace("#/components/schemas/Thing", "common.yaml#/Thing"),
        ["schema/$ref:", "points to another document; bundle the spec"],
    ),
    "two operations with one Python name": (
        MINIMAL.replace(
            "components:",
            "  /things-again/{id}:\n    get:\n      operationId: get_thing\n"
            "      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n"
            "      responses: {'204': {description: none}}\ncomponents:",
        ),
        ["#/paths/~1things-again~1{id}/get:", "would be called `get_thing`", "#/paths/~1things~1{id}/get"],
    ),
    "Swagger 2.0": (
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n",
        ["missing the 'openapi' version field", "Swagger 2.0 is not supported"],
    ),
    "not a mapping": ("- just\n- a list\n", ["the document is a list, not an OpenAPI object"]),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_spec_is_reported_and_output_untouched(
    case: str, previous_output: Path, write_spec: Callable[..., Path]
) -> None:
    text, expected = BROKEN[case]
    before = snapshot(previous_output)
    result = run_generator("generate", write_spec(text), "--out", previous_output, "--package", "things")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    for fragment in expected:
        assert fragment in result.stderr, result.stderr
    assert snapshot(previous_output) == before


def test_missing_spec_file(tmp_path: Path) -> None:
    result = run_generator("generate", tmp_path / "nope.yaml", "--out", tmp_path / "out", "--package", "x")
    assert result.returncode == 2
    assert "nope.yaml: cannot read the spec: No such file or directory" in result.stderr
    assert not (tmp_path / "out").exists()


def test_invalid_package_name(tmp_path: Path) -> None:
    result = run_generator("generate", SPEC, "--out", tmp_path / "out", "--package", "Kinbox-Client")
    assert result.returncode == 2
    assert "not a valid lower-case Python package name" in result.stderr


def test_refuses_to_replace_a_directory_it_did_not_write(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "precious.txt").write_text("keep me", encoding="utf-8")
    result = run_generator("generate", SPEC, "--out", project, "--package", "kinbox_client")
    assert result.returncode == 2
    assert "was not written by the generator" in result.stderr
    assert (project / "precious.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in project.iterdir()) == ["precious.txt"]


def test_a_failure_while_writing_keeps_the_previous_output(previous_output: Path) -> None:
    before = snapshot(previous_output)
    with pytest.raises(ValueError, match="null"):  # a NUL in a path makes the write fail midway
        write_output(previous_output, {MANIFEST: b"{}", "ok.txt": b"1", "bad\0name.txt": b"2"})
    assert snapshot(previous_output) == before
    leftovers = [p.name for p in previous_output.parent.iterdir() if p.name.startswith(".out.")]
    assert leftovers == []


def test_errors_render_as_one_line_each() -> None:
    from generator.errors import Diagnostic

    error = GeneratorError([Diagnostic("first\nproblem", file=Path("a.yaml"), pointer="/x", line=3)])
    assert str(error) == "a.yaml:3 #/x: first problem"


def test_help_describes_the_command() -> None:
    result = run_generator("generate", "--help")
    assert result.returncode == 0
    for option in ("--out", "--package", "--check", "--package-version"):
        assert option in result.stdout
