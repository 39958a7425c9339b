"""Rules found by the seventeenth generator (a trade show's lead-retrieval export against a Pipedrive persons
export): a CRM export that joins a field's several numbers in one cell ("+49 30 901820, +49 171 2345678", as
Pipedrive writes two work numbers) holds each of them."""

from identity_app import attributes, columns, normalise_names, normalise_phones
from tests.identity.conftest import crm, filler_records


def test_a_cell_of_several_numbers_is_each_number():
    assert normalise_phones.phone_texts("+49 30 901820, +49 171 2345678") == [
        "+49 30 901820",
        "+49 171 2345678",
    ]
    assert normalise_phones.phones("+44 20 7946 0958; +44 7700 900123") == ["+442079460958", "+447700900123"]
    profile = attributes.build_profile({"phone": "+1 212 736 4100, +1 646 201 3377"})
    assert profile["phones"] == ["+12127364100", "+16462013377"]
    # the column-wise build of a whole export reads them the same
    rows = [{"phone": "+1 212 736 4100, +1 646 201 3377", "email": "a@acme.com"}, {"phone": "+49 30 901820"}]
    assert [p["phones"] for p in columns.build_profiles(rows)] == [
        ["+12127364100", "+16462013377"],
        ["+4930901820"],
    ]


def test_an_extension_after_a_comma_stays_with_its_number():
    assert normalise_phones.phone_texts("+1 (212) 736-4100, x123") == ["+1 (212) 736-4100, x123"]
    assert normalise_phones.phones("+1 (212) 736-4100, x123") == ["+12127364100"]
    assert (
        normalise_phones.written_extension("+49 30 901820 ext. 271, +49 171 2345678", "+4930901820") == "271"
    )
    assert normalise_phones.written_extension("+49 30 901820, +49 171 2345678", "+4930901820") == ""


def test_a_badge_with_the_second_number_of_a_pipedrive_cell_links_to_its_holder(enabled, mirror, resolve):
    """Bandar Al-Juhani's record holds his desk line and his mobile in one "Work" cell; his badge gives the
    mobile and a personal mailbox the CRM does not know."""
    mirror(
        crm(
            "p1",
            firstname="Bandar",
            lastname="Al-Juhani",
            email="bandar_aljuhani@evergreen.com.sa",
            phone="+966 11 234 5187, +966 51 457 8861",
            company="Evergreen Systems LLC",
        ),
        crm(
            "p2",
            firstname="Sami",
            lastname="Al-Harbi",
            email="sami_alharbi@evergreen.com.sa",
            phone="+966 11 234 5100",
            company="Evergreen Systems LLC",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "b1",
            "first_name": "Bandar",
            "last_name": "Al-Juhani",
            "email": "bandar.aljuhani@yahoo.com",
            "phone": "+966 51 457 8861",
            "company": "Evergreen Systems",
            "city": "Riyadh",
            "country": "KSA",
        }
    )
    assert result.matched and result.crm_id == "p1"


def test_everyday_short_forms_of_brazilian_mexican_german_polish_and_south_indian_given_names():
    for full, short in (
        ("Eduardo", "Dudu"),
        ("Fernanda", "Nanda"),
        ("Gabriel", "Gabi"),
        ("Guadalupe", "Lupita"),
        ("Roberto", "Beto"),
        ("Katharina", "Kathi"),
        ("Sebastian", "Basti"),
        ("Tomasz", "Tomek"),
        ("Jakub", "Kuba"),
        ("Aleksandra", "Ola"),
        ("Venkatesh", "Venky"),
        ("Srinivasan", "Srini"),
    ):
        assert (
            normalise_names.name_match(normalise_names.name(full), normalise_names.name(short))[0]
            == "nickname"
        ), (
            full,
            short,
        )
    # a short form two full names share does not make the two one name
    assert (
        normalise_names.name_closeness(normalise_names.name("Gabriel"), normalise_names.name("Gabriela"))
        == 0.0
    )


def test_romanisations_of_one_arabic_japanese_or_korean_name_are_one_name():
    for left, right in (
        ("Waleed", "Walid"),
        ("Hesham", "Hisham"),
        ("Yuki", "Yuuki"),
        ("Ryota", "Ryouta"),
        ("Ito", "Itoh"),
        ("Sato", "Satou"),
        ("Ono", "Ohno"),
        ("Kang", "Gang"),
        ("Cho", "Jo"),
        ("Lim", "Im"),
    ):
        assert (
            normalise_names.name_closeness(normalise_names.name(left), normalise_names.name(right)) >= 0.95
        ), (left, right)
        assert (
            normalise_names.surname_closeness(normalise_names.name(left), normalise_names.name(right)) >= 0.95
        ), (left, right)
    assert normalise_names.name_closeness(normalise_names.name("Louis"), normalise_names.name("Lois")) == 0.0


