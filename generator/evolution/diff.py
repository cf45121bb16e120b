"""Classify what changed between two versions of a spec, as a generated client's callers see it.

Both documents come from `generator.loader`, so every `$ref` is a local pointer. Operations
are matched by path and method, parameters by location and name, and schemas are compared
after following references (each pair of schemas is visited once, so cycles end).

Direction decides the level. The generated models validate what a caller sends *and* what
the server answers, so a request schema that accepts less, and a response schema that may
carry more, both break callers; the opposite changes are compatible (minor). Keys that only
document (descriptions, examples, ...) are patch-level. A difference no rule understands is
still reported, as `unclassified-change` (minor), rather than dropped. `RULES` lists every
rule and its level.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..naming import operation_name
from ..spec.loader import Spec
from ..spec.openapi import (
    Located,
    RawOperation,
    deref,
    is_success,
    iter_operations,
    operation_parameters,
    request_body,
    responses,
    schema_of,
)
from ..spec.pointers import pointer, split_pointer
from ..spec.refs import DATA_KEYS, NAME_MAPS
from ..versions import Bump, Labelled, version_bump


class Level(Labelled):
    """How a change affects callers; its value is the version bump it needs (see `Bump`)."""

    PATCH = 1
    MINOR = 2
    BREAKING = 3


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


REQUEST, RESPONSE = "request", "response"
BREAKING, MINOR, PATCH = Level.BREAKING, Level.MINOR, Level.PATCH

# Bounds: a higher maximum or a lower minimum accepts more.
UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")

# Keys that only document: they change docstrings and READMEs, never behaviour or types.
# (`tags` are kept in the IR but no template uses them; `deprecated` only adds a docstring line.)
DOC_KEYS = (
    "description", "summary", "title", "example", "examples", "externalDocs", "deprecated",
    "tags", "contact", "license", "termsOfService",
)  # fmt: skip

# Changes to one schema, as (level in a request, level in a response). A schema that now
# accepts less breaks what callers send; one that may now carry more breaks what they read.
NARROWS, WIDENS, ALWAYS = (BREAKING, MINOR), (MINOR, BREAKING), (BREAKING, BREAKING)
SCHEMA_CHANGES: dict[str, tuple[Level, Level]] = {
    "type-widened": WIDENS,
    "type-narrowed": NARROWS,
    "type-changed": ALWAYS,
    "became-nullable": WIDENS,
    "became-not-nullable": NARROWS,
    # The format chooses the Python type (date-time -> datetime, uuid -> UUID, ...).
    "format-changed": ALWAYS,
    # A new enum in a response still reads as a `str` (generated enums are StrEnums).
    "enum-added": NARROWS,
    # The generated enum type, or the member callers name, goes away.
    "enum-removed": ALWAYS,
    "enum-value-removed": ALWAYS,
    # Generated enums are closed: an older client fails to read a response with a new value.
    "enum-value-added": WIDENS,
    "pattern-added": NARROWS,
    "pattern-removed": WIDENS,
    "pattern-changed": ALWAYS,  # what two regular expressions accept cannot be compared in general
    "multiple-of-added": NARROWS,
    "multiple-of-removed": WIDENS,
    "multiple-of-changed": ALWAYS,
    "unique-items-added": NARROWS,
    "unique-items-removed": WIDENS,
    "additional-properties-restricted": NARROWS,
    "additional-properties-relaxed": WIDENS,  # a typed map becomes a looser one
    # From `false`: generated response models accept unknown properties whatever the spec says.
    "additional-properties-allowed": (MINOR, MINOR),
    "variant-added": WIDENS,
    "variant-removed": NARROWS,
    **{f"{_kebab(k)}-{change}": NARROWS for k in UPPER_BOUNDS for change in ("decreased", "added")},
    **{f"{_kebab(k)}-{change}": WIDENS for k in UPPER_BOUNDS for change in ("increased", "removed")},
    **{f"{_kebab(k)}-{change}": NARROWS for k in LOWER_BOUNDS for change in ("increased", "added")},
    **{f"{_kebab(k)}-{change}": WIDENS for k in LOWER_BOUNDS for change in ("decreased", "removed")},
}
# Where a schema sits: the root of a request body or parameter, a response body, or nested.
SCHEMA_SUBJECTS = {REQUEST: ("body", "parameter", "property"), RESPONSE: ("body", "property")}

# Every rule id and its level.
RULES: dict[str, Level] = {
    "operation-removed": BREAKING,
    "operation-added": MINOR,
    "operation-id-changed": BREAKING,  # the generated method is renamed
    "operation-id-respelled": PATCH,  # ... or keeps its name (`updateContact` -> `UpdateContact`)
    "request-parameter-removed": BREAKING,
    "new-required-request-parameter": BREAKING,
    "new-optional-request-parameter": MINOR,
    "request-parameter-became-required": BREAKING,
    "request-parameter-became-optional": MINOR,
    "request-body-removed": BREAKING,
    "new-required-request-body": BREAKING,
    "new-optional-request-body": MINOR,
    "request-body-became-required": BREAKING,
    "request-body-became-optional": MINOR,
    "request-body-media-type-changed": BREAKING,
    "request-property-removed": BREAKING,
    "new-required-request-property": BREAKING,
    "new-optional-request-property": MINOR,
    "request-property-became-required": BREAKING,
    "request-property-became-optional": MINOR,
    "response-property-removed": BREAKING,
    "response-property-added": MINOR,
    "response-property-became-optional": BREAKING,
    "response-property-became-required": MINOR,
    "response-success-status-removed": BREAKING,
    "response-non-success-status-removed": MINOR,
    # The generated client reads an undocumented 2xx like the first documented one, and an
    # error status like any other error: a new status adds, it does not break.
    "response-success-status-added": MINOR,
    "response-non-success-status-added": MINOR,
    "response-body-removed": BREAKING,
    "response-body-added": MINOR,
    "response-media-type-changed": BREAKING,
    "security-requirement-added": BREAKING,  # some caller that was accepted is refused
    "security-requirement-relaxed": MINOR,
    "security-scheme-changed": BREAKING,  # how a credential is sent decides the client's arguments
    "component-schema-removed": BREAKING,  # its generated model class goes away
    "component-schema-added": MINOR,
    **{
        f"{side}-{subject}-{change}": levels[index]
        for index, side in enumerate((REQUEST, RESPONSE))
        for subject in SCHEMA_SUBJECTS[side]
        for change, levels in SCHEMA_CHANGES.items()
    },
    **{f"{_kebab(key)}-changed": PATCH for key in DOC_KEYS},
    "extension-changed": PATCH,  # `x-` keys: the generator reads none
    "unclassified-change": MINOR,  # no rule above explains it: review it by hand
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One classified change: `pointer` is where it is in NEW (in OLD for a removal)."""

    level: Level
    rule: str
    pointer: str
    old: Any
    new: Any
    message: str


