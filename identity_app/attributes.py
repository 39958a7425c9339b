"""Which raw field feeds which comparison attribute, and the normalised profile of one record.

A profile is a plain dict with the attribute names below; the mirror stores it in `MirrorRecord` columns and
the resolver builds one for every inbound record, so both sides are normalised the same way.
"""

from identity_app import normalise

# attribute -> raw field names to try, first non-empty wins. Covers Salesforce, HubSpot and Pipedrive names
# and the canonical names themselves (inbound records usually use those).
DEFAULT_ATTRIBUTE_MAP: dict[str, list[str]] = {
    "emails": [
        "emails",
        "email",
        "Email",
        "work_email",
        "personal_email",
        "hs_additional_emails",
        "secondary_email",
    ],
    "phone": ["phone", "Phone", "phones", "mobilephone", "MobilePhone", "mobile_phone"],
    "first_name": ["first_name", "firstname", "FirstName"],
    "last_name": ["last_name", "lastname", "LastName"],
    "full_name": ["full_name", "name", "Name"],
    "company_name": ["company_name", "company", "Company", "org_name", "account_name", "AccountName"],
    "company_id": ["company_id", "AccountId", "associatedcompanyid", "org_id"],
    "street": ["street", "address", "MailingStreet", "Street"],
    "city": ["city", "MailingCity", "City"],
    "postcode": ["postcode", "zip", "postal_code", "MailingPostalCode", "PostalCode"],
    "state": ["state", "MailingState", "State"],
    "country": ["country", "MailingCountry", "Country"],
    "date_of_birth": ["date_of_birth", "Birthdate", "birthdate", "dob"],
}
# Every email field is read (a record may have a work and a personal address), not just the first.
MULTI_VALUE_ATTRIBUTES = frozenset({"emails"})

TEXT_ATTRIBUTES = (
    "email_domain",
    "phone",
    "first_name",
    "last_name",
    "company_name",
    "company_id",
    "street",
    "city",
    "postcode",
    "state",
    "country",
)
PROFILE_ATTRIBUTES = ("emails", *TEXT_ATTRIBUTES, "date_of_birth", "external_ids", "extra")
DISPLAY_ATTRIBUTES = ("emails", "phone", "first_name", "last_name", "full_name", "company_name", "city")

_NORMALISERS = {
    "first_name": normalise.name,
    "last_name": normalise.name,
    "company_name": normalise.company_name,
    "company_id": normalise.identifier,
    "street": normalise.street,
    "city": normalise.plain,
    "postcode": normalise.postcode,
    "state": normalise.plain,
    "country": normalise.country,
}


def _unwrap(value):
    """Pipedrive-style [{"value": ..., "primary": true}] and {"value": 5} shapes become plain values."""
    if isinstance(value, dict):
        return value.get("value", value.get("id"))
    if isinstance(value, (list, tuple)):
        return [_unwrap(item) for item in value]
    return value


def _first(values: dict, names: list[str]):
    for field in names:
        value = values.get(field)
        if value is None or value == "":
            continue
        if type(value) is str:  # the common case, without the unwrapping below
            return value
        value = _unwrap(value)
        if isinstance(value, list):
            value = next((item for item in value if item not in (None, "")), None)
        if value not in (None, ""):
            return value
    return None


def _all_emails(values: dict, names: list[str]) -> list[str]:
    found: list[str] = []
    for field in names:
        value = values.get(field)
        if value is None:
            continue
        for address in normalise.emails(_unwrap(value)):
            if address not in found:
                found.append(address)
    return found


def merged_attribute_map(extra: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    attribute_map = {attribute: list(fields) for attribute, fields in DEFAULT_ATTRIBUTE_MAP.items()}
    for attribute, fields in (extra or {}).items():
        names = [fields] if isinstance(fields, str) else list(fields)
        if attribute not in names:
            names.append(attribute)  # inbound records name the attribute itself
        attribute_map[attribute] = [*names, *(f for f in attribute_map.get(attribute, []) if f not in names)]
    return attribute_map


def build_profile(
    values: dict,
    *,
    attribute_map: dict[str, list[str]] | None = None,
    external_id_fields: list[str] = (),
    region: str = "US",
) -> dict:
    """Normalise raw values into a profile. Attributes outside the default set go to `extra`."""
    attribute_map = attribute_map or DEFAULT_ATTRIBUTE_MAP
    emails = _all_emails(values, attribute_map.get("emails", []))
    profile = {
        "emails": emails,
        "email_domain": normalise.company_domain(emails),
        "phone": normalise.phone(str(_first(values, attribute_map.get("phone", [])) or ""), region),
        "date_of_birth": normalise.date(_first(values, attribute_map.get("date_of_birth", []))),
    }
    for attribute, normaliser in _NORMALISERS.items():
        profile[attribute] = normaliser(_first(values, attribute_map.get(attribute, [])))
    if not profile["first_name"] and not profile["last_name"]:
        _split_full_name(profile, _first(values, attribute_map.get("full_name", [])))
    nested_ids = values.get("external_ids") if isinstance(values.get("external_ids"), dict) else {}
    profile["external_ids"] = {
        field: normalise.identifier(value)
        for field in external_id_fields
        if (value := nested_ids.get(field, values.get(field))) not in (None, "")
    }
    profile["extra"] = {
        attribute: normalise.plain(_first(values, fields))
        for attribute, fields in attribute_map.items()
        if attribute not in DEFAULT_ATTRIBUTE_MAP and _first(values, fields) not in (None, "")
    }
    return profile


def _split_full_name(profile: dict, full_name) -> None:
    words = normalise.name(full_name).split()
    if len(words) >= 2:
        profile["first_name"], profile["last_name"] = words[0], " ".join(words[1:])
    elif words:
        profile["last_name"] = words[0]


def display_values(values: dict, attribute_map: dict[str, list[str]] | None = None) -> dict:
    """Raw values of the identifying fields, as a reviewer should see them."""
    attribute_map = attribute_map or DEFAULT_ATTRIBUTE_MAP
    shown = {}
    for attribute in DISPLAY_ATTRIBUTES:
        value = _first(values, attribute_map.get(attribute, []))
        if value not in (None, ""):
            shown[attribute] = str(value)[:200]
    return shown
