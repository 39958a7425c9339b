"""Run now: an admin starts an incremental run of one synced object from the sync page; it runs against the
sandbox and lands in the mirror. Viewers see no button and are refused server-side; a second click while a run
is open says so."""

from django.test import Client
from django.urls import reverse

from crmhub.sync.models import SyncRun, SyncStatus, SyncTrigger


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_run_now_queues_and_runs_an_incremental_sync(world, django_capture_on_commit_callbacks):
    world.cycle()
    state = SyncRun.objects.get().state
    world.advance(60)
    world.account.rep_edit("contacts", world.account.record_ids("contacts")[0], {"firstname": "Nowrun"})
    admin = _client(world.users["admin"])
    assert (
        f'action="{reverse("sync:run-now", args=[state.pk])}"'
        in admin.get(reverse("sync:run-list")).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("sync:run-now", args=[state.pk]), follow=True)
    world.dispatcher.drain()

    run = SyncRun.objects.latest("pk")
    assert run.trigger == SyncTrigger.MANUAL and run.object_name == "contacts"
    assert f"Sync run #{run.pk} of contacts queued" in response.content.decode()
    run.refresh_from_db()
    assert run.status == SyncStatus.COMPLETED, run.error
    assert world.mirror(world.account.record_ids("contacts")[0]).first_name.lower() == "nowrun"


def test_a_viewer_has_no_run_now_button_and_is_refused(world):
    world.cycle()
    state = SyncRun.objects.get().state
    viewer = _client(world.users["viewer"])
    assert "Run now" not in viewer.get(reverse("sync:run-list")).content.decode()
    assert viewer.post(reverse("sync:run-now", args=[state.pk])).status_code == 403
    assert SyncRun.objects.count() == 1


def test_run_now_while_a_run_is_open_says_so(world):
    world.cycle()
    state = SyncRun.objects.get().state
    SyncRun.objects.create(connection=world.connection, state=state, object_name="contacts", status="queued")
    response = _client(world.users["admin"]).post(reverse("sync:run-now", args=[state.pk]), follow=True)
    assert "already queued" in response.content.decode()
    assert SyncRun.objects.count() == 2
