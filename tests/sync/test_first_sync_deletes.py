"""A first full sync reads deletes from its own start, not the CRM's whole history (Pipedrive's /v1/recents is
20 tokens a page and holds every change ever made); later cycles read them from the watermark."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from crmhub.connectors import get_connector
from crmhub.connectors.base import CrmConnector
from crmhub.connectors.ratelimit import RateBudget
from crmhub.core.connectors import connector_factory
from crmhub.core.timestamps import parse_timestamp
from crmhub.sync.models import SyncStatus
from crmhub.sync.services import FIRST_SYNC_DELETE_MARGIN
from identity_app.models import MirrorRecord
from tests.sync.test_pipedrive_option_changes import pd_world  # noqa: F401 - fixture

SLACK = timedelta(seconds=10)  # the delete overlap, and v1's whole seconds


@pytest.fixture
def world(pd_world):  # noqa: F811 - the imported fixture, used
    """The Pipedrive world, its connectors passed through `world.wrap`."""
    sandbox = pd_world.sandbox

    def sleep(seconds: float) -> None:
        sandbox.clock.advance(seconds=seconds)

    def build(connection):
        budget = RateBudget.in_memory("sync", sleep=sleep, clock=lambda: sandbox.clock.now().timestamp())
        connector = get_connector(connection, transport=sandbox.transport(), rate_budget=budget, sleep=sleep)
        for wrap in pd_world.wrap:
            connector = wrap(connector)
        return connector

    with connector_factory(build):
        yield pd_world


def recents_since(world) -> list:
    """Records the since_timestamp of every /v1/recents request the sync sends."""
    asked = []

    def watch(connector: CrmConnector) -> CrmConnector:
        send = connector._send

        def watched(method, url, cost, bucket, authenticated, kwargs):
            if urlsplit(url).path.endswith("/recents"):
                asked.append(parse_timestamp(kwargs["params"]["since_timestamp"].replace(" ", "T") + "Z"))
            return send(method, url, cost, bucket, authenticated, kwargs)

        connector._send = watched
        return connector

    world.wrap.append(watch)
    return asked


def test_a_first_full_sync_reads_deletes_from_its_own_start_and_still_sees_one_made_during_it(world):
    people = world.account.record_ids("contacts")
    world.account.delete("contacts", people[0])  # long gone before the hub was connected
    world.advance(30 * 86400)
    asked = recents_since(world)
    deleted_during = people[5]

    def delete_while_reading(connector):
        original = connector.iter_changes

        def iter_changes(object_name, **kwargs):
            for page in original(object_name, **kwargs):
                yield page
                if world.account.objects["contacts"].get(str(deleted_during)).deleted is False:
                    world.advance(2)
                    world.account.delete("contacts", deleted_during)

        connector.iter_changes = iter_changes
        return connector

    world.wrap.append(delete_while_reading)
    started = world.sandbox.clock.now()
    run = world.cycle()
    assert run.status == SyncStatus.COMPLETED, run.error
    assert asked and all(since >= started - FIRST_SYNC_DELETE_MARGIN - SLACK for since in asked)
    mirror = {m.crm_id: m for m in MirrorRecord.objects.filter(connection=world.connection)}
    assert str(people[0]) not in mirror  # read neither as a record nor as a delete
    assert mirror[str(deleted_during)].is_deleted  # deleted after the read: the pass saw it

    world.advance(3600)
    world.account.delete("contacts", people[1])
    world.advance(60)
    second = world.cycle()
    assert second.records_deleted == 1 and mirror_deleted(world, people[1])
    assert asked[-1] >= run.watermark_after - FIRST_SYNC_DELETE_MARGIN  # from the watermark, not the start


def mirror_deleted(world, crm_id) -> bool:
    return MirrorRecord.objects.get(connection=world.connection, crm_id=str(crm_id)).is_deleted
