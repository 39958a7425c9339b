"""Applying is all or nothing; every apply freezes a version that stays readable and restorable."""

import pytest

from crmhub.core.errors import ApplicationError, ConflictError
from mappings_app import services
from mappings_app.catalog import apply_to_snapshot, catalog_snapshot, empty_snapshot
from mappings_app.models import (
    CatalogVersion,
    ChangeOrigin,
    ChangeRequest,
    ChangeStatus,
    CrmField,
    FieldMapping,
    FieldOwnership,
)
from mappings_app.selectors import catalog_snapshot_at
from tests import factories

# The module's tests share these rows (see conftest's catalog_v1_pks).


@pytest.fixture
def users(catalog_v1_rows):
    return catalog_v1_rows["users"]


@pytest.fixture
def connection(catalog_v1_rows):
    return catalog_v1_rows["connection"]


@pytest.fixture
def contact_fields(catalog_v1_rows):
    return catalog_v1_rows["contact_fields"]


@pytest.fixture
def catalog_v1(catalog_v1_rows):
    return catalog_v1_rows["catalog_v1"]


def reloaded(change: ChangeRequest) -> ChangeRequest:
    return ChangeRequest.objects.get(pk=change.pk)


def approve(change, author, approver) -> ChangeRequest:
    services.change_request_submit(change=change, actor=author)
    return services.change_request_approve(change=change, approver=approver)


def v2_ops() -> list[dict]:
    """Turns the score catalog into v2: segment mapping removed, score rounding changed, employees added."""
    return [
        {"kind": "mapping_delete", "spec": {**factories.mapping_op("segment", "ai_segment")["spec"]}},
        factories.mapping_op(
            "score",
            "ai_lead_score",
            source_type="number",
            transform="round",
            transform_params={"digits": 0},
            timestamp_field="ai_lead_score_updated_at",
        ),
        factories.ownership_op("num_employees", "ai_owned"),
        factories.mapping_op("employees", "num_employees", source_type="integer"),
        factories.ownership_op("ai_segment", "hybrid", "skip"),
    ]


@pytest.fixture
def catalog_v2(catalog_v1, connection, admin, approver):
    return factories.apply_change(connection, admin, approver, v2_ops(), title="Score v2")


def assert_catalog_unchanged(connection, snapshot, version_number):
    connection.refresh_from_db()
    assert connection.catalog_version == version_number
    assert catalog_snapshot(connection) == snapshot
    assert CatalogVersion.objects.filter(connection=connection).count() == version_number


# Atomic apply


def test_a_target_made_read_only_after_approval_blocks_the_whole_apply(
    catalog_v1, connection, admin, approver, contact_fields
):
    before = catalog_snapshot(connection)
    change = services.change_request_create(
        connection=connection,
        author=admin,
        title="Employees and renewal",
        operations=[
            factories.ownership_op("renewal_date", "ai_owned"),
            factories.ownership_op("num_employees", "ai_owned"),
            factories.mapping_op("employees", "num_employees", source_type="integer"),
        ],
    )
    approve(change, admin, approver)
    CrmField.objects.filter(pk=contact_fields["num_employees"].pk).update(writable=False)

    with pytest.raises(ApplicationError, match=r"contacts\.num_employees is read-only"):
        services.change_request_apply(change=change, actor=approver)

    assert_catalog_unchanged(connection, before, 1)
    assert not FieldOwnership.objects.filter(crm_field=contact_fields["renewal_date"]).exists()
    assert reloaded(change).status == ChangeStatus.APPROVED


def test_a_target_deleted_in_the_crm_after_approval_blocks_the_apply(
    catalog_v1, connection, admin, approver, contact_fields
):
    before = catalog_snapshot(connection)
    change = services.change_request_create(
        connection=connection,
        author=admin,
        title="Employees",
        operations=[
            factories.ownership_op("num_employees", "ai_owned"),
            factories.mapping_op("employees", "num_employees", source_type="integer"),
        ],
    )
    approve(change, admin, approver)
    CrmField.objects.filter(pk=contact_fields["num_employees"].pk).update(is_deleted=True)

    with pytest.raises(ApplicationError, match="no longer exists"):
        services.change_request_apply(change=change, actor=approver)

    assert_catalog_unchanged(connection, before, 1)
    assert reloaded(change).status == ChangeStatus.APPROVED


