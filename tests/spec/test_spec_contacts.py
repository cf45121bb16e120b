"""The spec's Create, List and List All Contacts: every fact of the public documentation, the
decisions it leaves to us written down, the links stateful testing follows, the pagination
extension, parameter examples that validate, and a minor change from 1.0.0 by our own diff."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, SPEC, run_generator
from tests.spec.test_spec import schema_validator

LIST_FILTERS = ("newContact", "name", "externalId", "origin", "phone", "email", "createdAtFrom", "createdAtTo")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return document


def operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    found: dict[str, Any] = spec["paths"][path][method]
    return found


def resolve(spec: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in value:
        for token in value["$ref"].removeprefix("#/").split("/"):
            spec = spec[token]
        value = spec
    return value


def parameters(spec: dict[str, Any], path: str, method: str) -> dict[str, dict[str, Any]]:
    found = (resolve(spec, raw) for raw in operation(spec, path, method).get("parameters", []))
    return {p["name"]: p for p in found}


def test_the_four_operations_and_their_names(spec: dict[str, Any]) -> None:
    names = {
        (path, method): op["operationId"]
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    assert names == {
        ("/v3/contacts", "post"): "createContact",
        ("/v3/contacts", "get"): "listContacts",
        ("/v3/contacts/all", "get"): "listAllContacts",
        ("/v3/contacts/{id}", "patch"): "updateContact",
    }


def test_create_takes_the_update_fields_and_answers_201_with_the_server_managed_ones(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    create, update = schemas["ContactCreate"], schemas["ContactUpdate"]
    assert create["properties"] == update["properties"]
    assert len(create["properties"]) == 19
    assert create["properties"]["name"]["maxLength"] == 128
    assert create["properties"]["email"]["maxLength"] == 100
    assert create["additionalProperties"] is False
    assert "our choice" in create["description"]
    responses = operation(spec, "/v3/contacts", "post")["responses"]
    assert responses["201"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Contact"}
    assert set(schemas["Contact"]["required"]) == {"id", "workspaceId", "createdAt", "lastUpdateAt"}


def test_list_parameters_as_documented_with_our_decisions(spec: dict[str, Any]) -> None:
    found = parameters(spec, "/v3/contacts", "get")
    assert set(found) == {*LIST_FILTERS, "ignoreCount", "limit", "offset"}
    assert all(p["in"] == "query" for p in found.values())
    assert found["newContact"]["schema"]["type"] == found["ignoreCount"]["schema"]["type"] == "boolean"
    assert found["email"]["schema"]["format"] == "email"
    limit, offset = found["limit"], found["offset"]
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"], limit["schema"]["default"]) == (1, 500, 20)
    assert (offset["schema"]["minimum"], offset["schema"]["default"]) == (0, 0)
    # Marked required in the documentation but given a default: optional here, and the description says why.
    assert not limit.get("required")
    assert not offset.get("required")
    assert "meaningless on a required parameter" in limit["description"]
    for name in ("createdAtFrom", "createdAtTo"):
        assert found[name]["schema"] == {"type": "string", "format": "date-time"}
    assert "our choice" in found["createdAtFrom"]["description"]
    assert "totalCount" in found["ignoreCount"]["description"]
    described = " ".join(operation(spec, "/v3/contacts", "get")["description"].split())
    for decision in ("contained in the contact's name, ignoring case", "match exactly", "ordered by `createdAt`"):
        assert decision in described
    assert set(parameters(spec, "/v3/contacts/all", "get")) == {"last48h", "newContact", "createdAtFrom", "createdAtTo"}


def test_pages_carry_total_count_and_data(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    page, everything = schemas["ContactPage"], schemas["ContactList"]
    assert page["required"] == ["data"]  # totalCount is left out with ignoreCount=true
    assert set(everything["required"]) == {"totalCount", "data"}
    for schema in (page, everything):
        assert schema["properties"]["data"]["items"] == {"$ref": "#/components/schemas/Contact"}
        assert schema["properties"]["totalCount"]["type"] == "integer"


def test_pagination_extensions_exactly(spec: dict[str, Any]) -> None:
    assert operation(spec, "/v3/contacts", "get")["x-pagination"] == {
        "style": "offset",
        "items": "/data",
        "total": "/totalCount",
        "offset": "offset",
        "limit": "limit",
    }
    assert operation(spec, "/v3/contacts/all", "get")["x-pagination"] == {
        "style": "single",
        "items": "/data",
        "total": "/totalCount",
    }


def test_links_from_create_to_update_and_list(spec: dict[str, Any]) -> None:
    links = operation(spec, "/v3/contacts", "post")["responses"]["201"]["links"]
    assert {name: (link["operationId"], link["parameters"]) for name, link in links.items()} == {
        "UpdateCreatedContact": ("updateContact", {"id": "$response.body#/id"}),
        "ListCreatedContact": ("listContacts", {"externalId": "$response.body#/externalId"}),
    }


@pytest.mark.parametrize(
    ("path", "method"), [("/v3/contacts", "post"), ("/v3/contacts", "get"), ("/v3/contacts/all", "get")]
)
def test_same_error_responses_as_update(spec: dict[str, Any], path: str, method: str) -> None:
    update = operation(spec, "/v3/contacts/{id}", "patch")["responses"]
    errors = {status: ref for status, ref in operation(spec, path, method)["responses"].items() if status[0] != "2"}
    # 404 is about a path id, which these operations do not have.
    assert errors == {status: ref for status, ref in update.items() if status[0] != "2" and status != "404"}


def test_every_parameter_example_validates(spec: dict[str, Any]) -> None:
    checked = 0
    for path, item in spec["paths"].items():
        for method in item:
            for name, parameter in parameters(spec, path, method).items():
                validator = schema_validator(spec, parameter["schema"])
                assert parameter.get("examples"), f"{method} {path} {name} has no named example"
                for example in parameter["examples"].values():
                    assert not list(validator.iter_errors(example["value"])), (path, name, example)
                    checked += 1
    assert checked >= 15


def test_the_change_from_1_0_0_is_minor_by_our_own_diff() -> None:
    first = subprocess.run(
        ["git", "log", "--format=%H", "--diff-filter=A", "--", "spec/kinbox.openapi.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if not first:
        pytest.skip("no git history of the spec here")
    result = run_generator("diff", f"{first[-1]}:spec/kinbox.openapi.yaml", SPEC, "--fail-on", "breaking")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 breaking, " in result.stdout.splitlines()[0]
    assert "operation-added #/paths/~1v3~1contacts/post" in result.stdout
