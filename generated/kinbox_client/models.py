# Generated from the OpenAPI spec by the generator: do not edit.

from __future__ import annotations

from typing import Annotated, Any

from pydantic import MISSING, AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, StrictStr

from kinbox_client._runtime import JsonInt


class ContactUpdate(BaseModel):
    """
    The properties of a contact to change; every property is optional (PATCH semantics).
    Unknown properties are rejected (`additionalProperties: false`, our choice): a misspelt
    name would otherwise be dropped silently and the caller would believe the contact was
    updated. Supporting a new property is a spec change, released as a minor version.
    `null` is accepted only by the properties that can meaningfully be cleared (our
    choice; the documentation does not say).

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    field_id: Annotated[StrictStr | MISSING, Field(alias="_id")] = MISSING
    """
    Internal document id, as listed by the Kinbox documentation. The contact to update is chosen by the path `id`.
    """
    custom_fields: Annotated[dict[str, Any] | MISSING, Field(alias="customFields")] = MISSING
    """
    Values of the workspace's custom fields, by field key.
    """
    name: Annotated[StrictStr | MISSING, Field(max_length=128)] = MISSING
    """
    Display name (at most 128 characters, as documented for contact creation).
    """
    email: Annotated[StrictStr | None | MISSING, Field(max_length=100)] = MISSING
    """
    E-mail address (at most 100 characters, as documented for contact creation); `null` clears it.
    """
    external_id: Annotated[StrictStr | None | MISSING, Field(alias="externalId")] = MISSING
    """
    Id of the contact in an external system; `null` clears it.
    """
    origin: StrictStr | MISSING = MISSING
    """
    Where the contact came from.
    """
    phone: StrictStr | None | MISSING = MISSING
    """
    Phone number; `null` clears it.
    """
    location: StrictStr | None | MISSING = MISSING
    """
    Free-text location; `null` clears it.
    """
    avatar: StrictStr | None | MISSING = MISSING
    """
    URL of the contact's picture; `null` clears it.
    """
    facebook_id: Annotated[StrictStr | None | MISSING, Field(alias="facebookId")] = MISSING
    """
    Facebook id; `null` clears it.
    """
    instagram_id: Annotated[StrictStr | None | MISSING, Field(alias="instagramId")] = MISSING
    """
    Instagram id; `null` clears it.
    """
    telegram_id: Annotated[StrictStr | None | MISSING, Field(alias="telegramId")] = MISSING
    """
    Telegram id; `null` clears it.
    """
    notes: StrictStr | None | MISSING = MISSING
    """
    Free-text notes; `null` clears them.
    """
    is_imported: Annotated[StrictBool | MISSING, Field(alias="isImported")] = MISSING
    """
    Whether the contact was imported.
    """
    has_conversation: Annotated[StrictBool | MISSING, Field(alias="hasConversation")] = MISSING
    """
    Whether the contact has a conversation.
    """
    new_contact: Annotated[StrictBool | MISSING, Field(alias="newContact")] = MISSING
    """
    Whether the contact is marked as new.
    """
    crm_data: Annotated[dict[str, Any] | MISSING, Field(alias="crmData")] = MISSING
    """
    CRM data attached to the contact.
    """
    customer_custom_field: Annotated[
        dict[str, Any] | MISSING, Field(alias="CustomerCustomField")
    ] = MISSING
    """
    Customer-level custom field values.
    """
    is_private: Annotated[StrictBool | MISSING, Field(alias="isPrivate")] = MISSING
    """
    Whether the contact is private.
    """


class ContactCreate(BaseModel):
    """
    The properties of a new contact: the same properties, limits and nullability as
    `ContactUpdate` (one definition, shared). `name` is required (our choice: the
    documentation does not say, and a contact without a display name cannot be told apart
    in Kinbox's inbox). A property sent as `null` or left out is not set. Unknown
    properties are rejected, as for `ContactUpdate`; the server-managed `id`,
    `workspaceId`, `createdAt`, `lastUpdateAt` and `updatedAt` cannot be sent.

    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    field_id: Annotated[StrictStr | MISSING, Field(alias="_id")] = MISSING
    """
    Internal document id, as listed by the Kinbox documentation. The contact to update is chosen by the path `id`.
    """
    custom_fields: Annotated[dict[str, Any] | MISSING, Field(alias="customFields")] = MISSING
    """
    Values of the workspace's custom fields, by field key.
    """
    name: Annotated[StrictStr, Field(max_length=128)]
    """
    Display name (at most 128 characters, as documented for contact creation).
    """
    email: Annotated[StrictStr | None | MISSING, Field(max_length=100)] = MISSING
    """
    E-mail address (at most 100 characters, as documented for contact creation); `null` clears it.
    """
    external_id: Annotated[StrictStr | None | MISSING, Field(alias="externalId")] = MISSING
    """
    Id of the contact in an external system; `null` clears it.
    """
    origin: StrictStr | MISSING = MISSING
    """
    Where the contact came from.
    """
    phone: StrictStr | None | MISSING = MISSING
    """
    Phone number; `null` clears it.
    """
    location: StrictStr | None | MISSING = MISSING
    """
    Free-text location; `null` clears it.
    """
    avatar: StrictStr | None | MISSING = MISSING
    """
    URL of the contact's picture; `null` clears it.
    """
    facebook_id: Annotated[StrictStr | None | MISSING, Field(alias="facebookId")] = MISSING
    """
    Facebook id; `null` clears it.
    """
    instagram_id: Annotated[StrictStr | None | MISSING, Field(alias="instagramId")] = MISSING
    """
    Instagram id; `null` clears it.
    """
    telegram_id: Annotated[StrictStr | None | MISSING, Field(alias="telegramId")] = MISSING
    """
    Telegram id; `null` clears it.
    """
    notes: StrictStr | None | MISSING = MISSING
    """
    Free-text notes; `null` clears them.
    """
    is_imported: Annotated[StrictBool | MISSING, Field(alias="isImported")] = MISSING
    """
    Whether the contact was imported.
    """
    has_conversation: Annotated[StrictBool | MISSING, Field(alias="hasConversation")] = MISSING
    """
    Whether the contact has a conversation.
    """
    new_contact: Annotated[StrictBool | MISSING, Field(alias="newContact")] = MISSING
    """
    Whether the contact is marked as new.
    """
    crm_data: Annotated[dict[str, Any] | MISSING, Field(alias="crmData")] = MISSING
    """
    CRM data attached to the contact.
    """
    customer_custom_field: Annotated[
        dict[str, Any] | MISSING, Field(alias="CustomerCustomField")
    ] = MISSING
    """
    Customer-level custom field values.
    """
    is_private: Annotated[StrictBool | MISSING, Field(alias="isPrivate")] = MISSING
    """
    Whether the contact is private.
    """


class Contact(BaseModel):
    """
    A contact as the server returns it: the properties of `ContactUpdate` plus the
    server-managed ones. Unknown properties are allowed (`additionalProperties: true`) so
    that every client in the field keeps working when Kinbox adds a property. Input limits
    such as `name`'s 128 characters are not repeated here: a client must not fail to read
    a contact stored under older rules.

    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    id: StrictStr
    """
    Contact id. The documentation types it as a string in responses; it is the path `id` in decimal.
    """
    workspace_id: Annotated[JsonInt, Field(alias="workspaceId")]
    """
    Id of the workspace that owns the contact (documented as `number`; ids are whole numbers).
    """
    created_at: Annotated[AwareDatetime, Field(alias="createdAt")]
    """
    When the contact was created; never changes.
    """
    last_update_at: Annotated[AwareDatetime, Field(alias="lastUpdateAt")]
    """
    When the contact was last changed; never goes backwards.
    """
    updated_at: Annotated[AwareDatetime | MISSING, Field(alias="updatedAt")] = MISSING
    """
    When the contact record was last written.
    """
    field_id: Annotated[StrictStr | MISSING, Field(alias="_id")] = MISSING
    """
    Internal document id.
    """
    custom_fields: Annotated[dict[str, Any] | MISSING, Field(alias="customFields")] = MISSING
    """
    Values of the workspace's custom fields, by field key.
    """
    name: StrictStr | MISSING = MISSING
    """
    Display name.
    """
    email: StrictStr | None | MISSING = MISSING
    """
    E-mail address.
    """
    external_id: Annotated[StrictStr | None | MISSING, Field(alias="externalId")] = MISSING
    """
    Id of the contact in an external system.
    """
    origin: StrictStr | MISSING = MISSING
    """
    Where the contact came from.
    """
    phone: StrictStr | None | MISSING = MISSING
    """
    Phone number.
    """
    location: StrictStr | None | MISSING = MISSING
    """
    Free-text location.
    """
    avatar: StrictStr | None | MISSING = MISSING
    """
    URL of the contact's picture.
    """
    facebook_id: Annotated[StrictStr | None | MISSING, Field(alias="facebookId")] = MISSING
    """
    Facebook id.
    """
    instagram_id: Annotated[StrictStr | None | MISSING, Field(alias="instagramId")] = MISSING
    """
    Instagram id.
    """
    telegram_id: Annotated[StrictStr | None | MISSING, Field(alias="telegramId")] = MISSING
    """
    Telegram id.
    """
    notes: StrictStr | None | MISSING = MISSING
    """
    Free-text notes.
    """
    is_imported: Annotated[StrictBool | MISSING, Field(alias="isImported")] = MISSING
    """
    Whether the contact was imported.
    """
    has_conversation: Annotated[StrictBool | MISSING, Field(alias="hasConversation")] = MISSING
    """
    Whether the contact has a conversation.
    """
    new_contact: Annotated[StrictBool | MISSING, Field(alias="newContact")] = MISSING
    """
    Whether the contact is marked as new.
    """
    crm_data: Annotated[dict[str, Any] | MISSING, Field(alias="crmData")] = MISSING
    """
    CRM data attached to the contact.
    """
    customer_custom_field: Annotated[
        dict[str, Any] | MISSING, Field(alias="CustomerCustomField")
    ] = MISSING
    """
    Customer-level custom field values.
    """
    is_private: Annotated[StrictBool | MISSING, Field(alias="isPrivate")] = MISSING
    """
    Whether the contact is private.
    """


class ErrorDetail(BaseModel):
    """
    One problem found in the request.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    field: StrictStr | MISSING = MISSING
    """
    Where the offending value is: a JSON pointer into the request body (e.g. `/name`, empty for the body as a whole), `path.<name>` for a path parameter (e.g. `path.id`), or `query.<name>` for a query parameter (e.g. `query.limit`).
    """
    message: StrictStr
    """
    What is wrong with it.
    """


class ContactPage(BaseModel):
    """
    One page of List Contacts.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    total_count: Annotated[JsonInt | MISSING, Field(alias="totalCount", ge=0)] = MISSING
    """
    How many contacts match the filters across all pages ("total de registros"); documented as `number`. Left out when the request set `ignoreCount=true` (our choice).
    """
    data: list[Contact]
    """
    The page's contacts, at most `limit`, in the listing order.
    """


class ContactList(BaseModel):
    """
    Every contact List All Contacts found.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    total_count: Annotated[JsonInt, Field(alias="totalCount", ge=0)]
    """
    How many contacts `data` holds ("total de registros"); documented as `number`.
    """
    data: list[Contact]
    """
    Every matching contact, in the listing order.
    """


class Error(BaseModel):
    """
    The body of every error answer. ASSUMPTION: Kinbox does not document its error
    responses publicly; this shape is this project's contract (and what the bundled mock
    server sends). A live server that answers differently fails the contract tests, which
    is how a difference is found.

    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    code: StrictStr | MISSING = MISSING
    """
    Machine-readable error code, such as `not_found` or `validation_failed`.
    """
    message: StrictStr
    """
    What went wrong, in one readable line.
    """
    errors: list[ErrorDetail] | MISSING = MISSING
    """
    One entry per problem found in the request (validation errors).
    """
