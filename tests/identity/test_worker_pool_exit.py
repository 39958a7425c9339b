"""A forked child that runs `identity_link --workers` (as the benchmarks run it) must exit when it is done."""

import multiprocessing

from identity_app.workers import WorkerPool


def _double(item):
    return 2 * item


def _pool_ended_then_exit() -> None:
    pool = WorkerPool(2)
    assert list(pool.map(_double, range(10))) == [2 * item for item in range(10)]
    pool.end_when_done()
    pool.close()  # then the process exits at once, as a forked child running the command does


def test_a_forked_child_whose_pool_ended_when_done_exits():
    """`close` after `end_when_done` waits for the executor's manager thread: a forked child that exited
    before it had told the workers to end closed their queue first (its exit finalizers) and then waited
    for them forever (3 runs in 10 hung before)."""
    for _ in range(10):
        child = multiprocessing.get_context("fork").Process(target=_pool_ended_then_exit)
        child.start()
        child.join(30)
        if child.is_alive():
            child.kill()
            child.join()
            raise AssertionError("the child never exited: its workers were never told to end")
        assert child.exitcode == 0
