"""The write-back worker: RQ's `SimpleWorker` (jobs run in the worker process, no fork) on the "writeback"
queue only, with the job modules imported once at start. Start it with
`manage.py rqworker writeback --worker-class crmhub.writeback.worker.PipelineWorker --with-scheduler`;
the other queues keep RQ's forking worker (`manage.py rqworker default sync monitoring --with-scheduler`).

RQ's default worker forks a work horse per job and imports the job's function inside it. For the write-back
pipeline that cost about 0.4 s of CPU per 1,000-record job (fork, imports, a fresh database connection, cold
caches in the identity resolver): a third of the worker CPU the benchmarks measured. Write-back jobs are
short, keep no state between jobs beyond caches, and are crash-safe by design (a killed worker leaves leases
that the recovery sweep takes over), so they gain nothing from the horse's isolation. `SimpleWorker` still
enforces the job timeout (RQ's death penalty) and sizes its heartbeat to cover a whole job.

Only public RQ extension points are used: the worker class, its constructor, and a job class
(`ConnectionCheckedJob`) whose `perform()` drops database connections that went bad or outlived
CONN_MAX_AGE before and after each job, as Django does around each request.

The worker keeps in-memory mirror indexes for the identity resolver (identity_app/mirror_index.py): built
by the first write-back job that resolves against a mirror, kept in step by every later one.
"""

import importlib
import logging

from django.conf import settings
from django.db import close_old_connections
from rq.job import Job
from rq.worker import SimpleWorker

from crmhub.writeback.jobs import QUEUE
from identity_app import services as identity_services

logger = logging.getLogger(__name__)

WORKER_CLASS_PATH = "crmhub.writeback.worker.PipelineWorker"
PRELOADED_MODULES = (
    "crmhub.writeback.pipeline",
    "crmhub.connectors.hubspot.client",
    "crmhub.connectors.salesforce.client",
    "crmhub.connectors.pipedrive.client",
    "identity_app.services",
)


def preload_job_modules() -> None:
    for name in PRELOADED_MODULES:
        importlib.import_module(name)


class ConnectionCheckedJob(Job):
    """A job that starts and ends with usable database connections (a long-lived worker otherwise keeps
    a connection the database closed, and every later job would fail on it)."""

    def perform(self):
        close_old_connections()
        try:
            return super().perform()
        finally:
            close_old_connections()


class PipelineWorker(SimpleWorker):
    """Runs write-back jobs in process. Refuses other queues: their jobs belong in a forking worker."""

    def __init__(self, queues, *args, **kwargs):
        kwargs["job_class"] = ConnectionCheckedJob
        super().__init__(queues, *args, **kwargs)
        others = sorted(queue.name for queue in self.queues if queue.name != QUEUE)
        if others:
            raise ValueError(
                f"PipelineWorker runs only the {QUEUE!r} queue; run {', '.join(others)} in RQ's default "
                "worker (manage.py rqworker without --worker-class)."
            )
        preload_job_modules()
        identity_services.mirror_index_keep_in_memory(enabled=settings.IDENTITY_MIRROR_INDEX_MAX_RECORDS > 0)
        logger.info("write-back worker %s ready on queue %s", self.name, QUEUE)
