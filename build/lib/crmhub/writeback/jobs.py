"""RQ jobs of the write-back pipeline (queue "writeback"). Each takes ids, re-reads rows, calls a function.

Enqueueing goes through `dispatch()` (crmhub/core/dispatch.py), which waits for the current transaction to commit.
Tests install an `InlineDispatcher` (`use_dispatcher`) to run the pipeline synchronously and deterministically.
"""

from crmhub.core import dispatch as dispatching

QUEUE = "writeback"

dispatch = dispatching.Dispatch(QUEUE)
use_dispatcher = dispatch.use


class InlineDispatcher(dispatching.InlineDispatcher):
    """Runs delayed jobs at once as well: tests drive the pipeline to its end, retries after a wait included."""

    def __init__(self):
        super().__init__(run_delayed=True)


# -- the jobs ---------------------------------------------------------------------------------------------


def process_job(inbound_ids: list[int]) -> None:
    """Resolve identity (holding the unresolved) and plan the values of received records."""
    from crmhub.writeback import pipeline

    pipeline.records_process(inbound_ids=inbound_ids)


def write_job(flow_id: int, inbound_ids: list[int]) -> None:
    from crmhub.writeback import pipeline

    pipeline.outcomes_write(flow_id=flow_id, inbound_ids=inbound_ids)


def verify_job(flow_id: int, outcome_ids: list[int]) -> None:
    """The batched check of written values no sync read confirmed in time."""
    from crmhub.writeback import pipeline

    pipeline.written_values_verify(flow_id=flow_id, outcome_ids=outcome_ids)


def recover_job() -> None:
    from crmhub.writeback import services

    services.stalled_work_recover()


def purge_job() -> None:
    from crmhub.writeback import services

    services.payloads_purge()


CRON_JOBS = (
    ("crmhub.writeback.jobs.recover_job", QUEUE, 30),
    ("crmhub.writeback.jobs.purge_job", QUEUE, 3600),
)
