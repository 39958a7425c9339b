"""Rules found by the held-out generator (`benchmarks/identity_holdout.py`): CRM UI export labels, office
lines, a group's companies abroad, placeholders and invisible characters. Each failed before its fix."""

import csv

import pytest
from django.core.management import CommandError, call_command

from identity_app import normalise_emails, normalise_names, normalise_phones, services
from identity_app.attributes import EntityKind, build_profile, recognised_columns
from mappings_app.models import CrmObject, Flow
from tests.identity.conftest import crm


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


# -- labelled columns ------------------------------------------------------------------------------------------


def test_crm_ui_export_labels_are_read_as_the_attributes_they_name():
    renames = recognised_columns(
        [
            "Person - ID",
            "Person - Name",
            "Person - Email - Work",
            "Person - Email - Home",
            "Person - Phone - Mobile",
            "Person - Organization",
        ],
        keep=("Person - ID",),
    )
    assert renames == {
        "Person - Name": "Name",
        "Person - Email - Work": "work_email",
        "Person - Email - Home": "personal_email",
        "Person - Phone - Mobile": "mobilephone",
        "Person - Organization": "company_name",
    }
    # A second column of one attribute takes another of its field names instead of being dropped.
    assert recognised_columns(["Company Domain Name", "Website URL", "Phone Number"]) == {
        "Company Domain Name": "domain",
        "Website URL": "website",
        "Phone Number": "phone",
    }


