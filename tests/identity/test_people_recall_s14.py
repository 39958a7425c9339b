"""People the resolver sent to review although their evidence is one person's (session 14, found by the
benchmarks' category tables beside Splink's). None of these tests reads a generator."""

import pytest

from identity_app import key_checks, normalise_names, normalise_phones
from tests.identity.conftest import crm, filler_records

# -- a married name beside the old mobile, where the numbering plan cannot tell a mobile ---------------------

US_MOBILE = "+1 201-579-0405"  # the US plan does not tell mobiles from fixed lines
US_OFFICE = "+1 201-542-3122"
MX_MOBILE = "+52 222 110 6291"  # nor does Mexico's since 2019
BERLIN_OFFICE = "+49 30 901820"  # a fixed line by the German plan


def holder(**values):
    return crm(
        "c1",
        **{
            "firstname": "Jennifer",
            "lastname": "Brown",
            "company": "Lumost Inc.",
            "email": "jenniferbrown@lumost-group.com",
            "mobilephone": US_MOBILE,
            "city": "Austin",
            "date_of_birth": "1988-04-12",
            **values,
        },
    )


def married(**values):
    return {
        "external_id": "e1",
        "first_name": "Jennifer",
        "last_name": "Allen",
        "email": "jallen@lumost-group.com",
        "company": "Lumost",
        "mobilephone": US_MOBILE,
        "city": "Austin",
        "date_of_birth": "1988-04-12",
        **values,
    }


@pytest.mark.parametrize(
    ("holder_values", "inbound_values"),
    [
        ({}, {}),
        ({"phone": US_OFFICE}, {"phone": US_OFFICE}),  # the office line beside it is still no key of hers
        ({"mobilephone": MX_MOBILE}, {"mobilephone": MX_MOBILE, "company": "Lumost S.A. de C.V."}),
        ({}, {"mobilephone": "(201) 579-0405"}),  # written nationally
    ],
)
def test_a_married_name_keeps_the_mobile_she_gives_as_her_mobile(
    db, mirror, resolve, holder_values, inbound_values
):
    """A US or Mexican number was "a switchboard?" beside the new surname, because the plan does not say
    mobile: 8 of 30 of the sixth benchmark's married names on seed 61 (13 on seed 81) went to review. The
    record writes it under "Mobile": the person's own line."""
    mirror(holder(**holder_values), *filler_records())
    [result] = resolve(married(**inbound_values))
    assert (result.matched, result.crm_id, result.method) == (True, "c1", "phone")


@pytest.mark.parametrize(
    ("holder_values", "inbound_values"),
    [
        # Written under "Phone": a desk line or a switchboard, as a colleague of the same first name gives it.
        ({}, {"mobilephone": "", "phone": US_MOBILE}),
        # The CRM holds it as the record's office line, beside another number: a desk line handed on.
        ({"phone": US_MOBILE, "mobilephone": "+1 201-579-0999"}, {}),
        # A fixed line by its plan, whatever field it is written in.
        ({"mobilephone": BERLIN_OFFICE}, {"mobilephone": BERLIN_OFFICE}),
        # An extension: a switchboard.
        ({"mobilephone": f"{US_MOBILE} ext. 200"}, {}),
        # No new mailbox of the new name: a colleague of the same first name as often.
        ({}, {"email": ""}),
        ({}, {"email": "info@lumost-group.com"}),
        # Another employer: a number given up and handed on.
        ({}, {"company": "Velgalmar Foods"}),
    ],
)
def test_a_number_the_plan_cannot_tell_stays_in_review_without_the_mobile_field(
    db, mirror, resolve, holder_values, inbound_values
):
    mirror(holder(**holder_values), *filler_records())
    [result] = resolve(married(**inbound_values))
    assert not result.matched
    assert result.outcome == "key_contradicted"


def test_a_mobile_field_does_not_choose_over_a_record_of_the_new_name(db, mirror, resolve):
    """The CRM already holds a Jennifer Allen at the company: the mobile's record under the old name and hers
    are a person's to tell apart."""
    mirror(
        holder(),
        crm("c2", firstname="Jennifer", lastname="Allen", company="Lumost Inc.", city="Austin"),
        *filler_records(),
    )
    [result] = resolve(married())
    assert not result.matched
    assert result.outcome == "ambiguous"


def test_the_check_asks_the_mobile_field_only_where_the_plan_cannot_tell():
    own = {"first_name": "jennifer", "last_name": "allen", "company_name": "lumost"}
    held = {"first_name": "jennifer", "last_name": "brown", "company_name": "lumost"}
    own["emails"], held["emails"] = ["jallen@lumost-group.com"], ["jenniferbrown@lumost-group.com"]
    own["date_of_birth"] = held["date_of_birth"] = "1988-04-12"
    asked = []

    def given_as_mobile():
        asked.append(True)
        return True

    assert not key_checks.new_surname_on_own_mobile(own, held, "+12015790405", 0.75)
    assert key_checks.new_surname_on_own_mobile(
        own, held, "+12015790405", 0.75, given_as_mobile=given_as_mobile
    )
    assert not key_checks.new_surname_on_own_mobile(
        own, held, "+4930901820", 0.75, given_as_mobile=given_as_mobile
    )  # a fixed line
    assert len(asked) == 1
    assert normalise_phones.may_be_mobile_number("+12015790405")
    assert normalise_phones.may_be_mobile_number("+4915123913143")
    assert not normalise_phones.may_be_mobile_number("+4930901820")
    assert normalise_phones.written_as("(201) 579-0405", "+12015790405")
    assert not normalise_phones.written_as("(201) 579-0406", "+12015790405")
    assert not normalise_phones.written_as("", "+12015790405")


# -- Suzy for Susan ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("full", ["susan", "susannah", "suzanne"])
def test_suzy_is_a_nickname_of_the_names_susie_is(full):
    """The `nicknames` package lists Susie and Suzie, not Suzy: "Suzy Hill" born on Susan Hill's day at her
    firm and postcode was vetoed as "first name clearly differs" (identity_quality's nickname_initial)."""
    assert normalise_names.name_match("suzy", full) == ("nickname", normalise_names.EQUIVALENT_SIMILARITY)
    assert full in normalise_names.name_canonicals("suzy")


def test_two_full_names_sharing_suzy_stay_two_names():
    assert not normalise_names.names_equivalent("susan", "suzanne")
    assert not normalise_names.names_equivalent("susannah", "suzanne")
    assert not normalise_names.names_equivalent("suzy", "lucy")
