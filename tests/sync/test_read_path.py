"""Sync cycles choose REST or Salesforce Bulk API 2.0 by volume, and the run says which it used."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from crm_sandbox import ManualClock, Sandbox
from crmhub.connectors import get_connector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core import clock as hub_clock
from crmhub.core.connectors import connector_factory
from crmhub.sync import services
from crmhub.sync.models import ReadPath, SyncKind, SyncTrigger
from identity_app.models import MirrorRecord
from mappings_app.schema_sync import crm_schema_sync
from tests import factories

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def sf_world(db, settings):
    settings.SYNC_BULK_THRESHOLD = 50
    settings.SYNC_BULK_COUNT_AFTER_SECONDS = 3600
    sandbox = Sandbox(seed=5, clock=ManualClock(START))
    account = sandbox.add_account("salesforce", name="acme-sf", contacts=80, companies=4)
    connection = factories.make_connection(
        name="acme-salesforce",
        provider="salesforce",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "login_url": account.base_url},
    )
    paths: list[str] = []

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(conn):
        connector = get_connector(
            conn,
            transport=sandbox.transport(),
            rate_budget=RateBudget.in_memory(
                "sf-sync", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp()
            ),
            sleep=sleep,
        )
        original = connector._send

        def send(method, url, *args):
            paths.append(f"{method} {url}")
            return original(method, url, *args)

        connector._send = send
        return connector

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["Contact"]))

    def cycle(kind=SyncKind.INCREMENTAL, **kwargs):
        run = services.sync_run_request(
            connection=connection,
            object_name="Contact",
            kind=kind,
            trigger=SyncTrigger.MANUAL,
            enqueue=False,
            **kwargs,
        )
        return services.sync_run_execute(run_id=run.pk)

    with connector_factory(build), hub_clock.use_clock(sandbox.clock.now):
        yield sandbox, account, connection, cycle, paths


def mirrored(connection, **filters) -> int:
    return MirrorRecord.objects.filter(connection=connection, object_name="Contact", **filters).count()


def test_first_full_sync_over_the_threshold_reads_through_bulk(sf_world):
    _sandbox, _account, connection, cycle, paths = sf_world
    run = cycle()
    assert run.status == "completed", run.error
    assert run.read_path == ReadPath.BULK and run.records_created == 80
    assert mirrored(connection) == 80
    assert any("/jobs/query" in path for path in paths)
    assert not any("/query?" in path or path.endswith("/query") for path in paths if "GET" in path)
    assert any("Bulk API" in line["detail"] and "80 records changed" in line["detail"] for line in run.log)


def test_small_change_sets_stay_on_rest_and_a_recent_watermark_skips_the_count(sf_world):
    sandbox, account, _connection, cycle, paths = sf_world
    cycle()
    sandbox.clock.advance(seconds=7200)
    for record_id in account.record_ids("Contact")[:3]:
        account.rep_edit("Contact", record_id, {"Title": "Chief"})
    paths.clear()
    counted = cycle()
    assert counted.read_path == ReadPath.REST and counted.records_updated == 3
    assert any("under the bulk threshold of 50" in line["detail"] for line in counted.log), counted.log
    assert not any("/jobs/" in path for path in paths)
    sandbox.clock.advance(seconds=60)
    paths.clear()
    recent = cycle()
    assert recent.read_path == ReadPath.REST
    assert any("watermark is recent" in line["detail"] for line in recent.log)


def test_backfill_over_the_threshold_takes_deletes_and_merges_from_the_same_bulk_pass(sf_world):
    sandbox, account, connection, cycle, paths = sf_world
    cycle()
    gone, loser, winner = account.record_ids("Contact")[:3]
    sandbox.clock.advance(seconds=60)
    account.delete("Contact", gone)
    account.merge("Contact", loser, winner)
    paths.clear()
    run = cycle(kind=SyncKind.BACKFILL, since=START - timedelta(days=3650))
    assert run.status == "completed", run.error
    assert run.read_path == ReadPath.BULK and (run.records_deleted, run.records_merged) == (1, 1)
    assert MirrorRecord.objects.get(connection=connection, crm_id=loser).merged_into == winner
    assert not any("IsDeleted+%3D+true" in path or "IsDeleted = true" in path for path in paths)


def test_runs_show_their_read_path_in_the_pages_and_the_api(sf_world, client):
    _sandbox, _account, _connection, cycle, _paths = sf_world
    run = cycle()
    client.force_login(factories.role_users()["viewer"])
    listing = client.get(reverse("sync:run-list")).content.decode()
    assert "<td>Bulk API</td>" in listing
    detail = client.get(reverse("sync:run-detail", args=[run.pk])).content.decode()
    assert "<dt>Read through</dt><dd>Bulk API</dd>" in detail
    api = client.get(reverse("api-sync-run", args=[run.pk]))
    assert api.json()["read_path"] == "bulk"
