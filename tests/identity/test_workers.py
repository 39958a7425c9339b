"""Forked workers of an offline run: results in the order the items went out, what the parent held before the
fork visible to them without being sent, and the inbound file read as the workers go, not whole; the fit's
sample levelled in workers, and the mirror's chunks normalised here and in a helper, as in one process; an offline run over several batches writes the same results
file with 2 workers as with 1; a worker that fails or dies stops the run with no results file written."""

import dataclasses
import functools
import io
import os
import signal
import tempfile
import time

import pytest
from django.core.management import CommandError, call_command

from benchmarks.identity_data import (
    crm_records,
    generate_people,
    inbound_records,
    person_cases,
    write_case_files,
)
from identity_app import mirror_index, services, training
from identity_app import workers as workers_module
from identity_app.management.commands import identity_link
from identity_app.resolver import Resolver
from identity_app.workers import WorkerError, WorkerPool, map_shared, worker_pool

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


def _killed(item):
    os.kill(os.getpid(), signal.SIGKILL)


def _refused(spec, batch):
    raise ValueError("a record this worker cannot resolve")


def _killed_on_batch(spec, batch):
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_dies_is_a_clear_error_not_a_hang():
    with pytest.raises(WorkerError, match="worker process ended"), worker_pool(2) as pool:
        list(pool.map(_killed, range(4)))


def test_a_worker_found_dead_when_the_next_item_goes_out_is_the_same_clear_error():
    with worker_pool(2) as pool:
        pids = {pid for _, pid in pool.map(_slow_for_small, range(8))}
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not pool.executor._broken and time.monotonic() < deadline:  # the executor notices on its own
            time.sleep(0.02)
        with pytest.raises(WorkerError, match="worker process ended"):
            list(pool.map(_slow_for_small, range(4)))


def test_ctrl_c_is_left_to_the_parent_and_workers_go_on():
    with worker_pool(2) as pool:
        pids = {pid for _, pid in pool.map(_slow_for_small, range(8))}
        for pid in pids:
            os.kill(pid, signal.SIGINT)
        time.sleep(0.2)
        assert [item for item, _ in pool.map(_slow_for_small, range(8))] == list(range(8))
        assert {pid for _, pid in pool.map(_slow_for_small, range(8))} <= pids


def test_map_all_sends_every_item_before_any_result_is_read():
    read = []

    def items():
        for item in range(6):
            read.append(item)
            yield item

    with worker_pool(2) as pool:
        results = pool.map_all(_slow_for_small, items())
        assert read == list(range(6))
        assert [item for item, _ in results] == list(range(6))


def test_the_fit_levelled_in_workers_gathers_what_one_process_does(db, rules, monkeypatch):
    """The same sample levels, labels and random pairs (each worker a slice of them), in the same order."""
    people = generate_people(600, seed=11)
    services.mirror_load_in_memory(rule_set=rules, records=crm_records(people, merged_every=40))
    records = inbound_records(people, 300, seed=5, unknown_share=0.15)
    for record in records:
        record.pop("truth")
    resolver = services.resolver_for_rules(rules)
    try:
        alone = training.training_data(resolver, records)
        with worker_pool(2) as pool:
            # Patched after the fork: only the workers can have levelled the chunks and the random pairs.
            monkeypatch.setattr(training, "chunk_training_data", None)
            monkeypatch.setattr(Resolver, "random_pair_levels", None)
            forked = training.training_data(resolver, records, pool=pool)
    finally:
        mirror_index.keep_in_memory(False)
    assert dataclasses.asdict(forked) == dataclasses.asdict(alone)
    assert alone.labelled and alone.random_pairs and alone.records == 300
    fitted = [training.fit(data, comparisons=rules.comparisons, prior=0.01) for data in (alone, forked)]
    assert fitted[0].comparisons == fitted[1].comparisons and fitted[0].prior == fitted[1].prior


@pytest.mark.parametrize(
    ("in_worker", "error", "message"),
    [(_killed_on_batch, CommandError, "worker process ended"), (_refused, ValueError, "cannot resolve")],
)
def test_a_failed_worker_stops_the_run_and_writes_no_results_file(
    db, tmp_path, monkeypatch, in_worker, error, message
):
    files = write_case_files(person_cases(300, 200, seed=11), tmp_path, "people")
    out = tmp_path / "results.csv"
    monkeypatch.setattr(identity_link, "_resolve_in_worker", in_worker)
    try:
        with pytest.raises(error, match=message):
            call_command(
                "identity_link",
                str(files["inbound"]),
                mirror_csv=str(files["crm"]),
                provider="hubspot",
                object_name="contacts",
                kind="person",
                out=str(out),
                workers=2,
                batch_size=100,
                progress=False,
            )
    finally:
        mirror_index.keep_in_memory(False)
    assert not out.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        path.name for path in files.values()
    )  # no partial file left beside the inputs


