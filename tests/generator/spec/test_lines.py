"""Line numbers of JSON pointers: the JSON walk gives the line YAML composition gives,
and a line where YAML cannot read the JSON at all."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.spec.lines import LineFinder
from generator.spec.pointers import pointer
from tests.helpers import CORPUS

KEYS = st.text(alphabet=st.sampled_from('ab/~é "\\\u2028'), max_size=4)
VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=30,
)


def pointers_of(value: Any, at: str = "") -> list[str]:
    """Every pointer in `value`, plus one beyond each container (a member it lacks)."""
    found = [at]
    if isinstance(value, dict):
        found.append(at + pointer("missing-member"))
        for key, child in value.items():
            found += pointers_of(child, at + pointer(key))
    elif isinstance(value, list):
        found.append(f"{at}/{len(value)}")
        for index, child in enumerate(value):
            found += pointers_of(child, f"{at}/{index}")
    return found


def both(text: str, pointers: list[str]) -> tuple[list[int | None], list[int | None]]:
    walked = LineFinder(text)
    composed = LineFinder(text)
    composed._json = None  # the YAML path
    return [walked.line_of(p) for p in pointers], [composed.line_of(p) for p in pointers]


@settings(max_examples=200, deadline=None)
@given(document=st.dictionaries(KEYS, VALUES, max_size=5), indent=st.sampled_from([None, 0, 1, 2, "\t"]))
def test_the_json_walk_agrees_with_yaml_composition(document: dict[str, Any], indent: int | str | None) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    walked, composed = both(text, pointers_of(document))
    # YAML refuses some valid JSON (a tab-indented document, say): the walk still has a line.
    assert all(line is not None for line in walked)
    assert [w for w, c in zip(walked, composed, strict=True) if c is not None] == [c for c in composed if c is not None]


def test_yaml_that_starts_like_json_is_read_as_yaml() -> None:
    text = "{openapi: 3.1.0,\n info: {title: t}}\n"
    assert LineFinder(text).line_of("/info/title") == 2


@pytest.mark.parametrize("name", ["twilio-studio-v2.json", "adyen-transfers-v4.json"])
def test_the_walk_agrees_on_real_json_specs(name: str) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"the shared spec corpus is not available ({path})")
    text = path.read_text(encoding="utf-8")
    every = pointers_of(json.loads(text))
    sample = every[:: max(1, len(every) // 400)]
    walked, composed = both(text, sample)
    assert walked == composed
