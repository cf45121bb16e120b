"""CHANGELOG.md of the generated package: an entry per spec change, carried forward byte for
byte otherwise, and a breaking change refused without a new major version."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from generator.errors import GeneratorError
from generator.evolution.changelog import CHANGELOG
from generator.pipeline import check_package, generate_package, write_package
from tests.helpers import (
    ADD_NICKNAME,
    MAJOR,
    MINOR_BUMP,
    NEXT_MAJOR,
    NEXT_MINOR,
    NEXT_PATCH,
    PACKAGE,
    SHRINK_NAME,
    SPEC,
    VERSION,
    kinbox,
    run_generator,
)

FIRST_DAY, LATER, MUCH_LATER = dt.date(2026, 1, 2), dt.date(2026, 3, 4), dt.date(2027, 5, 6)
FIRST_ENTRY = f"## {VERSION} (2026-01-02)\n\nFirst entry: no earlier generation to compare with.\n"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A kinbox-client generated from the Kinbox spec on FIRST_DAY."""
    directory = tmp_path / "out"
    write_package(generate_package(SPEC, package=PACKAGE, today=FIRST_DAY), directory)
    return directory


def regenerate(spec: Path, out: Path, today: dt.date = LATER) -> str:
    """Generate `spec` over `out` as `generate` does, and return the new CHANGELOG.md."""
    write_package(generate_package(spec, package=PACKAGE, previous=out, today=today), out)
    return (out / CHANGELOG).read_text(encoding="utf-8")


def entries(changelog: str) -> str:
    return changelog[changelog.index("\n## ") + 1 :]


def test_first_generation_starts_the_changelog_and_keeps_the_spec(out: Path) -> None:
    changelog = (out / CHANGELOG).read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog of kinbox-client\n")
    assert entries(changelog) == FIRST_ENTRY
    assert (out / "openapi.yaml").read_bytes() == SPEC.read_bytes()


def test_an_unchanged_spec_changes_nothing_on_any_day(out: Path) -> None:
    before = (out / CHANGELOG).read_bytes()
    assert check_package(generate_package(SPEC, package=PACKAGE, previous=out, today=MUCH_LATER), out) == []
    assert regenerate(SPEC, out, MUCH_LATER).encode("utf-8") == before


def test_a_new_optional_field_adds_a_minor_entry(tmp_path: Path, out: Path) -> None:
    spec = kinbox(tmp_path / "v1.1", ADD_NICKNAME, MINOR_BUMP)
    assert entries(regenerate(spec, out)) == (
        f"## {NEXT_MINOR} (2026-03-04)\n\n"
        "Compared with the spec of the previous generation: 0 breaking, 2 minor, 0 patch; "
        f"info.version {VERSION} -> {NEXT_MINOR} (minor bump, minor needed).\n\n"
        "### Compatible changes (minor)\n\n"
        "- ContactCreate.nickname added, optional (`new-optional-request-property` at "
        "`#/components/schemas/ContactCreate/properties/nickname`)\n"
        "- ContactUpdate.nickname added, optional (`new-optional-request-property` at "
        "`#/components/schemas/ContactUpdate/properties/nickname`)\n\n" + FIRST_ENTRY
    )
    assert (out / "openapi.yaml").read_bytes() == spec.read_bytes()
    # The entry keeps its date: --check on a later day finds the output up to date.
    assert check_package(generate_package(spec, package=PACKAGE, previous=out, today=MUCH_LATER), out) == []
    result = run_generator("generate", spec, "--out", out, "--package", PACKAGE, "--check")
    assert result.returncode == 0, result.stderr


