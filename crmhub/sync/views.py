"""Webhook receivers (no session, authenticated per provider) and the sync pages (runs, events, triggers)."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from crmhub.connectors import CrmError
from crmhub.connectors.salesforce.webhooks import SOAP_ACK
from crmhub.connectors.webhooks import WebhookRequest
from crmhub.core import clock
from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import page_filter
from crmhub.core.paging import page_of
from crmhub.core.permissions import require_capability
from crmhub.middleware import declared_body_length
from crmhub.models import CrmConnection
from crmhub.sync import filtersets, rules, selectors, services, webhooks
from crmhub.sync.forms import DryRunForm, TriggerRuleForm, WebhookEndpointForm, action_params_help
from crmhub.sync.models import SyncState, TriggerExecution, TriggerRule, WebhookEndpoint
from mappings_app.models import CrmObject

# -- webhooks ---------------------------------------------------------------------------------------------


def _endpoint(token: str, provider: str) -> WebhookEndpoint:
    return get_object_or_404(
        WebhookEndpoint.objects.select_related("connection"),
        token=token,
        enabled=True,
        connection__provider=provider,
    )


def _read_body(request, content_types: tuple[str, ...]) -> bytes:
    """The body, if its type is one the provider sends and it fits the cap (the middleware refuses a larger
    declared length before this; this also holds where it is not installed)."""
    if request.content_type not in content_types:
        raise webhooks.WebhookRejected(f"Content-Type must be {' or '.join(content_types)}.", 415)
    limit = settings.WEBHOOK_MAX_BODY_BYTES
    declared = declared_body_length(request)
    if declared is None or declared > limit or len(request.body) > limit:
        raise webhooks.WebhookRejected(f"Body larger than {limit} bytes.", 413)
    return request.body


def _parse_delivery(request, endpoint: WebhookEndpoint, channel: str = "events") -> list:
    """Type and size, then the CRM's own receiver: authentication, then each event on its own."""
    receiver = webhooks.webhook_receiver(endpoint=endpoint, channel=channel)
    body = _read_body(request, receiver.content_types)
    delivery = WebhookRequest(
        method=request.method,
        uri=request.build_absolute_uri(),
        headers=request.headers,
        query=request.GET,
        body=body,
    )
    return webhooks.webhook_delivery_parse(endpoint=endpoint, receiver=receiver, request=delivery)


@csrf_exempt
@require_POST
def crm_webhook(request, token: str, provider: str):
    """A CRM's JSON events (the URL names the provider). A bad event is rejected alone, and a delivery with
    nothing usable is answered 4xx so the provider does not retry it forever."""
    endpoint = _endpoint(token, provider)
    try:
        events = _parse_delivery(request, endpoint)
    except webhooks.WebhookRejected as exc:
        webhooks.webhook_rejection_record(endpoint=endpoint, rejection=exc)
        return JsonResponse({"error": exc.reason}, status=exc.status)
    summary = webhooks.webhook_events_ingest(endpoint=endpoint, events=events)
    if summary.nothing_usable:
        return JsonResponse(
            {"error": "No event of the delivery could be stored.", **summary.as_response()}, status=400
        )
    return JsonResponse(summary.as_response())


@csrf_exempt
@require_POST
def salesforce_outbound_webhook(request, token: str):
    """Outbound Messages: plain-text errors, and an Ack that Salesforce reads (it retries without one)."""
    endpoint = _endpoint(token, "salesforce")
    try:
        events = _parse_delivery(request, endpoint, channel="outbound")
    except webhooks.WebhookRejected as exc:
        webhooks.webhook_rejection_record(endpoint=endpoint, rejection=exc)
        return HttpResponse(exc.reason, status=exc.status, content_type="text/plain")
    summary = webhooks.webhook_events_ingest(endpoint=endpoint, events=events)
    if summary.nothing_usable:
        return HttpResponse("No notification could be stored.", status=400, content_type="text/plain")
    return HttpResponse(SOAP_ACK, content_type="text/xml; charset=utf-8")


# -- pages ------------------------------------------------------------------------------------------------


