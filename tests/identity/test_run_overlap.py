"""An offline run's work moved where a core is free, with the same results: the fit's sample drawn in the keys
pass (`training.Reservoir`), the resolve's batches small at the start and at the end (`tapering_chunks`), the
transient records removed while the workers resolve, and the fit's key agreement and u read once per level
pattern; the id checks skip the scientific-notation pattern for ids without an exponent."""

import csv
import random
from collections import Counter

import pytest
from django.core.management import call_command

from benchmarks.identity_data import person_cases, write_case_files
from crmhub.models import CrmConnection
from identity_app import csv_io, em, mirror_index, services, training
from identity_app.management.commands import identity_link
from identity_app.management.commands.identity_link import MIN_WORKER_BATCH, tapering_chunks
from identity_app.scoring import MISSING
from tests.identity.test_fit_resolve_paths import _reference_key_agreement


@pytest.mark.parametrize("length", [0, 1, 7, 20, 21, 333])
def test_a_reservoir_filled_in_parts_draws_the_sample_of_the_whole(length):
    rng = random.Random(length)
    records = [{"n": i} for i in range(length)]
    for seed in (0, 4):
        expected = training.reservoir_sample(iter(records), 20, seed=seed)
        reservoir = training.Reservoir(20, seed=seed)
        start = 0
        while start < length:
            end = start + rng.choice([0, 1, 3, 19, 50])  # empty parts too
            reservoir.add(records[start:end])
            start = end
        reservoir.add([])
        assert reservoir.sample == expected
        assert reservoir.seen == length
    assert training.reservoir_sample(iter(records), 20) == records[:20] or length > 20


@pytest.mark.parametrize(
    ("count", "total", "size", "workers"),
    [(4994, 4994, 625, 2), (150, 150, 100, 2), (5000, 200, 625, 2), (200, 9000, 625, 3), (0, 10, 100, 2)],
)
def test_tapering_chunks_keep_every_record_in_order_and_shrink_at_both_ends(count, total, size, workers):
    """`total` may be off (rows the reader rejects, a file that grew): every record still comes, once, in
    order, no chunk over `size` nor, but the last, under MIN_WORKER_BATCH."""
    records = list(range(count))
    chunks = list(tapering_chunks(iter(records), size, total, workers))
    assert [record for chunk in chunks for record in chunk] == records
    assert all(len(chunk) <= max(size, MIN_WORKER_BATCH) for chunk in chunks)
    assert all(len(chunk) >= MIN_WORKER_BATCH for chunk in chunks[:-1])
    if count == total == 4994:
        sizes = [len(chunk) for chunk in chunks]
        assert (
            sizes[0] == MIN_WORKER_BATCH < sizes[1] < sizes[2] < size == max(sizes)
        )  # each worker busy soon
        assert sizes[-2] < size / 4  # and the last ones small, so the workers end together


def test_key_agreement_from_remembered_rivals_counts_as_before():
    """`_key_agreement` reads each record's distinct rival patterns once (`TrainingData.key_rivals`, the same
    for every model checked): the counts of the plain loop, for several models, priors and both modes."""
    rng = random.Random(31)
    level_counts = [3, 2, 5, 5, 3]

    def model():
        m = [em._normalised([8.0, *(rng.random() + 0.1 for _ in range(n - 1))]) for n in level_counts]
        u = [em._normalised([0.1, *(rng.random() + 1.0 for _ in range(n - 1))]) for n in level_counts]
        return m, u

    def levels():
        return tuple(rng.choice([MISSING, 0, 1, n - 1]) for n in level_counts)

    data = training.TrainingData()
    for record in range(400):
        group = {f"{record}-{i}": levels() for i in range(rng.randrange(1, 12))}
        data.key_groups.append((rng.choice(list(group)), group))
    keys = frozenset({1})
    counted = []
    for m, u in (model(), model(), model()):
        for prior in (0.001, 0.3):
            for per_candidate in (False, True):
                found = training._key_agreement(
                    data.key_groups,
                    m,
                    u,
                    prior,
                    keys,
                    per_candidate=per_candidate,
                    rivals=data.key_rivals(keys),
                )
                assert found == _reference_key_agreement(data.key_groups, m, u, prior, keys, per_candidate)
                counted.append(found)
    assert any(0 < agreeing < checked for agreeing, checked in counted)
    # Groups added after the rivals were read: read again, not the stale ones.
    data.key_groups.append(("x", {"x": (0, 0, 0, 0, 0), "y": (0, 0, 0, 0, 0)}))
    m, u = model()
    found = training._key_agreement(data.key_groups, m, u, 0.3, keys, rivals=data.key_rivals(keys))
    assert found == _reference_key_agreement(data.key_groups, m, u, 0.3, keys)


