"""Worker processes for an offline `identity_link` run: forked once the mirror is loaded, so they share what this
process holds (the in-memory mirror, remembered inbound profiles) copy-on-write instead of receiving it. They
level the fit's sample and resolve the file. Results come back in the order the items went out, so a results
file is the same with any number of workers.
"""

import gc
import multiprocessing
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
        self.executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        # Forked now, from what this process holds now (the executor forks them all at its first item).
        for future in [self.executor.submit(gc.isenabled) for _ in range(workers)]:
            _result(future)

    def map(self, function, items):
        pending: deque = deque()
        for item in items:
            pending.append(self.executor.submit(function, item))
            if len(pending) >= 2 * self.workers:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    def map_all(self, function, items):
        """`map` of a few large items (the fit's chunks), all sent before this returns: this process is free
        for other work until it reads the results."""
        pending = [self.executor.submit(function, item) for item in items]
        return (_result(future) for future in pending)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _result(future):
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerError(
            "A worker process ended without finishing its batch (killed or out of memory?): no results written."
        ) from exc


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
