"""Golden record: generated/ is exactly what the generator makes from spec/ today.

A regeneration reads the output it replaces (its spec copy and CHANGELOG.md, see
`generator.evolution.changelog`), so the record is checked the way `generate --check` checks it: against
a generation that continues generated/ itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from generator import __version__
from generator.codegen.output import MANIFEST
from generator.pipeline import check_package, generate_package
from tests.helpers import GENERATED, PACKAGE, SPEC, run_generator

STALE_HINT = "generated/ is out of date with spec/: run `python -m nox -s generate` and commit the result"


def test_committed_package_matches_a_regeneration() -> None:
    # On any day: an unchanged spec adds no changelog entry, so the date cannot matter.
    generated = generate_package(SPEC, package=PACKAGE, previous=GENERATED, today=dt.date(2999, 1, 1))
    problems = check_package(generated, GENERATED)
    assert not problems, STALE_HINT + "\n" + "\n".join(problems)


def test_generation_is_byte_identical_across_runs_and_directories(tmp_path: Path) -> None:
    day = dt.date(2026, 1, 2)
    first = generate_package(SPEC, package=PACKAGE, today=day)
    # A copy of the spec elsewhere: the absolute path must not leak into the output.
    moved = tmp_path / "elsewhere" / SPEC.name
    moved.parent.mkdir()
    shutil.copy(SPEC, moved)
    second = generate_package(moved, package=PACKAGE, today=day)
    assert first.files == second.files


def test_check_mode_reports_a_stale_package_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    shutil.copytree(GENERATED, out)
    (out / PACKAGE / "models.py").write_text("# edited by hand\n", encoding="utf-8")
    (out / "stray.txt").write_text("x", encoding="utf-8")
    result = run_generator("generate", SPEC, "--out", out, "--package", PACKAGE, "--check")
    assert result.returncode == 1
    assert f"differs: {PACKAGE}/models.py" in result.stderr
    assert "not generated (stale or added by hand): stray.txt" in result.stderr
    assert (out / "stray.txt").exists(), "--check must not write"


def test_check_mode_passes_on_the_committed_package() -> None:
    result = run_generator("generate", SPEC, "--out", GENERATED, "--package", PACKAGE, "--check")
    assert result.returncode == 0, result.stderr


def test_manifest_records_spec_hash_and_tool_versions() -> None:
    manifest = json.loads((GENERATED / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["spec_sha256"] == hashlib.sha256(SPEC.read_bytes()).hexdigest()
    assert manifest["generator"] == __version__
    assert manifest["datamodel-code-generator"] == "0.89.0"
    assert manifest["ruff"] == "0.17.6"
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((GENERATED / name).read_bytes()).hexdigest() == digest, name


def test_formatting_ignores_configuration_around_the_output(tmp_path: Path) -> None:
    """A ruff/black configuration in the output's parents cannot change the bytes."""
    project = tmp_path / "other-project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        "[tool.ruff]\nline-length = 40\n[tool.ruff.format]\nquote-style = 'single'\n[tool.black]\nline-length = 40\n",
        encoding="utf-8",
    )
    (project / "ruff.toml").write_text("line-length = 40\n", encoding="utf-8")
    out = project / "client"
    result = run_generator("generate", SPEC, "--out", out, "--package", PACKAGE, cwd=project)
    assert result.returncode == 0, result.stderr
    assert check_package(generate_package(SPEC, package=PACKAGE, previous=out), out) == []