@dataclass(frozen=True, slots=True)
class SpecDiff:
    """All findings between two specs, most severe first, and both `info.version`s."""

    old_source: str
    new_source: str
    old_version: str
    new_version: str
    findings: tuple[Finding, ...]

    @property
    def needed_bump(self) -> Bump:
        return Bump(max((f.level for f in self.findings), default=Bump.NONE))

    @property
    def version_bump(self) -> Bump:
        return version_bump(self.old_version, self.new_version)

    def fails(self, threshold: Level | None) -> bool:
        """True when findings at `threshold` or above need a bigger bump than info.version made."""
        if threshold is None:
            return False
        levels = [f.level for f in self.findings if f.level >= threshold]
        return bool(levels) and max(levels) > self.version_bump

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level is level)


def diff_specs(old: Spec, new: Spec) -> SpecDiff:
    """Compare two loaded specs; an identical pair gives no findings."""
    differ = _Differ(old.document, new.document)
    differ.run()
    findings = sorted(differ.findings, key=lambda f: -f.level)  # stable: document order within a level
    return SpecDiff(
        old_source=str(old.path),
        new_source=str(new.path),
        old_version=_info_version(old.document),
        new_version=_info_version(new.document),
        findings=tuple(findings),
    )


def _info_version(document: dict[str, Any]) -> str:
    return str((document.get("info") or {}).get("version") or "")


@dataclass(frozen=True, slots=True)
class _Where:
    """Which side of the wire a schema is on, what it is, and how messages name it."""

    side: str  # REQUEST or RESPONSE
    subject: str  # "body", "parameter" or "property" (anything nested)
    label: str  # "ContactUpdate.name", "PATCH /v3/contacts/{id} request body", ...

    def nested(self, suffix: str) -> _Where:
        return _Where(self.side, "property", self.label + suffix)


