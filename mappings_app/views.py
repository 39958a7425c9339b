"""Browser pages for the mapping catalog. Reads go through selectors, writes through services."""

import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import page_filter, parse_id
from crmhub.core.paging import page_of
from crmhub.core.permissions import capability_check, require_capability
from crmhub.models import CrmConnection
from mappings_app import compare, filtersets, selectors, services, yaml_io
from mappings_app.catalog import mapping_spec, risk_flags
from mappings_app.forms import (
    ChangeRequestCreateForm,
    CommentForm,
    DraftChoiceForm,
    MappingProposalForm,
    OutboundProposalForm,
    OwnershipProposalForm,
    VersionCompareForm,
    YamlImportForm,
)
from mappings_app.models import (
    CatalogVersion,
    ChangeKind,
    ChangeRequest,
    ChangeStatus,
    ConflictPolicy,
    CrmField,
    FieldMapping,
    FieldOwnership,
    NullPolicy,
    Owner,
    SourceType,
    Transform,
)

VIEW_FIELD = "mappings_app.view_crmfield"
VIEW_MAPPING = "mappings_app.view_fieldmapping"
VIEW_OWNERSHIP = "mappings_app.view_fieldownership"
VIEW_CHANGE = "mappings_app.view_changerequest"
VIEW_VERSION = "mappings_app.view_catalogversion"
EDIT = services.EDIT_PERMISSION
APPROVE = services.APPROVE_PERMISSION
OPEN_STATUSES = (ChangeStatus.DRAFT, ChangeStatus.SUBMITTED, ChangeStatus.APPROVED)
HISTORY_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
HISTORY_LIMIT = 100
DECISION_ACTIONS = {"submit", "approve", "reject", "apply", "rebase"}


# ---------------------------------------------------------------- helpers


def _error_lines(exc: ApplicationError) -> list[str]:
    return [exc.message, *exc.problems]


def _error_text(exc: ApplicationError) -> str:
    return " ".join(_error_lines(exc))


def _ownership_of(crm_field: CrmField) -> FieldOwnership | None:
    try:
        return crm_field.ownership
    except FieldOwnership.DoesNotExist:
        return None


def _owner_value(ownership: FieldOwnership | None) -> str:
    return ownership.owner if ownership else Owner.REP_OWNED


def _connection_from(request) -> CrmConnection | None:
    pk = parse_id(request.GET.get("connection", ""))
    return CrmConnection.objects.filter(pk=pk).first() if pk else None


# ---------------------------------------------------------------- fields


@require_capability(VIEW_FIELD)
def field_list(request):
    connection = _connection_from(request)
    object_names = selectors.object_names(connection=connection)
    filterset = page_filter(
        filtersets.CrmFieldPageFilterSet, request, selectors.field_list(), object_names=object_names
    )
    form = filterset.form
    page = page_of(request, filterset.rows)
    for crm_field in page:
        crm_field.owner_value = _owner_value(_ownership_of(crm_field))
        crm_field.owner_label = Owner(crm_field.owner_value).label
    context = {"form": form, "page": page, "connection": connection}
    if connection is not None:  # the grid mapping editor, one object at a time (names already read: no query)
        context["grid_objects"] = object_names
    if connection is None:  # catalog as code stays one click away without filtering first
        context["connections"] = list(selectors.connection_names())
    return render(request, "mappings/field_list.html", context)


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    what: str
    why: str
    subject: str = ""


def _ownership_history(crm_field: CrmField) -> list[HistoryEntry]:
    records = (
        FieldOwnership.history.filter(crm_field_id=crm_field.pk)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    return [
        HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=HISTORY_ACTIONS.get(record.history_type, record.history_type),
            subject="Ownership",
            what=_choice_label(Owner, record.owner)
            + (
                f" / {_choice_label(ConflictPolicy, record.conflict_policy)}"
                if record.conflict_policy
                else ""
            ),
            why=record.history_change_reason or "",
        )
        for record in records
    ]


def _choice_label(choices, value: str) -> str:
    """A stored choice as its label; a value no longer among the choices reads as stored."""
    return str(choices(value).label) if value in choices.values else value


def _mapping_history(records) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            action=HISTORY_ACTIONS.get(record.history_type, record.history_type),
            subject=f"Mapping {record.source_system}.{record.source_key}",
            what=(
                f"{_choice_label(SourceType, record.source_type)}, "
                f"transform: {_choice_label(Transform, record.transform)}, "
                f"{_choice_label(NullPolicy, record.null_policy).lower()}, "
                f"{'enabled' if record.enabled else 'disabled'}"
            ),
            why=record.history_change_reason or "",
        )
        for record in records
    ]


