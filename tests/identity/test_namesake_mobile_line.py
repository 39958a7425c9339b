"""Two CRM records of one name at one company, and a number that is a mobile by its plan on one of them as its
only number: a small firm's line is often a mobile, and a CRM writes the company's number on one contact. The
number does not tell the namesakes apart, so the record goes to review with both. A mobile the record holds
beside its office line, a namesake at another company or no namesake at all leave the key to decide."""

from identity_app import normalise_phones
from tests.identity.conftest import crm

LINE = "+18765550166"  # Jamaica: a mobile by its numbering plan
HER_OWN = "+13163058834"  # the namesake's own number (the US plan does not tell mobiles apart)
OFFICE = "+18769260000"
BRENDA = {"first_name": "Brenda", "last_name": "Torres", "company_name": "Williams Labs Inc"}


def _inbound(**extra):
    return {"external_id": "e1", "phone": LINE, **BRENDA, **extra}


def test_the_numbers_read_as_the_rule_assumes():
    assert normalise_phones.is_mobile_number(LINE)
    assert not normalise_phones.is_mobile_number(OFFICE)


def test_a_mobile_that_is_one_namesakes_only_number_goes_to_review_with_both(db, mirror, resolve):
    mirror(
        crm("c1", FirstName="Brenda", LastName="Torres", Company="Williams Labs Inc", Phone=LINE),
        crm("c2", FirstName="Brenda", LastName="Torres", Company="Williams Labs Inc", Phone=HER_OWN),
    )
    [result] = resolve(_inbound())
    assert not result.matched
    assert result.outcome == "ambiguous"
    assert {"c1", "c2"} <= {candidate["crm_id"] for candidate in result.candidates[:3]}
    assert any("does not choose between namesake colleagues" in note for note in result.notes)


def test_a_mobile_beside_the_records_office_line_still_chooses(db, mirror, resolve):
    mirror(
        crm(
            "c1",
            FirstName="Brenda",
            LastName="Torres",
            Company="Williams Labs Inc",
            Phone=OFFICE,
            MobilePhone=LINE,
        ),
        crm("c2", FirstName="Brenda", LastName="Torres", Company="Williams Labs Inc", Phone=HER_OWN),
    )
    [result] = resolve(_inbound())
    assert (result.matched, result.crm_id, result.method) == (True, "c1", "phone")


def test_a_namesake_at_another_company_leaves_the_number_to_decide(db, mirror, resolve):
    mirror(
        crm("c1", FirstName="Brenda", LastName="Torres", Company="Williams Labs Inc", Phone=LINE),
        crm("c2", FirstName="Brenda", LastName="Torres", Company="Harbour Freight Ltd", Phone=HER_OWN),
    )
    [result] = resolve(_inbound())
    assert (result.matched, result.crm_id, result.method) == (True, "c1", "phone")


def test_a_lone_holder_of_the_mobile_is_linked(db, mirror, resolve):
    mirror(
        crm("c1", FirstName="Brenda", LastName="Torres", Company="Williams Labs Inc", Phone=LINE),
        crm("c2", FirstName="Maria", LastName="Lopez", Company="Williams Labs Inc", Phone=HER_OWN),
    )
    [result] = resolve(_inbound())
    assert (result.matched, result.crm_id, result.method) == (True, "c1", "phone")


def test_a_namesake_born_on_another_day_is_no_rival(db, mirror, resolve):
    mirror(
        crm(
            "c1",
            FirstName="Brenda",
            LastName="Torres",
            Company="Williams Labs Inc",
            Phone=LINE,
            Birthdate="1982-10-08",
        ),
        crm(
            "c2",
            FirstName="Brenda",
            LastName="Torres",
            Company="Williams Labs Inc",
            Phone=HER_OWN,
            Birthdate="1978-11-02",
        ),
    )
    [result] = resolve(_inbound(date_of_birth="1982-10-08"))
    assert (result.matched, result.crm_id) == (True, "c1")


def test_the_place_sets_the_namesakes_apart_or_not(db, mirror, resolve):
    mirror(
        crm(
            "c1",
            FirstName="Brenda",
            LastName="Torres",
            Company="Williams Labs Inc",
            Phone=LINE,
            MailingCity="Kingston",
        ),
        crm(
            "c2",
            FirstName="Brenda",
            LastName="Torres",
            Company="Williams Labs Inc",
            Phone=HER_OWN,
            MailingCity="Montego Bay",
        ),
    )
    holders_city, both_unknown = resolve(_inbound(city="Kingston"), {**_inbound(), "external_id": "e2"})
    assert (holders_city.matched, holders_city.crm_id) == (True, "c1")
    assert not both_unknown.matched


def test_a_namesake_in_the_same_city_still_ties(db, mirror, resolve):
    mirror(
        crm(
            "c1",
            FirstName="Brenda",
            LastName="Torres",
            Company="Williams Labs Inc",
            Phone=LINE,
            MailingCity="Kingston",
        ),
        crm(
            "c2",
            FirstName="Brenda",
            LastName="Torres",
            Company="Williams Labs Inc",
            Phone=HER_OWN,
            MailingCity="Kingston",
        ),
    )
    [result] = resolve(_inbound(city="Kingston"))
    assert not result.matched
    assert {"c1", "c2"} <= {candidate["crm_id"] for candidate in result.candidates[:3]}