@dataclass
class _View:
    """A schema with `allOf` members folded in: the keywords the rules compare."""

    at: str
    keywords: dict[str, tuple[Any, str]] = field(default_factory=dict)  # keyword -> (value, pointer)
    properties: dict[str, tuple[Any, str]] = field(default_factory=dict)
    required: dict[str, str] = field(default_factory=dict)  # name -> pointer of its `required` list

    def value(self, keyword: str) -> Any:
        return self.keywords.get(keyword, (None, ""))[0]

    def at_of(self, keyword: str, other: _View) -> str:
        """Where `keyword` is in this schema, else in `other`, else where it would be here."""
        for view in (self, other):
            if keyword in view.keywords:
                return view.keywords[keyword][1]
        return self.at + pointer(keyword)


class _Differ:
    """Walks two normalized documents side by side and collects findings (see `RULES`)."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.findings: list[Finding] = []
        self._reported: set[tuple[str, str, str]] = set()
        self._compared: set[tuple[str, str, str, str]] = set()
        # Pointers a finding accounts for besides its own (the `required` entry of a property
        # that was added or removed), so they are not reported again as unclassified.
        self._explained: list[str] = []

    def run(self) -> None:
        self._operations()
        self._component_schemas()
        self._security_schemes()
        self._rest()

    def add(self, rule: str, at: str, old: Any, new: Any, message: str) -> None:
        """Record a finding once: a schema reached from several operations says the same thing."""
        key = (rule, at, message)
        if key not in self._reported:
            self._reported.add(key)
            self.findings.append(Finding(RULES[rule], rule, at, old, new, message))

    def changed(self, where: _Where, change: str, at: str, old: Any, new: Any, what: str) -> None:
        """A finding about a schema: its rule and level depend on where the schema is."""
        self.add(f"{where.side}-{where.subject}-{change}", at, old, new, f"{where.label}: {what}")

    # -- operations ------------------------------------------------------------------------

    def _operations(self) -> None:
        old_ops = {(raw.path, raw.method): raw for raw in iter_operations(self.old)}
        new_ops = {(raw.path, raw.method): raw for raw in iter_operations(self.new)}
        for key, raw in old_ops.items():
            if key in new_ops:
                self._operation(raw, new_ops[key])
            else:
                self.add("operation-removed", raw.at, _title(raw), None, f"{_title(raw)} removed")
        for key, raw in new_ops.items():
            if key not in old_ops:
                self.add("operation-added", raw.at, None, _title(raw), f"{_title(raw)} added")

    def _operation(self, old: RawOperation, new: RawOperation) -> None:
        title = _title(new)
        old_id, new_id = old.operation.get("operationId"), new.operation.get("operationId")
        if old_id != new_id:
            old_name = operation_name(old_id, old.method, old.path)
            new_name = operation_name(new_id, new.method, new.path)
            what = f"{title}: operationId {old_id!r} -> {new_id!r}"
            if old_name != new_name:
                what += f": the method `{old_name}` becomes `{new_name}`"
            rule = "operation-id-changed" if old_name != new_name else "operation-id-respelled"
            self.add(rule, new.at + "/operationId", old_id, new_id, what)
        self._parameters(old, new, title)
        self._request_body(old, new, title)
        self._responses(old, new, title)
        self._security(old, new, title)

    def _parameters(self, old: RawOperation, new: RawOperation, title: str) -> None:
        before = {_parameter_key(p): p for p in operation_parameters(self.old, old)}
        after = {_parameter_key(p): p for p in operation_parameters(self.new, new)}
        for key, parameter in before.items():
            if key not in after:
                what = f"{title}: {key[0]} parameter `{key[1]}` removed"
                self.add("request-parameter-removed", parameter.at, key[1], None, what)
        for key, parameter in after.items():
            name = f"{title} {key[0]} parameter `{key[1]}`"
            required = parameter.value.get("required") is True
            kind = "required" if required else "optional"
            if key not in before:
                self.add(f"new-{kind}-request-parameter", parameter.at, None, key[1], f"{name}: added, {kind}")
                continue
            previous = before[key]
            if (previous.value.get("required") is True) != required:
                what = f"{name}: now {kind}"
                self.add(f"request-parameter-became-{kind}", parameter.at + "/required", not required, required, what)
            if "schema" in previous.value and "schema" in parameter.value:
                self.schema(
                    previous.value["schema"], previous.at + "/schema",
                    parameter.value["schema"], parameter.at + "/schema",
                    _Where(REQUEST, "parameter", name),
                )  # fmt: skip

    def _request_body(self, old: RawOperation, new: RawOperation, title: str) -> None:
        before, after = request_body(self.old, old), request_body(self.new, new)
        if before is None or after is None:
            if after is not None:
                kind = "required" if after[0].value.get("required") is True else "optional"
                self.add(f"new-{kind}-request-body", after[0].at, None, after[1], f"{title}: {kind} request body added")
            elif before is not None:
                self.add("request-body-removed", before[0].at, before[1], None, f"{title}: request body removed")
            return
        (old_body, old_type), (new_body, new_type) = before, after
        was, now = old_body.value.get("required") is True, new_body.value.get("required") is True
        if was != now:
            kind = "required" if now else "optional"
            self.add(
                f"request-body-became-{kind}", new_body.at + "/required", was, now, f"{title}: request body now {kind}"
            )
        if old_type != new_type:
            what = f"{title}: request body media type {old_type} -> {new_type}"
            self.add("request-body-media-type-changed", new_body.at + "/content", old_type, new_type, what)
        else:
            self._body_schemas(old_body, new_body, new_type, _Where(REQUEST, "body", f"{title} request body"))

    def _responses(self, old: RawOperation, new: RawOperation, title: str) -> None:
        before = {status: (located, media_type) for status, located, media_type in responses(self.old, old)}
        after = {status: (located, media_type) for status, located, media_type in responses(self.new, new)}
        for status, (located, _) in before.items():
            if status not in after:
                kind = "success" if is_success(status) else "non-success"
                self.add(
                    f"response-{kind}-status-removed", located.at, status, None, f"{title}: response {status} removed"
                )
        for status, (located, new_type) in after.items():
            name = f"{title} response {status}"
            if status not in before:
                kind = "success" if is_success(status) else "non-success"
                self.add(f"response-{kind}-status-added", located.at, None, status, f"{name}: added")
                continue
            old_located, old_type = before[status]
            content = located.at + "/content"
            if old_type == new_type:
                self._body_schemas(old_located, located, new_type, _Where(RESPONSE, "body", name))
            elif old_type is None:
                self.add("response-body-added", content, None, new_type, f"{name}: now has a body")
            elif new_type is None:
                self.add("response-body-removed", old_located.at + "/content", old_type, None, f"{name}: body removed")
            else:
                what = f"{name}: media type {old_type} -> {new_type}"
                self.add("response-media-type-changed", content, old_type, new_type, what)

    def _body_schemas(self, old: Located, new: Located, media_type: str | None, where: _Where) -> None:
        before, after = schema_of(old, media_type), schema_of(new, media_type)
        if before is not None and after is not None:
            self.schema(before[0], before[1], after[0], after[1], where)

    def _security(self, old: RawOperation, new: RawOperation, title: str) -> None:
        before, old_at = _effective_security(self.old, old)
        after, at = _effective_security(self.new, new)
        old_alternatives, new_alternatives = _alternatives(before), _alternatives(after)
        if old_alternatives == new_alternatives:
            return
        # A caller that met an old alternative is still accepted if a new one asks no more of it.
        refused = any(not any(b <= a for b in new_alternatives) for a in old_alternatives)
        what = f"{title}: security {_show_security(before)} -> {_show_security(after)}"
        if refused:
            self.add("security-requirement-added", at, before, after, what + ": some callers are now refused")
        else:
            self.add("security-requirement-relaxed", at, before, after, what + ": every caller is still accepted")
        self._explained.append(old_at)  # where the old requirement was, when it moved

    # -- components ------------------------------------------------------------------------

    def _component_schemas(self) -> None:
        """Every component schema becomes a model class that callers may import by name."""
        before, after = _components(self.old, "schemas"), _components(self.new, "schemas")
        for name in before:
            if name not in after:
                what = f"schema {name} removed: its generated model class goes away"
                self.add("component-schema-removed", pointer("components", "schemas", name), name, None, what)
        for name in after:
            if name not in before:
                what = f"schema {name} added: a new model class"
                self.add("component-schema-added", pointer("components", "schemas", name), None, name, what)

    def _security_schemes(self) -> None:
        before, after = _components(self.old, "securitySchemes"), _components(self.new, "securitySchemes")
        for name, scheme in after.items():
            if isinstance(scheme, dict) and isinstance(before.get(name), dict):
                old_kind, new_kind = _scheme_kind(before[name]), _scheme_kind(scheme)
                if old_kind != new_kind:
                    at = pointer("components", "securitySchemes", name)
                    what = f"security scheme {name}: {_short(old_kind)} -> {_short(new_kind)}"
                    self.add("security-scheme-changed", at, old_kind, new_kind, what)

    # -- schemas ---------------------------------------------------------------------------

    def schema(self, old: Any, old_at: str, new: Any, new_at: str, where: _Where) -> None:
        """Compare two schemas (either may be a `$ref`) with the rules of `where.side`."""
        old_schema, new_schema = deref(self.old, old, old_at), deref(self.new, new, new_at)
        key = (old_schema.at, new_schema.at, where.side, where.subject)
        if key in self._compared:
            return  # compared already, or a cycle back to a schema being compared
        self._compared.add(key)
        name = _component_name(new_schema.at) or _component_name(old_schema.at)
        if name is not None:
            where = _Where(where.side, where.subject, name)
        before, after = _view(self.old, old_schema), _view(self.new, new_schema)
        self._types(before, after, where)
        self._enum(before, after, where)
        self._bounds(before, after, where)
        for keyword in ("format", "pattern", "multipleOf", "uniqueItems"):
            self._keyword(keyword, before, after, where)
        self._properties(before, after, where)
        self._additional_properties(before, after, where)
        if "items" in before.keywords and "items" in after.keywords:
            (old_items, old_items_at), (new_items, new_items_at) = before.keywords["items"], after.keywords["items"]
            self.schema(old_items, old_items_at, new_items, new_items_at, where.nested("[]"))
        for keyword in ("oneOf", "anyOf"):
            self._variants(keyword, before, after, where)

    def _types(self, before: _View, after: _View, where: _Where) -> None:
        old, new = _types(before), _types(after)
        at = after.at_of("type", before)
        # Whatever differs in `type` or `nullable` is reported below or means the same
        # (`string` and `[string]`, 3.0 `nullable` and a 3.1 type list): not unclassified.
        self._explained += [at, after.at_of("nullable", before)]
        if old is None or new is None:
            if old != new:  # typed on one side only: the typed side accepts less
                change = "type-narrowed" if old is None else "type-widened"
                self.changed(where, change, at, _show(old), _show(new), f"type {_show(old)} -> {_show(new)}")
            return
        old_base, new_base = old - {"null"}, new - {"null"}
        if old_base != new_base:
            if _covers(new_base, old_base):
                change = "type-widened"
            elif _covers(old_base, new_base):
                change = "type-narrowed"
            else:
                change = "type-changed"
            shown = f"type {_show(old_base)} -> {_show(new_base)}"
            self.changed(where, change, at, _show(old_base), _show(new_base), shown)
        was, now = "null" in old, "null" in new
        if was != now:
            if "nullable" in before.keywords or "nullable" in after.keywords:  # OpenAPI 3.0
                at = after.at_of("nullable", before)
            change, what = (
                ("became-nullable", "null now allowed") if now else ("became-not-nullable", "null no longer allowed")
            )
            self.changed(where, change, at, was, now, what)

    def _enum(self, before: _View, after: _View, where: _Where) -> None:
        old, new = _enum(before), _enum(after)
        keyword = "enum" if "enum" in after.keywords or "enum" in before.keywords else "const"
        at = after.at_of(keyword, before)
        if old is None or new is None:
            if new is not None:
                values = list(new.values())
                self.changed(where, "enum-added", at, None, values, f"values limited to {_short(values)}")
            elif old is not None:
                self.changed(where, "enum-removed", at, list(old.values()), None, "no longer an enum")
            return
        for key, value in old.items():
            if key not in new:
                self.changed(where, "enum-value-removed", at, value, None, f"enum value {_short(value)} removed")
        for key, value in new.items():
            if key not in old:
                self.changed(where, "enum-value-added", at, None, value, f"enum value {_short(value)} added")

    def _bounds(self, before: _View, after: _View, where: _Where) -> None:
        for keyword in (*UPPER_BOUNDS, *LOWER_BOUNDS):
            old, new = _bound(before, keyword), _bound(after, keyword)
            if old == new:
                continue
            if old is None or new is None or isinstance(old, bool) or isinstance(new, bool):
                # Absent, or OpenAPI 3.0's boolean exclusiveMaximum/exclusiveMinimum flag.
                change = "removed" if new is None else "added"
            else:
                change = "decreased" if new < old else "increased"
            what = f"{keyword} {_short(old)} -> {_short(new)}"
            self.changed(where, f"{_kebab(keyword)}-{change}", after.at_of(keyword, before), old, new, what)

    def _keyword(self, keyword: str, before: _View, after: _View, where: _Where) -> None:
        """format, pattern, multipleOf, uniqueItems: added, removed or changed."""
        old, new = before.value(keyword), after.value(keyword)
        if keyword == "uniqueItems":
            old, new = (True if old is True else None), (True if new is True else None)
        if old == new:
            return
        change = "added" if old is None else "removed" if new is None else "changed"
        if keyword == "format":
            change = "changed"  # every format change can change the Python type
        what = f"{keyword} {_short(old)} -> {_short(new)}"
        self.changed(where, f"{_kebab(keyword)}-{change}", after.at_of(keyword, before), old, new, what)

    def _properties(self, before: _View, after: _View, where: _Where) -> None:
        side = where.side
        for name, (schema, at) in before.properties.items():
            if name not in after.properties:
                self.add(f"{side}-property-removed", at, schema, None, f"{where.label}.{name} removed")
                if name in before.required:
                    self._explained.append(before.required[name])
        for name, (schema, at) in after.properties.items():
            kind = "required" if name in after.required else "optional"
            if name not in before.properties:
                rule = f"new-{kind}-request-property" if side == REQUEST else "response-property-added"
                self.add(rule, at, None, schema, f"{where.label}.{name} added, {kind}")
                if name in after.required:
                    self._explained.append(after.required[name])
                continue
            if (name in before.required) != (name in after.required):
                required_at = after.required.get(name) or before.required[name]
                what = f"{where.label}.{name} now {kind}"
                self.add(f"{side}-property-became-{kind}", required_at, kind != "required", kind == "required", what)
            old_schema, old_at = before.properties[name]
            self.schema(old_schema, old_at, schema, at, where.nested(f".{name}"))

    def _additional_properties(self, before: _View, after: _View, where: _Where) -> None:
        old, new = _additional(before), _additional(after)
        if isinstance(old, tuple) and isinstance(new, tuple):
            self.schema(old[0], old[1], new[0], new[1], where.nested(".*"))
            return
        # How much each value lets through: false < a schema < true.
        openness = [_openness(old), _openness(new)]
        if openness[0] == openness[1]:
            return
        if openness[1] < openness[0]:
            change = "additional-properties-restricted"
        else:
            change = "additional-properties-allowed" if old is False else "additional-properties-relaxed"
        shown = _show_additional(old), _show_additional(new)
        at = after.at_of("additionalProperties", before)
        self.changed(where, change, at, shown[0], shown[1], f"additionalProperties {shown[0]} -> {shown[1]}")

    def _variants(self, keyword: str, before: _View, after: _View, where: _Where) -> None:
        old, new = _variants(before, keyword), _variants(after, keyword)
        for key, (schema, at) in old.items():
            if key not in new:
                self.changed(
                    where, "variant-removed", at, schema, None, f"{keyword} variant {_variant_name(key)} removed"
                )
        for key, (schema, at) in new.items():
            if key not in old:
                self.changed(where, "variant-added", at, None, schema, f"{keyword} variant {_variant_name(key)} added")
            else:
                label = f"{where.label}|{_variant_name(key)}"
                self.schema(old[key][0], old[key][1], schema, at, _Where(where.side, where.subject, label))

    # -- everything else: documentation, and what no rule covers -----------------------------

    def _rest(self) -> None:
        """Documentation changes are patch-level; any other difference that no finding so far
        accounts for is reported as unclassified rather than dropped."""
        others: list[tuple[str, Any, Any]] = []
        for at, key, old, new in _raw_changes(self.old, self.new, "", names=False, others=others):
            rule = "extension-changed" if key.startswith("x-") else f"{_kebab(key)}-changed"
            change = "added" if old is None else "removed" if new is None else "changed"
            self.add(rule, at, old, new, f"{key} {change}: {_short(old)} -> {_short(new)}")
        explained = [*(f.pointer for f in self.findings), *self._explained]
        for at, old, new in others:
            if not any(_related(at, known) for known in explained):
                what = f"{_short(old)} -> {_short(new)}: no rule classifies this change, review it (counted as minor)"
                self.add("unclassified-change", at, old, new, what)


# -- helpers ----------------------------------------------------------------------------------


def _title(raw: RawOperation) -> str:
    return f"{raw.method.upper()} {raw.path}"


def _parameter_key(parameter: Located) -> tuple[str, str]:
    return str(parameter.value.get("in")), str(parameter.value.get("name"))


def _components(document: dict[str, Any], kind: str) -> dict[str, Any]:
    found = (document.get("components") or {}).get(kind) or {}
    return found if isinstance(found, dict) else {}


def _component_name(at: str) -> str | None:
    parts = split_pointer(at)
    return parts[2] if len(parts) == 3 and parts[:2] == ["components", "schemas"] else None


def _scheme_kind(scheme: dict[str, Any]) -> dict[str, Any]:
    """What decides how the client sends a credential (not descriptions or OAuth URLs)."""
    return {key: scheme[key] for key in ("type", "scheme", "in", "name") if key in scheme}


def _effective_security(document: dict[str, Any], raw: RawOperation) -> tuple[Any, str]:
    """The operation's security requirements (its own, else the document's) and their pointer."""
    if "security" in raw.operation:
        return raw.operation["security"], raw.at + "/security"
    return document.get("security"), "/security"


def _alternatives(requirements: Any) -> frozenset[frozenset[tuple[str, str]]]:
    """Each alternative as the (scheme, "") and (scheme, scope) pairs it demands; none = anonymous."""
    if not requirements:
        return frozenset({frozenset()})
    return frozenset(
        frozenset(
            pair
            for scheme, scopes in requirement.items()
            for pair in [(scheme, ""), *((scheme, str(scope)) for scope in scopes or [])]
        )
        for requirement in requirements
        if isinstance(requirement, dict)
    )


def _show_security(requirements: Any) -> str:
    if not requirements:
        return "none"
    return " or ".join(" and ".join(sorted(r)) or "anonymous" for r in requirements if isinstance(r, dict))


def _view(document: dict[str, Any], schema: Located) -> _View:
    """Fold `allOf` members into one view; the schema's own keywords win over its members'."""
    view = _View(schema.at)
    visited: set[str] = set()

    def absorb(located: Located) -> None:
        if located.at in visited:
            return
        visited.add(located.at)
        for key, value in located.value.items():
            at = located.at + pointer(key)
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    view.properties.setdefault(name, (sub, at + pointer(name)))
            elif key == "required" and isinstance(value, list):
                for name in value:
                    view.required.setdefault(str(name), at)
            elif key != "allOf":
                view.keywords.setdefault(key, (value, at))
        for index, member in enumerate(located.value.get("allOf") or []):
            absorb(deref(document, member, f"{located.at}/allOf/{index}"))

    absorb(schema)
    return view


def _types(view: _View) -> frozenset[str] | None:
    """JSON types a schema allows, "null" included (3.1 type lists, 3.0 `nullable`); None = any.

    A schema with properties but no type is an object, as the generator reads it, so adding
    `type: object` to it changes nothing.
    """
    declared = view.value("type")
    if declared is None and (view.properties or "additionalProperties" in view.keywords):
        declared = "object"
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = {str(t) for t in declared}
    else:
        return None
    if view.value("nullable") is True:
        types.add("null")
    return frozenset(types)


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Every value of the `narrow` types is one of the `wide` types (an integer is a number)."""
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _show(types: frozenset[str] | None) -> str:
    return "any" if types is None else "|".join(sorted(types)) or "nothing"


