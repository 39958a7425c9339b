"""The export buffer rides the sync's own transaction: a page the mirror committed (and the watermark moved
past) is in the buffer, and a page that is in the buffer was committed by the mirror. A sync that dies
between the two never exists: the page's buffer row dies with its mirror rows and its watermark, and the
next cycle reads it again. Killed for real (SIGKILL in the middle of a page's transaction) on PostgreSQL."""

import os
import signal
from datetime import timedelta

import pytest
from django.db import connection, connections

from crmhub.core.connectors import connector_factory
from crmhub.exports import jobs as export_jobs
from crmhub.exports import services as export_services
from crmhub.exports.models import ExportBatch, ExportPage, ExportRun
from crmhub.sync import services as sync_services
from crmhub.sync import signals
from crmhub.sync.models import SyncRun, SyncState
from identity_app.models import MirrorRecord
from tests import factories

pytestmark = pytest.mark.usefixtures("long_lived_objects_frozen")

PAGE = 5  # 24 contacts: five pages of the CRM, each its own sync transaction


@pytest.fixture
def small_pages(export_world, monkeypatch):
    """The connector reads 5 records a page and the sync commits every page on its own."""
    sandbox_build = factories.sandbox_connector_builder(export_world.sandbox)

    def build(conn):
        connector = sandbox_build(conn)
        connector.page_size = PAGE
        return connector

    monkeypatch.setattr(sync_services, "COMMIT_BATCH", PAGE)
    with connector_factory(build):
        yield export_world


def _buffered_ids() -> list[str]:
    return sorted(record["id"] for page in ExportPage.objects.all() for record in page.records)


def _mirrored_ids() -> list[str]:
    return sorted(MirrorRecord.objects.filter(object_name="contacts").values_list("crm_id", flat=True))


def _contacts_state() -> SyncState:
    return SyncState.objects.get(object_name="contacts")


def _die_on_page(number: int, die) -> None:
    """Connected after the exports' own receiver: it runs once the page is buffered, before the commit."""
    seen = []

    def receiver(sender, **kwargs):
        seen.append(1)
        if len(seen) == number:
            die()

    signals.page_committed.connect(receiver, dispatch_uid="test.die_on_page", weak=False)


def _forget_inherited_connections() -> None:
    """A forked child must never speak on a socket its parent also holds: it drops (without closing: that
    would end the parent's session) every connection object it inherited and opens its own."""
    for alias in connections:
        connections[alias].connection = None


