"""Load one OpenAPI 3.0/3.1 document from YAML or JSON and validate it.

Every problem comes back as a `GeneratorError` naming the file, the line when it can be
found, the JSON pointer and what is wrong. The YAML reader is stricter than PyYAML's
default in two ways that catch real mistakes in hand-written specs: a duplicated key is an
error (PyYAML keeps the last one silently), and dates stay strings (PyYAML turns
`2024-01-01` into a `datetime.date`, which is not JSON).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml
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
from .bounds import (
    BoundExceeded,
    check_alias_expansion,
    check_json_values,
    check_version_digits,
    check_yaml_events,
    json_constant,
    json_long_integer,
    json_only,
    json_too_deep,
)
from .openapi import OpenApi
from .pointers import pointer as pointer_token
from .pointers import split_pointer
from .refs import canonical_pointer, normalize_refs
from .verdict import meets_meta_schema

SUPPORTED_VERSIONS = re.compile(r"^3\.(0|1)\.\d+$")
MAX_VALIDATION_ERRORS = 20

# Keywords that never change generated code; a malformed value there is reported as a
# warning instead of refusing the document (the official Petstore 3.1 example declares
# `$vocabulary` as a string, for one).
ANNOTATION_ONLY_KEYWORDS = frozenset({"$vocabulary", "$schema", "$comment", "xml", "externalDocs"})

# libyaml's loader is about ten times faster (the Stripe spec is 4 MB); PyYAML ships it in
# its wheels, and falls back to the pure-Python one where it was built without libyaml.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]  # a class chosen at import time
    """SafeLoader without timestamp coercion, refusing duplicate keys."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)  # unquoted status codes (`200:`) are ints in YAML, strings in JSON
        if not isinstance(key, str):
            raise yaml.MarkedYAMLError(
                "while reading a mapping", node.start_mark,
                f"found a {type(key).__name__} key {key!r}; keys must be strings", key_node.start_mark,
            )  # fmt: skip
        if key in mapping:
            raise yaml.MarkedYAMLError(
                "while reading a mapping", node.start_mark,
                f"found duplicate key {key!r}", key_node.start_mark,
            )  # fmt: skip
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
json_only(_StrictLoader)


