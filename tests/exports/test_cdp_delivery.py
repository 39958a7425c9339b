"""CDP delivery of CRM records with the consent gate, into the emulator: opt-in sends the profile and its
account, missing consent sends nothing, an opt-out after a send is a suppression (trait + track, no personal
data) with its lag kept, a re-opt-in sends the profile again, a suppression the CDP did not take stays due
and becomes a failed row, deletes and merges, accounts and deal stage changes."""

from datetime import UTC, datetime, timedelta

import pytest

from crm_sandbox import Sandbox
from crmhub.exports.cdp_delivery import ACCOUNT, DEAL, PERSON, CdpObjectPlan, cdp_client, cdp_deliver
from crmhub.exports.models import (
    Destination,
    DestinationKind,
    ExportFailedRow,
    ExportRun,
    RecordConsentState,
    SuppressionDelivery,
)
from tests import factories

WRITE_KEY = "wk_delivery"
T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
PEOPLE = CdpObjectPlan(
    role=PERSON,
    traits=lambda values: {"email": values.get("email"), "lifecycle_stage": values.get("lifecyclestage")},
    account_object="companies",
    account_field="associatedcompanyid",
)


@pytest.fixture
def world(db):
    sandbox = Sandbox(seed=3)
    source = sandbox.cdp.add_source(WRITE_KEY)
    connection = factories.make_connection(name="acme-hubspot")
    destination = Destination.objects.create(
        name="segment-prod",
        kind=DestinationKind.CDP,
        endpoint_url="http://sandbox.test/cdp",
        credentials={"write_key": WRITE_KEY},
        purposes=["email_marketing"],
    )
    return sandbox, source, connection, destination


def contact(crm_id, optout, at, **values):
    values = {
        "email": f"p{crm_id}@example.com",
        "lifecyclestage": "lead",
        "hs_email_optout": optout,
        **values,
    }
    return {"id": crm_id, "modified_at": at.isoformat(), "values": values}


def deliver(world, records, plan=PEOPLE, object_name="contacts", **options):
    sandbox, _source, connection, destination = world
    client = cdp_client(
        destination=destination, transport=sandbox.transport(), sleep=lambda s: None, max_attempts=2
    )
    with client:
        return cdp_deliver(
            destination=destination,
            connection=connection,
            object_name=object_name,
            records=records,
            plan=plan,
            client=client,
            **options,
        )


def test_opt_in_sends_identify_and_group_and_missing_consent_sends_nothing(world):
    _sandbox, source, _connection, _destination = world
    result = deliver(world, [contact("1", "false", T0, associatedcompanyid="77"), contact("2", None, T0)])
    assert (result.sent, result.withheld) == (1, 1)
    identify, group = source.messages
    assert identify["type"] == "identify" and identify["userId"] == "acme-hubspot:contacts:1"
    assert identify["traits"]["email"] == "p1@example.com"
    assert identify["traits"]["crm_consent"] == {"email_marketing": "opt_in"}
    assert group["groupId"] == "acme-hubspot:companies:77"
    assert not any(m["userId"].endswith(":2") for m in source.messages)
    assert RecordConsentState.objects.get(crm_id="2").allowed is False


def test_opt_out_after_a_send_is_a_suppression_without_personal_data_and_its_lag_is_kept(world):
    _sandbox, source, _connection, _destination = world
    deliver(world, [contact("1", "false", T0)])
    source.clear()
    opted_out_at = datetime.now(UTC) - timedelta(seconds=30)
    result = deliver(world, [contact("1", "true", opted_out_at)])
    assert result.suppressed == 1 and result.sent == 0
    identify, withdrawn = source.messages
    assert identify["traits"] == {"crm_suppressed": True, "crm_consent": {"email_marketing": "opt_out"}}
    assert withdrawn["event"] == "Email Consent Withdrawn"
    assert withdrawn["properties"] == {"purpose": "email_marketing", "state": "opt_out", "source": "hubspot"}
    state = RecordConsentState.objects.get(crm_id="1")
    assert state.allowed is False and 30 <= state.lag_seconds < 90
    assert result.suppression_lags_s == [state.lag_seconds]
    withdrawal = SuppressionDelivery.objects.get(crm_id="1")  # one row per withdrawal, for the monitoring
    assert withdrawal.lag_seconds == state.lag_seconds and withdrawal.withdrawn_at == opted_out_at

    source.clear()
    assert deliver(world, [contact("1", "true", opted_out_at)]).withheld == 1  # still out: nothing more
    assert source.messages == []


def test_re_opt_in_sends_the_profile_again_with_consent_granted(world):
    _sandbox, source, _connection, _destination = world
    deliver(world, [contact("1", "false", T0)])
    deliver(world, [contact("1", "true", T0 + timedelta(hours=1))])
    source.clear()
    result = deliver(world, [contact("1", "false", T0 + timedelta(hours=2))])
    assert result.re_opted_in == 1
    identify, granted = source.messages
    assert identify["traits"]["crm_suppressed"] is False and identify["traits"]["email"] == "p1@example.com"
    assert granted["event"] == "Email Consent Granted"
    assert RecordConsentState.objects.get(crm_id="1").allowed is True


