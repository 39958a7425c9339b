"""Worker processes for an offline `identity_link` run: forked once the mirror is loaded, so they share what this
process holds (the in-memory mirror, remembered inbound profiles) copy-on-write instead of receiving it. They
level the fit's sample and resolve the file. Results come back in the order the items went out, so a results
file is the same with any number of workers.
"""

import gc
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager


class WorkerError(RuntimeError):
    """A worker process ended without a result (killed, out of memory): the run cannot be completed."""


class WorkerPool:
    """Forked worker processes. `map` is ordered like `map`, with at most two items per worker in flight,
    so a file streams through without being read whole; `map_all` sends every item at once. Items cross
    as files (`_Payloads`)."""

    def __init__(self, workers: int):
        self.workers = workers
        self.payloads = _Payloads()
        self.manager = None  # the executor's manager thread, once `end_when_done` made it forget it
        # Objects made so far move to the collector's permanent generation: a collection in a worker would
        # otherwise write to (and so copy) every page holding them.
        gc.freeze()
        self.executor = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=_leave_interrupts_to_parent
        )
        # Forked now, from what this process holds now: with "fork", the executor forks them all in its first
        # `submit`, before it returns (waiting for the item to come back only delayed this process).
        _submit(self.executor, gc.isenabled)

    def submit(self, function, item, *, result_as_file: bool = False):
        """A future of `function(item)` in a worker; with `result_as_file`, of the name of the file holding
        it (`result`)."""
        return _submit(self.executor, _call, function, self.payloads.put(item), result_as_file)

    def result(self, future, *, as_file: bool = False):
        return self.payloads.read(_result(future)) if as_file else _result(future)

    def map(self, function, items):
        pending: deque = deque()
        for item in items:
            pending.append(self.submit(function, item))
            if len(pending) >= 2 * self.workers:
                yield self.result(pending.popleft())
        while pending:
            yield self.result(pending.popleft())

    def map_all(self, function, items):
        """`map` of a few large items (the fit's chunks), all sent before this returns: this process is free
        for other work until it reads the results."""
        pending = [self.submit(function, item) for item in items]
        return (self.result(future) for future in pending)

    def end_when_done(self) -> None:
        """No more items: the workers end once theirs are done, without this process waiting for them. A
        worker takes 10-15 ms to exit (letting go of its copy of what it touched), which this process spends
        on its own work before `close` waits."""
        # The executor forgets its manager thread on a shutdown that does not wait; `close` still must.
        self.manager = self.executor._executor_manager_thread or self.manager
        self.executor.shutdown(wait=False)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.manager is not None:
            # Until the manager thread has told every worker to end and they have: a process that exits
            # before (a forked child running this command) closes the queue to the workers first, at its
            # exit finalizers, and then waits forever for workers that never got the word.
            self.manager.join()
            self.manager = None
        self.payloads.remove()


def _call(function, path: str, result_as_file: bool):
    result = function(_Payloads.read(path))
    return _Payloads.write(f"{path}.result", result) if result_as_file else result


class _Payloads:
    """Items (and large results) of a `WorkerPool` as files in a directory of its own: only their names go
    through the pool's pipes. A pipe carries 64 KB at a time, each taken by a thread of this process when it
    gets the interpreter's lock, which this process, while it works, gives up every 5 ms: a helper's
    ~0.9 MB result (a 2,000-row chunk of the mirror) took tens of milliseconds to cross, and the fit's
    chunks 35 ms to reach the workers, each side idle meanwhile (measured on the people files). A file is
    written and read whole by the process holding it."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="crmhub-workers-")
        self.count = 0

    def put(self, value) -> str:
        self.count += 1
        return self.write(os.path.join(self.directory, str(self.count)), value)

    def remove(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)

    @staticmethod
    def write(path: str, value) -> str:
        with open(path, "wb") as handle:
            handle.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return path

    @staticmethod
    def read(path: str):
        with open(path, "rb") as handle:
            value = pickle.loads(handle.read())  # noqa: S301 - this run's own, in its mkdtemp (0700) directory
        os.unlink(path)
        return value


# The function of a running `map_shared`: set before its helpers fork, so they inherit it (and all it holds,
# the lookup keys of a mirror load) instead of receiving it with every item.
_shared_function = None


def _call_shared(item):
    return _shared_function(item)


def map_shared(function, items, *, workers: int, ahead: int = 2, meanwhile=None):
    """`map(function, items)`, ordered, computed by this process and `workers - 1` helper processes forked
    at the first item, for work whose results this process keeps (the mirror's rows). At each of this
    process's turns the helpers are given the next item while they have fewer than `ahead` each unfinished;
    this process computes the next item itself while the oldest result is not back, so the split follows
    how fast each side is. Items and results cross as files; the function does not (the helpers inherit it).
    `meanwhile` (steps of other work: a pass over another file) is run here, step by step, once the helpers
    are forked and before this process computes or yields any item; the helpers are fed between its steps,
    so that work overlaps theirs instead of preceding it."""
    global _shared_function
    _shared_function = function
    pool = WorkerPool(workers - 1)
    in_flight = ahead * pool.workers
    pending: deque = deque()  # per item, in order: (True, its result) computed here, or (False, a future)
    iterator = iter(items)
    ended = False
    try:
        for _ in _steps_then_none(meanwhile) if meanwhile is not None else ():
            # This process computes no item yet: the helpers are kept at `in_flight` each.
            while _unfinished(pending) < in_flight and (item := next(iterator, _END)) is not _END:
                pending.append((False, pool.submit(_call_shared, item, result_as_file=True)))
        while True:
            # One item a turn to the helpers: a short load's first items are shared, not all given away.
            if _unfinished(pending) < in_flight and (item := next(iterator, _END)) is not _END:
                pending.append((False, pool.submit(_call_shared, item, result_as_file=True)))
            if pending and (_ready(pending[0]) or len(pending) > 4 * in_flight):
                here, value = pending.popleft()
            elif (item := next(iterator, _END)) is not _END:
                pending.append((True, function(item)))
                continue
            elif not ended:
                pool.end_when_done()  # every item is out: the helpers exit as this process finishes its own
                ended = True
                continue
            elif pending:
                here, value = pending.popleft()  # every item is out: wait for the rest
            else:
                return
            yield value if here else pool.result(value, as_file=True)
    finally:
        pool.close()
        _shared_function = None


_END = object()


def _steps_then_none(steps):
    """None before each step of `steps` is run (the caller's turn comes first), then after the last."""
    yield None
    for _ in steps:
        yield None


def _unfinished(pending) -> int:
    return sum(1 for here, value in pending if not here and not value.done())


def _ready(entry) -> bool:
    here, value = entry
    return here or value.done()


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
