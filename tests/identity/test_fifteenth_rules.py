"""Rules found by the fifteenth generator (an Eventbrite attendee report against a Salesforce Contacts export):
an event registration's work and home address columns are the attendee's address, and a country written in
Chinese or Japanese characters, as an initialism ("UAE", "PRC") or by its official long name ("Russian
Federation", "Republic of Korea") is that country."""

from identity_app import attributes, blocking, key_checks, normalise_names, normalise_places
from tests.identity.conftest import crm, filler_records


def test_an_event_registrations_work_and_home_address_columns_are_read():
    assert attributes.field_for_column("Work City") == "city"
    assert attributes.field_for_column("Work Country") == "country"
    assert attributes.field_for_column("Work Zip") == "postcode"
    assert attributes.field_for_column("Work State") == "state"
    assert attributes.field_for_column("Work Address 1") == "street"
    assert attributes.field_for_column("Home City") == "city"
    assert attributes.field_for_column("Home Country") == "country"
    assert attributes.field_for_column("Country/Region Name") == "country"  # Zoom's registration report
    # the phones and emails of those forms keep their own fields
    assert attributes.field_for_column("Work Phone") == "phone"
    assert attributes.field_for_column("Home Phone") == "phones"


def test_a_country_written_in_two_chinese_or_japanese_characters_is_no_iso_code():
    assert normalise_places.country("中国") == "CN"
    assert normalise_places.country("日本") == "JP"
    assert normalise_places.country("韩国") == "KR"
    assert normalise_places.country("DE") == "DE"
    assert normalise_places.country("uk") == "GB"


def test_country_initialisms_and_official_long_names_give_their_code():
    assert normalise_places.country("UAE") == "AE"
    assert normalise_places.country("U.A.E.") == "AE"
    assert normalise_places.country("PRC") == "CN"
    assert normalise_places.country("P.R. China") == "CN"
    assert normalise_places.country("Russian Federation") == "RU"
    assert normalise_places.country("Republic of Korea") == "KR"
    assert normalise_places.phone_region("UAE") == "AE"


def test_a_mailbox_one_slip_from_the_holders_is_not_a_colleagues():
    holder = {"first_name": "edward", "last_name": "campbell", "emails": ["edward.campbell@brighthill.com"]}
    slipped = {"first_name": "edward", "last_name": "cmapbell", "emails": ["edward.campbmll@brighthill.com"]}
    assert key_checks.mistyped_own_mailbox(slipped, holder)
    assert key_checks.mistyped_own_mailbox(
        {**slipped, "emails": ["snader@orbit.in"]}, {**holder, "emails": ["sander@orbit.in"]}
    )
    # a colleague's own: another initial, a number, a separator, another domain, a mailbox of her own names
    assert not key_checks.mistyped_own_mailbox(
        {**slipped, "emails": ["asmith@acme.com"]}, {**holder, "emails": ["jsmith@acme.com"]}
    )
    assert not key_checks.mistyped_own_mailbox(
        {**slipped, "emails": ["jsmith2@acme.com"]}, {**holder, "emails": ["jsmith@acme.com"]}
    )
    assert not key_checks.mistyped_own_mailbox(
        {**slipped, "emails": ["edwardcampbell@brighthill.com"]}, holder
    )
    assert not key_checks.mistyped_own_mailbox(
        {**slipped, "emails": ["edward_campbell@brighthill.com"]}, holder
    )
    assert not key_checks.mistyped_own_mailbox(
        {**slipped, "emails": ["edward.campbmll@brighthill.co"]}, holder
    )
    joan = {"first_name": "joan", "last_name": "smith", "emails": ["joan.smith@acme.com"]}
    assert not key_checks.mistyped_own_mailbox(
        joan, {"first_name": "john", "last_name": "smith", "emails": ["john.smith@acme.com"]}
    )


def _campbell_and_colleagues():
    return (
        crm(
            "c1",
            firstname="Edward",
            lastname="Campbell",
            email="edward.campbell@brighthill.com",
            mobilephone="+1 773 825 8014",
            phone="+1 212 473 0809",
            company="Bright Hill Analytics LLC",
            city="Boston",
        ),
        crm(
            "c2",
            firstname="Laura",
            lastname="Price",
            email="laura.price@brighthill.com",
            company="Bright Hill Analytics LLC",
        ),
        *filler_records(),
    )


def test_a_registration_typed_on_a_phone_links_on_the_mobile_beside_its_mistyped_mailbox(
    enabled, mirror, resolve
):
    """Edward Campbell registers on his phone: a slip in his surname and one in his mailbox, his own mobile."""
    mirror(*_campbell_and_colleagues())
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Edward",
            "last_name": "Cmapbell",
            "email": "edward.campbmll@brighthill.com",
            "mobilephone": "+1 773-825-8014",
            "company": "Bright Hill Analytics, LLC",
        }
    )
    assert result.matched and result.crm_id == "c1"


