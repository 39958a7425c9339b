"""Forked workers of an offline run: results in the order the items went out, what the parent held before the
fork visible to them without being sent, and the inbound file read as the workers go, not whole; an offline
run over several batches writes the same results file with 2 workers as with 1."""

import os
import time

from django.core.management import call_command

from benchmarks.identity_data import person_cases, write_case_files
from identity_app import mirror_index
from identity_app.workers import WorkerPool, worker_pool

INHERITED: dict = {}


def _slow_for_small(item: int) -> tuple[int, int]:
    time.sleep(0.02 if item % 3 == 0 else 0)  # early items finish last
    return item, os.getpid()


def _from_parent(key: str) -> str:
    return INHERITED[key]


def test_results_come_back_in_item_order_from_other_processes():
    with worker_pool(2) as pool:
        results = list(pool.map(_slow_for_small, range(20)))
    assert [item for item, _ in results] == list(range(20))
    assert os.getpid() not in {pid for _, pid in results}


def test_workers_see_what_the_parent_held_when_they_forked():
    INHERITED["mirror"] = "loaded before the fork"
    try:
        with worker_pool(2) as pool:
            assert (
                list(pool.map(_from_parent, ["mirror", "mirror", "mirror"])) == ["loaded before the fork"] * 3
            )
    finally:
        INHERITED.clear()


def test_items_are_read_as_results_are_taken():
    read = []

    def items():
        for item in range(50):
            read.append(item)
            yield item

    pool = WorkerPool(2)
    try:
        results = pool.map(_slow_for_small, items())
        assert next(results)[0] == 0
        assert len(read) <= 2 * 2  # at most two items per worker in flight, not the whole file
        assert [item for item, _ in results] == list(range(1, 50))
    finally:
        pool.close()


def test_one_worker_means_this_process():
    with worker_pool(1) as pool:
        assert pool is None


def test_several_batches_over_two_workers_write_the_same_file_as_one_process(db, tmp_path):
    files = write_case_files(person_cases(600, 450, seed=11), tmp_path, "people")
    written = {}
    for workers in (1, 2):
        out = tmp_path / f"results-{workers}.csv"
        call_command(
            "identity_link",
            str(files["inbound"]),
            mirror_csv=str(files["crm"]),
            provider="hubspot",
            object_name="contacts",
            kind="person",
            train=True,
            out=str(out),
            workers=workers,
            batch_size=100,
            progress=False,
        )
        mirror_index.keep_in_memory(False)  # each run starts like a new process
        written[workers] = out.read_bytes()
    assert written[2] == written[1]
    assert written[1].count(b"\n") > 400  # every record written (5 batches of up to 100)
    assert b",matched," in written[1]
