"""Rules found by the fortieth generator (a Dubai brokerage's Salesforce Contacts linked from Property Finder's
leads): a property portal's lead names the enquirer "sender" beside the listing enquired about, and one Arabic
name is romanised in Latin letters in several ways (Moza / Mouza, Nasir / Nasser, El-Suwaidy / Al Suwaidi)
while names a vowel apart stay two names (Hassan / Hussain, Ali / Alia). None of these tests reads an outside
file."""

import pytest

from identity_app import attributes, normalise_names
from tests.identity.conftest import crm, filler_records

PORTAL_HEADER = [
    "id", "createdAt", "status", "channel", "entityType", "listing.id", "listing.reference", "publicProfile.id",
    "sender.name", "sender.phone", "sender.email", "sender.whatsapp", "message", "responseLink",
]  # fmt: skip


def test_a_portal_lead_reads_its_sender_as_the_record():
    """Property Finder's lead: `sender.name` and `sender.contacts` (phone, email, whatsapp) are the enquirer's,
    beside the listing it is about."""
    renames = attributes.recognised_columns(PORTAL_HEADER, keep=("id",))
    assert renames["sender.name"] == "full_name"
    assert renames["sender.email"] == "email"
    phone_fields = set(attributes.DEFAULT_ATTRIBUTE_MAP["phone"])
    assert renames["sender.phone"] in phone_fields
    assert renames["sender.whatsapp"] in phone_fields
    assert renames["sender.phone"] != renames["sender.whatsapp"]


def test_a_sender_without_a_listing_or_an_enquiry_stays_unread():
    """An email tool's log calls the rep who sent a mail its sender: no listing, no enquiry, nothing read."""
    renames = attributes.recognised_columns(["message_id", "sender.name", "sender.email", "subject"])
    assert "sender.name" not in renames and "sender.email" not in renames


@pytest.mark.parametrize(
    ("left", "right", "one_name"),
    [
        ("mouza", "moza", True),
        ("nasser", "nasir", True),
        ("khadeeja", "khadija", True),
        ("noora", "nora", True),
        ("omar", "umar", True),
        ("jasim", "jasem", True),
        ("tareq", "tariq", True),
        ("hassan", "hasan", True),
        ("latifah", "latifa", True),
        ("suwaidy", "suwaidi", True),
        ("hassan", "hussain", False),  # two names: a vowel added
        ("ali", "alia", False),  # a brother and a sister
        ("saeed", "sayed", False),
        ("hamad", "hamid", False),
        ("joan", "juan", False),  # o before another vowel is left as written
        ("dean", "dian", False),
        ("noah", "noa", False),  # three letters say too little
    ],
)
def test_romanisations_of_one_name(left, right, one_name):
    assert normalise_names.romanisations_of_one_name(left, right) is one_name


def test_a_family_name_romanised_otherwise_with_its_article_is_the_same():
    assert normalise_names.name_match("el suwaidy", "al suwaidi")[0] == "part"
    assert normalise_names.surname_closeness("mazroui", "mazrouei") >= 0.9


def _mouza(crm_id="m1", first="Mouza", phone="+971500564323"):
    return crm(crm_id, firstname=first, lastname="Al Mazrouei", mobilephone=phone, city="Dubai")


