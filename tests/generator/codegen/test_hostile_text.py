"""Text from a spec cannot break out of a string or docstring, or run, in generated code."""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest

from generator.naming import pascal_case
from generator.text import docstring, md_code, terminal, toml_str
from tests.helpers import run_generator, run_python

# Closes every kind of string, tries Jinja2 and code injection, carries control characters.
PAYLOAD = (
    'end """ of docstring\n'
    "open('INJECTED', 'w')  # ''' single \\ backslash \\\"\"\" \n"
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} {# comment #}\n"
    "NUL\x00 BEL\x07 DEL\x7f CR\r\n"
    'ends with a quote"'
)

# An example value also closes the README's code fence around the example calls.
FENCE_PAYLOAD = PAYLOAD + "\n```\n# outside the fence"


def hostile_spec() -> dict[str, object]:
    text = PAYLOAD
    return {
        "openapi": "3.1.0",
        "info": {"title": text, "version": "1.0.0", "description": text},
        "servers": [{"url": "https://example.com/\"api'"}],
        "paths": {
            "/items/{item-id}/\"quoted'": {
                "post": {
                    "operationId": "createItem",
                    "summary": text,
                    "description": text,
                    "tags": [text],
                    "parameters": [
                        {
                            "name": "item-id",
                            "in": "path",
                            "required": True,
                            "description": text,
                            "schema": {"type": "string"},
                            "example": FENCE_PAYLOAD,
                        },
                        {
                            "name": "x-\"odd'\\name",
                            "in": "header",
                            "description": text,
                            "schema": {"type": "string", "enum": [text, "plain"]},
                        },
                        {"name": "class", "in": "query", "schema": {"type": "string", "default": text}},
                    ],
                    "requestBody": {
                        "description": text,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Item"},
                                "examples": {"hostile": {"value": {"label": FENCE_PAYLOAD}}},
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": text,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Item": {
                    "type": "object",
                    "title": text,
                    "description": text,
                    "properties": {
                        "label": {"type": "string", "description": text, "default": text, "examples": [text]},
                        "kind": {"type": "string", "enum": [text, "", "class", "a b"]},
                        "weird \"key' \\": {"type": "string", "description": text},
                    },
                }
            }
        },
    }


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    spec = root / "hostile.json"
    spec.write_text(json.dumps(hostile_spec()), encoding="utf-8")
    out = root / "out"
    result = run_generator("generate", spec, "--out", out, "--package", "hostile_client")
    assert result.returncode == 0, result.stderr
    return out


def test_docstring_filter_round_trips_the_exact_text() -> None:
    for text in (
        PAYLOAD,
        '"',
        '""""',
        "\\",
        "a\\",
        "tab\there",
        "é ✓ 𝄞",
        "\ud800 lone surrogate",
        'ends """',
        'a\\"',
        '\\"""',
    ):
        source = f'def f():\n    """{docstring(text)}"""\n'
        namespace: dict[str, object] = {}
        exec(compile(source, "<test>", "exec"), namespace)
        expected = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        assert namespace["f"].__doc__ == expected


def test_toml_filter_round_trips_and_keeps_utf8() -> None:
    for text in (PAYLOAD, "Emoji 😀 𝄞", 'q"uote \\ back', "\x1b\x85\x7f\u2028 controls", "é"):
        assert tomllib.loads(f"x = {toml_str(text)}")["x"] == text
    assert toml_str("😀") == '"😀"'  # UTF-8 as is: a surrogate-pair escape is invalid TOML
    lone = toml_str("a\ud800b")
    assert tomllib.loads(f"x = {lone}")["x"] == "a\ufffdb"


def test_md_code_is_one_code_span_whatever_backticks_it_holds() -> None:
    assert md_code("https://x/y") == "`https://x/y`"
    assert md_code("a`b``c") == "```a`b``c```"
    assert md_code("`edge`") == "`` `edge` ``"
    assert md_code("line\nbreak") == "`line break`"


def test_terminal_escapes_every_control_character() -> None:
    shown = terminal("ok é\ttab 😀 \x1b[31m\r\n\x00\x7f\x85\u2028\u202e\ud800\ud7fc\U000e0001")
    assert shown == "ok é\ttab 😀 \\u001b[31m\\r\\n\\u0000\\u007f\\u0085\\u2028\\u202e\\ud800\\ud7fc\\U000e0001"
    assert all(char.isprintable() or char == "\t" for char in shown)


def test_importing_runs_no_injected_code_and_keeps_the_text(hostile_package: Path, tmp_path: Path) -> None:
    probe = (
        "import inspect, hostile_client\n"
        "from hostile_client import HostileClient\n"
        "from hostile_client._client import _CREATE_ITEM\n"
        "import json\n"
        "print(json.dumps({'module': hostile_client.__doc__, 'method': inspect.getdoc(HostileClient.create_item),\n"
        "  'path': _CREATE_ITEM.path, 'model': hostile_client.models.Item.__doc__,\n"
        "  'fields': list(hostile_client.models.Item.model_json_schema()['properties'])}))\n"
    )
    result = run_python("-c", probe, cwd=tmp_path, PYTHONPATH=str(hostile_package))
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "INJECTED").exists()
    seen = json.loads(result.stdout)
    assert seen["path"] == "/items/{item-id}/\"quoted'"
    assert "weird \"key' \\" in seen["fields"]
    for key in ("method", "model"):
        assert 'end """ of docstring' in seen[key]
        assert "open('INJECTED', 'w')" in seen[key]
        assert "{{ 7 * 7 }}" in seen[key]
        assert "49" not in seen[key]


def test_generated_files_compile_and_pyproject_is_valid_toml(hostile_package: Path) -> None:
    for path in hostile_package.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    pyproject = tomllib.loads((hostile_package / "pyproject.toml").read_text(encoding="utf-8"))
    assert "{{ 7 * 7 }}" in pyproject["project"]["description"]
    readme = (hostile_package / "README.md").read_text(encoding="utf-8")
    assert "\x00" not in readme


def test_example_values_stay_inside_their_literals_and_the_code_fence(hostile_package: Path) -> None:
    readme = (hostile_package / "README.md").read_text(encoding="utf-8")
    examples = readme[readme.index("\n## Examples\n") :]
    blocks = re.findall(r"```python\n(.*?)```", examples, re.DOTALL)
    assert len(blocks) == 2  # the client's block and the one call
    assert examples.count("```") == 4
    (statement,) = ast.parse(blocks[1]).body
    assert isinstance(statement, ast.Assign)
    assert isinstance(statement.value, ast.Call)
    path_id, body = statement.value.args
    assert ast.literal_eval(path_id) == FENCE_PAYLOAD
    assert isinstance(body, ast.Call)
    assert ast.unparse(body.func) == "models.Item.model_validate"
    assert ast.literal_eval(body.args[0]) == {"label": FENCE_PAYLOAD}


@pytest.mark.slow
def test_hostile_package_passes_mypy_strict(hostile_package: Path) -> None:
    result = run_python(
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "-p",
        "hostile_client",
        cwd=hostile_package,
        MYPYPATH=str(hostile_package),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hostile_tags_become_safe_resource_modules(tmp_path: Path) -> None:
    spec_document = hostile_spec()
    spec_document["tags"] = [{"name": PAYLOAD, "description": PAYLOAD}]
    spec = tmp_path / "hostile.json"
    spec.write_text(json.dumps(spec_document), encoding="utf-8")
    out = tmp_path / "out"
    result = run_generator("generate", spec, "--out", out, "--package", "hostile_client", "--layout", "resources")
    assert result.returncode == 0, result.stderr
    (module,) = (out / "hostile_client" / "resources").glob("[!_]*.py")
    assert module.stem.isidentifier()
    probe = (
        "import json, hostile_client\n"
        f"from hostile_client.resources.{module.stem} import {pascal_case(module.stem)}Resource as R\n"
        "print(json.dumps(R.__doc__))\n"
    )
    imported = run_python("-c", probe, cwd=tmp_path, PYTHONPATH=str(out))
    assert imported.returncode == 0, imported.stderr
    assert not (tmp_path / "INJECTED").exists()
    assert 'end """ of docstring' in json.loads(imported.stdout)


def _escaped_by_category(text: str) -> str:
    """The reference: every control and surrogate character but newline and tab, escaped."""
    import unicodedata

    return "".join(
        (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        if c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cs")
        else c
        for c in text
    )


def test_docstring_escapes_exactly_the_unprintable_characters() -> None:
    """Every code point, checked against Unicode's categories (the fast path is a regex)."""
    every = "".join(chr(code) for code in range(0x110000) if chr(code) not in '\r\\"')
    assert docstring("x" + every + "x") == _escaped_by_category("x" + every + "x")
