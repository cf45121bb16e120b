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

# Property names the suite reports (schemathesis' checks and the suite's own).
NEGATIVE_DATA_REJECTION = "negative_data_rejection"
POSITIVE_DATA_ACCEPTANCE = "positive_data_acceptance"
RESPONSE_SCHEMA = "response_schema_conformance"
CONTENT_TYPE = "content_type_conformance"
STATUS_CODE = "status_code_conformance"
SERVER_ERROR = "not_a_server_error"
IGNORED_AUTH = "ignored_auth"
MISSING_TOKEN_401 = "missing_token_401"
WRONG_TOKEN_401 = "wrong_token_401"
UNKNOWN_ID_404 = "unknown_id_404"
REFLECTS = "reflects_values_sent"
UNSENT_UNCHANGED = "unsent_fields_unchanged"
ID_MATCHES_PATH = "id_matches_path"
CREATED_AT_UNCHANGED = "created_at_unchanged"
WORKSPACE_UNCHANGED = "workspace_id_unchanged"
LAST_UPDATE_NOT_BACKWARDS = "last_update_not_backwards"


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


NO_NON_ASCII_LIMIT = "no case sends a non-ASCII value at the limit"
NO_LONG_TEXT = "no case sends text longer than 255 characters"
NO_DECOMPOSED_TEXT = "no case sends text with a combining mark"
NO_BIG_INTEGER = "no case sends an integer beyond 2**53 in a free-form object"
NO_NUL = "no case sends U+0000"
NO_STATE_AFTER_4XX = "nothing compares the contact after a refused request with before"
NO_CONCURRENCY = "no PATCHes are sent in parallel"
NO_WRONG_MEDIA_TYPE = "no JSON body is sent as text/plain or form data"
JUDGES_RETRY = "a 429/503 answered to schemathesis' own ignored_auth request is judged, not waited out"


CORRECT = benign("correct", "the reference implementation, nothing injected", KinboxServer)

