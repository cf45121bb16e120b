"""The generated package as another team gets it: a wheel in a fresh virtualenv."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tests.helpers import GENERATED, VERSION, QuietHandler, http_server
from tests.support import TOKEN, contact_json

SNIPPET = """
import asyncio
from kinbox_client import KinboxClient, AsyncKinboxClient
from kinbox_client.models import ContactUpdate, Contact

with KinboxClient(token=TOKEN) as client:                 # base_url from KINBOX_BASE_URL
    contact: Contact = client.update_contact(1001, ContactUpdate(name="Ana"))
    print(contact.id, contact.name, contact.email)

async def main() -> None:
    async with AsyncKinboxClient(token=TOKEN, base_url=BASE_URL) as client:
        contact = await client.update_contact(1001, ContactUpdate(email=None))
        print(contact.id, contact.name, contact.email)

asyncio.run(main())
"""


class ContactServer(QuietHandler):
    """A small real HTTP server implementing PATCH /v3/contacts/{id} for one contact."""

    store: ClassVar[dict[str, dict[str, object]]] = {}

    def do_PATCH(self) -> None:
        contact_id = self.path.rsplit("/", 1)[-1]
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.answer(401, {"message": "A valid bearer token is required."})
        if not self.path.startswith("/v3/contacts/") or contact_id not in self.store:
            return self.answer(404, {"message": f"Contact {contact_id} was not found."})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.store[contact_id].update(body)
        return self.answer(200, self.store[contact_id])

    def answer(self, status: int, body: object) -> None:
        self.reply(status, "application/json", json.dumps(body).encode())


@pytest.fixture
def server() -> Iterator[str]:
    ContactServer.store = {"1001": contact_json("1001", name="Old", email="old@example.com")}
    with http_server(ContactServer) as url:
        yield url


def run(*command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def fresh_venv(path: Path) -> Path:
    """A new virtualenv with pip; uv makes it fast where available, venv works everywhere."""
    uv = shutil.which("uv")
    if uv:
        run(uv, "venv", "--quiet", "--seed", "--python", sys.executable, path)
    else:
        run(sys.executable, "-m", "venv", path)
    return path / "bin" / "python"


def install(python: Path, *requirements: str | Path) -> None:
    uv = shutil.which("uv")
    if uv:
        run(uv, "pip", "install", "--quiet", "--python", python, *requirements)
    else:
        run(python, "-m", "pip", "install", "--quiet", *requirements)


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_virtualenv_and_works_against_a_server(tmp_path: Path, server: str) -> None:
    source = tmp_path / "src"
    shutil.copytree(GENERATED, source, ignore=shutil.ignore_patterns("__pycache__"))
    builder = fresh_venv(tmp_path / "build-env")
    run(builder, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp_path / "dist", source)
    (wheel,) = (tmp_path / "dist").glob(f"kinbox_client-{VERSION}-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "kinbox_client/py.typed" in names
    assert "kinbox_client/_runtime/_client.py" in names
    assert not any(name.startswith("generator/") for name in names)

    python = fresh_venv(tmp_path / "user-env")
    install(python, wheel)
    installed = json.loads(run(python, "-m", "pip", "list", "--format", "json"))
    names_installed = {package["name"].lower() for package in installed}
    assert {"kinbox-client", "httpx", "pydantic"} <= names_installed
    assert not {"datamodel-code-generator", "jinja2", "ruff", "kinbox-contract-toolkit"} & names_installed

    script = tmp_path / "snippet.py"
    script.write_text(f"TOKEN = {TOKEN!r}\nBASE_URL = {server!r}\n{SNIPPET}", encoding="utf-8")
    output = run(python, script, cwd=tmp_path, env={"KINBOX_BASE_URL": server, "PATH": "/usr/bin:/bin"})
    assert output.splitlines() == ["1001 Ana old@example.com", "1001 Ana None"]
