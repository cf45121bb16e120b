"""Validate a parsed document with openapi-spec-validator, each error located at its value.

Imported only when a document is validated (by `generator.spec.loader`, or by the background
check of `generator.spec.background`): the validator and its dependencies take a quarter of a
second to import, more than the rest of a small generation.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError as SchemaValidationError
from jsonschema.exceptions import relevance
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.schemas import schema_v30, schema_v31
from openapi_spec_validator.schemas.backend.jsonschema import create_validator
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from openapi_spec_validator.validation.keywords import KeywordValidator
from openapi_spec_validator.validation.validators import SpecValidator

from ..errors import Diagnostic, GeneratorError
from . import lenient as lenient_mode
from .lines import locate_all
from .pointers import pointer as pointer_token
from .pointers import split_pointer
from .refs import canonical_pointer
from .verdict import meets_meta_schema

MAX_VALIDATION_ERRORS = 20

# Keywords that never change generated code; a malformed value there is reported as a
# warning instead of refusing the document (the official Petstore 3.1 example declares
# `$vocabulary` as a string, for one).
ANNOTATION_ONLY_KEYWORDS = frozenset({"$vocabulary", "$schema", "$comment", "xml", "externalDocs"})


def _located(keyword: str, cls: type[KeywordValidator]) -> type[KeywordValidator]:
    """Wrap a keyword validator so each error it yields remembers where it was found.

    openapi-spec-validator validates a schema or an operation as a unit and reports paths
    relative to it. The innermost wrapper sees an error first and tags it with its node's
    location; outer wrappers leave the tag alone. The `default` validator is handed the
    schema, but its errors are about the schema's `default` value, so they point there.
    Plain jsonschema errors are turned into the library's own type here, as it would do
    later anyway (losing the tag).
    """
    suffix = ("default",) if keyword == "default" else ()

    def __call__(self: KeywordValidator, *args: Any, **kwargs: Any) -> Any:
        node = next((arg for arg in args if isinstance(arg, SchemaPath)), None)
        for raw in cls.__call__(self, *args, **kwargs):
            error: Any = raw if isinstance(raw, OpenAPIValidationError) else OpenAPIValidationError.create_from(raw)
            if node is not None and not hasattr(error, "located_at"):
                error.located_at = (*(str(part) for part in node.parts), *suffix)
                error.about_default = bool(suffix)
            yield error

    return type(cls.__name__, (cls,), {"__call__": __call__})


def _validator_class(is_31: bool) -> type[SpecValidator]:
    """The spec validator with located errors, always on the pure-Python jsonschema backend.

    openapi-spec-validator switches to jsonschema-rs whenever that happens to be installed
    (schemathesis brings it), which changes error objects and messages; pinning the backend
    keeps the generator's output the same in every environment.
    """
    base: type[SpecValidator] = OpenAPIV31SpecValidator if is_31 else OpenAPIV30SpecValidator
    wrapped = {keyword: _located(keyword, cls) for keyword, cls in base.keyword_validators.items()}
    document_schema = create_validator(dict(schema_v31 if is_31 else schema_v30))
    return type(
        f"Located{base.__name__}", (base,), {"keyword_validators": wrapped, "schema_validator": document_schema}
    )


_VALIDATORS = {True: _validator_class(True), False: _validator_class(False)}


def validate(document: dict[str, Any], is_31: bool, path: Path, text: str, *, lenient: bool) -> list[Diagnostic]:
    """Raise on errors; return the problems that are only worth a warning."""
    validator_cls = _VALIDATORS[is_31]
    found: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    bad_defaults: list[str] = []  # pointers of the schemas whose `default` lenient mode drops
    try:
        for error in _errors(validator_cls(document), document, is_31):
            diagnostic = _diagnostic_from(error, document)
            tokens = split_pointer(diagnostic.pointer or "")
            if tokens and tokens[-1] in ANNOTATION_ONLY_KEYWORDS:
                warnings.append(diagnostic)
                continue
            if lenient and getattr(error, "about_default", False):
                schema_at = canonical_pointer(document, list(getattr(error, "located_at", ())[:-1]))
                bad_defaults.append(schema_at)
                warnings.append(lenient_mode.dropped_default(schema_at + "/default", diagnostic.message))
                continue
            if diagnostic not in found:  # the document's and the schema's meta-checks can both see it
                found.append(diagnostic)
            if len(found) >= MAX_VALIDATION_ERRORS:
                break
    except Exception as exc:  # the validator raises its own types for unresolvable input
        found.extend(_validator_stopped(exc, document, found))
    if found:
        raise GeneratorError(locate_all(_most_specific(found), path, text))
    for schema_at in bad_defaults:
        holder = lenient_mode.holder_of(document, schema_at)
        if isinstance(holder, dict):
            holder.pop("default", None)
    return warnings


def _validator_stopped(exc: Exception, document: dict[str, Any], found: list[Diagnostic]) -> list[Diagnostic]:
    """What to say when openapi-spec-validator itself fails on a malformed document.

    It reads some members without checking them first (a KeyError naming the member); an
    error already found usually explains it, else the member is looked for where it was read.
    """
    if found:
        return []
    if isinstance(exc, KeyError) and isinstance(exc.args[0] if exc.args else None, str):
        member = exc.args[0]
        at = _operation_missing(document, member)
        where = f"this operation has no valid '{member}'" if at is not None else f"a required '{member}' is missing"
        return [Diagnostic(f"invalid OpenAPI document: {where}", pointer=at if at is not None else "")]
    return [Diagnostic(f"invalid OpenAPI document: the validator stopped ({type(exc).__name__}: {exc})", pointer="")]


_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _operation_missing(document: dict[str, Any], member: str) -> str | None:
    """The pointer of the first operation lacking `member` as an object, if any."""
    for section in ("paths", "webhooks"):
        items = document.get(section)
        for name, item in items.items() if isinstance(items, dict) else ():
            for method in _METHODS:
                operation = item.get(method) if isinstance(item, dict) else None
                if isinstance(operation, dict) and not isinstance(operation.get(member), dict):
                    return pointer_token(section, name, method)
    return None


def _errors(validator: SpecValidator, document: dict[str, Any], is_31: bool) -> Iterator[Any]:
    """The validator's errors in its order, skipping its slow meta-schema pass when
    `generator.spec.verdict` says that pass would find nothing."""
    if not meets_meta_schema(document, is_31=is_31):
        yield from validator.iter_errors()
        return
    for error in validator.root_validator(validator.schema_path):
        # as SpecValidator.iter_errors does
        yield error if isinstance(error, OpenAPIValidationError) else OpenAPIValidationError.create_from(error)


def _most_specific(found: list[Diagnostic]) -> list[Diagnostic]:
    """Drop a vague "not valid under any of the schemas" when a deeper error explains it."""
    pointers = [d.pointer or "" for d in found]
    return [
        d
        for d in found
        if VAGUE not in d.message or not any(other.startswith((d.pointer or "") + "/") for other in pointers)
    ]


def _diagnostic_from(error: Exception, document: dict[str, Any]) -> Diagnostic:
    base: tuple[str, ...] = getattr(error, "located_at", ())
    if isinstance(error, SchemaValidationError):
        cause = _deepest(error)
        relative = cause.absolute_path if cause.absolute_path else error.absolute_path
        tokens = [str(t) for t in (*base, *relative)]
        message = cause.message
        unexpected = _unexpected_key(cause)
        if unexpected is not None:
            tokens.append(unexpected)
            message = f"{unexpected!r} is not allowed here (only 'x-' extensions can be added)"
        return Diagnostic(_short(message), pointer=canonical_pointer(document, tokens))
    return Diagnostic(_short(str(error)), pointer=canonical_pointer(document, list(base)))


_UNEVALUATED = re.compile(r"\('((?:[^'\\]|\\.)*)'.* unexpected\)")


def _unexpected_key(error: SchemaValidationError) -> str | None:
    """The first key an additional/unevaluatedProperties error refuses, so it can be pointed at."""
    instance = error.instance
    if not isinstance(instance, dict) or not isinstance(error.schema, dict):
        return None
    if error.validator == "additionalProperties":
        declared = error.schema.get("properties", {})
        patterns = list(error.schema.get("patternProperties", {}))
        extra = [k for k in instance if k not in declared and not any(re.search(p, k) for p in patterns)]
        return extra[0] if extra else None
    if error.validator == "unevaluatedProperties":
        match = _UNEVALUATED.search(error.message)
        return match.group(1) if match and match.group(1) in instance else None
    return None


def _is_reference_branch(error: SchemaValidationError) -> bool:
    """The `Reference` alternative of a oneOf failing: never the explanation for a non-`$ref` object."""
    return error.validator == "required" and error.validator_value == ["$ref"]


def _best_match(errors: list[SchemaValidationError]) -> SchemaValidationError | None:
    """jsonschema's `best_match`, except that it never explains an error by the `Reference` branch
    when another branch failed too (that branch only says "'$ref' is a required property")."""

    def explaining(candidates: list[SchemaValidationError]) -> list[SchemaValidationError]:
        return [error for error in candidates if not _is_reference_branch(error)] or candidates

    best = max(explaining(errors), key=relevance, default=None)
    while best is not None and best.context:
        smallest = heapq.nsmallest(2, explaining(list(best.context)), key=relevance)
        if len(smallest) == 2 and relevance(smallest[0]) == relevance(smallest[1]):
            break
        best = smallest[0]
    return best


def _deepest(error: SchemaValidationError) -> SchemaValidationError:
    """Follow oneOf/anyOf context to the most specific cause, as jsonschema's best_match does."""
    while error.context:
        candidate = _best_match(list(error.context))
        if candidate is None:
            break
        error = candidate
    return error


VAGUE = " is not valid under any of the"


def _short(message: str) -> str:
    """Validation messages can embed whole sub-documents; keep the first line, bounded."""
    first = message.strip().splitlines()[0] if message.strip() else message
    instance, vague, rest = first.partition(VAGUE)
    if vague and len(instance) > 60:
        first = "the value" + vague + rest
    return first if len(first) <= 300 else first[:297] + "..."
