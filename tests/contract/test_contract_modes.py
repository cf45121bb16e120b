"""Careful and scratch modes on a contact that lacks fields PATCH cannot remove (the mock's 1002).

Careful sends nothing that would leave such a field behind and says why, case by case; scratch
sends every case and lists what stayed. Both run over real HTTP, as a live run does.
"""

from __future__ import annotations

import pytest

from contract_tests.mock import ContactStore, MockKinbox, load_seed
from contract_tests.mock.serve import serve_in_thread
from contract_tests.modes import CAREFUL, MODE_ENV, MODES, SCRATCH, held_back, unrestorable
from contract_tests.suite import STATE_RESTORED, Target, run

TOKEN = "modes-token"
SPARSE_CONTACT = 1002  # lacks _id, crmData, isPrivate, ... (not nullable)


def test_modes_are_named_and_checked() -> None:
    assert MODES == ("careful", "scratch")
    assert Target("t", TOKEN, 1).mode == CAREFUL
    with pytest.raises(ValueError, match="'reckless' is not one of careful, scratch"):
        Target("t", TOKEN, 1, mode="reckless")
    env = {"KINBOX_BASE_URL": "http://127.0.0.1:9/", "KINBOX_TOKEN": TOKEN, "KINBOX_CONTACT_ID": "5"}
    assert Target.from_environment(env) == Target("live", TOKEN, 5, base_url="http://127.0.0.1:9", mode=CAREFUL)
    live = Target.from_environment({**env, MODE_ENV: SCRATCH})
    assert live is not None
    assert live.mode == SCRATCH
    assert TOKEN not in repr(live)


def test_held_back_only_in_careful_mode() -> None:
    fields = unrestorable(["name", "email", "crmData"], ["email"], {"name": "Ana"})
    assert fields == {"crmData"}
    # A stored value the request schema refuses cannot be written back either.
    assert unrestorable(["name"], [], {"name": "x" * 200}, lambda name, value: len(value) > 128) == {"name"}
    assert held_back(CAREFUL, {"crmData": {}, "name": "x"}, fields) == {"crmData"}
    assert held_back(CAREFUL, {"email": "a@b.c"}, fields) == set()
    assert held_back(SCRATCH, {"crmData": {}}, fields) == set()


@pytest.mark.slow
def test_careful_mode_never_writes_what_it_cannot_undo() -> None:
    mock = MockKinbox(token=TOKEN)
    before = mock.store.get(str(SPARSE_CONTACT))
    assert before is not None
    with serve_in_thread(mock) as url:
        report = run(Target("live", TOKEN, SPARSE_CONTACT, base_url=url), examples=30)
    assert report.broken == [], report.render()
    after = mock.store.get(str(SPARSE_CONTACT))
    assert after is not None
    added = set(after) - set(before) - {"updatedAt"}
    assert {name: after[name] for name in added} == dict.fromkeys(added)  # only nullable fields, left null
    assert sum(report.skipped.values()) > 0
    assert report.held_back == {"CustomerCustomField", "_id", "crmData", "customFields", "hasConversation"} | {
        "isPrivate",
        "newContact",
    }
    rendered = report.render()
    assert "not sent (" in rendered
    assert "careful mode: would set crmData, which PATCH could not put back as the contact had it" in rendered
    assert report.unrestored == []


@pytest.mark.slow
def test_scratch_mode_sends_every_case_and_lists_what_stayed() -> None:
    mock = MockKinbox(token=TOKEN)
    with serve_in_thread(mock) as url:
        report = run(Target("live", TOKEN, SPARSE_CONTACT, base_url=url, mode=SCRATCH), examples=30)
    assert sum(report.skipped.values()) == 0
    assert STATE_RESTORED not in report.broken, report.render()
    assert report.broken == [], report.render()
    stayed = {entry.split(" ")[0] for entry in report.unrestored}
    after = mock.store.get(str(SPARSE_CONTACT))
    assert after is not None
    assert stayed == {"CustomerCustomField", "_id", "crmData", "customFields", "hasConversation", "isPrivate"} | {
        "newContact"
    }
    assert stayed <= set(after)
    assert "left on the contact: " in report.summary()
    # Every boundary of every constrained field was hit.
    assert {"maxLength 128: one past, emoji", "maxLength 128: at, combining"} <= report.boundaries["name"]


def stored_under_older_rules() -> MockKinbox:
    """Contact 1001 with a name longer than the request schema now allows (Contact does not repeat the limit)."""
    seed = load_seed()
    seed[0]["name"] = "Ana " + "de Souza " * 20
    return MockKinbox(token=TOKEN, store=ContactStore(seed))


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_a_stored_value_patch_cannot_write_back(mode: str) -> None:
    mock = stored_under_older_rules()
    before = mock.store.get("1001")
    assert before is not None
    with serve_in_thread(mock) as url:
        report = run(Target("live", TOKEN, 1001, base_url=url, mode=mode), examples=20)
    assert report.broken == [], report.render()
    after = mock.store.get("1001")
    assert after is not None
    if mode == CAREFUL:
        assert "name" in report.held_back
        assert after["name"] == before["name"]  # never touched
        assert report.unrestored == []
    else:
        assert sum(report.skipped.values()) == 0
        assert report.unrestored == ["name (writing it back answered 422)"]
    # Every other field is back, even when the name was refused on the way.
    kept = set(before) - {"name", "lastUpdateAt", "updatedAt"}
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}


def test_scope_comes_from_the_environment_and_is_checked() -> None:
    from contract_tests.report import Report
    from contract_tests.target import SCOPE_ALL, SCOPE_UPDATE

    env = {"KINBOX_BASE_URL": "http://127.0.0.1:1", "KINBOX_TOKEN": "t", "KINBOX_CONTACT_ID": "1"}
    default = Target.from_environment(env)
    assert default is not None
    assert default.scope == SCOPE_ALL
    only_update = Target.from_environment({**env, "KINBOX_CONTRACT_SCOPE": SCOPE_UPDATE})
    assert only_update is not None
    assert only_update.scope == SCOPE_UPDATE
    with pytest.raises(ValueError, match="scope"):
        Target.from_environment({**env, "KINBOX_CONTRACT_SCOPE": "everything"})
    # What was not tested is said, never left for the reader to guess.
    assert "only Update Contact was tested" in Report(target="live", scope=SCOPE_UPDATE).summary()
    assert "only Update Contact" not in Report(target="live").summary()
