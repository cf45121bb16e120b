"""The catalogue: every variant the teeth test serves, what is wrong with it, and the verdict due.

A fault is `killed` when the contract suite fails naming at least the listed properties; a
benign variant `passes` when the suite finds nothing, because the spec allows what it does.
`gap` records, with its reason, a verdict the suite does not reach yet (a fault it misses, a
false alarm on a benign variant): its test is a strict expected failure, so it turns red the day
the suite gets it right and the entry must be updated. A gap never changes the outcome due.
"""

from __future__ import annotations

from dataclasses import dataclass

from .faults import (
    allowed,
    answers,
    atomicity,
    auth,
    concurrency,
    fidelity,
    negotiation,
    robustness,
    semantics,
    validation,
)
from .server import KinboxServer

SCHEMA = "schema"
ROBUSTNESS = "robustness"
AUTH = "auth"
PATCH_SEMANTICS = "PATCH semantics"
FIDELITY = "fidelity"
ATOMICITY = "atomicity"
CONCURRENCY = "concurrency"
CONTENT_NEGOTIATION = "content negotiation"
BENIGN = "benign"
FAULT_CLASSES = (SCHEMA, ROBUSTNESS, AUTH, PATCH_SEMANTICS, FIDELITY, ATOMICITY, CONCURRENCY, CONTENT_NEGOTIATION)

KILLED = "killed"
PASSES = "passes"

# schemathesis' checks, as the suite reports them.
NEGATIVE_DATA_REJECTION = "negative_data_rejection"
POSITIVE_DATA_ACCEPTANCE = "positive_data_acceptance"
RESPONSE_SCHEMA = "response_schema_conformance"
CONTENT_TYPE = "content_type_conformance"
STATUS_CODE = "status_code_conformance"
SERVER_ERROR = "not_a_server_error"
IGNORED_AUTH = "ignored_auth"
UNSUPPORTED_METHOD = "unsupported_method"
# The suite's own (the faulty server imports nothing from contract_tests; the teeth test checks
# that each name below is one the suite can report).
MISSING_TOKEN_401 = "missing_token_401"
WRONG_TOKEN_401 = "wrong_token_401"
UNKNOWN_ID_404 = "unknown_id_404"
REFLECTS = "reflects_values_sent"
UNSENT_UNCHANGED = "unsent_fields_unchanged"
ID_MATCHES_PATH = "id_matches_path"
CREATED_AT_UNCHANGED = "created_at_unchanged"
WORKSPACE_UNCHANGED = "workspace_id_unchanged"
LAST_UPDATE_NOT_BACKWARDS = "last_update_not_backwards"
LIMITS_ENFORCED = "limits_enforced"
WRONG_TYPES_REJECTED = "wrong_types_rejected"
NULL_REJECTED = "null_rejected_where_not_nullable"
UNKNOWN_PROPERTIES_REJECTED = "unknown_properties_rejected"
MISSING_BODY_REJECTED = "missing_body_rejected"
NON_JSON_BODY_REJECTED = "non_json_body_rejected"
VALID_VALUES_ACCEPTED = "valid_values_accepted"
ACCEPTED_VALUES_PERSIST = "accepted_values_persist"
REJECTED_CHANGES_NOTHING = "rejected_request_changes_nothing"
CONCURRENT_WRITES_KEPT = "concurrent_writes_kept"


@dataclass(frozen=True)
class Variant:
    name: str  # also its base path on the faulty server
    kind: str
    description: str
    outcome: str
    server: type[KinboxServer]
    properties: frozenset[str] = frozenset()  # for `killed`: each must be reported broken
    gap: str | None = None  # why the suite does not reach `outcome` yet

    @property
    def verdict(self) -> str:
        """What the README table says: the outcome due, and whether the suite reaches it."""
        return f"{self.outcome}: **not yet**, {self.gap}" if self.gap else self.outcome


def fault(
    name: str, kind: str, description: str, server: type[KinboxServer], *properties: str, gap: str | None = None
) -> Variant:
    return Variant(name, kind, description, KILLED, server, frozenset(properties), gap)


def benign(name: str, description: str, server: type[KinboxServer], gap: str | None = None) -> Variant:
    return Variant(name, BENIGN, description, PASSES, server, gap=gap)


CORRECT = benign("correct", "the reference implementation, nothing injected", KinboxServer)

