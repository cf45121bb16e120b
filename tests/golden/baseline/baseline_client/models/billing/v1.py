# Generated from the OpenAPI spec by the generator: do not edit.

from __future__ import annotations

from pydantic import MISSING, BaseModel, ConfigDict, StrictStr

from .. import LineItem, Money


class Charge(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    id: StrictStr
    amount: Money
    lines: list[LineItem] | MISSING = MISSING
