"""Schema changes (dlt's evolution and our alert), failed rows and their replay, the data-class refusal, the
consent scenarios with the suppression flag and its lag, and reconciliation finding a planted difference.

Reconciliation, schema evolution and failed rows each start from the same first load of every object: one
scenario checks them in turn (each on rows and runs of its own), so that the first load's three dlt runs are
made once."""

import pytest

from crmhub.exports import reconciliation, services, warehouse
from crmhub.exports.models import ExportFailedRow, ExportRun, RecordConsentState
from monitoring_app.models import Alert, AlertKind
from tests.exports.warehouse_world import outbound_op

pytestmark = pytest.mark.usefixtures("long_lived_objects_frozen")


def last_run(world, object_name):
    return ExportRun.objects.filter(destination=world.destination, object_name=object_name).first()


def a_new_field_becomes_a_new_column_and_a_type_change_a_variant_column_with_an_alert(world):
    name = world.destination.name
    world.apply([outbound_op(name, "contacts", "jobtitle", "job_title")])
    crm_id = str(world.account.record_ids("contacts")[0])
    world.advance(60)
    world.account.rep_edit("contacts", crm_id, {"jobtitle": "Head of Sales"})
    world.advance(60)
    world.cycle("contacts")
    assert world.rows("contacts")[crm_id]["job_title"] == "Head of Sales"
    assert {"table": "contacts", "column": "job_title", "change": "new column"} in last_run(
        world, "contacts"
    ).schema_changes
    # The CRM field now holds text and the mapping says text: dlt keeps `amount` and adds a variant column.
    world.account.change_schema("deals", "amount", new_type="string")
    world.apply([outbound_op(name, "deals", "amount", "amount", target_type="text")])
    deal_id = str(world.account.record_ids("deals")[0])
    world.advance(60)
    world.account.rep_edit("deals", deal_id, {"amount": "about 1200"})
    world.advance(60)
    world.cycle("deals")
    changes = last_run(world, "deals").schema_changes
    assert any(c["column"] == "amount__v_text" and "type change" in c["change"] for c in changes)
    assert world.rows("deals")[deal_id]["amount__v_text"] == "about 1200"
    alert = Alert.objects.get(kind=AlertKind.EXPORT_SCHEMA_CHANGE)
    assert "amount__v_text" in alert.message and alert.status == "open"


def a_value_that_does_not_fit_its_column_is_a_failed_row_and_replays_after_the_fix(world):
    company_id = str(world.account.record_ids("companies")[0])
    world.advance(60)
    world.account.rep_edit("companies", company_id, {"numberofemployees": "12.5"})
    world.advance(60)
    world.cycle("companies")
    failed = ExportFailedRow.objects.get(destination=world.destination, crm_id=company_id)
    assert "not a whole number" in failed.reason and failed.record["values"]["numberofemployees"] == "12.5"
    assert last_run(world, "companies").records_failed == 1
    world.apply(
        [
            outbound_op(
                world.destination.name, "companies", "numberofemployees", "employees", target_type="double"
            )
        ]
    )
    replay = services.failed_rows_replay(destination=world.destination, actor=world.users["admin"])
    world.export_dispatcher.drain()
    replay.refresh_from_db()
    assert replay.status == "completed" and replay.records_sent == 1
    assert world.rows("companies")[company_id]["employees__v_double"] == 12.5
    failed.refresh_from_db()
    assert failed.status == "replayed"


def test_a_field_of_a_class_the_destination_may_not_receive_is_never_sent(export_world):
    world = export_world
    name = world.destination.name
    world.apply(
        [
            {
                "kind": "data_class_set",
                "spec": {"object": "contacts", "field": "jobtitle", "data_class": "sensitive"},
            },
            outbound_op(name, "contacts", "jobtitle", "job_title"),
        ]
    )
    crm_id = str(world.account.record_ids("contacts")[0])
    world.account.rep_edit("contacts", crm_id, {"jobtitle": "Secret title"})
    world.advance(60)
    world.sync_all()
    row = world.rows("contacts")[crm_id]
    assert "job_title" not in row and "Secret title" not in {str(v) for v in row.values()}
    assert row["email"]  # the allowed fields still arrive
    for table, columns in warehouse.table_columns(destination=world.destination).items():
        assert "job_title" not in columns, table


