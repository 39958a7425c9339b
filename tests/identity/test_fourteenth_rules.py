"""Rules found by the fourteenth generator (a Shopify customers export against a Pipedrive persons export): a
mailbox name made of a German name as mailboxes spell it (koehler@ for Köhler) is any namesake's, a home's
landline is not the person when their own mobile and mailbox say another person, and a Shopify export's
"Default Address ..." columns are the customer's address."""

from identity_app import attributes, normalise_emails, normalise_phones, normalise_text
from identity_app.resolver import NAME_MADE_MAILBOX, OWN_CONTACTS_DIFFER
from tests.identity.conftest import crm, filler_records


def test_a_mailbox_spelling_an_umlaut_out_is_made_of_the_names():
    assert normalise_emails.name_made_user_name("nicole_koehler", "Nicole", "Köhler")
    assert normalise_emails.name_made_user_name("sschroeder", "Stefan", "Schröder")
    assert normalise_emails.name_made_user_name("j.mueller", "Jürgen", "Müller")
    assert not normalise_emails.name_made_user_name("nicole_koehler77", "Nicole", "Köhler")
    assert not normalise_emails.name_made_user_name("koehlerhaus", "Nicole", "Köhler")


def test_a_namesake_with_the_same_spelled_out_mailbox_at_another_provider_goes_to_review(
    enabled, mirror, resolve
):
    """Two Nicole Köhlers, each nicole_koehler@ at her own provider: the mailbox says nothing the names do not."""
    mirror(
        crm("n1", firstname="Nicole", lastname="Köhler", email="nicole_koehler@gmx.de", city="Berlin"),
        *filler_records(),
    )
    [result] = resolve(
        {"external_id": "s1", "first_name": "Nicole", "last_name": "Köhler", "email": "nicole_koehler@web.de"}
    )
    assert not result.matched
    assert NAME_MADE_MAILBOX in result.candidates[0]["vetoed_by"]


DECLAN = {
    "firstname": "Declan",
    "lastname": "Ward",
    "email": "declan.ward6@gmail.com",
    "phones": "+44 113 550 1803",  # the home's landline (Leeds)
    "mobilephone": "+44 7477 873010",
    "country": "United Kingdom",
}


def test_a_namesake_son_on_the_homes_landline_with_his_own_mobile_and_mailbox_goes_to_review(
    enabled, mirror, resolve
):
    """Father and son, both Declan Ward, at one address: the landline is the home's, and the son's own mobile
    and mailbox are not the father's."""
    mirror(crm("d1", **DECLAN), *filler_records())
    [result] = resolve(
        {
            "external_id": "s2",
            "first_name": "Declan",
            "last_name": "Ward",
            "email": "declanward@yahoo.co.uk",
            "phone": "+44 7971 231219",
            "phones": "0113 550 1803",
            "country": "GB",
        }
    )
    assert not result.matched
    assert any("line of a place" in note for note in result.notes)


def test_the_same_person_on_the_homes_landline_with_the_crms_mobile_links(enabled, mirror, resolve):
    mirror(crm("d1", **DECLAN), *filler_records())
    [result] = resolve(
        {
            "external_id": "s3",
            "first_name": "Declan",
            "last_name": "Ward",
            "email": "declanward@yahoo.co.uk",
            "phone": "+44 7477 873010",
            "phones": "0113 550 1803",
            "country": "GB",
        }
    )
    assert result.matched and result.crm_id == "d1"


def edward_thompson(**values):
    """An Australian CRM person at home: his own mailbox and mobile (and, where given, the home's landline)."""
    return crm(
        "e1",
        **{
            "firstname": "Edward",
            "lastname": "Thompson",
            "email": "ethompson@optusnet.com.au",
            "mobilephone": "+61486865863",
            "street": "156 Albert Road",
            "city": "Brisbane",
            "postcode": "4053",
            "country": "Australia",
            **values,
        },
    )


def edward_writes(**values):
    """A record under Edward Thompson's name at his home, from another mailbox."""
    record = {
        "first_name": "Edward",
        "last_name": "Thompson",
        "email": "ethompson52@outlook.com",
        "street": "156 Albert Road",
        "city": "Brisbane",
        "postcode": "4053",
        "country": "AU",
    }
    return {**record, **values}


def test_a_namesake_at_the_same_home_scored_on_the_landline_is_vetoed(enabled, mirror, resolve):
    """The probabilistic side: the landline, the street and the postcode agree, the mobiles and mailboxes
    differ (an Australian landline: fixed by its plan)."""
    mirror(
        edward_thompson(phones="(07) 8558 7417"),
        *filler_records(),
    )
    [result] = resolve(edward_writes(external_id="s4", phone="+61452838006", phones="0061 7 8558 7417"))
    assert not result.matched
    assert result.candidates[0]["crm_id"] == "e1"
    assert OWN_CONTACTS_DIFFER in result.candidates[0]["vetoed_by"]


def test_the_same_person_at_home_with_a_mobile_one_slip_off_links(enabled, mirror, resolve):
    """A new mailbox and the CRM's mobile with two digits swapped: the person's own number, mistyped."""
    mirror(
        edward_thompson(),
        *filler_records(),
    )
    [result] = resolve(edward_writes(external_id="s5", phone="+61486865683"))
    assert OWN_CONTACTS_DIFFER not in result.candidates[0]["vetoed_by"]


