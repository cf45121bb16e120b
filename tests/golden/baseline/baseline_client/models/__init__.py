# Generated from the OpenAPI spec by the generator: do not edit.

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    MISSING,
    AnyUrl,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictFloat,
    StrictStr,
)

from baseline_client._runtime import JsonInt


class Location(BaseModel):
    """
    Properties without a type are read as an object.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    city: StrictStr | MISSING = MISSING


class ContactKind(StrEnum):
    field_ = ""
    lead = "lead"
    customer = "customer"


class ContactUpdate(BaseModel):
    """
    Sent only; unknown fields are refused.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    name: Annotated[StrictStr | MISSING, Field(max_length=128, min_length=1)] = MISSING
    email: Annotated[StrictStr | None | MISSING, Field(pattern="^[^@\\s]+@[^@\\s]+$")] = MISSING
    age: Annotated[JsonInt | None | MISSING, Field(ge=0, le=150)] = MISSING
    tags: Annotated[list[StrictStr] | MISSING, Field(max_length=10)] = MISSING


class Company(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    id: StrictStr
    name: StrictStr | MISSING = MISSING


class PetType(StrEnum):
    cat = "cat"


class Cat(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    pet_type: Annotated[Literal["cat"], Field(alias="petType")]
    lives: Annotated[JsonInt | MISSING, Field(ge=0, le=9)] = MISSING


class PetType1(StrEnum):
    dog = "dog"


class Dog(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    pet_type: Annotated[Literal["dog"], Field(alias="petType")]
    barks: StrictBool | MISSING = MISSING


class PetType2(StrEnum):
    bird = "bird"


class Bird(BaseModel):
    """
    Its tag is optional, so unions with it cannot be discriminated.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    pet_type: Annotated[PetType2 | MISSING, Field(alias="petType")] = MISSING
    sings: StrictBool | MISSING = MISSING


class Pet(RootModel[Cat | Dog]):
    root: Annotated[Cat | Dog, Field(discriminator="pet_type")]


class Named(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    name: StrictStr


class Owner(Named):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    favourite: Annotated[Cat | Dog | MISSING, Field(discriminator="pet_type")] = MISSING
    """
    A discriminator placed on the property itself.
    """
    other: Cat | Bird | MISSING = MISSING
    """
    A branch without the tag required makes a plain union.
    """


class LineItem(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    sku: StrictStr | MISSING = MISSING
    qty: Annotated[JsonInt | MISSING, Field(ge=1)] = MISSING


class StoredFile(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    id: StrictStr
    size: JsonInt


class Event(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    type: StrictStr
    at: AwareDatetime | MISSING = MISSING
    data: dict[str, Any] | MISSING = MISSING


class Problem(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    title: StrictStr
    detail: StrictStr | MISSING = MISSING


class FieldError(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    field: StrictStr
    reason: StrictStr | MISSING = MISSING


class Error(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    message: StrictStr


class SearchContactsCreatedParam(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    gt: JsonInt | MISSING = MISSING
    lt: JsonInt | MISSING = MISSING


class MergeContactsPointParam(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    x: JsonInt
    y: JsonInt


class Purpose(StrEnum):
    avatar = "avatar"
    attachment = "attachment"


class Options(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    public: StrictBool | MISSING = MISSING


class UploadFileBody(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    file: bytes
    """
    The file's bytes.
    """
    purpose: Purpose | MISSING = MISSING
    labels: list[StrictStr] | MISSING = MISSING
    options: Options | MISSING = MISSING
    meta: dict[str, StrictStr] | MISSING = MISSING


class ListEventHistoryResponse(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    events: list[Event] | MISSING = MISSING


class SubscribeBody(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    callback_url: Annotated[AnyUrl, Field(alias="callbackUrl")]


class Currency(RootModel[StrictStr]):
    root: Annotated[StrictStr, Field(pattern="^[A-Z]{3}$")]


class NewContact(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    name: Annotated[StrictStr, Field(max_length=128, min_length=1)]
    email: StrictStr | MISSING = MISSING
    kind: ContactKind | MISSING = MISSING
    owner: Owner | MISSING = MISSING


class Money(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    value: Annotated[JsonInt, Field(ge=0)]
    currency: Currency


class ValidationProblem(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    message: StrictStr
    errors: list[FieldError]


class CreateChargeBody(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
    )
    amount: Money
    description: StrictStr | MISSING = MISSING
    tags: list[StrictStr] | MISSING = MISSING
    metadata: dict[str, StrictStr] | MISSING = MISSING
    expand: list[StrictStr] | MISSING = MISSING
    capture: StrictBool = True


class Contact(BaseModel):
    """
    A person. Answers keep fields this version does not know.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    id: JsonInt
    name: StrictStr
    email: StrictStr | None | MISSING = MISSING
    kind: ContactKind
    """
    A `$ref` with a sibling description keeps it.
    """
    status: Literal["active"] | MISSING = MISSING
    parent: Contact | MISSING = MISSING
    """
    Recursive.
    """
    owner: Person | MISSING = MISSING
    pet: Pet | MISSING = MISSING
    company: StrictStr | Company | MISSING = MISSING
    """
    A union of a string and a model (an expandable field).
    """
    scores: dict[str, JsonInt] | MISSING = MISSING
    extra: dict[str, Any] | MISSING = MISSING
    location: Location | MISSING = MISSING
    """
    Properties without a type are read as an object.
    """
    class_: Annotated[StrictStr | MISSING, Field(alias="class")] = MISSING
    field_2fa: Annotated[StrictBool | MISSING, Field(alias="2fa")] = MISSING
    x_rate_limit: Annotated[JsonInt | MISSING, Field(alias="x-rate-limit")] = MISSING
    größe: StrictFloat | MISSING = MISSING
    """
    Größe in Zentimetern.
    """
    line: LineItem | MISSING = MISSING


class ContactPage(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    data: list[Contact]
    next: StrictStr | None | MISSING = MISSING


class Person(BaseModel):
    """
    Mutually recursive with Contact.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
    )
    name: StrictStr | MISSING = MISSING
    contacts: list[Contact] | MISSING = MISSING


class ListRecentContactsResponse(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        arbitrary_types_allowed=True,
    )
    total: JsonInt | MISSING = MISSING
    data: list[Contact]


Contact.model_rebuild()
