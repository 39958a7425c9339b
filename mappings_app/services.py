"""Writes to the mapping catalog. The active catalog changes only through `change_request_apply`."""

import logging

from django.db import transaction
from django.utils import timezone

from crmhub.core.errors import ApplicationError, ConflictError, PermissionDeniedError, permission_require
from crmhub.models import CrmConnection
from mappings_app import outbound
from mappings_app.catalog import (
    ItemDraft,
    apply_to_snapshot,
    catalog_snapshot,
    diff_snapshots,
    fields_by_name,
    mapping_key,
    normalise_mapping_spec,
    normalise_ownership_spec,
    ownership_key,
    section_of,
    snapshot_problems,
)
from mappings_app.grid import grid_rows, row_operations
from mappings_app.models import (
    CatalogVersion,
    ChangeComment,
    ChangeItem,
    ChangeKind,
    ChangeOrigin,
    ChangeRequest,
    ChangeStatus,
    FieldMapping,
    FieldOwnership,
)
from mappings_app.selectors import catalog_snapshot_at

logger = logging.getLogger(__name__)

EDIT_PERMISSION = "mappings_app.add_changerequest"
APPROVE_PERMISSION = "mappings_app.approve_changerequest"


def _require_status(change: ChangeRequest, *allowed: str, action: str) -> None:
    if change.status not in allowed:
        raise ConflictError(f"Change request #{change.pk} is {change.status}; it cannot be {action}.")


def operation_to_item(operation: dict) -> tuple[str, str, dict | None]:
    """Turn an operation {"kind": ..., "spec": {...}} into (kind, key, after)."""
    kind = operation.get("kind")
    spec = operation.get("spec") or {}
    try:
        if kind == ChangeKind.MAPPING_SET:
            after = normalise_mapping_spec(spec)
            return kind, mapping_key(after), after
        if kind == ChangeKind.MAPPING_DELETE:
            identity = normalise_mapping_spec(spec)
            return kind, mapping_key(identity), None
        if kind == ChangeKind.OWNERSHIP_SET:
            after = normalise_ownership_spec(spec)
            return kind, ownership_key(after), after
        if kind == ChangeKind.OWNERSHIP_DELETE:
            identity = normalise_ownership_spec({**spec, "owner": spec.get("owner") or "rep_owned"})
            return kind, ownership_key(identity), None
        if kind in outbound.KIND_SECTIONS:
            return outbound.operation_item(kind, spec)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    raise ApplicationError(f"Unknown change kind {kind!r}.")


@transaction.atomic
def change_request_create(
    *,
    connection: CrmConnection,
    author,
    title: str,
    description: str = "",
    operations: list[dict] | None = None,
    origin: str = ChangeOrigin.MANUAL,
    restores_version: int | None = None,
) -> ChangeRequest:
    permission_require(author, EDIT_PERMISSION, "draft mapping changes")
    if not title.strip():
        raise ApplicationError("A change request needs a title.")
    # The caller's object may predate the last apply; a request must start from the active version.
    connection.refresh_from_db(fields=["catalog_version"])
    change = ChangeRequest(
        connection=connection,
        title=title.strip(),
        description=description,
        author=author,
        base_version=connection.catalog_version,
        origin=origin,
        restores_version=restores_version,
    )
    change.full_clean()
    _tag(change, author, "drafted").save()
    if operations:
        base = catalog_snapshot_at(connection=connection, number=change.base_version)
        for operation in operations:
            _set_operation(change, operation, base)
    return change


@transaction.atomic
def change_request_set_operation(*, change: ChangeRequest, actor, operation: dict) -> ChangeItem | None:
    """Add or replace the draft's item for one catalog entry. Returns None when it changes nothing."""
    _require_draft_editor(change, actor)
    base = catalog_snapshot_at(connection=change.connection, number=change.base_version)
    return _set_operation(change, operation, base)


