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


def users_refresh_job(destination_id: int | None = None) -> None:
    """Read the CRM's users for the destinations that map them (one destination's before its Run now)."""
    from crmhub.exports import services
    from crmhub.exports.models import Destination

    destination = Destination.objects.filter(pk=destination_id).first() if destination_id else None
    if destination_id and destination is None:
        return
    services.users_refresh_all(destination=destination)


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
    ("crmhub.exports.jobs.users_refresh_job", QUEUE, 3600),
)
