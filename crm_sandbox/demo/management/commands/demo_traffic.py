"""Demo traffic: sync the HubSpot demo account into the mirror, have sales reps edit, delete and merge a few of
its contacts in the sandbox (which sends them to the hub as webhooks), then post lead scores through the public
API.

Run by `run_demo` once the web server, the worker and the sandbox answer, so that the record timelines, the review
queue and the dashboards show real work against the sandbox.
"""

import contextlib
import random
import time
from datetime import UTC, datetime, timedelta

import httpx
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from knox.models import AuthToken

from crm_sandbox import Sandbox
from crm_sandbox.demo.command import DemoCommand
from crm_sandbox.demo.management.commands.crm_sandbox import SCALES
from crm_sandbox.demo.management.commands.seed_demo import DEMO_SEED
from crmhub.models import CrmConnection
from crmhub.sync.models import SyncKind, SyncRun, WebhookEvent, WebhookEventStatus
from crmhub.sync.services import OPEN_STATUSES, SyncBusy, sync_run_request
from identity_app import normalise
from identity_app.models import MirrorRecord
from identity_app.normalise import is_role_address

SEGMENTS = ["S", "M", "E"]
# What the demo's sales reps do to the first live contacts of the mirror, in order (values by HubSpot field).
REP_EDITS = [
    {"jobtitle": "Head of Revenue Operations"},
    {"lifecyclestage": "opportunity"},
    {"firstname": "Jordan", "hs_lead_status": "IN_PROGRESS"},
]


