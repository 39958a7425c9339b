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
