"""The write-back worker: RQ's SimpleWorker on the "writeback" queue (jobs in the worker process, mirror
indexes kept across jobs); every other queue runs in RQ's default forking worker."""

import os

import pytest
from rq.worker import SimpleWorker, Worker

from crmhub.writeback.worker import (
    PRELOADED_MODULES,
    WORKER_CLASS_PATH,
    ConnectionCheckedJob,
    PipelineWorker,
    preload_job_modules,
)

pytestmark = [pytest.mark.redis]


def job_pid() -> int:
    return os.getpid()


def job_keeps_mirror_indexes() -> bool:
    from identity_app import mirror_index

    return mirror_index.keeps_in_memory()


def job_database_answers() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


def test_the_pipeline_worker_is_rqs_simple_worker_and_other_queues_keep_the_default_worker():
    from django_rq.workers import get_worker_class

    assert issubclass(PipelineWorker, SimpleWorker)
    assert get_worker_class() is Worker  # default, sync and monitoring jobs fork as RQ does
    assert get_worker_class(WORKER_CLASS_PATH) is PipelineWorker
    preload_job_modules()  # every listed module imports
    assert "crmhub.writeback.pipeline" in PRELOADED_MODULES


def test_the_pipeline_worker_refuses_any_queue_but_writeback():
    import django_rq

    with pytest.raises(ValueError, match="runs only the 'writeback' queue; run default"):
        django_rq.get_worker("writeback", "default", worker_class=WORKER_CLASS_PATH)


@pytest.mark.django_db(transaction=True)  # the job class checks connections around each job
def test_write_back_jobs_run_in_process_and_other_queues_fork():
    if not os.environ.get("CRMHUB_TEST_SERVERS"):
        pytest.skip("needs real Redis: run under `python -m tests.harness`")
    import django_rq

    writeback, default = django_rq.get_queue("writeback"), django_rq.get_queue("default")
    writeback.connection.flushdb()
    in_process = writeback.enqueue(job_pid)
    indexes = writeback.enqueue(job_keeps_mirror_indexes)
    database = writeback.enqueue(job_database_answers)
    forked = default.enqueue(job_pid)
    no_indexes = default.enqueue(job_keeps_mirror_indexes)
    worker = django_rq.get_worker("writeback", worker_class=WORKER_CLASS_PATH)
    assert isinstance(worker, PipelineWorker) and worker.job_class is ConnectionCheckedJob
    worker.work(burst=True)
    assert in_process.return_value() == os.getpid()
    assert indexes.return_value() is True  # the resolver keeps mirror indexes across write-back jobs
    assert database.return_value() == 1
    assert forked.get_status() == "queued"  # not this worker's queue
    from identity_app import mirror_index

    mirror_index.keep_in_memory(False)  # as in the separate process the default worker runs in
    django_rq.get_worker("default").work(burst=True)
    assert forked.return_value() not in (None, os.getpid())
    assert no_indexes.return_value() is False  # a forked horse never keeps them