# fmt: off
FAULTS = (
    fault("accepts-long-name", SCHEMA, "accepts a name over its 128-character maxLength",
          validation.AcceptsLongName, NEGATIVE_DATA_REJECTION),
    fault("email-one-past-limit", SCHEMA, "accepts an e-mail of 101 characters (off by one)",
          validation.AcceptsOnePastEmailLimit, NEGATIVE_DATA_REJECTION),
    fault("rejects-at-limit", SCHEMA, "refuses a value exactly at its maxLength (off by one)",
          validation.RejectsAtLimit, POSITIVE_DATA_ACCEPTANCE),
    fault("counts-utf8-bytes", SCHEMA, "measures maxLength in UTF-8 bytes, refusing 128 accented letters",
          validation.CountsUtf8Bytes, POSITIVE_DATA_ACCEPTANCE, gap=NO_NON_ASCII_LIMIT),
    fault("counts-utf16-units", SCHEMA, "measures maxLength in UTF-16 units, so an emoji counts twice",
          validation.CountsUtf16Units, POSITIVE_DATA_ACCEPTANCE, gap=NO_NON_ASCII_LIMIT),
    fault("accepts-null-everywhere", SCHEMA, "accepts null for fields that are not nullable",
          validation.AcceptsNullEverywhere, NEGATIVE_DATA_REJECTION),
    fault("refuses-null", SCHEMA, "refuses null where the contract allows clearing a field",
          validation.RefusesNull, POSITIVE_DATA_ACCEPTANCE),
    fault("drops-unknown-properties", SCHEMA, "silently ignores properties the request schema forbids",
          validation.DropsUnknownProperties, NEGATIVE_DATA_REJECTION),
    fault("coerces-booleans", SCHEMA, 'reads "true", "0", 1 as booleans instead of refusing them',
          validation.CoercesBooleans, NEGATIVE_DATA_REJECTION),
    fault("coerces-to-text", SCHEMA, "stores numbers and booleans sent for text fields as text",
          validation.CoercesToText, NEGATIVE_DATA_REJECTION),
    fault("objects-take-any-json", SCHEMA, "accepts arrays, strings and numbers in object fields",
          validation.AcceptsAnyJsonInObjects, NEGATIVE_DATA_REJECTION),
    fault("workspace-id-as-text", SCHEMA, "answers workspaceId as a string",
          answers.WorkspaceIdAsText, RESPONSE_SCHEMA),
    fault("id-as-number", SCHEMA, "answers the contact id as a number",
          answers.IdAsNumber, RESPONSE_SCHEMA),
    fault("omits-created-at", SCHEMA, "leaves the required createdAt out of the answer",
          answers.OmitsCreatedAt, RESPONSE_SCHEMA),
    fault("sql-timestamps", SCHEMA, "answers timestamps as `2026-12-01 10:15:00`, not RFC 3339",
          answers.SqlTimestamps, RESPONSE_SCHEMA),
    fault("errors-without-message", SCHEMA, "answers errors as `{\"error\": ...}`, without the required message",
          answers.ErrorsWithoutMessage, RESPONSE_SCHEMA),
    fault("crashes-on-empty-strings", ROBUSTNESS, "answers 500 when a string is empty",
          robustness.CrashesOnEmptyStrings, SERVER_ERROR),
    fault("crashes-on-astral", ROBUSTNESS, "answers 500 on characters above U+FFFF (MySQL utf8)",
          robustness.CrashesOnAstralCharacters, SERVER_ERROR),
    fault("crashes-on-nul", ROBUSTNESS, "answers 500 on U+0000 in a string (PostgreSQL text)",
          robustness.CrashesOnNul, SERVER_ERROR, gap=NO_NUL),
    fault("crashes-on-invalid-json", ROBUSTNESS, "answers 500, not 400, to a body that is not JSON",
          robustness.CrashesOnInvalidJson, SERVER_ERROR),
    fault("crashes-on-non-object", ROBUSTNESS, "answers 500, not 400, to a JSON array or scalar body",
          robustness.CrashesOnNonObjectBody, SERVER_ERROR),
    fault("crashes-on-empty-body", ROBUSTNESS, "answers 500, not 400, when the body is missing",
          robustness.CrashesOnEmptyBody, SERVER_ERROR),
    fault("int32-ids", ROBUSTNESS, "answers 500 for ids beyond 32 bits instead of 404",
          robustness.Int32Ids, UNKNOWN_ID_404),
    fault("ignores-auth", AUTH, "answers without looking at the token",
          auth.IgnoresAuth, MISSING_TOKEN_401, WRONG_TOKEN_401, IGNORED_AUTH),
    fault("any-bearer-token", AUTH, "accepts any bearer token, checking only that one is sent",
          auth.AcceptsAnyBearer, WRONG_TOKEN_401),
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
    fault("lagging-clock", PATCH_SEMANTICS, "stamps every third write five seconds in the past",
          semantics.LaggingClock, LAST_UPDATE_NOT_BACKWARDS),
    fault("upserts-unknown-ids", PATCH_SEMANTICS, "creates a contact for an unknown id instead of 404",
          semantics.UpsertsUnknownIds, UNKNOWN_ID_404),
    fault("swapped-columns", PATCH_SEMANTICS, "writes telegramId into instagramId",
          semantics.SwappedColumns, REFLECTS),
    fault("truncates-notes", FIDELITY, "cuts notes (no limit in the contract) to 255 characters",
          fidelity.TruncatesNotes, REFLECTS, gap=NO_LONG_TEXT),
    fault("trims-whitespace", FIDELITY, "strips leading and trailing whitespace from text",
          fidelity.TrimsWhitespace, REFLECTS),
    fault("normalises-unicode", FIDELITY, "stores text NFC-normalised (combining marks merged)",
          fidelity.NormalisesUnicode, REFLECTS, gap=NO_DECOMPOSED_TEXT),
    fault("replaces-astral", FIDELITY, "replaces characters above U+FFFF with U+FFFD",
          fidelity.ReplacesAstralCharacters, REFLECTS),
    fault("drops-telegram-id", FIDELITY, "answers 200 but never changes telegramId",
          fidelity.DropsTelegramId, REFLECTS),
    fault("echoes-unsaved-location", FIDELITY, "answers the location sent, but never stores it",
          fidelity.EchoesUnsavedLocation, UNSENT_UNCHANGED),
    fault("lowercases-email", FIDELITY, "stores e-mail addresses lower-cased",
          fidelity.LowercasesEmail, REFLECTS),
    fault("float-numbers", FIDELITY, "stores numbers inside free-form objects as float64",
          fidelity.FloatNumbers, REFLECTS, gap=NO_BIG_INTEGER),
    fault("flattens-nested", FIDELITY, "stores nested objects and arrays in free-form objects as text",
          fidelity.FlattensNestedValues, REFLECTS),
    fault("partial-write-on-422", ATOMICITY, "saves the valid fields of a body it refuses with 422",
          atomicity.AppliesValidFieldsFirst, UNSENT_UNCHANGED, gap=NO_STATE_AFTER_4XX),
    fault("writes-before-auth", ATOMICITY, "applies the body, then answers 401 to a missing or wrong token",
          atomicity.WritesBeforeAuth, UNSENT_UNCHANGED, gap=NO_STATE_AFTER_4XX),
    fault("loses-updates", CONCURRENCY, "read-modify-write without a lock: parallel PATCHes lose writes",
          concurrency.LosesUpdates, REFLECTS, gap=NO_CONCURRENCY),
    fault("stamps-on-arrival", CONCURRENCY, "takes lastUpdateAt on arrival, so parallel answers go backwards",
          concurrency.StampsOnArrival, LAST_UPDATE_NOT_BACKWARDS, gap=NO_CONCURRENCY),
    fault("parses-any-media-type", CONTENT_NEGOTIATION, "parses a text/plain body as JSON instead of 400",
          negotiation.ParsesAnyMediaType, NEGATIVE_DATA_REJECTION, gap=NO_WRONG_MEDIA_TYPE),
    fault("accepts-form-data", CONTENT_NEGOTIATION, "accepts application/x-www-form-urlencoded bodies",
          negotiation.AcceptsFormData, NEGATIVE_DATA_REJECTION, gap=NO_WRONG_MEDIA_TYPE),
    fault("answers-text-plain", CONTENT_NEGOTIATION, "labels its JSON answers text/plain",
          negotiation.AnswersTextPlain, CONTENT_TYPE),
    fault("answers-415", CONTENT_NEGOTIATION, "answers the undocumented 415 to a non-JSON body, not 400",
          negotiation.Answers415, STATUS_CODE),
    fault("errors-as-html", CONTENT_NEGOTIATION, "answers errors with an HTML page",
          negotiation.ErrorsAsHtml, CONTENT_TYPE),
)

