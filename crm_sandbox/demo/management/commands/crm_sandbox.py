"""Run the CRM sandbox (Salesforce, HubSpot, Pipedrive emulators) as a local HTTP server.

With `--hub-url`, each account whose base URL a hub connection uses sends its rep edits, deletes and merges to
that connection's webhook endpoint (as `seed_demo` creates them), signed with the endpoint's secrets.
"""

import json
import sys
import time

import httpx
from django.core.management.base import BaseCommand
from django.urls import reverse

from crm_sandbox import Sandbox
from crm_sandbox.server import make_sandbox_server
from crm_sandbox.webhooks import WebhookEmitter, http_deliver
from crmhub.sync.models import WebhookEndpoint

SCALES = {
    "tiny": {"contacts": 50, "companies": 10, "deals_per_company": 1},
    "demo": {"contacts": 2_000, "companies": 300, "deals_per_company": 1},
    "full": {"contacts": 20_000, "companies": 3_000, "deals_per_company": 1},
}
ACCOUNTS = [("acme-salesforce", "salesforce"), ("acme-hubspot", "hubspot"), ("acme-pipedrive", "pipedrive")]
# The receiver each provider's emitter posts to (Salesforce: the Change Data Capture relay).
WEBHOOK_URL_NAMES = {
    "hubspot": "webhook-hubspot",
    "pipedrive": "webhook-pipedrive",
    "salesforce": "webhook-salesforce",
}


def deliver_or_report(url: str, headers: dict, body: bytes) -> int:
    """An HTTP POST that reports an unreachable hub (status 0) instead of failing the rep's edit."""
    try:
        return http_deliver(url, headers, body)
    except httpx.HTTPError as exc:
        print(f"webhook delivery failed: {type(exc).__name__}", file=sys.stderr)
        return 0


def attach_hub_webhooks(sandbox: Sandbox, *, hub_url: str, deliver=deliver_or_report) -> dict:
    """Give every account a hub connection points at (same base URL) an emitter posting to that connection's
    enabled webhook endpoint. Returns {account name: emitter}."""
    emitters = {}
    for account in sandbox.accounts.values():
        endpoint = (
            WebhookEndpoint.objects.filter(
                connection__base_url=account.base_url,
                connection__provider=account.provider.name,
                enabled=True,
            )
            .select_related("connection")
            .order_by("connection__name")
            .first()
        )
        if endpoint is None:
            continue
        path = reverse(WEBHOOK_URL_NAMES[account.provider.name], args=[endpoint.token])
        # Event ids continue past those an earlier run of the seeded sandbox already sent to the same hub.
        account.counters["webhook_event"] = max(account.counters["webhook_event"], account.now_ms())
        account.webhooks = WebhookEmitter(
            account,
            url=hub_url.rstrip("/") + path,
            secrets=endpoint.secrets,
            deliver=deliver,
            seed=time.time_ns(),
        )
        emitters[account.name] = account.webhooks
    return emitters


class Command(BaseCommand):
    help = "Serve emulated Salesforce, HubSpot and Pipedrive accounts on 127.0.0.1 (demo and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument(
            "--admin-key", default="sandbox-admin", help="Value of X-Sandbox-Admin-Key for /_sandbox/."
        )
        parser.add_argument(
            "--hub-url",
            default="",
            help="Send rep edits, deletes and merges as webhooks to this hub (e.g. http://127.0.0.1:8000).",
        )
        parser.add_argument(
            "--cdp-write-key",
            action="append",
            default=[],
            help="A CDP source (Segment spec) under /cdp/v1/... with this write key; repeatable.",
        )

    def handle(self, *args, **options):
        sandbox = Sandbox(seed=options["seed"])
        httpd = make_sandbox_server(sandbox, port=options["port"], admin_key=options["admin_key"])
        for name, provider in ACCOUNTS:
            sandbox.add_account(provider, name=name, **SCALES[options["scale"]])
        emitters = attach_hub_webhooks(sandbox, hub_url=options["hub_url"]) if options["hub_url"] else {}
        for write_key in options["cdp_write_key"]:
            sandbox.cdp.add_source(write_key)
        self.stdout.write(
            f"CRM sandbox on {sandbox.base_host} (seed {options['seed']}, scale {options['scale']})"
        )
        self.stdout.write(f"admin API: {sandbox.base_host}/_sandbox/accounts  header X-Sandbox-Admin-Key")
        if sandbox.cdp.sources:
            self.stdout.write(
                f"CDP (Segment HTTP API): {sandbox.base_host}/cdp  sources: {len(sandbox.cdp.sources)}"
            )
        for account in sandbox.accounts.values():
            self.stdout.write(f"\n[{account.name}] {account.provider.name} {account.api_version}")
            self.stdout.write(f"  base_url    {account.base_url}")
            self.stdout.write(
                f"  credentials {json.dumps(_shown(account.credentials, options['verbosity']))}"
            )
            if account.name in emitters:
                self.stdout.write(f"  webhooks    {emitters[account.name].url.rsplit('/', 2)[0]}/…")
            elif options["hub_url"]:
                self.stdout.write("  webhooks    none: no hub connection with an endpoint uses this base_url")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write("stopping")
        finally:
            httpd.server_close()


SECRET_KEY_WORDS = ("token", "secret", "password")


def _shown(credentials: dict, verbosity: int) -> dict:
    """The credentials as printed: secrets hidden, since this output usually ends in a log file (the admin API
    gives them, and -v 2 prints them for a terminal nobody records)."""
    if verbosity > 1:
        return credentials
    return {
        key: "(hidden; -v 2 or the admin API)" if any(word in key for word in SECRET_KEY_WORDS) else value
        for key, value in credentials.items()
    }
