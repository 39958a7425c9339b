"""The worker class: write-back jobs run in the worker process, other queues' jobs in a forked horse."""

import os

import pytest

from crmhub.writeback.worker import PRELOADED_MODULES, PipelineWorker, preload_job_modules

pytestmark = [pytest.mark.redis]


def job_pid() -> int:
    return os.getpid()


def job_keeps_mirror_indexes() -> bool:
    from identity_app import mirror_index

    return mirror_index.keeps_in_memory()


def test_workers_use_the_pipeline_worker_class():
    from django_rq.workers import get_worker_class

    assert get_worker_class() is PipelineWorker
    preload_job_modules()  # every listed module imports
    assert "crmhub.writeback.pipeline" in PRELOADED_MODULES


@pytest.mark.django_db(transaction=True)  # the worker closes stale connections around each job
def test_write_back_jobs_run_in_process_and_others_fork():
    if not os.environ.get("CRMHUB_TEST_SERVERS"):
        pytest.skip("needs real Redis: run under `python -m tests.harness`")
    import django_rq

    writeback, default = django_rq.get_queue("writeback"), django_rq.get_queue("default")
    writeback.connection.flushdb()
    in_process = writeback.enqueue(job_pid)
    forked = default.enqueue(job_pid)
    indexes = writeback.enqueue(job_keeps_mirror_indexes)
    no_indexes = default.enqueue(job_keeps_mirror_indexes)
    worker = django_rq.get_worker("writeback", "default")
    assert isinstance(worker, PipelineWorker)
    worker.work(burst=True)
    assert in_process.return_value() == os.getpid()
    assert forked.return_value() not in (None, os.getpid())
    assert indexes.return_value() is True  # the resolver keeps mirror indexes across write-back jobs
    assert no_indexes.return_value() is False  # but not in a horse, which lives for one job
