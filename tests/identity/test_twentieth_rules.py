"""Rules found by the twentieth generator (a sales-intelligence vendor's people export against a HubSpot
contacts export): the vendor's direct dial is the person's phone, and a record whose only numbers the CRM holds
are a company's switchboard agrees on nothing personal through them."""

from identity_app import attributes
from identity_app.mirror import RecordRef
from identity_app.models import IdentifierKind
from identity_app.resolver import Inbound, Resolver


def test_a_vendors_direct_dial_is_read_as_the_persons_phone():
    renames = attributes.recognised_columns(
        ["Full Name", "Email Address", "Direct Phone Number", "Mobile phone", "Company HQ Phone"]
    )
    assert renames["Direct Phone Number"] == "phone"
    assert renames["Company HQ Phone"] not in ("", "phone")  # another phone field, read after the direct dial
    assert (
        attributes.recognised_columns(["Work Direct Phone", "Corporate Phone"])["Work Direct Phone"]
        == "phone"
    )
    assert attributes.recognised_columns(["Direct Dial"]) == {"Direct Dial": "phone"}


def _refs(*crm_ids):
    return [RecordRef(n, crm_id, False, "") for n, crm_id in enumerate(crm_ids)]


def test_a_switchboard_is_shared_even_behind_a_direct_dial_no_crm_record_holds():
    """The record's first number is a direct dial the CRM does not have; its second, the company's switchboard,
    is on three CRM records: the only number that can agree is the switchboard, which is what colleagues share."""
    direct, switchboard = "+14156620187", "+13122031003"
    item = Inbound(
        raw={},
        source_system="file",
        external_id="tina",
        crm_id="",
        profile={"phone": direct, "phones": [direct, switchboard]},
    )
    hits = {(IdentifierKind.PHONE, switchboard): _refs("a", "b", "c")}
    assert Resolver._phone_shared(item, hits)
    # the direct dial on one CRM record is personal: agreeing on it is not what colleagues share
    hits[(IdentifierKind.PHONE, direct)] = _refs("d")
    assert not Resolver._phone_shared(item, hits)
    # a lone number nobody else holds is no switchboard either
    assert not Resolver._phone_shared(item, {(IdentifierKind.PHONE, switchboard): _refs("a")})
