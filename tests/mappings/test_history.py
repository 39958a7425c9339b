"""Every catalog row change is attributed to a person and to the change request that caused it."""

from mappings_app import services
from mappings_app.models import ChangeRequest, FieldMapping, FieldOwnership
from tests import factories


def reason_of(change: ChangeRequest) -> str:
    return f"Change request #{change.pk}: {change.title}"


def test_applied_mappings_and_ownership_carry_the_applier_and_the_request(catalog_v1, approver):
    change = catalog_v1.change_request
    mapping_rows = FieldMapping.history.all()
    ownership_rows = FieldOwnership.history.all()
    assert mapping_rows.count() == 2
    assert ownership_rows.count() == 4
    for row in [*mapping_rows, *ownership_rows]:
        assert row.history_type == "+"
        assert row.history_user == approver
        assert row.history_change_reason == reason_of(change)


def test_changed_and_deleted_entries_are_attributed_too(catalog_v1, connection, admin, approver):
    change = services.change_request_create(
        connection=connection,
        author=admin,
        title="Drop segment, re-round score",
        operations=[
            {"kind": "mapping_delete", "spec": factories.mapping_op("segment", "ai_segment")["spec"]},
            factories.mapping_op(
                "score",
                "ai_lead_score",
                source_type="number",
                transform="round",
                transform_params={"digits": 2},
                timestamp_field="ai_lead_score_updated_at",
            ),
            {"kind": "ownership_delete", "spec": {"object": "contacts", "field": "lifecyclestage"}},
        ],
    )
    services.change_request_submit(change=change, actor=admin)
    services.change_request_approve(change=change, approver=approver)
    services.change_request_apply(change=change, actor=admin)

    changed = FieldMapping.history.get(source_key="score", history_type="~")
    deleted = FieldMapping.history.get(source_key="segment", history_type="-")
    rule_deleted = FieldOwnership.history.get(history_type="-")
    for row in (changed, deleted, rule_deleted):
        assert row.history_user == admin
        assert row.history_change_reason == reason_of(change)
    assert changed.transform_params == {"digits": 2}


def test_the_request_history_records_who_moved_it_and_names_the_request(draft, admin, approver):
    services.change_request_submit(change=draft, actor=admin)
    services.change_request_approve(change=draft, approver=approver)
    services.change_request_apply(change=draft, actor=approver)

    rows = list(draft.history.order_by("history_date", "history_id"))
    assert [row.status for row in rows] == ["draft", "submitted", "approved", "applied"]
    assert [row.history_user for row in rows] == [admin, admin, approver, approver]
    for row in rows[1:]:
        assert f"Change request #{draft.pk}" in row.history_change_reason
    assert rows[0].history_change_reason == "drafted"
    assert rows[-1].history_change_reason == f"Change request #{draft.pk} applied as v1"


def test_the_connection_version_bump_names_the_request(catalog_v1, connection, approver):
    row = connection.history.order_by("-history_date", "-history_id").first()
    assert row.catalog_version == 1
    assert row.history_user == approver
    assert row.history_change_reason == reason_of(catalog_v1.change_request)


def test_attribution_does_not_depend_on_a_web_request(connection, contact_fields, admin, approver):
    """A job has no HTTP request for simple-history's middleware: the services tag the rows themselves."""
    from simple_history.models import HistoricalRecords

    assert getattr(HistoricalRecords.context, "request", None) is None
    version = factories.apply_change(
        connection, admin, approver, [factories.ownership_op("renewal_date", "ai_owned")], title="From a job"
    )
    row = FieldOwnership.history.get()
    assert row.history_user == approver
    assert row.history_change_reason == reason_of(version.change_request)
