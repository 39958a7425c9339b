"""The Salesforce Lead object in the emulator: a person not yet qualified into a Contact, with the consent
fields Salesforce gives it (`HasOptedOutOfEmail`, `HasOptedOutOfFax`, `DoNotCall`: booleans, never null,
false unless set) and the conversion fields (`IsConverted` and the ids it converted into, read-only).
Shapes as Salesforce's own Lead describe; none are seeded, they come from API creates (or tests)."""

from .account import Account, FieldDef
from .seed import INDUSTRIES, LEAD_SOURCES
from .store import ObjectStore

LEAD = "leads"
SOBJECT = "Lead"
KEY_PREFIX = "00Q"
STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]
RATINGS = ["Hot", "Warm", "Cold"]
# Salesforce fills these on insert when the request leaves them out.
CREATE_DEFAULTS = {
    "HasOptedOutOfEmail": False,
    "HasOptedOutOfFax": False,
    "DoNotCall": False,
    "Status": STATUSES[0],
    "IsConverted": False,
}
HISTORY = ("leadhistory", (LEAD, "LeadHistory", "LeadId"))
ALIASES = {"lead": LEAD, "leads": LEAD}


def lead_fields(*, identity: list, audit: list, ai: list) -> list:
    read_only = {"updateable": False}
    return [
        *identity,
        FieldDef("MasterRecordId", "Master Record ID", "reference", length=18, system="master", **read_only),
        FieldDef("LastName", "Last Name", "string", nillable=False, length=80),
        FieldDef("FirstName", "First Name", "string", length=40),
        FieldDef("Name", "Full Name", "string", nillable=False, length=121, system="name", **read_only),
        FieldDef("Title", "Title", "string", length=128),
        FieldDef("Company", "Company", "string", nillable=False, length=255),
        FieldDef("Email", "Email", "email", length=80),
        FieldDef("Phone", "Phone", "phone", length=40),
        FieldDef("MobilePhone", "Mobile Phone", "phone", length=40),
        FieldDef("Website", "Website", "url", length=255),
        FieldDef("City", "City", "string", length=40),
        FieldDef("Country", "Country", "string", length=80),
        FieldDef("LeadSource", "Lead Source", "picklist", length=255, options=list(LEAD_SOURCES)),
        FieldDef(
            "Status", "Status", "picklist", nillable=False, length=255, options=STATUSES, restricted=True
        ),
        FieldDef("Industry", "Industry", "picklist", length=255, options=list(INDUSTRIES)),
        FieldDef("Rating", "Rating", "picklist", length=255, options=RATINGS),
        FieldDef("NumberOfEmployees", "Employees", "int"),
        FieldDef("HasOptedOutOfEmail", "Email Opt Out", "boolean", nillable=False),
        FieldDef("HasOptedOutOfFax", "Fax Opt Out", "boolean", nillable=False),
        FieldDef("DoNotCall", "Do Not Call", "boolean", nillable=False),
        FieldDef("IsConverted", "Converted", "boolean", nillable=False, **read_only),
        FieldDef("ConvertedDate", "Converted Date", "date", **read_only),
        FieldDef("ConvertedAccountId", "Converted Account ID", "reference", length=18, **read_only),
        FieldDef("ConvertedContactId", "Converted Contact ID", "reference", length=18, **read_only),
        FieldDef("ConvertedOpportunityId", "Converted Opportunity ID", "reference", length=18, **read_only),
        FieldDef("OwnerId", "Owner ID", "reference", nillable=False, length=18),
        *audit,
        *ai,
    ]


def lead_store_add(account: Account) -> None:
    """Accounts store the generic objects; a Salesforce org also stores leads."""
    account.objects.setdefault(LEAD, ObjectStore(LEAD))
    account.schema_changed_ms.setdefault(LEAD, 0)
