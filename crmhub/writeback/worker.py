"""The RQ worker class (settings.RQ["WORKER_CLASS"]): RQ's forking worker, except that write-back jobs run
in the worker process itself, and the job modules are imported once, before any fork.

RQ forks a work horse per job and imports the job's function inside it. For the write-back pipeline that
cost about 0.4 s of CPU per 1,000-record job (fork, imports, a fresh database connection, cold caches in
the identity resolver): a third of the worker CPU the benchmarks measured. Write-back jobs are short,
keep no state between jobs beyond caches, and are crash-safe by design (a killed worker leaves leases that
the recovery sweep takes over), so they gain nothing from the horse's isolation; they run in process, with
the job timeout still enforced (RQ's death penalty) and the database connections closed after each job,
so a horse forked later for another queue never shares a socket. Jobs of the other queues still fork, and
start with the modules already imported.

The worker keeps in-memory mirror indexes for the identity resolver (identity_app/mirror_index.py): built
by the first write-back job that resolves against a mirror, kept in step by every later one.
"""

import importlib

from django.conf import settings
from django.db import close_old_connections, connections
from rq.job import Job
from rq.queue import Queue
from rq.worker import Worker
from rq.worker.base import DEFAULT_WORKER_TTL, WorkerStatus

from crmhub.writeback.jobs import QUEUE
from identity_app import mirror_index

PRELOADED_MODULES = (
    "crmhub.writeback.pipeline",
    "crmhub.connectors.hubspot.client",
    "crmhub.connectors.salesforce.client",
    "crmhub.connectors.pipedrive.client",
    "identity_app.services",
)
IN_PROCESS_QUEUES = frozenset({QUEUE})


def preload_job_modules() -> None:
    for name in PRELOADED_MODULES:
        importlib.import_module(name)


class PipelineWorker(Worker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        preload_job_modules()
        mirror_index.keep_in_memory(settings.IDENTITY_MIRROR_INDEX_MAX_RECORDS > 0)

    def execute_job(self, job: Job, queue: Queue):
        if queue.name not in IN_PROCESS_QUEUES:
            return super().execute_job(job, queue)
        close_old_connections()
        try:
            execution = self.prepare_execution(job)
            self.perform_job(job, queue, execution)
        finally:
            connections.close_all()
        self.set_state(WorkerStatus.IDLE)
        return None

    def main_work_horse(self, job: Job, queue: Queue):
        # A horse lives for one job: building a mirror index there would be thrown away with it.
        mirror_index.keep_in_memory(False, drop=False)
        return super().main_work_horse(job, queue)

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        # An in-process job cannot send heartbeats while it runs: its whole timeout must be covered.
        if job.origin not in IN_PROCESS_QUEUES:
            return super().get_heartbeat_ttl(job, working_time)
        if job.timeout == -1:
            return DEFAULT_WORKER_TTL
        return int(job.timeout or DEFAULT_WORKER_TTL) + 60
