"""RQ jobs of exports (queue "sync": exports ride the sync read). Each takes ids and calls a service."""

from crmhub.core.dispatch import (
    Dispatch,
    InlineDispatcher,  # noqa: F401 - tests install it through this module
)

QUEUE = "sync"

dispatch = Dispatch(QUEUE)
use_dispatcher = dispatch.use


def export_run_job(run_id: int) -> None:
    from crmhub.exports import services

    services.export_run_execute(run_id=run_id)


def reconcile_due_job() -> None:
    """Reconcile every destination whose interval has passed; alerts follow the findings."""
    from crmhub.exports import reconciliation

    reconciliation.reconciliations_due_run()


def export_runs_sweep_job() -> None:
    """Drain what a lost job left buffered (see services.export_runs_sweep)."""
    from crmhub.exports import services

    services.export_runs_sweep()


CRON_JOBS = (
    ("crmhub.exports.jobs.reconcile_due_job", QUEUE, 300),
    ("crmhub.exports.jobs.export_runs_sweep_job", QUEUE, 120),
)
