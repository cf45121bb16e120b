"""The whole pipeline: spec -> load/validate -> models -> IR -> templates -> ruff -> package."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version as installed_version
from pathlib import Path

from . import __version__
from .codegen.build import build_api
from .codegen.formatting import format_python, ruff_version
from .codegen.ir import Api
from .codegen.models import generate_models
from .codegen.module_paths import check_module_paths
from .codegen.output import MANIFEST, compare_output, manifest_text, write_output
from .codegen.render import render_package
from .errors import Diagnostic, GeneratorError
from .evolution.changelog import history_files
from .naming import is_package_name
from .settings import LayoutChoice
from .spec.background import load_in_background
from .spec.loader import Spec
from .stack import deep_call

RUNTIME = Path(__file__).parent / "runtime"

Progress = Callable[[str], None]
"""Told what the pipeline starts doing next (the CLI shows it on a terminal)."""


def _silent(stage: str) -> None:
    """The default progress: generating as a library says nothing."""


@dataclass(frozen=True, slots=True)
class Generated:
    """A package in memory: relative path -> bytes, plus what was noticed on the way."""

    api: Api
    files: dict[str, bytes]
    warnings: tuple[Diagnostic, ...]


def generate_package(
    spec_path: Path,
    *,
    package: str,
    package_version: str | None = None,
    templates: Path | None = None,
    layout: LayoutChoice = "auto",
    skip_unsupported: bool = False,
    lenient: bool = False,
    progress: Progress = _silent,
    previous: Path | None = None,
    today: dt.date | None = None,
) -> Generated:
    """Run every stage in memory; nothing is written.

    `previous` is the output directory as it stands: its spec copy and CHANGELOG.md are
    carried forward (see `generator.evolution.changelog`); `today` dates a new changelog entry.
    `lenient` repairs a third-party spec's forgivable mistakes with warnings (`generator.spec.lenient`).
    The stages run on a deep stack (`generator.stack`): they follow `$ref` chains recursively.
    """
    return deep_call(
        _generate_package,
        spec_path,
        package=package,
        package_version=package_version,
        templates=templates,
        layout=layout,
        skip_unsupported=skip_unsupported,
        lenient=lenient,
        progress=progress,
        previous=previous,
        today=today,
    )


def _generate_package(
    spec_path: Path,
    *,
    package: str,
    package_version: str | None,
    templates: Path | None,
    layout: LayoutChoice,
    skip_unsupported: bool,
    lenient: bool,
    progress: Progress,
    previous: Path | None,
    today: dt.date | None,
) -> Generated:
    if not is_package_name(package):
        raise GeneratorError(
            Diagnostic(f"--package {package!r} is not a valid lower-case Python package name (e.g. kinbox_client)")
        )
    progress(f"reading {spec_path}")
    loading = load_in_background(spec_path, lenient=lenient)
    try:
        generated = _generate_from(
            loading.spec,
            package=package,
            package_version=package_version,
            templates=templates,
            layout=layout,
            skip_unsupported=skip_unsupported,
            progress=progress,
            previous=previous,
            today=today,
        )
        spec = loading.settle()
    except Exception:
        loading.settle()  # an invalid spec is the first thing a sequential run reports
        raise
    finally:
        loading.close()
    return Generated(api=generated.api, files=generated.files, warnings=(*spec.warnings, *generated.warnings))


def _generate_from(
    spec: Spec,
    *,
    package: str,
    package_version: str | None,
    templates: Path | None,
    layout: LayoutChoice,
    skip_unsupported: bool,
    progress: Progress,
    previous: Path | None,
    today: dt.date | None,
) -> Generated:
    """Every stage after loading; the warnings are the later stages' own."""
    schemas = spec.openapi.components("schemas")
    progress(f"generating models for {len(schemas)} schemas (datamodel-code-generator)")
    with _heap_frozen():
        models = generate_models(spec.document, spec.path, package)
    check_module_paths(models, spec, package)
    progress("building the client")
    api, build_warnings = build_api(
        spec, models, package=package, package_version=package_version, layout=layout, skip_unsupported=skip_unsupported
    )
    progress(f"rendering {len(api.operations)} operations ({api.layout} layout)")
    sources: dict[str, str] = {f"{package}/{name}": text for name, text in models.files.items()}
    sources.update(render_package(api, templates))
    for module in sorted(RUNTIME.glob("*.py")):
        sources[f"{package}/_runtime/{module.name}"] = module.read_text(encoding="utf-8")
    progress(f"formatting {sum(name.endswith('.py') for name in sources)} Python files (ruff)")
    formatted = format_python(sources)
    files = {name: text.encode("utf-8") for name, text in formatted.items()}
    files[f"{package}/py.typed"] = b""
    history, history_warnings = history_files(
        spec,
        distribution=api.distribution,
        version=api.package_version,
        previous=previous,
        today=today or dt.datetime.now(dt.UTC).date(),
    )
    files.update(history)
    metadata: dict[str, object] = {
        "generator": __version__,
        "datamodel-code-generator": installed_version("datamodel-code-generator"),
        "ruff": ruff_version(),
        "spec": spec.path.name,
        "spec_sha256": spec.sha256,
        "package": package,
        "version": api.package_version,
    }
    files[MANIFEST] = manifest_text(metadata, files).encode("utf-8")
    return Generated(api=api, files=files, warnings=(*models.warnings, *build_warnings, *history_warnings))


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Keep the garbage collector's full passes off what already exists (the parsed document,
    above all) while datamodel-code-generator allocates: a tenth of a large spec's model
    generation went to traversing it again and again. Nothing is kept alive longer than the
    stage: `unfreeze` hands every object back to the collector."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def write_package(generated: Generated, out_dir: Path) -> None:
    write_output(out_dir, generated.files)


def check_package(generated: Generated, out_dir: Path) -> list[str]:
    return compare_output(out_dir, generated.files)
