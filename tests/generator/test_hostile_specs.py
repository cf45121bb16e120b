"""Hostile specs (issue 14): each is a correct package or one located error with exit 2, never
a traceback, a crash or a package that does not build.

The generator runs in-process through its command line (`generator.cli.main`), so any
exception it lets through fails the test with its traceback.
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.naming import pascal_case
from generator.spec.bounds import MAX_DEPTH
from generator.spec.validation import _validator_stopped
from generator.versions import nearest_pep440
from tests.helpers import run_python

BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "T", "version": "1.0.0"},
    "paths": {
        "/things/{id}": {
            "get": {
                "operationId": "getThing",
                "tags": ["things"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "kind": {"type": "string", "enum": ["a", "b"]}},
            }
        }
    },
}

YAML_HEAD = "openapi: 3.1.0\ninfo: {title: T, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    A:\n"


def generate(spec: Path, out: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code = main(["generate", str(spec), "--out", str(out), "--package", "hostile_client", *options])
    return code, capsys.readouterr().err


def edited(**changes: Any) -> dict[str, Any]:
    """BASE with values set at `__`-separated paths (`components__schemas__Thing__description`)."""
    document = copy.deepcopy(BASE)
    for where, value in changes.items():
        *parents, last = where.split("__")
        node = document
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return document


def nested_list(depth: int) -> str:
    return "[" * depth + "]" * depth


SCHEMA = "#/components/schemas/Thing"
SURROGATE = "lone surrogate \\ud800"
# name -> (file name, its text, fragments the error must contain)
REFUSED: dict[str, tuple[str, str, list[str]]] = {
    "surrogate in an enum value": (
        "spec.json",
        json.dumps(edited(components__schemas__Thing__properties__kind__enum=["a", "\ud800"])),
        ["spec.json:1 ", f"{SCHEMA}/properties/kind/enum/1:", SURROGATE],
    ),
    "surrogate in a description": (
        "spec.json",
        json.dumps(edited(components__schemas__Thing__description="text \ud800 more")),
        [f"{SCHEMA}/description:", SURROGATE],
    ),
    "surrogate in a server URL": (
        "spec.json",
        json.dumps(edited(servers=[{"url": "https://example.com/\udfff"}])),
        ["#/servers/0/url:", "lone surrogate \\udfff"],
    ),
    "surrogate in a discriminator mapping": (
        "spec.json",
        json.dumps(
            edited(components__schemas__Thing__discriminator={"propertyName": "kind", "mapping": {"a": "\ud800"}})
        ),
        [f"{SCHEMA}/discriminator/mapping/a:", SURROGATE],
    ),
    "surrogate in const": (
        "spec.json",
        json.dumps(edited(components__schemas__Thing__properties__kind={"const": "\ud800"})),
        [f"{SCHEMA}/properties/kind/const:", SURROGATE],
    ),
    "surrogate in a key": (
        "spec.json",
        json.dumps(edited(components__schemas__Thing__properties={"k\ud800": {"type": "string"}})),
        [f"{SCHEMA}/properties/k\\ud800:", "a key holds a lone surrogate"],
    ),
    "number beyond a float": (
        "spec.json",
        json.dumps(edited(components__schemas__Thing__maxProperties=1)).replace(
            '"maxProperties": 1', '"maximum": 1e400'
        ),
        [f"{SCHEMA}/maximum:", "inf is not a JSON number"],
    ),
    # U+2028 inside a string is a line break to YAML, so a JSON line counts it too: every
    # diagnostic of one document names its lines the same way (see `spec.lines.line_at`).
    "surrogate after a U+2028 in a string": (
        "spec.json",
        json.dumps(
            edited(info__description="one\u2028two", components__schemas__Thing__properties__kind__enum=["\ud800"])
        ).replace("\\u2028", "\u2028"),
        ["spec.json:2 ", f"{SCHEMA}/properties/kind/enum/0:", SURROGATE],
    ),
    "invalid JSON after a U+2028 in a string": (
        "spec.json",
        '{"openapi": "3.1.0", "info": {"title": "one\u2028two", "version": }}',
        ["spec.json:2:", "invalid JSON: Expecting value"],
    ),
    "NaN in JSON": (
        "spec.json",
        json.dumps(edited(components__schemas__Thing__maximum=1)).replace('"maximum": 1', '"maximum": NaN'),
        ["spec.json:1:", "NaN is not a JSON number"],
    ),
    "integer of 5000 digits in JSON": (
        "spec.json",
        json.dumps(edited(components__schemas__Thing__maximum=1)).replace('"maximum": 1', '"maximum": ' + "9" * 5000),
        ["spec.json:1:", "an integer of more than 4300 digits"],
    ),
    "integer of 5000 digits in YAML": (
        "spec.yaml",
        YAML_HEAD + "      maximum: " + "9" * 5000 + "\n",
        ["spec.yaml:7:", "an integer of more than 4300 digits"],
    ),
    "info.version with a 5000-digit component": (
        "spec.json",
        json.dumps(edited(info__version="1." + "9" * 5000)),
        ["#/info/version:", "info.version has a number of more than 4300 digits"],
    ),
    "JSON nested 500 deep": (
        "spec.json",
        json.dumps(BASE)[:-3] + ', "Deep": {"example": ' + nested_list(500) + "}}}}",
        ["#/components/schemas/Deep/example/0/0/", f"nested more than {MAX_DEPTH} levels deep"],
    ),
    "JSON nested 100,000 deep": (
        "spec.json",
        json.dumps(BASE)[:-3] + ', "Deep": {"example": ' + nested_list(100_000) + "}}}}",
        ["spec.json:1:", f"nested more than {MAX_DEPTH} levels deep"],
    ),
    "YAML nested 500 deep": (
        "spec.yaml",
        YAML_HEAD + "      example: " + nested_list(500) + "\n",
        ["spec.yaml:7 #/components/schemas/A/example/0/0/", f"nested more than {MAX_DEPTH} levels deep"],
    ),
    "YAML nested 100,000 deep": (  # libyaml's composer overflowed the C stack: a segfault
        "spec.yaml",
        YAML_HEAD + "      example: " + nested_list(100_000) + "\n",
        ["spec.yaml:7 #/components/schemas/A/example/0/", f"nested more than {MAX_DEPTH} levels deep"],
    ),
    "YAML block mappings nested 100 deep": (
        "spec.yaml",
        YAML_HEAD + "".join("  " * (level + 3) + f"k{level}:\n" for level in range(100)) + "  " * 103 + "v\n",
        ["#/components/schemas/A/k0/k1/k2/", f"nested more than {MAX_DEPTH} levels deep"],
    ),
    "YAML alias of a deep node used deep down": (
        "spec.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: 1.0.0}\npaths: {}\n"
        f"x-a: &a {nested_list(40)}\nx-b: {'[' * 40}*a{']' * 40}\n",
        ["spec.yaml:4 #/x-b/0/0/0/", "nested more than 64 levels deep once its YAML aliases are expanded"],
    ),
    "YAML !!binary": (
        "spec.yaml",
        YAML_HEAD + "      type: string\n      x-data: !!binary aGVsbG8=\n",
        ["spec.yaml:8:", "a YAML !!binary value is not a JSON value"],
    ),
    "YAML !!set": (
        "spec.yaml",
        YAML_HEAD + "      type: string\n      x-data: !!set {a, b}\n",
        ["spec.yaml:8:", "a YAML !!set is not a JSON value"],
    ),
    "YAML infinity": (
        "spec.yaml",
        YAML_HEAD + "      type: number\n      maximum: .inf\n",
        ["spec.yaml:8:", "inf is not a JSON number"],
    ),
    "YAML billion laughs": (
        "spec.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: 1.0.0}\npaths: {}\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"x-{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(6)),
        ["spec.yaml:10 #/x-g:", "expanding its YAML aliases gives 11,111,111 nodes"],
    ),
}


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_hostile_spec_is_refused_with_its_location(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, text, expected = REFUSED[case]
    spec = tmp_path / name
    spec.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, err = generate(spec, tmp_path / "out", capsys)
    assert code == 2, err
    assert err.startswith(f"error: {spec}"), err
    for fragment in expected:
        assert fragment in err, err
    assert not (tmp_path / "out").exists()


def test_control_characters_in_spec_keys_cannot_act_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "k\x1b[31mRED\x1b[0m\rerror: forged\n\x85\u202e"
    document = edited(components__schemas__Thing__properties={key: {"type": "integer", "maximum": "x"}})
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    code, err = generate(spec, tmp_path / "out", capsys)
    assert code == 2
    assert err.count("\n") == 1, err  # one line: nothing forged
    assert err.startswith("error: "), err
    assert not any(char in err[:-1] for char in "\x1b\r\n\x85\u202e"), repr(err)
    assert "properties/k\\u001b[31mRED\\u001b[0m\\rerror: forged\\n\\u0085\\u202e/maximum" in err


def test_a_validator_stopped_by_a_missing_member_names_the_operation() -> None:
    document = edited()
    del document["paths"]["/things/{id}"]["get"]["responses"]
    (diagnostic,) = _validator_stopped(KeyError("responses"), document, [])
    assert diagnostic.pointer == "/paths/~1things~1{id}/get"
    assert diagnostic.message == "invalid OpenAPI document: this operation has no valid 'responses'"


def test_versions_written_with_other_digits_are_read_as_ascii() -> None:
    assert nearest_pep440("１.２.３") == "1.2.3"  # fullwidth
    assert nearest_pep440("١.٠.٢-SNAPSHOT") == "1.0.2.dev0"  # Arabic-Indic
    assert nearest_pep440("२०२४-०१-०९") == "2024.1.9"  # Devanagari date


def test_hostile_text_that_can_be_generated_builds_a_working_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A non-BMP title reaches TOML as UTF-8; a fullwidth version is converted, with a located
    warning; a tag description ending in \"\"\" and a 10,000-character tag make a resource module."""
    long_tag = "t" * 10_000
    document = edited(
        info__title='Emoji 😀 "API" \\ 𝄞',
        info__version="１.０.０",
        tags=[{"name": long_tag, "description": 'ends with """'}],
    )
    document["paths"]["/things/{id}"]["get"]["tags"] = [long_tag]
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")  # the emoji as `\ud83d\ude00`: still located
    out = tmp_path / "out"
    code, err = generate(spec, out, capsys, "--layout", "resources")
    assert code == 0, err
    assert f"warning: {spec}:1 #/info/version: info.version '１.０.０' is not a PEP 440 version" in err
    project = tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == "1.0.0"
    assert 'Emoji 😀 "API" \\ 𝄞' in project["description"]
    (module,) = (out / "hostile_client" / "resources").glob("[!_]*.py")
    assert len(module.name) <= 64 + len(".py")
    assert module.stem.startswith("ttt")
    dist = tmp_path / "dist"
    dist.mkdir()
    wheel = run_python("-c", f"import flit_core.buildapi as b; print(b.build_wheel({str(dist)!r}))", cwd=out)
    assert wheel.returncode == 0, wheel.stderr
    assert (dist / wheel.stdout.strip()).is_file()
    probe = (
        "import json, hostile_client\n"
        f"from hostile_client.resources.{module.stem} import {pascal_case(module.stem)}Resource as R\n"
        "print(json.dumps([R.__doc__, hostile_client.__doc__]))\n"
    )
    imported = run_python("-c", probe, PYTHONPATH=str(out))
    assert imported.returncode == 0, imported.stderr
    resource_doc, package_doc = json.loads(imported.stdout)
    assert resource_doc == 'ends with """'
    assert "Emoji 😀" in package_doc


