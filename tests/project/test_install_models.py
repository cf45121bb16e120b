"""Every package installs into a fresh virtualenv and imports: the dependencies its
`pyproject.toml` declares cover everything its models import (`codegen/requirements.py`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.codegen.requirements import PYDANTIC_EMAIL, RUNTIME_REQUIREMENTS, package_requirements
from generator.pipeline import generate_package, write_package
from tests.generator.test_corpus import CORPUS
from tests.helpers import corpus_spec
from tests.project.test_install import fresh_venv, install, run

EMAIL = """
openapi: 3.0.3
info: {title: Mail, version: "1.0.0"}
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters: [{name: id, in: path, required: true, schema: {type: string, format: ulid}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/User"}}}
components:
  schemas:
    User:
      type: object
      required: [email, id]
      properties:
        email: {type: string, format: email}
        id: {type: string, format: ulid}
"""

CHECK_EMAIL = """
import json, sys
from pydantic import ValidationError
from mail.models import User
user = User.model_validate({"email": "ana@example.com", "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"})
try:
    User.model_validate({"email": "not an address", "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"})
except ValidationError:
    print(json.dumps([user.email, str(user.id), "refused"]))
"""


def installed_and_imported(spec: Path, package: str, tmp_path: Path, script: str) -> str:
    out = tmp_path / "out"
    write_package(generate_package(spec, package=package), out)
    python = fresh_venv(tmp_path / "env")
    install(python, out)
    return run(python, "-c", script, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})


def test_requirements_follow_what_the_models_import() -> None:
    plain = "from pydantic import BaseModel\nfrom .._runtime import JsonInt\n"
    assert package_requirements([plain]) == RUNTIME_REQUIREMENTS
    email = "from pydantic import BaseModel, EmailStr\n"
    assert package_requirements([plain, email]) == ("httpx>=0.27,<1", PYDANTIC_EMAIL)
    assert package_requirements(["from ulid import ULID\n"])[2:] == ("python-ulid>=2,<5",)


@pytest.mark.slow
def test_a_package_with_email_and_ulid_fields_installs_and_validates(
    tmp_path: Path, write_spec: Callable[[str, str], Path]
) -> None:
    # `format: email` becomes pydantic's EmailStr, which needs email-validator at import.
    output = installed_and_imported(write_spec(EMAIL, "mail.yaml"), "mail", tmp_path, CHECK_EMAIL)
    assert json.loads(output) == ["ana@example.com", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "refused"]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CORPUS))
def test_corpus_package_installs_into_a_fresh_virtualenv_and_imports(name: str, tmp_path: Path) -> None:
    package = CORPUS[name][0]
    output = installed_and_imported(
        corpus_spec(name), package, tmp_path, f"import {package}, {package}.models, sys; print(sys.prefix)"
    )
    assert output.strip() == str(tmp_path / "env"), "imported from somewhere other than the fresh virtualenv"
    assert sys.prefix != output.strip()
