"""Rules found by the forty-third generator (a German machine builder's Pipedrive persons, exported with the
account set to German, against a trade fair's lead export): Pipedrive's German column labels and a lead
export's "Mobil" are read; a mobile both records give stays the holder's beside two mailboxes that are the one
person's aliases at the company's domain. None of these tests reads an outside file."""

import pytest

from identity_app.attributes import recognised_columns
from identity_app.key_checks import own_aliases_beside_mobile
from tests.identity.conftest import crm, filler_records

PIPEDRIVE_GERMAN = [
    "Person - ID", "Person - Name", "Person - Vorname", "Person - Nachname", "Person - Organisation",
    "Person - Telefon - Büro", "Person - Telefon - Mobil", "Person - Telefon - Privat",
    "Person - Telefon - Sonstiger", "Person - E-Mail-Adresse - Büro", "Person - E-Mail-Adresse - Privat",
    "Person - E-Mail-Adresse - Sonstiger", "Organisation - Adresse", "Organisation - PLZ",
]  # fmt: skip


def test_a_german_pipedrive_persons_export_is_read_by_its_labels():
    renames = recognised_columns(PIPEDRIVE_GERMAN, keep=["Person - ID"])
    assert renames["Person - Telefon - Büro"] == "phone"
    assert renames["Person - Telefon - Mobil"] == "mobilephone"
    assert renames["Person - E-Mail-Adresse - Büro"] == "work_email"
    assert renames["Person - E-Mail-Adresse - Privat"] == "personal_email"
    assert renames["Person - E-Mail-Adresse - Sonstiger"] == "secondary_email"
    assert renames["Person - Telefon - Privat"] == "phones"
    assert "Person - Telefon - Sonstiger" in renames  # a further number of the person's


def test_a_lead_exports_mobile_column_is_read():
    renames = recognised_columns(["Barcode", "Vorname", "Nachname", "Firma", "Telefon", "Mobil", "E-Mail"])
    assert renames["Mobil"] == "mobilephone"
    assert renames["Telefon"] == "phone"


def _record(first, last, email, number):
    return {"first_name": first, "last_name": last, "emails": [email], "phones": [number]}


MOBILE = "+4915121570029"


@pytest.mark.parametrize(
    ("ours", "theirs", "number", "aliases"),
    [
        (("wolfgang", "franke", "wolfgang.franke@nagel.de"), ("wolfgang", "franke", "wfranke@nagel.de"), MOBILE, True),
        (("jordis", "brunner", "joerdis.brunner@hiller.ch"), ("jordis", "brunner", "j.brunner@hiller.ch"),
         "+41782972134", True),  # an umlaut written out in the mailbox
        # a second holder of the name is given a number by the mail system: another person's mailbox
        (("thomas", "muller", "thomas.mueller2@rieger.de"), ("thomas", "muller", "thomas.mueller@rieger.de"),
         MOBILE, False),
        # an office landline both give: a desk that colleagues share
        (("wolfgang", "franke", "wolfgang.franke@nagel.de"), ("wolfgang", "franke", "wfranke@nagel.de"),
         "+4930123456", False),
        # another person's name on the mobile: not one person's aliases
        (("tobias", "kern", "tobias.kern@kern.de"), ("hans", "kern", "h.kern@kern.de"), MOBILE, False),
        # a mailbox that names nobody
        (("wolfgang", "franke", "info@nagel.de"), ("wolfgang", "franke", "wfranke@nagel.de"), MOBILE, False),
        # a mailbox with another word than the names
        (("wolfgang", "franke", "einkauf.franke@nagel.de"), ("wolfgang", "franke", "wfranke@nagel.de"), MOBILE,
         False),
    ],
)  # fmt: skip
def test_two_name_made_mailboxes_of_one_person_beside_their_mobile_are_aliases(ours, theirs, number, aliases):
    inbound, holder = _record(*ours, number), _record(*theirs, number)
    assert own_aliases_beside_mobile(inbound, holder, number, 0.8) is aliases


def test_a_mobile_links_beside_another_alias_of_the_holders_own_names(mirror, resolve):
    """Wolfgang Franke's Pipedrive record holds his mobile and wfranke@; his badge gives the mobile and
    wolfgang.franke@, which his firm delivers to him too. A colleague's other mailbox would make the mobile a
    shared line; two forms of his own names do not. A second Wolfgang Franke's numbered mailbox still does."""
    mirror(
        crm("wf", firstname="Wolfgang", lastname="Franke", company="Nagel Verpackungstechnik e.K.",
            mobilephone="+49 1512 1570029", email="wfranke@nagel-verpackung.de"),
        *filler_records(),
    )  # fmt: skip
    lead = {"first_name": "Wolfgang", "last_name": "Franke", "company_name": "Nagel Verpackungstechnik"}
    alias, numbered = resolve(
        {**lead, "external_id": "alias", "phone": "+49 1512 1570029", "email": "wolfgang.franke@nagel-verpackung.de"},
        {**lead, "external_id": "two", "phone": "+49 1512 1570029", "email": "wolfgang.franke2@nagel-verpackung.de"},
    )  # fmt: skip
    assert (alias.outcome, alias.crm_id) == ("matched", "wf"), (alias.notes, alias.candidates)
    assert not numbered.matched
