"""Properties across the contact operations: what one call writes, another call reads.

The suite keeps a few contacts of its own, tagged with the reserved `origin` `TAG` and the
reserved external ids `TAG-1` ... `TAG-N`. It first lists the tagged contacts and creates only
those missing, so against a live server the first run creates `TAGGED` contacts and every later
run reuses them; nothing else is ever created there. With them it checks:

- a created contact is listed (by its `externalId`) with the same fields the 201 answered
  (the documented ones: undocumented properties are the server's own, as for PATCH);
- an update (PATCH of `notes` on a tagged contact) is visible in the listing;
- pages of the tagged set, at limit 1 and 2, partition it: no duplicate, no gap, each page
  within `limit`, and `totalCount` equals the number of matching contacts (also for list-all);
- every filter, built from a tagged contact's own values, returns that contact and only
  contacts that match as the spec's descriptions decide (checked here independently of the mock);
- `limit` and `offset` out of their ranges are refused with 422.

Then, against a server the suite may fill (not live), schemathesis' stateful phase follows the
spec's links (create -> update by `id`, create -> list by `externalId`) with every check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, seed, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case

from .properties import same_json
from .session import Session, json_body

TAG = "kinbox-contract-suite"
TAGGED = 3
LIMIT_MAX = 500  # the largest `limit` that asks for every tagged contact in one page

CREATED_IS_LISTED = "created_contact_is_listed"
UPDATE_IS_LISTED = "update_is_visible_in_list"
PAGES_PARTITION = "pages_partition_the_matching_set"
TOTAL_COUNT = "total_count_counts_the_matching_set"
FILTERS_MATCH = "filters_return_only_matching_contacts"
PAGING_BOUNDS = "out_of_range_limit_and_offset_rejected"
STATEFUL = "stateful_links"
RESOURCE_PROPERTIES = (
    CREATED_IS_LISTED,
    UPDATE_IS_LISTED,
    PAGES_PARTITION,
    TOTAL_COUNT,
    FILTERS_MATCH,
    PAGING_BOUNDS,
    STATEFUL,
)

Contact = dict[str, Any]


def moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.upper().replace("Z", "+00:00"))


# How each List Contacts filter matches, as the spec's descriptions say.
FILTER_MATCHES: dict[str, Callable[[Contact, Any], bool]] = {
    "name": lambda c, v: isinstance(c.get("name"), str) and v.casefold() in c["name"].casefold(),
    "externalId": lambda c, v: c.get("externalId") == v,
    "origin": lambda c, v: c.get("origin") == v,
    "phone": lambda c, v: c.get("phone") == v,
    "email": lambda c, v: isinstance(c.get("email"), str) and c["email"].casefold() == v.casefold(),
    "newContact": lambda c, v: bool(c.get("newContact", False)) is (v == "true"),
    "createdAtFrom": lambda c, v: moment(c["createdAt"]) >= moment(v),
    "createdAtTo": lambda c, v: moment(c["createdAt"]) <= moment(v),
}


class Resource:
    """The three operations beside PATCH, driven through the session (counted, with its manners)."""

    def __init__(self, session: Session, schema: Any) -> None:
        self.session = session
        self.create_op = schema["/v3/contacts"]["POST"]
        self.list_op = schema["/v3/contacts"]["GET"]
        self.all_op = schema["/v3/contacts/all"]["GET"]

    def create(self, body: Contact) -> tuple[Case[Any], Response]:
        case = self.create_op.Case(body=body, headers=self.session.auth, media_type="application/json")
        return case, self.session.send(case, "resource")

    def list(self, query: dict[str, Any], operation: Any = None) -> tuple[Case[Any], Response, Any]:
        case = (operation or self.list_op).Case(query=query, headers=self.session.auth)
        response = self.session.send(case, "resource")
        return case, response, json_body(response) if response.status_code == 200 else None


def documented(session: Session, contact: Contact) -> Contact:
    """The contact's properties the spec documents: undocumented ones are the server's own
    (bookkeeping that may change on every answer), as for the PATCH properties."""
    known = session.contract.document["components"]["schemas"]["Contact"]["properties"]
    return {name: value for name, value in contact.items() if name in known}


def same_contact(session: Session, one: Any, other: Any) -> bool:
    if not (isinstance(one, dict) and isinstance(other, dict)):
        return False
    return same_json(documented(session, one), documented(session, other))


def tagged_body(index: int) -> Contact:
    return {
        "name": f"Contract Suite {index}",
        "externalId": f"{TAG}-{index}",
        "origin": TAG,
        "email": f"contract-suite-{index}@example.invalid",
        "phone": f"+55000000000{index}",
        "newContact": index == 1,
    }


def run_resource(session: Session, schema: Any) -> None:
    resource = Resource(session, schema)
    tagged = _tagged_contacts(resource)
    if tagged is None:
        return
    _update_is_listed(resource, tagged[0])
    _pages(resource)
    _filters(resource, tagged)
    _paging_bounds(resource)


def _listed(resource: Resource, query: dict[str, Any]) -> tuple[Case[Any], Response, list[Contact] | None]:
    case, response, page = resource.list({**query, "limit": LIMIT_MAX})
    data = page.get("data") if isinstance(page, dict) else None
    return case, response, data if isinstance(data, list) else None


def _tagged_contacts(resource: Resource) -> list[Contact] | None:
    """The suite's tagged contacts, the missing ones created (and checked to be listed as created)."""
    session = resource.session
    case, response, found = _listed(resource, {"origin": TAG})
    if found is None:
        session.record(CREATED_IS_LISTED, "listing the suite's tagged contacts did not answer 200", case, response)
        return None
    by_external = {c.get("externalId"): c for c in found}
    tagged: list[Contact] = []
    for index in range(1, TAGGED + 1):
        external_id = f"{TAG}-{index}"
        if external_id in by_external:
            tagged.append(by_external[external_id])
            continue
        create_case, created = resource.create(tagged_body(index))
        contact = json_body(created) if created.status_code == 201 else None
        if not isinstance(contact, dict):
            session.record(CREATED_IS_LISTED, "creating a contact did not answer 201", create_case, created)
            return None
        list_case, listed, data = _listed(resource, {"externalId": external_id})
        if data is None or [c.get("id") for c in data] != [contact["id"]]:
            session.record(
                CREATED_IS_LISTED, f"the contact created as {contact['id']} is not listed once", list_case, listed
            )
        elif not same_contact(session, data[0], contact):
            session.record(CREATED_IS_LISTED, "the listed contact differs from the 201 answer", list_case, listed)
        tagged.append(contact)
    return tagged


