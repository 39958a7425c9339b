"""The "break something" panel (demo mode only: this app is installed only with DEBUG): sales-ops admins turn
the CRM sandbox's faults on and off to watch retries, dead letters, pauses and alerts happen."""

import httpx
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from crm_sandbox.demo import faults
from crmhub.models import CrmConnection

ADMIN_PERMISSION = "crmhub.change_crmconnection"


def _demo_only() -> None:
    if not settings.DEBUG:
        raise Http404("The break-something panel exists in demo mode only.")


@permission_required(ADMIN_PERMISSION, raise_exception=True)
def fault_panel(request):
    _demo_only()
    accounts, unreachable = faults.sandbox_accounts(CrmConnection.objects.order_by("name"))
    context = {"accounts": accounts, "unreachable": unreachable, "faults": faults.FAULTS}
    return render(request, "demo/fault_panel.html", context)


@require_POST
@permission_required(ADMIN_PERMISSION, raise_exception=True)
def fault_set(request):
    _demo_only()
    accounts, _ = faults.sandbox_accounts(CrmConnection.objects.order_by("name"))
    chosen = next((a for a in accounts if a.name == request.POST.get("account")), None)
    fault = request.POST.get("fault", "")
    if chosen is None or (fault and fault not in faults.FAULTS):
        messages.error(request, "Choose a sandbox account and one of the listed faults.")
        return redirect("demo:faults")
    try:
        faults.fault_switch(origin=chosen.origin, account=chosen.name, fault=fault, on=bool(fault))
    except httpx.HTTPError as exc:
        messages.error(request, f"The sandbox refused: {exc}")
        return redirect("demo:faults")
    what = faults.FAULTS[fault][0] if fault else "every fault cleared"
    messages.success(request, f"{chosen.connection_name} ({chosen.name}): {what}.")
    return redirect("demo:faults")
