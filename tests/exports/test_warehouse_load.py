"""Warehouse loading through dlt, riding the sync read: first load, incremental merge on the CRM id."""

from crmhub.exports import warehouse
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


def test_an_incremental_cycle_merges_only_the_changed_records_on_the_crm_id(export_world):
    world = export_world
    world.sync_all()
    crm_id = str(world.account.record_ids("contacts")[3])
    world.advance(60)
    world.account.rep_edit("contacts", crm_id, {"firstname": "Renamed"})
    world.advance(60)
    world.cycle("contacts")
    contacts = world.rows("contacts")
    assert len(contacts) == 24
    assert contacts[crm_id]["first_name"] == "Renamed"
    latest = ExportRun.objects.filter(destination=world.destination, object_name="contacts").first()
    assert latest.records_received == 1 and latest.records_sent == 1


def test_deletes_and_merges_are_soft_flags_and_the_values_stay(export_world):
    world = export_world
    world.sync_all()
    ids = [str(i) for i in world.account.record_ids("contacts")]
    gone, loser, winner = ids[0], ids[1], ids[2]
    email_before = world.rows("contacts")[gone]["email"]
    world.advance(60)
    world.account.delete("contacts", gone)
    world.account.merge("contacts", loser, winner)
    world.advance(60)
    world.cycle("contacts")
    contacts = world.rows("contacts")
    assert contacts[gone]["_deleted"] is True and contacts[gone]["email"] == email_before
    assert contacts[loser]["_deleted"] is True and contacts[loser]["_merged_into"] == winner
    assert contacts[winner]["_deleted"] is False
    run = ExportRun.objects.filter(destination=world.destination, object_name="contacts").first()
    assert run.records_merged == 1 and run.records_deleted == 1


def test_deals_keep_one_snapshot_per_day_they_changed(export_world):
    world = export_world
    world.sync_all()
    deal_id = str(world.account.record_ids("deals")[0])
    world.advance(24 * 3600)
    world.account.rep_edit("deals", deal_id, {"dealstage": "closedwon"})
    world.advance(60)
    world.cycle("deals")
    snapshots = [
        row
        for row in warehouse.table_rows(destination=world.destination, table="deals_daily_snapshots")
        if row["crm_id"] == deal_id
    ]
    assert len(snapshots) == 2
    assert "closedwon" in {row["stage"] for row in snapshots}
    assert len({row["snapshot_date"] for row in snapshots}) == 2


def test_account_contact_relationships_are_exported_as_links(export_world):
    world = export_world
    world.sync_all()
    links = warehouse.table_rows(destination=world.destination, table="relationships")
    contact_links = [link for link in links if link["from_object"] == "contacts"]
    assert contact_links and {link["to_object"] for link in contact_links} == {"companies"}
    companies = world.rows("companies")
    assert all(link["to_id"] in companies for link in contact_links)
    one = contact_links[0]
    crm = world.account.get_record("contacts", one["from_id"])
    assert str(crm["associatedcompanyid"]) == one["to_id"]
