"""The generation's child processes (`generator.children`): started early, ended at once."""

from __future__ import annotations

import json

from tests.helpers import ROOT, run_python

# What starting the models worker must not wait for: each of these costs milliseconds before
# the worker can begin its own, much longer, imports (`generator.children` says why).
HEAVY_FOR_A_START = ("json", "pathlib", "dataclasses", "generator.errors", "generator.cli")


def test_starting_the_worker_imports_only_what_a_start_needs() -> None:
    script = (
        "import sys\n"
        "from generator.codegen import models_worker\n"
        f"print(' '.join(name for name in {HEAVY_FOR_A_START!r} if name in sys.modules))\n"
    )
    result = run_python("-c", script, PYTHONPATH=str(ROOT))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def test_a_child_answers_and_ends_without_running_exit_handlers() -> None:
    script = (
        "import atexit\n"
        "from generator import children\n"
        "atexit.register(lambda: print('teardown ran'))\n"
        "children.reply({'models': {'files': {'a.py': 'x = 1'}}})\n"
        "print('after the reply')\n"
    )
    result = run_python("-c", script, PYTHONPATH=str(ROOT))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"models": {"files": {"a.py": "x = 1"}}}