@require_capability("sync.view_syncrun")
def run_list(request):
    filterset = page_filter(filtersets.SyncRunPageFilterSet, request, selectors.sync_runs_list())
    context = {
        "page": page_of(request, filterset.rows),
        "form": filterset.form,
        "filterset": filterset,
        "states": selectors.sync_states_list(),
    }
    return render(request, "sync/run_list.html", context)


@require_POST
@require_capability(services.RUN_PERMISSION)
def run_now(request, pk: int):
    """Run now: an incremental run of one synced object, queued at once (one open run per object)."""
    state = get_object_or_404(SyncState.objects.select_related("connection"), pk=pk)
    try:
        run = services.sync_run_request(
            connection=state.connection, object_name=state.object_name, actor=request.user
        )
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("sync:run-list")
    messages.success(request, f"Sync run #{run.pk} of {state.object_name} queued; it starts in a moment.")
    return redirect("sync:run-detail", pk=run.pk)


@require_capability("sync.view_syncrun")
def run_detail(request, pk: int):
    run = get_object_or_404(selectors.sync_runs_list(), pk=pk)
    return render(request, "sync/run_detail.html", {"run": run})


@require_capability("sync.view_webhookevent")
def event_list(request):
    filterset = page_filter(filtersets.WebhookEventFilterSet, request, selectors.webhook_events_list())
    return render(
        request, "sync/event_list.html", {"page": page_of(request, filterset.rows), "filterset": filterset}
    )


@require_capability("sync.view_triggerexecution")
def execution_list(request):
    filterset = page_filter(
        filtersets.TriggerExecutionFilterSet, request, selectors.trigger_executions_list()
    )
    context = {
        "page": page_of(request, filterset.rows),
        "filterset": filterset,
        "rules": selectors.trigger_rules_list(),
    }
    return render(request, "sync/execution_list.html", context)


# -- trigger rules ------------------------------------------------------------------------------------


def _rule_form_context(form, rule=None) -> dict:
    return {
        "form": form,
        "rule": rule,
        "action_help": action_params_help(),
        "objects": CrmObject.objects.values_list("name", flat=True).distinct().order_by("name"),
        "has_secret": bool(rule and (rule.secret or {}).get("signing_secret")),
    }


@require_capability("sync.view_triggerrule")
def rule_list(request):
    user = request.user
    context = {
        "rules": selectors.trigger_rules_overview(),
        "can_add": user.has_perm(rules.ADD_PERMISSION),
        "can_change": user.has_perm(rules.CHANGE_PERMISSION),
        "can_delete": user.has_perm(rules.DELETE_PERMISSION),
    }
    return render(request, "sync/rule_list.html", context)


@require_capability(rules.ADD_PERMISSION)
def rule_create(request):
    form = TriggerRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = rules.trigger_rule_create(
                actor=request.user, **form.rule_fields(), **form.secret_options()
            )
        except rules.RuleInvalid as exc:
            form.add_rule_errors(exc)
        else:
            messages.success(request, f"Trigger rule “{rule.name}” created.")
            return redirect("sync:rule-list")
    return render(request, "sync/rule_form.html", _rule_form_context(form))


