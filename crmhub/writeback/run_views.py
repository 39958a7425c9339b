"""Write-back run pages: Run now for a flow, the run history, one run with its counts, and its failed values
as CSV. Reads go through `crmhub.writeback.selectors`, the run request through `services.flow_run_request`
(which checks the permission again)."""

import csv

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import page_filter
from crmhub.core.paging import page_of
from crmhub.core.permissions import require_capability
from crmhub.core.spreadsheet import safe_cell
from crmhub.writeback import runs, selectors, services
from crmhub.writeback.filtersets import WritebackRunFilterSet
from mappings_app.models import Flow

VIEW_RUN = "writeback.view_writebackrun"
FAILURES_SHOWN = 50
CSV_COLUMNS = ("record", "external_id", "field", "value", "status", "failure_kind", "reason", "value_id")


@require_POST
@require_capability(VIEW_RUN, services.RUN_PERMISSION)
def flow_run_now(request, pk: int):
    flow = get_object_or_404(Flow, pk=pk)
    try:
        run = services.flow_run_request(flow=flow, actor=request.user)
    except services.RunBusy as exc:
        messages.info(request, exc.message)
        busy = services.open_flow_run(flow=flow)
        return redirect("writeback:run", pk=busy.pk) if busy else redirect("writeback:runs")
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("writeback:runs")
    messages.success(request, f"Run #{run.pk} of {flow.name} queued; it starts in a moment.")
    return redirect("writeback:run", pk=run.pk)


@require_capability(VIEW_RUN)
def run_list(request):
    filterset = page_filter(WritebackRunFilterSet, request, selectors.writeback_runs())
    context = {
        "form": filterset.form,
        "page": page_of(request, filterset.rows),
        "flows": selectors.flows_with_last_run(),
        "can_run": request.user.has_perm(services.RUN_PERMISSION),
    }
    return render(request, "writeback/run_list.html", context)


@require_capability(VIEW_RUN)
def run_detail(request, pk: int):
    run = get_object_or_404(selectors.writeback_runs(), pk=pk)
    failures = list(run.failures.all()[:FAILURES_SHOWN])
    context = {
        "run": run,
        "summary": runs.run_summary(run),
        "failures": failures,
        "more_failures": max(0, run.failed_count - len(failures)),
        "can_run": request.user.has_perm(services.RUN_PERMISSION),
    }
    return render(request, "writeback/run_detail.html", context)


@require_capability(VIEW_RUN)
def run_state(request, pk: int):
    """The run's status and counts, for the page to follow a run that is queued or running."""
    run = get_object_or_404(selectors.writeback_runs(), pk=pk)
    return JsonResponse(
        {
            "id": run.pk,
            "status": run.status,
            "status_label": run.get_status_display(),
            "open": run.is_open,
            "summary": runs.run_summary(run),
        }
    )


@require_capability(VIEW_RUN)
def run_failures_csv(request, pk: int):
    run = get_object_or_404(selectors.writeback_runs(), pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="writeback-run-{run.pk}-failed-values.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for failure in run.failures.order_by("pk").iterator():
        writer.writerow(
            [
                safe_cell(failure.crm_id),
                safe_cell(failure.external_id),
                safe_cell(failure.field),
                safe_cell(failure.value),
                failure.get_status_display(),
                failure.get_failure_kind_display() if failure.failure_kind else "",
                safe_cell(failure.reason),
                failure.outcome_id or "",
            ]
        )
    return response
