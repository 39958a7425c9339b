"""Rules found by the twenty-eighth generator (a cloud telephony system's calls export against Pipedrive
persons): the carrier's caller ID (CNAM) as the only name, a company's switchboard and its extensions, numbers
that pass to a new subscriber, and a CRM whose reps write a number nationally without a country."""

import pytest

from identity_app import attributes, columns, key_checks, normalise_phones
from tests.identity.conftest import crm, filler_records
from tests.identity.test_name_frequency import _crm_world, _lead


@pytest.mark.parametrize("label", ["Caller Name", "Caller ID", "Caller ID Name", "CNAM", "caller_id_name"])
def test_a_caller_id_column_is_read_as_a_name_after_any_typed_one(label):
    field = attributes.field_for_column(label) or label
    assert field == attributes.CALLER_ID_FIELD
    assert attributes.DEFAULT_ATTRIBUTE_MAP["full_name"][-1] == attributes.CALLER_ID_FIELD


@pytest.mark.parametrize(
    "caller_id",
    [
        "WIRELESS CALLER",
        "UNKNOWN NAME",
        "CELL PHONE   CA",
        "TOLL FREE CALL",
        "PRIVATE CALLER",
        "AUSTIN TX",
        "CHICAGO IL",
        "V4155550134",
        "UNITED KINGDOM",
        "INTERNATIONAL",
    ],
)
def test_a_caller_id_filler_names_no_one(caller_id):
    assert normalise_phones.caller_id_name(caller_id) == ""
    row = {attributes.CALLER_ID_FIELD: caller_id, "phone": "+1 512 555 0188"}
    for profile in (attributes.build_profile(row), columns.build_profiles([row])[0]):
        assert (profile["first_name"], profile["last_name"]) == ("", "")


@pytest.mark.parametrize(
    ("caller_id", "read"),
    [
        ("GARCIA MARIA", "GARCIA MARIA"),
        ("SMITH AL", "SMITH AL"),  # "AL" is a given name before it is Alabama
        ("HARGREAVES DEEP", "HARGREAVES D"),  # 15 characters: the last word may be cut
        ("MONTGOMERY,EDWA", "MONTGOMERY,E"),
        ("QUARTERMAINE CO", "QUARTERMAINE C"),  # cut, not Colorado
        ("CHAUDHRY DAGNY", "CHAUDHRY DAGNY"),  # 14: nothing cut
    ],
)
def test_a_caller_ids_name_is_read_and_a_word_cut_at_fifteen_characters_as_its_initial(caller_id, read):
    assert normalise_phones.caller_id_name(caller_id) == read


def test_a_typed_contact_name_comes_before_the_caller_id():
    row = {"full_name": "Maria Garcia", attributes.CALLER_ID_FIELD: "ACME DENTAL LLC"}
    assert attributes.build_profile(row)["last_name"] == "garcia"
    row = {attributes.CALLER_ID_FIELD: "GARCIA MARIA"}
    for profile in (attributes.build_profile(row), columns.build_profiles([row])[0]):
        assert {profile["first_name"], profile["last_name"]} == {"garcia", "maria"}


def test_a_cut_caller_id_is_the_start_of_a_companys_name():
    assert normalise_phones.caller_id_cut_from("JUNIPER INSURAN", "juniper insurance")
    assert not normalise_phones.caller_id_cut_from("JUNIPER INSURAN", "juniper foods")
    assert not normalise_phones.caller_id_cut_from("JUNIPER", "juniper insurance")  # not cut: its whole name


def test_one_given_name_that_is_neither_of_the_holders_names():
    holder = {"first_name": "leilani", "last_name": "girard"}
    assert key_checks.one_name_of_neither({"first_name": "", "last_name": "paloma"}, holder, 0.75)
    for word in ("leilani", "girard", "girrard", "l"):
        assert not key_checks.one_name_of_neither({"first_name": "", "last_name": word}, holder, 0.75)
    bill = {"first_name": "william", "last_name": "smith"}
    assert not key_checks.one_name_of_neither({"first_name": "", "last_name": "bill"}, bill, 0.75)
    both = {"first_name": "paloma", "last_name": "reyes"}
    assert not key_checks.one_name_of_neither(both, holder, 0.75)  # both names given: not this check's


def test_a_number_written_nationally_without_a_country_keeps_its_national_digits():
    row = {"phone": "01 23 77 44 30 ext. 12", "mobilephone": "(11) 96150-8600", "firstname": "Ana"}
    for profile in (attributes.build_profile(row), columns.build_profiles([row])[0]):
        assert profile[attributes.NATIONAL_PHONES] == ["123774430", "11961508600"]
    assert normalise_phones.national_digits("+33123774430") == "123774430"
    # a record naming its country read its numbers there; a number the flow reads is no national digits
    assert attributes.NATIONAL_PHONES not in attributes.build_profile({**row, "country": "France"})
    assert attributes.NATIONAL_PHONES not in attributes.build_profile({"phone": "(415) 555-0134"})


HENRIK = crm(
    "701", firstname="Henrik", lastname="Kavanagh", mobilephone="+1 267-783-5263", company="Silverline"
)


@pytest.fixture
def probabilistic(mirror, rules):
    rules.probabilistic_enabled = True
    rules.save()
    return lambda *records: mirror(*records, *filler_records())


@pytest.mark.parametrize(
    ("caller_id", "linked"),
    [
        ("KRISHNAMURTHY R", False),
        ("WIRELESS CALLER", True),
        ("KAVANAGH HENRIK", True),
        ("KAVANAGH HENRI", True),
    ],
)
def test_a_caller_id_of_another_subscriber_contradicts_the_number(probabilistic, resolve, caller_id, linked):
    probabilistic(HENRIK)
    [result] = resolve({"external_id": "c1", "phone": "12677835263", attributes.CALLER_ID_FIELD: caller_id})
    assert (result.outcome == "matched" and result.crm_id == "701") is linked


