"""Monitoring pages: the landing page (home), overview, one flow, alerts, rules, runbooks and the weekly report. Thin: the work is in
dashboards, selectors and services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import page_filter
from crmhub.core.permissions import require_capability
from crmhub.core.timestamps import parse_timestamp_or_none
from crmhub.models import CrmConnection
from crmhub.redirects import safe_next
from crmhub.sync.models import SyncState
from mappings_app.models import CrmObject, Flow
from mappings_app.selectors import connection_overview, pending_change_requests
from monitoring_app import channels, dashboards, event_tail, reconciliation, selectors, services, suppression
from monitoring_app.alerts import ALERT_SPECS, format_unit, format_value
from monitoring_app.filtersets import AlertFilterSet
from monitoring_app.forms import BaselineForm, ChannelForm, EventTailForm, RuleForm
from monitoring_app.models import Alert, AlertKind, AlertRule, AlertStatus, ChannelKind, NotificationChannel
from monitoring_app.overview import attention_tiles

VIEW_METRICS = "monitoring_app.view_metricpoint"
VIEW_ALERTS = "monitoring_app.view_alert"
PAGE_SIZE = 50


@require_capability(VIEW_METRICS)
def overview(request):
    context = dashboards.overview(now=timezone.now())
    context.update(suppression.overview(now=timezone.now()))
    context.update(reconciliation.overview(now=timezone.now()))
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


@require_safe
@require_capability()
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


# -- the live event tail ---------------------------------------------------------------------------------


def _tail_form(request) -> EventTailForm:
    return EventTailForm(
        request.GET,
        connections=list(CrmConnection.objects.order_by("name").values_list("pk", "name")),
        objects=sorted(
            set(CrmObject.objects.values_list("name", flat=True))
            | set(SyncState.objects.values_list("object_name", flat=True))
        ),
        kinds=event_tail.kinds_for(request.user),
    )


def _tail_filters(form: EventTailForm) -> event_tail.TailFilters:
    form.is_valid()
    values = {name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors}
    return event_tail.TailFilters(
        connection_id=values.get("connection"),
        object_name=values.get("object_name") or "",
        kinds=tuple(values.get("kind") or ()),
        record=(values.get("record") or "").strip(),
    )


@require_capability(VIEW_METRICS)
def event_tail_page(request):
    form = _tail_form(request)
    filters = _tail_filters(form)
    events = event_tail.tail_events(user=request.user, filters=filters, limit=event_tail.PAGE_EVENTS)
    context = {
        "form": form,
        "events": events,
        "feed_url": reverse("monitoring:event-tail-feed")
        + ("?" + request.GET.urlencode() if request.GET else ""),
        "newest": events[0].at.isoformat() if events else "",
    }
    return render(request, "monitoring/event_tail.html", context)


@require_capability(VIEW_METRICS)
def event_tail_feed(request):
    """The events since `since` (an ISO moment; the newest ones without it), as JSON, for the page to poll."""
    form = _tail_form(request)
    since = parse_timestamp_or_none(request.GET.get("since", ""))
    events = event_tail.tail_events(
        user=request.user, filters=_tail_filters(form), since=since, limit=event_tail.LIMIT
    )
    return JsonResponse(
        {
            "events": [event.as_json() for event in events],
            "now": timezone.now().isoformat(),
            "errors": {name: [str(e) for e in errors] for name, errors in form.errors.items()},
        }
    )


# -- notification channels --------------------------------------------------------------------------------


VIEW_CHANNELS = "monitoring_app.view_notificationchannel"


def _channel_form(request, channel=None) -> ChannelForm:
    initial = None
    if channel is not None:
        initial = {
            "name": channel.name,
            "kind": channel.kind,
            "enabled": channel.enabled,
            "addresses": channel.target if channel.kind == "email" else "",
            "events_url": channel.target if channel.kind == "pagerduty" else "",
            "alert_kinds": channel.alert_kinds,
            "weekly_report": channel.weekly_report,
        }
    return ChannelForm(
        request.POST or None, initial=initial, kinds=ChannelKind.choices, alert_kinds=AlertKind.choices
    )


def _channel_edit(request, channel=None):
    form = _channel_form(request, channel)
    if request.method == "POST" and form.is_valid():
        try:
            saved = channels.channel_save(
                actor=request.user, channel=channel, data=channels.ChannelInput(**form.cleaned_data)
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Channel “{saved.name}” saved. Send a test to check it.")
            return redirect("monitoring:channels")
    context = {
        "form": form,
        "channel": channel,
        "shown": channels.where_shown(channel) if channel else "",
        "secrets": sorted(key for key in (channel.secret or {}) if key in channels.SECRET_KEYS)
        if channel
        else [],
    }
    return render(request, "monitoring/channel_form.html", context)


@require_capability(VIEW_CHANNELS)
def channel_list(request):
    rows = [(channel, channels.where_shown(channel)) for channel in NotificationChannel.objects.all()]
    kind_labels = dict(AlertKind.choices)
    context = {
        "rows": [
            (channel, shown, [kind_labels.get(kind, kind) for kind in channel.alert_kinds])
            for channel, shown in rows
        ],
        "can_change": request.user.has_perm(channels.CHANGE_PERMISSION),
        "can_add": request.user.has_perm(channels.ADD_PERMISSION),
    }
    return render(request, "monitoring/channel_list.html", context)


@require_capability(VIEW_CHANNELS, channels.ADD_PERMISSION)
def channel_create(request):
    return _channel_edit(request)


@require_capability(VIEW_CHANNELS, channels.CHANGE_PERMISSION)
def channel_edit(request, pk: int):
    return _channel_edit(request, get_object_or_404(NotificationChannel, pk=pk))


@require_POST
@require_capability(VIEW_CHANNELS, channels.CHANGE_PERMISSION)
def channel_test(request, pk: int):
    channel = get_object_or_404(NotificationChannel, pk=pk)
    ok, detail = channels.channel_test_send(actor=request.user, channel=channel)
    (messages.success if ok else messages.error)(request, f"Test of “{channel.name}”: {detail}")
    return redirect("monitoring:channels")


@require_POST
@require_capability(VIEW_CHANNELS, channels.CHANGE_PERMISSION)
def channel_set_enabled(request, pk: int):
    channel = get_object_or_404(NotificationChannel, pk=pk)
    enabled = request.POST.get("enabled") == "1"
    channels.channel_set_enabled(actor=request.user, channel=channel, enabled=enabled)
    messages.success(request, f"Channel “{channel.name}” {'enabled' if enabled else 'disabled'}.")
    return redirect("monitoring:channels")
