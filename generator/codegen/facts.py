"""The runtime's standard-library fact modules (`_kinds`, `_defaults`, `_exports`, `_rules`), for the generator.

The generator uses the runtime's own modules, so what it writes and what the runtime reads
cannot disagree. They are loaded from their files rather than imported as
`generator.runtime._kinds`: that import would first run `generator/runtime/__init__.py`,
which imports the whole HTTP runtime (httpx, pydantic models), about 0.1 s of every
generation spent on a few tables of constants. Registered under their real names, they are
the same module objects the runtime gets if it is imported later.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

RUNTIME = Path(__file__).parent.parent / "runtime"


def _load(name: str) -> ModuleType:
    qualified = f"generator.runtime.{name}"
    if qualified not in sys.modules:
        spec = importlib.util.spec_from_file_location(qualified, RUNTIME / f"{name}.py")
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {RUNTIME / name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        spec.loader.exec_module(module)
    return sys.modules[qualified]


if TYPE_CHECKING:
    from ..runtime import _defaults as defaults
    from ..runtime import _exports as exports
    from ..runtime import _kinds as kinds
    from ..runtime import _rules as rules
else:
    kinds, defaults, exports, rules = (_load(name) for name in ("_kinds", "_defaults", "_exports", "_rules"))

__all__ = ["defaults", "exports", "kinds", "rules"]
