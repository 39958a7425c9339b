"""Worker processes for an offline `identity_link` run: forked once the mirror is loaded and the model fitted,
so they share what this process holds (the in-memory mirror, remembered inbound profiles and levels)
copy-on-write instead of receiving it. Results come back in the order the items went out, so a results file
is the same with any number of workers.
"""

import gc
import multiprocessing
from collections import deque
from contextlib import contextmanager


class WorkerPool:
    """Forked worker processes. `map` is ordered like `map`, with at most two items per worker in flight,
    so a file streams through without being read whole."""

    def __init__(self, workers: int):
        self.workers = workers
        # Objects made so far move to the collector's permanent generation: a collection in a worker would
        # otherwise write to (and so copy) every page holding them.
        gc.freeze()
        self.pool = multiprocessing.get_context("fork").Pool(workers)

    def map(self, function, items):
        pending: deque = deque()
        for item in items:
            pending.append(self.pool.apply_async(function, (item,)))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


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
