"""RQ jobs of sync cycles, webhook events and trigger flows (queue "sync"). Each takes ids, re-reads rows
and calls a service.

Enqueueing goes through `dispatch()`, which waits for the current transaction to commit. Tests install an
`InlineDispatcher` (`use_dispatcher`) to run jobs synchronously and deterministically.
"""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction

QUEUE = "sync"


class RqDispatcher:
    def __call__(self, func: Callable, *args, delay: float = 0.0) -> None:
        import django_rq

        queue = django_rq.get_queue(QUEUE)
        if delay > 0:
            queue.enqueue_in(timedelta(seconds=delay), func, *args)
        else:
            queue.enqueue(func, *args)


class InlineDispatcher:
    """Collects jobs at once (tests run in a transaction that never commits); `drain()` runs them, and the
    jobs they enqueue, until none is left. Delayed jobs are kept apart until `drain(include_delayed=True)`."""

    immediate = True

    def __init__(self):
        self.pending: list[tuple[Callable, tuple]] = []
        self.delayed: list[tuple[Callable, tuple, float]] = []
        self.ran: list[str] = []

    def __call__(self, func: Callable, *args, delay: float = 0.0) -> None:
        if delay > 0:
            self.delayed.append((func, args, delay))
        else:
            self.pending.append((func, args))

    def drain(self, *, include_delayed: bool = False, limit: int = 10_000) -> int:
        if include_delayed:
            self.pending += [(func, args) for func, args, _ in self.delayed]
            self.delayed = []
        count = 0
        while self.pending and count < limit:
            func, args = self.pending.pop(0)
            func(*args)
            self.ran.append(func.__name__)
            count += 1
        return count


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