def test_line_of_a_place_needs_a_fixed_line_and_two_own_numbers_and_mailboxes():
    from identity_app import key_checks

    home, son_mobile, dad_mobile = "+441135501803", "+447971231219", "+447477873010"
    holder = {"phones": [home, dad_mobile], "emails": ["declan.ward6@gmail.com"]}
    son = {"phones": [son_mobile, home], "emails": ["declanward@yahoo.co.uk"], "first_name": "declan"}
    assert key_checks.line_of_a_place(son, holder, home, given_as_mobile=False)
    # the shared number a mobile by its plan: the person's own line
    assert not key_checks.line_of_a_place(
        {**son, "phones": [dad_mobile, "+441135500000"]}, holder, dad_mobile, given_as_mobile=False
    )
    # no mobile of its own beside the landline, or the mailbox agreeing: nothing says another person
    assert not key_checks.line_of_a_place({**son, "phones": [home]}, holder, home, given_as_mobile=False)
    assert not key_checks.line_of_a_place(
        {**son, "emails": ["declan.ward6@gmail.com"]}, holder, home, given_as_mobile=False
    )
    # US numbers (the plan cannot tell): the CRM's mobile is listed last; a key on it is the person's own
    us_home, us_mobile = "+16176692215", "+17209017780"
    us_holder = {"phones": [us_home, us_mobile], "emails": ["allen.joshua@aol.com"]}
    us_son = {"phones": ["+17205913403", us_home], "emails": ["joshua.allen68@outlook.com"]}
    assert key_checks.line_of_a_place(us_son, us_holder, us_home, given_as_mobile=False)
    assert not key_checks.line_of_a_place(
        {**us_son, "phones": [us_mobile, "+16175550000"]}, us_holder, us_mobile, given_as_mobile=False
    )


def test_a_shopify_customers_exports_default_address_columns_are_read():
    assert attributes.field_for_column("Default Address City") == "city"
    assert attributes.field_for_column("Default Address Zip") == "postcode"
    assert attributes.field_for_column("Default Address Province Code") == "state"
    assert attributes.field_for_column("Default Address Country Code") == "country"
    assert attributes.field_for_column("Default Address Address1") == "street"
    assert attributes.field_for_column("Default Address Company") == "company_name"
    assert attributes.field_for_column("Default Address Phone") == "phones"
    assert attributes.field_for_column("Country Code") == "country"
    assert attributes.field_for_column("Province Code") == "state"


def test_a_key_conflict_lists_the_records_the_keys_point_to_as_a_tie(enabled, mirror, resolve):
    """Pipedrive holds one person twice (a call gave the mobile, a web form the email): the reviewer sees both
    records first, flagged as a tie that no bulk action links, and the record is not linked."""
    mirror(
        crm("p1", firstname="Michelle", lastname="Anderson", mobilephone="+1 514 669 9611", city="Montreal"),
        crm("p2", firstname="Michelle", lastname="Anderson", email="anderson.michelle@yahoo.ca"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "s6",
            "first_name": "Michelle",
            "last_name": "Anderson",
            "email": "anderson.michelle@yahoo.ca",
            "phone": "(514) 669-9611",
        }
    )
    assert result.outcome == "key_conflict" and not result.matched
    assert {c["crm_id"] for c in result.candidates[:2]} == {"p1", "p2"}
    assert all(c["tied"] for c in result.candidates[:2])
    assert any("The keys point to different CRM records" in note for note in result.notes)


def test_a_number_written_with_00_where_the_exit_code_differs_is_international():
    """Australia's exit code is 0011: "0061 ..." read nationally is possible but no valid number."""
    assert normalise_phones.phone("0061 408 391 511", "AU") == "+61408391511"
    assert normalise_phones.phone("0061 7 8558 7417", "AU") == "+61785587417"
    assert normalise_phones.phone("(07) 8558 7417", "AU") == "+61785587417"


def test_a_record_without_a_country_reads_its_national_numbers_in_the_country_of_its_international_ones():
    profile = attributes.build_profile({"phone": "0044 113 239 4549", "mobilephone": "07439 154848"})
    assert profile["phones"] == ["+441132394549", "+447439154848"]
    # a national number the default region reads stays read there
    profile = attributes.build_profile({"phone": "+44 7439 154848", "mobilephone": "(212) 555-0143"})
    assert profile["phones"] == ["+447439154848", "+12125550143"]
    # the columnar path agrees
    from identity_app import columns

    rows = [{"phone": "0044 113 239 4549", "mobilephone": "07439 154848"}, {"phone": "(212) 555-0143"}]
    assert [p["phones"] for p in columns.build_profiles(rows)] == [
        ["+441132394549", "+447439154848"],
        ["+12125550143"],
    ]


def test_a_number_one_slip_away_is_the_same_number_mistyped():
    assert normalise_text.number_slip("+61486865863", "+61486865683")  # two neighbours swapped
    assert normalise_text.number_slip("+61486865863", "+61486865864")
    assert not normalise_text.number_slip("+61486865863", "+61486865863")
    assert not normalise_text.number_slip("+61486865863", "+61412345678")