def test_consent_opt_in_opt_out_re_opt_in_and_missing(export_world):
    world = export_world
    world.destination.purposes = ["email_marketing"]
    world.destination.save()
    ids = [str(i) for i in world.account.record_ids("contacts")]
    opted_in, missing = ids[0], ids[1]
    for crm_id in ids:
        if crm_id != missing:
            world.account.rep_edit("contacts", crm_id, {"hs_email_optout": "false"})
    world.advance(60)
    world.cycle("contacts")
    contacts = world.rows("contacts")
    assert opted_in in contacts and contacts[opted_in]["_suppressed"] is False
    assert missing not in contacts  # no consent: not sent
    assert last_run(world, "contacts").records_withheld == 1
    # A withdrawal: the row stays, flagged, and the lag from the rep's change to the delivery is kept.
    world.advance(60)
    world.account.rep_edit("contacts", opted_in, {"hs_email_optout": "true"})
    world.advance(90)
    world.cycle("contacts")
    row = world.rows("contacts")[opted_in]
    assert row["_suppressed"] is True and row["_suppressed_at"] is not None
    state = RecordConsentState.objects.get(destination=world.destination, crm_id=opted_in)
    assert state.allowed is False and 0 < state.lag_seconds <= 300
    assert last_run(world, "contacts").records_suppressed == 1
    # Re-opt-in: sent again, the flag cleared.
    world.advance(60)
    world.account.rep_edit("contacts", opted_in, {"hs_email_optout": "false"})
    world.advance(60)
    world.cycle("contacts")
    assert world.rows("contacts")[opted_in]["_suppressed"] is False


def reconciliation_agrees_and_then_finds_a_planted_difference(world):
    clean = reconciliation.reconcile(destination=world.destination)
    assert clean.ok, [f for f in clean.findings if not f["ok"]]
    checks = {f["check"] for f in clean.findings}
    assert {"count", "sampled values", "null rate", "picklist distribution", "join coverage"} <= checks
    contacts = sorted(world.rows("contacts"))
    with warehouse.pipeline_open(world.destination) as pipeline, pipeline.sql_client() as client:
        table = client.make_qualified_table_name("contacts")
        client.execute_sql(f"UPDATE {table} SET lifecycle_stage = 'planted' WHERE crm_id = %s", contacts[0])
        client.execute_sql(f"DELETE FROM {table} WHERE crm_id = %s", contacts[1])
    found = reconciliation.reconcile(destination=world.destination)
    assert not found.ok
    failing = {f["check"]: f for f in found.findings if not f["ok"]}
    assert contacts[1] in failing["count"]["detail"]
    assert "planted" in failing["sampled values"]["detail"]
    assert "picklist distribution" in failing
    reconciliation.export_alerts_evaluate(destination=world.destination, reconciliation=found)
    assert Alert.objects.filter(kind=AlertKind.EXPORT_MISMATCH, status="open").exists()


def test_reconciliation_schema_evolution_and_failed_rows_after_a_first_load(export_world):
    world = export_world
    world.sync_all()
    # First: reconciliation must find the planted difference and nothing the later steps changed.
    reconciliation_agrees_and_then_finds_a_planted_difference(world)
    a_new_field_becomes_a_new_column_and_a_type_change_a_variant_column_with_an_alert(world)
    a_value_that_does_not_fit_its_column_is_a_failed_row_and_replays_after_the_fix(world)


def test_an_opt_out_arriving_by_webhook_is_a_suppression_within_the_freshness_target(export_world):
    """The webhook's refresh reads the record (no polling cycle) and the export rides that read."""
    from crmhub.sync import webhooks
    from crmhub.sync.models import WebhookEvent

    world = export_world
    world.destination.purposes = ["email_marketing"]
    world.destination.save()
    crm_id = str(world.account.record_ids("contacts")[0])
    world.account.rep_edit("contacts", crm_id, {"hs_email_optout": "false"})
    world.advance(60)
    world.cycle("contacts")
    assert world.rows("contacts")[crm_id]["_suppressed"] is False
    world.advance(60)
    world.account.rep_edit("contacts", crm_id, {"hs_email_optout": "true"})
    opted_out_at = world.sandbox.clock.now()
    world.advance(20)  # the webhook's delivery and the worker's pick-up
    event = WebhookEvent.objects.create(
        connection=world.connection,
        provider="hubspot",
        event_id="evt-1",
        event_type="contact.propertyChange",
        action="change",
        object_name="contacts",
        record_ids=[crm_id],
        changed_fields={"hs_email_optout": {"new": "true"}},
        occurred_at=opted_out_at,
        payload={},
    )
    webhooks.webhook_events_process(event_ids=[event.pk])
    world.export_dispatcher.drain()
    assert world.rows("contacts")[crm_id]["_suppressed"] is True
    state = RecordConsentState.objects.get(destination=world.destination, crm_id=crm_id)
    assert state.allowed is False
    assert 0 <= state.lag_seconds <= world.destination.suppression_target_seconds
    assert reconciliation.suppression_lag_max(destination=world.destination) == state.lag_seconds
