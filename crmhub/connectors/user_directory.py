"""The CRM's users (HubSpot owners, Salesforce User, Pipedrive users) as an object of the catalog, so that a
warehouse can receive them under the same outbound mappings, data classes and change requests as contacts,
and a record's owner field can point at them.

None of the three has a properties/fields API for its users that fits the record objects' (HubSpot owners have
no properties, Pipedrive has no userFields; Salesforce's User describe lists hundreds of setup fields): each
connector names the fields its users API returns, in the CRM's own spelling, and reads the whole list (a few
hundred users at most: one or a few calls).
"""

from __future__ import annotations

from datetime import UTC, datetime

from crmhub.connectors.base import FieldSchema, ObjectSchema
from crmhub.connectors.field_types import FieldType

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# The catalog object of each CRM's users, and the field of each record object that names its owner (a user).
USERS_OBJECT = {"hubspot": "owners", "salesforce": "User", "pipedrive": "users"}
OWNER_FIELDS = {
    "hubspot": ("hubspot_owner_id",),
    "salesforce": ("OwnerId",),
    "pipedrive": ("owner_id", "user_id"),
}


def users_schema(object_name: str, label: str, fields: tuple[tuple[str, str, str], ...]) -> ObjectSchema:
    """An object schema for a users API: (name, label, field type) per field, none writable."""
    return ObjectSchema(
        name=object_name,
        label=label,
        fields=[
            FieldSchema(name=name, label=field_label, field_type=field_type, writable=False)
            for name, field_label, field_type in fields
        ],
        provider_metadata={"users_api": True},
    )


def is_owner_field(provider: str, field_name: str) -> bool:
    return field_name in OWNER_FIELDS.get(provider, ())


def users_object(provider: str) -> str:
    return USERS_OBJECT.get(provider, "")


STRING, EMAIL, BOOLEAN, DATETIME, INTEGER = (
    FieldType.STRING.value,
    FieldType.EMAIL.value,
    FieldType.BOOLEAN.value,
    FieldType.DATETIME.value,
    FieldType.INTEGER.value,
)
