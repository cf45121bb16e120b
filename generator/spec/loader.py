"""Load one OpenAPI 3.0/3.1 document from YAML or JSON and validate it.

Every problem comes back as a `GeneratorError` naming the file, the line when it can be
found, the JSON pointer and what is wrong. The YAML reader is stricter than PyYAML's
default in two ways that catch real mistakes in hand-written specs: a duplicated key is an
error (PyYAML keeps the last one silently), and dates stay strings (PyYAML turns
`2024-01-01` into a `datetime.date`, which is not JSON).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

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
from .lines import FAST_SAFE_LOADER, LineFinder, line_at, locate_all
from .openapi import OpenApi
from .refs import normalize_refs

SUPPORTED_VERSIONS = re.compile(r"^3\.(0|1)\.\d+$")


class _StrictLoader(FAST_SAFE_LOADER):  # type: ignore[valid-type,misc]  # a class chosen at import time
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
        return locate_all(diagnostics, self.path, self.raw.decode("utf-8-sig"))


def read_spec(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GeneratorError(Diagnostic(f"cannot read the spec: {exc.strerror or exc}", file=path)) from None


def load_spec(path: Path, *, lenient: bool = False) -> Spec:
    """Read, parse, normalize `$ref`s and validate the document at `path`.

    `lenient` repairs the mistakes `generator.spec.lenient` lists, with a warning each.
    """
    return load_bytes(read_spec(path), path, lenient=lenient)


def load_bytes(raw: bytes, path: Path, *, lenient: bool = False) -> Spec:
    """`load_spec` of content already read; a strict failure says when lenient mode would pass."""
    try:
        draft = parse_draft(raw, path, lenient=lenient)
    except GeneratorError as error:
        if lenient:
            raise
        raise GeneratorError([*error.diagnostics, *_lenient_hint(raw, path)]) from None
    return validate_draft(draft)


def validate_draft(draft: Draft) -> Spec:
    """`draft.validated()`; a strict failure says when lenient mode would pass."""
    try:
        return draft.validated()
    except GeneratorError as error:
        if draft.lenient:
            raise
        raise GeneratorError([*error.diagnostics, *_lenient_hint(draft.raw, draft.path)]) from None


def _lenient_hint(raw: bytes, path: Path) -> list[Diagnostic]:
    """Say so when lenient mode would generate a document strict mode refused."""
    try:
        parse_spec(raw, path, lenient=True)
    except GeneratorError:
        return []
    return [Diagnostic(lenient_mode.STRICT_HINT, file=path, pointer="", line=1)]


def parse_spec(raw: bytes, path: Path, *, lenient: bool = False) -> Spec:
    """Like `load_spec` for content that is not a file of its own (a git blob, say), without
    the lenient hint. `path` names it in diagnostics and decides JSON or YAML by its suffix.
    """
    return parse_draft(raw, path, lenient=lenient).validated()


@dataclass(frozen=True, slots=True)
class Draft:
    """A document parsed and reference-normalized, not yet validated."""

    path: Path
    raw: bytes
    text: str
    document: dict[str, Any]
    version: str
    lenient: bool
    warnings: tuple[Diagnostic, ...]  # so far, not yet given their lines

    @property
    def is_31(self) -> bool:
        return self.version.startswith("3.1")

    def validated(self) -> Spec:
        """The spec, once openapi-spec-validator finds nothing wrong (lenient mode may drop defaults)."""
        from . import validation  # imported only when needed: see its docstring

        found = validation.validate(self.document, self.is_31, self.path, self.text, lenient=self.lenient)
        return self.spec((*self.warnings, *found))

    def spec(self, warnings: tuple[Diagnostic, ...]) -> Spec:
        """The spec with these warnings, located in this text."""
        return Spec(
            path=self.path,
            raw=self.raw,
            sha256=hashlib.sha256(self.raw).hexdigest(),
            document=self.document,
            openapi_version=self.version,
            warnings=tuple(locate_all(list(warnings), self.path, self.text)),
        )


def parse_draft(raw: bytes, path: Path, *, lenient: bool = False) -> Draft:
    """Every check but the validator's: decoding, syntax and bounds, the version, `$ref`s."""
    text = _decode(raw, path)
    document = _parse(text, path)
    try:
        version = _check_root(document, path)
    except GeneratorError as error:  # give the version problem its line too
        raise GeneratorError(locate_all(list(error.diagnostics), path, text)) from None
    is_31 = version.startswith("3.1")
    repaired = lenient_mode.repair(document, is_31=is_31) if lenient else []
    errors, warnings = normalize_refs(document, document_uri=path.resolve().as_uri(), dialect_2020=is_31)
    if errors:
        raise GeneratorError(locate_all(errors, path, text))
    return Draft(path, raw, text, document, version, lenient, (*repaired, *warnings))


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
            Diagnostic(f"invalid JSON: {exc.msg} (column {exc.colno})", file=path, line=line_at(text, exc.pos))
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
    uses_aliases = check_yaml_events(text, FAST_SAFE_LOADER)
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
        line = LineFinder(text).line_of(exc.at)
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
