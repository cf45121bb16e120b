"""Python names for spec names: one rule set, used for operations, arguments and packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.naming import is_package_name, operation_name, package_names, pascal_case, snake_case, unique
from generator.pipeline import generate_package
from kinbox_client.models import Contact, ContactUpdate


@pytest.mark.parametrize(
    ("text", "snake", "pascal"),
    [
        ("updateContact", "update_contact", "UpdateContact"),
        ("CustomerCustomField", "customer_custom_field", "CustomerCustomField"),
        ("X-Request-ID", "x_request_id", "XRequestID"),
        ("HTTPServerID", "http_server_id", "HTTPServerID"),
        ("studio.v2.flow", "studio_v2_flow", "StudioV2Flow"),
        ("v3Contacts", "v3_contacts", "V3Contacts"),
        ("last48h", "last48h", "Last48h"),
        ("v2beta", "v2beta", "V2beta"),
        ("sha256sum", "sha256sum", "Sha256sum"),
        ("base64urlEncoded", "base64url_encoded", "Base64urlEncoded"),
        ("createdAt48H", "created_at48_h", "CreatedAt48H"),
        ("page2Of3", "page2_of3", "Page2Of3"),
        ("_id", "id", "Id"),
        ("class", "class_", "Class"),
        ("match", "match_", "Match"),
        ("Ação de teste", "acao_de_teste", "AcaoDeTeste"),
        ("3ds", "value_3_ds", "Model3Ds"),
        ("", "value", "Model"),
        ("!!!", "value", "Model"),
    ],
)
def test_case_conversions(text: str, snake: str, pascal: str) -> None:
    assert snake_case(text) == snake
    assert pascal_case(text) == pascal
    assert snake.isidentifier()
    assert pascal.isidentifier()


def test_operation_names_come_from_operation_id_or_method_and_path() -> None:
    assert operation_name("updateContact", "patch", "/v3/contacts/{id}") == "update_contact"
    assert operation_name(None, "patch", "/v3/contacts/{id}") == "patch_v3_contacts_id"
    assert operation_name("", "get", "/") == "get"


def test_package_derived_names() -> None:
    assert package_names("kinbox_client") == ("kinbox-client", "KinboxClient", "KINBOX")
    assert package_names("petstore") == ("petstore", "PetstoreClient", "PETSTORE")
    assert is_package_name("kinbox_client")
    for invalid in ("Kinbox", "kinbox-client", "class", "ação"):
        assert not is_package_name(invalid)


def test_unique_suffixes() -> None:
    assert unique("id", set()) == "id"
    assert unique("id", {"id", "id_2"}) == "id_3"


def test_json_names_become_snake_case_fields_with_aliases() -> None:
    """The Kinbox models: every JSON name has a snake_case Python name and its wire alias."""
    expected = {
        "_id": "field_id",
        "customFields": "custom_fields",
        "CustomerCustomField": "customer_custom_field",
        "externalId": "external_id",
        "isPrivate": "is_private",
        "crmData": "crm_data",
        "name": "name",
    }
    for model in (ContactUpdate, Contact):
        aliases = {info.alias or name: name for name, info in model.model_fields.items()}
        for json_name, python_name in expected.items():
            assert aliases[json_name] == python_name, (model.__name__, json_name)
    assert Contact.model_fields["last_update_at"].alias == "lastUpdateAt"


def test_names_that_now_coincide_stay_unique(tmp_path: Path) -> None:
    """`last48h` and `Last48h` are both `last48h`: the second gets its location; `last48H` still splits."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        """
openapi: 3.0.3
info: {title: T, version: "1.0.0"}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: last48h, in: query, schema: {type: boolean}}
        - {name: Last48h, in: query, schema: {type: boolean}}
        - {name: last48H, in: header, schema: {type: boolean}}
      responses: {"204": {description: none}}
""",
        encoding="utf-8",
    )
    (operation,) = generate_package(spec, package="names_client").api.operations
    assert [p.python_name for p in operation.parameters] == ["last48h", "last48h_query", "last48_h"]


def test_an_operation_called_datetime_does_not_shadow_the_module(tmp_path: Path) -> None:
    """Annotations in a class body see its methods: `datetime.datetime` needs the module there."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        """
openapi: 3.0.3
info: {title: T, version: "1.0.0"}
paths:
  /now:
    get:
      operationId: datetime
      parameters: [{name: after, in: query, schema: {type: string, format: date-time}}]
      responses: {"204": {description: none}}
""",
        encoding="utf-8",
    )
    generated = generate_package(spec, package="clock_client")
    (operation,) = generated.api.operations
    assert operation.python_name == "datetime_"
    source = generated.files["clock_client/_client.py"].decode("utf-8")
    assert "import datetime\n" in source
    assert "after: datetime.datetime | None = None" in source
