"""Run the CRM sandbox (Salesforce, HubSpot, Pipedrive emulators) as a local HTTP server."""

import json

from django.core.management.base import BaseCommand

from crmhub.sandbox import Sandbox
from crmhub.sandbox.server import make_sandbox_server

SCALES = {
    "tiny": {"contacts": 50, "companies": 10, "deals_per_company": 1},
    "demo": {"contacts": 2_000, "companies": 300, "deals_per_company": 1},
    "full": {"contacts": 20_000, "companies": 3_000, "deals_per_company": 1},
}
ACCOUNTS = [("acme-salesforce", "salesforce"), ("acme-hubspot", "hubspot"), ("acme-pipedrive", "pipedrive")]


class Command(BaseCommand):
    help = "Serve emulated Salesforce, HubSpot and Pipedrive accounts on 127.0.0.1 (demo and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument(
            "--admin-key", default="sandbox-admin", help="Value of X-Sandbox-Admin-Key for /_sandbox/."
        )

    def handle(self, *args, **options):
        sandbox = Sandbox(seed=options["seed"])
        httpd = make_sandbox_server(sandbox, port=options["port"], admin_key=options["admin_key"])
        for name, provider in ACCOUNTS:
            sandbox.add_account(provider, name=name, **SCALES[options["scale"]])
        self.stdout.write(
            f"CRM sandbox on {sandbox.base_host} (seed {options['seed']}, scale {options['scale']})"
        )
        self.stdout.write(f"admin API: {sandbox.base_host}/_sandbox/accounts  header X-Sandbox-Admin-Key")
        for account in sandbox.accounts.values():
            self.stdout.write(f"\n[{account.name}] {account.provider.name} {account.api_version}")
            self.stdout.write(f"  base_url    {account.base_url}")
            self.stdout.write(f"  credentials {json.dumps(account.credentials)}")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write("stopping")
        finally:
            httpd.server_close()
