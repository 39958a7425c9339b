"""RQ jobs of sync cycles, webhook events and trigger flows (queue "sync"). Each takes ids, re-reads rows
and calls a service.

Enqueueing goes through `dispatch()` (crmhub/core/dispatch.py), which waits for the current transaction to commit.
Tests install an `InlineDispatcher` (`use_dispatcher`) to run jobs synchronously and deterministically.
"""

from crmhub.core.dispatch import (
    Dispatch,
    InlineDispatcher,  # noqa: F401 - tests install it through this module
)

QUEUE = "sync"

dispatch = Dispatch(QUEUE)
use_dispatcher = dispatch.use


# -- the jobs ---------------------------------------------------------------------------------------------


def sync_run_job(run_id: int) -> None:
    from crmhub.sync import services

    services.sync_run_execute(run_id=run_id)


def schedule_job() -> None:
    """Every minute: queue the cycles and completeness checks that are due."""
    from crmhub.sync import services

    services.sync_cycles_schedule()


def webhook_events_job(event_ids: list[int]) -> None:
    from crmhub.sync import webhooks

    webhooks.webhook_events_process(event_ids=event_ids)


def trigger_execution_job(execution_id: int) -> None:
    from crmhub.sync import triggers

    triggers.trigger_execution_run(execution_id=execution_id)


def trigger_sweep_job() -> None:
    """Retries that are due, and integration outputs that match inbound-output rules."""
    from crmhub.sync import triggers

    triggers.trigger_retries_due()
    triggers.inbound_triggers_evaluate()


def receipts_purge_job() -> None:
    from crmhub.sync import webhooks

    webhooks.webhook_receipts_purge()


CRON_JOBS = (
    ("crmhub.sync.jobs.schedule_job", QUEUE, 60),
    ("crmhub.sync.jobs.trigger_sweep_job", QUEUE, 30),
    ("crmhub.sync.jobs.receipts_purge_job", QUEUE, 3600),
)