class Command(DemoCommand):
    help = (
        "Sync the demo HubSpot contacts, make rep edits in the sandbox (sent back as webhooks), post lead scores "
        "as the lead-scorer integration, and fill dashboards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hub-url", default="http://127.0.0.1:8000")
        parser.add_argument("--count", type=int, default=60)
        parser.add_argument("--scale", default="demo", choices=sorted(SCALES))
        parser.add_argument("--sandbox-url", default="http://127.0.0.1:8765")
        parser.add_argument(
            "--admin-key", default="sandbox-admin", help="X-Sandbox-Admin-Key of the sandbox."
        )

    def handle(self, *args, hub_url, count, scale, sandbox_url, admin_key, **options):
        self._mirror_contacts()
        self._rep_activity(sandbox_url, admin_key)
        records = self._outputs(self._sandbox_emails(scale, count), count)
        # A short-lived token of its own (tokens are stored hashed, the printed one cannot be read back).
        issued, token = AuthToken.objects.create(
            user=User.objects.get(username="lead-scorer"), expiry=timedelta(minutes=10)
        )
        try:
            response = httpx.post(
                f"{hub_url}/api/v1/outputs/",
                json={"records": records},
                headers={"Authorization": f"Token {token}"},
                timeout=30,
            )
        finally:
            issued.delete()
        if response.status_code != 202:
            raise CommandError(
                f"The hub refused the demo outputs: {response.status_code} {response.text[:300]}"
            )
        body = response.json()
        self.stdout.write(
            f"Posted {len(records)} lead scores: {body['accepted']} accepted, {body['rejected']} rejected."
        )
        call_command("monitoring_demo", days=30, stdout=self.stdout)

    def _mirror_contacts(self) -> None:
        """Fill the identifier mirror: run a sync now, or wait for the one the scheduler already started."""
        connection = CrmConnection.objects.get(name="Acme HubSpot")
        with contextlib.suppress(SyncBusy):
            sync_run_request(connection=connection, object_name="contacts", kind=SyncKind.INCREMENTAL)
        deadline = time.monotonic() + 180
        while SyncRun.objects.filter(
            connection=connection, object_name="contacts", status__in=OPEN_STATUSES
        ).exists():
            if time.monotonic() > deadline:
                raise CommandError("The first sync of the demo contacts did not finish within 3 minutes.")
            time.sleep(1)
        self.stdout.write(
            f"Mirror holds {MirrorRecord.objects.filter(connection=connection).count()} contacts."
        )

    def _rep_activity(self, sandbox_url: str, admin_key: str) -> None:
        """Rep edits, a delete and a merge on HubSpot contacts the mirror knows, and a few random rep edits in
        the other two accounts; the sandbox sends them all to the hub as webhooks."""
        hubspot = CrmConnection.objects.get(name="Acme HubSpot")
        known = list(
            MirrorRecord.objects.filter(
                connection=hubspot, object_name="contacts", is_deleted=False, merged_into=""
            )
            .order_by("pk")
            .values_list("crm_id", flat=True)[: len(REP_EDITS) + 3]
        )
        if len(known) < len(REP_EDITS) + 3:
            raise CommandError("The mirror holds too few live contacts for the demo's rep edits.")
        last_before = WebhookEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        actions = [
            *(("acme-hubspot", "rep_edit", {"object": "contacts", "id": crm_id, "values": values})
              for crm_id, values in zip(known, REP_EDITS, strict=False)),
            ("acme-hubspot", "delete", {"object": "contacts", "id": known[-3]}),
            ("acme-hubspot", "merge", {"object": "contacts", "loser_id": known[-2], "winner_id": known[-1]}),
            ("acme-salesforce", "rep_simulate", {"seed": DEMO_SEED, "steps": 3}),
            ("acme-pipedrive", "rep_simulate", {"seed": DEMO_SEED, "steps": 3}),
        ]  # fmt: skip
        for account, action, payload in actions:
            response = httpx.post(
                f"{sandbox_url}/_sandbox/accounts/{account}/{action}",
                json=payload,
                headers={"X-Sandbox-Admin-Key": admin_key},
                timeout=30,
            )
            if response.status_code != 200:
                raise CommandError(
                    f"The sandbox refused {action} on {account}: {response.status_code} {response.text[:300]}"
                )
        self._await_webhooks(last_before)

    def _await_webhooks(self, last_before: int) -> None:
        """Wait (up to a minute) until the worker has handled the webhook events the rep activity caused."""
        events = WebhookEvent.objects.filter(pk__gt=last_before)
        deadline = time.monotonic() + 60
        while events.filter(status=WebhookEventStatus.RECEIVED).exists() and time.monotonic() < deadline:
            time.sleep(1)
        counts = {status: events.filter(status=status).count() for status in WebhookEventStatus.values}
        summary = ", ".join(f"{number} {status}" for status, number in counts.items() if number)
        self.stdout.write(f"Rep activity in the sandbox came back as webhook events: {summary or 'none'}.")

    def _sandbox_emails(self, scale: str, count: int) -> list[str]:
        """The same seeded account the sandbox server holds, rebuilt in-process to pick real identifiers."""
        account = Sandbox(seed=DEMO_SEED).add_account("hubspot", name="acme-hubspot", **SCALES[scale])
        emails = []
        for record_id in account.record_ids("contacts"):
            email = (account.get_record("contacts", record_id).get("email") or "").strip()
            if email and not is_role_address(normalise.email(email)):
                emails.append(email)
            if len(emails) == count:
                break
        return emails

    def _outputs(self, emails: list[str], count: int) -> list[dict]:
        rng = random.Random(DEMO_SEED)  # noqa: S311 - demo data, not security
        observed = datetime.now(UTC) - timedelta(minutes=5)
        unknown = [f"new.prospect{n}@example-prospect.com" for n in range(max(3, count // 15))]
        records = []
        for number, email in enumerate(emails + unknown):
            score = round(rng.uniform(5, 98), 2) if number % 17 else "n/a"  # an unusable score now and then
            records.append(
                {
                    "flow": "Lead scores",
                    "source_system": "lead_scorer",
                    "object_type": "contacts",
                    "external_id": f"lead-{number:05d}",
                    "identifiers": {"email": email},
                    "values": {"score": score, "segment": rng.choice(SEGMENTS)},
                    "observed_at": observed.isoformat(),
                    "idempotency_key": f"demo-{DEMO_SEED}-{number}",
                }
            )
        return records