def test_an_error_on_the_second_item_rolls_back_the_first(
    catalog_v1, connection, admin, approver, contact_fields, monkeypatch
):
    before = catalog_snapshot(connection)
    change = services.change_request_create(
        connection=connection,
        author=admin,
        title="Two ownership rules",
        operations=[
            factories.ownership_op("num_employees", "ai_owned"),
            factories.ownership_op("renewal_date", "ai_owned"),
        ],
    )
    approve(change, admin, approver)
    real_apply_item = services._apply_item
    calls = []

    def fail_on_second(item, fields, actor, reason):
        calls.append(item.key)
        if len(calls) == 2:
            raise RuntimeError("CRM schema vanished mid-apply")
        real_apply_item(item, fields, actor, reason)

    monkeypatch.setattr(services, "_apply_item", fail_on_second)

    with pytest.raises(RuntimeError):
        services.change_request_apply(change=change, actor=approver)

    assert len(calls) == 2
    assert_catalog_unchanged(connection, before, 1)
    assert not FieldOwnership.objects.filter(
        crm_field__in=[contact_fields["num_employees"], contact_fields["renewal_date"]]
    ).exists()
    assert reloaded(change).status == ChangeStatus.APPROVED


def test_a_stale_request_cannot_be_applied(catalog_v1, connection, admin, approver):
    connection.refresh_from_db()
    stale = services.change_request_create(
        connection=connection,
        author=admin,
        title="Drafted on v1",
        operations=[factories.ownership_op("renewal_date", "ai_owned")],
    )
    approve(stale, admin, approver)
    factories.apply_change(connection, admin, approver, [factories.ownership_op("num_employees", "ai_owned")])
    before = catalog_snapshot(connection)

    with pytest.raises(ConflictError, match="Rebase"):
        services.change_request_apply(change=stale, actor=approver)

    assert_catalog_unchanged(connection, before, 2)
    assert reloaded(stale).status == ChangeStatus.APPROVED


# Versions


def test_each_apply_freezes_a_version_equal_to_the_catalog(catalog_v1, connection, admin, approver):
    assert catalog_v1.number == 1
    assert catalog_v1.snapshot == catalog_snapshot(connection)
    assert catalog_v1.created_by == approver
    v2 = factories.apply_change(connection, admin, approver, v2_ops())
    assert v2.number == 2
    assert CatalogVersion.objects.get(connection=connection, number=2).snapshot == catalog_snapshot(
        connection
    )
    assert v2.change_request.applied_version == 2


def test_earlier_versions_stay_readable(catalog_v1, catalog_v2, connection):
    connection.refresh_from_db()
    v1_snapshot = catalog_snapshot_at(connection=connection, number=1)
    v2_snapshot = catalog_snapshot_at(connection=connection, number=2)
    assert v1_snapshot == catalog_v1.snapshot
    assert v2_snapshot == catalog_snapshot(connection)
    assert v1_snapshot != v2_snapshot
    assert "mapping:lead_scorer.segment->contacts.ai_segment" in v1_snapshot["mappings"]
    assert "mapping:lead_scorer.segment->contacts.ai_segment" not in v2_snapshot["mappings"]
    # The empty catalog has the outbound sections too (issue #18), all empty.
    assert catalog_snapshot_at(connection=connection, number=0) == {
        "mappings": {},
        "ownership": {},
        "data_classes": {},
        "consent": {},
        "outbound": {},
    }
    with pytest.raises(CatalogVersion.DoesNotExist):
        catalog_snapshot_at(connection=connection, number=9)


def test_the_applied_catalog_equals_the_base_with_the_items_applied(catalog_v1, connection, admin, approver):
    connection.refresh_from_db()
    change = services.change_request_create(
        connection=connection, author=admin, title="v2", operations=v2_ops()
    )
    expected = apply_to_snapshot(catalog_v1.snapshot, change.items.all())
    approve(change, admin, approver)
    services.change_request_apply(change=change, actor=approver)
    assert catalog_snapshot(connection) == expected


def test_restoring_v1_after_v2_drafts_items_that_turn_v2_back_into_v1(
    catalog_v1, catalog_v2, connection, admin, approver
):
    connection.refresh_from_db()
    restore = services.catalog_restore_request(connection=connection, author=admin, version_number=1)

    assert restore.status == ChangeStatus.DRAFT
    assert (restore.origin, restore.restores_version, restore.base_version) == (ChangeOrigin.RESTORE, 1, 2)
    assert restore.items.exists()
    assert apply_to_snapshot(catalog_v2.snapshot, restore.items.all()) == catalog_v1.snapshot

    approve(restore, admin, approver)
    v3 = services.change_request_apply(change=restore, actor=approver)

    assert v3.number == 3
    assert catalog_snapshot(connection) == catalog_v1.snapshot
    assert v3.snapshot == catalog_v1.snapshot
    assert FieldMapping.objects.get(source_key="segment").crm_field.name == "ai_segment"