@pytest.mark.parametrize(
    "written", [("Moza", "El-Mazrouei"), ("Mouza", "Almazrouei"), ("MOZA", "AL MAZROUI")]
)
def test_her_own_mobile_links_under_another_romanisation(enabled, mirror, resolve, written):
    """Mouza Al Mazrouei's own mobile on a lead written "Moza El-Mazrouei": one name, not another person's."""
    mirror(_mouza(), *filler_records())
    [result] = resolve(
        {"external_id": "l1", "first_name": written[0], "last_name": written[1], "phone": "+971500564323"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "m1")


def test_a_brother_on_the_familys_number_is_not_linked(enabled, mirror, resolve):
    """Hussain gives his brother Hassan's number (the family's): a vowel apart, two names."""
    mirror(
        crm("h1", firstname="Hassan", lastname="Al Ketbi", mobilephone="+971505659874", city="Dubai"),
        *filler_records(),
    )
    [result] = resolve(
        {"external_id": "l1", "first_name": "Hussain", "last_name": "Al Ketbi", "phone": "+971505659874"}
    )
    assert result.outcome != "matched"


@pytest.mark.parametrize(
    ("left", "right", "one_name"),
    [
        ("abdulaziz", "abdelaziz", True),  # "servant of": Abdul / Abdel / Abdal
        ("aliya", "alia", True),
        ("abdulaziz", "abdulrahman", False),
    ],
)
def test_more_romanisations_of_one_name(left, right, one_name):
    assert normalise_names.romanisations_of_one_name(left, right) is one_name


def test_a_given_name_spaced_and_joined_romanised_otherwise_is_one_name():
    assert normalise_names.name_match("abdul aziz", "abdelaziz")[0] != "similar"


@pytest.mark.parametrize(
    ("last", "family"),
    [
        ("bin khalid al mazrouei", "al mazrouei"),
        ("bint hamdan al falasi", "al falasi"),
        ("khalid saeed al mazrouei", "al mazrouei"),  # a passport's chain without "bin"
        ("al mazrouei", "al mazrouei"),
        ("garcia lopez", "garcia lopez"),  # no article: two surnames, kept
        ("al qasimi al hashimi", "al qasimi al hashimi"),
    ],
)
def test_the_fathers_names_are_no_part_of_the_family_name(last, family):
    assert normalise_names.family_name_of_chain(last) == family


def test_a_full_name_keeps_a_two_word_given_name_and_drops_the_chain():
    profile = {"first_name": "", "last_name": "", "company_name": ""}
    attributes.names_from_full_name(profile, "Abdul Rahman bin Mohammed Al Hashimi")
    assert profile["first_name"] == "abdul rahman"
    assert normalise_names.family_name_of_chain(profile["last_name"]) == "al hashimi"


@pytest.mark.parametrize(
    ("written", "held_last"),
    [
        ("Abdul Rahman Al Hashimi", "bin Mohammed Al Hashimi"),
        ("Ahmed bin Khalid bin Saeed Al Mazrouei", "Al Mazrouei"),
    ],
)
def test_a_chain_on_one_side_links_on_the_own_mobile(enabled, mirror, resolve, written, held_last):
    first = "Abdul Rahman" if written.startswith("Abdul") else "Ahmed"
    mirror(
        crm("c1", firstname=first, lastname=held_last, mobilephone="+971504546118", city="Dubai"),
        *filler_records(),
    )
    [result] = resolve({"external_id": "l1", "full_name": written, "phone": "+971504546118"})
    assert (result.outcome, result.crm_id) == ("matched", "c1")


@pytest.mark.parametrize("held", ["0503093895", "503093895", "050 309 3895"])
def test_a_number_one_record_writes_only_nationally_is_its_key(enabled, mirror, resolve, held):
    """Rekha Rao's contact names no country and writes her mobile nationally; the portal gives it in full. Read
    in the UAE's plan it is her number (the flow's region, the US, reads it as nothing)."""
    mirror(crm("r1", firstname="Rekha", lastname="Rao", mobilephone=held, city="Dubai"), *filler_records())
    [result] = resolve(
        {"external_id": "l1", "first_name": "Rekha", "last_name": "Rao", "phone": "+971503093895"}
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "r1", "phone")


def test_a_number_two_records_write_nationally_is_no_key(enabled, mirror, resolve):
    mirror(
        crm("r1", firstname="Rekha", lastname="Rao", mobilephone="0503093895", city="Dubai"),
        crm("r2", firstname="Rekha", lastname="Rao", mobilephone="050 309 3895", city="Dubai"),
        *filler_records(),
    )
    [result] = resolve(
        {"external_id": "l1", "first_name": "Rekha", "last_name": "Rao", "phone": "+971503093895"}
    )
    assert result.method != "phone"


def test_a_whatsapp_column_and_a_data_loader_custom_field_are_read():
    renames = attributes.recognised_columns(
        ["ID", "FIRSTNAME", "MOBILEPHONE", "WHATSAPP_NUMBER__C", "NPE01__HOMEEMAIL__C"]
    )
    phone_fields = set(attributes.DEFAULT_ATTRIBUTE_MAP["phone"])
    assert renames["WHATSAPP_NUMBER__C"] in phone_fields
    assert renames["NPE01__HOMEEMAIL__C"] in set(attributes.DEFAULT_ATTRIBUTE_MAP["emails"])


def test_a_brother_a_swap_apart_at_the_first_letter_is_not_linked(enabled, mirror, resolve):
    """Hamed gives the family's number, which his brother Ahmed's contact holds: a swap of the first two
    letters makes another name, not a typo."""
    mirror(
        crm("a1", firstname="Ahmed", lastname="Al Blooshi", mobilephone="+971505235485", city="Dubai"),
        *filler_records(),
    )
    [result] = resolve(
        {"external_id": "l1", "first_name": "Hamed", "last_name": "Al Blooshi", "phone": "+971505235485"}
    )
    assert result.outcome != "matched"


def test_a_swap_after_the_first_letter_is_still_a_typo(enabled, mirror, resolve):
    mirror(crm("j1", firstname="John", lastname="Hale", mobilephone="+971505235485"), *filler_records())
    [result] = resolve(
        {"external_id": "l1", "first_name": "Jhon", "last_name": "Hale", "phone": "+971505235485"}
    )
    assert (result.outcome, result.crm_id) == ("matched", "j1")
