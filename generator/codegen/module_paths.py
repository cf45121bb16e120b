"""Model modules whose paths no file system can hold, refused with the schema that names them.

datamodel-code-generator turns every dotted segment of a schema's name but the last into a
module (`com.example.Thing` -> `models/com/example.py`), so a spec can name a file of any
length or depth. Writing one fails deep in formatting with an OSError traceback; this check
runs on the generated models, before anything is written, so the previous output stays as it
was and the error names the schema, its line and what is too long. Refusing is deliberate:
a shortened or hashed module name would be an import path no reader of the spec could guess.
"""

from __future__ import annotations

from ..errors import Diagnostic, GeneratorError
from ..spec.loader import Spec
from ..spec.pointers import split_pointer
from .models import GeneratedModels

# A file or directory name: 255 bytes on Linux and macOS file systems (NAME_MAX).
MAX_NAME_BYTES = 255
# A module's path inside the output directory. The whole path may be 4096 bytes (PATH_MAX) on
# Linux; this leaves most of it to wherever the output directory itself is.
MAX_PATH_BYTES = 1024
_SHOWN = 40  # characters of an over-long name quoted in the message


def check_module_paths(models: GeneratedModels, spec: Spec, package: str) -> None:
    """Raise a located GeneratorError for each schema whose module path is too long to write."""
    origin = {component: inline for inline, component in models.lifted.items()}
    problems: list[Diagnostic] = []
    for schema, model in sorted(models.classes.items()):
        if not model.module:
            continue
        why = _too_long("/".join((package, "models", *model.module.split("."))) + ".py")
        if why is not None:
            name = split_pointer(schema)[-1]
            problems.append(Diagnostic(f"schema name {_shown(name)} makes {why}", pointer=origin.get(schema, schema)))
    if problems:
        raise GeneratorError(spec.locate(problems))


def _too_long(path: str) -> str | None:
    """What is too long in `path` (relative to the output directory), or None when it can be written."""
    for part in path.split("/"):
        size = len(part.encode("utf-8"))
        if size > MAX_NAME_BYTES:
            return (
                f"a module file or directory name of {size} bytes ({_shown(part)}); file systems allow "
                f"{MAX_NAME_BYTES}: shorten the dotted segment (every segment but the last names a module)"
            )
    size = len(path.encode("utf-8"))
    if size > MAX_PATH_BYTES:
        return (
            f"a module path of {size} bytes; at most {MAX_PATH_BYTES} are allowed: use fewer or shorter "
            "dotted segments (every segment but the last names a module)"
        )
    return None


def _shown(text: str) -> str:
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")
