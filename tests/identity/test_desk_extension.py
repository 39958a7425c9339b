"""A switchboard number several CRM records hold says which company; the extension written with it says which
desk. A record that writes the number with the very extension a CRM record holds it with agrees on that
person's own line: personal evidence, where the bare switchboard is only company evidence."""

import pytest

from identity_app import normalise_phones
from identity_app.personal_evidence import NOTHING_PERSONAL
from tests.identity.conftest import crm, filler_records

SWITCHBOARD = "+44 121 262 8942"
OFFICE = {"company": "Lunlun Systems Limited", "city": "Sheffield", "zip": "S18 6EQ"}
SOPHIE = crm("501", firstname="Sophie", lastname="Clarke", phone=f"{SWITCHBOARD} ext. 412", **OFFICE)
COLLEAGUES = (
    crm("502", firstname="Olivia", lastname="Clarke", phone=f"{SWITCHBOARD} ext. 557", **OFFICE),
    crm("504", firstname="Harry", lastname="Patel", phone=f"{SWITCHBOARD} ext. 118", **OFFICE),
)
# A name, the company and its switchboard: nothing else places the caller (a badge scan, an event list).
CALLER = {
    "external_id": "ev-1",
    "first_name": "Sophie",
    "last_name": "Clarke",
    "company": "Lunlun Systems Ltd",
    "country": "United Kingdom",
}


@pytest.fixture
def office(mirror, rules):
    rules.probabilistic_enabled = True
    rules.save()
    return lambda *extra: mirror(SOPHIE, *COLLEAGUES, *extra, *filler_records())


def test_the_switchboard_with_the_records_own_extension_links_it(office, resolve):
    office()
    [result] = resolve({**CALLER, "phone": "0121 262 8942 x 412"})
    assert (result.outcome, result.crm_id) == ("matched", "501")
    # the one record writing the switchboard with that extension holds it as a key (a desk line is one
    # person's); a score says so in a note
    assert result.method == "phone" or any(
        "extension 412" in note and "own desk line" in note for note in result.notes
    )


def test_the_switchboard_without_an_extension_is_only_the_company(office, resolve):
    office()
    [result] = resolve({**CALLER, "phone": "0121 262 8942"})
    assert result.outcome == "veto"
    assert result.candidates[0]["crm_id"] == "501"
    assert NOTHING_PERSONAL in result.candidates[0]["vetoed_by"]


def test_an_extension_that_is_not_the_records_is_only_the_company(office, resolve):
    office()
    for extension in ("999", "557"):  # nobody's desk, a colleague's desk
        [result] = resolve({**CALLER, "phone": f"0121 262 8942 ext. {extension}"})
        assert not result.matched
        assert "501" in [c["crm_id"] for c in result.candidates[:3]]
        assert not any("own desk line" in note for note in result.notes)


def test_two_namesakes_on_one_switchboard_still_tie_whatever_the_extension(office, resolve):
    office(crm("503", firstname="Sophie", lastname="Clarke", phone=f"{SWITCHBOARD} ext. 230", **OFFICE))
    [result] = resolve({**CALLER, "phone": "0121 262 8942 x 412"})
    assert result.outcome == "ambiguous"
    assert {c["crm_id"] for c in result.candidates[:2]} == {"501", "503"}


def test_a_successor_at_the_desk_is_not_linked_to_the_record_that_holds_the_extension(office, resolve):
    office()
    [result] = resolve(
        {**CALLER, "first_name": "Emily", "last_name": "Hughes", "phone": "0121 262 8942 x118"}
    )
    assert not result.matched


def test_the_extension_is_read_only_with_its_own_number():
    number = normalise_phones.phone("+44 121 262 8942")
    assert normalise_phones.written_extension("0121 262 8942 x 412", number) == "412"
    assert normalise_phones.written_extension("+44 121 262 8942 ext. 412", number) == "412"
    assert normalise_phones.written_extension("0121 262 8942", number) == ""
    assert normalise_phones.written_extension("0121 262 8943 x 412", number) == ""  # another number
