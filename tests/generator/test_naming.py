"""Python names for spec names: one rule set, used for operations, arguments and packages."""

from __future__ import annotations

import pytest

from generator.naming import is_package_name, operation_name, package_names, pascal_case, snake_case, unique
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