# fmt: off
FAULTS = (
    fault("accepts-long-name", SCHEMA, "accepts a name over its 128-character maxLength",
          validation.AcceptsLongName, LIMITS_ENFORCED, NEGATIVE_DATA_REJECTION),
    fault("email-one-past-limit", SCHEMA, "accepts an e-mail of 101 characters (off by one)",
          validation.AcceptsOnePastEmailLimit, LIMITS_ENFORCED, NEGATIVE_DATA_REJECTION),
    fault("rejects-at-limit", SCHEMA, "refuses a value exactly at its maxLength (off by one)",
          validation.RejectsAtLimit, VALID_VALUES_ACCEPTED, POSITIVE_DATA_ACCEPTANCE),
    fault("counts-utf8-bytes", SCHEMA, "measures maxLength in UTF-8 bytes, refusing 128 accented letters",
          validation.CountsUtf8Bytes, VALID_VALUES_ACCEPTED),
    fault("counts-utf16-units", SCHEMA, "measures maxLength in UTF-16 units, so an emoji counts twice",
          validation.CountsUtf16Units, VALID_VALUES_ACCEPTED),
    fault("accepts-null-everywhere", SCHEMA, "accepts null for fields that are not nullable",
          validation.AcceptsNullEverywhere, NULL_REJECTED, NEGATIVE_DATA_REJECTION),
    fault("refuses-null", SCHEMA, "refuses null where the contract allows clearing a field",
          validation.RefusesNull, VALID_VALUES_ACCEPTED, POSITIVE_DATA_ACCEPTANCE),
    fault("drops-unknown-properties", SCHEMA, "silently ignores properties the request schema forbids",
          validation.DropsUnknownProperties, UNKNOWN_PROPERTIES_REJECTED, NEGATIVE_DATA_REJECTION),
    fault("coerces-to-text", SCHEMA, "stores numbers and booleans sent for text fields as text",
          validation.CoercesToText, WRONG_TYPES_REJECTED, NEGATIVE_DATA_REJECTION),
    fault("workspace-id-as-text", SCHEMA, "answers workspaceId as a string",
          answers.WorkspaceIdAsText, RESPONSE_SCHEMA),
    fault("sql-timestamps", SCHEMA, "answers timestamps as `2026-12-01 10:15:00`, not RFC 3339",
          answers.SqlTimestamps, RESPONSE_SCHEMA),
    fault("other-methods-404", SCHEMA, "answers other methods 404 without `Allow`, not 405",
          answers.OtherMethodsNotFound, UNSUPPORTED_METHOD),
    fault("empty-body-is-empty-object", SCHEMA, "reads a missing (required) body as `{}` and answers 200",
          validation.EmptyBodyIsEmptyObject, MISSING_BODY_REJECTED),
    fault("errors-without-message", SCHEMA, "answers errors as `{\"error\": ...}`, without the required message",
          answers.ErrorsWithoutMessage, RESPONSE_SCHEMA),
    fault("crashes-on-empty-strings", ROBUSTNESS, "answers 500 when a string is empty",
          robustness.CrashesOnEmptyStrings, SERVER_ERROR),
    fault("crashes-on-astral", ROBUSTNESS, "answers 500 on characters above U+FFFF (MySQL utf8)",
          robustness.CrashesOnAstralCharacters, SERVER_ERROR),
    fault("crashes-on-nul", ROBUSTNESS, "answers 500 on U+0000 in a string (PostgreSQL text)",
          robustness.CrashesOnNul, SERVER_ERROR),
    fault("crashes-on-invalid-json", ROBUSTNESS, "answers 500, not 400, to a body that is not JSON",
          robustness.CrashesOnInvalidJson, SERVER_ERROR),
    fault("crashes-on-empty-body", ROBUSTNESS, "answers 500, not 400, when the body is missing",
          robustness.CrashesOnEmptyBody, MISSING_BODY_REJECTED, SERVER_ERROR),
    fault("int32-ids", ROBUSTNESS, "answers 500 for ids beyond 32 bits instead of 404",
          robustness.Int32Ids, UNKNOWN_ID_404),
    fault("ignores-auth", AUTH, "answers without looking at the token",
          auth.IgnoresAuth, MISSING_TOKEN_401, WRONG_TOKEN_401, IGNORED_AUTH),
    fault("any-bearer-token", AUTH, "accepts any bearer token, checking only that one is sent",
          auth.AcceptsAnyBearer, WRONG_TOKEN_401, IGNORED_AUTH),
    fault("token-prefix", AUTH, "accepts a token followed by anything (compares a prefix)",
          auth.AcceptsTokenPrefix, WRONG_TOKEN_401),
    fault("403-for-wrong-token", AUTH, "answers a wrong token with the undocumented 403",
          auth.ForbidsWrongToken, WRONG_TOKEN_401),
    fault("resets-unsent-fields", PATCH_SEMANTICS, "clears notes, phone and email when they are not sent",
          semantics.ResetsUnsentFields, UNSENT_UNCHANGED),
    fault("ignores-null", PATCH_SEMANTICS, "treats null as not sent, so nothing can be cleared",
          semantics.IgnoresNull, REFLECTS),
    fault("merges-objects", PATCH_SEMANTICS, "deep-merges object fields instead of replacing them",
          semantics.MergesObjects, REFLECTS),
    fault("internal-id-as-id", PATCH_SEMANTICS, "answers the `_id` sent as the contact's id",
          semantics.InternalIdBecomesId, ID_MATCHES_PATH),
    fault("rewrites-created-at", PATCH_SEMANTICS, "moves createdAt on every write",
          semantics.CreatedAtRewritten, CREATED_AT_UNCHANGED),
    fault("moves-workspace", PATCH_SEMANTICS, "re-homes the contact to another workspace on write",
          semantics.WorkspaceFromToken, WORKSPACE_UNCHANGED),
    fault("upserts-unknown-ids", PATCH_SEMANTICS, "creates a contact for an unknown id instead of 404",
          semantics.UpsertsUnknownIds, UNKNOWN_ID_404),
    fault("truncates-notes", FIDELITY, "cuts notes (no limit in the contract) to 255 characters",
          fidelity.TruncatesNotes, REFLECTS, ACCEPTED_VALUES_PERSIST),
    fault("normalises-unicode", FIDELITY, "stores text NFC-normalised (combining marks merged)",
          fidelity.NormalisesUnicode, REFLECTS, ACCEPTED_VALUES_PERSIST),
    fault("replaces-astral", FIDELITY, "replaces characters above U+FFFF with U+FFFD",
          fidelity.ReplacesAstralCharacters, REFLECTS, ACCEPTED_VALUES_PERSIST),
    fault("drops-telegram-id", FIDELITY, "answers 200 but never changes telegramId",
          fidelity.DropsTelegramId, REFLECTS, ACCEPTED_VALUES_PERSIST),
    fault("echoes-unsaved-location", FIDELITY, "answers the location sent, but never stores it",
          fidelity.EchoesUnsavedLocation, ACCEPTED_VALUES_PERSIST, UNSENT_UNCHANGED),
    fault("float-numbers", FIDELITY, "stores numbers inside free-form objects as float64",
          fidelity.FloatNumbers, REFLECTS, ACCEPTED_VALUES_PERSIST),
    fault("flattens-nested", FIDELITY, "stores nested objects and arrays in free-form objects as text",
          fidelity.FlattensNestedValues, REFLECTS, ACCEPTED_VALUES_PERSIST),
    fault("partial-write-on-422", ATOMICITY, "saves the valid fields of a body it refuses with 422",
          atomicity.AppliesValidFieldsFirst, REJECTED_CHANGES_NOTHING),
    fault("writes-before-auth", ATOMICITY, "applies the body, then answers 401 to a missing or wrong token",
          atomicity.WritesBeforeAuth, REJECTED_CHANGES_NOTHING),
    fault("loses-updates", CONCURRENCY, "read-modify-write without a lock: parallel PATCHes lose writes",
          concurrency.LosesUpdates, CONCURRENT_WRITES_KEPT),
    fault("stamps-on-arrival", CONCURRENCY, "takes lastUpdateAt on arrival, so parallel answers go backwards",
          concurrency.StampsOnArrival, LAST_UPDATE_NOT_BACKWARDS),
    fault("parses-any-media-type", CONTENT_NEGOTIATION, "parses a text/plain body as JSON instead of 400",
          negotiation.ParsesAnyMediaType, NON_JSON_BODY_REJECTED),
    fault("accepts-form-data", CONTENT_NEGOTIATION, "accepts application/x-www-form-urlencoded bodies",
          negotiation.AcceptsFormData, NON_JSON_BODY_REJECTED),
    fault("answers-text-plain", CONTENT_NEGOTIATION, "labels its JSON answers text/plain",
          negotiation.AnswersTextPlain, CONTENT_TYPE),
    fault("answers-415", CONTENT_NEGOTIATION, "answers the undocumented 415 to a non-JSON body, not 400",
          negotiation.Answers415, NON_JSON_BODY_REJECTED, STATUS_CODE),
)

BENIGN_VARIANTS = (
    benign("rate-limited", "answers every 150th request 429 with `Retry-After: 1`", allowed.RateLimited),
    benign("unavailable", "answers every 170th request 503 with `Retry-After: 1`", allowed.Unavailable),
    benign("retry-after-date", "answers every 190th request 429 with Retry-After as an HTTP-date",
           allowed.RetryAfterDate),
    benign("gzip", "compresses answers when the client accepts gzip", allowed.Gzips),
    benign("charset", "sends `application/json; charset=utf-8`", allowed.CharsetParameter),
    benign("extra-properties", "adds undocumented properties to contacts, errors and error details",
           allowed.ExtraProperties),
    benign("pretty-printed", "indents its JSON, escaped to ASCII", allowed.PrettyPrinted),
    benign("connection-close", "closes the connection after every answer", allowed.ClosesConnections),
    benign("chunked", "streams answers without Content-Length", allowed.Chunked),
    benign("latency", "takes 2-10 ms per answer", allowed.Slow),
)
# fmt: on

CATALOGUE: tuple[Variant, ...] = (CORRECT, *FAULTS, *BENIGN_VARIANTS)
BY_NAME = {variant.name: variant for variant in CATALOGUE}