def _split(work_here: float, work_in_helper: float, items: int = 24) -> list[int]:
    """Which items this process computed in a `map_shared` over `items` items (results checked in order),
    each item taking `work_here` s here and `work_in_helper` s in the helper."""
    parent, offset = os.getpid(), 1000  # held by a closure: the helper inherits the function, never pickled

    def tagged(item):
        time.sleep(work_here if os.getpid() == parent else work_in_helper)
        return item + offset, os.getpid()

    results = list(map_shared(tagged, range(items), workers=2))
    assert [value for value, _ in results] == [item + offset for item in range(items)]
    return [item for item, (_, pid) in enumerate(results) if pid == parent]


def _splits_follow_the_speeds() -> bool:
    even = _split(0.01, 0.01)
    slow_helper = _split(0.005, 0.05)
    slow_here = _split(0.05, 0.005)
    assert 0 not in even  # the helper is given the first item at once, whatever the machine's load
    return 0 < len(slow_here) < len(even) < len(slow_helper) < 24


def test_map_shared_is_ordered_and_the_split_follows_how_fast_each_side_is():
    assert _split(0.01, 0.01, items=2) == [1]  # a short load's two items are shared, not both given away
    # The counts are timings: on a loaded machine one fork can stall long enough to swap two of them, so
    # the order must hold in one of three tries (a split that ignored the speeds fails all three).
    assert any(_splits_follow_the_speeds() for _ in range(3))


def test_items_and_results_cross_as_files_none_left_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    results_read = []
    read = workers_module._Payloads.read

    def noting(path):
        results_read.append(path)
        return read(path)

    monkeypatch.setattr(workers_module._Payloads, "read", staticmethod(noting))
    assert list(map_shared(str, range(30), workers=2)) == [str(item) for item in range(30)]
    assert any(path.endswith(".result") for path in results_read)  # the helper's results came as files
    stopped = map_shared(str, range(30), workers=2)
    next(stopped)
    stopped.close()  # a load that failed half-way: its consumer stops reading
    with worker_pool(2) as pool:
        assert [item for item, _ in pool.map(_slow_for_small, range(6))] == list(range(6))
        assert [item for item, _ in pool.map_all(_slow_for_small, range(4))] == list(range(4))
    assert list(tmp_path.iterdir()) == []


def test_map_shared_with_a_helper_that_dies_is_a_clear_error():
    parent = os.getpid()

    def dies_in_the_helper(item):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return item

    with pytest.raises(WorkerError, match="worker process ended"):
        list(map_shared(dies_in_the_helper, range(6), workers=2))


def test_a_load_helper_that_dies_stops_the_run_and_writes_no_results_file(db, tmp_path, monkeypatch):
    files = write_case_files(person_cases(300, 200, seed=11), tmp_path, "people")
    out = tmp_path / "results.csv"
    parent, prepared = os.getpid(), services._prepared_for_memory

    def dies_in_the_helper(*args, **kwargs):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return prepared(*args, **kwargs)

    monkeypatch.setattr(services, "_prepared_for_memory", dies_in_the_helper)
    monkeypatch.setattr(services, "MIRROR_BATCH_SIZE", 50)  # chunks enough for the helper to take some
    try:
        with pytest.raises(CommandError, match="worker process ended"):
            call_command(
                "identity_link",
                str(files["inbound"]),
                mirror_csv=str(files["crm"]),
                provider="hubspot",
                object_name="contacts",
                kind="person",
                out=str(out),
                workers=2,
                progress=False,
            )
    finally:
        mirror_index.keep_in_memory(False)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(path.name for path in files.values())


def _index_contents(rules) -> tuple:
    index = next(
        index
        for key, index in mirror_index._indexes.items()
        if key[:2] == (rules.flow.connection.pk, "contacts")
    )
    return index.records, dict(index.members), index.stored_profiles, index.ids_by_crm_id


