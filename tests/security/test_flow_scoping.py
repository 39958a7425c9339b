"""Integration accounts post only into the flows an admin granted them."""

import pytest
from django.urls import reverse

from crmhub.writeback.models import FlowGrant, InboundRecord
from mappings_app.models import Flow
from tests import factories


@pytest.fixture
def world(writeback_world):
    """These attacks go through ingest: the write-back world."""
    return writeback_world


def test_an_integration_without_a_grant_is_refused_per_record_and_an_admin_grant_lets_it_in(world, client):
    stranger = factories.make_user("other-bot", "integration")
    api = factories.api_client(stranger)
    record = world.output(world.ids[0], "scoped-1", score=3)
    refused = api.post("/api/v1/outputs/", {"records": [record]}, format="json").json()["results"][0]
    assert refused["result"] == "rejected"
    assert refused["errors"] == ["flow: this integration may not post into flow 'lead scores'."]

    client.force_login(world.users["admin"])
    response = client.post(
        reverse("admin:writeback_flowgrant_add"), {"integration_user": stranger.pk, "flow": world.flow.pk}
    )
    assert response.status_code == 302, response.content[:2000]
    grant = FlowGrant.objects.get(integration_user=stranger)
    assert grant.granted_by == world.users["admin"] and grant.flow == world.flow

    accepted = api.post("/api/v1/outputs/", {"records": [record]}, format="json").json()["results"][0]
    assert accepted["result"] == "accepted"
    assert InboundRecord.objects.get(pk=accepted["id"]).flow == world.flow


def test_a_grant_for_one_flow_does_not_open_another(world):
    other = Flow.objects.create(
        connection=world.connection,
        name="other scores",
        source_system=world.flow.source_system,
        crm_object=world.flow.crm_object,
    )
    records = [
        world.output(world.ids[1], "in-granted"),
        {**world.output(world.ids[1], "in-other"), "flow": other.pk},
    ]
    body = factories.api_client(world.users["integration"]).post(
        "/api/v1/outputs/", {"records": records}, format="json"
    )
    assert [r["result"] for r in body.json()["results"]] == ["accepted", "rejected"]


def test_the_admin_offers_only_integration_accounts_and_other_roles_cannot_grant(world, client):
    client.force_login(world.users["admin"])
    page = client.get(reverse("admin:writeback_flowgrant_add")).content.decode()
    assert "scorer-bot" in page and "victor" not in page
    client.force_login(world.users["viewer"])
    assert client.get(reverse("admin:writeback_flowgrant_add")).status_code in (302, 403)


def test_a_rejected_record_replayed_after_the_grant_goes_on(world):
    stranger = factories.make_user("late-bot", "integration")
    from crmhub.writeback import services

    [refused] = services.outputs_ingest(user=stranger, records=[world.output(world.ids[2], "late", score=1)])
    assert refused.outcome == "rejected"
    factories.grant_flow(stranger, world.flow)
    [again] = services.inbound_rejected_replay(records=[refused.record], actor=world.users["admin"])
    assert again.outcome == "accepted"


def test_seed_demo_prints_a_working_lead_scorer_token_scoped_to_its_flows(db, settings):
    settings.DEBUG = True  # a demo command
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("seed_demo", stdout=out)
    secret = out.getvalue().split("API token of the lead-scorer integration: ")[1].split()[0]
    client = factories.api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/v1/outputs/").status_code == 200
    granted = set(
        FlowGrant.objects.filter(integration_user__username="lead-scorer").values_list(
            "flow__name", flat=True
        )
    )
    assert granted == {"Lead scores", "Lead scores (Salesforce)"}
