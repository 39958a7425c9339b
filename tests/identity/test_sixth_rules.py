"""Rules found by `benchmarks/identity_sixth.py` (a Salesforce Lead export against a marketing-automation list
of international leads). None of these tests reads the generator."""

import pytest

from identity_app import normalise
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
    assert normalise.name(written) == plain


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
    assert normalise.name(written) == plain


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
