"""The schema catalog can be filled from YAML before a connector discovers it."""

import pytest

from crmhub.core.errors import ApplicationError
from mappings_app.models import CrmField
from mappings_app.schema_yaml import schema_import_yaml

SCHEMA = """
objects:
  - name: contacts
    label: Contacts
    fields:
      - {name: email, type: email}
      - {name: ai_segment, type: picklist, options: [smb, enterprise]}
      - {name: hs_object_id, type: string, writable: false}
"""


def test_schema_yaml_creates_then_updates_objects_and_fields(connection):
    assert schema_import_yaml(connection=connection, text=SCHEMA) == (1, 3)
    segment = CrmField.objects.get(crm_object__connection=connection, name="ai_segment")
    assert segment.picklist_options == ["smb", "enterprise"]
    assert not CrmField.objects.get(name="hs_object_id").writable

    schema_import_yaml(
        connection=connection, text=SCHEMA.replace("[smb, enterprise]", "[smb, mid, enterprise]")
    )
    segment.refresh_from_db()
    assert segment.picklist_options == ["smb", "mid", "enterprise"]
    assert CrmField.objects.filter(crm_object__connection=connection).count() == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("objects: [", "not valid YAML"),
        ("fields: []", "needs an 'objects' list"),
        ("objects:\n  - {name: contacts, fields: [{name: x, type: money}]}", "unknown type 'money'"),
        (
            "objects:\n  - {name: contacts, fields: [{name: x, type: string, colour: red}]}",
            "unknown keys colour",
        ),
    ],
)
def test_bad_schema_yaml_is_refused_and_writes_nothing(connection, text, message):
    with pytest.raises(ApplicationError, match=message):
        schema_import_yaml(connection=connection, text=text)
    assert not CrmField.objects.filter(crm_object__connection=connection).exists()
