"""The project's promises about itself: CI runs the README's command, caches stay out of git."""

from __future__ import annotations

import re

import nox

import noxfile  # noqa: F401 - importing the noxfile sets nox.options
from tests.helpers import ROOT


def readme_command(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\n```\n(.+?)\n```", readme)
    assert match, f"README.md has no {marker} block"
    return match.group(1)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    command = readme_command("test-command")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert script.strip().splitlines()[-1] == command


def test_readme_commands_use_the_nox_sessions() -> None:
    assert readme_command("regenerate-command").endswith("python -m nox -s generate")
    assert readme_command("test-command").endswith("python -m nox")


def test_caches_and_virtualenvs_are_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for entry in (".hypothesis/", ".schemathesis/", ".nox/", ".venv/", "__pycache__/"):
        assert entry in ignored


def test_ci_runs_the_spec_diff() -> None:
    """`python -m nox` (the README's test command, so CI) includes the breaking-change gate."""
    assert "spec_diff" in (nox.options.sessions or ())


def test_hand_written_modules_stay_small() -> None:
    # Issue 11: a module is read whole in one sitting (and the runtime is copied into every
    # package): the generator's and the contract suite's stay under about 400 lines.
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for folder in ("generator", "contract_tests")
        for path in (ROOT / folder).rglob("*.py")
    }
    assert {name: lines for name, lines in sizes.items() if lines > 400} == {}
