"""A B2B marketplace's enquiries linked into an Indian seller's HubSpot contacts (`benchmarks/identity_thirtythird.py`'s
case): the enquiry's sender columns read as the record's own and its receiver's never, and a family firm's one
mobile, which the father's and the sons' records all hold. None of these tests reads an outside file."""

import pytest

from identity_app import attributes, normalise_companies, normalise_emails
from tests.identity.conftest import crm, filler_records

# -- a marketplace's enquiry export ----------------------------------------------------------------------------

INDIAMART = [
    "UNIQUE_QUERY_ID", "QUERY_TYPE", "QUERY_TIME", "SENDER_NAME", "SENDER_MOBILE", "SENDER_EMAIL", "SUBJECT",
    "SENDER_COMPANY", "SENDER_ADDRESS", "SENDER_CITY", "SENDER_STATE", "SENDER_PINCODE", "SENDER_COUNTRY_ISO",
    "SENDER_MOBILE_ALT", "SENDER_PHONE", "SENDER_PHONE_ALT", "SENDER_EMAIL_ALT", "QUERY_PRODUCT_NAME",
    "QUERY_MESSAGE", "QUERY_MCAT_NAME", "CALL_DURATION", "RECEIVER_MOBILE",
]  # fmt: skip


def test_an_enquiry_exports_sender_columns_are_the_records_own():
    renames = attributes.recognised_columns(INDIAMART, keep=["UNIQUE_QUERY_ID"])
    assert renames["SENDER_NAME"] == "full_name"
    assert renames["SENDER_MOBILE"] == "mobilephone"
    assert renames["SENDER_EMAIL"] == "email"
    assert renames["SENDER_EMAIL_ALT"] == "secondary_email"
    assert renames["SENDER_COMPANY"] == "company_name"
    assert renames["SENDER_CITY"] == "city"
    assert renames["SENDER_PINCODE"] == "postcode"
    assert renames["SENDER_COUNTRY_ISO"] == "country"
    phones = {renames[label] for label in ("SENDER_MOBILE_ALT", "SENDER_PHONE", "SENDER_PHONE_ALT")}
    assert phones <= set(attributes.DEFAULT_ATTRIBUTE_MAP["phone"]) and len(phones) == 3


def test_an_enquiry_exports_receiver_is_the_seller_never_the_record():
    """IndiaMART writes the seller's own line as RECEIVER_MOBILE on every PNS call: read as a filer's number,
    it is taken out of the record's numbers."""
    renames = attributes.recognised_columns(INDIAMART, keep=["UNIQUE_QUERY_ID"])
    assert renames["RECEIVER_MOBILE"] in attributes.FILER_FIELD_NAMES
    tradeindia = [
        "rfi_id",
        "sender_name",
        "sender_co",
        "sender_mobile",
        "sender_other_mobiles",
        "receiver_mobile",
    ]
    renames = attributes.recognised_columns(tradeindia)
    assert renames["sender_co"] == "company_name"
    assert renames["sender_other_mobiles"] in attributes.DEFAULT_ATTRIBUTE_MAP["phone"]
    assert renames["receiver_mobile"] in attributes.FILER_FIELD_NAMES


def test_a_sender_outside_an_enquiry_export_is_not_read():
    """An email tool's log names the rep who sent each mail its sender: no enquiry, no reading."""
    renames = attributes.recognised_columns(["Sender Name", "Sender Email", "Recipient Email", "Subject"])
    assert "Sender Name" not in renames and "Sender Email" not in renames


# -- a family firm's shared mobile ------------------------------------------------------------------------------

SHOP_MOBILE = "+91 81265 98456"


def mehta(crm_id, first, **values):
    return crm(
        crm_id,
        firstname=first,
        lastname="Mehta",
        mobilephone=SHOP_MOBILE,
        company="Mehta Pumps & Sons",
        city="Ludhiana",
        country="India",
        **values,
    )


