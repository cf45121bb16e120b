"""The server contract suite has teeth, measured against an independent server over real HTTP.

`tests/contract/faulty_server` is a second, separately written implementation of Update Contact (it
imports nothing from `contract_tests`, as Kinbox's own server would not), with a catalogue of
injected faults and benign variants. One uvicorn subprocess serves every variant under its own
base path; each is then tested exactly as a user tests a live server: the three KINBOX_*
variables go through `Target.from_environment`, and `suite.run` judges it. A fault must be
killed by the properties its catalogue entry names; a benign variant must pass.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator

import pytest
import schemathesis.specs.openapi.checks  # noqa: F401 - registers the checks CHECKS lists
from schemathesis.checks import CHECKS

from contract_tests.concurrency import CONCURRENT_WRITES_KEPT
from contract_tests.mock.serve import module_process
from contract_tests.report import Report
from contract_tests.suite import Target, run
from contract_tests.target import SCOPE_UPDATE
from contract_tests.test_server_contract import OWN_PROPERTIES
from tests.contract.faulty_server import faults
from tests.contract.faulty_server.__main__ import READY_PREFIX
from tests.contract.faulty_server.catalogue import (
    BENIGN,
    BENIGN_VARIANTS,
    CATALOGUE,
    CORRECT,
    FAULT_CLASSES,
    FAULTS,
    KILLED,
    PASSES,
    Variant,
)
from tests.contract.faulty_server.server import KinboxServer
from tests.contract.faulty_server.table import BEGIN, END, render_table
from tests.helpers import ROOT

TOKEN = "teeth-token-5b1e"
CONTACT_ID = "1001"
MODE = "scratch"  # the contact is the server's own, reserved for this run
# The coverage phase and the suite's own probes are deterministic; random cases add variety.
# About 1,060 requests per variant (585 cases), 3-12 s each on two busy cores.
EXAMPLES = 25


@pytest.fixture(scope="module")
def faulty_servers() -> Iterator[str]:
    """`python -m tests.contract.faulty_server` in a subprocess; yields its base URL."""
    with module_process("tests.contract.faulty_server", READY_PREFIX, ["--token", TOKEN]) as (url, _):
        yield url


def run_live(base_url: str, variant: Variant) -> Report:
    """The suite against one variant, through the same path `nox -s contract` takes."""
    environment = {
        "KINBOX_BASE_URL": f"{base_url}/{variant.name}",
        "KINBOX_TOKEN": TOKEN,
        "KINBOX_CONTACT_ID": CONTACT_ID,
        "KINBOX_CONTRACT_MODE": MODE,
        "KINBOX_CONTRACT_SCOPE": SCOPE_UPDATE,  # the faulty server implements Update Contact only
    }
    target = Target.from_environment(environment)
    assert target is not None
    return run(target, examples=EXAMPLES)


def _param(variant: Variant) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=variant.gap)] if variant.gap else []
    return pytest.param(variant, id=variant.name, marks=marks)


@pytest.mark.slow
@pytest.mark.parametrize("variant", [_param(variant) for variant in CATALOGUE])
def test_the_suite_reaches_the_catalogued_verdict(faulty_servers: str, variant: Variant) -> None:
    report = run_live(faulty_servers, variant)
    rendered = report.render()
    if variant.outcome == PASSES:
        assert report.broken == [], f"{variant.name}: a false alarm on a server the spec allows\n{rendered}"
        return
    missing = variant.properties - set(report.broken)
    assert not missing, f"{variant.name}: {sorted(missing)} not reported broken\n{rendered}"
    for name in variant.properties:
        assert f". {name}" in rendered  # each named, with its request and response
    assert "curl -X " in rendered
    # Credentials are masked. (The token's text may still appear as generated data: schemathesis
    # reuses strings it has seen, so a body may carry it and the server echo it back.)
    assert f"Bearer {TOKEN}" not in rendered
    assert set(re.findall(r"Authorization: (\S+)", rendered)) <= {"[Filtered]'"}


def test_the_catalogue_covers_every_class() -> None:
    assert len(FAULTS) >= 30
    assert len(BENIGN_VARIANTS) >= 8
    assert {variant.kind for variant in FAULTS} == set(FAULT_CLASSES)
    assert all(variant.outcome == KILLED and variant.properties for variant in FAULTS)
    assert all(variant.outcome == PASSES and variant.kind == BENIGN for variant in (CORRECT, *BENIGN_VARIANTS))
    names = [variant.name for variant in CATALOGUE]
    assert len(set(names)) == len(names)
    servers = [variant.server for variant in CATALOGUE]
    assert len(set(servers)) == len(servers), "two entries serve the same code"
    assert all(re.fullmatch(r"[a-z0-9-]+", name) for name in names)  # each is a base path


def test_every_fault_written_is_catalogued() -> None:
    """No server class sits unused in `faults`, untested."""
    written = {
        value
        for module in pkgutil.iter_modules(faults.__path__)
        for value in vars(importlib.import_module(f"{faults.__name__}.{module.name}")).values()
        if isinstance(value, type) and issubclass(value, KinboxServer) and not value.__name__.startswith("_")
    }
    assert written - {KinboxServer} == {variant.server for variant in CATALOGUE} - {KinboxServer}


def test_every_property_named_is_one_the_suite_reports() -> None:
    reportable = {*OWN_PROPERTIES, CONCURRENT_WRITES_KEPT, *CHECKS.get_all_names()}
    named = {name for variant in CATALOGUE for name in variant.properties}
    assert named <= reportable, f"the suite reports no {sorted(named - reportable)}"


def test_the_readme_table_is_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert BEGIN in readme, "README.md lacks the teeth table"
    assert END in readme, "README.md's teeth table has no end marker"
    shown = readme[readme.index(BEGIN) : readme.index(END) + len(END)]
    assert shown == render_table(), "README.md's teeth table is stale: python -m tests.contract.faulty_server --table"