def test_a_badge_printed_with_a_nickname_keeps_the_mailbox_made_of_the_full_name(enabled, mirror, resolve):
    """ "Venky Nair" on the badge, venkatesh.nair@ and his mobile: Venkatesh Nair's own keys."""
    mirror(
        crm(
            "v1",
            firstname="Venkatesh",
            lastname="Nair",
            email="venkatesh.nair@orion.com",
            mobilephone="+91 81289 39752",
            company="Orion Dynamics",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "n1",
            "first_name": "Venky",
            "last_name": "Nair",
            "email": "venkatesh.nair@orion.com",
            "phone": "+918128939752",
            "company": "Orion Dynamics",
        }
    )
    assert result.matched and result.crm_id == "v1"


def test_an_m_read_as_rn_by_a_badge_scanner_is_one_slip():
    assert normalise_names.ocr_misread("alrneida", "almeida")
    assert (
        normalise_names.surname_closeness(normalise_names.name("Górnez"), normalise_names.name("Gómez"))
        == 0.95
    )
    assert normalise_names.name_slip(normalise_names.name("Rnartin"), normalise_names.name("Martin"))
    # short words, and other letters, are not read so
    assert not normalise_names.ocr_misread("ernma", "emma")
    assert not normalise_names.ocr_misread("alrneidas", "almeida")
    assert (
        normalise_names.surname_closeness(normalise_names.name("Horne"), normalise_names.name("Home")) == 0.0
    )


def test_a_scanned_surname_with_an_m_read_as_rn_keeps_the_holders_mailbox(enabled, mirror, resolve):
    """Eduardo "Alrneida" on eduardo@ and the mobile of Eduardo Almeida: his own keys, read by a scanner."""
    mirror(
        crm(
            "a1",
            firstname="Eduardo",
            lastname="Almeida",
            email="eduardo@quantix.com.br",
            mobilephone="+55 11 96282-5414",
            company="Quantix Systems",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "o1",
            "first_name": "Eduardo",
            "last_name": "Alrneida",
            "email": "eduardo@quantix.com.br",
            "phone": "+55 11 96282-5414",
            "company": "Quantix Systems",
        }
    )
    assert result.matched and result.crm_id == "a1"


def _stewart_and_colleague():
    return (
        crm(
            "s1",
            firstname="James",
            lastname="Stewart",
            email="james_stewart@azura.com",
            phone="+1 201 569 5784",
            company="Azura Automation",
            city="Denver",
        ),
        crm(
            "s2",
            firstname="Laura",
            lastname="Price",
            email="laura_price@azura.com",
            company="Azura Automation",
            city="Denver",
        ),
        *filler_records(),
    )


def test_a_mailbox_typed_at_the_booth_with_one_slip_is_not_another_persons(enabled, mirror, resolve):
    """James Stewart's badge did not scan; the rep typed james_stewwart@ from his card. His name, company and
    town are the CRM record's: the slipped mailbox does not make him someone else."""
    mirror(*_stewart_and_colleague())
    [result] = resolve(
        {
            "external_id": "t1",
            "first_name": "James",
            "last_name": "Stewart",
            "email": "james_stewwart@azura.com",
            "company": "Azura Automation",
            "city": "Denver",
        }
    )
    assert result.matched and result.crm_id == "s1"


def test_another_mailbox_at_the_domain_under_another_name_still_goes_to_review(enabled, mirror, resolve):
    """A colleague's own mailbox (jamie_stewart@, another first name), or a slip beside a name that is not
    the holder's: not the holder's mailbox mistyped."""
    mirror(*_stewart_and_colleague())
    results = resolve(
        {
            "external_id": "t2",
            "first_name": "Jamie",
            "last_name": "Stewart",
            "email": "jamie_stewart@azura.com",
            "company": "Azura Automation",
            "city": "Denver",
        },
        {
            "external_id": "t3",
            "first_name": "James",
            "last_name": "Stewart",
            "email": "james_stewart2@azura.com",
            "company": "Azura Automation",
            "city": "Denver",
        },
    )
    assert not any(result.matched for result in results)