def test_one_name_that_is_none_of_the_number_holders_contradicts_it(probabilistic, resolve):
    probabilistic(HENRIK)
    [other] = resolve({"external_id": "c1", "phone": "+12677835263", "full_name": "Paloma"})
    assert other.outcome != "matched"
    [own] = resolve({"external_id": "c2", "phone": "+12677835263", "full_name": "Henrik"})
    assert (own.outcome, own.crm_id) == ("matched", "701")


MAIN_LINE = "+1 415-555-0100"
DESKS = (
    crm("801", firstname="Ulrike", lastname="Quartermaine", phone=f"{MAIN_LINE} ext. 23", company="Juniper Insurance Corp."),
    crm("802", firstname="Benjamin", lastname="Ellington", phone=f"{MAIN_LINE} x31", company="Juniper Insurance Corp."),
    crm("803", firstname="Beatriz", lastname="Castellanos", phone=MAIN_LINE, company="Juniper Insurance Corp."),
)  # fmt: skip


@pytest.mark.parametrize("written", ["(415) 555-0100 x23", "tel:+1-415-555-0100;ext=23", "+14155550100#23"])
def test_the_one_record_writing_a_switchboard_with_the_extension_holds_it(probabilistic, resolve, written):
    probabilistic(*DESKS)
    [result] = resolve({"external_id": "c1", "phone": written})
    assert (result.outcome, result.crm_id) == ("matched", "801")


def test_an_extension_nobody_has_is_nobodys_key(probabilistic, resolve):
    probabilistic(*DESKS)
    [result] = resolve({"external_id": "c1", "phone": "(415) 555-0100 x499"})
    assert result.outcome != "matched"


def test_a_switchboard_written_with_another_desks_extension_contradicts_its_one_holder(
    probabilistic, resolve
):
    probabilistic(DESKS[0])
    [result] = resolve({"external_id": "c1", "phone": "(415) 555-0100 x44"})
    assert result.outcome != "matched"
    assert any("another desk" in note for note in result.notes)


@pytest.mark.parametrize("caller_id", ["JUNIPER INSURAN", "JUNIPER INSURANCE"])
def test_a_caller_id_cut_from_the_holders_company_is_the_companys_line(probabilistic, resolve, caller_id):
    probabilistic(*DESKS)
    [result] = resolve(
        {"external_id": "c1", "phone": "(415) 555-0100 x23", attributes.CALLER_ID_FIELD: caller_id}
    )
    assert (result.outcome, result.crm_id) == ("matched", "801")


def test_a_caller_id_cut_inside_the_legal_form_is_the_companys_line(probabilistic, resolve):
    orchard = crm(
        "811",
        firstname="Elizabeth",
        lastname="Iyengar",
        phone="(206) 542-4396 Ext. 165",
        company="Orchard Media LLC",
    )
    colleague = crm(
        "812",
        firstname="Gideon",
        lastname="Ashworth",
        phone="(206) 542-4396 x170",
        company="Orchard Media LLC",
    )
    probabilistic(orchard, colleague)
    [result] = resolve(
        {"external_id": "c1", "phone": "2065424396#165", attributes.CALLER_ID_FIELD: "ORCHARD MEDIA L"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "811")


PARIS = "+33 1 23 77 44 30"


def test_a_number_other_records_write_nationally_is_theirs_too(probabilistic, resolve):
    radhika = crm("901", firstname="Radhika", lastname="Nakagawa", phone=PARIS, company="Yellowfin SAS")
    probabilistic(radhika, crm("902", firstname="Soren", lastname="Lindqvist", phone="01 23 77 44 30"))
    [result] = resolve({"external_id": "c1", "phone": "+33123774430"})
    assert result.outcome != "matched"


def test_a_number_no_other_record_writes_is_still_the_one_records_key(probabilistic, resolve):
    radhika = crm("901", firstname="Radhika", lastname="Nakagawa", phone=PARIS, company="Yellowfin SAS")
    probabilistic(radhika, crm("902", firstname="Soren", lastname="Lindqvist", phone="01 23 77 44 31"))
    [result] = resolve({"external_id": "c1", "phone": "+33123774430"})
    assert (result.outcome, result.crm_id) == ("matched", "901")


def test_a_rare_name_at_its_company_links_from_the_companys_switchboard(enabled, mirror, resolve):
    """A caller put through from the company's main line gives her name and the company: the switchboard
    several CRM records hold says which company, as the company's name does, and no more; a rare name there
    links as it would with the company alone, a common one at a large firm still waits."""
    _crm_world(mirror)
    switchboard = "+49 731 5550100"
    mirror(
        crm(
            "xq",
            firstname="Xaver",
            lastname="Quistorp",
            company="Quistorp Feinmechanik GmbH",
            phone=switchboard,
        ),
        crm(
            "xq-2",
            firstname="Marta",
            lastname="Navarro",
            company="Quistorp Feinmechanik GmbH",
            phone=switchboard,
        ),
    )
    rare, common = resolve(
        {
            **_lead("Xaver", "Quistorp", "Quistorp Feinmechanik GmbH"),
            "phone": "0731 5550100",
            "country": "DE",
        },
        _lead("Jürgen", "Müller", "Großfirma AG"),
    )
    assert (rare.outcome, rare.crm_id) == ("matched", "xq")
    assert not common.matched