BENIGN_VARIANTS = (
    benign("rate-limited", "answers every 97th request 429 with `Retry-After: 1`", allowed.RateLimited,
           gap=JUDGES_RETRY),
    benign("unavailable", "answers every 89th request 503 with `Retry-After: 1`", allowed.Unavailable,
           gap=JUDGES_RETRY),
    benign("retry-after-date", "answers every 101st request 429 with Retry-After as an HTTP-date",
           allowed.RetryAfterDate, gap=JUDGES_RETRY),
    benign("gzip", "compresses answers when the client accepts gzip", allowed.Gzips),
    benign("charset", "sends `application/json; charset=utf-8`", allowed.CharsetParameter),
    benign("extra-properties", "adds undocumented properties to contacts, errors and error details",
           allowed.ExtraProperties),
    benign("pretty-printed", "indents its JSON, escaped to ASCII", allowed.PrettyPrinted),
    benign("ascii-escaped", "escapes every non-ASCII character as `\\uXXXX`", allowed.AsciiEscaped),
    benign("connection-close", "closes the connection after every answer", allowed.ClosesConnections),
    benign("latency", "takes 5-25 ms per answer", allowed.Slow),
    benign("chunked", "streams answers without Content-Length", allowed.Chunked),
)
# fmt: on

CATALOGUE: tuple[Variant, ...] = (CORRECT, *FAULTS, *BENIGN_VARIANTS)
BY_NAME = {variant.name: variant for variant in CATALOGUE}
