"""Rules found by `benchmarks/identity_sixth.py` (a Salesforce Lead export against a marketing-automation list
of international leads). None of these tests reads the generator."""

import random

import pytest

from identity_app import normalise_companies, normalise_names, organisations, training
from tests.identity.conftest import crm, filler_records


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Lic. Sebastián García Pérez", "sebastian garcia perez"),
        ("Sr. José Luis Ortega", "jose luis ortega"),
        ("Hr. Søren Møller", "soren moller"),
        ("Pani Małgorzata Wróbel", "malgorzata wrobel"),
        ("Sig. Marco Rossi", "marco rossi"),
        ("Dhr. Jan de Vries", "jan de vries"),
        ("M. Jean Dupont", "jean dupont"),
    ],
)
def test_a_local_form_of_address_in_front_of_a_name_is_no_part_of_it(written, plain):
    assert normalise_names.name(written) == plain


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Robert Smith Sr.", "robert smith sr"),  # a generation, not a form of address
        ("M. Dupont", "m dupont"),  # an initial
        ("Pan Wei", "pan wei"),  # a surname
        ("Sr", "sr"),
    ],
)
def test_the_same_words_stay_where_they_may_be_a_name_an_initial_or_a_generation(written, plain):
    assert normalise_names.name(written) == plain


def test_an_email_key_is_not_contradicted_by_a_salutation_read_as_the_first_name(db, mirror, resolve):
    """ "Lic. Sebastián García Pérez" used to be first name "lic", so both names differed from the email's
    record and the key went to review as "this email now seems to belong to someone else"."""
    mirror(
        crm("c1", firstname="Sebastián", lastname="García Pérez", email="s.garcia@wenholara.com.mx"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Lic. Sebastián García Pérez",
            "email": "s.garcia@wenholara.com.mx",
        }
    )
    assert (result.matched, result.crm_id) == (True, "c1")


# -- a lead export whose address is the company's ---------------------------------------------------------

COMPARISONS = [
    {"attribute": "first_name", "method": "exact", "m": [0.9, 0.1], "u": [0.05, 0.95]},
    {"attribute": "last_name", "method": "exact", "m": [0.9, 0.1], "u": [0.05, 0.95]},
    {"attribute": "company_name", "method": "exact", "employer": True, "m": [0.8, 0.2], "u": [0.01, 0.99]},
    {"attribute": "email_domain", "method": "exact", "employer": True, "m": [0.8, 0.2], "u": [0.01, 0.99]},
    {"attribute": "postcode", "method": "exact", "m": [0.85, 0.15], "u": [0.02, 0.98]},
    {"attribute": "city", "method": "exact", "m": [0.85, 0.15], "u": [0.1, 0.9]},
]
TRUE_MATCH = (0.95, 0.95, 0.95, 0.9, 0.95, 0.95)
STRANGER = (0.05, 0.05, 0.01, 0.01, 0.02, 0.1)


def world(colleague_postcode: float, *, seed: int = 3, records: int = 400) -> training.TrainingData:
    """Per inbound record its own lead (half decided by an email key) and 3 colleagues at its company, who
    share the company's postcode and city (`colleague_postcode` = 1.0: the export's address is the company's)
    or only now and then (a home address)."""
    rng = random.Random(seed)
    colleague = (0.05, 0.1, 1.0, 1.0, colleague_postcode, colleague_postcode)

    def pair(agreement):
        return tuple(0 if rng.random() < share else 1 for share in agreement)

    data = training.TrainingData()
    for index in range(records):
        group = {f"t{index}": pair(TRUE_MATCH), **{f"c{index}-{n}": pair(colleague) for n in range(3)}}
        data.records += 1
        data.records_with_pairs += 1
        for levels in group.values():
            data.patterns[levels] += 1
            data.em_patterns[(*levels[:2], -1, *levels[3:])] += 1  # found through a company block
        if rng.random() < 0.5:
            data.labelled.append(group[f"t{index}"])
            data.key_groups.append((f"t{index}", dict(group)))
    data.random_pairs = [pair(STRANGER) for _ in range(3000)]
    data.mirror_records = 3000
    return data