def _set_operation(change: ChangeRequest, operation: dict, base: dict) -> ChangeItem | None:
    """The draft's item for one catalog entry, against `base`, the catalog the draft started from."""
    kind, key, after = operation_to_item(operation)
    _check_known_target(change.connection, after or operation.get("spec") or {})
    before = base.get(section_of(kind), {}).get(key)
    change.items.filter(key=key).delete()
    if before == after:
        return None
    return ChangeItem.objects.create(change_request=change, kind=kind, key=key, before=before, after=after)


def _check_known_target(connection, spec: dict) -> None:
    from mappings_app.models import CrmField, CrmObject

    if not CrmObject.objects.filter(connection=connection, name=spec.get("object")).exists():
        raise ApplicationError(f"{connection.name} has no object {spec.get('object')!r}.")
    if not CrmField.objects.filter(
        crm_object__connection=connection, crm_object__name=spec.get("object"), name=spec.get("field")
    ).exists():
        raise ApplicationError(f"{spec.get('object')} has no field {spec.get('field')!r}.")


@transaction.atomic
def change_request_remove_item(*, change: ChangeRequest, actor, item_id: int) -> None:
    _require_draft_editor(change, actor)
    deleted, _ = change.items.filter(pk=item_id).delete()
    if not deleted:
        raise ApplicationError(f"Change request #{change.pk} has no item {item_id}.")


def _require_draft_editor(change: ChangeRequest, actor) -> None:
    permission_require(actor, EDIT_PERMISSION, "edit mapping changes")
    _require_status(change, ChangeStatus.DRAFT, action="edited")
    if change.author_id != actor.pk:
        raise PermissionDeniedError("Only the author edits a draft; comment to suggest a change.")


def _proposed_problems(change: ChangeRequest) -> list[str]:
    current = catalog_snapshot(change.connection)
    proposed = apply_to_snapshot(current, change.items.all())
    return snapshot_problems(proposed, fields_by_name(change.connection))


@transaction.atomic
def change_request_submit(*, change: ChangeRequest, actor) -> ChangeRequest:
    permission_require(actor, EDIT_PERMISSION, "submit mapping changes")
    _require_status(change, ChangeStatus.DRAFT, action="submitted")
    if change.author_id != actor.pk:
        raise PermissionDeniedError("Only the author submits a draft.")
    if not change.items.exists():
        raise ApplicationError("This change request changes nothing; add a change before submitting.")
    problems = _proposed_problems(change)
    if problems:
        raise ApplicationError("The catalog would be invalid:", problems=problems)
    change.status = ChangeStatus.SUBMITTED
    change.submitted_at = timezone.now()
    _save(change, actor, "submitted")
    return change


@transaction.atomic
def change_request_approve(*, change: ChangeRequest, approver, note: str = "") -> ChangeRequest:
    permission_require(approver, APPROVE_PERMISSION, "approve mapping changes")
    _require_status(change, ChangeStatus.SUBMITTED, action="approved")
    if change.author_id == approver.pk:
        raise PermissionDeniedError("You cannot approve your own change request: a second person must.")
    change.status = ChangeStatus.APPROVED
    change.decided_by, change.decided_at, change.decision_note = approver, timezone.now(), note
    _save(change, approver, "approved")
    return change


@transaction.atomic
def change_request_reject(*, change: ChangeRequest, approver, note: str) -> ChangeRequest:
    permission_require(approver, APPROVE_PERMISSION, "reject mapping changes")
    _require_status(change, ChangeStatus.SUBMITTED, ChangeStatus.APPROVED, action="rejected")
    if not note.strip():
        raise ApplicationError("Say why you reject the change request.")
    change.status = ChangeStatus.REJECTED
    change.decided_by, change.decided_at, change.decision_note = approver, timezone.now(), note
    _save(change, approver, "rejected")
    return change


