"""`benchmarks/identity_sixth.py` gives the same record sets for a seed, and its truths are consistent."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from benchmarks.identity_sixth import CATEGORIES, ORG_CATEGORIES, organisation_cases, person_cases


def _snapshot(case_set):
    return case_set.crm_rows, [(c.external_id, c.category, c.row, c.truth) for c in case_set.cases]


def test_a_seed_gives_the_same_people_and_another_seed_other_people():
    first = person_cases(300, 3, seed=61)
    assert _snapshot(first) == _snapshot(person_cases(300, 3, seed=61))
    assert _snapshot(first) != _snapshot(person_cases(300, 3, seed=62))
    assert {case.category for case in first.cases} == set(CATEGORIES)


def test_every_link_case_names_a_crm_record_and_no_none_case_does():
    for case_set, categories, id_column in (
        (person_cases(300, 3, seed=7), CATEGORIES, "Id"),
        (organisation_cases(200, 3, seed=8), ORG_CATEGORIES, "Id"),
    ):
        ids = {row[id_column] for row in case_set.crm_rows}
        assert len(ids) == len(case_set.crm_rows)
        for case in case_set.cases:
            if categories[case.category] == "link":
                assert case.truth and set(case.truth) <= ids, case.category
            else:
                assert case.truth == (), case.category


def test_organisations_are_deterministic_by_seed():
    assert _snapshot(organisation_cases(200, 3, seed=8)) == _snapshot(organisation_cases(200, 3, seed=8))
