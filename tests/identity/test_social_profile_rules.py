"""A social-selling prospect list (Sales Navigator leads exported through a CSV tool) linked into a CRM export
(`benchmarks/identity_twentysecond.py`'s case): the profile address as the person's own identifier in any form,
the employer under "Current Company", and a full name as a profile displays it."""

import csv

import pytest
from django.core.management import call_command

from identity_app import normalise_emails
from identity_app.attributes import build_profile, field_for_column, profile_column

# -- the profile address -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "https://www.linkedin.com/in/jane-doe-1a2b3c/",
        "linkedin.com/in/jane-doe-1a2b3c",
        "www.linkedin.com/in/Jane-Doe-1A2B3C",
        "https://uk.linkedin.com/in/jane-doe-1a2b3c",
        "http://www.linkedin.com/in/jane-doe-1a2b3c?trk=public_profile_browsemap",
        "https://www.linkedin.com/in/jane-doe-1a2b3c/en",
        "https://www.linkedin.com/in/jane%2Ddoe-1a2b3c/",
        # the pre-2013 public address: /pub/<name>/<a>/<b>/<c> is /in/<name>-<c><b><a>
        "http://www.linkedin.com/pub/jane-doe/3c/a2b/1",
    ],
)
def test_a_profile_address_in_any_form_is_one_identifier(written):
    assert normalise_emails.profile_url(written) == "linkedin.com/in/jane-doe-1a2b3c"


@pytest.mark.parametrize(
    "written",
    [
        "https://www.linkedin.com/sales/lead/ACwAAA1B2C3,NAME_SEARCH,x9y8",  # another system's lead id
        "https://www.linkedin.com/company/acme/",  # a company's page
        "https://github.com/jane-doe",
        "jane-doe-1a2b3c",
        "",
    ],
)
def test_what_is_no_persons_profile_address_is_nothing(written):
    assert normalise_emails.profile_url(written) == ""


def test_a_profile_column_is_found_under_each_tools_label():
    assert profile_column(["Record ID", "First Name", "LinkedIn URL"]) == "LinkedIn URL"
    assert profile_column(["Lead ID", "Full Name", "Profile URL", "Sales Navigator URL"]) == "Profile URL"
    assert profile_column(["Name", "Person Linkedin Url"]) == "Person Linkedin Url"
    assert profile_column(["Name", "Website"]) == ""
    assert profile_column(["LinkedIn URL", "Profile URL"]) == ""  # two: which one is the person's is unsaid


def test_a_prospect_lists_current_company_is_the_company():
    assert field_for_column("Current Company") == "company_name"


# -- a profile's display name -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("Priya Patel (she/her)", "priya", "patel"),
        ("🚀 Sarah Lee (she/they) 🌟", "sarah", "lee"),
        ("Jean Picard 👨\u200d🚀", "jean", "picard"),
        ("Jennifer Lopez, MBA, CPA", "jennifer", "lopez"),
        ("Jane Doe, SHRM-CP", "jane", "doe"),
        ('Robert "Bob" Smith', "robert", "smith"),
        ("Wei Wang (王伟)", "wei", "wang"),
        ("王伟 Wei Wang", "wei", "wang"),
        ("Olga Ivanova (Ольга Иванова)", "olga", "ivanova"),
    ],
)
def test_a_display_name_is_split_without_what_is_not_the_name(written, first, last):
    profile = build_profile({"full_name": written})
    assert (profile["first_name"], profile["last_name"]) == (first, last)


@pytest.mark.parametrize(
    ("written", "last"),
    [
        ("John Smith, III", "smith iii"),  # a generation tells a father from his son: kept
        ("Ольга Иванова", "ivanova"),  # a name in one script only is the name
    ],
)
def test_what_is_part_of_the_name_stays(written, last):
    assert build_profile({"full_name": written})["last_name"] == last


# -- an offline run: the profile address links where no model does ------------------------------------------

CRM = (
    "Record ID,First Name,Last Name,Email,Company Name,City,LinkedIn URL\n"
    "101,Jane,Doe,jane.doe@initech.com,Initech Inc.,Boston,www.linkedin.com/in/jane-doe-1a2b3c/\n"
    "102,Mark,Lee,mark.lee@initech.com,Initech Inc.,Boston,https://uk.linkedin.com/in/marklee77\n"
    "103,Ana,Ruiz,ana@globex.com,Globex,Denver,linkedin.com/in/shared-desk-profile\n"
    "104,Tom,Berg,tom@globex.com,Globex,Denver,linkedin.com/in/shared-desk-profile\n"
    "105,David,Kim,dkim@umbrella.com,Umbrella Corp,Seattle,\n"
)
LEADS = (
    "Lead ID,Full Name,Current Company,Location,Profile URL\n"
    # a job change: the CRM record is at the old company, the profile address is what they share
    'L1,Jane Doe 🚀 (she/her),Globex | ex-Initech,"Denver, Colorado, United States",'
    "https://www.linkedin.com/in/jane-doe-1a2b3c\n"
    # the same address with another first name: not this person's (a reused or mistyped address)
    "L2,Maria Lee,Initech,Greater Boston,https://www.linkedin.com/in/marklee77/\n"
    # an address two CRM people of other names hold is no one's own
    "L3,Ana Ruiz,Globex,Denver Metropolitan Area,https://www.linkedin.com/in/shared-desk-profile\n"
    # a name and a company alone
    "L4,David Kim,Umbrella,Greater Seattle Area,https://www.linkedin.com/in/david-kim-9f9f9f\n"
)


def _run(tmp_path, **options) -> dict[str, tuple[str, str]]:
    (tmp_path / "leads.csv").write_text(LEADS, encoding="utf-8")
    (tmp_path / "crm.csv").write_text(CRM, encoding="utf-8")
    call_command(
        "identity_link",
        str(tmp_path / "leads.csv"),
        mirror_csv=str(tmp_path / "crm.csv"),
        provider="hubspot",
        object_name="contacts",
        kind="person",
        external_id_column="Lead ID",
        out=str(tmp_path / "results.csv"),
        progress=False,
        **options,
    )
    with (tmp_path / "results.csv").open(encoding="utf-8") as handle:
        return {row["external_id"]: (row["decision"], row["crm_id"]) for row in csv.DictReader(handle)}


def test_the_profile_address_links_its_holder_through_a_job_change(db, tmp_path):
    results = _run(tmp_path)
    assert results["L1"] == ("matched", "101")


def test_the_profile_address_does_not_link_another_name_a_shared_address_or_a_bare_name(db, tmp_path):
    results = _run(tmp_path)
    assert results["L2"][0] != "matched"
    assert results["L3"][0] != "matched"
    assert results["L4"][0] != "matched"


def test_a_profile_column_left_out_links_nothing_by_it(db, tmp_path):
    results = _run(tmp_path, attribute=["LinkedIn URL=ignore"])
    assert results["L1"][0] != "matched"