def test_a_mirror_loaded_with_a_helper_holds_what_one_process_loads(db, rules, monkeypatch):
    records = list(crm_records(generate_people(500, seed=7), merged_every=30))
    monkeypatch.setattr(services, "MIRROR_BATCH_SIZE", 40)  # chunks enough for the helper to take some
    try:
        services.mirror_load_in_memory(rule_set=rules, records=records)
        alone = _index_contents(rules)
        mirror_index.keep_in_memory(False)
        with_helper = functools.partial(map_shared, workers=2)
        services.mirror_load_in_memory(rule_set=rules, records=records, mapper=with_helper)
        shared = _index_contents(rules)
    finally:
        mirror_index.keep_in_memory(False)
    assert shared == alone
    assert len(alone[0]) > 400


def test_workers_told_to_end_when_done_still_return_every_item_in_flight():
    """`end_when_done` (no more items: the workers exit without this process waiting) leaves the items
    already sent to finish, and their results to be read, before `close` waits for the exits."""
    pool = WorkerPool(2)
    try:
        futures = [pool.submit(_slow_for_small, item) for item in range(6)]
        pool.end_when_done()
        assert [pool.result(future)[0] for future in futures] == list(range(6))
    finally:
        pool.close()


def _link_without_workers_option(files, out, **options) -> str:
    """`identity_link` as the README runs it (no --workers); what it printed."""
    printed = io.StringIO()
    call_command(
        "identity_link",
        str(files["inbound"]),
        mirror_csv=str(files["crm"]),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        out=str(out),
        progress=False,
        stdout=printed,
        **options,
    )
    mirror_index.keep_in_memory(False)  # each run starts like a new process
    return printed.getvalue()


def _pools_made(monkeypatch) -> list[int]:
    made = []
    real = identity_link.worker_pool

    def counted(workers):
        made.append(workers)
        return real(workers)

    monkeypatch.setattr(identity_link, "worker_pool", counted)
    return made


def test_without_the_option_a_large_offline_run_takes_a_worker_per_cpu(db, tmp_path, monkeypatch):
    files = write_case_files(person_cases(300, 120, seed=5), tmp_path, "people")
    monkeypatch.setattr(identity_link, "AUTO_WORKERS_FROM_INBOUND", 100)  # "large" for a fast test
    monkeypatch.setattr(identity_link, "_usable_cpus", lambda: 2)
    made = _pools_made(monkeypatch)
    printed = _link_without_workers_option(files, tmp_path / "auto.csv")
    assert made == [2]
    assert "Workers: 2, one per CPU" in printed
    _link_without_workers_option(files, tmp_path / "one.csv", workers=1)
    assert made == [2, 1]  # the option, given, is obeyed
    assert (tmp_path / "auto.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()


def test_without_the_option_a_small_file_runs_in_this_process(db, tmp_path, monkeypatch):
    files = write_case_files(person_cases(300, 120, seed=5), tmp_path, "people")
    monkeypatch.setattr(identity_link, "_usable_cpus", lambda: 2)
    made = _pools_made(monkeypatch)
    printed = _link_without_workers_option(files, tmp_path / "small.csv")
    assert made == [1]
    assert "Workers:" not in printed


def test_a_large_crm_export_alone_is_enough_for_workers(db, tmp_path, monkeypatch):
    files = write_case_files(person_cases(300, 120, seed=5), tmp_path, "people")
    monkeypatch.setattr(identity_link, "AUTO_WORKERS_FROM_MIRROR", 200)
    monkeypatch.setattr(identity_link, "_usable_cpus", lambda: 3)
    made = _pools_made(monkeypatch)
    _link_without_workers_option(files, tmp_path / "auto.csv")
    assert made == [3]


def test_one_usable_cpu_means_one_worker_and_no_note(db, tmp_path, monkeypatch):
    files = write_case_files(person_cases(300, 120, seed=5), tmp_path, "people")
    monkeypatch.setattr(identity_link, "AUTO_WORKERS_FROM_INBOUND", 100)
    monkeypatch.setattr(identity_link, "_usable_cpus", lambda: 1)
    made = _pools_made(monkeypatch)
    printed = _link_without_workers_option(files, tmp_path / "auto.csv")
    assert made == [1]
    assert "Workers:" not in printed


def test_usable_cpus_are_those_this_process_may_run_on(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert identity_link._usable_cpus() == 3
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert identity_link._usable_cpus() == 6