@transaction.atomic
def change_request_rebase(*, change: ChangeRequest, actor) -> ChangeRequest:
    """Re-draft the request against the current catalog. An approval is withdrawn: the diff may differ."""
    permission_require(actor, EDIT_PERMISSION, "rebase mapping changes")
    _require_status(
        change, ChangeStatus.DRAFT, ChangeStatus.SUBMITTED, ChangeStatus.APPROVED, action="rebased"
    )
    connection = CrmConnection.objects.select_for_update().get(pk=change.connection_id)
    current = catalog_snapshot(connection)
    dropped = 0
    for item in change.items.all():
        item.before = current[section_of(item.kind)].get(item.key)
        if item.before == item.after:
            item.delete()
            dropped += 1
        else:
            item.save(update_fields=["before"])
    old_version = change.base_version
    change.base_version = connection.catalog_version
    if change.status == ChangeStatus.APPROVED:
        change.status = ChangeStatus.SUBMITTED
        change.decided_by, change.decided_at = None, None
    _save(change, actor, f"rebased from v{old_version} to v{change.base_version}")
    note = f"Rebased from catalog v{old_version} to v{change.base_version}."
    if dropped:
        note += f" {dropped} change(s) were already in the catalog and were dropped."
    ChangeComment.objects.create(change_request=change, author=actor, body=note)
    return change


@transaction.atomic
def change_request_apply(*, change: ChangeRequest, actor) -> CatalogVersion:
    """Make an approved request the active catalog, all or nothing, and freeze the new version."""
    permission_require(actor, APPROVE_PERMISSION, "apply mapping changes")
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    _require_status(change, ChangeStatus.APPROVED, action="applied")
    connection = CrmConnection.objects.select_for_update().get(pk=change.connection_id)
    if change.base_version != connection.catalog_version:
        raise ConflictError(
            f"Change request #{change.pk} was drafted against catalog v{change.base_version}, "
            f"but v{connection.catalog_version} is active. Rebase it and have it approved again."
        )
    items = list(change.items.all())
    fields = fields_by_name(connection)
    problems = snapshot_problems(apply_to_snapshot(catalog_snapshot(connection), items), fields)
    if problems:
        raise ApplicationError("The catalog would be invalid:", problems=problems)
    reason = f"Change request #{change.pk}: {change.title}"[:100]
    # Ownership first, so that a new mapping never targets a field that is still rep-owned.
    for item in sorted(items, key=lambda i: i.kind.startswith("mapping")):
        _apply_item(item, fields, actor, reason)
    connection.catalog_version += 1
    connection._history_user, connection._change_reason = actor, reason
    connection.save(update_fields=["catalog_version", "updated_at"])
    version = CatalogVersion.objects.create(
        connection=connection,
        number=connection.catalog_version,
        change_request=change,
        snapshot=catalog_snapshot(connection),
        created_by=actor,
    )
    change.status = ChangeStatus.APPLIED
    change.applied_by, change.applied_at = actor, timezone.now()
    change.applied_version = version.number
    _save(change, actor, f"applied as v{version.number}")
    return version


def _apply_item(item: ChangeItem, fields, actor, reason: str) -> None:
    spec = item.after or item.before or {}
    if item.kind in outbound.KIND_SECTIONS:
        outbound.apply_outbound_item(item, fields, lambda instance: _tag(instance, actor, reason))
        return
    if item.kind == ChangeKind.OWNERSHIP_SET or item.kind == ChangeKind.OWNERSHIP_DELETE:
        target = fields[(spec["object"], spec["field"])]
        existing = FieldOwnership.objects.filter(crm_field=target).first()
        if item.after is None:
            if existing:
                _tag(existing, actor, reason).delete()
            return
        ownership = existing or FieldOwnership(crm_field=target)
        ownership.owner, ownership.conflict_policy = item.after["owner"], item.after["conflict_policy"]
        ownership.full_clean()
        _tag(ownership, actor, reason).save()
        return
    target = fields[(spec["object"], spec["field"])]
    existing = FieldMapping.objects.filter(
        source_system=spec["source_system"], source_key=spec["source_key"], crm_field=target
    ).first()
    if item.after is None:
        if existing:
            _tag(existing, actor, reason).delete()
        return
    mapping = existing or FieldMapping(
        source_system=spec["source_system"], source_key=spec["source_key"], crm_field=target
    )
    after = item.after
    mapping.source_type, mapping.transform = after["source_type"], after["transform"]
    mapping.transform_params, mapping.null_policy = after["transform_params"], after["null_policy"]
    mapping.timestamp_field = (
        fields[(spec["object"], after["timestamp_field"])] if after["timestamp_field"] else None
    )
    mapping.enabled = after["enabled"]
    mapping.broken_reason = ""
    mapping.full_clean()
    _tag(mapping, actor, reason).save()


