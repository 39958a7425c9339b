"""RQ jobs of the write-back pipeline (queue "writeback"). Each takes ids, re-reads rows, calls a function.

Enqueueing goes through `dispatch()`, which waits for the current transaction to commit. Tests install an
`InlineDispatcher` (`use_dispatcher`) to run the pipeline synchronously and deterministically.
"""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction

QUEUE = "writeback"


class RqDispatcher:
    def __call__(self, func: Callable, *args, delay: float = 0.0) -> None:
        import django_rq

        queue = django_rq.get_queue(QUEUE)
        if delay > 0:
            queue.enqueue_in(timedelta(seconds=delay), func, *args)
        else:
            queue.enqueue(func, *args)


class InlineDispatcher:
    """Collects jobs; `drain()` runs them (and the jobs they enqueue) until none is left.

    It collects at once rather than on commit: tests run inside one transaction that never commits."""

    immediate = True

    def __init__(self):
        self.pending: list[tuple[Callable, tuple]] = []
        self.ran = 0

    def __call__(self, func: Callable, *args, delay: float = 0.0) -> None:
        self.pending.append((func, args))

    def drain(self, limit: int = 10_000) -> int:
        while self.pending and self.ran < limit:
            func, args = self.pending.pop(0)
            func(*args)
            self.ran += 1
        return self.ran


_dispatcher: Callable = RqDispatcher()


@contextmanager
def use_dispatcher(dispatcher):
    global _dispatcher
    previous, _dispatcher = _dispatcher, dispatcher
    try:
        yield dispatcher
    finally:
        _dispatcher = previous


def dispatch(func: Callable, *args, delay: float = 0.0) -> None:
    """Enqueue `func(*args)` once the current transaction (if any) commits."""
    dispatcher = _dispatcher
    if getattr(dispatcher, "immediate", False):
        dispatcher(func, *args, delay=delay)
        return
    transaction.on_commit(lambda: dispatcher(func, *args, delay=delay))


# -- the jobs ---------------------------------------------------------------------------------------------


def process_job(inbound_ids: list[int]) -> None:
    """Resolve identity (holding the unresolved) and plan the values of received records."""
    from crmhub.writeback import pipeline

    pipeline.records_process(inbound_ids=inbound_ids)


def write_job(flow_id: int, inbound_ids: list[int]) -> None:
    from crmhub.writeback import pipeline

    pipeline.outcomes_write(flow_id=flow_id, inbound_ids=inbound_ids)


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