def _update_is_listed(resource: Resource, contact: Contact) -> None:
    session = resource.session
    notes = f"{TAG}: checked at {dt.datetime.now(dt.UTC).isoformat()}"
    case = session.patch(int(contact["id"]), {"notes": notes}, session.auth)
    response = session.send(case, "resource")
    answer = json_body(response) if response.status_code == 200 else None
    if not isinstance(answer, dict):
        session.record(UPDATE_IS_LISTED, "updating a tagged contact did not answer 200", case, response)
        return
    list_case, listed, data = _listed(resource, {"externalId": contact["externalId"]})
    if data is None or len(data) != 1 or not same_contact(session, data[0], answer):
        session.record(
            UPDATE_IS_LISTED, "the listing does not show the contact as the PATCH answered it", list_case, listed
        )


def _pages(resource: Resource) -> None:
    session = resource.session
    full_case, full, everything = _listed(resource, {"origin": TAG})
    if everything is None:
        session.record(PAGES_PARTITION, "listing the tagged contacts did not answer 200", full_case, full)
        return
    expected = [c.get("id") for c in everything]
    for limit in (1, 2):
        seen: list[Any] = []
        for offset in range(0, len(expected) + limit, limit):  # one page past the end, which must be empty
            case, response, page = resource.list({"origin": TAG, "limit": limit, "offset": offset})
            data = page.get("data") if isinstance(page, dict) else None
            if not isinstance(data, list):
                session.record(PAGES_PARTITION, "a page did not answer 200 with data", case, response)
                return
            if len(data) > limit:
                session.record(
                    PAGES_PARTITION, f"a page holds {len(data)} contacts, more than limit {limit}", case, response
                )
            if page.get("totalCount") != len(expected):
                why = f"totalCount {page.get('totalCount')!r}, but {len(expected)} contacts match"
                session.record(TOTAL_COUNT, why, case, response)
            seen.extend(c.get("id") for c in data)
        if seen != expected:
            session.record(
                PAGES_PARTITION,
                f"pages of {limit} give {seen}, not the listing's {expected} (a duplicate, a gap or another order)",
                full_case,
                full,
            )