def _tag(instance, actor, reason: str):
    instance._history_user = actor
    instance._change_reason = reason
    return instance


def _save(change: ChangeRequest, actor, reason: str) -> None:
    # simple-history keeps at most 100 characters of a change reason (enforced by PostgreSQL).
    _tag(change, actor, f"Change request #{change.pk} {reason}"[:100]).save()
    logger.info(
        "change request #%s (connection %s) %s by user %s",
        change.pk,
        change.connection_id,
        reason,
        getattr(actor, "pk", None),
    )


@transaction.atomic
def change_request_comment(*, change: ChangeRequest, author, body: str) -> ChangeComment:
    if not (author.has_perm(EDIT_PERMISSION) or author.has_perm(APPROVE_PERMISSION)):
        raise PermissionDeniedError("You do not have permission to comment on mapping changes.")
    if not body.strip():
        raise ApplicationError("A comment cannot be empty.")
    return ChangeComment.objects.create(change_request=change, author=author, body=body.strip())


@transaction.atomic
def change_request_from_snapshot(
    *, connection: CrmConnection, author, desired: dict, title: str, origin: str, restores_version=None
) -> ChangeRequest:
    """A draft whose items turn the active catalog into `desired` (YAML import, restore)."""
    problems = snapshot_problems(desired, fields_by_name(connection))
    if problems:
        raise ApplicationError("The catalog would be invalid:", problems=problems)
    change = change_request_create(
        connection=connection,
        author=author,
        title=title,
        origin=origin,
        restores_version=restores_version,
    )
    drafts: list[ItemDraft] = diff_snapshots(catalog_snapshot(connection), desired)
    ChangeItem.objects.bulk_create(
        ChangeItem(change_request=change, kind=d.kind, key=d.key, before=d.before, after=d.after)
        for d in drafts
    )
    return change


def catalog_restore_request(*, connection: CrmConnection, author, version_number: int) -> ChangeRequest:
    connection.refresh_from_db(fields=["catalog_version"])
    if version_number >= connection.catalog_version and version_number != 0:
        raise ApplicationError(f"v{version_number} is not an earlier version of the catalog.")
    try:
        desired = catalog_snapshot_at(connection=connection, number=version_number)
    except CatalogVersion.DoesNotExist as exc:
        raise ApplicationError(str(exc)) from exc
    return change_request_from_snapshot(
        connection=connection,
        author=author,
        desired=desired,
        title=f"Restore catalog v{version_number}",
        origin=ChangeOrigin.RESTORE,
        restores_version=version_number,
    )


@transaction.atomic
def mapping_grid_propose(
    *, actor, crm_object, source_system: str, submitted: dict, draft: ChangeRequest | None, title: str = ""
) -> tuple[ChangeRequest, int]:
    """Turn the grid editor's rows ({field pk: row values}) into items of a draft change request (the given
    draft, or a new one); returns the draft and how many items the grid added or replaced. All or nothing."""
    if not source_system.strip():
        raise ApplicationError("Name the source system whose values the grid maps (e.g. lead_scorer).")
    operations = []
    problems = []
    for row in grid_rows(crm_object=crm_object, source_system=source_system):
        values = submitted.get(row.crm_field.pk)
        if values is None:
            continue
        try:
            operations.extend(row_operations(row=row, values=values, source_system=source_system))
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise ApplicationError("Some rows cannot be proposed:", problems=problems)
    if draft is None:
        draft = change_request_create(
            connection=crm_object.connection, author=actor, title=title or f"Mappings of {crm_object.name}"
        )
    changed = 0
    for operation in operations:
        if change_request_set_operation(change=draft, actor=actor, operation=operation) is not None:
            changed += 1
    if not changed and not draft.items.exists():
        raise ApplicationError(
            "The grid says what the active catalog already says; there is nothing to propose."
        )
    return draft, changed