def _proposal_forms(request, crm_field: CrmField, bound: dict | None = None) -> dict:
    """Blank (or bound, after a failed POST) forms to propose ownership and mapping changes."""
    bound = bound or {}
    common = {"user": request.user, "connection": crm_field.crm_object.connection}
    ownership = _ownership_of(crm_field)
    ownership_form = bound.get("ownership") or OwnershipProposalForm(
        **common,
        suggested_title=f"Ownership of {crm_field}",
        initial={
            "owner": _owner_value(ownership),
            "conflict_policy": ownership.conflict_policy if ownership else "",
        },
        prefix="own",
    )
    editing = None
    if mapping_pk := parse_id(request.GET.get("mapping", "")):
        editing = crm_field.mappings.select_related("timestamp_field").filter(pk=mapping_pk).first()
    mapping_initial = MappingProposalForm.initial_from_mapping(editing) if editing else {}
    mapping_form = bound.get("mapping") or MappingProposalForm(
        **common,
        suggested_title=f"Mapping into {crm_field}",
        timestamp_candidates=selectors.timestamp_field_names(crm_field=crm_field),
        initial=mapping_initial,
        prefix="map",
    )
    outbound_form = bound.get("outbound") or OutboundProposalForm(
        **common,
        suggested_title=f"Send {crm_field} to a destination",
        initial={"target": crm_field.name.lower()},
        prefix="out",
    )
    return {
        "ownership_form": ownership_form,
        "mapping_form": mapping_form,
        "editing_mapping": editing,
        "outbound_form": outbound_form,
    }


