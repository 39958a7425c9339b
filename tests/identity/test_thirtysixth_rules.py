"""Rules found by the thirty-sixth generator (a Dynamics 365 Sales contacts export from Germany, Austria and
Switzerland against a Salesforce Contacts report): a doctorate's faculty after "Dr." ("Dr. med.", "Dr. rer.
nat.") and Austria's "DI" are titles, German "jun." / "sen." tell a son from his father, a legal form written
"GmbH&Co.KG" or "e. V." is the form, Dynamics' "Address 1: ..." columns are the address, a country written
with its umlaut spelled out ("Oesterreich") is the country, and a CRM column holding the inbound file's GUIDs
(a migration's first wave) is the inbound system's id on the CRM record."""

from identity_app import (
    attributes,
    crm_references,
    locale_words,
    normalise_companies,
    normalise_names,
    normalise_places,
)
from tests.identity.conftest import crm, filler_records


def test_a_doctorates_faculty_after_dr_is_part_of_the_title():
    assert normalise_names.name("Dr. med. Jutta Müller") == "jutta muller"
    assert normalise_names.name("Prof. Dr. med. habil. Hans Berger") == "hans berger"
    assert normalise_names.name("Dr. rer. nat. Anna Weiß") == "anna weiss"
    assert normalise_names.name("Dr. med. dent. Petra Koch") == "petra koch"
    assert normalise_names.name("Dr.med. Uwe Krause") == "uwe krause"
    assert normalise_names.name("Dr. h.c. Klaus Meyer") == "klaus meyer"


def test_only_the_facultys_written_form_is_a_title():
    """Lower case with a dot, right after "Dr.": Dr. Phil Jones keeps his given name, Dr. H. Müller his
    initial."""
    assert normalise_names.name("Dr. Phil Jones") == "phil jones"
    assert normalise_names.name("Dr. H. Müller") == "h muller"


def test_austrias_di_before_a_name_is_a_title_but_not_the_italian_particle():
    assert normalise_names.name("DI Susanne Brunner") == "susanne brunner"
    assert normalise_names.name("Di Stefano Marco") == "di stefano marco"
    assert normalise_names.name("DI STEFANO MARCO") == "di stefano marco"


def test_german_jun_and_sen_after_a_name_mark_a_generation():
    assert locale_words.generation(normalise_names.name("Berger jun.")) == "junior"
    assert locale_words.generation(normalise_names.name("Hans Berger (sen.)")) == "senior"
    # a given name or a surname written so stays a name
    assert locale_words.generation(normalise_names.name("Zhang Xiao Jun")) == ""
    assert locale_words.generation(normalise_names.name("Amartya Sen")) == ""


def test_a_legal_form_written_without_spaces_or_with_spaced_letters_is_the_form():
    assert normalise_companies.company_name("Mühlen Lebensmittel GmbH&Co.KG") == "muhlen lebensmittel"
    assert normalise_companies.company_name("Mühlen Lebensmittel AG&Co.KG") == "muhlen lebensmittel"
    assert normalise_companies.company_name("Förderverein Lindenau e. V.") == "forderverein lindenau"
    assert normalise_companies.company_name("Rossi e Figli") == "rossi and figli"


def test_a_titled_full_name_links_on_the_crms_address(enabled, mirror, resolve):
    """Dynamics' `Full Name` with "Dr. med." typed into the first name field: the address Salesforce holds."""
    mirror(
        *filler_records(),
        crm(
            "c1",
            firstname="Jutta",
            lastname="Müller",
            email="mueller@hansa-antriebstechnik.ch",
            company="Hansa Antriebstechnik KG",
        ),
    )
    [result] = resolve(
        {
            "external_id": "d1",
            "full_name": "Dr. med. Jutta Müller",
            "email": "mueller@hansa-antriebstechnik.ch",
            "company": "Hansa Antriebstechnik KG",
        }
    )
    assert result.matched and result.crm_id == "c1"


def _guid(n: int) -> str:
    return f"{n:08x}-1b63-468d-ac32-03e2b08d1011"


def _dynamics_rows(names):
    return [
        {"external_id": _guid(n), "attributes": {"full_name": f"{first} {last}"}}
        for n, (first, last) in enumerate(names)
    ]


_PEOPLE = [("Jutta", "Müller"), ("Hans", "Berger"), ("Anna", "Weiß"), ("Uwe", "Krause"), ("Petra", "Koch")]


def test_dynamics_primary_address_columns_are_read():
    assert attributes.field_for_column("Address 1: Street 1") == "street"
    assert attributes.field_for_column("Address 1: City") == "city"
    assert attributes.field_for_column("Address 1: ZIP/Postal Code") == "postcode"
    assert attributes.field_for_column("Address 1: State/Province") == "state"
    assert attributes.field_for_column("Address 1: Country/Region") == "country"
    assert attributes.field_for_column("Address 2: City") == ""  # the second address stays unread


def test_a_country_written_with_its_umlaut_spelled_out_is_the_country():
    assert normalise_places.country("Oesterreich") == "AT"
    assert normalise_places.phone_region("Oesterreich") == "AT"
    assert normalise_places.country("Daenemark") == "DK"
    assert normalise_places.country("Venezuela") == "VE"
    assert normalise_places.phone_region("Bluetown") == "US"


def test_a_crm_column_holding_the_inbound_files_guids_is_read_as_its_external_id():
    """A migration's first wave kept each Dynamics contact's GUID on the Salesforce contact."""
    crm_rows = [
        {"id": f"c{n}", "values": {"FirstName": first, "LastName": last, "Dynamics Contact ID": _guid(n)}}
        for n, (first, last) in enumerate(_PEOPLE)
    ]
    [column] = crm_references.detect_source_ids(
        crm_references.source_id_candidates(["Id", "Dynamics Contact ID"], "Id", {"Dynamics Contact ID"}),
        iter(_dynamics_rows(_PEOPLE)),
        lambda: iter(crm_rows),
        "person",
    )
    assert column.used


def test_a_crm_column_of_other_peoples_or_a_parents_guids_is_not():
    others = [("Karl", "Vogt"), ("Mia", "Lange"), ("Olaf", "Horn"), ("Ida", "Sommer"), ("Tim", "Graf")]
    crm_rows = [
        {
            "id": f"c{n}",
            "values": {
                "FirstName": first,
                "LastName": last,
                "Manager GUID": _guid(n),  # the inbound record's id, someone else's name
                "Account GUID": _guid(0),  # one parent's id on every record
            },
        }
        for n, (first, last) in enumerate(others)
    ]
    columns = crm_references.detect_source_ids(
        crm_references.source_id_candidates(
            ["Id", "Manager GUID", "Account GUID"], "Id", {"Manager GUID", "Account GUID"}
        ),
        iter(_dynamics_rows(_PEOPLE)),
        lambda: iter(crm_rows),
        "person",
    )
    assert not any(column.used for column in columns)


def test_a_crm_column_whose_guids_repeat_on_several_records_is_not():
    """Each id on two records: a parent's or a group's id the records share, not each one's own."""
    crm_rows = [
        {"id": f"c{n}", "values": {"FirstName": first, "LastName": last, "Group GUID": _guid(n % 5)}}
        for n, (first, last) in enumerate(_PEOPLE * 2)
    ]
    [column] = crm_references.detect_source_ids(
        crm_references.source_id_candidates(["Id", "Group GUID"], "Id", {"Group GUID"}),
        iter(_dynamics_rows(_PEOPLE)),
        lambda: iter(crm_rows),
        "person",
    )
    assert not column.used
