"""Worker processes for an offline `identity_link` run: forked once the mirror is loaded, so they share what this
process holds (the in-memory mirror, remembered inbound profiles) copy-on-write instead of receiving it. They
level the fit's sample and resolve the file. Results come back in the order the items went out, so a results
file is the same with any number of workers.
"""

import gc
import itertools
import multiprocessing
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager


class WorkerError(RuntimeError):
    """A worker process ended without a result (killed, out of memory): the run cannot be completed."""


class WorkerPool:
    """Forked worker processes. `map` is ordered like `map`, with at most two items per worker in flight,
    so a file streams through without being read whole; `map_all` sends every item at once."""

    def __init__(self, workers: int):
        self.workers = workers
        # Objects made so far move to the collector's permanent generation: a collection in a worker would
        # otherwise write to (and so copy) every page holding them.
        gc.freeze()
        self.executor = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=_leave_interrupts_to_parent
        )
        # Forked now, from what this process holds now (the executor forks them all at its first item).
        for future in [_submit(self.executor, gc.isenabled) for _ in range(workers)]:
            _result(future)

    def map(self, function, items):
        pending: deque = deque()
        for item in items:
            pending.append(_submit(self.executor, function, item))
            if len(pending) >= 2 * self.workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    def map_all(self, function, items):
        """`map` of a few large items (the fit's chunks), all sent before this returns: this process is free
        for other work until it reads the results."""
        pending = [_submit(self.executor, function, item) for item in items]
        return (_result(future) for future in pending)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


# The function of a running `map_shared`: set before its helpers fork, so they inherit it (and all it holds,
# the lookup keys of a mirror load) instead of receiving it with every item.
_shared_function = None


def _call_shared(item):
    return _shared_function(item)


def map_shared(function, items, *, workers: int, helper_share: int = 2):
    """`map(function, items)`, ordered, computed by this process and `workers - 1` helper processes forked
    at the first item, for work whose results this process keeps (the mirror's rows). For each item this
    process computes, each helper computes `helper_share`: this process also stores every result. Items go
    to the helpers pickled, and results come back so; the function does not (they inherit it)."""
    global _shared_function
    _shared_function = function
    pool = WorkerPool(workers - 1)
    group = 1 + helper_share * (workers - 1)
    try:
        iterator = iter(items)
        before = None  # this process's result and the helpers' futures of the group before
        while batch := list(itertools.islice(iterator, group)):
            # The next group goes out before this process works on its own item, so helpers never wait.
            futures = [_submit(pool.executor, _call_shared, item) for item in batch[1:]]
            if before is not None:
                yield before[0]
                yield from map(_result, before[1])
            before = (function(batch[0]), futures)
        if before is not None:
            yield before[0]
            yield from map(_result, before[1])
    finally:
        pool.close()
        _shared_function = None


def _leave_interrupts_to_parent() -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent stops the run and cleans up, while a
    # worker that took it would die with a traceback of its own mid-batch.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_WORKER_ENDED = (
    "A worker process ended without finishing its batch (killed or out of memory?): no results written."
)


def _submit(executor, function, *args):
    # A worker that died is seen by whichever comes first: this submit or an earlier item's result.
    try:
        return executor.submit(function, *args)
    except BrokenProcessPool as exc:
        raise WorkerError(_WORKER_ENDED) from exc


def _result(future):
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerError(_WORKER_ENDED) from exc


@contextmanager
def worker_pool(workers: int):
    """A `WorkerPool`, or None for one worker (everything runs in this process). Workers never touch the
    database (an in-memory mirror answers every read), so the parent's connection is not shared in use."""
    if workers <= 1:
        yield None
        return
    pool = WorkerPool(workers)
    try:
        yield pool
    finally:
        pool.close()
