"""Versions: the PEP 440 version a spec's `info.version` gives the package, and how far it moved.

Generation (`codegen`) versions the package with it and spec evolution (`evolution`) judges
a change by it, so both read `info.version` through these functions and agree on what pip sees.
"""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum

from packaging.version import InvalidVersion, Version

from .errors import Diagnostic, GeneratorError


class Labelled(IntEnum):
    @property
    def label(self) -> str:
        """The name as reports show it: "breaking", "major", ..."""
        return self.name.lower()


class Bump(Labelled):
    """How far `info.version` moved, comparable with `evolution.rules.Level`: a BREAKING change needs MAJOR."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


def package_version(info_version: str, override: str | None, warnings: list[Diagnostic]) -> str:
    """The package's PEP 440 version: `override`, else `info.version` (converted, with a note, if need be)."""
    if override is not None:
        try:
            return str(Version(override))
        except (InvalidVersion, ValueError):  # ValueError: a number longer than int() converts
            raise GeneratorError(Diagnostic(f"--package-version {_shown(override)} is not a PEP 440 version")) from None
    try:
        return str(Version(info_version))
    except InvalidVersion:
        derived = nearest_pep440(info_version)
        warnings.append(
            Diagnostic(
                f"info.version {_shown(info_version)} is not a PEP 440 version; the package is versioned {derived} "
                "(pass --package-version to choose)",
                pointer="/info/version",
            )
        )
        return derived


def _shown(text: str, limit: int = 40) -> str:
    """`text` quoted, its middle elided when long, so the message around it stays readable."""
    return repr(text) if len(text) <= limit else repr(text[: limit // 2]) + "…" + repr(text[-limit // 2 :])


def nearest_pep440(text: str) -> str:
    """'1.0.27-SNAPSHOT' -> '1.0.27.dev0', '2020-08-27' -> '2020.8.27', '１.０' -> '1.0', else '0.0.0'."""
    text = ascii_digits(text)
    dated = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text, re.ASCII)
    if dated:
        return ".".join(str(int(part)) for part in dated.groups())
    release = re.match(r"\s*v?(\d+(?:\.\d+)*)", text, re.ASCII)
    if release is None:
        return "0.0.0"
    return release.group(1) + (".dev0" if "snapshot" in text.lower() else "")


def ascii_digits(text: str) -> str:
    """Decimal digits of any script (fullwidth `１`, Arabic-Indic `١`) as ASCII ones: pip reads only those."""
    return "".join(str(unicodedata.decimal(char)) if not char.isascii() and char.isdecimal() else char for char in text)


def version_bump(old: str, new: str) -> Bump:
    """MAJOR for 1.4.2 -> 2.0.0, MINOR for -> 1.5.0, PATCH for -> 1.4.3, NONE when not higher."""
    before, after = _release(old), _release(new)
    if after <= before:
        return Bump.NONE
    a, b = (*after.release, 0, 0)[:3], (*before.release, 0, 0)[:3]
    if a[0] > b[0]:
        return Bump.MAJOR
    if a[:2] > b[:2]:
        return Bump.MINOR
    return Bump.PATCH if a > b else Bump.NONE  # 2.0.0rc1 -> 2.0.0 releases what rc1 promised


def _release(text: str) -> Version:
    """The version the package would get, so the diff judges what pip sees."""
    try:
        return Version(text)
    except InvalidVersion:
        return Version(nearest_pep440(text))
