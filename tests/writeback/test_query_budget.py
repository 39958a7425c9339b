"""The pipeline's database work per batch does not grow with the number of records (no N+1)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crmhub.writeback.models import OutcomeStatus, WriteOutcome


def _pipeline_queries(world, crm_ids, prefix) -> int:
    from crmhub.writeback import services

    records = [world.output(crm_id, f"{prefix}-{n}", score=n + 0.5) for n, crm_id in enumerate(crm_ids)]
    services.outputs_ingest(user=world.users["integration"], records=records)
    with CaptureQueriesContext(connection) as queries:
        world.run()
    return len(queries)


def test_processing_25_records_takes_no_more_queries_than_5(world):
    small = _pipeline_queries(world, world.ids[:5], "small")  # also runs the first schema check
    large = _pipeline_queries(world, world.ids[5:30], "large")
    assert large <= small, f"{small} queries for 5 records, {large} for 25"
    statuses = set(WriteOutcome.objects.values_list("status", flat=True))
    assert statuses == {OutcomeStatus.WRITTEN_VERIFIED}


def test_a_batch_is_planned_and_written_by_one_job(world):
    world.post([world.output(crm_id, f"one-{n}", score=1.5) for n, crm_id in enumerate(world.ids[:10])])
    assert (
        len(world.dispatcher.ran) == 1
    )  # no separate write job: the planning job claimed and wrote its values
    assert WriteOutcome.objects.filter(status=OutcomeStatus.WRITTEN_VERIFIED).count() == 10
