"""Matching quality on a generated adversarial CRM with ground truth (deterministic seeds).

    python benchmarks/identity_quality.py [--people 20000] [--inbound 5000]

Prints auto-link precision (target 1.0: no wrong-record link), auto-link recall, and the share of review
items whose true record is among the top three candidates (target >= 0.95). Probabilistic auto-link is on
(after a validation run), with the default rules.
"""

import argparse
import time
from collections import Counter

from identity_django import make_flow, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--inbound", type=int, default=5000)
    args = parser.parse_args()
    setup_django("identity-quality.sqlite3")

    from django.contrib.auth.models import User
    from identity_data import crm_records, generate_people, inbound_records

    from identity_app import services

    connection, flow = make_flow("quality")
    admin = User.objects.create_superuser("bench-admin", "bench@example.com", "x")
    people = generate_people(args.people)
    started = time.perf_counter()
    services.mirror_upsert(connection=connection, object_name="contacts", records=crm_records(people))
    print(f"mirror: {args.people} people loaded in {time.perf_counter() - started:.1f}s")

    inbound = inbound_records(people, args.inbound)
    truth = {record["external_id"]: record.pop("truth") for record in inbound}
    rules = services.identity_rules_for_flow(flow=flow)
    services.validation_run_create(flow=flow, records=inbound, actor=admin)
    services.identity_rules_update(rule_set=rules, actor=admin, probabilistic_enabled=True)

    results = services.identity_resolve(
        flow=flow, records=inbound, create_review_items=True, learn_links=False
    )
    report(results, truth)


def report(results, truth: dict) -> None:
    linked = [r for r in results if r.matched]
    correct = [r for r in linked if r.crm_id == truth[r.external_id]]
    known = [r for r in results if truth[r.external_id]]
    stopped_known = [r for r in results if not r.matched and truth[r.external_id]]
    in_top3 = [r for r in stopped_known if truth[r.external_id] in {c["crm_id"] for c in r.candidates[:3]}]
    wrong = [r for r in linked if r.crm_id != truth[r.external_id]]
    print(f"inbound: {len(results)} ({len(known)} in the CRM, {len(results) - len(known)} not)")
    print(f"outcomes: {dict(Counter(r.outcome for r in results))}")
    print(f"auto-links by method: {dict(Counter(r.method for r in linked))}")
    print(
        f"auto-link precision: {len(correct) / max(1, len(linked)):.4f} ({len(wrong)} wrong of {len(linked)})"
    )
    print(f"auto-link recall: {len(correct) / max(1, len(known)):.4f}")
    print(
        f"review items with the true record in the top 3: {len(in_top3) / max(1, len(stopped_known)):.4f} "
        f"({len(in_top3)} of {len(stopped_known)})"
    )
    for r in wrong[:5]:
        print("WRONG", r.external_id, truth[r.external_id], r.as_dict()["crm_id"], r.method, r.inbound)
    missed = [r for r in stopped_known if r not in in_top3]
    for r in missed[:5]:
        print("MISSED", r.outcome, truth[r.external_id], [c["crm_id"] for c in r.candidates[:3]], r.inbound)


if __name__ == "__main__":
    main()