def test_u_from_random_pairs_counted_by_pattern_is_u_counted_pair_by_pair():
    rng = random.Random(2)
    level_counts = [3, 2, 4]
    pairs = [tuple(rng.choice([MISSING, *range(n)]) for n in level_counts) for _ in range(3000)]
    pairs += [list(pairs[0]), list(pairs[1])]  # levels given as lists are the same patterns

    counts = [[1.0] * count for count in level_counts]
    for pair in pairs:
        for index, level in enumerate(pair):
            if level != MISSING:
                counts[index][level] += 1
    assert em.u_from_random_pairs(pairs, level_counts=level_counts) == [em._normalised(c) for c in counts]
    assert em.u_from_random_pairs([], level_counts=level_counts) == [
        em._normalised([1.0] * n) for n in level_counts
    ]


@pytest.mark.parametrize(
    ("value", "flagged"),
    [
        ("1.23457E+11", True),
        ("1,23457e+11", True),
        (" 4.5e-3 ", True),
        ("123456789", False),
        ("Ernie", False),
    ],
)
def test_shortened_ids_are_still_found_with_either_case_of_exponent(value, flagged):
    check = csv_io.ShortenedIds("id")
    check.check(value, 7)
    assert bool(check.count) is flagged


@pytest.fixture
def files(tmp_path):
    return write_case_files(person_cases(400, 150, seed=3), tmp_path, "people")


def _run(files, out, *, workers: int) -> list[dict]:
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
        batch_size=40,
    )
    mirror_index.keep_in_memory(False)  # each run starts like a new process
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_with_workers_the_transient_records_go_while_the_workers_resolve(db, files, tmp_path, monkeypatch):
    """Removed once, after the first batch is back and before the last: the results are those of one process,
    and nothing of the run is left."""
    written, removed = [], []
    write = csv_io.ResultsWriter.write
    remove = identity_link._remove_transient

    def counted_write(self, batch):
        written.append(len(batch))
        return write(self, batch)

    def noted_remove(connection, flow):
        removed.append(len(written))
        assert CrmConnection.objects.filter(pk=connection.pk).exists()
        return remove(connection, flow)

    monkeypatch.setattr(csv_io.ResultsWriter, "write", counted_write)
    monkeypatch.setattr(identity_link, "_remove_transient", noted_remove)
    alone = _run(files, tmp_path / "one.csv", workers=1)
    assert removed == [len(written)]  # one process: after its last batch, as before
    written.clear(), removed.clear()
    in_workers = _run(files, tmp_path / "two.csv", workers=2)
    assert in_workers == alone
    assert len(removed) == 1 and 1 <= removed[0] < len(written)
    assert not CrmConnection.objects.exists()


def test_the_fit_reads_the_sample_the_keys_pass_drew(db, files, tmp_path, monkeypatch):
    """The sample is the one `reservoir_sample` draws from the inbound file read again, and the file is not
    read again for it."""
    fitted = []
    fit = services.identity_rules_fit

    def noted_fit(*, records, **kwargs):
        fitted.append(records)
        return fit(records=records, **kwargs)

    monkeypatch.setattr(services, "identity_rules_fit", noted_fit)
    _run(files, tmp_path / "out.csv", workers=2)
    with csv_io.open_csv(files["inbound"]) as handle:
        expected = training.reservoir_sample(csv_io.InboundFile(handle, source_system="file"))
    assert isinstance(fitted[0], list) and fitted[0] == expected
    assert Counter(record["external_id"] for record in fitted[0]).most_common(1)[0][1] == 1
