"""Upload the built kinbox-client to a package index with twine, never replacing a published version.

    python -m generator.release.publish dist/

Configured only by twine's own variables: TWINE_REPOSITORY_URL (the upload URL),
TWINE_USERNAME and TWINE_PASSWORD. Before uploading it reads the index's simple page for the
project (PEP 503; the upload URL without its `legacy/` part, plus `simple/`) and compares
the files of this version byte for byte (sha256):

- none there: every file is uploaded;
- all there with the same bytes: nothing to do (a re-run after a partial failure uploads
  only what is missing);
- any there with other bytes, or a file of this version this build did not make: refused,
  exit 1, since users who pinned the version would get different code depending on when
  they installed. Bump `info.version` in the spec instead.

Exit 2 when it cannot decide: no TWINE_REPOSITORY_URL, no built files, an index it cannot read.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from http.client import HTTPMessage
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit, urlunsplit

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

PUBLISHED, REFUSED, CANNOT_DECIDE = 0, 1, 2
TIMEOUT = 30.0
# Upload hosts whose simple index lives on another host.
SIMPLE_HOSTS = {"upload.pypi.org": "pypi.org"}


class PublishError(Exception):
    """A reason to stop before uploading anything (exit 2)."""


@dataclass(frozen=True)
class Artifact:
    """A distribution file of one project version, here or on the index."""

    filename: str
    sha256: str | None  # None: the index gave no hash, so it must be downloaded to compare
    url: str = ""


def distribution(filename: str) -> tuple[str, Version] | None:
    """(canonical project name, version) of a wheel or sdist file name; None for anything else."""
    try:
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
        elif filename.endswith((".tar.gz", ".zip")):
            name, version = parse_sdist_filename(filename)
        else:
            return None
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None
    return canonicalize_name(name), version


def local_artifacts(dist: Path) -> tuple[str, Version, list[Path]]:
    """The project, version and files in `dist`: exactly one version of one project."""
    if not dist.is_dir():
        raise PublishError(f"{dist}: no such directory (run `nox -s build` first)")
    found = {path: distribution(path.name) for path in sorted(dist.iterdir()) if path.is_file()}
    built = {path: parsed for path, parsed in found.items() if parsed is not None}
    releases = set(built.values())
    if not releases:
        raise PublishError(f"{dist}: no wheel or sdist to publish (run `nox -s build` first)")
    if len(releases) > 1:
        names = ", ".join(f"{name} {version}" for name, version in sorted(releases))
        raise PublishError(f"{dist}: holds more than one release ({names}); publish one at a time")
    ((name, version),) = releases
    return name, version, list(built)


def simple_url(upload_url: str, project: str) -> str:
    """The PEP 503 page of `project` on the index that `upload_url` uploads to."""
    parts = urlsplit(upload_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublishError(f"TWINE_REPOSITORY_URL must be an http:// or https:// URL, not {upload_url!r}")
    path = parts.path.rstrip("/")
    path = path.removesuffix("/legacy")
    netloc = parts.netloc.replace(parts.hostname, SIMPLE_HOSTS.get(parts.hostname, parts.hostname), 1)
    return urlunsplit((parts.scheme, netloc, f"{path}/simple/{project}/", "", ""))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects within the index only. pypiserver redirects a project it lacks to PyPI:
    that page is another index's, and must not get the index's login."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).netloc != urlsplit(req.full_url).netloc:
            return None  # urllib raises the redirect as an HTTPError
        return super().redirect_request(req, fp, code, msg, headers, newurl)


REDIRECTS = (301, 302, 303, 307, 308)


class Index:
    """Read access to one index, with twine's credentials (private indexes need them to read too),
    sent to that index's host only."""

    def __init__(self, page_url: str, env: Mapping[str, str]) -> None:
        self.page_url = page_url
        self._netloc = urlsplit(page_url).netloc
        self._opener = urllib.request.build_opener(_SameHostRedirects)
        username, password = env.get("TWINE_USERNAME"), env.get("TWINE_PASSWORD")
        self._login = (
            "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode() if username and password else None
        )

    def get(self, url: str) -> bytes | None:
        """The body at `url`; None for a 404 or a redirect to another host (a project this index lacks)."""
        headers = {"Accept": "text/html", "User-Agent": "kinbox-release"}
        if self._login and urlsplit(url).netloc == self._netloc:
            headers["Authorization"] = self._login
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http(s) checked in simple_url
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as error:
            if error.code == 404 or error.code in REDIRECTS:
                return None
            raise PublishError(f"{url}: the index answered {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise PublishError(f"{url}: cannot read the index ({reason})") from None

    def artifacts(self, project: str, version: Version) -> list[Artifact]:
        """The files of `project` `version` listed on its simple page."""
        page_url = self.page_url
        page = self.get(page_url)
        if page is None:
            return []
        links = _Links()
        links.feed(page.decode("utf-8", errors="replace"))
        found = []
        for href in links.hrefs:
            url = urljoin(page_url, href)
            path, _, fragment = url.partition("#")
            filename = urlsplit(path).path.rsplit("/", 1)[-1]
            if distribution(filename) != (project, version):
                continue
            algorithm, _, digest = fragment.partition("=")
            found.append(Artifact(filename, digest.lower() if algorithm == "sha256" and digest else None, path))
        return found

    def sha256(self, artifact: Artifact) -> str:
        if artifact.sha256 is not None:
            return artifact.sha256
        body = self.get(artifact.url)
        if body is None:
            raise PublishError(f"{artifact.url}: listed by the index but not found")
        return hashlib.sha256(body).hexdigest()


def plan(files: Sequence[Path], remote: Sequence[Artifact], index: Index) -> tuple[list[Path], list[str]]:
    """(files to upload, conflicts): a conflict is a published file of this version with other bytes."""
    local = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    conflicts = []
    for artifact in remote:
        ours = local.get(artifact.filename)
        theirs = index.sha256(artifact)
        if ours is None:
            conflicts.append(f"{artifact.filename} (sha256 {theirs}) is on the index, and this build did not make it")
        elif ours != theirs:
            conflicts.append(f"{artifact.filename}: the index has sha256 {theirs}, this build {ours}")
    published = {artifact.filename for artifact in remote}
    return [path for path in files if path.name not in published], conflicts


def publish(dist: Path, env: Mapping[str, str]) -> int:
    upload_url = env.get("TWINE_REPOSITORY_URL")
    if not upload_url:
        raise PublishError("set TWINE_REPOSITORY_URL to the index's upload URL (and TWINE_USERNAME, TWINE_PASSWORD)")
    project, version, files = local_artifacts(dist)
    page = simple_url(upload_url, project)
    index = Index(page, env)
    uploads, conflicts = plan(files, index.artifacts(project, version), index)
    if conflicts:
        print(
            f"refusing to publish {project} {version}: {page} already has this version with other bytes:",
            *(f"  {conflict}" for conflict in conflicts),
            "A published version never changes; bump info.version in the spec and regenerate.",
            sep="\n",
            file=sys.stderr,
        )
        return REFUSED
    if not uploads:
        print(f"{project} {version} is already on {page} with the same bytes: nothing to upload")
        return PUBLISHED
    print(f"uploading {project} {version} to {upload_url}: {', '.join(path.name for path in uploads)}", flush=True)
    # twine reads TWINE_REPOSITORY_URL, TWINE_USERNAME and TWINE_PASSWORD itself.
    command = [sys.executable, "-m", "twine", "upload", "--non-interactive", "--disable-progress-bar"]
    done = subprocess.run([*command, *map(str, uploads)], env=dict(env), check=False)
    if done.returncode != 0:
        print(f"publish: twine upload failed (exit {done.returncode})", file=sys.stderr)
        return REFUSED
    return PUBLISHED


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.release.publish",
        description="Upload dist/ with twine (TWINE_REPOSITORY_URL, TWINE_USERNAME, TWINE_PASSWORD), "
        "refusing a version the index already has with other bytes.",
    )
    parser.add_argument("dist", type=Path, help="the directory `nox -s build` wrote (dist/)")
    arguments = parser.parse_args(argv)
    try:
        return publish(arguments.dist, os.environ)
    except PublishError as error:
        print(f"publish: {error}", file=sys.stderr)
        return CANNOT_DECIDE


if __name__ == "__main__":
    raise SystemExit(main())
