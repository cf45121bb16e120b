"""Property: whatever spec text or structure hypothesis draws, the generator exits 0 with a
package that builds and imports, or exits 2 with `error:` lines that name the spec file and
where in it; it never raises, crashes or prints control characters (issue 14 item 6).

A bounded, seeded run (`MAX_EXAMPLES` drawings): each drawn spec is a valid base document
with hostile text put into the places spec text reaches generated code, parts of its
structure replaced by arbitrary JSON values, and possibly raw bytes spliced into its file.
"""

from __future__ import annotations

import copy
import io
import json
import tomllib
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.generator.test_hostile_specs import BASE
from tests.helpers import run_python

MAX_EXAMPLES = 40

# Where spec text reaches generated code: titles, versions, docstrings, names, values, URLs.
TEXT_PLACES: tuple[tuple[str, ...], ...] = (
    ("info", "title"),
    ("info", "version"),
    ("info", "description"),
    ("servers", "0", "url"),
    ("tags", "0", "name"),
    ("tags", "0", "description"),
    ("paths", "/things/{id}", "get", "operationId"),
    ("paths", "/things/{id}", "get", "summary"),
    ("paths", "/things/{id}", "get", "tags", "0"),
    ("paths", "/things/{id}", "get", "parameters", "0", "description"),
    ("components", "schemas", "Thing", "description"),
    ("components", "schemas", "Thing", "properties", "kind", "enum", "0"),
    ("components", "schemas", "Thing", "properties", "name", "default"),
    ("components", "schemas", "Thing", "properties", "name", "pattern"),
)
HOSTILE_SNIPPETS = (
    '"""',
    "'''",
    "\\",
    "\ud800",
    "\udfff",
    "😀",
    "１.０",
    "\x1b[31m",
    "\r\nerror: forged",
    "\x00",
    "\x85\u2028",
    "\u202e",
    "{{ 7 * 7 }}",
    "$ref",
    "#/components",
    "x" * 300,
    "class",
    "-",
    "",
)
hostile_text = st.lists(st.sampled_from(HOSTILE_SNIPPETS) | st.text(max_size=8), max_size=4).map("".join)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | hostile_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(hostile_text, children, max_size=3),
    max_leaves=8,
)


def document_with_servers_and_tags() -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    document["servers"] = [{"url": "https://api.example.com/v1"}]
    document["tags"] = [{"name": "things", "description": "Things."}]
    return document


def put(document: Any, place: tuple[str, ...], value: Any) -> None:
    """Set `value` at `place`, as far as the path still exists after earlier edits."""
    node = document
    for token in place[:-1]:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return
    last = place[-1]
    if isinstance(node, dict):
        node[last] = value
    elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node[int(last)] = value


@st.composite
def hostile_specs(draw: st.DrawFn) -> tuple[str, bytes, str]:
    """(file name, file content, layout)."""
    document = document_with_servers_and_tags()
    for place in draw(st.lists(st.sampled_from(TEXT_PLACES), max_size=4)):
        put(document, place, draw(hostile_text))
    for place in draw(st.lists(st.sampled_from(TEXT_PLACES), max_size=2)):
        put(document, place[: draw(st.integers(1, len(place)))], draw(json_values))
    if draw(st.booleans()):
        # Nesting around the limit, where a later stage's recursion would show.
        depth = draw(st.integers(20, 80))
        put(document, ("components", "schemas", "Thing", "example"), json.loads("[" * depth + "]" * depth))
    as_yaml = draw(st.booleans())
    try:
        text = yaml.safe_dump(document, allow_unicode=True) if as_yaml else json.dumps(document)
    except (yaml.YAMLError, ValueError):
        as_yaml, text = False, json.dumps(document)
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=6)) + raw[at:]
    return ("spec.yaml" if as_yaml else "spec.json"), raw, draw(st.sampled_from(["flat", "resources"]))


def check_package(out: Path) -> None:
    """The package builds (flit-core, the generated pyproject's backend) and imports."""
    tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))
    dist = out.parent / "dist"
    dist.mkdir(exist_ok=True)
    probe = (
        "import sys, flit_core.buildapi as b\n"
        f"b.build_wheel({str(dist)!r})\n"
        "import hostile_client, hostile_client.models\n"
        "print(hostile_client.__name__)\n"
    )
    result = run_python("-c", probe, cwd=out, PYTHONPATH=str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hostile_client\n"


@pytest.mark.slow
@seed(14)
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=hostile_specs())
def test_generator_gives_a_package_or_a_located_error(
    case: tuple[str, bytes, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    name, raw, layout = case
    root = tmp_path_factory.mktemp("drawn")
    spec = root / name
    spec.write_bytes(raw)
    out = root / "out"
    stderr, stdout = io.StringIO(), io.StringIO()
    with redirect_stderr(stderr), redirect_stdout(stdout):
        code = main(["generate", str(spec), "--out", str(out), "--package", "hostile_client", "--layout", layout])
    err = stderr.getvalue()
    assert all(char.isprintable() or char in "\t\n" for char in err + stdout.getvalue()), repr(err)
    if code == 0:
        check_package(out)
        return
    assert code == 2, err
    errors = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert errors, err
    for line in errors:
        if line.startswith("... and "):
            continue
        assert line.startswith(f"error: {spec}"), err
        located = line[len(f"error: {spec}") :]
        assert located.startswith((":", " #")), err  # a line, a pointer, or both
    assert not out.exists()
