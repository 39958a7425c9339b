"""Pages of exports: destinations (Test, Run now, backfill, reconcile), runs, failed rows as CSV, lineage."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from crmhub.core.errors import ApplicationError
from crmhub.core.paging import page_of
from crmhub.core.permissions import require_capability
from crmhub.exports import lineage, reconciliation, selectors, services, spreadsheets
from crmhub.exports.forms import BackfillForm, DestinationForm, RecordLookupForm
from crmhub.exports.models import Destination, ExportRun, FailedRowStatus
from crmhub.models import CrmConnection

VIEW = "exports.view_destination"
VIEW_RUNS = "exports.view_exportrun"
MANAGE = services.MANAGE_PERMISSION
RUN = services.RUN_PERMISSION


def _error_text(exc: ApplicationError) -> str:
    return " ".join([exc.message, *exc.problems])


@require_capability(VIEW)
def destination_list(request):
    destinations = list(selectors.destination_list())
    last_runs = {run.destination_id: run for run in selectors.latest_runs(destinations=destinations)}
    rows = [(d, last_runs.get(d.pk)) for d in destinations]
    return render(
        request, "exports/destination_list.html", {"rows": rows, "can_manage": request.user.has_perm(MANAGE)}
    )


@require_capability(MANAGE)
def destination_edit(request, pk: int | None = None):
    destination = get_object_or_404(Destination, pk=pk) if pk else None
    form = DestinationForm(request.POST or None, request.FILES or None, instance=destination)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.destination_save(destination=form.save(commit=False), actor=request.user)
        except ApplicationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, f"Destination “{saved.name}” saved.")
            if request.POST.get("and_test"):
                tested = services.destination_test(destination=saved, actor=request.user)
                (messages.success if tested.last_test_ok else messages.error)(
                    request, tested.last_test_message
                )
            return redirect("exports:destination-detail", saved.pk)
    return render(request, "exports/destination_form.html", {"form": form, "destination": destination})


@require_capability(VIEW)
def destination_detail(request, pk: int):
    destination = get_object_or_404(Destination, pk=pk)
    user = request.user
    latest = destination.reconciliations.first()
    findings = reconciliation.findings_for_people(latest.findings) if latest else []
    context = {
        "destination": destination,
        "columns": lineage.destination_lineage(destination=destination),
        "objects": selectors.objects_fed_named(destination=destination),
        "runs": selectors.export_run_list(destination=destination)[:20],
        "reconciliation": latest,
        "differing": [row for row in findings if not row.ok],
        "agreeing": [row for row in findings if row.ok],
        "open_failed": selectors.failed_rows(destination=destination, status=FailedRowStatus.OPEN).count(),
        "suppression_lag": reconciliation.suppression_lag_max(destination=destination),
        "can_manage": user.has_perm(MANAGE),
        "can_run": user.has_perm(RUN),
    }
    return render(request, "exports/destination_detail.html", context)


@require_POST
@require_capability(MANAGE)
def destination_test(request, pk: int):
    destination = services.destination_test(
        destination=get_object_or_404(Destination, pk=pk), actor=request.user
    )
    (messages.success if destination.last_test_ok else messages.error)(request, destination.last_test_message)
    return redirect("exports:destination-detail", pk)


@require_POST
@require_capability(RUN)
def destination_run(request, pk: int):
    try:
        run = services.export_run_request(
            destination=get_object_or_404(Destination, pk=pk), actor=request.user
        )
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, f"Export run #{run.pk} queued.")
    return redirect("exports:destination-detail", pk)


@require_POST
@require_capability(RUN)
def destination_backfill(request, pk: int):
    destination = get_object_or_404(Destination, pk=pk)
    form = BackfillForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an object and a start time (or a full refresh).")
        return redirect("exports:destination-detail", pk)
    data = form.cleaned_data
    if not data["full_refresh"] and not data["since"]:
        messages.error(request, "A backfill needs a start time.")
        return redirect("exports:destination-detail", pk)
    try:
        run = services.export_backfill_request(
            destination=destination,
            connection=get_object_or_404(CrmConnection, pk=data["connection"]),
            object_name=data["object_name"],
            since=data["since"],
            full_refresh=data["full_refresh"],
            actor=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request, f"{run.get_kind_display()} requested: sync run #{run.sync_run_id} reads the CRM again."
        )
    return redirect("exports:destination-detail", pk)


@require_POST
@require_capability(RUN)
def destination_reconcile(request, pk: int):
    destination = get_object_or_404(Destination, pk=pk)
    try:
        result = reconciliation.reconcile(destination=destination)
        reconciliation.export_alerts_evaluate(destination=destination, reconciliation=result)
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    else:
        (messages.success if result.ok else messages.warning)(
            request,
            "The destination agrees with the CRM."
            if result.ok
            else f"{result.differences} differences found.",
        )
    return redirect("exports:destination-detail", pk)


@require_POST
@require_capability(RUN)
def failed_rows_replay(request, pk: int):
    run = services.failed_rows_replay(destination=get_object_or_404(Destination, pk=pk), actor=request.user)
    if run is None:
        messages.info(request, "No open failed row to replay.")
    else:
        messages.success(request, f"Failed rows put back; export run #{run.pk} queued.")
    return redirect("exports:destination-detail", pk)


@require_capability(VIEW, VIEW_RUNS)
def failed_rows_csv(request, pk: int):
    destination = get_object_or_404(Destination, pk=pk)
    run_id = request.GET.get("run")
    run_id = int(run_id) if run_id and run_id.isdigit() else None
    name = (
        f"failed-rows-{slugify(destination.name) or destination.pk}{f'-run-{run_id}' if run_id else ''}.csv"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # the byte-order mark that makes Excel read the file as UTF-8
    zone = spreadsheets.reader_zone(request.GET.get("tz"))
    csv.writer(response).writerows(
        spreadsheets.failed_rows_sheet(destination=destination, zone=zone, run_id=run_id)
    )
    return response


@require_capability(VIEW_RUNS)
def run_list(request):
    page = page_of(request, selectors.export_run_list())
    return render(request, "exports/run_list.html", {"page": page})


@require_capability(VIEW_RUNS)
def run_detail(request, pk: int):
    run = get_object_or_404(ExportRun.objects.select_related("destination", "connection", "sync_run"), pk=pk)
    return render(
        request,
        "exports/run_detail.html",
        {
            "run": run,
            "object_label": selectors.object_label(connection=run.connection, object_name=run.object_name),
            "failed": run.failed_rows.select_related("connection")[:100],
        },
    )


@require_capability(VIEW)
def record_lineage(request, pk: int):
    destination = get_object_or_404(Destination, pk=pk)
    form = RecordLookupForm(request.GET or None)
    found = None
    if form.is_valid():
        connection_pk, object_name = form.cleaned_data["target"]
        found = lineage.record_lineage(
            destination=destination,
            connection=get_object_or_404(CrmConnection, pk=connection_pk),
            object_name=object_name,
            crm_id=form.cleaned_data["crm_id"],
        )
    objects = selectors.objects_fed_named(destination=destination)
    return render(
        request,
        "exports/record_lineage.html",
        {
            "destination": destination,
            "form": form,
            "found": found,
            "objects": objects,
            "found_label": next(
                (item.label for item in objects if found and item.name == found.object_name), ""
            ),
        },
    )
