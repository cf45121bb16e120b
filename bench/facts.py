"""What the figures were measured on: date, machine, load and the versions of everything compared."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import subprocess
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from .core import ROOT


def today() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return "unknown"


def load_average() -> str:
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine() -> str:
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu_model()}), "
        f"{memory_gb()} RAM, Python {platform.python_version()}"
    )


def package(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def tool_output(command: Sequence[str]) -> str:
    """The first line a tool prints about its version, or why there is none."""
    if shutil.which(command[0]) is None and not Path(command[0]).exists():
        return "not available"
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"not available ({exc.__class__.__name__})"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def version_in(command: Sequence[str]) -> str:
    """Just the version in a tool's banner (`openapi-python-client version: 0.29.1`, `wrk debian/4.1.0 [epoll] ...`)."""
    banner = tool_output(command)
    match = re.search(r"(?:version:?\s+|^\S+\s+)v?(\S*\d\S*)", banner)
    return match.group(1) if match else banner


def git_commit() -> str:
    git = shutil.which("git")
    if git is None:
        return "unknown"
    done = subprocess.run(
        [git, "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"
