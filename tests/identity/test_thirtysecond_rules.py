"""An applicant-tracking system's candidates export linked into a recruiting firm's CRM
(`benchmarks/identity_thirtysecond.py`'s case): the candidate's social-media column read as their profile, a
hiring team's inboxes as role addresses, a profile address as a key where the fitted score is low, and an
agency's mailbox and number beside the candidate's own profile. None of these tests reads an outside file."""

import pytest

from identity_app import normalise_emails, services
from identity_app.attributes import profile_column
from tests.identity.conftest import crm, filler_records

# -- the social-media column ---------------------------------------------------------------------------------


def test_an_applicant_tracking_systems_social_media_column_is_the_profile_column():
    labels = ["Candidate ID", "First Name", "Email", "Social Media", "Website", "Source"]
    assert profile_column(labels) == "Social Media"  # Greenhouse
    assert profile_column(["Contact ID", "Name", "Links", "Resume"]) == "Links"  # Lever
    assert profile_column(["Name", "Social Profiles"]) == "Social Profiles"
    assert profile_column(["Name", "Website"]) == ""  # a website is not a person's profile by its label


@pytest.mark.parametrize(
    "written",
    [
        "https://uk.linkedin.com/in/jane-doe-1a2b3c, https://github.com/janedoe",
        "https://github.com/janedoe; linkedin.com/in/Jane-Doe-1a2b3c/",
        "https://twitter.com/jd | https://www.linkedin.com/in/jane-doe-1a2b3c?originalSubdomain=uk",
        "https://www.linkedin.com/in/jane-doe-1a2b3c/\nhttps://janedoe.dev",
        # the same profile twice is one
        "linkedin.com/in/jane-doe-1a2b3c https://www.linkedin.com/in/jane-doe-1a2b3c/",
    ],
)
def test_a_cell_of_several_sites_gives_its_one_profile(written):
    assert normalise_emails.profile_url(written) == "linkedin.com/in/jane-doe-1a2b3c"


@pytest.mark.parametrize(
    "written",
    [
        # two people's profiles (a referrer's beside the candidate's): which is the candidate's is unsaid
        "https://www.linkedin.com/in/jane-doe-1a2b3c, https://www.linkedin.com/in/john-roe-9f8e7d",
        "https://github.com/janedoe, https://janedoe.dev",
    ],
)
def test_a_cell_of_several_sites_without_one_profile_gives_none(written):
    assert normalise_emails.profile_url(written) == ""


# -- a hiring team's inbox ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "hiring@ironbridgecapital.io",
        "recruit@acme.com",
        "recruiters@acme.com",
        "talentacquisition@acme.com",
        "resumes@acme.com",
        "applications@acme.com",
        "joinus@acme.com",
        "workwithus@acme.com",
    ],
)
def test_a_hiring_teams_inbox_is_a_role_address(address):
    """An applicant-tracking system records the inbox that forwarded a CV as the candidate's address, and the
    CRM holds it on whoever ran the team: it is the team's, never a key of either."""
    assert normalise_emails.is_role_address(address)
    assert not normalise_emails.is_key_email(address)


def test_a_persons_own_address_is_no_hiring_inbox():
    assert not normalise_emails.is_role_address("smith@acme.com")
    assert not normalise_emails.is_role_address("joan.hiring@acme.com")


def test_a_successor_on_the_teams_inbox_is_not_linked_to_the_team_record(enabled, mirror, resolve):
    mirror(
        crm(
            "c1",
            firstname="",
            lastname="Talent Acquisition",
            email="hiring@ironbridge.io",
            company="Ironbridge",
        ),
        *filler_records(),
    )
    [result] = resolve(
        {
            "external_id": "e1",
            "first_name": "Laura",
            "last_name": "Osei",
            "email": "hiring@ironbridge.io",
            "company": "Ironbridge",
        }
    )
    assert result.crm_id == "" and result.outcome != "matched"


# -- a profile address where the fitted score is low -----------------------------------------------------------


