"""The pre-commit hooks as another repository runs them: `pre-commit try-repo` on a scratch git repository.

pre-commit installs this checkout (its working tree, committed or not) into a virtualenv of
its own and runs each hook from it, as it would from a `repos:` entry. The scratch
repository holds the spec, its generated package and a pyproject.toml with only the
generator's settings.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.helpers import GENERATED, ROOT, SPEC, VERSION

UP_TO_DATE = "kinbox-generated-up-to-date"
VERSION_BUMP = "kinbox-spec-version-bump"
SETTINGS = '[tool.kinbox-generator]\nspec = "spec/kinbox.openapi.yaml"\nout = "generated"\npackage = "kinbox_client"\n'
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Scratch",
    "GIT_AUTHOR_EMAIL": "scratch@example.com",
    "GIT_COMMITTER_NAME": "Scratch",
    "GIT_COMMITTER_EMAIL": "scratch@example.com",
}


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the module: building it installs the toolkit and its dependencies."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "consumer"
    (repo / "spec").mkdir(parents=True)
    shutil.copy2(SPEC, repo / "spec" / SPEC.name)
    shutil.copytree(GENERATED, repo / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    git(repo, "init", "--quiet")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "spec and client")
    return repo


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def try_repo(repo: Path, home: Path, hook: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--verbose", *args],
        cwd=repo,
        env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"},
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def edit_spec(repo: Path, old: str, new: str, version: str | None = None) -> None:
    path = repo / "spec" / SPEC.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if version is not None:
        text = text.replace(f"  version: {VERSION}\n", f"  version: {version}\n", 1)
    path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")


def test_the_manifest_offers_both_hooks_run_from_this_project() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks[UP_TO_DATE]["name"] == "generated client is up to date"
    assert hooks[VERSION_BUMP]["name"] == "spec change needs the right version bump"
    assert {hook["language"] for hook in hooks.values()} == {"python"}
    assert f"  version: {VERSION}\n" in SPEC.read_text(encoding="utf-8")  # what edit_spec bumps


def test_each_hook_entry_runs_a_module_of_the_installed_packages() -> None:
    # Another repository runs the entry from the wheel of this project: a module outside its
    # packages (a moved hook, a folder dropped from pyproject) would fail only there.
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    shipped = packages["targets"]["wheel"]["packages"]
    for hook in manifest:
        python, dash_m, module, *_ = hook["entry"].split()
        assert (python, dash_m) == ("python", "-m")
        assert module.split(".")[0] in shipped
        assert importlib.util.find_spec(module) is not None, module


@pytest.mark.slow
def test_generated_up_to_date_passes_then_fails_on_a_hand_edit(repository: Path, pre_commit_home: Path) -> None:
    clean = try_repo(repository, pre_commit_home, UP_TO_DATE, "--all-files")
    assert clean.returncode == 0, clean.stdout[-4000:] + clean.stderr[-4000:]
    assert "generated client is up to date" in clean.stdout
    assert "Passed" in clean.stdout

    client = repository / "generated" / "kinbox_client" / "__init__.py"
    client.write_text(client.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    git(repository, "add", "-A")
    stale = try_repo(repository, pre_commit_home, UP_TO_DATE, "--all-files")
    assert stale.returncode == 1, stale.stdout[-4000:]
    assert "Failed" in stale.stdout
    assert "kinbox_client/__init__.py" in stale.stdout


@pytest.mark.slow
def test_spec_version_bump_asks_each_change_for_its_bump(repository: Path, pre_commit_home: Path) -> None:
    spec = f"spec/{SPEC.name}"
    unchanged = try_repo(repository, pre_commit_home, VERSION_BUMP, "--files", spec)
    assert unchanged.returncode == 0, unchanged.stdout[-4000:] + unchanged.stderr[-4000:]

    edit_spec(repository, "maxLength: 128", "maxLength: 64")
    breaking = try_repo(repository, pre_commit_home, VERSION_BUMP, "--files", spec)
    assert breaking.returncode == 1, breaking.stdout[-4000:]
    assert "breaking request-property-max-length-decreased" in breaking.stdout
    assert "major needed" in breaking.stdout

    edit_spec(repository, "maxLength: 64", "maxLength: 64", version="2.0.0")
    bumped = try_repo(repository, pre_commit_home, VERSION_BUMP, "--files", spec)
    assert bumped.returncode == 0, bumped.stdout[-4000:]

    # The generated package's copy of the spec changes with it, and is left to the other hook.
    copy = repository / "generated" / "openapi.yaml"
    copy.write_text(copy.read_text(encoding="utf-8").replace("maxLength: 128", "maxLength: 64", 1), encoding="utf-8")
    git(repository, "add", "-A")
    skipped = try_repo(repository, pre_commit_home, VERSION_BUMP, "--all-files")
    assert skipped.returncode == 0, skipped.stdout[-4000:]
    assert "generated/openapi.yaml" not in skipped.stdout
