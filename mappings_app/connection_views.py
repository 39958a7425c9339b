"""Pages of the connection wizard: 1 provider, 2 sign-in (OAuth or a token), 3 test, 4 discover the schema.
Thin: every step calls mappings_app.connection_setup; only sales-ops admins (who manage credentials) get in."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from crmhub.connectors import connector_class
from crmhub.connectors.oauth import SERVERS
from crmhub.core.errors import ApplicationError
from crmhub.core.permissions import require_capability
from crmhub.models import CrmConnection, Provider
from mappings_app import connection_setup, selectors

MANAGE = connection_setup.MANAGE
VIEW = "crmhub.view_crmconnection"
SESSION_KEY = "connection_oauth"  # state -> {"connection": pk, "verifier": ...}: one pending sign-in each

STEPS = ("CRM", "Sign in", "Test", "Discover schema")
TOKEN_HELP = {
    Provider.HUBSPOT: "A private app's access token (Settings, Integrations, Private apps), e.g. pat-na1-…",
    Provider.PIPEDRIVE: "Your personal API token (Personal preferences, API).",
}
API_URL_HELP = {
    Provider.SALESFORCE: "Filled in from the sign-in: Salesforce names the org's instance URL.",
    Provider.HUBSPOT: "https://api.hubapi.com for every HubSpot account.",
    Provider.PIPEDRIVE: "https://api.pipedrive.com, or your company domain https://<company>.pipedrive.com.",
}
AUTH_HOST_LABEL = {
    Provider.SALESFORCE: "Login URL",
    Provider.HUBSPOT: "Consent page host",
    Provider.PIPEDRIVE: "OAuth server",
}


class ProviderForm(forms.Form):
    provider = forms.ChoiceField(choices=Provider.choices, widget=forms.RadioSelect, label="Which CRM?")
    name = forms.CharField(max_length=100, label="Name of the connection", help_text="e.g. Acme HubSpot")


class TokenForm(forms.Form):
    token = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}), label="Token", strip=True
    )
    base_url = forms.URLField(label="API URL", required=False, assume_scheme="https")


class OAuthForm(forms.Form):
    client_id = forms.CharField(max_length=300, label="Client id (consumer key)")
    client_secret = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}), label="Client secret (consumer secret)"
    )
    auth_host = forms.URLField(required=False, assume_scheme="https")
    base_url = forms.URLField(label="API URL", required=False, assume_scheme="https")


def _steps(current: int) -> list[dict]:
    return [{"number": n, "label": label, "state": _state(n, current)} for n, label in enumerate(STEPS, 1)]


def _state(number: int, current: int) -> str:
    return "done" if number < current else "current" if number == current else "todo"


def _connection(pk: int) -> CrmConnection:
    return get_object_or_404(CrmConnection, pk=pk)


def _redirect_uri(request) -> str:
    return request.build_absolute_uri(reverse("connections:oauth-callback"))


@require_capability(VIEW)
def connection_list(request):
    context = {
        "connections": selectors.connection_overview(),
        "can_connect": request.user.has_perms(MANAGE),
    }
    return render(request, "connections/list.html", context)


@require_capability(*MANAGE)
def wizard_provider(request):
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            connection = connection_setup.connection_draft_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("connections:auth", pk=connection.pk)
    context = {"form": form, "steps": _steps(1)}
    return render(request, "connections/provider.html", context, status=400 if form.errors else 200)


@require_capability(*MANAGE)
def wizard_auth(request, pk: int):
    connection = _connection(pk)
    server = SERVERS[connection.provider]
    method = request.POST.get("method") or request.GET.get("method") or "oauth"
    data = request.POST if request.method == "POST" else None
    token_form = TokenForm(
        data if method == "token" else None, initial={"base_url": connection.base_url}, prefix="token"
    )
    oauth_form = OAuthForm(
        data if method == "oauth" else None,
        initial={"auth_host": server.default_host, "base_url": connection.base_url},
        prefix="oauth",
    )
    oauth_form.fields["auth_host"].label = AUTH_HOST_LABEL[connection.provider]
    if request.method == "POST":
        response = _auth_submit(request, connection, method, token_form, oauth_form)
        if response is not None:
            return response
    context = {
        "connection": connection,
        "steps": _steps(2),
        "method": method,
        "token_form": token_form,
        "oauth_form": oauth_form,
        "takes_token": connection.provider in TOKEN_HELP,
        "token_help": TOKEN_HELP.get(connection.provider, ""),
        "api_url_help": API_URL_HELP[connection.provider],
        "uses_pkce": server.pkce,
        "redirect_uri": _redirect_uri(request),
        "has_credentials": bool(connection.credentials),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "connections/auth.html", context, status=status)


def _auth_submit(request, connection, method, token_form, oauth_form):
    try:
        if method == "token" and token_form.is_valid():
            connection_setup.connection_token_set(
                connection=connection, actor=request.user, **token_form.cleaned_data
            )
            return redirect("connections:test", pk=connection.pk)
        if method == "oauth" and oauth_form.is_valid():
            auth = connection_setup.connection_oauth_start(
                connection=connection,
                actor=request.user,
                redirect_uri=_redirect_uri(request),
                **oauth_form.cleaned_data,
            )
            pending = request.session.get(SESSION_KEY, {})
            pending[auth.state] = {"connection": connection.pk, "verifier": auth.code_verifier}
            request.session[SESSION_KEY] = pending
            # A link, not a redirect: the pages' Content-Security-Policy lets forms post only to this site.
            context = {"connection": connection, "steps": _steps(2), "authorize_url": auth.url}
            return render(request, "connections/authorize.html", context)
    except ApplicationError as exc:
        (token_form if method == "token" else oauth_form).add_error(None, exc.message)
    return None


@require_capability(*MANAGE)
def oauth_callback(request):
    """The CRM sends the browser back here with ?code=…&state=… (or ?error=…)."""
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(request.GET.get("state", ""), None)
    request.session[SESSION_KEY] = pending
    if entry is None:
        messages.error(
            request,
            "This sign-in answer does not match a sign-in started here (unknown or already used state). "
            "Start the sign-in again.",
        )
        return redirect("connections:list")
    connection = _connection(entry["connection"])
    if request.GET.get("error") or not request.GET.get("code"):
        reason = request.GET.get("error_description") or request.GET.get("error") or "no authorization code"
        messages.error(request, f"{connection.get_provider_display()} did not grant access: {reason}.")
        return redirect("connections:auth", pk=connection.pk)
    try:
        connection_setup.connection_oauth_finish(
            connection=connection,
            actor=request.user,
            code=request.GET["code"],
            redirect_uri=_redirect_uri(request),
            code_verifier=entry["verifier"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("connections:auth", pk=connection.pk)
    messages.success(
        request, f"Signed in to {connection.get_provider_display()}; the tokens are stored encrypted."
    )
    return redirect("connections:test", pk=connection.pk)


@require_capability(*MANAGE)
def wizard_test(request, pk: int):
    connection = _connection(pk)
    result = None
    if request.method == "POST":
        result = connection_setup.connection_test(connection=connection, actor=request.user)
    context = {"connection": connection, "steps": _steps(3), "result": result}
    return render(request, "connections/test.html", context)


@require_capability(*MANAGE)
def wizard_discover(request, pk: int):
    connection = _connection(pk)
    choices = connector_class(connection.provider).default_objects
    result, error = None, None
    chosen = list(choices)
    if request.method == "POST":
        chosen = [name for name in request.POST.getlist("objects") if name in choices]
        try:
            result = connection_setup.connection_discover(
                connection=connection, actor=request.user, objects=chosen
            )
        except ApplicationError as exc:
            error = exc.message
    context = {
        "connection": connection,
        "steps": _steps(4),
        "choices": choices,
        "chosen": chosen,
        "result": result,
        "error": error,
        "known_objects": list(connection.crm_objects.order_by("name").values_list("name", flat=True)),
    }
    return render(request, "connections/discover.html", context, status=400 if error else 200)


@require_POST
@require_capability(*MANAGE)
def wizard_activate(request, pk: int):
    connection = _connection(pk)
    try:
        connection_setup.connection_activate(connection=connection, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("connections:discover", pk=connection.pk)
    messages.success(request, f"{connection.name} is active: it syncs and accepts writes from now on.")
    return redirect("connections:list")