def with_profile(rules):
    """A LinkedIn column typed as a profile and blocked on, as the offline run does for a profile column, with a
    weight a file of few profiles fits: agreeing alone does not carry a link over the threshold."""
    rules.mirror_fields = {"linkedin": ["linkedin"]}
    rules.attribute_types = {"linkedin": "profile"}
    rules.comparisons = [
        *rules.comparisons,
        {"attribute": "extra.linkedin", "method": "exact", "m": [0.3, 0.7], "u": [0.01, 0.99]},
    ]
    rules.blocking_rules = [*rules.blocking_rules, ["extra.linkedin"]]
    assert services.identity_rules_problems(rules) == []
    rules.save()
    return rules


RACHEL = {
    "firstname": "Rachel",
    "lastname": "Whitmore",
    "email": "rachel.whitmore@nimbuslabs.com",
    "company": "Nimbus Labs",
    "linkedin": "https://www.linkedin.com/in/rachel-whitmore-fff0c758",
}


def applicant(**values):
    record = {
        "external_id": "e1",
        "first_name": "Rachel",
        "last_name": "Whitmore",
        "email": "rwhitmore@protonmail.com",
        "company": "Thistle Robotics",
        "linkedin": "http://uk.linkedin.com/in/Rachel-Whitmore-fff0c758/",
    }
    return {**record, **values}


def test_a_profile_and_the_names_link_through_a_job_change(enabled, mirror, resolve):
    with_profile(enabled)
    mirror(crm("c1", **RACHEL), *filler_records())
    [result] = resolve(applicant(), explain=True)
    assert (result.outcome, result.crm_id, result.method) == ("matched", "c1", "identifier")
    assert result.probability < enabled.auto_link_threshold  # the score alone would not have linked it


@pytest.mark.parametrize(
    "changes",
    [
        {"first_name": "Maria"},  # the profile pasted on another person's application
        {"first_name": "Rachel", "last_name": "Okafor"},
        {"linkedin": "https://www.linkedin.com/in/rachel-whitmore-0a1b2c"},  # a namesake's own profile
    ],
)
def test_a_profile_under_other_names_or_another_profile_does_not_link(enabled, mirror, resolve, changes):
    with_profile(enabled)
    mirror(crm("c1", **RACHEL), *filler_records())
    [result] = resolve(applicant(**changes))
    assert result.crm_id == "" and result.outcome != "matched"


def test_a_profile_two_crm_people_hold_is_no_key(enabled, mirror, resolve):
    with_profile(enabled)
    mirror(
        crm("c1", **RACHEL),
        crm("c2", **{**RACHEL, "firstname": "Tom", "lastname": "Berg", "email": "tom@nimbuslabs.com"}),
        *filler_records(),
    )
    [result] = resolve(applicant())
    assert result.crm_id == "" and result.outcome != "matched"


# -- an agency's mailbox and number beside the candidate's own profile ------------------------------------------


def test_an_agencys_mailbox_and_number_do_not_hide_the_candidates_own_profile(enabled, mirror, resolve):
    """An agency submits the candidate with its recruiter's own address and mobile, which the CRM holds on the
    recruiter: the candidate's record differs on both, but their profile agrees, which is their own."""
    with_profile(enabled)
    mirror(
        crm("c1", **RACHEL, mobilephone="+34 616 25 88 28"),
        crm(
            "c2",
            firstname="Owen",
            lastname="Vaughan",
            email="owen@bluefinexec.co.uk",
            mobilephone="+447402529575",
        ),
        *filler_records(),
    )
    [result] = resolve(applicant(email="owen@bluefinexec.co.uk", phone="+44 7402 529575"), explain=True)
    assert (result.outcome, result.crm_id) == ("matched", "c1")


def test_an_agencys_mailbox_and_number_without_the_profile_link_nothing(enabled, mirror, resolve):
    with_profile(enabled)
    mirror(
        crm("c1", **RACHEL, mobilephone="+34 616 25 88 28"),
        crm(
            "c2",
            firstname="Owen",
            lastname="Vaughan",
            email="owen@bluefinexec.co.uk",
            mobilephone="+447402529575",
        ),
        *filler_records(),
    )
    [result] = resolve(applicant(email="owen@bluefinexec.co.uk", phone="+44 7402 529575", linkedin=""))
    assert result.crm_id == "" and result.outcome != "matched"