def _render_field_detail(request, crm_field: CrmField, bound_forms: dict | None = None, status: int = 200):
    ownership = _ownership_of(crm_field)
    mappings = list(
        crm_field.mappings.select_related("timestamp_field").order_by("source_system", "source_key")
    )
    mapping_records = (
        FieldMapping.history.filter(crm_field_id=crm_field.pk)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    history = sorted(
        _ownership_history(crm_field) + _mapping_history(mapping_records),
        key=lambda entry: entry.when,
        reverse=True,
    )
    context = {
        "field": crm_field,
        "connection": crm_field.crm_object.connection,
        "ownership": ownership,
        "owner_value": _owner_value(ownership),
        "owner_label": Owner(_owner_value(ownership)).label,
        "mappings": mappings,
        "history": history,
        "can_propose": request.user.has_perm(EDIT),
        "outbound_mappings": list(
            crm_field.outbound_mappings.select_related("destination").order_by("destination__name", "target")
        ),
    }
    if context["can_propose"]:
        context.update(_proposal_forms(request, crm_field, bound_forms))
    return render(request, "mappings/field_detail.html", context, status=status)


def _field_for_detail(pk: int) -> CrmField:
    return get_object_or_404(
        CrmField.objects.select_related("crm_object__connection", "ownership"),
        pk=pk,
    )


@require_capability(VIEW_FIELD)
def field_detail(request, pk: int):
    return _render_field_detail(request, _field_for_detail(pk))


def _propose(request, form: DraftChoiceForm, operation: dict, connection: CrmConnection) -> ChangeRequest:
    """Add one operation to the chosen draft, or to a new draft; all or nothing."""
    with transaction.atomic():
        change = form.chosen_draft()
        is_new = change is None
        if is_new:
            change = services.change_request_create(
                connection=connection, author=request.user, title=form.cleaned_data["new_title"]
            )
        item = services.change_request_set_operation(change=change, actor=request.user, operation=operation)
        if item is None and is_new:
            raise ApplicationError("The active catalog already says this; there is nothing to propose.")
    if item is None:
        messages.info(request, f"No change left for this entry in #{change.pk}: it matches the base version.")
    else:
        messages.success(request, f"Added “{item.get_kind_display()}” to draft #{change.pk}.")
    return change


@require_POST
@require_capability(EDIT)
def field_propose(request, pk: int, kind: str):
    crm_field = _field_for_detail(pk)
    connection = crm_field.crm_object.connection
    common = {"user": request.user, "connection": connection}
    if kind == "ownership":
        form = OwnershipProposalForm(request.POST, **common, prefix="own")
    elif kind == "mapping":
        form = MappingProposalForm(
            request.POST,
            **common,
            timestamp_candidates=selectors.timestamp_field_names(crm_field=crm_field),
            prefix="map",
        )
    elif kind == "outbound":
        form = OutboundProposalForm(request.POST, **common, prefix="out")
    else:
        raise Http404("Unknown proposal kind.")
    if form.is_valid():
        try:
            change = _propose(request, form, form.operation(crm_field), connection)
        except ApplicationError as exc:
            for line in _error_lines(exc):
                form.add_error(None, line)
        else:
            return redirect("mappings:change-detail", pk=change.pk)
    return _render_field_detail(request, crm_field, {kind: form}, status=400)


# ---------------------------------------------------------------- mappings


@require_capability(VIEW_MAPPING)
def mapping_list(request):
    filterset = page_filter(filtersets.FieldMappingPageFilterSet, request, selectors.mapping_list())
    context = {"form": filterset.form, "page": page_of(request, filterset.rows)}
    return render(request, "mappings/mapping_list.html", context)


def _mapping_for_detail(pk: int) -> FieldMapping:
    return get_object_or_404(
        FieldMapping.objects.select_related("crm_field__crm_object__connection", "timestamp_field"), pk=pk
    )


def _render_mapping_detail(request, mapping: FieldMapping, delete_form=None, status: int = 200):
    history = (
        FieldMapping.history.filter(id=mapping.pk).select_related("history_user").order_by("-history_date")
    )
    can_propose = request.user.has_perm(EDIT)
    if can_propose and delete_form is None:
        delete_form = DraftChoiceForm(
            user=request.user,
            connection=mapping.crm_field.crm_object.connection,
            suggested_title=f"Delete mapping {mapping.source_system}.{mapping.source_key}",
        )
    context = {
        "mapping": mapping,
        "connection": mapping.crm_field.crm_object.connection,
        "history": _mapping_history(history[:HISTORY_LIMIT]),
        "can_propose": can_propose,
        "delete_form": delete_form,
        "transform_params": json.dumps(mapping.transform_params or {}, sort_keys=True),
    }
    return render(request, "mappings/mapping_detail.html", context, status=status)


@require_capability(VIEW_MAPPING)
def mapping_detail(request, pk: int):
    return _render_mapping_detail(request, _mapping_for_detail(pk))


@require_POST
@require_capability(EDIT)
def mapping_propose_delete(request, pk: int):
    mapping = _mapping_for_detail(pk)
    connection = mapping.crm_field.crm_object.connection
    form = DraftChoiceForm(request.POST, user=request.user, connection=connection)
    if form.is_valid():
        operation = {"kind": ChangeKind.MAPPING_DELETE, "spec": mapping_spec(mapping)}
        try:
            change = _propose(request, form, operation, connection)
        except ApplicationError as exc:
            for line in _error_lines(exc):
                form.add_error(None, line)
        else:
            return redirect("mappings:change-detail", pk=change.pk)
    return _render_mapping_detail(request, mapping, delete_form=form, status=400)


# ---------------------------------------------------------------- change requests


@require_capability(VIEW_CHANGE)
def change_list(request):
    filterset = page_filter(filtersets.ChangeRequestPageFilterSet, request, selectors.change_request_list())
    return render(
        request,
        "mappings/change_list.html",
        {"form": filterset.form, "page": page_of(request, filterset.rows), "open_statuses": OPEN_STATUSES},
    )


@require_capability(EDIT)
def change_create(request):
    if request.method == "POST":
        form = ChangeRequestCreateForm(request.POST)
    else:
        form = ChangeRequestCreateForm(initial={"connection": request.GET.get("connection")})
    if form.is_bound and form.is_valid():
        try:
            change = services.change_request_create(author=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            for line in _error_lines(exc):
                form.add_error(None, line)
        else:
            messages.success(request, f"Draft #{change.pk} created. Propose changes from the catalog pages.")
            return redirect("mappings:change-detail", pk=change.pk)
    status = 400 if form.is_bound else 200
    return render(request, "mappings/change_create.html", {"form": form}, status=status)


@dataclass
class DiffRow:
    attribute: str
    before: str
    after: str
    changed: bool
    label: str = ""


@dataclass
class ItemView:
    item: object
    label: str
    field_pk: int | None
    flags: list[str]
    rows: list[DiffRow] = dataclass_field(default_factory=list)


# Stored choice values shown by their labels on the diff ("Rep-owned", not rep_owned).
CHOICE_LABELS = {
    "owner": Owner,
    "conflict_policy": ConflictPolicy,
    "transform": Transform,
    "null_policy": NullPolicy,
    "source_type": SourceType,
}


def _display(value, attribute: str = "") -> str:
    if value is None or value == "":
        return "—"
    choices = CHOICE_LABELS.get(attribute)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    if isinstance(value, dict) and all(isinstance(v, str | int | float | bool) for v in value.values()):
        return ", ".join(f"{key}: {_display(item)}" for key, item in sorted(value.items()))
    if isinstance(value, dict) and set(value) == {"map"} and isinstance(value["map"], dict):
        return "; ".join(f"{key} → {item}" for key, item in sorted(value["map"].items()))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


# The catalog section each kind of change edits: its attributes and their labels come from compare.SECTIONS,
# so the diff of an outbound mapping, a data class or a consent field shows what that change changes.
KIND_SECTIONS = {
    ChangeKind.MAPPING_SET: "mappings",
    ChangeKind.MAPPING_DELETE: "mappings",
    ChangeKind.OWNERSHIP_SET: "ownership",
    ChangeKind.OWNERSHIP_DELETE: "ownership",
    ChangeKind.OUTBOUND_SET: "outbound",
    ChangeKind.OUTBOUND_DELETE: "outbound",
    ChangeKind.DATA_CLASS_SET: "data_classes",
    ChangeKind.DATA_CLASS_DELETE: "data_classes",
    ChangeKind.CONSENT_SET: "consent",
    ChangeKind.CONSENT_DELETE: "consent",
}


def _diff_rows(item) -> list[DiffRow]:
    section = KIND_SECTIONS.get(item.kind, "ownership")
    rows = []
    for attribute, label in compare.SECTIONS[section][2].items():
        before = item.before.get(attribute) if item.before is not None else None
        after = item.after.get(attribute) if item.after is not None else None
        changed = (item.before is None) != (item.after is None) or before != after
        choices = compare.CHOICES.get((section, attribute))
        rows.append(
            DiffRow(
                attribute,
                _display_in(before, attribute, choices),
                _display_in(after, attribute, choices),
                changed,
                label,
            )
        )
    return rows


def _display_in(value, attribute: str, choices) -> str:
    if choices is not None and value not in (None, "") and value in choices.values:
        return str(choices(value).label)
    if isinstance(value, list) and all(isinstance(entry, str) for entry in value):
        return ", ".join(value) if value else "—"
    return _display(value, attribute)


def _item_label(item) -> tuple[str, tuple[str, str]]:
    spec = item.after or item.before or {}
    target = (spec.get("object", ""), spec.get("field", ""))
    if item.kind in (ChangeKind.MAPPING_SET, ChangeKind.MAPPING_DELETE):
        return f"{spec.get('source_system')}.{spec.get('source_key')} → {target[0]}.{target[1]}", target
    return f"{target[0]}.{target[1]}", target


def _item_views(change: ChangeRequest) -> list[ItemView]:
    items = list(change.items.all())
    labels = [_item_label(item) for item in items]
    targets = {target for _, target in labels}
    field_pks = {
        (object_name, name): pk
        for pk, object_name, name in CrmField.objects.filter(
            crm_object__connection_id=change.connection_id,
            crm_object__name__in={t[0] for t in targets},
            name__in={t[1] for t in targets},
        ).values_list("pk", "crm_object__name", "name")
    }
    return [
        ItemView(
            item=item,
            label=label,
            field_pk=field_pks.get(target),
            flags=risk_flags(item),
            rows=_diff_rows(item),
        )
        for item, (label, target) in zip(items, labels, strict=True)
    ]


def _allowed_actions(change: ChangeRequest, user) -> set[str]:
    """The actions this user may take on this change request now; the services check again."""
    is_author = change.author_id == user.pk
    can_edit, can_approve = user.has_perm(EDIT), user.has_perm(APPROVE)
    stale = change.status in OPEN_STATUSES and change.is_stale
    allowed = set()
    if change.status == ChangeStatus.DRAFT and is_author and can_edit:
        allowed |= {"submit", "remove-item"}
    if change.status == ChangeStatus.SUBMITTED and can_approve and not is_author:
        allowed.add("approve")
    if change.status in (ChangeStatus.SUBMITTED, ChangeStatus.APPROVED) and can_approve and not is_author:
        allowed.add("reject")
    if change.status == ChangeStatus.APPROVED and can_approve and not stale:
        allowed.add("apply")
    if stale and can_edit:
        allowed.add("rebase")
    if can_edit or can_approve:
        allowed.add("comment")
    return allowed


@require_capability(VIEW_CHANGE)
def change_detail(request, pk: int):
    try:
        change = selectors.change_request_detail(pk=pk)
    except ChangeRequest.DoesNotExist as exc:
        raise Http404("No such change request.") from exc
    allowed = _allowed_actions(change, request.user)
    context = {
        "change": change,
        "items": _item_views(change),
        "allowed": allowed,
        "has_actions": bool(allowed & DECISION_ACTIONS),
        "is_stale": change.status in OPEN_STATUSES and change.is_stale,
        "waiting_for": _waiting_for(change, request.user, allowed),
        "comment_form": CommentForm(),
    }
    return render(request, "mappings/change_detail.html", context)


def _waiting_for(change: ChangeRequest, user, allowed: set[str]) -> str:
    """Who the change waits for, when this user cannot move it on (so no page leaves them without a next step)."""
    if change.status == ChangeStatus.SUBMITTED and "approve" not in allowed:
        if change.author_id == user.pk:
            return "Waiting for another sales-ops admin to approve it: nobody approves their own change."
        return "Waiting for a sales-ops admin to approve or reject it."
    if change.status == ChangeStatus.APPROVED and "apply" not in allowed and "rebase" not in allowed:
        return "Approved; waiting for a sales-ops admin to apply it to the active catalog."
    return ""


def _submit(request, change):
    services.change_request_submit(change=change, actor=request.user)
    return "Submitted for approval. A second sales-ops admin must approve it."


def _approve(request, change):
    services.change_request_approve(change=change, approver=request.user, note=request.POST.get("note", ""))
    return "Approved. It can be applied now."


def _reject(request, change):
    services.change_request_reject(change=change, approver=request.user, note=request.POST.get("note", ""))
    return "Rejected."


def _apply(request, change):
    version = services.change_request_apply(change=change, actor=request.user)
    return f"Applied: catalog v{version.number} is now active."


def _rebase(request, change):
    services.change_request_rebase(change=change, actor=request.user)
    return f"Rebased onto catalog v{change.base_version}."


def _comment(request, change):
    services.change_request_comment(change=change, author=request.user, body=request.POST.get("body", ""))
    return "Comment added."


def _remove_item(request, change):
    item_id = parse_id(request.POST.get("item", ""))
    if item_id is None:
        raise ApplicationError("Say which change to remove.")
    services.change_request_remove_item(change=change, actor=request.user, item_id=item_id)
    return "Change removed from the draft."


# action -> (handler, permissions of which the user needs at least one)
CHANGE_ACTIONS = {
    "submit": (_submit, (EDIT,)),
    "approve": (_approve, (APPROVE,)),
    "reject": (_reject, (APPROVE,)),
    "apply": (_apply, (APPROVE,)),
    "rebase": (_rebase, (EDIT,)),
    "comment": (_comment, (EDIT, APPROVE)),
    "remove-item": (_remove_item, (EDIT,)),
}


@require_POST
@require_capability(VIEW_CHANGE)
def change_action(request, pk: int, action: str):
    if action not in CHANGE_ACTIONS:
        raise Http404("Unknown action.")
    handler, permissions = CHANGE_ACTIONS[action]
    capability_check(request.user, *permissions, any_of=True)
    change = get_object_or_404(ChangeRequest.objects.select_related("connection"), pk=pk)
    try:
        messages.success(request, handler(request, change))
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("mappings:change-detail", pk=change.pk)


# ---------------------------------------------------------------- versions


@require_capability(VIEW_VERSION)
def version_list(request):
    filterset = page_filter(filtersets.CatalogVersionFilterSet, request, selectors.catalog_version_list())
    context = {"form": filterset.form, "page": page_of(request, filterset.rows)}
    return render(request, "mappings/version_list.html", context)


def _snapshot_rows(snapshot: dict) -> tuple[list[dict], list[dict]]:
    ownership = [snapshot["ownership"][key] for key in sorted(snapshot["ownership"])]
    mappings = [
        {**spec, "transform_params_text": _display(spec.get("transform_params") or None)}
        for spec in (snapshot["mappings"][key] for key in sorted(snapshot["mappings"]))
    ]
    return ownership, mappings


@require_capability(VIEW_VERSION)
def version_detail(request, pk: int):
    try:
        version = selectors.catalog_version_detail(pk=pk)
    except CatalogVersion.DoesNotExist as exc:
        raise Http404("No such catalog version.") from exc
    ownership, mappings = _snapshot_rows(version.snapshot)
    context = {
        "version": version,
        "ownership": ownership,
        "mappings": mappings,
        "is_active": version.number == version.connection.catalog_version,
        "can_restore": request.user.has_perm(EDIT),
        "owner_labels": dict(Owner.choices),
    }
    return render(request, "mappings/version_detail.html", context)


def _compare_defaults(request) -> dict:
    """The connection and versions to compare when the page opens: the active version against the one before."""
    connection = _connection_from(request) or selectors.connection_names().first()
    if connection is None:
        return {}
    newer = connection.catalog_version
    return {"connection": connection.pk, "older": max(newer - 1, 0), "newer": newer}


@require_capability(VIEW_VERSION)
def version_compare(request):
    defaults = _compare_defaults(request)
    if not defaults:
        return render(request, "mappings/version_compare.html", {"form": None})
    connection = CrmConnection.objects.get(pk=defaults["connection"])
    numbers = selectors.catalog_version_numbers(connection=connection)
    # A version picked for another connection (the connection was just changed) falls back to the default.
    picked = {
        name: value
        for name, value in request.GET.items()
        if name in ("older", "newer") and value.isascii() and value.isdigit() and int(value) in numbers
    }
    form = VersionCompareForm({**defaults, **picked}, numbers=numbers)
    context = {"form": form, "connection": connection}
    if form.is_valid():
        older, newer = sorted((form.cleaned_data["older"], form.cleaned_data["newer"]))
        sections = selectors.catalog_versions_compare(connection=connection, older=older, newer=newer)
        versions = {
            v.number: v
            for v in selectors.catalog_version_list().filter(connection=connection, number__in=[older, newer])
        }
        context.update(
            sections=sections,
            older=older,
            newer=newer,
            older_version=versions.get(older),
            newer_version=versions.get(newer),
            totals={
                change: sum(section.count(change) for section in sections)
                for change in ("added", "removed", "changed")
            },
        )
    return render(request, "mappings/version_compare.html", context, status=200 if form.is_valid() else 400)


@require_POST
@require_capability(EDIT)
def version_restore(request, pk: int):
    version = get_object_or_404(CatalogVersion.objects.select_related("connection"), pk=pk)
    try:
        change = services.catalog_restore_request(
            connection=version.connection, author=request.user, version_number=version.number
        )
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("mappings:version-detail", pk=version.pk)
    messages.success(
        request,
        f"Draft #{change.pk} would restore v{version.number}. Review it, then submit it for approval.",
    )
    return redirect("mappings:change-detail", pk=change.pk)


# ---------------------------------------------------------------- YAML


@require_capability(VIEW_MAPPING, VIEW_OWNERSHIP)
def catalog_export(request, pk: int):
    connection = get_object_or_404(CrmConnection, pk=pk)
    text = yaml_io.catalog_export_yaml(connection=connection)
    filename = f"{slugify(connection.name) or 'catalog'}-catalog-v{connection.catalog_version}.yaml"
    response = HttpResponse(text, content_type="text/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_capability(EDIT)
def catalog_import(request, pk: int):
    connection = get_object_or_404(CrmConnection, pk=pk)
    form = YamlImportForm(request.POST, request.FILES) if request.method == "POST" else YamlImportForm()
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                change = yaml_io.catalog_import_yaml(
                    connection=connection,
                    author=request.user,
                    text=form.yaml_source(),
                    title=form.cleaned_data["title"],
                )
            except ApplicationError as exc:
                for line in _error_lines(exc):
                    form.add_error(None, line)
            else:
                count = change.items.count()
                messages.success(
                    request,
                    f"Draft #{change.pk} holds {count} change(s) from the YAML. Review and submit it.",
                )
                return redirect("mappings:change-detail", pk=change.pk)
    context = {
        "form": form,
        "connection": connection,
        "export_url": reverse("mappings:catalog-export", args=[connection.pk]),
    }
    return render(request, "mappings/catalog_import.html", context, status=status)
