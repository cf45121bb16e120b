"""ruff formats the generated files; Python that does not compile is the generator's bug, said clearly."""

from __future__ import annotations

import pytest

from generator.codegen.facts import RUNTIME
from generator.codegen.formatting import GeneratedCodeError, format_python


def test_files_are_sorted_and_formatted_and_other_files_pass_through() -> None:
    files = {"pkg/a.py": "import sys\nimport os\nx=( 1,2 )\n", "README.md": "x=( 1,2 )\n"}
    assert format_python(files) == {"pkg/a.py": "import os\nimport sys\n\nx = (1, 2)\n", "README.md": "x=( 1,2 )\n"}


@pytest.mark.parametrize(
    ("source", "line"),
    [("x = (\n", 1), ("def f():\n    pass\nreturn 1\n", 3)],  # a parse error, and one only compiling finds
    ids=["unclosed", "return-outside-function"],
)
def test_python_that_does_not_compile_names_its_file_and_line(source: str, line: int) -> None:
    with pytest.raises(GeneratedCodeError, match=rf"generated pkg/bad\.py is not valid Python \(line {line}\)"):
        format_python({"pkg/good.py": "x = 1\n", "pkg/bad.py": source})


def test_the_runtime_is_already_formatted_as_the_output_is() -> None:
    """The pipeline copies the runtime without formatting it (generator/runtime/ruff.toml)."""
    runtime = {f"pkg/_runtime/{module.name}": module.read_text(encoding="utf-8") for module in RUNTIME.glob("*.py")}
    assert len(runtime) > 10
    assert format_python(runtime) == runtime