def test_only_an_earlier_version_can_be_restored(catalog_v1, connection, admin):
    connection.refresh_from_db()
    with pytest.raises(ApplicationError, match="not an earlier version"):
        services.catalog_restore_request(connection=connection, author=admin, version_number=1)
    with pytest.raises(ApplicationError, match="not an earlier version"):
        services.catalog_restore_request(connection=connection, author=admin, version_number=5)
    assert ChangeRequest.objects.filter(origin=ChangeOrigin.RESTORE).count() == 0


def test_restoring_version_zero_empties_the_catalog(catalog_v1, connection, admin, approver):
    connection.refresh_from_db()
    restore = services.catalog_restore_request(connection=connection, author=admin, version_number=0)
    approve(restore, admin, approver)
    services.change_request_apply(change=restore, actor=approver)
    assert catalog_snapshot(connection) == empty_snapshot()


# Stale requests and rebase


@pytest.fixture
def stale_approved(catalog_v1, connection, admin, approver):
    """Drafted on v1: makes renewal_date AI-owned and re-states the num_employees rule v2 will add."""
    connection.refresh_from_db()
    change = services.change_request_create(
        connection=connection,
        author=admin,
        title="Renewal",
        operations=[
            factories.ownership_op("renewal_date", "ai_owned"),
            factories.ownership_op("num_employees", "ai_owned"),
            factories.ownership_op("ai_segment", "hybrid", "overwrite"),
        ],
    )
    approve(change, admin, approver)
    factories.apply_change(connection, admin, approver, v2_ops(), title="v2")
    return reloaded(change)


def test_rebase_moves_the_request_to_the_active_version(stale_approved, admin, connection):
    services.change_request_rebase(change=stale_approved, actor=admin)
    change = reloaded(stale_approved)
    assert change.base_version == 2
    assert not change.is_stale


def test_rebase_recomputes_before_from_the_active_catalog(stale_approved, admin):
    segment = stale_approved.items.get(key="ownership:contacts.ai_segment")
    assert segment.before["conflict_policy"] == "flag"
    services.change_request_rebase(change=stale_approved, actor=admin)
    segment.refresh_from_db()
    assert segment.before["conflict_policy"] == "skip"
    assert segment.after["conflict_policy"] == "overwrite"


def test_rebase_drops_items_already_in_the_catalog(stale_approved, admin):
    services.change_request_rebase(change=stale_approved, actor=admin)
    keys = sorted(stale_approved.items.values_list("key", flat=True))
    assert keys == ["ownership:contacts.ai_segment", "ownership:contacts.renewal_date"]
    note = stale_approved.comments.get()
    assert "v1 to v2" in note.body
    assert "1 change(s) were already in the catalog" in note.body


def test_rebase_withdraws_an_approval(stale_approved, admin):
    services.change_request_rebase(change=stale_approved, actor=admin)
    change = reloaded(stale_approved)
    assert change.status == ChangeStatus.SUBMITTED
    assert change.decided_by is None
    assert change.decided_at is None


def test_a_rebased_request_can_be_approved_and_applied(stale_approved, admin, approver, connection):
    services.change_request_rebase(change=stale_approved, actor=admin)
    services.change_request_approve(change=reloaded(stale_approved), approver=approver)
    version = services.change_request_apply(change=stale_approved, actor=approver)
    assert version.number == 3
    ownership = catalog_snapshot(connection)["ownership"]
    assert ownership["ownership:contacts.renewal_date"]["owner"] == "ai_owned"
    assert ownership["ownership:contacts.ai_segment"]["conflict_policy"] == "overwrite"


def test_a_draft_created_from_a_stale_connection_object_still_uses_the_active_version(
    catalog_v1, connection, admin
):
    # `connection` was loaded before v1 was applied; its in-memory catalog_version is 0.
    change = services.change_request_create(
        connection=connection,
        author=admin,
        title="From a stale object",
        operations=[factories.ownership_op("renewal_date", "ai_owned")],
    )
    assert change.base_version == 1
    assert not reloaded(change).is_stale
