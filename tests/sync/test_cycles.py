from datetime import timedelta

import pytest
from django.core.management import call_command

from crmhub.connectors import CrmAuthError, get_connector
from crmhub.connectors.ratelimit import BucketLimit, RateBudget
from crmhub.connectors.readahead import in_worker
from crmhub.sync.models import SyncKind, SyncState, SyncStatus
from crmhub.sync.services import START_OF_TIME
from crmhub.writeback.models import InboundRecord, InboundStatus, OutcomeStatus, WritebackEvent, WriteOutcome
from identity_app.models import MirrorRecord
from mappings_app.models import CrmObject, FieldMapping, Flow


def mirrored(world) -> int:
    return MirrorRecord.objects.filter(connection=world.connection, object_name="contacts").count()


def test_first_cycle_mirrors_every_record_and_a_second_reads_only_the_overlap(world):
    first = world.cycle()
    assert first.status == SyncStatus.COMPLETED, first.error
    assert first.records_created == 30 and mirrored(world) == 30
    assert first.watermark_after is not None and first.duration_ms is not None
    world.advance(60)
    second = world.cycle()
    assert second.records_created == 0 and second.records_updated == 0
    assert second.watermark_before == first.watermark_after


def test_records_edited_during_a_run_are_neither_missed_nor_duplicated(world):
    world.budget["page_size"] = 10
    ids = world.account.record_ids("contacts")
    edited = {}

    def wrap(connector):
        original = connector.iter_changes

        def iter_changes(object_name, **kwargs):
            for number, page in enumerate(original(object_name, **kwargs)):
                yield page
                if number == 0 and not edited:
                    world.advance(1)
                    read, unread = page[0].id, next(i for i in ids if i not in {r.id for r in page})
                    for crm_id in (read, unread):
                        world.account.rep_edit("contacts", crm_id, {"firstname": f"Edited{crm_id}"})
                        edited[crm_id] = f"Edited{crm_id}"

        connector.iter_changes = iter_changes
        return connector

    world.wrap.append(wrap)
    first = world.cycle()
    assert first.status == SyncStatus.COMPLETED, first.error
    assert first.records_created == 30 and mirrored(world) == 30
    world.advance(60)
    world.cycle()
    for crm_id, name in edited.items():
        assert world.mirror(crm_id).first_name.lower() == name.lower()
    assert mirrored(world) == 30


def tight_budget(world, calls: int) -> RateBudget:
    """The connection's shared budget: `calls` per 60-second window, which a cycle cannot wait out (it stops at
    the budget instead). The window is real time; `reset()` stands for the next window."""
    budget = RateBudget.in_memory("tight", [BucketLimit("default", calls, 60)], max_wait=0.5)
    world.budget["budget"] = budget
    return budget


def test_a_cycle_stops_at_the_api_budget_and_resumes_from_its_checkpoint(world):
    """The shared budget allows 6 calls per window; a cycle that meets the limit stops, the next resumes.
    Pages are read ahead as in production (the read-ahead leaves the window's last calls to the cycle)."""
    world.budget["page_size"] = 5
    budget = tight_budget(world, 6)
    stopped = world.cycle()
    assert stopped.status == SyncStatus.STOPPED
    state = SyncState.objects.get(pk=stopped.state_id)
    assert state.checkpoint["kind"] == SyncKind.INCREMENTAL
    assert 0 < mirrored(world) < 30
    assert state.next_run_at > world.sandbox.clock.now()
    runs = [stopped]
    while runs[-1].status == SyncStatus.STOPPED and len(runs) < 20:
        world.advance(61)
        budget.reset()
        runs.append(world.cycle())
    assert runs[-1].status == SyncStatus.COMPLETED, [(r.records_read, r.log) for r in runs[:3]]
    assert any("Resuming from checkpoint" in line["detail"] for line in runs[1].log)
    assert mirrored(world) == 30
    assert sum(r.records_created for r in runs) == 30
    assert SyncState.objects.get(pk=stopped.state_id).checkpoint == {}


def change_searches(world) -> list[bool]:
    """Counts the change reads' search requests that went out, each as True when a read-ahead worker sent it."""
    sent: list[bool] = []

    def counting(connector):
        send = connector._send

        def counted(method, url, cost, bucket, authenticated, kwargs):
            response = send(method, url, cost, bucket, authenticated, kwargs)
            filters = (kwargs.get("json") or {}).get("filterGroups", [{}])[0].get("filters", [])
            if url.endswith("/search") and all(f["propertyName"] != "hs_merged_object_ids" for f in filters):
                sent.append(in_worker())
            return response

        connector._send = counted
        return connector

    world.wrap.append(counting)
    return sent


