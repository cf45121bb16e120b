"""The rules of the spec diff: each rule id and its level, and the finding they make.

Direction decides the level. The generated models validate what a caller sends *and* what
the server answers, so a request schema that accepts less, and a response schema that may
carry more, both break callers; the opposite changes are compatible (minor). Keys that only
document (descriptions, examples, ...) are patch-level. A difference no rule understands is
still reported, as `unclassified-change` (minor), rather than dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..versions import Labelled


class Level(Labelled):
    """How a change affects callers; its value is the version bump it needs (see `Bump`)."""

    PATCH = 1
    MINOR = 2
    BREAKING = 3


def kebab(name: str) -> str:
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
    # A request default is what the server uses for a caller who leaves the value out (the
    # client sends only what was set): another default changes what that caller gets. A
    # response model fills the default in where the server leaves the value out, so an older
    # client reads its old default where the server means another, or none; a new one only
    # tells it more.
    "default-added": (BREAKING, MINOR),
    "default-removed": ALWAYS,
    "default-changed": ALWAYS,
    # A discriminator decides which branch model a value is: with one, a request value must
    # carry a tag the mapping names (branch models type it as a Literal), and a response value
    # with a tag an older client does not know fails to parse.
    "discriminator-added": NARROWS,
    "discriminator-removed": WIDENS,
    "discriminator-property-changed": ALWAYS,
    "discriminator-mapping-added": WIDENS,
    "discriminator-mapping-removed": NARROWS,
    "discriminator-mapping-changed": ALWAYS,
    "variant-added": WIDENS,
    # A `oneOf` branch that shares values with an old one: such a value now matches two
    # branches, and `oneOf` (so the server) refuses it, though the client's union accepts it.
    "overlapping-variant-added": ALWAYS,
    "variant-removed": NARROWS,
    **{f"{kebab(k)}-{change}": NARROWS for k in UPPER_BOUNDS for change in ("decreased", "added")},
    **{f"{kebab(k)}-{change}": WIDENS for k in UPPER_BOUNDS for change in ("increased", "removed")},
    **{f"{kebab(k)}-{change}": NARROWS for k in LOWER_BOUNDS for change in ("increased", "added")},
    **{f"{kebab(k)}-{change}": WIDENS for k in LOWER_BOUNDS for change in ("decreased", "removed")},
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
    "security-scheme-removed": BREAKING,  # the client takes a credential per declared scheme
    "security-scheme-added": MINOR,
    # `x-pagination` (see `paging`): whether the method returns a page, and how it pages.
    "pagination-added": BREAKING,  # the method returns a page instead of the response model
    "pagination-removed": BREAKING,
    "pagination-changed": BREAKING,  # not an object, or a key no style reads
    "pagination-style-changed": BREAKING,
    "pagination-items-changed": BREAKING,  # `page.data` holds something else
    "pagination-total-added": MINOR,  # `page.total_count` was None
    "pagination-total-removed": BREAKING,
    "pagination-total-changed": BREAKING,
    **{f"pagination-{key}-changed": BREAKING for key in ("offset", "limit", "cursor", "next-cursor")},
    "pagination-cursor-limit-changed": PATCH,  # the cursor pager does not read it
    "component-schema-removed": BREAKING,  # its generated model class goes away
    "component-schema-added": MINOR,
    **{
        f"{side}-{subject}-{change}": levels[index]
        for index, side in enumerate((REQUEST, RESPONSE))
        for subject in SCHEMA_SUBJECTS[side]
        for change, levels in SCHEMA_CHANGES.items()
    },
    **{f"{kebab(key)}-changed": PATCH for key in DOC_KEYS},
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


def short(value: Any, limit: int = 60) -> str:
    """A value as compact one-line JSON, cut at `limit` characters, for messages."""
    text = " ".join(json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