def test_a_package_version_too_long_to_read_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(BASE), encoding="utf-8")
    code, err = generate(spec, tmp_path / "out", capsys, "--package-version", "1." + "9" * 5000)
    assert code == 2, err
    assert err.startswith("error: --package-version '1.999"), err
    assert "is not a PEP 440 version" in err


def test_the_diff_report_cannot_act_on_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(BASE), encoding="utf-8")
    changed = edited(info__version="1.0.0\x1b[2J", components__schemas__Thing__description="new\x1b]0;title\x07")
    changed["components"]["schemas"]["Thing"]["properties"]["k\x1b[31m\rforged"] = {"type": "string"}
    new.write_text(json.dumps(changed), encoding="utf-8")
    code = main(["diff", str(old), str(new), "--fail-on", "patch"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "k\\u001b[31m\\rforged" in out
    assert "1.0.0\\u001b[2J" in err
    assert not any(char in out + err for char in "\x1b\r\x07"), repr(out + err)


def _files_under(directory: Path) -> dict[str, bytes]:
    return {str(path.relative_to(directory)): path.read_bytes() for path in directory.rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a." + "b" * 10_000 + ".Thing", "a module file or directory name of 10003 bytes ('bbbbbbbb"),
        ("a." + "b" * 253 + ".Thing", "a module file or directory name of 256 bytes"),  # with ".py"
        ("a." * 600 + "Thing", "a module path of 1224 bytes; at most 1024"),
    ],
    ids=["a 10,000-character segment", "one byte over", "600 segments"],
)
def test_a_schema_name_no_file_system_can_hold_is_refused_and_the_output_kept(
    name: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, formatting crashed with an OSError traceback (file name too long)."""
    spec, out = tmp_path / "spec.yaml", tmp_path / "out"
    spec.write_text(json.dumps(BASE), encoding="utf-8")
    assert generate(spec, out, capsys)[0] == 0
    before = _files_under(out)
    # An explicit `?` key: YAML (and so the line finder, for JSON too) reads no plain key over 1024 characters.
    spec.write_text(YAML_HEAD[: -len("    A:\n")] + f"    ? {name}\n    : type: object\n", encoding="utf-8")
    code, err = generate(spec, out, capsys)
    assert code == 2, err
    assert err.startswith(f"error: {spec}:7 #/components/schemas/{name}: schema name 'a."), err[:300]
    assert expected in err, err[-400:]
    assert err.count("\n") == 1
    assert _files_under(out) == before


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("a." + "b" * 10_000, "a.py"),  # the last segment is only a class name
        ("a." + "b" * 252 + ".Thing", "a/" + "b" * 252 + ".py"),  # a file name of 255 bytes: the limit
    ],
    ids=["a long class name", "at the limit"],
)
def test_schema_names_whose_modules_fit_generate(
    name: str, module: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = edited()
    document["components"]["schemas"][name] = document["components"]["schemas"].pop("Thing")
    document["paths"]["/things/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": f"#/components/schemas/{name}"
    }
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    code, err = generate(spec, tmp_path / "out", capsys)
    assert code == 0, err
    assert (tmp_path / "out" / "hostile_client" / "models" / module).is_file()
