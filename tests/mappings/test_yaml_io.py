"""Mapping-as-code: the catalog goes out as YAML and comes back as a change request, never applied."""

import textwrap

import pytest
import yaml

from crmhub.core.errors import ApplicationError
from mappings_app import services
from mappings_app.catalog import catalog_snapshot, empty_snapshot
from mappings_app.models import ChangeOrigin, ChangeRequest, ChangeStatus
from mappings_app.yaml_io import catalog_export_yaml, catalog_import_yaml, snapshot_from_yaml

CATALOG_YAML = textwrap.dedent(
    """\
    # Lead scorer catalog, hand-written
    connection: acme-hubspot
    mappings:
      - source_key: employees          # the scorer's headcount
        source_system: lead_scorer
        object: contacts
        field: num_employees
        source_type: integer
      - source_system: lead_scorer
        source_key: fit
        object: contacts
        field: is_target_account
        source_type: boolean
    ownership:
      - {object: contacts, field: num_employees, owner: ai_owned}
      - object: contacts
        field: is_target_account
        owner: hybrid
        conflict_policy: flag
    """
)


def import_and_apply(connection, admin, approver, text: str) -> ChangeRequest:
    change = catalog_import_yaml(connection=connection, author=admin, text=text)
    services.change_request_submit(change=change, actor=admin)
    services.change_request_approve(change=change, approver=approver)
    services.change_request_apply(change=change, actor=approver)
    return change


def test_export_lists_the_active_catalog(catalog_v1, connection):
    connection.refresh_from_db()
    document = yaml.safe_load(catalog_export_yaml(connection=connection))
    assert document["format"] == 1
    assert document["connection"] == "acme-hubspot"
    assert document["catalog_version"] == 1
    assert {entry["field"] for entry in document["ownership"]} == {
        "ai_lead_score",
        "ai_lead_score_updated_at",
        "ai_segment",
        "lifecyclestage",
    }
    score = next(entry for entry in document["mappings"] if entry["source_key"] == "score")
    assert score["transform_params"] == {"digits": 1}
    assert score["timestamp_field"] == "ai_lead_score_updated_at"


def test_importing_the_export_creates_a_request_with_no_items(catalog_v1, connection, admin):
    text = catalog_export_yaml(connection=connection)
    change = catalog_import_yaml(connection=connection, author=admin, text=text)
    assert change.status == ChangeStatus.DRAFT
    assert change.origin == ChangeOrigin.YAML
    assert change.items.count() == 0


def test_import_then_apply_then_export_gives_back_the_imported_catalog(
    connection, contact_fields, admin, approver
):
    change = import_and_apply(connection, admin, approver, CATALOG_YAML)
    assert change.items.count() == 4

    exported = yaml.safe_load(catalog_export_yaml(connection=connection))
    assert snapshot_from_yaml(yaml.safe_dump(exported), connection=connection) == snapshot_from_yaml(
        CATALOG_YAML, connection=connection
    )
    assert catalog_snapshot(connection) == snapshot_from_yaml(CATALOG_YAML, connection=connection)
    assert exported["catalog_version"] == 1


def test_comments_and_ordering_do_not_matter(connection, contact_fields, admin, approver):
    import_and_apply(connection, admin, approver, CATALOG_YAML)
    document = yaml.safe_load(CATALOG_YAML)
    reordered = {
        "ownership": list(reversed(document["ownership"])),
        "mappings": [dict(reversed(list(entry.items()))) for entry in reversed(document["mappings"])],
    }
    change = catalog_import_yaml(connection=connection, author=admin, text=yaml.safe_dump(reordered))
    assert change.items.count() == 0


def test_an_import_proposes_removing_what_the_yaml_leaves_out(catalog_v1, connection, admin):
    change = catalog_import_yaml(
        connection=connection,
        author=admin,
        text="mappings: []\nownership: []\n",
        title="Start over",
    )
    assert change.title == "Start over"
    kinds = set(change.items.values_list("kind", flat=True))
    assert kinds == {"mapping_delete", "ownership_delete"}
    assert change.items.count() == 6
    assert catalog_snapshot(connection) == catalog_v1.snapshot


def test_an_import_never_applies(connection, contact_fields, admin):
    catalog_import_yaml(connection=connection, author=admin, text=CATALOG_YAML)
    connection.refresh_from_db()
    assert connection.catalog_version == 0
    assert catalog_snapshot(connection) == empty_snapshot()


def test_bytes_are_accepted_like_text(connection, contact_fields, admin):
    change = catalog_import_yaml(connection=connection, author=admin, text=CATALOG_YAML.encode())
    assert change.items.count() == 4


def test_a_viewer_cannot_import(connection, contact_fields, users):
    with pytest.raises(ApplicationError, match="permission"):
        catalog_import_yaml(connection=connection, author=users["viewer"], text=CATALOG_YAML)
    assert not ChangeRequest.objects.exists()
