"""Types the generated models use where pydantic's own do not say what JSON Schema says."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Strict


def _integral_float_to_int(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


# A JSON Schema "integer": 3 and 3.0 are integers, "3" and true are not. pydantic's lax int
# would accept "3" and true; its strict int would refuse 3.0.
JsonInt = Annotated[int, BeforeValidator(_integral_float_to_int), Strict()]
