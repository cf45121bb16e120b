"""The fast meta-schema verdict (jsonschema-rs) agrees with openapi-spec-validator's slow pass.

When they agree, skipping the slow pass for a valid document changes nothing: the errors
of an invalid one still come from the slow pass, in its order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.errors import GeneratorError
from generator.spec import loader, validation
from generator.spec.lenient import STRICT_HINT
from generator.spec.refs import normalize_refs
from generator.spec.verdict import meets_meta_schema
from tests.generator.spec.test_lenient import SLOPPY_30, SLOPPY_31
from tests.helpers import SPEC, corpus_spec

CORPUS_SPECS = [
    "petstore-3.0.yaml", "petstore-3.1.yaml", "api-with-examples-3.0.yaml", "uspto-3.0.yaml",
    "link-example-3.0.yaml", "webhook-example-3.1.yaml", "non-oauth-scopes-3.1.yaml", "twilio-studio-v2.json",
    "adyen-transfers-v4.json", "peer-opc/baseline_openapi_3.0.json", "peer-opc/baseline_openapi_3.1.yaml",
    "peer-opc/3.1_specific.openapi.yaml", "peer-opc/openapi_3.1_enums.yaml",
]  # fmt: skip


def verdicts(path: Path) -> tuple[bool, bool]:
    """(the slow pass found nothing, the fast verdict says valid) for the document at `path`."""
    document: dict[str, Any] = loader._parse(path.read_text(encoding="utf-8"), path)
    is_31 = str(document["openapi"]).startswith("3.1")
    normalize_refs(document, document_uri=path.resolve().as_uri(), dialect_2020=is_31)
    validator = validation._VALIDATORS[is_31](document)
    slow = not any(True for _ in validator.schema_validator.iter_errors(validator.schema))
    return slow, meets_meta_schema(document, is_31=is_31)


@pytest.mark.parametrize("name", CORPUS_SPECS)
def test_verdict_agrees_on_the_corpus(name: str) -> None:
    slow, fast = verdicts(corpus_spec(name))
    assert slow == fast


def test_verdict_agrees_on_our_spec() -> None:
    assert verdicts(SPEC) == (True, True)


@pytest.mark.parametrize(
    "text",
    [
        SLOPPY_31,
        SLOPPY_30,
        SLOPPY_30.replace("const: alpha", "maxLength: many"),
        SLOPPY_30.replace("paths: {}", "paths: {/a: {get: {responses: {'200': {}}}}}"),  # no description
    ],
)
def test_verdict_agrees_on_invalid_documents(write_spec: Callable[[str], Path], text: str) -> None:
    assert verdicts(write_spec(text)) == (False, False)


def test_a_valid_document_still_gets_the_keyword_checks(write_spec: Callable[[str], Path]) -> None:
    """A default that does not match passes the meta-schema; the keyword checks still refuse it."""
    path = write_spec(SLOPPY_30.replace("const: alpha", "default: 7"))
    assert verdicts(path) == (True, True)
    with pytest.raises(GeneratorError) as raised:
        loader.load_spec(path)
    error, hint = raised.value.diagnostics
    assert (error.pointer, error.line) == ("/components/schemas/Kind/default", 8)
    assert hint.message == STRICT_HINT
