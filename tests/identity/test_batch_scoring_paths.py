"""A batch is scored comparison by comparison (`scoring.remember_batch`, levels remembered across records
and batches in `scoring.LEVELS`); a single record (the API and webhook path) levels its own candidates.
Both decide every record alike: the same outcome, chosen record, score, candidates, vetoes and notes."""

import csv
import io
import random

import pytest

from benchmarks.identity_data import organisation_cases, person_cases
from identity_app import csv_io, scoring, services
from identity_app.attributes import EntityKind
from identity_app.models import defaults_for_kind
from identity_app.resolver import Resolver, Rules
from identity_app.scoring import DEFAULT_COMPARISONS, LevelMemo, Scorer, remember_batch
from mappings_app.models import CrmObject, Flow
from tests.identity.conftest import decisions
from tests.identity.test_resolver_fast_path import _random_profile

KINDS = {
    EntityKind.PERSON: ("contacts", lambda: person_cases(600, 240, seed=21)),
    EntityKind.ORGANISATION: ("Account", lambda: organisation_cases(400, 160, seed=23)),
}


@pytest.fixture
def fresh_levels(monkeypatch):
    """An empty memo for the test, so no level comes from another test."""
    levels = LevelMemo()
    monkeypatch.setattr(scoring, "LEVELS", levels)
    return levels


def _loaded(connection, kind: str):
    """A resolver over a generated CRM export of `kind` (its adversarial cases included) loaded into the
    mirror, and the generated inbound records."""
    object_name, cases = KINDS[kind]
    case_set = cases()
    crm_object = CrmObject.objects.create(connection=connection, name=object_name, label=object_name)
    Flow.objects.create(connection=connection, name=kind, source_system="file", crm_object=crm_object)
    export = io.StringIO()
    writer = csv.DictWriter(export, fieldnames=case_set.crm_columns)
    writer.writeheader()
    writer.writerows(case_set.crm_rows)
    export.seek(0)
    records = list(csv_io.MirrorFile(export, object_name=object_name))
    services.mirror_upsert(connection=connection, object_name=object_name, records=records)
    defaults = defaults_for_kind(kind)
    rules = Rules(source_system="file", entity_kind=kind, **{**defaults, "probabilistic_enabled": True})
    resolver = Resolver(connection_id=connection.pk, object_name=object_name, rules=rules)
    inbound = [{"source_system": "file", **row} for row in case_set.inbound_rows()]
    return resolver, inbound


@pytest.mark.parametrize("kind", [EntityKind.PERSON, EntityKind.ORGANISATION])
def test_a_batch_decides_every_record_as_resolving_it_alone_does(connection, fresh_levels, kind):
    resolver, inbound = _loaded(connection, kind)
    batched = []
    for start in range(0, len(inbound), 120):  # several batches: later ones reuse what earlier ones levelled
        batched += resolver.resolve_batch(inbound[start : start + 120])
    assert fresh_levels.size > 0  # the batch path remembered levels

    fresh_levels.enabled = False  # the reference: nothing remembered, each record levels its own candidates
    alone = [resolver.resolve_batch([record])[0] for record in inbound]

    assert decisions(batched) == decisions(alone)
    for batch_result, alone_result in zip(batched, alone, strict=True):  # the raw score too, not rounded
        assert batch_result.score == pytest.approx(alone_result.score, abs=1e-9)
    outcomes = {result.outcome for result in batched}
    assert {"matched", "ambiguous"} <= outcomes
    if kind == EntityKind.PERSON:
        assert {"low_score", "key_contradicted"} <= outcomes
        assert any(c["vetoed_by"] for result in batched for c in result.candidates)


def test_batch_levels_give_the_totals_and_levels_of_one_record_alone(fresh_levels):
    scorer = Scorer([dict(comparison) for comparison in DEFAULT_COMPARISONS], 0.01)
    rng = random.Random(8)
    inbound = [_random_profile(rng) for _ in range(60)]
    candidates = [[scorer.values(_random_profile(rng)) for _ in range(30)] for _ in inbound]

    batch = [scorer.against(profile) for profile in inbound]
    remember_batch(batch, candidates)
    batch_totals = [one.totals(rows) for one, rows in zip(batch, candidates, strict=True)]

    fresh_levels.enabled = False
    for profile, rows, totals, one in zip(inbound, candidates, batch_totals, batch, strict=True):
        alone = scorer.against(profile)
        assert totals == alone.totals(rows)  # the very same floats
        assert [one.levels(row) for row in rows] == [alone.levels(row) for row in rows]


def test_the_memo_forgets_everything_past_its_limit():
    levels = LevelMemo(limit=3)
    comparison = {"method": "name", "thresholds": [0.92, 0.8]}
    known = levels.known(comparison, "john")
    assert levels.known(comparison, "john") is known
    assert levels.known({"method": "name", "thresholds": [0.9]}, "john") is not known
    levels.added(2)
    assert levels.similarity("name", "john", "jon") == levels.similarity("name", "john", "jon")
    assert levels.size == 3
    levels.added(1)
    assert levels.size == 0 and levels.known(comparison, "john") is not known
