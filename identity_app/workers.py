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


def map_shared(function, items, *, workers: int, ahead: int = 2):
    """`map(function, items)`, ordered, computed by this process and `workers - 1` helper processes forked
    at the first item, for work whose results this process keeps (the mirror's rows). The helpers always
    have `ahead` items each given and unfinished; this process computes an item itself while the oldest
    result is not back, so the split follows how fast each side is. Items and results cross as files
    (`_Payloads`); the function does not (the helpers inherit it)."""
    global _shared_function
    _shared_function = function
    pool = WorkerPool(workers - 1)
    payloads = _Payloads()
    in_flight = ahead * pool.workers
    pending: deque = deque()  # per item, in order: (True, its result) computed here, or (False, a future)
    iterator = iter(items)
    try:
        while True:
            while _unfinished(pending) < in_flight and (item := next(iterator, _END)) is not _END:
                pending.append((False, _submit(pool.executor, _call_shared, payloads.put(item))))
            if pending and (_ready(pending[0]) or len(pending) > 4 * in_flight):
                yield payloads.result(*pending.popleft())
            elif (item := next(iterator, _END)) is not _END:
                pending.append((True, function(item)))
            elif pending:
                yield payloads.result(*pending.popleft())  # every item is out: wait for the rest
            else:
                return
    finally:
        pool.close()
        payloads.remove()
        _shared_function = None


_END = object()


def _unfinished(pending) -> int:
    return sum(1 for here, value in pending if not here and not value.done())


def _ready(entry) -> bool:
    here, value = entry
    return here or value.done()


def _call_shared(path: str) -> str:
    return _Payloads.write(path + ".result", _shared_function(_Payloads.read(path)))


class _Payloads:
    """`map_shared`'s items and results as files in a directory of its own: only their names go through the
    pool's pipes. A pipe carries 64 KB at a time, each taken by a thread of this process when it gets the
    interpreter's lock, which this process, busy storing and normalising, gives up every 5 ms: a helper's
    ~0.9 MB result (a 2,000-row chunk of the mirror) took tens of milliseconds to cross, the helper idle
    meanwhile (measured on the people export). A file is written and read whole by the process holding it."""

    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="crmhub-shared-")
        self.count = 0

    def put(self, value) -> str:
        self.count += 1
        return self.write(os.path.join(self.directory, str(self.count)), value)

    def result(self, here: bool, value):
        """An item's result from its `pending` entry: computed here, or a helper's (its file read)."""
        return value if here else self.read(_result(value))

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
