"""One rule set for schema drift (mappings_app/drift.py), whoever looks: the sync cycle and the write-back path
call the same rules, so a lost picklist option is drift for both."""

import pytest

from crmhub.connectors.base import FieldSchema
from mappings_app.drift import field_drift_reason
from mappings_app.models import CrmField


def catalog_field(field_type="picklist", options=("hot", "warm", "cold"), external=False) -> CrmField:
    return CrmField(
        name="segment", field_type=field_type, picklist_options=list(options), external_options=external
    )


def reported(field_type="picklist", options=("hot", "warm", "cold")) -> FieldSchema:
    return FieldSchema(name="segment", label="Segment", field_type=field_type, picklist_options=list(options))


@pytest.mark.parametrize(
    ("field", "now", "expected"),
    [
        (catalog_field(), None, "contacts.segment no longer exists in the CRM."),
        (
            catalog_field(),
            reported("string"),
            "contacts.segment changed type in the CRM from picklist to string.",
        ),
        (catalog_field(), reported(options=("hot",)), "contacts.segment lost picklist options: cold, warm."),
        (
            catalog_field("multipicklist"),
            reported("multipicklist", ("hot", "cold")),
            "contacts.segment lost picklist options: warm.",
        ),
    ],
)
def test_a_field_that_is_gone_retyped_or_lost_options_drifted(field, now, expected):
    assert field_drift_reason(field=field, reported=now, object_name="contacts") == expected


@pytest.mark.parametrize(
    ("field", "now"),
    [
        (catalog_field(), reported(options=("hot", "warm", "cold", "new"))),  # an added option is no drift
        (catalog_field(external=True), reported(options=())),  # owners, stages: options live elsewhere
        (catalog_field("string", ()), reported("string", ())),
    ],
)
def test_added_options_and_external_option_lists_are_not_drift(field, now):
    assert field_drift_reason(field=field, reported=now, object_name="contacts") == ""
