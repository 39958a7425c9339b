"""A record's lineage in a CDP destination: the traits it was sent (as the CDP merged them), each traced to its
CRM field, the id the CDP knows it by, the last messages and run; a suppressed person shows the flag and why.
Checked against what the CDP emulator itself stored from the hub's deliveries."""

from crmhub.exports import lineage
from crmhub.exports.cdp_delivery import SUPPRESSION_TRAIT
from crmhub.models import CrmConnection
from tests.exports.test_cdp_reconciliation import cdp_world  # noqa: F401 - the fixture


def _explain(destination, crm_id):
    connection = CrmConnection.objects.get(name="acme-hubspot")
    return lineage.record_lineage(
        destination=destination, connection=connection, object_name="contacts", crm_id=crm_id
    )


def test_a_delivered_persons_traits_are_the_cdps_and_each_names_its_crm_field(cdp_world):  # noqa: F811
    source, destination, ids = cdp_world
    found = _explain(destination, ids[1])
    assert found.in_destination and found.subject and found.last_run is not None
    assert "identify" in found.last_messages
    stored = source.profiles[found.subject]
    traits = {item["column"]: item for item in found.values}
    assert traits["email"]["value"] == stored["email"] and traits["email"]["field"] == "email"
    assert traits["email"]["data_class"] == "contact_personal"
    assert traits["lifecycle_stage"]["value"] == stored["lifecycle_stage"]
    assert traits["lifecycle_stage"]["field"] == "lifecyclestage"
    assert (
        traits[SUPPRESSION_TRAIT]["value"] is False and traits[SUPPRESSION_TRAIT]["label"] == "set by the hub"
    )


def test_a_withdrawn_persons_lineage_says_suppressed_and_keeps_what_was_sent_before(cdp_world):  # noqa: F811
    source, destination, ids = cdp_world
    found = _explain(destination, ids[0])
    assert found.in_destination
    assert any("Suppressed" in reason for reason in found.reasons)
    assert any("email_marketing is opt_out" in reason for reason in found.reasons)
    traits = {item["column"]: item["value"] for item in found.values}
    assert traits[SUPPRESSION_TRAIT] is True
    assert source.profiles[found.subject][SUPPRESSION_TRAIT] is True
    assert any(label.startswith("track: Email Consent Withdrawn") for label in found.last_messages)


def test_a_record_never_sent_says_so(cdp_world, client):  # noqa: F811
    _source, destination, _ids = cdp_world
    found = _explain(destination, "no-such-contact")
    assert not found.in_destination
    assert any("Never delivered" in reason for reason in found.reasons)
