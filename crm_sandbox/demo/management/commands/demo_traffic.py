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
from django.utils import timezone
from knox.models import AuthToken

from crm_sandbox import Sandbox
from crm_sandbox.demo import cases
from crm_sandbox.demo.command import DemoCommand
from crm_sandbox.demo.management.commands.crm_sandbox import SCALES
from crm_sandbox.demo.management.commands.seed_demo import DEMO_SEED
from crmhub.core.errors import ApplicationError
from crmhub.models import CrmConnection
from crmhub.sync.models import SyncKind, SyncRun, WebhookEvent, WebhookEventStatus
from crmhub.sync.services import OPEN_STATUSES, SyncBusy, sync_run_request
from crmhub.writeback.models import InboundRecord, InboundStatus
from identity_app import normalise_emails
from identity_app.models import MirrorRecord
from identity_app.normalise_emails import is_role_address
from mappings_app.models import Flow
from monitoring_app import services as monitoring_services

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
        self._duplicate_person()
        self._mirror_contacts()
        conflicted = self._rep_activity(sandbox_url, admin_key)
        emails = self._sandbox_emails(scale, count)
        records = [
            *self._outputs(emails, count),
            self._conflicting_output(conflicted),
            cases.tied_output(flow_name="Lead scores"),
            cases.retired_option_output(flow_name="Lead scores", email=emails[-1]),
        ]
        started = timezone.now()
        self._post(hub_url, records, "lead scores")
        self._await_processed(records)
        self._drift(hub_url, emails, since=started)
        call_command("monitoring_demo", days=30, stdout=self.stdout)

    def _post(self, hub_url: str, records: list[dict], what: str) -> None:
        fresh = cases.outputs_not_yet_posted(records)
        if len(fresh) < len(records):
            self.stdout.write(
                f"{len(records) - len(fresh)} {what} were posted by an earlier run: not sent again."
            )
        if not fresh:
            return
        records = fresh
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
            f"Posted {len(records)} {what}: {body['accepted']} accepted, {body['rejected']} rejected."
        )

    def _await_processed(self, records: list[dict]) -> None:
        """Wait (up to two minutes) until the worker has planned and written what was posted."""
        keys = [record["idempotency_key"] for record in records]
        waiting = InboundRecord.objects.filter(
            idempotency_key__in=keys, status__in=[InboundStatus.RECEIVED, InboundStatus.PLANNED]
        )
        deadline = time.monotonic() + 120
        while waiting.exists() and time.monotonic() < deadline:
            time.sleep(1)

    def _conflicting_output(self, crm_id: str) -> dict:
        """A segment for the contact a rep just re-segmented, observed before the rep's edit: ai_segment is
        hybrid with the flag policy, so it waits in the conflict list for a decision."""
        return {
            "flow": "Lead scores",
            "source_system": "lead_scorer",
            "object_type": "contacts",
            "external_id": f"lead-conflict-{crm_id}",
            "identifiers": {"crm_id": crm_id},
            "values": {"score": 64.5, "segment": "S"},
            "observed_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(),
            "idempotency_key": f"demo-{DEMO_SEED}-conflict",
        }

    def _drift(self, hub_url: str, emails: list[str], *, since) -> None:
        """The scores just written become the baseline of ai_score; then the scorer drifts (a batch of high
        scores), so the next monitoring cycle measures a real PSI above 0.2 and opens a drift alert."""
        flow = Flow.objects.get(name="Lead scores")
        try:
            monitoring_services.baseline_set(
                flow=flow,
                field_name="ai_score",
                period_start=since - timedelta(minutes=1),
                period_end=timezone.now(),
                actor=User.objects.get(username="alice"),
                note="Demo: the first batch of lead scores.",
            )
        except ApplicationError as exc:
            self.stderr.write(f"No drift demo: {exc}")
            return
        rng = random.Random(DEMO_SEED + 1)  # noqa: S311 - demo data, not security
        drifted = [
            {
                "flow": "Lead scores",
                "source_system": "lead_scorer",
                "object_type": "contacts",
                "external_id": f"lead-drift-{number:05d}",
                "identifiers": {"email": email},
                "values": {"score": round(rng.uniform(86, 99), 2)},
                "observed_at": datetime.now(UTC).isoformat(),
                "idempotency_key": f"demo-{DEMO_SEED}-drift-{number}",
            }
            for number, email in enumerate(emails[:40])
        ]
        self._post(hub_url, drifted, "drifted lead scores (the scorer changed)")
        self._await_processed(drifted)

    def _duplicate_person(self) -> None:
        """One person entered twice in the CRM (before the first sync mirrors the contacts): the lead score
        that names her without an email waits in the review queue as a tie."""
        try:
            ids = cases.duplicate_person_create(connection=CrmConnection.objects.get(name="Acme HubSpot"))
        except cases.CaseFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Lena Marsh is in the CRM twice: contacts {', '.join(ids)}.")

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

    def _rep_activity(self, sandbox_url: str, admin_key: str) -> str:
        """Rep edits, a delete and a merge on HubSpot contacts the mirror knows, and a few random rep edits in
        the other two accounts; the sandbox sends them all to the hub as webhooks."""
        hubspot = CrmConnection.objects.get(name="Acme HubSpot")
        known = list(
            MirrorRecord.objects.filter(
                connection=hubspot, object_name="contacts", is_deleted=False, merged_into=""
            )
            .order_by("pk")
            .values_list("crm_id", flat=True)[: len(REP_EDITS) + 4]
        )
        if len(known) < len(REP_EDITS) + 4:
            raise CommandError("The mirror holds too few live contacts for the demo's rep edits.")
        conflicted = known[len(REP_EDITS)]
        last_before = WebhookEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        actions = [
            *(("acme-hubspot", "rep_edit", {"object": "contacts", "id": crm_id, "values": values})
              for crm_id, values in zip(known, REP_EDITS, strict=False)),
            # the lead scorer will send a segment for this contact scored before the rep's edit: a conflict
            ("acme-hubspot", "rep_edit", {"object": "contacts", "id": conflicted, "values": {"ai_segment": "enterprise"}}),
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
        return conflicted

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
            if email and not is_role_address(normalise_emails.email(email)):
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
