"""Demo cases that need the CRM in a given state: one person entered twice in the CRM (a tie in the review
queue), and a picklist option the CRM retired after the catalog was discovered (a dead letter with a fix). `demo_traffic` sets them up against the served sandbox; the tests run the same functions in process."""

from contextlib import contextmanager
from datetime import UTC, datetime

from crmhub.connectors import RecordCreate
from crmhub.core.connectors import connector_for

KEY_PREFIX = "demo-case"  # idempotency keys of the cases' records and outputs

# Another tool created Lena twice: same name, company and title, two addresses at her company.
DUPLICATE_PERSON = {
    "firstname": "Lena",
    "lastname": "Marsh",
    "company": "Northwind Traders",
    "jobtitle": "VP Sales",
}
DUPLICATE_EMAILS = ("lena.marsh@northwind-traders.example", "l.marsh@northwind-traders.example")


class CaseFailed(Exception):
    pass


def duplicate_person_create(*, connection) -> list[str]:
    """The two CRM records of one person (created once: a second run finds them by their keys); their ids."""
    records = [
        RecordCreate(key=f"{KEY_PREFIX}-duplicate-{number}", values={**DUPLICATE_PERSON, "email": email})
        for number, email in enumerate(DUPLICATE_EMAILS, start=1)
    ]
    with connector_for(connection) as connector:
        results = connector.create("contacts", records, lookup_first=True)
    failed = [result for result in results if not result.ok]
    if failed:
        raise CaseFailed(f"The CRM did not create the duplicate contacts: {failed[0].message}")
    return [result.record_id for result in results]


def tied_output(*, flow_name: str, observed_at: datetime | None = None) -> dict:
    """A lead score for Lena that names her without an email: both CRM records fit her equally."""
    return {
        "flow": flow_name,
        "source_system": "lead_scorer",
        "object_type": "contacts",
        "external_id": "lead-lena-marsh",
        "identifiers": {},
        "attributes": {"first_name": "Lena", "last_name": "Marsh", "company_name": "Northwind Traders"},
        "values": {"score": 71.5, "segment": "M"},
        "observed_at": (observed_at or datetime.now(UTC)).isoformat(),
        "idempotency_key": f"{KEY_PREFIX}-tie",
    }


# A lead status the CRM admin retired after the catalog was discovered: the catalog still offers it, the CRM
# refuses it. The write is dead-lettered (the field is checked against the CRM's schema at once and its
# mapping halted); a change request that maps the old status onto a current one, then Replay, delivers it.
RETIRED_OPTION = ("contacts", "hs_lead_status", "NURTURING")


@contextmanager
def retired_option_listed(account):
    """The sandbox account as it was when the catalog was discovered: the retired option still there."""
    object_name, field, option = RETIRED_OPTION
    options = account.schema[object_name][field].options
    options.append(option)
    try:
        yield
    finally:
        options.remove(option)


def retired_option_output(*, flow_name: str, email: str, observed_at: datetime | None = None) -> dict:
    """A lead status in the retired option, for a contact the CRM knows."""
    return {
        "flow": flow_name,
        "source_system": "lead_scorer",
        "object_type": "contacts",
        "external_id": "lead-retired-status",
        "identifiers": {"email": email},
        "values": {"lead_status": RETIRED_OPTION[2]},
        "observed_at": (observed_at or datetime.now(UTC)).isoformat(),
        "idempotency_key": f"{KEY_PREFIX}-retired-status",
    }


def outputs_not_yet_posted(records: list[dict]) -> list[dict]:
    """The demo outputs an earlier `make demo` on the same database has not posted: a second run sends each
    idempotency key once, instead of the same key with a new observed time (rejected as reused)."""
    from crmhub.writeback.models import InboundRecord

    keys = [record["idempotency_key"] for record in records]
    posted = set(
        InboundRecord.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True)
    )
    return [record for record in records if record["idempotency_key"] not in posted]
