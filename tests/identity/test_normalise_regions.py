"""Normalisation gaps found by benchmarks/identity_adversarial.py (issue 13): national phone numbers of
other countries under one default region, country names in other languages, and free-mail providers."""

from identity_app import normalise_emails, normalise_places
from identity_app.attributes import build_profile
from identity_app.columns import build_profiles
from tests.identity.conftest import crm


def test_country_names_in_other_languages_give_their_code():
    assert normalise_places.country("Deutschland") == normalise_places.country("Germany") == "DE"
    assert normalise_places.country("United Arab Emirates") == "AE"
    assert normalise_places.country("Vereinigte Arabische Emirate") == "AE"
    assert normalise_places.country("Vietnam") == "VN"
    assert normalise_places.country("fr") == "FR"
    assert normalise_places.country("Atlantis") == "atlantis"
    assert normalise_places.country(None) == ""


def test_a_national_number_is_read_in_the_records_own_country():
    assert normalise_places.phone_region("Germany") == "DE"
    assert normalise_places.phone_region("", "GB") == "GB"
    assert normalise_places.phone_region("Atlantis", "US") == "US"
    row = {"first_name": "Jörg", "phone": "0151 23456789", "country": "Deutschland"}
    assert build_profile(row, region="US")["phone"] == "+4915123456789"
    # Without a country the flow's default region still applies (a US number here).
    assert build_profile({"phone": "(212) 555-0100"}, region="US")["phone"] == "+12125550100"


def test_the_column_at_a_time_profiles_read_the_country_too():
    rows = [
        {"first_name": "Jörg", "phone": "0151 23456789", "country": "Germany"},
        {"first_name": "Amal", "phone": "050 161 6260", "country": "United Arab Emirates"},
        {"first_name": "Ann", "phone": "(212) 555-0100", "country": ""},
    ]
    phones = [profile["phone"] for profile in build_profiles(rows, region="US")]
    assert phones == ["+4915123456789", "+971501616260", "+12125550100"]
    assert phones == [build_profile(row, region="US")["phone"] for row in rows]


def test_a_national_number_finds_the_crm_records_international_one(mirror, resolve):
    mirror(crm("101", firstname="Amal", lastname="Habib", phone="+971 50 161 6260", country="AE"))
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": "Amal",
            "last_name": "Habib",
            "phone": "050 161 6260",
            "country": "United Arab Emirates",
        }
    )
    assert (result.outcome, result.crm_id, result.method) == ("matched", "101", "phone")


def test_free_mail_comes_from_the_maintained_list():
    for address in ("a@gmail.com", "a@gmx.de", "a@qq.com", "a@yandex.ru", "a@web.de", "a@163.com"):
        assert normalise_emails.is_free_mail(address), address
    assert not normalise_emails.is_free_mail("a@acme.com")
    assert normalise_emails.company_domain(["jane@gmx.de", "jane@acme.co.uk"]) == "acme.co.uk"
