"""Rules found by the twenty-fourth generator (a SaaS product's users, product-led growth, against HubSpot
contacts): people sign up from a personal address inside their employer's workspace, whose verified domain
says where they work, and a product's member list shortens names to "Ulla V."."""

import pytest

from identity_app import attributes, columns, key_checks
from tests.identity.conftest import crm, filler_records


@pytest.mark.parametrize("label", ["workspace_domain", "SSO Domain", "verified_domain", "Org Domain"])
def test_a_workspace_or_sso_domain_column_is_read_as_the_companys_domain(label):
    assert attributes.field_for_column(label) == "domain"


def test_a_personal_address_signup_takes_its_employer_domain_from_the_workspace():
    row = {"email": "nadia.becker@gmail.com", "name": "Nadia Becker", "domain": "kestrelpay.io"}
    assert attributes.build_profile(row)["email_domain"] == "kestrelpay.io"
    # the column way gives the same profile as the record way
    assert columns.build_profiles([row])[0]["email_domain"] == "kestrelpay.io"
    # a work address says the employer itself; a free-mail or platform domain says nothing
    work = {**row, "email": "nadia@kestrel-payments.com"}
    assert attributes.build_profile(work)["email_domain"] == "kestrel-payments.com"
    assert attributes.build_profile({**row, "domain": "gmail.com"})["email_domain"] == ""
    assert attributes.build_profile({**row, "domain": "facebook.com/kestrel"})["email_domain"] == ""


def test_a_surname_written_as_the_holders_initial_is_not_another_surname():
    holder = {"first_name": "ulla", "last_name": "valdez"}
    shortened = {"first_name": "ulla", "last_name": "v"}
    assert not key_checks.surname_changed_on_impersonal_mailbox(shortened, holder, "ulla@driftwood.io", 0.75)
    # another initial, or a whole other surname, is still someone else on a first-name mailbox
    for last in ("w", "vogel"):
        other = {**shortened, "last_name": last}
        assert key_checks.surname_changed_on_impersonal_mailbox(other, holder, "ulla@driftwood.io", 0.75)


@pytest.fixture
def workspace(mirror, rules):
    rules.probabilistic_enabled = True
    rules.save()
    ulla = crm(
        "701", firstname="Ulla", lastname="Valdez", email="ulla@driftwood.io", company="Driftwood Inc."
    )
    mirror(ulla, *filler_records())


def test_a_member_list_name_with_the_surnames_initial_links_on_her_first_name_mailbox(workspace, resolve):
    [result] = resolve({"external_id": "usr-1", "name": "Ulla V.", "email": "ulla@driftwood.io"})
    assert (result.outcome, result.crm_id) == ("matched", "701")


def test_a_successor_of_the_same_first_name_on_a_first_name_mailbox_is_not_linked(workspace, resolve):
    [result] = resolve({"external_id": "usr-2", "name": "Ulla W.", "email": "ulla@driftwood.io"})
    assert not result.matched


def test_a_company_domain_beside_the_company_name_is_not_counted_again_as_the_employers_mailbox_domain():
    row = {
        "email": "sales@summitcapital.co.uk",
        "company": "Summit Capital",
        "website": "summitcapital.co.uk",
    }
    assert attributes.build_profile(row)["email_domain"] == ""
    assert columns.build_profiles([row])[0]["email_domain"] == ""


def test_a_teams_shared_login_takes_no_employer_domain_from_its_workspace():
    row = {"email": "ops@kestrelpay.io", "name": "Ops Team", "domain": "kestrelpay.io"}
    assert attributes.build_profile(row)["email_domain"] == ""
    assert columns.build_profiles([row])[0]["email_domain"] == ""