def test_a_suppression_the_cdp_did_not_take_stays_due_and_is_a_failed_row(world):
    _sandbox, source, connection, destination = world
    deliver(world, [contact("1", "false", T0)])
    source.faults.set(fail_next=[503, 503])
    run = ExportRun.objects.create(destination=destination, connection=connection, object_name="contacts")
    result = deliver(world, [contact("1", "true", T0 + timedelta(hours=1))], run=run)
    assert result.suppressed == 0 and "gave up after 2 attempts" in result.failed["1"]
    row = ExportFailedRow.objects.get(run=run)
    assert row.crm_id == "1" and row.record["values"]["hs_email_optout"] == "true"
    assert RecordConsentState.objects.get(crm_id="1").allowed is True  # not yet suppressed at the CDP

    result = deliver(world, [contact("1", "true", T0 + timedelta(hours=1))])
    assert result.suppressed == 1
    assert source.messages[-1]["event"] == "Email Consent Withdrawn"


def test_oversize_profile_is_refused_with_its_reason(world):
    _sandbox, _source, connection, destination = world
    run = ExportRun.objects.create(destination=destination, connection=connection, object_name="contacts")
    big = contact("1", "false", T0, lifecyclestage="x" * 40_000)
    result = deliver(world, [big, contact("2", "false", T0)], run=run)
    assert "per-event limit" in result.failed["1"] and result.sent == 1
    assert ExportFailedRow.objects.get(run=run).crm_id == "1"
    assert not RecordConsentState.objects.filter(crm_id="1").exists()


def test_deletes_and_merges(world):
    _sandbox, source, _connection, _destination = world
    gone = [
        {"id": "5", "deleted_at": T0.isoformat()},
        {"id": "6", "deleted_at": T0.isoformat(), "merged_into": "7"},
    ]
    result = deliver(world, [], gone=gone)
    assert (result.deleted, result.merged) == (1, 1)
    deleted, alias = source.messages
    assert deleted["traits"]["crm_deleted"] is True
    assert (alias["type"], alias["previousId"], alias["userId"]) == (
        "alias",
        "acme-hubspot:contacts:6",
        "acme-hubspot:contacts:7",
    )


def test_accounts_are_groups_and_deal_stage_changes_are_tracked_on_the_account(world):
    _sandbox, source, _connection, _destination = world
    accounts = CdpObjectPlan(role=ACCOUNT, traits=lambda v: {"name": v["name"]})
    deliver(
        world,
        [{"id": "77", "modified_at": T0, "values": {"name": "Initech"}}],
        plan=accounts,
        object_name="companies",
    )
    deals = CdpObjectPlan(
        role=DEAL,
        traits=lambda v: {"amount": v["amount"]},
        account_object="companies",
        account_field="associatedcompanyid",
        stage_field="dealstage",
    )
    deal = {
        "id": "9",
        "modified_at": T0,
        "values": {"amount": 500, "dealstage": "closedwon", "associatedcompanyid": "77"},
    }
    deliver(world, [deal], plan=deals, object_name="deals", previous_stages={"9": "contractsent"})
    group, deal_group, changed = source.messages
    assert (group["type"], group["groupId"], group["traits"]) == (
        "group",
        "acme-hubspot:companies:77",
        {"name": "Initech"},
    )
    assert deal_group["groupId"] == "acme-hubspot:deals:9"
    assert changed["event"] == "Deal Stage Changed" and changed["userId"] == "acme-hubspot:companies:77"
    assert (
        changed["properties"]["from_stage"] == "contractsent"
        and changed["properties"]["to_stage"] == "closedwon"
    )

    source.clear()
    deliver(world, [deal], plan=deals, object_name="deals", previous_stages={"9": "closedwon"})
    assert [m["type"] for m in source.messages] == ["group"]


def test_resending_the_same_read_is_idempotent_at_the_cdp(world):
    _sandbox, source, _connection, _destination = world
    deliver(world, [contact("1", "false", T0)])
    deliver(world, [contact("1", "false", T0)])
    assert len(source.messages) == 1 and source.duplicates == 1


def test_destination_test_button_checks_the_write_key(world):
    from crmhub.exports.services import destination_test

    sandbox, source, _connection, destination = world
    tested = destination_test(destination=destination, transport=sandbox.transport())
    assert tested.last_test_ok is True and "accepted the write key" in tested.last_test_message
    destination.credentials = {"write_key": "revoked"}
    destination.save()
    tested = destination_test(destination=destination, transport=sandbox.transport())
    assert tested.last_test_ok is False and "invalid write key" in tested.last_test_message
    assert source.messages == []
