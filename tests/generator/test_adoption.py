"""What other teams rely on: pyproject settings, custom templates, --skip-unsupported, progress."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.pipeline import generate_package
from tests.helpers import ROOT, SPEC, GenerateClient, run_generator

SMALL = """
openapi: 3.1.0
info: {title: Small, version: "2.1.0"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"204": {description: none}}
"""

UNSUPPORTED = """
openapi: 3.1.0
info: {title: Odd, version: "1.0.0"}
paths:
  /search:
    get:
      operationId: search
      parameters:
        - name: filter
          in: query
          content: {application/json: {schema: {type: object}}}
      responses: {"204": {description: none}}
  /items/{id}:
    get:
      operationId: getItem
      parameters: [{name: id, in: path, required: true, style: matrix, schema: {type: string}}]
      responses: {"204": {description: none}}
  /ok:
    get:
      operationId: fine
      responses: {"204": {description: none}}
"""


# -- unsupported constructs -------------------------------------------------------------------


def test_unsupported_constructs_are_named_with_their_pointer(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    result = run_generator("generate", write_spec(UNSUPPORTED), "--out", tmp_path / "out", "--package", "odd")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"error: {tmp_path / 'spec.yaml'}:8 #/paths/~1search/get/parameters/0: unsupported parameter described "
        "by `content` instead of `schema` (in GET /search)"
    )
    assert lines[1] == (
        f"error: {tmp_path / 'spec.yaml'}:15 #/paths/~1items~1{{id}}/get/parameters/0/style: "
        "unsupported path parameter style 'matrix' (in GET /items/{id})"
    )
    assert "--skip-unsupported generates the 1 other operations" in lines[2]
    assert not (tmp_path / "out").exists()


def test_skip_unsupported_generates_the_rest_with_a_warning_per_skipped_operation(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    out = tmp_path / "out"
    result = run_generator("generate", write_spec(UNSUPPORTED), "--out", out, "--package", "odd", "--skip-unsupported")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert "#/paths/~1search/get/parameters/0: skipped GET /search: unsupported parameter described by" in warnings[0]
    assert "skipped GET /items/{id}: unsupported path parameter style 'matrix'" in warnings[1]
    client = (out / "odd" / "_client.py").read_text(encoding="utf-8")
    assert "def fine(" in client
    assert "def search(" not in client
    assert "def get_item(" not in client


def test_relative_operation_servers_are_unsupported(generate_client: GenerateClient) -> None:
    spec = SMALL.replace("paths:", "servers: [{url: 'https://api.test/v1'}]\npaths:")
    relative = spec.replace("    get:\n", "    get:\n      servers: [{url: /v2}]\n")
    assert relative != spec
    with pytest.raises(GeneratorError, match="get/servers: unsupported relative servers of an operation"):
        generate_client(relative, "relative_servers")


# -- custom templates -------------------------------------------------------------------------


def test_a_custom_template_replaces_one_template_and_the_rest_stay_built_in(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    spec = write_spec(SMALL)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "README.md.jinja").write_text(
        "# {{ api.distribution }} for our team\n\n{% for op in api.operations %}- `{{ op.call_name }}`\n{% endfor %}",
        encoding="utf-8",
    )
    default = generate_package(spec, package="small")
    custom = generate_package(spec, package="small", templates=templates)
    assert custom.files["README.md"] == b"# small for our team\n\n- `get_thing`\n"
    changed = {name for name in default.files if default.files[name] != custom.files[name]}
    assert changed == {"README.md", "generator-manifest.json"}


def test_a_custom_package_template_can_use_the_built_in_macros(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec(SMALL)
    package_templates = tmp_path / "templates" / "package"
    package_templates.mkdir(parents=True)
    (package_templates / "_version.py.jinja").write_text(
        '{{ header }}\n__version__ = {{ api.package_version | pystr }}\nBUILT_BY = "platform team"\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run_generator("generate", spec, "--out", out, "--package", "small", "--templates", tmp_path / "templates")
    assert result.returncode == 0, result.stderr
    assert 'BUILT_BY = "platform team"' in (out / "small" / "_version.py").read_text(encoding="utf-8")


# -- settings in pyproject.toml -------------------------------------------------------------


def write_pyproject(directory: Path, table: str) -> Path:
    path = directory / "pyproject.toml"
    path.write_text(f'[project]\nname = "team-api"\n\n[tool.kinbox-generator]\n{table}', encoding="utf-8")
    return path


def test_settings_come_from_pyproject_and_flags_override_them(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    write_spec(SMALL, "api.yaml")
    write_pyproject(tmp_path, 'spec = "api.yaml"\nout = "client"\npackage = "team_api"\npackage-version = "3.0.0"\n')
    result = run_generator("generate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'version = "3.0.0"' in (tmp_path / "client" / "pyproject.toml").read_text(encoding="utf-8")
    assert (tmp_path / "client" / "team_api" / "_client.py").is_file()

    assert run_generator("generate", "--check", cwd=tmp_path).returncode == 0
    overridden = run_generator("generate", "--package-version", "3.1.0", "--check", cwd=tmp_path)
    assert overridden.returncode == 1
    assert "differs: pyproject.toml" in overridden.stderr


def test_settings_paths_are_relative_to_the_pyproject_given_with_config(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "api.yaml").write_text(SMALL, encoding="utf-8")
    config = write_pyproject(project, 'spec = "api.yaml"\nout = "client"\npackage = "team_api"\nlayout = "resources"\n')
    result = run_generator("generate", "--config", config, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (project / "client" / "team_api" / "resources" / "things.py").is_file()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('spec = "api.yaml"\npacakge = "x"\n', "unknown key 'pacakge'"),
        ("spec = 3\n", "spec must be a non-empty string, not 3"),
        ('layout = "nested"\n', "layout must be one of auto, flat, resources, not 'nested'"),
        ('skip-unsupported = "yes"\n', "skip-unsupported must be true or false"),
        ('spec = "api.yaml"\nout = "client"\n', "missing --package (or `package` in [tool.kinbox-generator])"),
        ("spec = [\n", "invalid TOML"),
    ],
)
def test_bad_settings_are_user_errors(table: str, message: str, tmp_path: Path) -> None:
    write_pyproject(tmp_path, table)
    result = run_generator("generate", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr


def test_the_project_regenerates_kinbox_without_arguments() -> None:
    result = run_generator("generate", "--check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"generated is up to date with {SPEC.relative_to(ROOT)}\n"


# -- progress ---------------------------------------------------------------------------------


def run_on_a_terminal(args: list[str | Path], env: dict[str, str]) -> tuple[int, str]:
    """Run the generator with stderr on a pseudo-terminal; return (status, what it showed)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **env},
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return process.wait(), shown.decode()


def test_progress_is_shown_on_a_terminal(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    args: list[str | Path] = ["generate", write_spec(SMALL), "--out", tmp_path / "out", "--package", "small"]
    status, shown = run_on_a_terminal(args, env={})
    assert status == 0
    stages = [line.split("] ", 1)[1] for line in shown.splitlines() if line.startswith("[")]
    assert stages[0].startswith("reading ")
    assert stages[1:4] == [
        "generating models for 0 schemas (datamodel-code-generator)",
        "building the client",
        "rendering 1 operations (flat layout)",
    ]
    assert re.fullmatch(r"done \(peak memory \d+ MB\)", stages[-1])


def test_progress_stays_quiet_in_ci_and_when_not_on_a_terminal(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    args: list[str | Path] = ["generate", write_spec(SMALL), "--out", tmp_path / "out", "--package", "small"]
    status, shown = run_on_a_terminal(args, env={"CI": "true"})
    assert status == 0
    assert shown == ""
    piped = run_generator(*args)
    assert piped.returncode == 0
    assert piped.stderr == ""