def _enum(view: _View) -> dict[str, Any] | None:
    """Allowed values by canonical JSON (so 1 and true differ), from `enum` or `const`."""
    if isinstance(view.value("enum"), list):
        values = view.value("enum")
    elif "const" in view.keywords:
        values = [view.value("const")]
    else:
        return None
    return {json.dumps(v, sort_keys=True, default=repr): v for v in values}


def _bound(view: _View, keyword: str) -> Any:
    value = view.value(keyword)
    return None if value is False else value  # 3.0: `exclusiveMaximum: false` is no bound


def _additional(view: _View) -> bool | tuple[Any, str]:
    """`additionalProperties` as True (anything), False (nothing) or (schema, pointer)."""
    value, at = view.keywords.get("additionalProperties", (True, ""))
    if isinstance(value, bool):
        return value
    return (value, at) if isinstance(value, dict) and value else True


def _openness(value: bool | tuple[Any, str]) -> int:
    return 1 if isinstance(value, tuple) else 2 if value else 0


def _show_additional(value: bool | tuple[Any, str]) -> str:
    return "schema" if isinstance(value, tuple) else str(value).lower()


def _variants(view: _View, keyword: str) -> dict[str, tuple[Any, str]]:
    """oneOf/anyOf members keyed by their `$ref` target, inline ones by their order among inline ones."""
    members = view.value(keyword)
    if not isinstance(members, list):
        return {}
    keyed: dict[str, tuple[Any, str]] = {}
    for index, member in enumerate(members):
        at = view.keywords[keyword][1] + f"/{index}"
        if isinstance(member, dict) and isinstance(member.get("$ref"), str):
            keyed[member["$ref"]] = (member, at)
        else:
            keyed[f"#{sum(1 for k in keyed if not k.startswith('#/'))}"] = (member, at)
    return keyed