def _filters(resource: Resource, tagged: list[Contact]) -> None:
    session = resource.session
    contact = tagged[0]
    name = str(contact.get("name", ""))
    queries: dict[str, Any] = {
        "name": name[len(name) // 2 :].upper(),
        "externalId": contact.get("externalId"),
        "origin": TAG,
        "phone": contact.get("phone"),
        "email": str(contact.get("email", "")).upper(),
        "newContact": "true" if contact.get("newContact") else "false",
        "createdAtFrom": contact["createdAt"],
        "createdAtTo": contact["createdAt"],
    }
    for parameter, value in queries.items():
        if value in (None, ""):
            continue
        case, response, data = _listed(resource, {parameter: value})
        if data is None:
            session.record(FILTERS_MATCH, f"filtering by {parameter} did not answer 200", case, response)
            continue
        wrong = [c.get("id") for c in data if not FILTER_MATCHES[parameter](c, value)]
        if wrong:
            session.record(
                FILTERS_MATCH, f"{parameter}={value!r} returned contacts that do not match: {wrong}", case, response
            )
        if contact["id"] not in [c.get("id") for c in data] and len(data) < LIMIT_MAX:
            session.record(
                FILTERS_MATCH, f"{parameter}={value!r} left out contact {contact['id']}, which matches", case, response
            )
    at = {"createdAtFrom": contact["createdAt"], "createdAtTo": contact["createdAt"]}
    for query in (at, {**at, "newContact": queries["newContact"]}):
        case, response, answer = resource.list(query, resource.all_op)
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, list):
            session.record(FILTERS_MATCH, "listing all contacts did not answer 200", case, response)
            continue
        if answer.get("totalCount") != len(data):
            session.record(
                TOTAL_COUNT,
                f"list-all's totalCount {answer.get('totalCount')!r} for {len(data)} contacts",
                case,
                response,
            )
        wrong = [c.get("id") for c in data if not all(FILTER_MATCHES[p](c, v) for p, v in query.items())]
        if wrong or contact["id"] not in [c.get("id") for c in data]:
            session.record(
                FILTERS_MATCH, f"list-all with {query} returned {[c.get('id') for c in data]}", case, response
            )


def _paging_bounds(resource: Resource) -> None:
    session = resource.session
    for query in ({"limit": 0}, {"limit": LIMIT_MAX + 1}, {"offset": -1}, {"limit": "ten"}):
        case, response, _ = resource.list(query)
        if response.status_code != 422:
            session.record(PAGING_BOUNDS, f"{query} answered {response.status_code}, not 422", case, response)


def run_stateful(session: Session, schema: Any, steps: int, seed_value: int = 0) -> None:
    """schemathesis' stateful phase over the spec's links, with every check; findings are recorded.

    Seeded like the generated cases (CONTRACT_SEED): one seed, one sequence of calls.
    """
    # The token as configured headers, so schemathesis knows it is explicit (and valid): its
    # ignored_auth check then probes without it, instead of blaming the token for being accepted.
    schema.config.update(headers=session.auth)
    workflow = schema.as_state_machine()

    class Workflow(workflow):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            return session.transport

        def validate_response(self, response: Response, case: Case[Any], **kwargs: Any) -> None:
            session.statuses[response.status_code] += 1
            session.report.sent["stateful"] += 1
            try:
                case.validate_response(response, transport_kwargs=session.transport)
            except FailureGroup as group:
                for failure in group.exceptions:
                    first_line = (failure.message or failure.title).strip().splitlines()[0]
                    session.record(STATEFUL, f"{failure.title}: {first_line}", case, response)

    # hypothesis reads the seed of a state machine from its class (`run_state_machine_as_test`).
    seed(seed_value)(Workflow)
    Workflow.run(
        settings=settings(
            max_examples=steps,
            stateful_step_count=6,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
    )
