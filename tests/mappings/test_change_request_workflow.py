"""The change request state machine and the four-eyes rule, against real rows."""

import pytest

from crmhub.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from mappings_app import services
from mappings_app.catalog import catalog_snapshot
from mappings_app.models import CatalogVersion, ChangeComment, ChangeRequest, ChangeStatus
from tests import factories


def reloaded(change: ChangeRequest) -> ChangeRequest:
    return ChangeRequest.objects.get(pk=change.pk)


def test_a_draft_is_created_against_the_active_version(draft, connection):
    assert draft.status == ChangeStatus.DRAFT
    assert draft.base_version == connection.catalog_version == 0
    assert draft.items.count() == 2


def test_draft_submit_approve_apply_walks_the_states(draft, admin, approver, connection):
    services.change_request_submit(change=draft, actor=admin)
    assert reloaded(draft).status == ChangeStatus.SUBMITTED
    assert reloaded(draft).submitted_at is not None

    services.change_request_approve(change=draft, approver=approver, note="Looks right")
    change = reloaded(draft)
    assert change.status == ChangeStatus.APPROVED
    assert (change.decided_by, change.decision_note) == (approver, "Looks right")

    version = services.change_request_apply(change=draft, actor=approver)
    change = reloaded(draft)
    assert change.status == ChangeStatus.APPLIED
    assert (change.applied_by, change.applied_version) == (approver, version.number)
    connection.refresh_from_db()
    assert connection.catalog_version == version.number == 1
    assert "ownership:contacts.num_employees" in catalog_snapshot(connection)["ownership"]


def test_a_submitted_request_can_be_rejected_with_a_note(submitted, approver):
    services.change_request_reject(change=submitted, approver=approver, note="Wrong field")
    change = reloaded(submitted)
    assert change.status == ChangeStatus.REJECTED
    assert change.decision_note == "Wrong field"
    assert change.decided_by == approver


def test_rejecting_without_a_note_is_refused(submitted, approver):
    with pytest.raises(ApplicationError, match="why"):
        services.change_request_reject(change=submitted, approver=approver, note="   ")
    assert reloaded(submitted).status == ChangeStatus.SUBMITTED


def test_approving_a_draft_is_a_conflict(draft, approver):
    with pytest.raises(ConflictError, match="draft"):
        services.change_request_approve(change=draft, approver=approver)


def test_applying_a_submitted_request_is_a_conflict(submitted, approver, connection):
    with pytest.raises(ConflictError, match="submitted"):
        services.change_request_apply(change=submitted, actor=approver)
    assert not CatalogVersion.objects.exists()
    assert catalog_snapshot(connection)["mappings"] == {}


def test_applying_a_draft_is_a_conflict(draft, approver):
    with pytest.raises(ConflictError):
        services.change_request_apply(change=draft, actor=approver)


def test_submitting_twice_is_a_conflict(submitted, admin):
    with pytest.raises(ConflictError, match="submitted"):
        services.change_request_submit(change=submitted, actor=admin)


def test_approving_twice_is_a_conflict(approved, users):
    with pytest.raises(ConflictError, match="approved"):
        services.change_request_approve(change=approved, approver=users["approver"])


def test_editing_a_submitted_request_is_a_conflict(submitted, admin):
    with pytest.raises(ConflictError, match="edited"):
        services.change_request_set_operation(
            change=submitted, actor=admin, operation=factories.ownership_op("renewal_date", "ai_owned")
        )
    with pytest.raises(ConflictError):
        services.change_request_remove_item(change=submitted, actor=admin, item_id=submitted.items.first().pk)
    assert submitted.items.count() == 2


def test_applying_twice_is_a_conflict(approved, approver):
    services.change_request_apply(change=approved, actor=approver)
    with pytest.raises(ConflictError, match="applied"):
        services.change_request_apply(change=approved, actor=approver)
    assert CatalogVersion.objects.count() == 1


def test_a_rejected_request_cannot_be_approved_applied_or_resubmitted(submitted, admin, approver):
    services.change_request_reject(change=submitted, approver=approver, note="No")
    rejected = reloaded(submitted)
    with pytest.raises(ConflictError):
        services.change_request_approve(change=rejected, approver=approver)
    with pytest.raises(ConflictError):
        services.change_request_apply(change=rejected, actor=approver)
    with pytest.raises(ConflictError):
        services.change_request_submit(change=rejected, actor=admin)
    with pytest.raises(ConflictError):
        services.change_request_rebase(change=rejected, actor=admin)


def test_an_applied_request_cannot_be_rejected(approved, approver):
    services.change_request_apply(change=approved, actor=approver)
    with pytest.raises(ConflictError):
        services.change_request_reject(change=reloaded(approved), approver=approver, note="Too late")


def test_submitting_an_empty_request_is_refused(connection, contact_fields, admin):
    change = services.change_request_create(connection=connection, author=admin, title="Nothing")
    with pytest.raises(ApplicationError, match="changes nothing"):
        services.change_request_submit(change=change, actor=admin)
    assert reloaded(change).status == ChangeStatus.DRAFT


