"""Render the package's templated files from the IR.

Templates never see spec text except through the filters of `generator.text` (`pystr`,
`docstring`, `oneline`, `md_cell`, `md_code`, `toml_str`), so no title, description or example can end
a string, close a docstring or become code. Spec text is data to Jinja2, never template
source, so `{{ }}` in a description stays text.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .. import GENERATED_HEADER
from ..text import docstring, md_cell, md_code, oneline, percent, pystr, seconds, toml_str
from .ir import Api, Operation, Resource

TEMPLATES = Path(__file__).parent.parent / "templates"

# Template -> output path, with "{package}" replaced by the import package name.
PACKAGE_TEMPLATES = {
    "package/__init__.py.jinja": "{package}/__init__.py",
    "package/_client.py.jinja": "{package}/_client.py",
    "package/_version.py.jinja": "{package}/_version.py",
    "pyproject.toml.jinja": "pyproject.toml",
    "README.md.jinja": "README.md",
}
# The resources layout adds a package of resource modules, one rendering per resource.
RESOURCES_INIT_TEMPLATE = ("package/resources/__init__.py.jinja", "{package}/resources/__init__.py")
RESOURCE_TEMPLATE = ("package/resource.py.jinja", "{package}/resources/{module}.py")


def method_docstring(op: Operation, raw: bool = False) -> str:
    """The escaped docstring body of an operation method, indented for a method body."""
    summary = oneline(op.summary) or f"{op.method} {op.path}"
    sections = [summary]
    if op.deprecated:
        sections.append("Deprecated: the spec marks this operation as deprecated.")
    if op.description.strip() and op.description.strip() != op.summary.strip():
        sections.append(op.description.strip())
    documented = [(p.python_name, p.description) for p in op.path_parameters if p.description]
    if op.body is not None and op.body.description:
        documented.append(("body", op.body.description))
    documented += [(p.python_name, p.description) for p in op.other_parameters if p.description]
    if documented:
        lines = ["Args:"]
        for name, text in documented:
            first, *rest = text.strip().splitlines() or [""]
            lines.append(f"    {name}: {first}")
            lines.extend(f"        {line}" if line.strip() else "" for line in rest)
        sections.append("\n".join(lines))
    if raw:
        sections.append("Returns an `APIResponse`: status, headers, and `.parse()` for the body.")
    elif op.paging is not None:
        sections.append(
            "Returns the first page (`.data`, `.total_count`, `.get_next_page()`; async: await it). "
            "Iterating it (async: `async for`) yields every item, fetching later pages as they are needed."
        )
    elif op.streams:
        sections.append("Returns the body unread, as a stream: use it as a context manager and iterate its lines.")
    sections.append(f"`{op.method} {op.path}`")
    body = docstring("\n\n".join(sections))
    return "\n".join(f"        {line}" if line.strip() else "" for line in body.split("\n")).lstrip()


def resource_docstring(resource: Resource) -> str:
    """One line for a resource: its tag's description, else what it groups."""
    first = oneline(resource.description.strip().split("\n\n")[0]) if resource.description.strip() else ""
    return docstring(first or f"Operations on {oneline(resource.title)}.")


# Compiling the templates is a tenth of a small generation; jinja keeps the compiled code in
# its per-user temporary directory (created private, refused if anyone else owns it), keyed
# by each template's file and checked against its source, so an edited template recompiles.
# The prefix keeps our entries apart from other programs' compiled with other settings.
_COMPILED = jinja2.FileSystemBytecodeCache(pattern="kinbox-generator-%s.cache")


def environment(custom_templates: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(TEMPLATES)]
    if custom_templates is not None:
        loaders.insert(0, jinja2.FileSystemLoader(custom_templates))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - the output is Python, TOML and Markdown, not HTML; see the filters
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_COMPILED,
    )
    env.filters.update(
        pystr=pystr,
        docstring=docstring,
        oneline=oneline,
        md_cell=md_cell,
        md_code=md_code,
        toml_str=toml_str,
        seconds=seconds,
        percent=percent,
    )
    env.globals.update(
        header=GENERATED_HEADER, method_docstring=method_docstring, resource_docstring=resource_docstring
    )
    return env


def render_package(api: Api, custom_templates: Path | None = None) -> dict[str, str]:
    """Relative path -> text for every templated file of the package."""
    env = environment(custom_templates)
    rendered = {
        output.format(package=api.package): env.get_template(template).render(api=api)
        for template, output in PACKAGE_TEMPLATES.items()
    }
    if api.resources:
        template, output = RESOURCES_INIT_TEMPLATE
        rendered[output.format(package=api.package)] = env.get_template(template).render(api=api)
        template, output = RESOURCE_TEMPLATE
        for resource in api.resources:
            path = output.format(package=api.package, module=resource.attribute)
            rendered[path] = env.get_template(template).render(api=api, resource=resource)
    return rendered
