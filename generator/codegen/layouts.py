"""Where operations sit: on the client itself (flat) or grouped into resources.

Up to `FLAT_LAYOUT_MAX_OPERATIONS` operations the client keeps them as its own methods
(`client.update_contact`); beyond it, "auto" groups them into resources by tag
(`client.contacts.update_contact`), so no module grows past a few thousand lines. A package
can pin either layout.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..naming import bounded, snake_case
from ..settings import LayoutChoice
from . import ir

FLAT_LAYOUT_MAX_OPERATIONS = 30

# Attributes of the generated client classes; neither an operation nor a resource can take these names.
# `datetime` too: a method of that name would shadow the module that date-time parameters'
# annotations (`datetime.datetime`) name, since annotations in a class body see its names.
CLIENT_ATTRIBUTES = frozenset(
    {"close", "aclose", "with_options", "with_raw_response", "base_url", "timeout", "max_retries", "datetime"}
)
# Path segments that say nothing about what a group of operations is about.
_NOT_A_RESOURCE = re.compile(r"^(v\d+(\.\d+)*|api|rest|\{.*\})$", re.IGNORECASE)


def choose_layout(choice: LayoutChoice, operation_count: int) -> ir.Layout:
    if choice != "auto":
        return choice
    return "flat" if operation_count <= FLAT_LAYOUT_MAX_OPERATIONS else "resources"


def client_attribute(name: str) -> str:
    """`name`, or `name_` where it would shadow an attribute of the client."""
    return name + "_" if name in CLIENT_ATTRIBUTES else name


def group_resources(tags: dict[str, str], operations: list[ir.Operation]) -> tuple[ir.Resource, ...]:
    """Operations grouped by their first tag, else by the first telling segment of their path.

    Groups whose names make the same attribute are merged; the order is the spec's (tags as
    declared in `tags`, then as first used). `tags` maps declared tag names to descriptions.
    """
    groups: dict[str, tuple[str, list[ir.Operation]]] = {}
    for name in tags:
        groups.setdefault(_resource_attribute(name), (name, []))
    for op in operations:
        title = op.tags[0] if op.tags else _path_resource(op.path)
        attribute = _resource_attribute(title)
        groups.setdefault(attribute, (title, []))[1].append(replace(op, resource=attribute))
    return tuple(
        ir.Resource(attribute, title, tags.get(title, ""), tuple(members))
        for attribute, (title, members) in groups.items()
        if members
    )


def _resource_attribute(title: str) -> str:
    # The attribute names the resource's module file, so its length is bounded.
    return client_attribute(bounded(snake_case(title, fallback="resource")))


def _path_resource(path: str) -> str:
    segments = [segment for segment in path.split("/") if segment and not _NOT_A_RESOURCE.match(segment)]
    return segments[0] if segments else "root"