def test_a_colleagues_own_mailbox_beside_the_holders_phone_still_goes_to_review(enabled, mirror, resolve):
    """Edwina Campbell, a colleague on Edward's line with her own mailbox: not his mailbox mistyped."""
    mirror(*_campbell_and_colleagues())
    [result] = resolve(
        {
            "external_id": "e2",
            "first_name": "Edwina",
            "last_name": "Campbell",
            "email": "edwina.campbell@brighthill.com",
            "phone": "+1 212 473 0809",
            "company": "Bright Hill Analytics",
        }
    )
    assert not result.matched


def test_a_surname_with_its_particle_or_article_joined_or_left_out_shares_a_name_block():
    """Lucas "Deoliveira" typed for Lucas de Oliveira, Tariq "Mansouri" for Tariq Al-Mansouri: the same family
    name, so the CRM person is among the candidates whatever else differs."""

    def keys(first, last):
        return set(blocking.name_token_keys(normalise_names.name(first), normalise_names.name(last)))

    assert keys("Lucas", "Deoliveira") & keys("Lucas", "de Oliveira")
    assert keys("Tariq", "Mansouri") & keys("Tariq", "Al-Mansouri")
    assert keys("Tariq", "Almansouri") & keys("Tariq", "Al Mansouri")
    assert not keys("Lucas", "Oliveira") & keys("Lucas", "Deoliveira")


def test_greek_given_names_and_their_everyday_forms_are_one_name():
    for full, short in (
        ("Konstantinos", "Kostas"),
        ("Georgios", "Giorgos"),
        ("Ioannis", "Giannis"),
        ("Panagiotis", "Panos"),
    ):
        assert (
            normalise_names.name_match(normalise_names.name(full), normalise_names.name(short))[0]
            == "nickname"
        )


def test_a_korean_given_name_hyphenated_or_joined_is_one_name(enabled, mirror, resolve):
    """Min-ji Cho registers as "Minji" with her own mailbox; her colleague Min-jun Cho is in the same office:
    the mailbox's holder is her, not another person to go past."""
    assert (
        normalise_names.name_match(normalise_names.name("Minji"), normalise_names.name("Min-ji"))[0]
        == "exact"
    )
    mirror(
        crm(
            "k1",
            firstname="Min-ji",
            lastname="Cho",
            email="mcho@maplelight.co.kr",
            company="Maple Light Logistics",
            city="Busan",
        ),
        crm(
            "k2",
            firstname="Min-jun",
            lastname="Cho",
            email="minjun.cho@maplelight.co.kr",
            company="Maple Light Logistics",
            city="Busan",
            mobilephone="+82 10-967-2712",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "k",
            "first_name": "Minji",
            "last_name": "Cho",
            "email": "mcho@maplelight.co.kr",
            "company": "Maple Light Logistics",
            "city": "Busan",
        }
    )
    assert result.matched and result.crm_id == "k1"


def _min_ji_choi_and_min_ji_cho():
    return (
        crm(
            "choi",
            firstname="Min-ji",
            lastname="Choi",
            email="minjic@vertexpeak.co.kr",
            mobilephone="+82 10-7842-3572",
            company="Vertex Peak Solutions Co., Ltd.",
            city="Busan",
        ),
        crm(
            "cho",
            firstname="Min-ji",
            lastname="Cho",
            email="minji.cho@vertexpeak.co.kr",
            mobilephone="+82 10-926-6213",
            company="Vertex Peak Solutions Co., Ltd.",
            city="Busan",
        ),
        *filler_records(),
    )


def test_a_name_written_family_name_first_with_the_company_s_initials_keeps_its_mailbox(
    enabled, mirror, resolve
):
    """Min-ji Choi registers as "Choi / Min-ji" at "VPS" from her own mailbox: neither the swapped name nor the
    company's initials make the mailbox someone else's, and her colleague Min-ji Cho (whose own mailbox also
    reads "minji c...") is not linked past it."""
    mirror(*_min_ji_choi_and_min_ji_cho())
    [result] = resolve(
        {
            "external_id": "r1",
            "first_name": "Choi",
            "last_name": "Min-ji",
            "email": "minjic@vertexpeak.co.kr",
            "company": "VPS",
            "city": "Busan",
        }
    )
    assert result.crm_id != "cho"
    assert result.matched and result.crm_id == "choi"


def test_the_swap_and_initials_guards_leave_a_changed_surname_at_another_company_contradicted():
    holder = {"first_name": "min-ji", "last_name": "choi", "company_name": "vertex peak solutions"}
    swapped = {"first_name": "choi", "last_name": "min-ji", "company_name": "vps"}
    assert not key_checks.surname_and_company_changed_on_work_mailbox(
        swapped, holder, "minjic@vp.co.kr", 0.75
    )
    assert not key_checks.surname_and_company_changed_on_work_mailbox(
        {**swapped, "first_name": "min-ji", "last_name": "park"}, holder, "minjic@vp.co.kr", 0.75
    )  # the company's initials: another surname at the same company may be a marriage
    moved = {"first_name": "min-ji", "last_name": "park", "company_name": "harbour logistics"}
    assert key_checks.surname_and_company_changed_on_work_mailbox(moved, holder, "minjic@vp.co.kr", 0.75)