def test_an_offline_run_links_a_pipedrive_export_to_a_hubspot_labelled_file(db, tmp_path, capsys):
    """Both files in the labels their CRMs' UIs export: every record used to end "no_match", silently."""
    crm_csv = write_csv(
        tmp_path / "persons.csv",
        [
            {
                "Person - ID": "7",
                "Person - Name": "Ingrid Haugen",
                "Person - Email - Work": "ingrid.haugen@fjord.no",
                "Person - Email - Home": "ingrid.h@gmail.com",
                "Person - Organization": "Fjord AS",
            },
            {
                "Person - ID": "8",
                "Person - Name": "Tove Dahl",
                "Person - Email - Work": "tove.dahl@fjord.no",
                "Person - Email - Home": "",
                "Person - Organization": "Fjord AS",
            },
        ],
    )
    inbound = write_csv(
        tmp_path / "contacts.csv",
        [
            {"Record ID": "a", "First Name": "Ingrid", "Last Name": "Haugen", "Email": "ingrid.h@gmail.com"},
            {"Record ID": "b", "First Name": "Tove", "Last Name": "Dahl", "Email": "tove.dahl@fjord.no"},
        ],
    )
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(inbound),
        provider="pipedrive",
        object_name="persons",
        mirror_csv=str(crm_csv),
        id_column="Person - ID",
        external_id_column="Record ID",
        out=str(out),
        progress=False,
    )
    rows = {row["external_id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert (rows["a"]["decision"], rows["a"]["crm_id"]) == ("matched", "7")
    assert (rows["b"]["decision"], rows["b"]["crm_id"]) == ("matched", "8")
    said = capsys.readouterr().err
    assert "'Person - Email - Home' as personal_email" in said and "'First Name' as" in said


def test_an_offline_file_with_no_column_to_compare_is_refused_naming_its_columns(db, tmp_path):
    crm_csv = write_csv(tmp_path / "crm.csv", [{"id": "1", "email": "jo@acme.com"}])
    inbound = write_csv(tmp_path / "in.csv", [{"id": "a", "Lead Score": "87", "Job Title": "CTO"}])
    with pytest.raises(CommandError, match=r"none of its columns.*'Lead Score', 'Job Title'"):
        call_command(
            "identity_link",
            str(inbound),
            provider="hubspot",
            object_name="contacts",
            mirror_csv=str(crm_csv),
            out=str(tmp_path / "r.csv"),
            progress=False,
        )
    assert not (tmp_path / "r.csv").exists()


def test_a_semicolon_export_with_a_repeated_email_column_loses_no_address(db, tmp_path):
    """A European spreadsheet's export (";") whose CRM export has two "Email" columns: the second address
    used to overwrite the first, and a semicolon file was one column."""
    (tmp_path / "crm.csv").write_text(
        "id;Name;Email;Email\n7;Ingrid Haugen;ingrid.haugen@fjord.no;ingrid.h@gmail.com\n", encoding="utf-8"
    )
    (tmp_path / "in.csv").write_text(
        "external_id;first_name;last_name;email\na;Ingrid;Haugen;ingrid.haugen@fjord.no\n"
        "b;Ingrid;Haugen;ingrid.h@gmail.com\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.csv"
    call_command(
        "identity_link",
        str(tmp_path / "in.csv"),
        provider="hubspot",
        object_name="contacts",
        mirror_csv=str(tmp_path / "crm.csv"),
        out=str(out),
        progress=False,
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(row["decision"], row["crm_id"], row["method"]) for row in rows] == [
        ("matched", "7", "email")
    ] * 2


# -- office lines and team inboxes -----------------------------------------------------------------------------


def test_a_phone_held_by_one_colleague_does_not_link_another_mailbox_at_that_company(mirror, resolve):
    """An intern named after a parent at the parent's company gives the office line: one CRM record holds
    it, names agree, yet the two records name different mailboxes at one company: two people."""
    mirror(
        crm(
            "101",
            firstname="Robert",
            lastname="Chen",
            email="robert.chen@harbor.com",
            phone="+1 201 555 0142",
            company="Harbor Inc",
        )
    )
    [intern, same_person] = resolve(
        {
            "external_id": "x1",
            "first_name": "Robert",
            "last_name": "Chen Jr.",
            "email": "rchen2@harbor.com",
            "phone": "(201) 555-0142",
            "company": "Harbor",
        },
        {"external_id": "x2", "first_name": "Robert", "last_name": "Chen", "phone": "(201) 555-0142"},
    )
    assert intern.outcome != "matched" and intern.crm_id == ""
    assert any("office line shared by colleagues" in note for note in intern.notes)
    assert (same_person.outcome, same_person.crm_id, same_person.method) == ("matched", "101", "phone")


@pytest.mark.parametrize("inbox", ["procurement", "purchasing", "recruiting", "frontdesk"])
def test_a_department_inbox_is_no_key(mirror, resolve, inbox):
    mirror(crm("101", firstname="Brian", lastname="Mercer", email=f"{inbox}@quarry.com", company="Quarry"))
    [result] = resolve(
        {"external_id": "x1", "first_name": "Brian", "last_name": "Jennings", "email": f"{inbox}@quarry.com"}
    )
    assert result.outcome != "matched"


# -- organisations abroad ----------------------------------------------------------------------------------------


@pytest.fixture
def resolve_companies(connection):
    companies = CrmObject.objects.create(connection=connection, name="companies", label="Companies")
    flow = Flow.objects.create(
        connection=connection, name="firms", source_system="enricher", crm_object=companies
    )
    services.identity_rules_for_flow(flow=flow)

    def run(mirrored, *records):
        services.mirror_upsert(connection=connection, object_name="companies", records=mirrored)
        inbound = [{"source_system": "enricher", **record} for record in records]
        return services.identity_resolve(
            flow=flow, records=inbound, create_review_items=False, learn_links=False
        )

    return run


def test_a_groups_company_abroad_on_the_groups_domain_is_not_the_parent(resolve_companies):
    """ "Aurora Labs Glacier Nordic" is close enough to "Aurora Labs Glacier Corp." in words; its phone in
    another country says it is the group's company there, not the parent."""
    parent = crm(
        "1", name="Aurora Labs Glacier Corp.", domain="auroralabsglacier.com", phone="+1 201 949 1487"
    )
    [abroad, parent_again] = resolve_companies(
        [parent],
        {
            "external_id": "e1",
            "name": "Aurora Labs Glacier Nordic",
            "website": "no.auroralabsglacier.com",
            "phone": "+47 22 12 34 56",
        },
        {
            "external_id": "e2",
            "name": "AURORA LABS GLACIER, INC.",
            "website": "auroralabsglacier.com",
            "phone": "+44 20 7946 0123",
        },
    )
    assert abroad.outcome == "key_contradicted" and abroad.crm_id == ""
    assert any("several countries" in note for note in abroad.notes)
    # The same name with an office number abroad is still the company.
    assert (parent_again.outcome, parent_again.crm_id) == ("matched", "1")


# -- placeholders and invisible characters ------------------------------------------------------------------------


@pytest.mark.parametrize("placeholder", ["N/A", "n/a", "unknown", "-", "TBD", "(none)", "?", "0"])
def test_a_placeholder_is_no_value(placeholder):
    profile = build_profile(
        {
            "first_name": placeholder,
            "last_name": placeholder,
            "email": placeholder,
            "phone": placeholder,
            "company": placeholder,
            "city": placeholder,
        }
    )
    assert (profile["first_name"], profile["last_name"], profile["emails"], profile["phone"]) == (
        "",
        "",
        [],
        "",
    )
    assert (profile["company_name"], profile["city"]) == ("", "")
    organisation = build_profile({"name": placeholder, "website": placeholder}, kind=EntityKind.ORGANISATION)
    assert (organisation["company_name"], organisation["email_domain"]) == ("", "")


@pytest.mark.parametrize(
    "address", ["test@test.com", "noemail@example.com", "none@acme.com", "x@shop.invalid", "na@na.com"]
)
def test_a_placeholder_address_is_no_mailbox(address):
    assert normalise_emails.emails(address) == []


@pytest.mark.parametrize(
    "number", ["000-000-0000", "1234567890", "+1 (555) 555-5555", "+15555555555", "9876543210"]
)
def test_a_placeholder_number_is_no_phone(number):
    assert normalise_phones.phone(number) == ""


def test_real_values_that_look_like_placeholders_stay(mirror, resolve):
    assert normalise_names.name("Na") == "na"  # a Korean surname
    assert normalise_emails.emails("no.one@acme.com") == ["no.one@acme.com"]
    assert normalise_phones.phone("+1 212 555 0100") == "+12125550100"


def test_a_placeholder_address_on_one_record_links_nobody(mirror, resolve):
    """One CRM record carries "test@test.com": a stranger who typed it too is not that record, even
    with the same first name (a personal email otherwise survives a changed surname)."""
    mirror(crm("101", firstname="Ann", lastname="Lee", email="test@test.com", phone="000-000-0000"))
    results = resolve(
        {"external_id": "x1", "first_name": "Ann", "last_name": "Okafor", "email": "TEST@test.com"},
        {"external_id": "x2", "first_name": "Ann", "last_name": "Okafor", "phone": "0000000000"},
    )
    assert [(r.outcome == "matched", r.method) for r in results] == [(False, ""), (False, "")]


def test_zero_width_characters_are_no_part_of_a_value(mirror, resolve):
    mirror(crm("101", firstname="Søren", lastname="Ødegård", email="soren.odegard@fjord.no"))
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": " S\u200børen ",
            "last_name": "Øde\u200dgård\ufeff",
            "email": "soren\u200b.odegard@fjord.no\u00a0",
        }
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "101", "email")
    assert normalise_names.name("Jo\u200bhn") == "john"


def test_an_email_in_a_name_field_is_no_name(mirror, resolve):
    """A CRM record created from an email carries the address as its name: its words ("john", "smith acme
    com") used to contradict the person's own email."""
    mirror(crm("101", name="john.smith@acme.com", email="john.smith@acme.com"))
    [result] = resolve(
        {"external_id": "x1", "first_name": "John", "last_name": "Smith", "email": "john.smith@acme.com"}
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "101", "email")
    assert normalise_names.name("jane.doe@acme.com") == ""