@dataclass(frozen=True, slots=True)
class Spec:
    """A loaded, reference-normalized and validated OpenAPI document."""

    path: Path  # where it was read from, or the name it is shown under (`HEAD:spec/api.yaml`)
    raw: bytes  # the file as read, so the output can carry an exact copy
    sha256: str
    document: dict[str, Any]
    openapi_version: str
    warnings: tuple[Diagnostic, ...]

    @property
    def openapi(self) -> OpenApi:
        """The normalized view every later stage reads."""
        return OpenApi(self.document)

    def locate(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Give later stages' diagnostics this file and the line of their pointer."""
        return _locate_all(diagnostics, self.path, self.raw.decode("utf-8-sig"))


def load_spec(path: Path, *, lenient: bool = False) -> Spec:
    """Read, parse, normalize `$ref`s and validate the document at `path`.

    `lenient` repairs the mistakes `generator.spec.lenient` lists, with a warning each.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GeneratorError(Diagnostic(f"cannot read the spec: {exc.strerror or exc}", file=path)) from None
    try:
        return parse_spec(raw, path, lenient=lenient)
    except GeneratorError as error:
        if lenient:
            raise
        raise GeneratorError([*error.diagnostics, *_lenient_hint(raw, path)]) from None


def _lenient_hint(raw: bytes, path: Path) -> list[Diagnostic]:
    """Say so when lenient mode would generate a document strict mode refused."""
    try:
        parse_spec(raw, path, lenient=True)
    except GeneratorError:
        return []
    return [Diagnostic(lenient_mode.STRICT_HINT, file=path, pointer="", line=1)]


def parse_spec(raw: bytes, path: Path, *, lenient: bool = False) -> Spec:
    """Like `load_spec` for content that is not a file of its own (a git blob, say).

    `path` names it in diagnostics and decides JSON or YAML by its suffix.
    """
    text = _decode(raw, path)
    document = _parse(text, path)
    try:
        version = _check_root(document, path)
    except GeneratorError as error:  # give the version problem its line too
        raise GeneratorError(_locate_all(list(error.diagnostics), path, text)) from None
    is_31 = version.startswith("3.1")
    repaired = lenient_mode.repair(document, is_31=is_31) if lenient else []
    errors, warnings = normalize_refs(document, document_uri=path.resolve().as_uri(), dialect_2020=is_31)
    if errors:
        raise GeneratorError(_locate_all(errors, path, text))
    warnings[:0] = repaired
    warnings.extend(_validate(document, is_31, path, text, lenient=lenient))
    return Spec(
        path=path,
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        document=document,
        openapi_version=version,
        warnings=tuple(_locate_all(warnings, path, text)),
    )


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GeneratorError(Diagnostic(f"not UTF-8: invalid byte at offset {exc.start}", file=path)) from None


def _parse(text: str, path: Path) -> dict[str, Any]:
    looks_json = path.suffix.lower() == ".json" or text.lstrip().startswith("{")
    try:
        document = _parse_json(text) if looks_json else _parse_yaml(text)
        check_json_values(document)
        if isinstance(document, dict):
            check_version_digits(document)
    except BoundExceeded as exc:
        raise GeneratorError(_bound_diagnostic(exc, path, text)) from None
    except json.JSONDecodeError as exc:
        raise GeneratorError(
            Diagnostic(f"invalid JSON: {exc.msg} (column {exc.colno})", file=path, line=exc.lineno)
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        column = f" (column {mark.column + 1})" if mark is not None else ""
        problem = f"{exc.problem}{column}" if exc.problem else str(exc)
        context = exc.context_mark
        if exc.context and context is not None and (mark is None or context.line != mark.line):
            problem += f", {exc.context} that starts on line {context.line + 1}"
        raise GeneratorError(Diagnostic(f"invalid YAML: {problem}", file=path, line=line)) from None
    except yaml.YAMLError as exc:
        raise GeneratorError(Diagnostic(f"invalid YAML: {exc}", file=path)) from None
    except _DuplicateKey as exc:
        raise GeneratorError(
            Diagnostic(f"invalid JSON: duplicate key {exc.key!r}", file=path, pointer=exc.at)
        ) from None
    if not isinstance(document, dict):
        kind = "empty" if document is None else f"a {type(document).__name__}"
        raise GeneratorError(Diagnostic(f"the document is {kind}, not an OpenAPI object", file=path))
    return document


def _parse_yaml(text: str) -> Any:
    """Like `yaml.load`, with the nesting checked before any node is built and alias expansion
    checked before any value is (see `bounds`)."""
    uses_aliases = check_yaml_events(text, _BaseLoader)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if uses_aliases:
            check_alias_expansion(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _bound_diagnostic(exc: BoundExceeded, path: Path, text: str) -> Diagnostic:
    line = exc.line_in(text)
    if line is None and exc.at is not None:
        line = _LineFinder(text).line_of(exc.at)
    kind = "JSON" if path.suffix.lower() == ".json" or text.lstrip().startswith("{") else "YAML"
    message = f"invalid {kind}: {exc.message}" if exc.syntactic else exc.message
    return Diagnostic(message, file=path, pointer=exc.at, line=line)


class _DuplicateKey(Exception):
    def __init__(self, key: str, at: str) -> None:
        self.key, self.at = key, at


def _parse_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key, value in items:
            if key in mapping:
                raise _DuplicateKey(key, "")
            mapping[key] = value
        return mapping

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=json_constant)
    except RecursionError:
        raise json_too_deep() from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # the only other one: an integer longer than int() converts
        if "digits" not in str(exc):
            raise
        raise json_long_integer() from None


def _check_root(document: dict[str, Any], path: Path) -> str:
    version = document.get("openapi")
    if version is None:
        hint = " (Swagger 2.0 is not supported: convert it to OpenAPI 3)" if "swagger" in document else ""
        raise GeneratorError(Diagnostic(f"missing the 'openapi' version field{hint}", file=path, pointer=""))
    if not isinstance(version, str) or not SUPPORTED_VERSIONS.match(version):
        raise GeneratorError(Diagnostic(_version_problem(version), file=path, pointer="/openapi"))
    return version


ACCEPTED_VERSIONS = "accepted: 3.0.x and 3.1.x, e.g. '3.1.0'"


def _version_problem(version: object) -> str:
    """What is wrong with an `openapi` value: what was found, and what would be accepted."""
    if not isinstance(version, str):
        # YAML reads an unquoted `openapi: 3.1` as the number 3.1
        quoted = f"; quote it: '{version}.0'" if isinstance(version, float) else ""
        return f"the OpenAPI version must be a string, found the {type(version).__name__} {version!r}{quoted} ({ACCEPTED_VERSIONS})"
    if re.fullmatch(r"3\.[01]", version):
        return f"the OpenAPI version {version!r} lacks its patch number: write '{version}.0' ({ACCEPTED_VERSIONS})"
    return f"unsupported OpenAPI version {version!r} ({ACCEPTED_VERSIONS})"


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


def _validate(document: dict[str, Any], is_31: bool, path: Path, text: str, *, lenient: bool) -> list[Diagnostic]:
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
        raise GeneratorError(_locate_all(_most_specific(found), path, text))
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


def _locate_all(diagnostics: list[Diagnostic], path: Path, text: str) -> list[Diagnostic]:
    finder = _LineFinder(text)
    return [d.located(path, d.line if d.line is not None else finder.line_of(d.pointer)) for d in diagnostics]


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class _LineFinder:
    """Maps JSON pointers to 1-based line numbers, composing the YAML node tree only once."""

    def __init__(self, text: str) -> None:
        # YAML (which reads JSON here) refuses surrogate escapes, even paired ones (`\ud83d\ude00`,
        # as json.dumps writes an emoji); a same-length escape keeps every line where it is.
        self._text = _SURROGATE_ESCAPE.sub(r"\\u0020", text)
        self._root: yaml.Node | None = None
        self._failed = False

    def line_of(self, json_pointer: str | None) -> int | None:
        if json_pointer is None or self._failed:
            return None
        if self._root is None:
            try:
                self._root = yaml.compose(self._text, Loader=_BaseLoader)
            except yaml.YAMLError:
                self._failed = True
                return None
        node: yaml.Node | None = self._root
        for token in split_pointer(json_pointer):
            child = _child(node, token) if node is not None else None
            if child is None:
                break
            node = child
        return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node, token: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == token:
                found: yaml.Node = value_node
                return found
    elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
        child: yaml.Node = node.value[int(token)]
        return child
    return None
