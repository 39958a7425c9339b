"""Monitoring pages: the landing page (home), overview, one flow, alerts, rules, runbooks and the weekly report. Thin: the work is in
dashboards, selectors and services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import page_filter
from crmhub.core.permissions import require_capability
from crmhub.redirects import safe_next
from mappings_app.models import Flow
from mappings_app.selectors import connection_overview, pending_change_requests
from monitoring_app import dashboards, selectors, services
from monitoring_app.alerts import ALERT_SPECS, format_unit, format_value
from monitoring_app.filtersets import AlertFilterSet
from monitoring_app.forms import BaselineForm, RuleForm
from monitoring_app.models import Alert, AlertKind, AlertRule, AlertStatus
from monitoring_app.overview import attention_tiles

VIEW_METRICS = "monitoring_app.view_metricpoint"
VIEW_ALERTS = "monitoring_app.view_alert"
PAGE_SIZE = 50


@require_capability(VIEW_METRICS)
def overview(request):
    context = dashboards.overview(now=timezone.now())
    return render(request, "monitoring/overview.html", context)


def _days(request) -> int:
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        return 30
    return days if days in dashboards.RANGES else 30


def _drift_threshold(flow: Flow) -> float:
    rule = (
        AlertRule.objects.filter(kind=AlertKind.SCORE_DRIFT, flow__in=[flow, None]).order_by("flow_id").last()
    )
    return rule.threshold if rule else ALERT_SPECS[AlertKind.SCORE_DRIFT].threshold


@require_capability(VIEW_METRICS)
def flow_detail(request, pk: int):
    flow = get_object_or_404(Flow.objects.select_related("connection", "crm_object"), pk=pk)
    now = timezone.now()
    days = _days(request)
    fields = selectors.mapped_fields([flow]).get(flow.pk, [])
    numeric = [name for name, numeric_ai in fields if numeric_ai]
    context = {
        "flow": flow,
        "days": days,
        "ranges": dashboards.RANGES,
        **dashboards.flow_dashboard(flow=flow, days=days, now=now, drift_threshold=_drift_threshold(flow)),
        "distributions": dashboards.distribution_charts(flow=flow, numeric_fields=numeric, now=now),
        "alerts": list(selectors.unresolved_alerts().filter(flow=flow)),
        "baseline_form": BaselineForm(
            fields=numeric, initial={"period_start": now - timezone.timedelta(days=7), "period_end": now}
        ),
        "can_set_baseline": request.user.has_perm(services.BASELINE_PERMISSION),
    }
    return render(request, "monitoring/flow_detail.html", context)


@require_POST
@require_capability(services.BASELINE_PERMISSION)
def baseline_set(request, pk: int):
    flow = get_object_or_404(Flow, pk=pk)
    numeric = [name for name, numeric_ai in selectors.mapped_fields([flow]).get(flow.pk, []) if numeric_ai]
    form = BaselineForm(request.POST, fields=numeric)
    if not form.is_valid():
        messages.error(request, "The baseline needs a field and a period: " + form.errors.as_text())
    else:
        try:
            baseline = services.baseline_set(flow=flow, actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"New baseline for {baseline.field_name}: {baseline.sample_size} values."
            )
    return redirect("monitoring:flow", pk=flow.pk)


@require_capability(VIEW_ALERTS)
def alert_list(request):
    filterset = page_filter(AlertFilterSet, request, selectors.alerts_list())
    page = Paginator(filterset.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/alert_list.html", {"form": filterset.form, "page": page})


@require_capability(VIEW_ALERTS)
def alert_detail(request, pk: int):
    alert = get_object_or_404(
        Alert.objects.select_related("flow", "connection", "rule", "acknowledged_by"), pk=pk
    )
    context = {
        "alert": alert,
        "spec": ALERT_SPECS[alert.kind],
        "value": format_value(alert.kind, alert.value),
        "threshold": format_value(alert.kind, alert.threshold),
        "notifications": alert.notifications.select_related("channel"),
        "can_acknowledge": alert.status == AlertStatus.OPEN
        and request.user.has_perm(services.ACKNOWLEDGE_PERMISSION),
    }
    return render(request, "monitoring/alert_detail.html", context)


@require_POST
@require_capability(services.ACKNOWLEDGE_PERMISSION)
def alert_acknowledge(request, pk: int):
    alert = get_object_or_404(Alert, pk=pk)
    try:
        services.alert_acknowledge(alert=alert, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Alert acknowledged; it resolves by itself when the value recovers.")
    return redirect(safe_next(request, reverse("monitoring:alert", args=[pk])))


@require_capability("monitoring_app.view_alertrule")
def rule_list(request):
    services.alert_rules_ensure_defaults()
    rules = [
        {"rule": rule, "spec": ALERT_SPECS[rule.kind], "threshold": format_value(rule.kind, rule.threshold)}
        for rule in selectors.rules_list()
    ]
    context = {
        "rules": rules,
        "flows": Flow.objects.all(),
        "kinds": AlertKind.choices,
        "can_edit": request.user.has_perm(services.RULE_PERMISSION),
    }
    return render(request, "monitoring/rule_list.html", context)


@require_POST
@require_capability(services.RULE_PERMISSION)
def rule_edit(request, pk: int):
    rule = get_object_or_404(AlertRule, pk=pk)
    form = RuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Threshold and minimum sample size must be numbers.")
    else:
        services.alert_rule_update(rule=rule, actor=request.user, **form.cleaned_data)
        messages.success(request, f"Saved: {rule}.")
    return redirect("monitoring:rules")


@require_POST
@require_capability("monitoring_app.add_alertrule")
def rule_override(request):
    flow = get_object_or_404(Flow, pk=request.POST.get("flow") or 0)
    kind = request.POST.get("kind", "")
    if kind not in ALERT_SPECS:
        raise Http404("No such alert kind.")
    rule = services.alert_rule_override(kind=kind, flow=flow, actor=request.user)
    messages.success(
        request, f"{flow.name} now has its own rule for “{rule.get_kind_display()}”; edit it below."
    )
    return redirect("monitoring:rules")


@require_capability(VIEW_ALERTS)
def runbook_list(request):
    return render(
        request,
        "monitoring/runbook_list.html",
        {"specs": [(AlertKind(k).label, s) for k, s in ALERT_SPECS.items()]},
    )


@require_capability(VIEW_ALERTS)
def runbook(request, kind: str):
    if kind not in ALERT_SPECS:
        raise Http404("No such alert kind.")
    spec = ALERT_SPECS[kind]
    context = {
        "kind": kind,
        "label": AlertKind(kind).label,
        "spec": spec,
        "default": format_unit(spec.unit, spec.threshold),
    }
    return render(request, "monitoring/runbook.html", context)


@require_capability(VIEW_METRICS)
def weekly_report(request):
    return render(request, "monitoring/weekly_report.html", {"report": selectors.weekly_report()})


def home(request):
    """The landing page: what needs attention, connections with their catalog size, what waits for a decision."""
    can_see_catalog = request.user.has_perm("mappings_app.view_crmfield")
    context = {
        "attention": attention_tiles(user=request.user, now=timezone.now()),
        "connections": connection_overview() if can_see_catalog else [],
        "pending_changes": pending_change_requests()[:10]
        if request.user.has_perm("mappings_app.view_changerequest")
        else [],
    }
    return render(request, "home.html", context)
