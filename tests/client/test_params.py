"""The runtime's parameter styles, row by row of the table in `_runtime/_params.py`."""

from __future__ import annotations

import datetime as dt
import enum

import pytest
from pydantic import BaseModel, ConfigDict, Field

from generator.runtime._endpoint import Endpoint, build_path
from generator.runtime._params import (
    ParameterStyle,
    bracket_pairs,
    cookie_pairs,
    form_field_pairs,
    header_value,
    path_value,
    query_pairs,
)

ARRAY = ["a", "b"]
OBJECT = {"x": 1, "y": 2}


class Colour(enum.Enum):
    RED = "red"


class Range(BaseModel):
    model_config = ConfigDict(validate_by_name=True)
    greater_than: int | None = Field(default=None, alias="gt")
    less_than: int | None = Field(default=None, alias="lt")


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (ARRAY, ParameterStyle("simple", False), "a,b"),
        (OBJECT, ParameterStyle("simple", False), "x,1,y,2"),
        (OBJECT, ParameterStyle("simple", True), "x=1,y=2"),
        (["a/b", "c d"], ParameterStyle("simple", False), "a%2Fb,c%20d"),
        (True, ParameterStyle("simple", False), "true"),
    ],
)
def test_path(value: object, style: ParameterStyle, expected: str) -> None:
    assert path_value(value, style) == expected


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (ARRAY, ParameterStyle("form", True), [("n", "a"), ("n", "b")]),
        (ARRAY, ParameterStyle("form", False), [("n", "a,b")]),
        (OBJECT, ParameterStyle("form", True), [("x", "1"), ("y", "2")]),
        (OBJECT, ParameterStyle("form", False), [("n", "x,1,y,2")]),
        (ARRAY, ParameterStyle("spaceDelimited", False), [("n", "a b")]),
        (ARRAY, ParameterStyle("pipeDelimited", False), [("n", "a|b")]),
        (ARRAY, ParameterStyle("deepObject", True), [("n[0]", "a"), ("n[1]", "b")]),
        ({"x": {"z": 3}}, ParameterStyle("deepObject", True), [("n[x][z]", "3")]),
        (5, ParameterStyle("deepObject", True), [("n", "5")]),
        (Range(gt=1), ParameterStyle("deepObject", True), [("n[gt]", "1")]),  # unset fields stay out
        (Colour.RED, ParameterStyle("form", True), [("n", "red")]),
        (dt.date(2026, 11, 24), ParameterStyle("form", True), [("n", "2026-11-24")]),
        (None, ParameterStyle("form", True), []),
    ],
)
def test_query(value: object, style: ParameterStyle, expected: list[tuple[str, str]]) -> None:
    assert query_pairs("n", value, style) == expected


def test_header_and_cookie() -> None:
    assert header_value(ARRAY) == "a,b"
    assert header_value(OBJECT, ParameterStyle("simple", True)) == "x=1,y=2"
    assert cookie_pairs("n", ARRAY) == [("n", "a,b")]
    assert cookie_pairs("n", OBJECT, ParameterStyle("form", True)) == [("x", "1"), ("y", "2")]
    assert cookie_pairs("n", OBJECT, ParameterStyle("form", False)) == [("n", "x,1,y,2")]


def test_form_fields_use_brackets_for_nesting_unless_an_encoding_says_otherwise() -> None:
    assert form_field_pairs("tags", ["a", "b"], None) == [("tags", "a"), ("tags", "b")]
    assert form_field_pairs("meta", {"k": "v"}, None) == [("meta[k]", "v")]
    assert form_field_pairs("items", [{"price": 1}], None) == [("items[0][price]", "1")]
    assert form_field_pairs("expand", ["a"], ParameterStyle("deepObject", True)) == [("expand[0]", "a")]
    assert bracket_pairs({"a": None, "b": [True]}, "p") == [("p[b][0]", "true")]


def test_endpoint_styles_replace_the_location_defaults() -> None:
    endpoint = Endpoint(
        "GET",
        "/items/{ids}",
        responses={},
        styles={
            ("query", "old"): ParameterStyle("form", False),
            ("query", "created"): ParameterStyle("deepObject", True),
            ("path", "ids"): ParameterStyle("simple", True),
        },
    )
    assert endpoint.url_path({"ids": OBJECT}) == "/items/x=1,y=2"
    assert endpoint.query_pairs({"old": ARRAY, "created": {"gt": 1}, "plain": ARRAY}) == [
        ("old", "a,b"),
        ("created[gt]", "1"),
        ("plain", "a"),
        ("plain", "b"),
    ]


def test_path_values_cannot_leave_their_segment() -> None:
    assert build_path("/a/{x}", {"x": ".."}) == "/a/%2E%2E"
    with pytest.raises(ValueError, match="must not be empty"):
        build_path("/a/{x}", {"x": ""})
