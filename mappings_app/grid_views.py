"""The grid mapping editor's pages: one CRM object, all its fields, saved into a draft change request.
Thin: rows, previews and operations come from mappings_app.grid, the draft from mappings_app.services."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import parse_id
from crmhub.core.permissions import require_capability
from mappings_app import grid, services
from mappings_app.forms import DraftChoiceForm
from mappings_app.models import (
    ConflictPolicy,
    CrmObject,
    FieldMapping,
    FieldType,
    Flow,
    NullPolicy,
    Owner,
    SourceType,
    Transform,
)

VIEW = ("mappings_app.view_crmfield", "mappings_app.view_fieldmapping")
EDIT = services.EDIT_PERMISSION
ROW_ATTRIBUTES = (
    "source_key",
    "source_type",
    "owner",
    "conflict_policy",
    "transform",
    "digits",
    "value_map",
    "default",
    "assume_tz",
    "format",
    "null_policy",
    "timestamp_field",
    "samples",
)


def _object(pk: int) -> CrmObject:
    return get_object_or_404(CrmObject.objects.select_related("connection"), pk=pk)


def _source_systems(crm_object: CrmObject) -> list[str]:
    flows = Flow.objects.filter(crm_object=crm_object).values_list("source_system", flat=True)
    mapped = FieldMapping.objects.filter(crm_field__crm_object=crm_object).values_list(
        "source_system", flat=True
    )
    return sorted(set(flows) | set(mapped))


def _row_values(data, pk: int) -> dict:
    values = {name: data.get(f"r{pk}-{name}", "") for name in ROW_ATTRIBUTES}
    values["enabled"] = f"r{pk}-enabled" in data
    return values


def _render(request, crm_object, source_system, *, submitted=None, draft_form=None, errors=(), status=200):
    rows = grid.grid_rows(crm_object=crm_object, source_system=source_system) if source_system else []
    timestamp_choices = [
        row.crm_field.name for row in rows if row.crm_field.field_type in (FieldType.DATE, FieldType.DATETIME)
    ]
    for row in rows:
        row.form = (submitted or {}).get(row.crm_field.pk) or row.values
        row.preview = grid.preview(target=row.crm_field, values=row.form) if row.form["samples"] else []
    can_edit = request.user.has_perm(EDIT)
    if can_edit and draft_form is None:
        draft_form = DraftChoiceForm(
            user=request.user,
            connection=crm_object.connection,
            suggested_title=f"Mappings of {crm_object.name}",
        )
    context = {
        "crm_object": crm_object,
        "connection": crm_object.connection,
        "source_system": source_system,
        "source_systems": _source_systems(crm_object),
        "rows": rows,
        "mapped_count": sum(1 for row in rows if row.form["source_key"]),
        "timestamp_choices": timestamp_choices,
        "can_edit": can_edit,
        "draft_form": draft_form,
        "errors": errors,
        "choices": {
            "source_type": SourceType.choices,
            "owner": Owner.choices,
            "conflict_policy": ConflictPolicy.choices,
            "transform": Transform.choices,
            "null_policy": NullPolicy.choices,
        },
    }
    return render(request, "mappings/object_grid.html", context, status=status)


@require_capability(*VIEW)
def object_grid(request, pk: int):
    crm_object = _object(pk)
    source_system = (request.GET.get("source") or "").strip()
    if not source_system:
        known = _source_systems(crm_object)
        source_system = known[0] if known else ""
    return _render(request, crm_object, source_system)


@require_capability(*VIEW)
def object_grid_by_name(request, pk: int, name: str):
    """The catalog page links objects by name (it has read their names, not their ids)."""
    crm_object = get_object_or_404(CrmObject, connection_id=pk, name=name)
    return redirect("mappings:object-grid", pk=crm_object.pk)


@require_POST
@require_capability(*VIEW, EDIT)
def object_grid_save(request, pk: int):
    crm_object = _object(pk)
    source_system = (request.POST.get("source") or "").strip()
    field_pks = list(crm_object.fields.filter(is_deleted=False).values_list("pk", flat=True))
    submitted = {pk: _row_values(request.POST, pk) for pk in field_pks if f"r{pk}-owner" in request.POST}
    form = DraftChoiceForm(request.POST, user=request.user, connection=crm_object.connection)
    if not form.is_valid():
        return _render(request, crm_object, source_system, submitted=submitted, draft_form=form, status=400)
    try:
        draft, changed = services.mapping_grid_propose(
            actor=request.user,
            crm_object=crm_object,
            source_system=source_system,
            submitted=submitted,
            draft=form.chosen_draft(),
            title=form.cleaned_data["new_title"],
        )
    except ApplicationError as exc:
        errors = [exc.message, *exc.problems]
        return _render(
            request,
            crm_object,
            source_system,
            submitted=submitted,
            draft_form=form,
            errors=errors,
            status=400,
        )
    messages.success(
        request,
        f"{changed} change(s) from the grid are in draft #{draft.pk}. Review it, then submit it for approval.",
    )
    return redirect("mappings:change-detail", pk=draft.pk)


@require_POST
@require_capability(*VIEW)
def object_grid_preview(request, pk: int):
    """The live preview of one row (static/js/mapping_grid.js asks as the row's settings change)."""
    crm_object = _object(pk)
    field_pk = parse_id(request.POST.get("field", ""))
    target = get_object_or_404(crm_object.fields, pk=field_pk) if field_pk else None
    if target is None:
        return JsonResponse({"error": "Say which field."}, status=400)
    lines = grid.preview(target=target, values=_row_values(request.POST, target.pk))
    return JsonResponse(
        {"lines": [{"raw": line.raw, "result": line.result, "ok": line.ok} for line in lines]}
    )
