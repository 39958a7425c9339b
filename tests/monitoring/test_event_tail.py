"""The event tail's feed: events of the three kinds newest first, filtered by connection, object, kind and
record, only the kinds the user may see, emails masked, and a `since` that returns only what is new."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crmhub.sync.models import SyncRun, SyncState, WebhookEvent
from monitoring_app import event_tail
from tests import factories
from tests.writeback.conftest import world  # noqa: F401


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def events(world):  # noqa: F811
    WebhookEvent.objects.create(
        connection=world.connection,
        provider="hubspot",
        event_id="e-1",
        action="change",
        object_name="contacts",
        record_ids=[world.ids[0]],
        changed_fields={"email": {"old": "a.b@example.com", "new": "c.d@example.com"}},
        payload={},
        status="processed",
    )
    state = SyncState.objects.create(connection=world.connection, object_name="companies")
    SyncRun.objects.create(
        connection=world.connection,
        state=state,
        object_name="companies",
        status="failed",
        finished_at=timezone.now(),
        error="The CRM refused owner mary.major@example.com",
    )
    world.post([world.output(world.ids[1], "f-1", score="bob.smith@example.org")])
    return world


def test_the_feed_lists_every_kind_newest_first_without_emails(events):
    response = _client(events.users["viewer"]).get("/monitoring/events/feed/")
    data = response.json()["events"]
    kinds = sorted({event["kind"] for event in data})
    assert kinds == ["sync", "webhook", "writeback"]
    moments = [event["at"] for event in data]
    assert moments == sorted(moments, reverse=True)
    body = response.content.decode()
    for email in ("a.b@example.com", "c.d@example.com", "mary.major@example.com", "bob.smith@example.org"):
        assert email not in body
    details = " ".join(event["detail"] for event in data)
    assert "m…@example.com" in details and "b…@example.org" in details


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ({"kind": "webhook"}, {"webhook"}),
        ({"kind": ["sync", "writeback"]}, {"sync", "writeback"}),
        ({"object_name": "companies"}, {"sync"}),
    ],
)
def test_the_feed_filters_by_kind_and_object(events, query, kinds):
    data = _client(events.users["viewer"]).get("/monitoring/events/feed/", query).json()["events"]
    assert {event["kind"] for event in data} == kinds


def test_the_record_filter_keeps_the_events_that_name_the_record(events):
    data = _client(events.users["viewer"]).get("/monitoring/events/feed/", {"record": events.ids[1]}).json()
    assert [(e["kind"], e["record"]) for e in data["events"]] == [("writeback", events.ids[1])]


def test_the_connection_filter_drops_other_connections(events):
    other = factories.make_connection(name="other-crm")
    data = _client(events.users["viewer"]).get("/monitoring/events/feed/", {"connection": other.pk}).json()
    assert data["events"] == []
    bad = _client(events.users["viewer"]).get("/monitoring/events/feed/", {"connection": "x"}).json()
    assert bad["errors"]["connection"] and bad["events"]  # a bad value drops only its own filter


def test_since_returns_only_what_is_new_within_the_overlap(events):
    client = _client(events.users["viewer"])
    later = (timezone.now() + event_tail.OVERLAP + timedelta(seconds=5)).isoformat()
    assert client.get("/monitoring/events/feed/", {"since": later}).json()["events"] == []
    now = timezone.now().isoformat()
    assert client.get("/monitoring/events/feed/", {"since": now}).json()["events"]  # inside the overlap


def test_kinds_a_user_may_not_see_are_left_out(events):
    from django.contrib.auth.models import Permission

    user = factories.make_user("nadia")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_metricpoint", "view_syncrun", "view_writebackrun"])
    )
    data = _client(user).get("/monitoring/events/feed/").json()["events"]
    assert "webhook" not in {event["kind"] for event in data}


def test_the_tail_needs_a_signed_in_user(events):
    assert Client().get("/monitoring/events/feed/").status_code == 302
    integration = events.users["integration"]
    assert _client(integration).get("/monitoring/events/").status_code == 403


def test_the_tail_page_renders_within_its_query_budget(events, django_assert_max_num_queries):
    client = _client(events.users["viewer"])
    with django_assert_max_num_queries(14):
        page = client.get("/monitoring/events/")
    assert page.status_code == 200 and b"Live events" in page.content


def _plan(rows) -> str:
    """The database's plan for the query; on PostgreSQL with sequential scans and sorts discouraged, since a
    test table is too small for the planner to prefer any index by itself."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Another index read in full and then sorted can look as cheap on a near-empty table.
            for setting in ("enable_seqscan", "enable_sort", "enable_bitmapscan"):
                cursor.execute(f"SET LOCAL {setting} = off")
    return rows.explain()


@pytest.mark.parametrize(
    ("source", "index"),
    [
        (event_tail._sync_runs, "sync_run_finished_idx"),
        (event_tail._writeback_runs, "writeback_run_finished_idx"),
    ],
)
def test_each_poll_reads_finished_runs_through_their_index(db, source, index):
    since = timezone.now() - timedelta(minutes=5)
    plan = _plan(source(event_tail.TailFilters(), since)[: event_tail.LIMIT])
    assert index in plan, plan


def test_the_record_filter_reads_failed_values_through_their_index(db):
    from crmhub.writeback.models import WritebackRunFailure

    assert "writeback_run_failure_crm_idx" in _plan(WritebackRunFailure.objects.filter(crm_id="1002"))