def pages_of_one_read(world, page_size: int) -> int:
    """The search requests of one uninterrupted read of the whole object: what a read needs at the least."""
    with get_connector(
        world.connection,
        transport=world.sandbox.transport(),
        rate_budget=RateBudget.in_memory(),
        page_size=page_size,
    ) as reader:
        reader.read_ahead_pages = 0
        for _ in reader.iter_changes("contacts", since=START_OF_TIME, fields=[]):
            pass
        return reader.request_count


@pytest.mark.parametrize("depth", [2, None])
@pytest.mark.parametrize("calls", [4, 7, 11])
def test_read_ahead_under_a_tight_budget_progresses_every_cycle_and_spends_no_call_on_dropped_pages(
    world, calls, depth
):
    """With pages read ahead (2, or the connector's default) and a budget of a few calls per window, every cycle
    commits what it read before it stops, the next goes on from there, and the whole object arrives once: the
    read-ahead never spends the window's last calls on pages the stopped cycle would drop."""
    world.budget["page_size"] = 5
    # The sandbox's clock stands still between calls: its 5 searches per second would count a whole cycle as one
    # second. This test is about our own budget, so HubSpot's search pacing is lifted.
    world.account.limits.search_per_second = 1000
    needed = pages_of_one_read(world, 5)
    budget = tight_budget(world, calls)
    if depth is not None:
        world.wrap.append(lambda connector: setattr(connector, "read_ahead_pages", depth) or connector)
    searches = change_searches(world)
    runs = [world.cycle()]
    while runs[-1].status == SyncStatus.STOPPED and len(runs) < 30:
        world.advance(61)
        budget.reset()
        runs.append(world.cycle())
    assert runs[-1].status == SyncStatus.COMPLETED, [(r.status, r.records_read, r.error) for r in runs]
    assert all(run.status == SyncStatus.STOPPED for run in runs[:-1])
    assert mirrored(world) == 30 and sum(r.records_created for r in runs) == 30
    created = [r.records_created for r in runs]
    assert all(n > 0 for n in created[:-1]), created  # no cycle stopped without committing something new
    # A stop costs at most one page read again (the page at the checkpoint, on resuming), never the pages the
    # read-ahead held when the cycle stopped.
    stops = len(runs) - 1
    assert len(searches) <= needed + stops, (len(searches), needed, stops, created)
    if depth == 2 and calls == 11:
        assert any(searches), "with room in the window, pages were read ahead"


def test_deletes_and_merges_are_recorded_in_the_mirror(world):
    world.cycle()
    gone, loser, winner = world.account.record_ids("contacts")[:3]
    world.advance(30)
    world.account.delete("contacts", gone)
    world.account.merge("contacts", loser, winner)
    world.advance(30)
    run = world.cycle()
    assert (run.records_deleted, run.records_merged) == (1, 1)
    assert world.mirror(gone).is_deleted
    assert world.mirror(loser).merged_into == winner


def test_hybrid_fields_keep_the_time_of_the_last_human_edit(world):
    world.cycle()
    crm_id = world.account.record_ids("contacts")[4]
    world.advance(30)
    world.account.rep_edit(
        "contacts", crm_id, {"ai_segment": world.account.schema["contacts"]["ai_segment"].options[0]}
    )
    world.advance(30)
    world.cycle()
    assert "ai_segment" in world.mirror(crm_id).last_human_edit


@pytest.mark.parametrize(
    ("change", "expected"),
    [({"deleted": True}, "no longer exists"), ({"new_type": "string"}, "changed type")],
)
def test_schema_drift_marks_mappings_broken_with_history_and_raises_an_alert(world, change, expected):
    world.cycle()
    world.account.change_schema("contacts", "ai_segment", **change)
    world.advance(60)
    run = world.cycle()
    mapping = FieldMapping.objects.get(crm_field__name="ai_segment")
    assert expected in mapping.broken_reason
    assert mapping.history.first().history_change_reason == "sync: schema drift"
    assert FieldMapping.objects.get(crm_field__name="ai_score").broken_reason == ""
    event = WritebackEvent.objects.get(kind="schema_drift")
    assert event.details["mappings_broken"] == [mapping.pk] and event.details["sync_run"] == run.pk
    world.advance(60)
    world.cycle()
    assert WritebackEvent.objects.filter(kind="schema_drift").count() == 1  # the catalog now knows


