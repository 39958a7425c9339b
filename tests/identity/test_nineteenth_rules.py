"""Rules found by the nineteenth generator (a Mailchimp audience export against a HubSpot contacts export): the
audience's one-cell address, its sign-up geolocation columns, HubSpot's "Additional email addresses" and the
filler people type into a sign-up form's name fields."""

from identity_app import attributes, columns, normalise_names, normalise_places
from tests.identity.conftest import crm, filler_records

MAILCHIMP_COLUMNS = [
    "Email Address",
    "First Name",
    "Last Name",
    "Address",
    "Phone Number",
    "Birthday",
    "MEMBER_RATING",
    "OPTIN_TIME",
    "LATITUDE",
    "LONGITUDE",
    "GMTOFF",
    "DSTOFF",
    "TIMEZONE",
    "CC",
    "REGION",
    "LAST_CHANGED",
    "LEID",
    "EUID",
]


def test_hubspots_additional_email_addresses_are_read_as_the_contacts_addresses():
    renames = attributes.recognised_columns(["Record ID", "Email", "Additional email addresses"])
    assert renames == {"Additional email addresses": "secondary_email"}
    profile = attributes.build_profile(
        {"Email": "ann.lee@newco.com", "secondary_email": "ann.lee@oldco.com;annlee77@yahoo.com"}
    )
    assert profile["emails"] == ["ann.lee@newco.com", "ann.lee@oldco.com", "annlee77@yahoo.com"]


def test_a_mailchimp_exports_region_and_country_code_are_where_the_sign_up_came_from():
    """REGION and CC locate the IP a member signed up from (beside LATITUDE, LONGITUDE, TIMEZONE): read as
    the person's state, a subscriber in Ohio who signed up from a phone in Illinois would disagree with
    their own record."""
    renames = attributes.recognised_columns(MAILCHIMP_COLUMNS)
    assert "REGION" not in renames and "CC" not in renames
    assert renames["Address"] == "address" and renames["Email Address"] == "email"
    # a French export's "Région" is still the address's region
    assert attributes.recognised_columns(["Prénom", "Nom", "Région"])["Région"] == "state"


def test_mailchimps_one_cell_address_is_read_as_its_parts():
    assert normalise_places.combined_address("1701 Bristol Ave.  Suite 4  Barrington  RI  02806  US") == {
        "street": "1701 Bristol Ave.",
        "city": "Barrington",
        "state": "RI",
        "postcode": "02806",
        "country": "US",
    }
    assert normalise_places.combined_address("16 Mill Lane  Leeds  West Yorkshire  LS1 4AB") == {
        "street": "16 Mill Lane",
        "city": "Leeds",
        "state": "West Yorkshire",
        "postcode": "LS1 4AB",
    }
    # a street typed with two spaces, or parts with no postcode, are no such address
    assert normalise_places.combined_address("12  Main Street") is None
    assert normalise_places.combined_address("Flat 2  Rose Court  Leeds  Yorkshire") is None
    row = {
        "email": "jo@example.org",
        "address": "220 Queen St E  Toronto  ON  M5A 1S3  CA",
        "phone": "416 555 0188",
    }
    profile = attributes.build_profile(row)
    assert (profile["street"], profile["city"], profile["postcode"], profile["country"]) == (
        "220 queen st e",
        "toronto",
        "M5A1S3",
        "CA",
    )
    assert profile["phones"] == ["+14165550188"]
    # the column-wise build of a whole file reads it the same; a row's own city is kept
    rows = [row, {"address": "9 Elm St  Dayton  OH  45402  US", "city": "Kettering"}, {"email": "x@y.org"}]
    built = columns.build_profiles(rows)
    assert built[0] == profile
    assert (built[1]["street"], built[1]["city"], built[1]["postcode"]) == ("9 elm st", "kettering", "45402")


def test_sign_up_form_filler_is_no_name():
    for filler in ("test", "TEST", "asdf", "qwerty", "Testing", "dummy"):
        assert normalise_names.name(filler) == ""
    assert normalise_names.name("Tess") == "tess"


def test_a_subscriber_at_the_home_address_the_crm_holds_links_through_mailchimps_address(
    enabled, mirror, resolve
):
    """Kathryn Webb subscribed with a personal mailbox the CRM does not know; her one-cell address is the home
    address on her record (street, town and zip)."""
    mirror(
        crm(
            "p1",
            firstname="Kathryn",
            lastname="Webb",
            email="kwebb@thistleenergy.com",
            company="Thistle Energy Co.",
            street="1589 Cedar Ln",
            city="Denver",
            state="CO",
            zip="80229",
            country="United States",
        ),
        crm(
            "p2",
            firstname="Kathryn",
            lastname="Webb",
            email="kathryn.webb@orchardlabs.com",
            company="Orchard Labs",
            street="77 Pine St",
            city="Seattle",
            state="WA",
            zip="98101",
            country="United States",
        ),
        *filler_records(),
    )
    home, elsewhere = resolve(
        {
            "external_id": "m1",
            "first_name": "Kathryn",
            "last_name": "Webb",
            "email": "kathrynwebb11@gmail.com",
            "address": "1589 Cedar Ln  Denver  CO  80229  US",
        },
        {
            "external_id": "m2",
            "first_name": "Kathryn",
            "last_name": "Webb",
            "email": "kathryn.w1990@gmail.com",
            "address": "12 Birch Rd  Boulder  CO  80301  US",
        },
    )
    assert home.matched and home.crm_id == "p1"
    assert not elsewhere.matched  # a namesake at another home links to neither


def test_a_work_address_subscribed_with_test_as_its_name_is_the_holders(enabled, mirror, resolve):
    mirror(
        crm(
            "p1",
            firstname="Patrick",
            lastname="McDonald",
            email="patrick.mcdonald@atlasconsulting.com",
            company="Atlas Consulting LLC",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "m1",
            "first_name": "test",
            "last_name": "N/A",
            "email": "patrick.mcdonald@atlasconsulting.com",
        }
    )
    assert result.matched and result.crm_id == "p1"
