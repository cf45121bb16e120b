"""The GitHub Actions workflow runs the README's test command, and is a valid workflow.

Validity is checked against SchemaStore's GitHub workflow schema as check-jsonschema
vendors it (no network), the schema GitHub's own editor tooling uses.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import ROOT
from tests.project.test_project import readme_command

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def workflow() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return document


def test_the_workflow_runs_exactly_the_readme_test_command() -> None:
    (job,) = workflow()["jobs"].values()
    commands = [step["run"] for step in job["steps"] if "run" in step]
    assert commands == [readme_command("test-command")]
    # The same environment as .ci/run, so the two runs are the same run.
    assert job["env"] == {"PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    assert "PIP_DISABLE_PIP_VERSION_CHECK=1" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_workflow_runs_on_the_oldest_supported_python() -> None:
    (job,) = workflow()["jobs"].values()
    (setup,) = [step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] == "3.11"  # requires-python and constraints.txt's target


def test_the_workflow_is_valid(tmp_path: Path) -> None:
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    # The validator has teeth: a job without runs-on is not a workflow GitHub would run.
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "    runs-on: ubuntu-latest\n" in text
    (tmp_path / "broken.yml").write_text(text.replace("    runs-on: ubuntu-latest\n", ""), encoding="utf-8")
    refused = validate(tmp_path / "broken.yml")
    assert refused.returncode == 1
    assert "runs-on" in refused.stdout
