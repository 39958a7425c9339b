from datetime import UTC, datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from crm_sandbox import ManualClock, Sandbox
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core.connectors import connector_factory
from identity_app import services
from identity_app.models import ReviewItem, ReviewReason
from mappings_app.models import CrmObject, Flow
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

SOURCE = "lead_scorer"

CRM_RECORDS = [
    # Two Jane Does at Acme: a record with only her name and company cannot tell them apart.
    {
        "id": "C-1",
        "firstname": "Jane",
        "lastname": "Doe",
        "email": "jane.doe@acme.com",
        "company": "Acme Inc",
        "zip": "02110",
        "city": "Boston",
    },
    {
        "id": "C-2",
        "firstname": "Jane",
        "lastname": "Doe",
        "email": "j.doe@acme.com",
        "company": "Acme",
        "zip": "02110",
        "city": "Boston",
    },
    {
        "id": "C-4",
        "firstname": "Janet",
        "lastname": "Doe",
        "email": "janet@acme.com",
        "company": "Acme",
        "zip": "02110",
        "city": "Cambridge",
    },
    {
        "id": "C-3",
        "firstname": "Omar",
        "lastname": "Haddad",
        "email": "omar@globex.io",
        "company": "Globex",
        "zip": "94105",
        "city": "San Francisco",
    },
]


def crm(record: dict) -> dict:
    values = {key: value for key, value in record.items() if key != "id"}
    return {"id": record["id"], "values": values, "modified_at": "2026-01-05T10:00:00Z"}


@pytest.fixture
def contacts(connection):
    return CrmObject.objects.create(connection=connection, name="contacts", label="Contacts")


@pytest.fixture
def flow(connection, contacts):
    return Flow.objects.create(
        connection=connection, name="lead scores", source_system=SOURCE, crm_object=contacts
    )


@pytest.fixture
def crm_sandbox(connection, contacts, users):
    """The connection served by a HubSpot sandbox account (its schema in the catalog, the enricher's
    attributes mapped to contact fields), for decisions that call the CRM ("create new")."""
    sandbox = Sandbox(seed=3, clock=ManualClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC)))
    account = sandbox.add_account("hubspot", name="acme", contacts=8, companies=2)
    connection.base_url = account.base_url
    connection.credentials = {**account.credentials, "oauth_url": account.base_url}
    connection.save()

    def build(conn):
        budget = RateBudget.in_memory("identity-ui", sleep=lambda s: sandbox.clock.advance(seconds=s))
        return get_connector(
            conn, transport=sandbox.transport(), rate_budget=budget, sleep=budget_sleep(sandbox)
        )

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    attributes = {"email": "email", "first_name": "firstname", "last_name": "lastname", "company": "company"}
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            *(factories.ownership_op(field, "hybrid", "skip") for field in attributes.values()),
            *(
                factories.mapping_op(key, field, source_system="enricher")
                for key, field in attributes.items()
            ),
        ],
    )
    with connector_factory(build):
        yield account


def budget_sleep(sandbox):
    return lambda seconds: sandbox.clock.advance(seconds=seconds)


@pytest.fixture
def creating_flow(connection, contacts, crm_sandbox):
    return Flow.objects.create(
        connection=connection,
        name="enrichment",
        source_system="enricher",
        crm_object=contacts,
        allow_creates=True,
    )


@pytest.fixture
def mirror(connection, contacts):
    services.mirror_upsert(
        connection=connection, object_name="contacts", records=[crm(r) for r in CRM_RECORDS]
    )


def inbound(external_id: str, source: str = SOURCE, **attributes) -> dict:
    return {"source_system": source, "external_id": external_id, "attributes": attributes}


JANE = {"first_name": "Jane", "last_name": "Doe", "company": "Acme", "zip": "02110"}
OMAR = {"first_name": "Omar", "last_name": "Haddad", "company": "Globex", "zip": "94105"}
STRANGER = {"first_name": "Zed", "last_name": "Nobody", "company": "Initech", "email": "zed@initech.example"}


@pytest.fixture
def resolve():
    def run(flow, *records):
        return services.identity_resolve(flow=flow, records=list(records))

    return run


@pytest.fixture
def ambiguous_item(flow, mirror, resolve) -> ReviewItem:
    """A real review item: the resolver could not choose between the two Jane Does."""
    resolve(flow, inbound("lead-1", **JANE))
    item = ReviewItem.objects.get(flow=flow, external_id="lead-1")
    assert item.reason == ReviewReason.AMBIGUOUS
    assert {c["crm_id"] for c in item.candidates[:2]} == {"C-1", "C-2"}
    return item


@pytest.fixture
def clear_item(flow, mirror, resolve) -> ReviewItem:
    """A review item with one clear best candidate (probabilistic auto-link is off)."""
    resolve(flow, inbound("lead-3", **OMAR))
    item = ReviewItem.objects.get(flow=flow, external_id="lead-3")
    assert item.candidates[0]["crm_id"] == "C-3" and not item.candidates[0].get("tied")
    return item


@pytest.fixture
def unmatched_item(flow, mirror, resolve) -> ReviewItem:
    resolve(flow, inbound("lead-2", **STRANGER))
    return ReviewItem.objects.get(flow=flow, external_id="lead-2")


@pytest.fixture
def creatable_item(creating_flow, mirror, resolve) -> ReviewItem:
    resolve(creating_flow, inbound("enr-1", source="enricher", **STRANGER))
    return ReviewItem.objects.get(flow=creating_flow, external_id="enr-1")


@pytest.fixture
def login(db):
    def signed_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in


@pytest.fixture
def api_for(users):
    """api_for("reviewer") -> an APIClient with that role's token; "anonymous" has none."""

    def build(role: str) -> APIClient:
        return factories.api_client(None if role == "anonymous" else users[role])

    return build