@require_capability(rules.CHANGE_PERMISSION)
def rule_edit(request, pk: int):
    rule = get_object_or_404(TriggerRule, pk=pk)
    form = TriggerRuleForm.for_rule(rule, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = rules.trigger_rule_update(
                rule=rule, actor=request.user, **form.rule_fields(), **form.secret_options()
            )
        except rules.RuleInvalid as exc:
            form.add_rule_errors(exc)
        else:
            messages.success(request, f"Trigger rule “{rule.name}” saved.")
            return redirect("sync:rule-list")
    return render(request, "sync/rule_form.html", _rule_form_context(form, rule))


@require_POST
@require_capability(rules.CHANGE_PERMISSION)
def rule_set_enabled(request, pk: int):
    rule = get_object_or_404(TriggerRule, pk=pk)
    enabled = request.POST.get("enabled") == "1"
    rules.trigger_rule_set_enabled(rule=rule, enabled=enabled, actor=request.user)
    messages.success(request, f"Trigger rule “{rule.name}” {'enabled' if enabled else 'disabled'}.")
    return redirect("sync:rule-list")


@require_capability(rules.DELETE_PERMISSION)
def rule_delete(request, pk: int):
    rule = get_object_or_404(TriggerRule.objects.select_related("connection"), pk=pk)
    if request.method == "POST":
        name = rule.name
        executions = rules.trigger_rule_delete(rule=rule, actor=request.user)
        messages.success(request, f"Trigger rule “{name}” deleted with its {executions} execution(s).")
        return redirect("sync:rule-list")
    executions = TriggerExecution.objects.filter(rule=rule).count()
    return render(request, "sync/rule_delete.html", {"rule": rule, "executions": executions})


@require_capability(rules.CHANGE_PERMISSION)
def rule_test(request, pk: int):
    rule = get_object_or_404(TriggerRule.objects.select_related("connection"), pk=pk)
    form = DryRunForm(request.POST or request.GET or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = rules.trigger_rule_dry_run(
                rule=rule, crm_id=form.cleaned_data["crm_id"], actor=request.user
            )
        except (ApplicationError, CrmError) as exc:
            form.add_error(None, getattr(exc, "message", str(exc)))
    return render(request, "sync/rule_test.html", {"rule": rule, "form": form, "result": result})


# -- webhook endpoints --------------------------------------------------------------------------------


WEBHOOK_URL_NAMES = {
    "hubspot": [("Webhook URL (subscriptions)", "webhook-hubspot")],
    "pipedrive": [("Webhook URL (v2 webhooks)", "webhook-pipedrive")],
    "salesforce": [
        ("Change Data Capture relay", "webhook-salesforce"),
        ("Outbound Messages endpoint", "webhook-salesforce-outbound"),
    ],
}


# What the URL needs besides its token: the query part an admin completes with the secret (never shown here).
WEBHOOK_URL_SUFFIXES = {"webhook-salesforce-outbound": "?secret=<the Outbound Messages secret>"}


def _endpoint_urls(request, row) -> list[tuple[str, str]]:
    if row.endpoint is None:
        return []
    return [
        (
            label,
            request.build_absolute_uri(reverse(name, args=[row.endpoint.token]))
            + WEBHOOK_URL_SUFFIXES.get(name, ""),
        )
        for label, name in WEBHOOK_URL_NAMES.get(row.connection.provider, [])
    ]


@require_capability("sync.view_webhookendpoint")
def endpoint_list(request):
    """Everyone with the view permission sees the endpoints' state; only those who manage endpoints see
    the URLs, whose path token is what lets a delivery reach an endpoint at all."""
    can_manage = request.user.has_perm(webhooks.ENDPOINT_PERMISSION)
    rows = selectors.webhook_endpoints_overview(now=clock.now())
    for row in rows:
        row.urls = _endpoint_urls(request, row) if can_manage else []
    return render(request, "sync/endpoint_list.html", {"rows": rows, "can_manage": can_manage})


@require_capability(webhooks.ENDPOINT_PERMISSION, "sync.add_webhookendpoint")
def endpoint_edit(request, connection_pk: int):
    connection = get_object_or_404(CrmConnection, pk=connection_pk)
    endpoint = WebhookEndpoint.objects.filter(connection=connection).first()
    initial = {"enabled": endpoint.enabled, "max_age_seconds": endpoint.max_age_seconds} if endpoint else None
    form = WebhookEndpointForm(request.POST or None, initial=initial, provider=connection.provider)
    if request.method == "POST" and form.is_valid():
        try:
            webhooks.webhook_endpoint_save(
                connection=connection,
                actor=request.user,
                enabled=form.cleaned_data["enabled"],
                max_age_seconds=form.cleaned_data["max_age_seconds"],
                secrets=form.secrets(),
                clear=form.cleaned_data["clear_secrets"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Webhook endpoint of {connection.name} saved.")
            return redirect("sync:endpoint-list")
    context = {
        "form": form,
        "connection": connection,
        "endpoint": endpoint,
        "secrets_set": webhooks.webhook_secrets_set(endpoint, connection.provider),
    }
    return render(request, "sync/endpoint_form.html", context)
