"""Suppression lag: from a rep's email opt-out in the CRM sandbox to the suppression stored by the CDP emulator.

    python benchmarks/exports_cdp_lag.py [--samples 40] [--burst 50]

The path is the product's: HubSpot's signed webhook into the hub's endpoint, the read-back of the record, the
export buffer that read fills, the export run, `cdp_deliver` and the emulator's `/v1/batch`. PostgreSQL and
Redis are started on loopback (tests/harness.py) unless DATABASE_URL and REDIS_URL are set. Jobs run inline as
soon as they are enqueued, so the figure is the hub's own work; an RQ worker adds its pick-up time (an idle
worker blocks on the queue and takes a job at once). The lag of one opt-out is the CDP's `receivedAt` of the
"Email Consent Withdrawn" event minus the moment of the rep's edit; `--burst N` opts N people out in one CRM
transaction (one webhook delivery) and times each of them the same way.
"""

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.writeback_common import servers, setup_django

WRITE_KEY = "wk_lag"
CLIENT_SECRET = "hs-client-secret"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def received_at(message: dict) -> datetime:
    return datetime.fromisoformat(message["receivedAt"].replace("Z", "+00:00"))


def measure_suppression_lag(*, samples: int, burst: int = 0) -> dict[str, list[float]]:
    """{"single": [lag s per opt-out], "burst": [...]}, measured through the product's path."""
    from django.test import Client

    from crm_sandbox import Sandbox
    from crm_sandbox.webhooks import WebhookEmitter
    from crmhub.connectors import get_connector
    from crmhub.connectors.ratelimit import RateBudget
    from crmhub.core.connectors import connector_factory
    from crmhub.exports import jobs as export_jobs
    from crmhub.exports.cdp_delivery import cdp_transport
    from crmhub.exports.models import Destination, DestinationKind
    from crmhub.models import CrmConnection
    from crmhub.sync import jobs as sync_jobs
    from crmhub.sync.models import WebhookEndpoint
    from mappings_app.schema_sync import crm_schema_sync
    from tests import factories
    from tests.exports.warehouse_world import outbound_op

    sandbox = Sandbox(seed=17)
    source = sandbox.cdp.add_source(WRITE_KEY)
    account = sandbox.add_account("hubspot", name="lag", contacts=samples + burst + 5, companies=5)
    account.limits.enabled = False
    connection = CrmConnection.objects.create(
        name=f"lag-hubspot-{time.time_ns()}",
        provider="hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
    )
    endpoint = WebhookEndpoint.objects.create(connection=connection, secrets={"client_secret": CLIENT_SECRET})
    destination = Destination.objects.create(
        name=f"segment-{time.time_ns()}",
        kind=DestinationKind.CDP,
        endpoint_url="http://sandbox.test/cdp",
        credentials={"write_key": WRITE_KEY},
        purposes=["email_marketing"],
        allowed_data_classes=["identifier", "contact_personal", "operational"],
    )

    def build(conn):
        return get_connector(conn, transport=sandbox.transport(), rate_budget=RateBudget.in_memory("lag"))

    with build(connection) as connector:
        crm_schema_sync(connection=connection, schemas=connector.discover_schema(["contacts"]))
    users = factories.role_users()
    factories.apply_change(
        connection,
        users["admin"],
        users["approver"],
        [
            outbound_op(destination.name, "contacts", "email", "email_sha256", transform="sha256_email"),
            outbound_op(destination.name, "contacts", "lifecyclestage", "lifecycle_stage"),
        ],
    )
    client = Client()

    def deliver(target, headers, body):
        path = urlsplit(target).path
        return client.post(path, data=body, content_type="application/json", headers=headers).status_code

    url = f"http://testserver/webhooks/hubspot/{endpoint.token}/"
    account.webhooks = WebhookEmitter(
        account, url=url, secrets={"client_secret": CLIENT_SECRET}, deliver=deliver
    )
    sync_dispatcher, export_dispatcher = sync_jobs.InlineDispatcher(), export_jobs.InlineDispatcher()

    def drain():
        while sync_dispatcher.drain() + export_dispatcher.drain():
            pass

    def withdrawn_at() -> dict[str, datetime]:
        return {
            m["userId"].rsplit(":", 1)[1]: received_at(m)
            for m in source.messages
            if m.get("event") == "Email Consent Withdrawn"
        }

    ids = account.record_ids("contacts")
    lags: dict[str, list[float]] = {"single": [], "burst": []}
    with (
        sync_jobs.use_dispatcher(sync_dispatcher),
        export_jobs.use_dispatcher(export_dispatcher),
        connector_factory(build),
        cdp_transport(sandbox.transport()),
    ):
        with account.transaction():
            for crm_id in ids[: samples + burst]:
                account.rep_edit("contacts", crm_id, {"hs_email_optout": "false"})
        drain()
        for crm_id in ids[:samples]:
            clicked = datetime.now(UTC)
            account.rep_edit("contacts", crm_id, {"hs_email_optout": "true"})
            drain()
            lags["single"].append((withdrawn_at()[crm_id] - clicked).total_seconds())
        if burst:
            clicked = datetime.now(UTC)
            with account.transaction():
                for crm_id in ids[samples : samples + burst]:
                    account.rep_edit("contacts", crm_id, {"hs_email_optout": "true"})
            drain()
            seen = withdrawn_at()
            lags["burst"] = [
                (seen[crm_id] - clicked).total_seconds() for crm_id in ids[samples : samples + burst]
            ]
    return lags


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--burst", type=int, default=50)
    options = parser.parse_args()
    with servers():
        setup_django()
        import os

        lags = measure_suppression_lag(samples=options.samples, burst=options.burst)
        print(f"load average {os.getloadavg()[0]:.1f}")
        for name, values in lags.items():
            if values:
                print(
                    f"{name:6} {len(values)} opt-outs: p50 {statistics.median(values):.3f} s, p95 {p95(values):.3f} s, "
                    f"max {max(values):.3f} s  vs the destination's 300 s target"
                )


if __name__ == "__main__":
    main()
