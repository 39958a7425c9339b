"""Webhook receivers (no session, authenticated per provider) and the sync pages (runs, events, triggers)."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from crmhub.sync import selectors, webhooks
from crmhub.sync.models import SyncRun, WebhookEndpoint

# -- webhooks ---------------------------------------------------------------------------------------------


def _endpoint(token: str, provider: str) -> WebhookEndpoint:
    return get_object_or_404(
        WebhookEndpoint.objects.select_related("connection"),
        token=token,
        enabled=True,
        connection__provider=provider,
    )


def _receive(endpoint, verify, parse, request) -> JsonResponse:
    try:
        verify()
        events = parse(endpoint, request.body)
    except webhooks.WebhookRejected as exc:
        return JsonResponse({"error": exc.reason}, status=exc.status)
    summary = webhooks.webhook_events_ingest(endpoint=endpoint, events=events)
    return JsonResponse(
        {"stored": summary.stored, "duplicates": summary.duplicates, "ignored": summary.ignored}
    )


@csrf_exempt
@require_POST
def hubspot_webhook(request, token: str):
    endpoint = _endpoint(token, "hubspot")

    def verify():
        webhooks.hubspot_verify(
            endpoint=endpoint,
            method=request.method,
            uri=request.build_absolute_uri(),
            body=request.body,
            signature=request.headers.get("X-HubSpot-Signature-v3", ""),
            timestamp=request.headers.get("X-HubSpot-Request-Timestamp", ""),
        )

    return _receive(endpoint, verify, webhooks.hubspot_parse, request)


@csrf_exempt
@require_POST
def pipedrive_webhook(request, token: str):
    endpoint = _endpoint(token, "pipedrive")

    def verify():
        webhooks.pipedrive_verify(endpoint=endpoint, authorization=request.headers.get("Authorization", ""))

    return _receive(endpoint, verify, webhooks.pipedrive_parse, request)


@csrf_exempt
@require_POST
def salesforce_cdc_webhook(request, token: str):
    endpoint = _endpoint(token, "salesforce")

    def verify():
        webhooks.salesforce_relay_verify(
            endpoint=endpoint, relay_secret=request.headers.get("X-Relay-Secret", "")
        )

    return _receive(endpoint, verify, webhooks.salesforce_cdc_parse, request)


@csrf_exempt
@require_POST
def salesforce_outbound_webhook(request, token: str):
    """Outbound Messages: the organisation id inside the envelope authenticates (with the secret URL)."""
    endpoint = _endpoint(token, "salesforce")
    try:
        events = webhooks.salesforce_outbound_parse(endpoint, request.body)
    except webhooks.WebhookRejected as exc:
        return HttpResponse(exc.reason, status=exc.status, content_type="text/plain")
    webhooks.webhook_events_ingest(endpoint=endpoint, events=events)
    return HttpResponse(webhooks.SOAP_ACK, content_type="text/xml; charset=utf-8")


# -- pages ------------------------------------------------------------------------------------------------


def _page(request, queryset, size: int = 50):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@permission_required("sync.view_syncrun", raise_exception=True)
def run_list(request):
    filters = {name: request.GET[name] for name in selectors.RUN_FILTERS if request.GET.get(name)}
    runs = selectors.sync_runs_list(filters=filters)
    context = {
        "page": _page(request, runs),
        "filters": filters,
        "states": selectors.sync_states_list(),
        "statuses": SyncRun._meta.get_field("status").choices,
    }
    return render(request, "sync/run_list.html", context)


@permission_required("sync.view_syncrun", raise_exception=True)
def run_detail(request, pk: int):
    run = get_object_or_404(selectors.sync_runs_list(filters={}), pk=pk)
    return render(request, "sync/run_detail.html", {"run": run})


@permission_required("sync.view_webhookevent", raise_exception=True)
def event_list(request):
    filters = {name: request.GET[name] for name in selectors.EVENT_FILTERS if request.GET.get(name)}
    return render(
        request,
        "sync/event_list.html",
        {"page": _page(request, selectors.webhook_events_list(filters=filters))},
    )


@permission_required("sync.view_triggerexecution", raise_exception=True)
def execution_list(request):
    filters = {name: request.GET[name] for name in selectors.EXECUTION_FILTERS if request.GET.get(name)}
    context = {
        "page": _page(request, selectors.trigger_executions_list(filters=filters)),
        "rules": selectors.trigger_rules_list(),
    }
    return render(request, "sync/execution_list.html", context)