def _variant_name(key: str) -> str:
    return key.rsplit("/", 1)[-1] if key.startswith("#/") else f"inline {key}"


def _short(value: Any, limit: int = 60) -> str:
    """A value as compact one-line JSON, cut at `limit` characters, for messages."""
    text = " ".join(json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _related(at: str, known: str) -> bool:
    """One pointer is the other or lies inside it."""
    return at == known or at.startswith(known + "/") or known.startswith(at + "/")


def _raw_changes(
    old: Any, new: Any, at: str, *, names: bool, others: list[tuple[str, Any, Any]]
) -> Iterator[tuple[str, str, Any, Any]]:
    """Documentation changes as (pointer, key, old, new); every other difference goes to `others`.

    `names` is true where keys are user-chosen names (see `refs.NAME_MAPS`): a property called
    `description` is not documentation. Lists of plain values are compared as sets (`required`
    or `type` in another order is the same), other lists item by item. A key on one side only
    has None on the other. `info.version` is left out: the diff judges the version, it does
    not report it.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            child = at + pointer(key)
            before, after = old.get(key), new.get(key)
            if child == "/info/version" or (_same(before, after) and (key in old) == (key in new)):
                continue
            if not names and (key in DOC_KEYS or key.startswith("x-")):
                yield child, key, before, after
            elif key not in old or key not in new or (not names and key in DATA_KEYS):
                others.append((child, before, after))
            else:
                nested = not names and key in NAME_MAPS and isinstance(after, dict)
                yield from _raw_changes(before, after, child, names=nested, others=others)
    elif isinstance(old, list) and isinstance(new, list) and not _scalars(old + new):
        for index in range(max(len(old), len(new))):
            if index >= len(old) or index >= len(new):
                others.append(
                    (
                        f"{at}/{index}",
                        old[index] if index < len(old) else None,
                        new[index] if index < len(new) else None,
                    )
                )
            elif not _same(old[index], new[index]):
                yield from _raw_changes(old[index], new[index], f"{at}/{index}", names=False, others=others)
    elif not _same(old, new):
        others.append((at, old, new))


def _scalars(values: list[Any]) -> bool:
    return all(not isinstance(v, dict | list) for v in values)


def _same(old: Any, new: Any) -> bool:
    """Equal as JSON (1 and true differ); lists of plain values in any order."""
    if isinstance(old, list) and isinstance(new, list) and _scalars(old + new):
        return {json.dumps(v, default=repr) for v in old} == {json.dumps(v, default=repr) for v in new}
    return json.dumps(old, sort_keys=True, default=repr) == json.dumps(new, sort_keys=True, default=repr)