def test_a_company_address_is_not_counted_as_evidence_of_the_person_and_the_model_is_accepted():
    """Counted with the company and its email domain as if independent, the company's postcode and city made
    every colleague a match: the model was refused and nothing linked probabilistically."""
    data = world(colleague_postcode=1.0)
    assert training.company_addresses(data, COMPARISONS, frozenset()) == {4, 5}
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)
    assert fit.accepted, fit.check.problems
    weights = {r.attribute: [level.weight for level in r.levels] for r in fit.check.comparisons}
    assert weights["postcode"] == [0.0, 0.0] and weights["city"] == [0.0, 0.0]
    assert weights["first_name"][0] > 3 and weights["company_name"][0] > 3
    assert any("Not counted as evidence of the person: postcode, city" in note for note in fit.check.notes)


def test_a_persons_own_address_keeps_its_weight():
    data = world(colleague_postcode=0.02)
    assert training.company_addresses(data, COMPARISONS, frozenset()) == frozenset()
    fit = training.fit(data, comparisons=COMPARISONS, prior=0.1)
    assert fit.accepted, fit.check.problems
    weights = {r.attribute: [level.weight for level in r.levels] for r in fit.check.comparisons}
    assert weights["postcode"][0] > 3 and weights["postcode"][1] < -2


# -- a trading name after the registered one ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "registered"),
    [
        ("Brikelpra Logistics Limited t/a Torrintam Energy", "brikelpra logistics"),
        ("Zenmarlum Corp. d/b/a Ostdax Foods", "zenmarlum"),
        ("Vorrin Analytics Limited DBA Zensolzen Robotics", "vorrin analytics"),
        ("Acme LLC doing business as Acme Tools", "acme"),
        ("Oracle DBA Services Ltd", "oracle dba services"),  # database administrators, no trading name
        ("Foo aka Bar", "foo aka bar"),
    ],
)
def test_a_trading_name_after_the_registered_one_is_no_part_of_the_companys_name(written, registered):
    assert normalise_companies.company_name(written) == registered


def test_an_account_written_with_its_trading_name_is_found_by_its_domain(resolve_companies):
    """The domain's record used to be "another organisation whose name clearly differs"."""
    [result] = resolve_companies(
        [
            crm("1", name="Vorrin Analytics Limited", domain="vorrin.co.uk", city="Glasgow"),
            crm("2", name="Globex GmbH", domain="globex.de"),
        ],
        {
            "external_id": "e1",
            "name": "Vorrin Analytics Limited DBA Zensolzen Robotics",
            "website": "https://vorrin.co.uk/",
            "city": "Glasgow",
        },
    )
    assert (result.outcome, result.crm_id) == ("matched", "1")


# -- an account's office: its name and the city it is in ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "city", "office"),
    [
        ("normarzor networks aalborg", "aalborg", "normarzor networks"),
        ("cordaxmar logistics gmbh koln office", "koln", "cordaxmar logistics"),
        ("pranorbri glasgow", "glasgow", "pranorbri"),
        ("bank of new york", "new york", "bank of new york"),  # the city is part of the name
        ("glasgow", "glasgow", "glasgow"),
        ("acme berlin", "munchen", "acme berlin"),
    ],
)
def test_the_city_a_record_is_in_written_after_its_name_names_its_office(name, city, office):
    assert organisations.without_own_city(name, city) == office


def test_an_account_written_with_its_offices_city_is_found_by_its_phone(resolve_companies):
    """ "Pranorbri - Glasgow" in Glasgow used to clearly differ from "Pranorbri Ltd", so the account's own
    phone number was taken for another organisation's."""
    [result] = resolve_companies(
        [
            crm("1", name="Pranorbri Ltd", phone="+44 121 205 1237", city="Glasgow"),
            crm("2", name="Globex GmbH", domain="globex.de"),
        ],
        {"external_id": "e1", "name": "Pranorbri - Glasgow", "phone": "+44 121 205 1237", "city": "Glasgow"},
    )
    assert (result.outcome, result.crm_id) == ("matched", "1")


def test_another_city_after_the_name_still_differs(resolve_companies):
    [result] = resolve_companies(
        [crm("1", name="Pranorbri Ltd", phone="+44 121 205 1237", city="Glasgow")],
        {"external_id": "e1", "name": "Pranorbri Leeds", "phone": "+44 121 205 1237", "city": "Glasgow"},
    )
    assert result.outcome != "matched"