def test_a_request_needs_a_title(connection, admin):
    with pytest.raises(ApplicationError, match="title"):
        services.change_request_create(connection=connection, author=admin, title="  ")
    assert not ChangeRequest.objects.exists()


def test_an_operation_equal_to_the_catalog_adds_no_item(catalog_v1, connection, admin):
    connection.refresh_from_db()
    change = services.change_request_create(connection=connection, author=admin, title="Same")
    item = services.change_request_set_operation(
        change=change, actor=admin, operation=factories.ownership_op("ai_lead_score", "ai_owned")
    )
    assert item is None
    assert change.items.count() == 0


def test_setting_the_same_entry_twice_replaces_the_item(draft, admin):
    services.change_request_set_operation(
        change=draft, actor=admin, operation=factories.ownership_op("num_employees", "hybrid", "skip")
    )
    items = draft.items.filter(key="ownership:contacts.num_employees")
    assert [item.after["owner"] for item in items] == ["hybrid"]


def test_the_author_can_remove_an_item_from_a_draft(draft, admin):
    item = draft.items.get(key="ownership:contacts.num_employees")
    services.change_request_remove_item(change=draft, actor=admin, item_id=item.pk)
    assert not draft.items.filter(pk=item.pk).exists()
    with pytest.raises(ApplicationError, match="no item"):
        services.change_request_remove_item(change=draft, actor=admin, item_id=item.pk)


# Four eyes and permissions


def test_self_approval_is_refused(submitted, admin):
    with pytest.raises(PermissionDeniedError, match="your own"):
        services.change_request_approve(change=submitted, approver=admin)
    assert reloaded(submitted).status == ChangeStatus.SUBMITTED


def test_a_superuser_author_cannot_approve_their_own_request_either(connection, contact_fields):
    root = factories.make_user("root", is_superuser=True)
    change = services.change_request_create(
        connection=connection,
        author=root,
        title="Root change",
        operations=[factories.ownership_op("num_employees", "ai_owned")],
    )
    services.change_request_submit(change=change, actor=root)
    with pytest.raises(PermissionDeniedError):
        services.change_request_approve(change=change, approver=root)


@pytest.mark.parametrize("role", ["reviewer", "viewer", "integration"])
def test_a_user_without_approve_permission_cannot_approve(submitted, users, role):
    with pytest.raises(PermissionDeniedError, match="permission to approve"):
        services.change_request_approve(change=submitted, approver=users[role])
    assert reloaded(submitted).status == ChangeStatus.SUBMITTED


@pytest.mark.parametrize("role", ["reviewer", "viewer", "integration"])
def test_a_user_without_approve_permission_cannot_reject(submitted, users, role):
    with pytest.raises(PermissionDeniedError, match="permission to reject"):
        services.change_request_reject(change=submitted, approver=users[role], note="no")
    assert reloaded(submitted).status == ChangeStatus.SUBMITTED


@pytest.mark.parametrize("role", ["reviewer", "viewer", "integration"])
def test_a_user_without_approve_permission_cannot_apply(approved, users, role, connection):
    with pytest.raises(PermissionDeniedError, match="permission to apply"):
        services.change_request_apply(change=approved, actor=users[role])
    assert reloaded(approved).status == ChangeStatus.APPROVED
    connection.refresh_from_db()
    assert connection.catalog_version == 0


@pytest.mark.parametrize("role", ["reviewer", "viewer", "integration"])
def test_a_user_without_edit_permission_cannot_draft(connection, contact_fields, users, role):
    with pytest.raises(PermissionDeniedError, match="permission to draft"):
        services.change_request_create(connection=connection, author=users[role], title="Sneaky")
    assert not ChangeRequest.objects.exists()


def test_a_viewer_cannot_comment(submitted, users):
    with pytest.raises(PermissionDeniedError):
        services.change_request_comment(change=submitted, author=users["viewer"], body="+1")


def test_an_approver_can_comment_on_someone_elses_request(submitted, approver):
    comment = services.change_request_comment(change=submitted, author=approver, body="  Why round to 1?  ")
    assert comment.body == "Why round to 1?"
    with pytest.raises(ApplicationError, match="empty"):
        services.change_request_comment(change=submitted, author=approver, body=" ")
    assert ChangeComment.objects.filter(change_request=submitted).count() == 1


def test_only_the_author_edits_or_submits_a_draft(draft, approver):
    with pytest.raises(PermissionDeniedError, match="author"):
        services.change_request_set_operation(
            change=draft, actor=approver, operation=factories.ownership_op("renewal_date", "ai_owned")
        )
    with pytest.raises(PermissionDeniedError, match="author"):
        services.change_request_submit(change=draft, actor=approver)
    assert reloaded(draft).status == ChangeStatus.DRAFT
