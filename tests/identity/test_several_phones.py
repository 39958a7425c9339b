"""A record's every phone number (an office line and a mobile, HubSpot's phone and mobile, Pipedrive's several
values) is in its profile, the mirror, its keys and its blocks, as its emails are. Before, the first number
hid the others: an inbound record that gave the mobile of a Salesforce record with an office `Phone` found
neither a key nor a block."""

from identity_app import blocking, columns, normalise_phones
from identity_app.attributes import build_profile, profile_phones
from identity_app.models import IdentifierKind, MirrorIdentifier, MirrorRecord
from identity_app.scoring import DEFAULT_COMPARISONS, Scorer, value_of
from tests.identity.conftest import crm

OFFICE, MOBILE, OTHER_MOBILE = "+4930901820", "+4917123456789", "+4915112345678"


def test_every_phone_field_is_read_in_order_each_number_once():
    profile = build_profile(
        {"Phone": "030 901820", "MobilePhone": "0171 23456789", "phones": ["+49 30 901820", "n/a"]},
        region="DE",
    )
    assert profile["phones"] == [OFFICE, MOBILE]
    assert profile["phone"] == OFFICE  # the first number stays the one shown and read for its country


def test_pipedrive_values_of_one_field_are_all_read():
    profile = build_profile(
        {"phone": [{"value": "+49 30 901820", "primary": True}, {"value": "+49 171 23456789"}]}
    )
    assert profile["phones"] == [OFFICE, MOBILE]


def test_a_whole_file_batch_gives_the_numbers_record_by_record_would():
    rows = [
        {"phone": "030 901820", "mobilephone": "0171 23456789", "country": "Germany"},
        {"phone": "", "mobilephone": "0171 23456789", "country": "Germany"},
        {"phone": "000-000-0000", "mobilephone": "", "country": ""},
        {"phone": "0171 23456789", "mobilephone": "+49 171 23456789", "country": "DE"},
    ]
    by_column = columns.build_profiles(rows)
    assert [p["phones"] for p in by_column] == [[OFFICE, MOBILE], [MOBILE], [], [MOBILE]]
    assert [p["phone"] for p in by_column] == [OFFICE, MOBILE, "", MOBILE]
    assert by_column == [build_profile(row) for row in rows]


def test_every_number_is_a_block_key_and_an_inbound_search_key():
    profile = build_profile({"Phone": OFFICE, "MobilePhone": MOBILE})
    keys = blocking.search_keys(profile, [["phone"]])
    assert keys == {(IdentifierKind.PHONE, OFFICE), (IdentifierKind.PHONE, MOBILE)}
    assert columns.block_keys_by_record([profile], [["phone"]], plain_keys=True) == [keys]


def test_a_profile_stored_before_phones_existed_still_has_its_number():
    assert profile_phones({"phone": OFFICE}) == [OFFICE]
    assert profile_phones({"phone": OFFICE, "phones": [OFFICE, MOBILE]}) == [OFFICE, MOBILE]
    assert profile_phones({"phone": ""}) == []


def test_the_phone_comparison_agrees_on_any_shared_number():
    scorer = Scorer([dict(c) for c in DEFAULT_COMPARISONS], 0.01)
    index = scorer.level_index("phone")
    record = build_profile({"Phone": OFFICE, "MobilePhone": MOBILE})
    assert value_of(record, "phone") == [OFFICE, MOBILE]
    mobile_only = build_profile({"mobilephone": MOBILE})
    other = build_profile({"mobilephone": OTHER_MOBILE})
    assert scorer.levels(mobile_only, record)[index] == 0
    assert scorer.levels(other, record)[index] == 1
    # The batch scorer gives the very same levels and totals as the pair scorer.
    inbound = scorer.against(mobile_only)
    rows = [scorer.values(record), scorer.values(other)]
    assert [inbound.levels(row) for row in rows] == [
        scorer.levels(mobile_only, record),
        scorer.levels(mobile_only, other),
    ]
    assert inbound.totals(rows) == [scorer.total(scorer.levels(mobile_only, p)) for p in (record, other)]


def test_the_mirror_stores_every_number_and_keys_each(db, connection, mirror):
    mirror(crm("c1", FirstName="Anna", LastName="Berg", Phone=OFFICE, MobilePhone=MOBILE))
    record = MirrorRecord.objects.get(crm_id="c1")
    assert (record.phone, record.phones) == (OFFICE, [OFFICE, MOBILE])
    keys = set(
        MirrorIdentifier.objects.filter(record=record, kind=IdentifierKind.PHONE).values_list(
            "value", flat=True
        )
    )
    assert keys == {OFFICE, MOBILE}


def test_an_inbound_mobile_finds_the_record_that_lists_it_second(db, mirror, resolve):
    mirror(
        crm("c1", FirstName="Anna", LastName="Berg", Phone=OFFICE, MobilePhone=MOBILE),
        crm("c2", FirstName="Jonas", LastName="Wolf", Phone="+4930901821", MobilePhone=OTHER_MOBILE),
    )
    [result] = resolve(
        {"external_id": "e1", "first_name": "Anna", "last_name": "Berg", "mobilephone": MOBILE}
    )
    assert (result.matched, result.crm_id, result.method) == (True, "c1", "phone")


def test_a_switchboard_on_many_records_is_no_key_though_each_lists_a_mobile(db, mirror, resolve):
    mirror(
        *(
            crm(
                f"c{n}",
                FirstName=f"Name{n}",
                LastName="Berg",
                Phone=OFFICE,
                MobilePhone=f"+49171234567{n:02d}",
            )
            for n in range(3)
        )
    )
    [result] = resolve({"external_id": "e1", "first_name": "Nora", "last_name": "Klein", "phone": OFFICE})
    assert not result.matched
    assert any("shared by several records" in note for note in result.notes)


def test_a_mobile_held_by_someone_else_is_contradicted_by_the_names(db, mirror, resolve):
    mirror(crm("c1", FirstName="Anna", LastName="Berg", Phone=OFFICE, MobilePhone=MOBILE))
    [result] = resolve(
        {"external_id": "e1", "first_name": "Jonas", "last_name": "Wolf", "mobilephone": MOBILE}
    )
    assert not result.matched
    assert result.outcome == "key_contradicted"


def test_a_mobile_chooses_between_namesake_colleagues_an_office_line_does_not(db, mirror, resolve):
    """Two Anna Bergs at one company: the office line on one record may be the company's line, so it does
    not choose; a mobile number is a person's own."""
    mirror(
        crm("c1", FirstName="Anna", LastName="Berg", Company="Acme GmbH", Phone=OFFICE, MobilePhone=MOBILE),
        crm("c2", FirstName="Anna", LastName="Berg", Company="Acme GmbH", MobilePhone=OTHER_MOBILE),
    )
    anna = {"first_name": "Anna", "last_name": "Berg", "company_name": "Acme GmbH"}
    by_mobile, by_office = resolve(
        {"external_id": "e1", "mobilephone": MOBILE, **anna}, {"external_id": "e2", "phone": OFFICE, **anna}
    )
    assert (by_mobile.matched, by_mobile.crm_id) == (True, "c1")
    assert not by_office.matched


def test_a_mobile_number_is_told_from_a_fixed_line():
    assert normalise_phones.is_mobile_number(MOBILE)
    assert not normalise_phones.is_mobile_number(OFFICE)
    assert not normalise_phones.is_mobile_number("+12025550143")  # the US plan does not tell them apart
    assert not normalise_phones.is_mobile_number("not a number")
