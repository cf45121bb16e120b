"""The README examples are code: they compile, type-check, and Kinbox's run against the mock.

The generated README of both golden records shows a quick start and one call of every
operation (`generator/codegen/examples.py`); the project README shows the four Kinbox
operations. A wrong argument, a value the client refuses or a mistyped name fails here.
"""

from __future__ import annotations

import asyncio
import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from mypy import api as mypy_api

from contract_tests.mock import create_app
from contract_tests.mock.serve import serve_in_thread
from generator.pipeline import generate_package, write_package
from tests.helpers import ROOT

GOLDEN = {"kinbox_client": ROOT / "generated", "baseline_client": ROOT / "tests" / "golden" / "baseline"}
TOKEN = "..."  # the examples' own placeholder: the mock takes it as its token
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def python_blocks(markdown: str) -> list[str]:
    return _BLOCK.findall(markdown)


def section(markdown: str, heading: str) -> str:
    """The text under `## heading`, up to the next `## ` heading."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


def generated_examples(package: str) -> tuple[str, str, list[str]]:
    """(quick start, the client the examples use, one block per operation) of a golden README."""
    readme = (GOLDEN[package] / "README.md").read_text(encoding="utf-8")
    (quick_start,) = python_blocks(section(readme, "Quick start"))
    setup, *operations = python_blocks(section(readme, "Examples"))
    return quick_start, setup, operations


def project_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- kinbox-client-example -->\n```python\n(.*?)```", readme, re.DOTALL)
    assert found, "README.md has no kinbox-client-example block"
    return found.group(1)


@pytest.mark.parametrize("package", sorted(GOLDEN))
def test_every_operation_has_an_example_that_compiles(package: str) -> None:
    quick_start, setup, operations = generated_examples(package)
    readme = (GOLDEN[package] / "README.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| `([\w.]+)` \| `", section(readme, "Operations"), re.MULTILINE)
    assert len(operations) == len(table) > 0
    for name, block in zip(table, operations, strict=True):
        assert f"client.{name}(" in block
    for index, block in enumerate([quick_start, setup, *operations]):
        compile(block, f"{package}-README-example-{index}", "exec", dont_inherit=True)
    compile(project_example(), "README-kinbox-client-example", "exec", dont_inherit=True)


def _as_functions(setup: str, blocks: list[str]) -> str:
    """One module: the setup, then each block as its own function, so names can be reused."""
    functions = [
        f"def example_{index}() -> None:\n" + "".join(f"    {line}\n" for line in block.splitlines())
        for index, block in enumerate(blocks)
    ]
    return setup + "\n\n" + "\n\n".join(functions)


@pytest.mark.slow
def test_the_examples_pass_mypy_strict(tmp_path: Path) -> None:
    files = {"project_example.py": project_example()}
    for package in sorted(GOLDEN):
        quick_start, setup, operations = generated_examples(package)
        files[f"{package}_quick_start.py"] = quick_start
        files[f"{package}_examples.py"] = _as_functions(setup, operations)
    for name, source in files.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
    # The golden packages are found on mypy_path, as the project's own mypy runs find them.
    config = tmp_path / "mypy.ini"
    search_path = ":".join(str(directory) for directory in GOLDEN.values())
    config.write_text(f"[mypy]\nmypy_path = {search_path}\nstrict = True\n", encoding="utf-8")
    stdout, stderr, status = mypy_api.run(
        [
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            *(str(tmp_path / n) for n in files),
        ]
    )
    assert status == 0, stdout + stderr


@pytest.fixture
def mock_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The mock over HTTP, named by KINBOX_BASE_URL so the examples run exactly as printed."""
    app, _ = create_app(token=TOKEN)
    with serve_in_thread(app) as url:
        monkeypatch.setenv("KINBOX_BASE_URL", url)
        monkeypatch.delenv("KINBOX_TOKEN", raising=False)
        yield url


def test_the_kinbox_examples_run_against_the_mock(mock_url: str) -> None:
    quick_start, setup, operations = generated_examples("kinbox_client")
    namespace: dict[str, Any] = {}
    exec(compile(quick_start, "quick-start", "exec"), namespace)
    asyncio.run(namespace["main"]())
    exec(compile(setup, "setup", "exec"), namespace)
    try:
        for index, block in enumerate(operations):
            exec(compile(block, f"example-{index}", "exec"), namespace)
    finally:
        namespace["client"].close()
    assert namespace["contact"].name == "Ana Souza"  # the last example, Update Contact, answered
    assert str(namespace["client"].base_url).rstrip("/") == mock_url.rstrip("/")


def test_the_project_readme_example_runs_against_the_mock(mock_url: str) -> None:
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(project_example(), "README-kinbox-client-example", "exec"), namespace)
    assert namespace["page"].total_count == 1
    assert "Ana" in namespace["names"]  # the auto-paging loop reached the contact just created
    assert namespace["contact"].name == "Ana Souza"
    assert namespace["cleared"].email is None


SPEC = """
openapi: 3.1.0
info: {title: Agenda, version: "1.0.0"}
servers: [{url: "https://agenda.example"}]
components:
  schemas:
    Colour: {type: string, enum: [red, green]}
    Answer: {type: object}
paths:
  /rooms/{room}/slots:
    get:
      operationId: listSlots
      x-pagination: {style: cursor, items: /data, cursor: after, limit: size, next_cursor: /next}
      parameters:
        - {name: room, in: path, required: true, schema: {type: integer, minimum: 5, exclusiveMaximum: 9}}
        - {name: since, in: query, required: true, schema: {type: string, format: date-time},
           example: "2026-01-01T00:00:00Z"}
        - {name: day, in: query, required: true, schema: {type: string, format: date}}
        - {name: colour, in: query, required: true, schema: {$ref: "#/components/schemas/Colour"}}
        - {name: after, in: query, schema: {type: string}}
        - {name: size, in: query, schema: {type: integer, default: 50}}
        - {name: note, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {data: {type: array, items: {type: object}}, next: {type: string}}}
  /notes:
    post:
      operationId: addNote
      requestBody: {required: true, content: {text/plain: {schema: {type: string, minLength: 3}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Answer"}}}}
"""


def test_examples_of_any_spec_pass_the_clients_own_checks(tmp_path: Path) -> None:
    """Required values from schemas alone: inside bounds, datetimes with a zone, enum members."""
    spec = tmp_path / "agenda.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    generated = generate_package(spec, package="agenda_examples")
    write_package(generated, tmp_path / "out")
    readme = generated.files["README.md"].decode("utf-8")
    _, *operations = python_blocks(section(readme, "Examples"))
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": []} if request.url.path.startswith("/rooms") else {})

    sys.path.insert(0, str(tmp_path / "out"))
    try:
        package = importlib.import_module("agenda_examples")
        client = getattr(package, generated.api.client_class)(transport=httpx.MockTransport(answer))
        for index, block in enumerate(operations):
            exec(compile(block, f"example-{index}", "exec"), {"client": client, "models": package.models})
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [name for name in sys.modules if name.split(".")[0] == "agenda_examples"]:
            del sys.modules[name]
    slots, loop, note = sent
    assert slots.url.path == loop.url.path == "/rooms/5/slots"
    assert slots.url.params.multi_items() == [
        ("since", "2026-01-01T00:00:00+00:00"),
        ("day", "2026-01-02"),
        ("colour", "red"),
        ("size", "50"),
    ]
    assert note.content == b"example"
