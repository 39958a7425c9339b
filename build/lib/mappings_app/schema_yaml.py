"""Schema catalog from YAML, for CRMs not yet discovered through a connector (and for the demo).

    objects:
      - name: contacts
        label: Contacts
        fields:
          - {name: email, type: email}
          - {name: ai_segment, type: picklist, options: [smb, mid_market, enterprise]}

Objects and fields are created or updated; nothing is deleted (a vanished field is discovery's business).
"""

import yaml
from django.db import transaction

from crmhub.core.errors import ApplicationError
from mappings_app.models import CrmField, CrmObject, FieldType
from mappings_app.yaml_loader import YamlTooLarge, bounded_yaml_load

FIELD_KEYS = {"name", "label", "type", "options", "external_options", "writable", "nillable", "max_length"}


def _field_defaults(entry: dict, where: str) -> dict:
    unknown = set(entry) - FIELD_KEYS
    if unknown:
        raise ApplicationError(f"{where}: unknown keys {', '.join(sorted(unknown))}.")
    if entry.get("type") not in FieldType.values:
        raise ApplicationError(
            f"{where}: unknown type {entry.get('type')!r}; one of {', '.join(FieldType.values)}."
        )
    return {
        "label": str(entry.get("label") or entry["name"]),
        "field_type": entry["type"],
        "picklist_options": [str(option) for option in entry.get("options") or []],
        "external_options": bool(entry.get("external_options", False)),
        "writable": bool(entry.get("writable", True)),
        "nillable": bool(entry.get("nillable", True)),
        "max_length": entry.get("max_length"),
        "is_deleted": False,
    }


@transaction.atomic
def schema_import_yaml(*, connection, text: str) -> tuple[int, int]:
    """Create or update the connection's objects and fields; returns (objects, fields) touched."""
    try:
        document = bounded_yaml_load(text)
    except YamlTooLarge as exc:
        raise ApplicationError(str(exc)) from exc
    except yaml.YAMLError as exc:
        raise ApplicationError(f"The schema file is not valid YAML: {exc}") from exc
    objects = (document or {}).get("objects") if isinstance(document, dict) else None
    if not isinstance(objects, list):
        raise ApplicationError("The schema file needs an 'objects' list.")
    field_count = 0
    for position, entry in enumerate(objects, start=1):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise ApplicationError(f"Object entry {position} needs a name.")
        crm_object, _ = CrmObject.objects.update_or_create(
            connection=connection, name=entry["name"], defaults={"label": entry.get("label", entry["name"])}
        )
        for field_entry in entry.get("fields") or []:
            if not isinstance(field_entry, dict) or not field_entry.get("name"):
                raise ApplicationError(f"A field of {entry['name']} needs a name.")
            where = f"{entry['name']}.{field_entry['name']}"
            CrmField.objects.update_or_create(
                crm_object=crm_object, name=field_entry["name"], defaults=_field_defaults(field_entry, where)
            )
            field_count += 1
    return len(objects), field_count
