"""The generated package's dependencies: its runtime's, plus what its models import.

datamodel-code-generator maps some string formats to types whose validation lives in another
distribution: `format: email` becomes pydantic's `EmailStr` (which needs `email-validator`,
pydantic's `email` extra) and `format: ulid` becomes `ulid.ULID` (python-ulid). With the
options pinned in `models.DMCG_OPTIONS` those are the only imports outside the standard
library, pydantic and the package itself; `tests/project/test_install.py` installs every corpus
package into a fresh virtualenv, which is what would catch a new one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

PYDANTIC = "pydantic>=2.14,<3"
PYDANTIC_EMAIL = "pydantic[email]>=2.14,<3"
RUNTIME_REQUIREMENTS = ("httpx>=0.27,<1", PYDANTIC)

# (module, name) a model may import -> the requirement that makes it work.
IMPORT_REQUIREMENTS: dict[tuple[str, str], str] = {
    ("pydantic", "EmailStr"): PYDANTIC_EMAIL,
    ("pydantic", "NameEmail"): PYDANTIC_EMAIL,
    ("ulid", "ULID"): "python-ulid>=2,<5",
}


def package_requirements(model_sources: Iterable[str]) -> tuple[str, ...]:
    """The `dependencies` of the generated pyproject.toml, in a stable order."""
    needed = {IMPORT_REQUIREMENTS[found] for found in _imports(model_sources) if found in IMPORT_REQUIREMENTS}
    requirements = list(RUNTIME_REQUIREMENTS)
    if PYDANTIC_EMAIL in needed:
        # An extra of the same distribution replaces the plain requirement: one line per name.
        requirements[requirements.index(PYDANTIC)] = PYDANTIC_EMAIL
    requirements.extend(sorted(needed - set(requirements)))
    return tuple(requirements)


_NAMES = frozenset(name for _, name in IMPORT_REQUIREMENTS)


def _imports(sources: Iterable[str]) -> set[tuple[str, str]]:
    """The `from module import name`s of the sources that could import a name above: parsing
    every model module of a large spec (Stripe's 2 MB) would take a second."""
    found: set[tuple[str, str]] = set()
    for source in sources:
        if not any(name in source for name in _NAMES):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.update((node.module, alias.name) for alias in node.names)
    return found