def test_a_removed_picklist_option_is_drift(world):
    world.cycle()
    definition = world.account.schema["contacts"]["ai_segment"]
    removed = definition.options[-1]
    world.account.change_schema("contacts", "ai_segment", options=definition.options[:-1])
    world.cycle()
    assert (
        f"lost picklist options: {removed}"
        in FieldMapping.objects.get(crm_field__name="ai_segment").broken_reason
    )


def test_completeness_check_repairs_what_the_cursor_missed(world):
    world.cycle()
    missing, stale, ghost = world.account.record_ids("contacts")[:3]
    MirrorRecord.objects.filter(crm_id=missing).delete()
    world.advance(30)
    world.account.rep_edit("contacts", stale, {"firstname": "Fresh"})
    world.account.delete("contacts", ghost)
    run = world.cycle(kind=SyncKind.COMPLETENESS)
    assert run.status == SyncStatus.COMPLETED, run.error
    assert run.records_repaired == 3
    assert world.mirror(missing).is_deleted is False
    assert world.mirror(stale).first_name.lower() == "fresh"
    assert world.mirror(ghost).is_deleted


def test_completeness_check_does_not_count_the_hubs_own_writes_as_stale(world):
    """A value the hub wrote after the mirror's copy makes the CRM's record newer: re-read, but not "stale"."""
    world.cycle()
    ours, theirs = world.account.record_ids("contacts")[:2]
    world.advance(30)
    world.account.api_write("contacts", ours, {"ai_score": "42"}, client="crmhub")
    world.account.rep_edit("contacts", theirs, {"firstname": "Missed"})
    flow = Flow.objects.create(
        connection=world.connection,
        name="scores",
        source_system="lead_scorer",
        crm_object=CrmObject.objects.get(connection=world.connection, name="contacts"),
    )
    inbound = InboundRecord.objects.create(
        integration_user=world.users["integration"], flow=flow, crm_id=ours, status=InboundStatus.COMPLETED
    )
    WriteOutcome.objects.create(
        inbound=inbound,
        flow=flow,
        source_key="score",
        target_name="ai_score",
        planned_value=42,
        status=OutcomeStatus.WRITTEN_VERIFIED,
        finished_at=world.sandbox.clock.now(),
    )

    run = world.cycle(kind=SyncKind.COMPLETENESS)

    assert run.status == SyncStatus.COMPLETED, run.error
    assert run.records_repaired == 1  # only the rep's edit the cursor missed
    log = " ".join(line["detail"] for line in run.log)
    assert "1 stale" in log and "1 changed by the hub's own writes" in log
    assert world.mirror(ours).crm_modified_at == world.sandbox.clock.now()  # re-read all the same
    assert world.mirror(theirs).first_name.lower() == "missed"


def test_expected_failures_fail_and_anything_else_errors_with_a_traceback(world):
    def auth_failure(connector):
        def discover_schema(objects=None):
            raise CrmAuthError("hubspot 401: expired")

        connector.discover_schema = discover_schema
        return connector

    world.wrap.append(auth_failure)
    failed = world.cycle()
    assert failed.status == SyncStatus.FAILED and "expired" in failed.error and failed.traceback == ""

    def bug(connector):
        def discover_schema(objects=None):
            raise ZeroDivisionError("oops")

        connector.discover_schema = discover_schema
        return connector

    world.wrap[:] = [bug]
    errored = world.cycle()
    assert errored.status == SyncStatus.ERRORED and "ZeroDivisionError" in errored.traceback


def test_the_schedule_queues_due_objects_once(world):
    from crmhub.sync import services

    SyncState.objects.create(connection=world.connection, object_name="contacts", interval_seconds=900)
    runs = services.sync_cycles_schedule()
    assert len(runs) == 1 and services.sync_cycles_schedule() == []  # the first is still queued
    world.dispatcher.drain()
    assert mirrored(world) == 30
    assert [r.kind for r in services.sync_cycles_schedule()] == [SyncKind.COMPLETENESS]
    world.dispatcher.drain()
    world.advance(300)
    assert services.sync_cycles_schedule() == []  # not due before 15 minutes
    world.advance(700)
    assert [r.kind for r in services.sync_cycles_schedule()] == [SyncKind.INCREMENTAL]


def test_sync_now_and_backfill_commands_use_the_same_service(world, capsys):
    call_command("sync_now", "acme-hubspot", "contacts")
    assert mirrored(world) == 30
    since = (world.sandbox.clock.now() - timedelta(days=3650)).date().isoformat()
    call_command("backfill", "acme-hubspot", "contacts", "--since", since)
    out = capsys.readouterr().out
    assert "completed; read 30, created 30" in out and "completed; read 30, created 0" in out
