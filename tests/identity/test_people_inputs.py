# ruff: noqa: RUF001 - native scripts and letters without a decomposition are what these tests are about
"""People's names in other scripts and letters, and email addresses typed into name columns (issue 13)."""

import pytest

from identity_app import columns, normalise_emails, normalise_names
from identity_app.attributes import build_profile
from identity_app.models import KeyName
from tests.identity.conftest import crm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "romanised"),
    [
        ("Ольга Попова", "olga popova"),
        ("Γιώργος Νικολάου", "giorgos nikolaoy"),
        ("Bjørn Sæther", "bjorn saether"),
        ("Işık Yılmaz", "isik yilmaz"),
        ("Łukasz Wróbel", "lukasz wrobel"),
        ("Dr. José O'Neil", "jose oneil"),
    ],
)
def test_names_in_other_scripts_and_letters_are_compared_in_latin_letters(written, romanised):
    assert normalise_names.name(written) == romanised


def test_a_name_with_an_address_beside_it_keeps_only_the_name():
    assert normalise_names.name("Isla Bramwell <isla@beaconmedia.co.uk>") == "isla bramwell"
    assert normalise_names.name("isla@beaconmedia.co.uk") == ""


@pytest.mark.parametrize(
    "row",
    [
        {"first_name": "bramwell.isla@beaconmedia.co.uk", "last_name": "", "company": "Beacon Media"},
        {"name": "Isla Bramwell <bramwell.isla@BeaconMedia.co.uk>", "company": "Beacon Media"},
    ],
)
def test_an_email_typed_into_a_name_column_is_the_records_email(row):
    profile = build_profile(row)
    assert profile["emails"] == ["bramwell.isla@beaconmedia.co.uk"]
    assert profile["email_domain"] == "beaconmedia.co.uk"
    assert columns.build_profiles([row]) == [profile]  # the column-at-a-time path agrees


def test_an_email_in_the_name_column_does_not_add_to_a_record_that_has_it_already():
    row = {"first_name": "jane@acme.com", "email": "JANE@acme.com"}
    assert build_profile(row)["emails"] == ["jane@acme.com"]


def test_a_crm_record_in_cyrillic_links_by_its_email_to_the_romanised_lead(mirror, resolve):
    """Its name in Cyrillic used to 'clearly differ' from Olga Popova's and contradict the email."""
    mirror(
        crm("ru1", Name="Ольга Попова", email="popova.olga@falconenergy.ru", company="Falcon Energy"),
        crm("ru2", Name="Ирина Смирнова", email="i.smirnova@falconenergy.ru", company="Falcon Energy"),
    )
    [resolution] = resolve(
        {
            "external_id": "1",
            "first_name": "Olga",
            "last_name": "Popova",
            "email": "popova.olga@falconenergy.ru",
        }
    )
    assert resolution.matched and resolution.crm_id == "ru1" and resolution.method == KeyName.EMAIL


def test_an_email_key_in_the_name_column_links(mirror, resolve):
    mirror(
        crm("c1", first_name="Isla", last_name="Bramwell", email="bramwell.isla@beaconmedia.co.uk"),
        crm("c2", first_name="Isla", last_name="Brown", email="isla.brown@beaconmedia.co.uk"),
    )
    [resolution] = resolve(
        {"external_id": "2", "first_name": "bramwell.isla@beaconmedia.co.uk", "company": "Beacon Media"}
    )
    assert resolution.matched and resolution.crm_id == "c1" and resolution.method == KeyName.EMAIL


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("jane.doe@gmial.com", "janedoe@gmail.com"),
        ("jane.doe@gmail.con", "janedoe@gmail.com"),
        ("jane.doe@hotmial.com", "jane.doe@hotmail.com"),
        ("jane.doe@outllook.com", "jane.doe@outlook.com"),
    ],
)
def test_a_one_slip_typo_of_a_major_mail_provider_is_that_provider(typed, meant):
    assert normalise_emails.email(typed) == meant


@pytest.mark.parametrize(
    "address",
    [
        "jane@mail.com",  # a provider of its own, one slip from gmail.com
        "jane@ymail.com",
        "jane@email.com",
        "jane@aod.com",  # one slip from aol.com: as likely another real domain
        "jane@live.co",
        "jane@acme.com",
    ],
)
def test_real_domains_near_a_provider_are_left_alone(address):
    assert normalise_emails.email(address) == address


def test_a_phone_column_with_an_unreadable_number_does_not_hide_the_next_one():
    row = {"phone": "07400 881235", "mobilephone": "+44 7400 881235", "first_name": "Ann"}
    profile = build_profile(row)  # a British national number is no number in the default region (US)
    assert profile["phone"] == "+447400881235"
    assert columns.build_profiles([row]) == [profile]


def test_a_typo_of_gmail_links_by_the_email_key(mirror, resolve):
    mirror(
        crm("g1", first_name="Amanda", last_name="Yates", email="amanda.yates2563@gmail.com"),
        crm("g2", first_name="Amanda", last_name="Young", email="amanda.young@gmail.com"),
    )
    [resolution] = resolve(
        {
            "external_id": "3",
            "first_name": "Amanda",
            "last_name": "Yates",
            "email": "amanda.yates2563@gmial.com",
        }
    )
    assert resolution.matched and resolution.crm_id == "g1" and resolution.method == KeyName.EMAIL