def test_another_given_name_a_letter_apart_on_a_family_line_is_not_linked(enabled, mirror, resolve):
    """Tarun is not Varun: the Mehtas' one mobile is on the father's and both sons' records, and rhyming
    brothers' names are no typo of each other's."""
    mirror(
        mehta(
            "v1", "Varun", email="vmehta@rediffmail.com", zip="141067"
        ),  # the shop's pincode, on one record
        mehta("n1", "Naresh"),
        mehta("h1", "Hardik"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Tarun Mehta",
            "phone": "+91-8126598456",
            "company": "Mehta Pumps and Sons",
            "city": "Ludhiana",
            "zip": "141067",
            "country": "IN",
        }
    )
    assert result.crm_id != "v1" and result.outcome != "matched"


def test_a_family_members_own_name_on_the_family_line_still_links(enabled, mirror, resolve):
    mirror(
        mehta("v1", "Varun", email="vmehta@rediffmail.com"),
        mehta("n1", "Naresh"),
        mehta("h1", "Hardik"),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "Varun Mehta",
            "phone": "+91-8126598456",
            "email": "vmehta@rediffmail.com",
            "company": "Mehta Pumps and Sons",
            "city": "Ludhiana",
            "zip": "141067",
            "country": "IN",
        }
    )
    assert result.crm_id == "v1" and result.outcome == "matched"


# -- an initial the mailbox spells out ------------------------------------------------------------------------


def test_a_mailbox_that_spells_out_an_initial_is_a_namesakes_too():
    """ "N. Kavitha" is known by her father's initial; her mailbox spells his name: kavithanatarajan@ at two
    providers is any Kavitha Natarajan's."""
    assert normalise_emails.initial_spelled_user_name("kavithanatarajan", "n", "kavitha")
    assert normalise_emails.initial_spelled_user_name("natarajan.kavitha", "kavitha", "n")
    assert not normalise_emails.initial_spelled_user_name("kavitha.n1985", "n", "kavitha")  # digits say more
    assert not normalise_emails.initial_spelled_user_name(
        "kavithanatarajan", "kavitha", ""
    )  # no initial to spell
    assert not normalise_emails.initial_spelled_user_name(
        "kavithapn", "n", "kavitha"
    )  # "pn" is spelled from no initial


def test_a_namesakes_spelled_out_mailbox_elsewhere_does_not_link(enabled, mirror, resolve):
    """Kavitha N. at a steel firm in Hyderabad, with her own mobile, is not the Kavitha N. of a fastener firm
    in Thiruvananthapuram who enquires with another mobile: the same mailbox name at another provider is
    what both Kavitha Natarajans write."""
    mirror(
        crm(
            "k1",
            firstname="Kavitha",
            lastname="N",
            email="kavithanatarajan@outlook.com",
            mobilephone="+91 81589 02973",
            company="Kaveri Steel",
            city="Hyderabad",
            country="India",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "full_name": "n. kavitha",
            "email": "kavithanatarajan@gmail.com",
            "phone": "+91-8125143054",
            "company": "Supreme Fasteners Pvt. Ltd",
            "city": "Thiruvananthapuram",
            "country": "IN",
        }
    )
    assert result.crm_id != "k1" and result.outcome != "matched"


# -- an Indian firm's name -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "M/s. Kaveri Enterprises",
        "M/S Kaveri Enterprises",
        "m/s  kaveri enterprises",
        "Messrs. Kaveri Enterprises",
    ],
)
def test_messrs_before_a_firms_name_is_no_part_of_it(written):
    assert normalise_companies.company_name(written) == normalise_companies.company_name("Kaveri Enterprises")


def test_initials_before_a_firms_name_are_part_of_it():
    """ "M.S. Enterprises" is named after its owner's initials, and "Messrsmith" is a word."""
    assert normalise_companies.company_name("M.S. Enterprises") != normalise_companies.company_name(
        "Enterprises"
    )
    assert normalise_companies.company_name("Messrsmith Ltd") == "messrsmith"


@pytest.mark.parametrize(
    "written", ["Murugan Steel (P) Ltd", "Murugan Steel P. Ltd.", "Murugan Steel (P) Limited"]
)
def test_an_indian_private_limiteds_short_form_is_its_legal_form(written):
    assert (
        normalise_companies.company_name(written)
        == normalise_companies.company_name("MURUGAN STEEL PVT. LTD.")
        == "murugan steel"
    )
