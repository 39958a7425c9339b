"""Create contacts and tasks through each connector against the in-process sandbox, with lost answers.

    python benchmarks/connector_create.py [--records 2000] [--lost-rate 0.05] [--providers hubspot,salesforce,pipedrive]

Rate limits are off (this measures the connector and the sandbox, not a CRM's budget). A share `--lost-rate` of
requests is answered with a timeout after the sandbox applied them (`timeout_rate` + `timeout_after_processing`),
the case that creates duplicates in a naive client. Reported per provider and object: records/s, CPU ms per
record, requests sent, results by status, and how many idempotency keys ended up on more than one CRM record
(the target is none).
"""

import argparse
import os
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONTACT = {"hubspot": "contacts", "salesforce": "Contact", "pipedrive": "persons"}
MARKER = {
    "hubspot": lambda account, obj: "crmhub_create_key",
    "salesforce": lambda account, obj: "CrmHub_Create_Key__c",
    "pipedrive": lambda account, obj: account.field_key("crmhub_create_key", obj),
}


def contact_values(provider: str, number: int) -> dict:
    if provider == "hubspot":
        return {"email": f"bench{number}@example.org", "lastname": f"Bench{number}"}
    if provider == "salesforce":
        return {"Email": f"bench{number}@example.org", "LastName": f"Bench{number}"}
    return {"name": f"Bench Person {number}"}


def keys_on_records(account, object_name: str, provider: str) -> Counter:
    if object_name == "tasks" and provider == "pipedrive":
        from crmhub.connectors.pipedrive.client import activity_marker

        return Counter(
            activity_marker(account.get_record("tasks", rid).get("note"))
            for rid in account.record_ids("tasks")
        )
    field = MARKER[provider](account, object_name)
    return Counter(account.get_record(object_name, rid).get(field) for rid in account.record_ids(object_name))


def run(provider: str, records: int, lost_rate: float) -> None:
    from crm_sandbox import Sandbox
    from crmhub.connectors import get_connector
    from crmhub.connectors.base import RecordCreate, TaskSpec
    from crmhub.connectors.ratelimit import RateBudget

    sandbox = Sandbox(seed=5)
    account = sandbox.add_account(provider, name=f"bench-{provider}", contacts=200, companies=20)
    account.limits.enabled = False
    account.faults.set(timeout_rate=lost_rate, timeout_after_processing=True)
    connection = SimpleNamespace(
        provider=provider,
        base_url=account.base_url,
        api_version=account.api_version,
        credentials=dict(account.credentials),
        pk=None,
    )
    connector = get_connector(
        connection,
        transport=sandbox.transport(),
        rate_budget=RateBudget.in_memory("bench"),
        sleep=lambda s: None,
    )
    contact_ids = account.record_ids("contacts")
    batches = {
        "contacts": [
            RecordCreate(f"bench-contact-{n:06d}", contact_values(provider, n)) for n in range(records)
        ],
        "tasks": [
            connector.task_create(
                TaskSpec(
                    subject=f"Follow up {n}",
                    due=date(2026, 12, 1),
                    about_object=CONTACT[provider],
                    about_id=contact_ids[n % len(contact_ids)],
                ),
                key=f"bench-task-{n:06d}",
            )
            for n in range(records)
        ],
    }
    for kind, inputs in batches.items():
        object_name = CONTACT[provider] if kind == "contacts" else connector.task_object
        requests_before = connector.request_count
        wall, cpu = time.perf_counter(), time.process_time()
        results = []
        for start in range(0, len(inputs), 200):
            chunk = inputs[start : start + 200]
            outcome = connector.create(object_name, chunk)
            retry = [record for record, result in zip(chunk, outcome, strict=True) if not result.ok]
            if retry:  # a later job's retry, as the trigger and review services do
                outcome = [r for r in outcome if r.ok] + connector.create(
                    object_name, retry, lookup_first=True
                )
            results += outcome
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        statuses = Counter(str(result.status) for result in results)
        found = sum(1 for result in results if result.already_existed)
        stored = keys_on_records(account, "contacts" if kind == "contacts" else "tasks", provider)
        duplicates = sum(1 for key, count in stored.items() if key and key.startswith("bench-") and count > 1)
        print(
            f"{provider:10} {kind:8} {len(inputs):6} in {wall:6.2f}s = {len(inputs) / wall:7.0f}/s, "
            f"CPU {cpu * 1000 / len(inputs):5.2f} ms/record, {connector.request_count - requests_before} requests, "
            f"results {dict(statuses)}, found by key after a lost answer {found}, keys on >1 record: {duplicates}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--lost-rate", type=float, default=0.05)
    parser.add_argument("--providers", default="hubspot,salesforce,pipedrive")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crmhub.test_settings")
    import django

    django.setup()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {os.getloadavg()[0]:.2f}")
    for provider in args.providers.split(","):
        run(provider, args.records, args.lost_rate)


if __name__ == "__main__":
    main()
