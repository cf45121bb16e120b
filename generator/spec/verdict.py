"""A fast verdict on the document as a whole: does it meet the OpenAPI meta-schema?

openapi-spec-validator first checks the whole document against the OpenAPI meta-schema in
pure Python (seconds on Stripe's 4 MB), then runs its keyword checks (defaults, path
parameters, each schema against its dialect). jsonschema-rs gives the first verdict in
milliseconds; only when it says "invalid" does the slow pass run, to explain the failure
with the messages, pointers and order it always had. Formats are not checked, as the
pure-Python pass does not check them either, so both agree on every document.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema_rs
from openapi_spec_validator.schemas import schema_v30, schema_v31


@cache
def _meta_schema(is_31: bool) -> Any:
    return jsonschema_rs.validator_for(dict(schema_v31 if is_31 else schema_v30), validate_formats=False)


def meets_meta_schema(document: dict[str, Any], *, is_31: bool) -> bool:
    """Whether the pure-Python meta-schema pass would find nothing wrong with `document`."""
    verdict: bool = _meta_schema(is_31).is_valid(document)
    return verdict
