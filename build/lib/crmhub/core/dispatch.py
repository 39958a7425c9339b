"""Enqueueing RQ jobs once the current transaction commits, and running them inline in tests.

Each job module has one `Dispatch` for its queue: `dispatch(func, *args, delay=...)` enqueues (or
schedules) `func(*args)` after commit, so a job never reads rows its caller has not committed yet.
Tests swap in an `InlineDispatcher` (`dispatch.use(...)`) to run the jobs synchronously and in order.
"""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction


class RqDispatcher:
    def __init__(self, queue: str):
        self.queue = queue

    def __call__(self, func: Callable, *args, delay: float = 0.0) -> None:
        import django_rq

        queue = django_rq.get_queue(self.queue)
        if delay > 0:
            queue.enqueue_in(timedelta(seconds=delay), func, *args)
        else:
            queue.enqueue(func, *args)


class InlineDispatcher:
    """Collects jobs at once (tests run in a transaction that never commits); `drain()` runs them, and the
    jobs they enqueue, until none is left. Delayed jobs are kept apart until `drain(include_delayed=True)`.
    `ran` lists the names of the jobs run so far."""

    immediate = True

    def __init__(self, *, run_delayed: bool = False):
        self.run_delayed = run_delayed
        self.pending: list[tuple[Callable, tuple]] = []
        self.delayed: list[tuple[Callable, tuple, float]] = []
        self.ran: list[str] = []

    def __call__(self, func: Callable, *args, delay: float = 0.0) -> None:
        if delay > 0 and not self.run_delayed:
            self.delayed.append((func, args, delay))
        else:
            self.pending.append((func, args))

    def drain(self, *, include_delayed: bool = False, limit: int = 10_000) -> int:
        """Run what is pending; returns how many jobs ran."""
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


class Dispatch:
    """The dispatcher of one queue."""

    def __init__(self, queue: str):
        self.queue = queue
        self.dispatcher: Callable = RqDispatcher(queue)

    def __call__(self, func: Callable, *args, delay: float = 0.0) -> None:
        dispatcher = self.dispatcher
        if getattr(dispatcher, "immediate", False):
            dispatcher(func, *args, delay=delay)
            return
        transaction.on_commit(lambda: dispatcher(func, *args, delay=delay))

    @contextmanager
    def use(self, dispatcher):
        previous, self.dispatcher = self.dispatcher, dispatcher
        try:
            yield dispatcher
        finally:
            self.dispatcher = previous
