"""Warehouse loading through dlt, riding the sync read: first load, incremental merge on the CRM id.

One scenario from a first load on: each step checks what its own cycle wrote (the first load and its links, an
incremental edit, a delete and a merge, a deal's second day), so that the first load's three dlt runs are made
once instead of once per fact."""

import pytest

from crmhub.exports import warehouse
from crmhub.exports.models import ExportRun

pytestmark = pytest.mark.usefixtures("long_lived_objects_frozen")


def latest_run(world, object_name: str) -> ExportRun:
    return ExportRun.objects.filter(destination=world.destination, object_name=object_name).first()


def first_load_puts_every_mapped_record_in_the_warehouse(world):
    contacts = world.rows("contacts")
    assert len(contacts) == 24, "first load: every contact"
    some_id = world.account.record_ids("contacts")[0]
    crm = world.account.get_record("contacts", some_id)
    row = contacts[str(some_id)]
    assert row["email"] == crm["email"], "first load: the CRM's value"
    assert row["_crm_connection"] == "acme-hubspot" and row["_deleted"] is False, "first load: the flags"
    run = latest_run(world, "contacts")
    assert run.status == "completed", run.error
    assert run.records_sent == 24 and run.load_id, "first load: the run's counts"


def account_contact_relationships_are_exported_as_links(world):
    links = warehouse.table_rows(destination=world.destination, table="relationships")
    contact_links = [link for link in links if link["from_object"] == "contacts"]
    assert contact_links and {link["to_object"] for link in contact_links} == {"companies"}, (
        "links: to companies"
    )
    companies = world.rows("companies")
    assert all(link["to_id"] in companies for link in contact_links), "links: to exported companies"
    one = contact_links[0]
    crm = world.account.get_record("contacts", one["from_id"])
    assert str(crm["associatedcompanyid"]) == one["to_id"], "links: the CRM's association"


def an_incremental_cycle_merges_only_the_changed_records_on_the_crm_id(world):
    crm_id = str(world.account.record_ids("contacts")[3])
    world.advance(60)
    world.account.rep_edit("contacts", crm_id, {"firstname": "Renamed"})
    world.advance(60)
    world.cycle("contacts")
    contacts = world.rows("contacts")
    assert len(contacts) == 24, "incremental: merged, no row added"
    assert contacts[crm_id]["first_name"] == "Renamed", "incremental: the new value"
    latest = latest_run(world, "contacts")
    assert latest.records_received == 1 and latest.records_sent == 1, "incremental: only the changed record"


def deletes_and_merges_are_soft_flags_and_the_values_stay(world):
    ids = [str(i) for i in world.account.record_ids("contacts")]
    gone, loser, winner = ids[0], ids[1], ids[2]
    email_before = world.rows("contacts")[gone]["email"]
    world.advance(60)
    world.account.delete("contacts", gone)
    world.account.merge("contacts", loser, winner)
    world.advance(60)
    world.cycle("contacts")
    contacts = world.rows("contacts")
    assert contacts[gone]["_deleted"] is True and contacts[gone]["email"] == email_before, (
        "delete: a soft flag"
    )
    assert contacts[loser]["_deleted"] is True and contacts[loser]["_merged_into"] == winner, (
        "merge: the loser"
    )
    assert contacts[winner]["_deleted"] is False, "merge: the winner stays"
    run = latest_run(world, "contacts")
    assert run.records_merged == 1 and run.records_deleted == 1, "delete and merge: the run's counts"


def deals_keep_one_snapshot_per_day_they_changed(world):
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
    assert len(snapshots) == 2, "snapshots: one per day the deal changed"
    assert "closedwon" in {row["stage"] for row in snapshots}, "snapshots: the second day's state"
    assert len({row["snapshot_date"] for row in snapshots}) == 2, "snapshots: two dates"


def test_first_load_links_incremental_merge_soft_deletes_and_daily_deal_snapshots(export_world):
    world = export_world
    world.sync_all()
    first_load_puts_every_mapped_record_in_the_warehouse(world)
    account_contact_relationships_are_exported_as_links(world)
    an_incremental_cycle_merges_only_the_changed_records_on_the_crm_id(world)
    deletes_and_merges_are_soft_flags_and_the_values_stay(world)
    deals_keep_one_snapshot_per_day_they_changed(world)
