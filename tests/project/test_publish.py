"""`nox -s build publish` against a real package index (pypiserver on 127.0.0.1 with htpasswd logins),
then `pip install kinbox-client==<version>` by name into a fresh virtualenv that calls the mock.

The nox sessions run in a copy of the files they read, so the checkout's dist/ is untouched.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from nox import options as nox_options

import noxfile
from contract_tests.mock import MockKinbox
from contract_tests.mock.serve import serve_in_thread
from generator.release.publish import simple_url
from tests.helpers import GENERATED, ROOT, QuietHandler, http_server
from tests.project.test_install import fresh_venv, run

USER, PASSWORD = "publisher", "index-secret-Xk2"
VERSION = tomllib.loads((GENERATED / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
FILES = {f"kinbox_client-{VERSION}-py3-none-any.whl", f"kinbox_client-{VERSION}.tar.gz"}
# What the sessions read: the noxfile, the pins, the generated package and the publishing code.
# The noxfile reads the settings of every golden record when it is loaded.
PROJECT_FILES = (
    "noxfile.py",
    "pyproject.toml",
    "constraints.txt",
    "tests/golden/baseline.toml",
    "generator/__init__.py",
)
PROJECT_DIRS = ("generated", "generator/release")


@dataclass(frozen=True)
class PackageIndex:
    url: str
    packages: Path

    def files(self) -> dict[str, str]:
        return {path.name: sha256(path) for path in self.packages.iterdir()}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def package_index(root: Path, fallback: str | None = None) -> Iterator[PackageIndex]:
    """pypiserver with one login; projects it lacks redirect to `fallback` (default: PyPI)."""
    packages = root / "index-packages"
    packages.mkdir()
    # Apache's {SHA} scheme, which pypiserver reads through passlib: test logins, not a store.
    digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
    (root / "htpasswd").write_text(f"{USER}:{{SHA}}{digest}\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "pypiserver", "run", "--host", "127.0.0.1", "--port", str(port),
            "--passwords", str(root / "htpasswd"), "--authenticate", "update",
            *(["--fallback-url", fallback] if fallback else []), str(packages),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}health", timeout=1).close()
                break
            except (urllib.error.URLError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("pypiserver did not start") from None
                time.sleep(0.1)
        yield PackageIndex(url, packages)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def index(tmp_path: Path) -> Iterator[PackageIndex]:
    with package_index(tmp_path) as started:
        yield started


class Decoy(QuietHandler):
    """Another index, listing a kinbox-client of this version with other bytes, that notes logins."""

    logins: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        if "Authorization" in self.headers:
            self.logins.append(self.headers["Authorization"])
        wheel = sorted(FILES)[1]
        self.reply(200, "text/html", f'<a href="/files/{wheel}#sha256={"0" * 64}">{wheel}</a>'.encode())


@pytest.fixture
def decoy() -> Iterator[str]:
    Decoy.logins = []
    with http_server(Decoy) as url:
        yield f"{url}/simple/"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in PROJECT_FILES:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def nox(project: Path, *sessions: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {name: value for name, value in os.environ.items() if not name.startswith(("TWINE_", "SOURCE_DATE"))}
    return subprocess.run(
        [sys.executable, "-m", "nox", "--envdir", str(project.parent / "nox-envs"), "-s", *sessions],
        cwd=project,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def built(project: Path) -> dict[str, str]:
    return {path.name: sha256(path) for path in (project / "dist").iterdir()}


@pytest.mark.slow
def test_publish_then_install_by_name_from_the_index(index: PackageIndex, project: Path, tmp_path: Path) -> None:
    twine = {"TWINE_REPOSITORY_URL": index.url, "TWINE_USERNAME": USER, "TWINE_PASSWORD": PASSWORD}
    first = nox(project, "build", "publish", env=twine)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    assert PASSWORD not in first.stdout + first.stderr
    published = index.files()
    assert set(published) == FILES
    assert published == built(project)

    # Same spec, same bytes: another build (other file times, no SOURCE_DATE_EPOCH) publishes nothing.
    for path in (project / "generated").rglob("*"):
        os.utime(path, (1_800_000_000, 1_800_000_000))
    again = nox(project, "build", "publish", env=twine)
    assert again.returncode == 0, again.stdout[-4000:] + again.stderr[-4000:]
    assert "with the same bytes: nothing to upload" in again.stdout + again.stderr
    assert built(project) == published
    assert index.files() == published

    # SOURCE_DATE_EPOCH is honoured: other bytes for the same version, which publish refuses.
    other = nox(project, "build", "publish", env={**twine, "SOURCE_DATE_EPOCH": "1700000000"})
    assert other.returncode != 0
    assert set(built(project)) == FILES
    assert built(project).keys() == published.keys()
    assert all(built(project)[name] != published[name] for name in FILES)
    output = other.stdout + other.stderr
    assert f"refusing to publish kinbox-client {VERSION}" in output
    assert all(name in output for name in FILES)
    assert PASSWORD not in output
    assert index.files() == published

    # Another team's machine: a fresh virtualenv, the package by name and version from the index
    # (its dependencies come through pypiserver's redirect to PyPI), then a call to the mock.
    python = fresh_venv(tmp_path / "user-env")
    run(python, "-m", "pip", "install", "--quiet", f"kinbox-client=={VERSION}", "--index-url", f"{index.url}simple/")
    with serve_in_thread(MockKinbox(token="team-token")) as url:
        output = run(
            python,
            "-c",
            "from kinbox_client import KinboxClient\n"
            "from kinbox_client.models import ContactUpdate\n"
            f"with KinboxClient(token='team-token', base_url={url!r}) as client:\n"
            "    print(client.update_contact(1001, ContactUpdate(name='Ana')).name)\n",
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin"},
        )
    assert output.strip() == "Ana"


@pytest.mark.slow
def test_publish_needs_the_index_and_its_login_and_reads_only_that_index(
    project: Path, tmp_path: Path, decoy: str
) -> None:
    unset = nox(project, "build", "publish", env={})
    assert unset.returncode != 0
    assert "set TWINE_REPOSITORY_URL" in unset.stdout + unset.stderr
    # pypiserver sends a project it lacks to its fallback index, here one listing other bytes for
    # this version: publish must neither take that page for this index's nor send it the login.
    with package_index(tmp_path, fallback=decoy) as index:
        twine = {"TWINE_REPOSITORY_URL": index.url, "TWINE_USERNAME": USER}
        wrong = nox(project, "publish", env={**twine, "TWINE_PASSWORD": "nope-7"})
        assert wrong.returncode != 0
        assert "nope-7" not in wrong.stdout + wrong.stderr
        assert index.files() == {}
        right = nox(project, "publish", env={**twine, "TWINE_PASSWORD": PASSWORD})
        assert right.returncode == 0, right.stdout[-4000:] + right.stderr[-4000:]
        assert index.files() == built(project)
    assert Decoy.logins == []


@pytest.mark.parametrize(
    ("upload", "page"),
    [
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/simple/kinbox-client/"),
        ("https://upload.pypi.org/legacy/", "https://pypi.org/simple/kinbox-client/"),
        ("https://test.pypi.org/legacy/", "https://test.pypi.org/simple/kinbox-client/"),
        (
            "https://nexus.example/repository/pypi-internal/",
            "https://nexus.example/repository/pypi-internal/simple/kinbox-client/",
        ),
        ("https://u@devpi.example:3141/team/prod", "https://u@devpi.example:3141/team/prod/simple/kinbox-client/"),
    ],
)
def test_the_simple_page_is_read_where_the_upload_url_points(upload: str, page: str) -> None:
    assert simple_url(upload, "kinbox-client") == page


def test_build_and_publish_are_sessions_outside_the_test_gate() -> None:
    """`python -m nox` (CI) never uploads anything: publishing is a release step someone runs."""
    assert callable(noxfile.build)
    assert callable(noxfile.publish)
    assert not {"build", "publish"} & set(nox_options.sessions or ())