def _end_sessions_of_the_dead() -> None:
    """When a killed process's socket is still held by another process (anything that inherited it), its
    PostgreSQL session outlives it with its transaction open; a real dead worker's socket closes and the
    server ends the session. Do what the server would: end the sessions idle in a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state = 'idle in transaction'"
        )


def _every_contact_exported_once(world) -> None:
    rows = world.rows("contacts")
    crm_ids = sorted(str(i) for i in world.account.record_ids("contacts"))
    assert sorted(rows) == crm_ids
    sent = sum(ExportRun.objects.filter(destination=world.destination).values_list("records_sent", flat=True))
    assert sent == len(crm_ids)  # each record once: the page that died was never sent, nor sent twice


def test_a_failure_after_the_buffer_write_rolls_back_mirror_buffer_and_watermark_together(small_pages):
    world = small_pages

    def fail():
        raise RuntimeError("the worker died here")

    _die_on_page(2, fail)
    try:
        run = sync_services.sync_run_request(
            connection=world.connection, object_name="contacts", enqueue=False
        )
        run = sync_services.sync_run_execute(run_id=run.pk)
    finally:
        signals.page_committed.disconnect(dispatch_uid="test.die_on_page")
    assert run.status == "errored"
    first_page = _mirrored_ids()
    assert 0 < len(first_page) < 24 and _buffered_ids() == first_page
    assert ExportPage.objects.count() == 1
    assert _contacts_state().watermark == max(
        MirrorRecord.objects.filter(object_name="contacts").values_list("crm_modified_at", flat=True)
    )

    world.advance(60)
    world.cycle("contacts")
    assert len(_mirrored_ids()) == 24
    assert not ExportPage.objects.exists()  # drained and released
    _every_contact_exported_once(world)


@pytest.mark.django_db(transaction=True)
def test_a_sync_process_killed_inside_a_pages_transaction_loses_no_page(small_pages):
    """A real death: the child process buffers its second page, reports what its transaction sees, and is
    killed with SIGKILL before the commit. PostgreSQL drops the open transaction with the connection."""
    if connection.vendor != "postgresql":
        pytest.skip("a forked child shares nothing with the parent's SQLite test database")
    world = small_pages
    run = sync_services.sync_run_request(connection=world.connection, object_name="contacts", enqueue=False)
    connections.close_all()  # the child opens its own connection
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        try:
            os.close(reader)
            _forget_inherited_connections()

            def die():
                seen = ExportPage.objects.count()
                os.write(writer, f"{seen} {len(_mirrored_ids())}".encode())
                os.kill(os.getpid(), signal.SIGKILL)

            _die_on_page(2, die)
            sync_services.sync_run_execute(run_id=run.pk)
        finally:
            os._exit(3)  # never reached after SIGKILL; anything else is a failure the parent sees
    os.close(writer)
    _, status = os.waitpid(child, 0)
    _end_sessions_of_the_dead()
    in_transaction = os.read(reader, 100).decode()
    os.close(reader)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    pages_seen, mirrored_seen = map(int, in_transaction.split())
    assert pages_seen == 2  # inside its transaction the child saw page 2 buffered

    first_page = _mirrored_ids()
    assert 0 < len(first_page) < mirrored_seen  # page 2's mirror rows died with the process
    assert ExportPage.objects.count() == 1
    assert _buffered_ids() == first_page  # and so did its buffer row: every buffered page was committed
    state = _contacts_state()
    assert state.watermark == max(
        MirrorRecord.objects.filter(object_name="contacts").values_list("crm_modified_at", flat=True)
    )
    assert SyncRun.objects.get(pk=run.pk).status == "running"  # what a dead worker leaves behind

    world.advance(3 * 3600)  # past the stale-run limit, as the scheduler would find it
    world.cycle("contacts")
    assert len(_mirrored_ids()) == 24
    # The export run queued with page 1 was committed by the child, whose after-commit enqueue went to its
    # own (now dead) dispatcher: the cron sweep dispatches it again.
    assert ExportRun.objects.filter(destination=world.destination, status="queued").count() == 1
    export_services.export_runs_sweep(older_than=timedelta(0))
    world.export_dispatcher.drain()
    _every_contact_exported_once(world)


def test_a_page_committed_but_not_yet_checkpointed_is_buffered_once(small_pages, monkeypatch):
    """Death after a page's commit and before its checkpoint: the next cycle resumes from the older
    checkpoint and reads the page again; the page is already mirrored (not fresh), so it is not buffered a
    second time, and nothing is missing."""
    world = small_pages
    saved = []
    original = sync_services.SyncCycle._save_checkpoint

    def checkpoint_then_die(cycle, position, deletes_since):
        saved.append(position)
        if len(saved) == 3:  # the start checkpoint, page 1's, then page 2's: die before saving it
            raise RuntimeError("the worker died between the commit and the checkpoint")
        original(cycle, position, deletes_since)

    monkeypatch.setattr(sync_services.SyncCycle, "_save_checkpoint", checkpoint_then_die)
    run = sync_services.sync_run_request(connection=world.connection, object_name="contacts", enqueue=False)
    run = sync_services.sync_run_execute(run_id=run.pk)
    monkeypatch.setattr(sync_services.SyncCycle, "_save_checkpoint", original)
    assert run.status == "errored"
    assert 0 < len(_mirrored_ids()) < 24 and _buffered_ids() == _mirrored_ids()

    world.advance(60)
    world.cycle("contacts")
    _every_contact_exported_once(world)


class LostJobs:
    """A queue that accepts jobs and never runs them (a worker that died after commit, a flushed Redis)."""

    immediate = True

    def __call__(self, func, *args, delay: float = 0.0) -> None:
        pass


def test_the_sweep_drains_what_a_lost_job_left_buffered_and_ends_a_run_whose_worker_died(export_world):
    world = export_world
    with export_jobs.use_dispatcher(LostJobs()):
        run = sync_services.sync_run_request(
            connection=world.connection, object_name="contacts", enqueue=False
        )
        sync_services.sync_run_execute(run_id=run.pk)
    queued = ExportRun.objects.get(destination=world.destination, status="queued")
    assert ExportBatch.objects.filter(destination=world.destination).exists()

    assert export_services.export_runs_sweep() == []  # not yet late: its job may still be in the queue
    assert export_services.export_runs_sweep(older_than=timedelta(0)) == [queued.pk]
    world.export_dispatcher.drain()
    queued.refresh_from_db()
    assert queued.status == "completed" and queued.records_sent == 24
    assert "dispatched again" in queued.log[0]["message"]
    assert not ExportBatch.objects.exists()

    # A worker that died mid-drain leaves its run "running" and its batches in place.
    world.advance(60)
    world.account.rep_edit("contacts", str(world.account.record_ids("contacts")[0]), {"firstname": "Late"})
    world.advance(60)
    with export_jobs.use_dispatcher(LostJobs()):
        run = sync_services.sync_run_request(
            connection=world.connection, object_name="contacts", enqueue=False
        )
        sync_services.sync_run_execute(run_id=run.pk)
    dead = ExportRun.objects.get(destination=world.destination, status="queued")
    ExportRun.objects.filter(pk=dead.pk).update(status="running", started_at=world.sandbox.clock.now())
    assert export_services.export_runs_sweep() == []  # running, not yet stale
    world.advance(3 * 3600)
    [fresh] = export_services.export_runs_sweep()
    dead.refresh_from_db()
    assert dead.status == "errored" and "worker was lost" in dead.error
    world.export_dispatcher.drain()
    assert ExportRun.objects.get(pk=fresh).records_sent == 1
    assert world.rows("contacts")[str(world.account.record_ids("contacts")[0])]["first_name"] == "Late"
