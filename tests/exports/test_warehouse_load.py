"""Warehouse loading through dlt, riding the sync read: first load, incremental merge on the CRM id."""

from crmhub.exports.models import ExportRun


def test_first_load_puts_every_mapped_record_in_the_warehouse(export_world):
    world = export_world
    world.sync_all()
    contacts = world.rows("contacts")
    assert len(contacts) == 24
    some_id = world.account.record_ids("contacts")[0]
    crm = world.account.get_record("contacts", some_id)
    row = contacts[str(some_id)]
    assert row["email"] == crm["email"]
    assert row["_crm_connection"] == "acme-hubspot" and row["_deleted"] is False
    run = ExportRun.objects.filter(destination=world.destination, object_name="contacts").first()
    assert run.status == "completed", run.error
    assert run.records_sent == 24 and run.load_id