def test_a_breaking_change_with_a_major_bump_is_written(tmp_path: Path, out: Path) -> None:
    changelog = regenerate(kinbox(tmp_path / "v2", SHRINK_NAME, MAJOR), out)
    assert entries(changelog).startswith(
        f"## {NEXT_MAJOR} (2026-03-04)\n\n"
        "Compared with the spec of the previous generation: 2 breaking, 0 minor, 0 patch; "
        f"info.version {VERSION} -> {NEXT_MAJOR} (major bump, major needed).\n\n"
        "### Breaking changes (major)\n\n"
        "- ContactCreate.name: maxLength 128 -> 64 (`request-property-max-length-decreased` at "
        "`#/components/schemas/ContactCreate/properties/name/maxLength`)\n"
        "- ContactUpdate.name: maxLength 128 -> 64 (`request-property-max-length-decreased` at "
        "`#/components/schemas/ContactUpdate/properties/name/maxLength`)\n\n"
        f"## {VERSION}"
    )


def test_a_breaking_change_without_a_major_bump_is_refused(tmp_path: Path, out: Path) -> None:
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    spec = kinbox(tmp_path / "v1.1", SHRINK_NAME, MINOR_BUMP)
    result = run_generator("generate", spec, "--out", out, "--package", PACKAGE)
    assert result.returncode == 2
    max_length_line = spec.read_text(encoding="utf-8").splitlines().index("          maxLength: 64") + 1
    assert result.stderr.splitlines() == [
        f"error: {spec}:4 #/info/version: the spec breaks callers of the package generated from {out}/openapi.yaml, "
        f"but the version goes {VERSION} -> {NEXT_MINOR}: a breaking change needs a new major version (bump info.version, or "
        "pass --package-version)",
        # ContactCreate shares ContactUpdate's properties (a YAML alias): located where they are written.
        f"error: {spec}:{max_length_line} #/components/schemas/ContactCreate/properties/name/maxLength: breaking: "
        "ContactCreate.name: maxLength 128 -> 64 (request-property-max-length-decreased)",
        f"error: {spec}:{max_length_line} #/components/schemas/ContactUpdate/properties/name/maxLength: breaking: "
        "ContactUpdate.name: maxLength 128 -> 64 (request-property-max-length-decreased)",
    ]
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before


def test_a_change_without_a_big_enough_bump_is_written_with_a_warning(tmp_path: Path, out: Path) -> None:
    spec = kinbox(tmp_path / "same-version", ADD_NICKNAME)
    generated = generate_package(spec, package=PACKAGE, previous=out, today=LATER)
    [warning] = [w.render() for w in generated.warnings if "/info/version" in (w.pointer or "")]
    assert warning.endswith("give info.version a minor bump so callers can tell the packages apart")
    assert entries(generated.files[CHANGELOG].decode()).startswith(f"## {VERSION} (2026-03-04)\n\nCompared with")


def test_a_version_bump_alone_gets_an_entry(tmp_path: Path, out: Path) -> None:
    bump = (f"  version: {VERSION}\n", f"  version: {NEXT_PATCH}\n")
    changelog = regenerate(kinbox(tmp_path / "patch", bump), out)
    assert entries(changelog) == (
        f"## {NEXT_PATCH} (2026-03-04)\n\nThe contract did not change; the version went {VERSION} -> {NEXT_PATCH}.\n\n"
        + FIRST_ENTRY
    )


def test_a_lost_spec_copy_is_reported_not_papered_over(out: Path) -> None:
    (out / "openapi.yaml").unlink()
    with pytest.raises(GeneratorError, match="cannot continue the changelog: the spec it was last generated from"):
        generate_package(SPEC, package=PACKAGE, previous=out)


def test_a_json_spec_is_kept_as_json(tmp_path: Path) -> None:
    spec = tmp_path / "kinbox.json"
    spec.write_text(json.dumps(yaml.safe_load(SPEC.read_text(encoding="utf-8"))), encoding="utf-8")
    generated = generate_package(spec, package=PACKAGE, today=FIRST_DAY)
    assert generated.files["openapi.json"] == spec.read_bytes()
    assert "openapi.yaml" not in generated.files
