"""The whole pipeline: spec -> load/validate -> models -> IR -> templates -> ruff -> package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version as installed_version
from pathlib import Path

from . import __version__
from .codegen import models_worker
from .codegen.build import build_api
from .codegen.facts import RUNTIME
from .codegen.formatting import format_python, ruff_version
from .codegen.ir import Api
from .codegen.models import GeneratedModels, generate_models
from .codegen.models_worker import ModelsWorker
from .codegen.module_paths import check_module_paths
from .codegen.output import MANIFEST, compare_output, manifest_text, write_output
from .codegen.render import render_package
from .errors import Diagnostic, GeneratorError
from .evolution.changelog import history_files
from .naming import is_package_name
from .settings import LayoutChoice
from .spec.background import load_in_background
from .spec.loader import Spec, load_bytes, parse_draft, read_spec, validate_draft
from .stack import deep_call, heap_frozen

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
    options = _Options(package, package_version, templates, layout, skip_unsupported, progress, previous, today)
    worker = models_worker.claim()
    if worker is not None:
        return _generate_beside(worker, spec_path, lenient, options)
    loading = load_in_background(spec_path, lenient=lenient)
    try:
        spec = loading.spec
        generated = _generate_from(spec, lambda: _models_here(spec, package), options)
        spec = loading.settle()
    except Exception:
        loading.settle()  # an invalid spec is the first thing a sequential run reports
        raise
    finally:
        loading.close()
    return Generated(api=generated.api, files=generated.files, warnings=(*spec.warnings, *generated.warnings))


def _generate_beside(worker: ModelsWorker, spec_path: Path, lenient: bool, options: _Options) -> Generated:
    """With `models_worker`'s process making the models: this one validates meanwhile, so the
    errors come first, as in a sequential run."""
    try:
        raw = read_spec(spec_path)
        if lenient:  # the repairs follow the validator's errors: the models must wait for them
            spec = load_bytes(raw, spec_path, lenient=True)
            draft_document = spec.document
        else:
            try:
                draft = parse_draft(raw, spec_path)
            except GeneratorError:
                load_bytes(raw, spec_path)  # raises the same error, with the lenient hint
                raise
            draft_document = draft.document
    except BaseException:
        worker.close()
        raise
    pending = worker.submit(
        draft_document, spec_path, options.package, fallback=lambda: _models_here(spec, options.package)
    )
    try:
        if not lenient:
            spec = validate_draft(draft)
        generated = _generate_from(spec, pending.result, options)
    finally:
        pending.cancel()
    return Generated(api=generated.api, files=generated.files, warnings=(*spec.warnings, *generated.warnings))


def _models_here(spec: Spec, package: str) -> GeneratedModels:
    with heap_frozen():
        return generate_models(spec.document, spec.path, package)


@dataclass(frozen=True, slots=True)
class _Options:
    """What shapes the package besides the spec, as `generate_package` was given it."""

    package: str
    package_version: str | None
    templates: Path | None
    layout: LayoutChoice
    skip_unsupported: bool
    progress: Progress
    previous: Path | None
    today: dt.date | None


def _generate_from(spec: Spec, make_models: Callable[[], GeneratedModels], options: _Options) -> Generated:
    """Every stage after loading; the warnings are the later stages' own."""
    package, progress = options.package, options.progress
    schemas = spec.openapi.components("schemas")
    progress(f"generating models for {len(schemas)} schemas (datamodel-code-generator)")
    models = make_models()
    check_module_paths(models, spec, package)
    progress("building the client")
    api, build_warnings = build_api(
        spec,
        models,
        package=package,
        package_version=options.package_version,
        layout=options.layout,
        skip_unsupported=options.skip_unsupported,
    )
    progress(f"rendering {len(api.operations)} operations ({api.layout} layout)")
    sources: dict[str, str] = {f"{package}/{name}": text for name, text in models.files.items()}
    sources.update(render_package(api, options.templates))
    progress(f"formatting {sum(name.endswith('.py') for name in sources)} Python files (ruff)")
    formatted = format_python(sources)
    files = {name: text.encode("utf-8") for name, text in formatted.items()}
    # Copied as they are: generator/runtime/ruff.toml keeps them formatted as the output is.
    files.update({f"{package}/_runtime/{module.name}": module.read_bytes() for module in sorted(RUNTIME.glob("*.py"))})
    files[f"{package}/py.typed"] = b""
    history, history_warnings = history_files(
        spec,
        distribution=api.distribution,
        version=api.package_version,
        previous=options.previous,
        today=options.today or dt.datetime.now(dt.UTC).date(),
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


def write_package(generated: Generated, out_dir: Path) -> None:
    write_output(out_dir, generated.files)


def check_package(generated: Generated, out_dir: Path) -> list[str]:
    return compare_output(out_dir, generated.files)
