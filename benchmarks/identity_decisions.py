"""Snapshot of the mirror rows and the resolver's decisions, to compare two versions of the code.

    python benchmarks/identity_decisions.py --out before.json [--people 20000] [--inbound 4000]
    python benchmarks/identity_decisions.py --out after.json --compare before.json [--in-memory]

Loads a generated mirror through `mirror_upsert` (then re-sends a slice of it changed, deleted and merged,
so the update paths run too), and records a digest of every mirror and lookup row. Resolves generated
inbound records with probabilistic linking off and then on, in batches and one by one, and keeps every
decision (`Resolution.as_dict()` plus `would_auto_link`). With --compare it prints how many rows and
decisions differ from an earlier snapshot (the same sizes and database kind are needed).
"""

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from identity_django import make_flow, setup_django


def _digest(rows) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, default=str, sort_keys=True).encode())
    return digest.hexdigest()


def mirror_digests() -> dict:
    from identity_app.models import MirrorIdentifier, MirrorRecord

    skip = {"id", "refreshed_at", "connection", "revision"}
    columns = [f.attname for f in MirrorRecord._meta.concrete_fields if f.name not in skip]
    records = MirrorRecord.objects.order_by("crm_id").values_list(*columns)
    identifiers = MirrorIdentifier.objects.order_by("record__crm_id", "kind", "value").values_list(
        "record__crm_id", "kind", "value"
    )
    return {
        "records": MirrorRecord.objects.count(),
        "identifiers": MirrorIdentifier.objects.count(),
        "records_digest": _digest(records.iterator(chunk_size=5000)),
        "identifiers_digest": _digest(identifiers.iterator(chunk_size=5000)),
    }


def changed_records(people, crm_records):
    """A second sync: some records changed, some deleted or merged without values, some sent twice."""
    records = list(crm_records(people[:600]))
    for index, record in enumerate(records):
        if index % 3 == 0:
            record["values"] = {**record["values"], "lastname": "Changed", "email": f"new{index}@example.org"}
        elif index % 7 == 0:
            yield {"id": record["id"], "deleted": True}
            continue
        elif index % 11 == 0:
            yield {"id": record["id"], "merged_into": records[index - 1]["id"]}
            continue
        record["last_human_edit"] = {"email": "2026-02-01T00:00:00+00:00"}
        yield record
    yield from records[:50]


def decisions(flow, inbound, services) -> list[dict]:
    resolver = services.resolver_for_rules(services.identity_rules_for_flow(flow=flow))
    batched = [r for i in range(0, len(inbound), 500) for r in resolver.resolve_batch(inbound[i : i + 500])]
    single = [r for record in inbound[:300] for r in resolver.resolve_batch([record])]
    return [{**r.as_dict(), "would_auto_link": r.would_auto_link} for r in [*batched, *single]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--inbound", type=int, default=4000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--compare")
    parser.add_argument(
        "--in-memory",
        action="store_true",
        help="resolve through the in-memory mirror index, built after the first load (the second sync reaches "
        "it as a refresh)",
    )
    args = parser.parse_args()
    setup_django("identity-decisions.sqlite3")
    from django.contrib.auth.models import User
    from identity_data import crm_records, generate_people, inbound_records

    from identity_app import mirror_index, services

    connection, flow = make_flow("decisions")
    User.objects.filter(username="decisions-admin").delete()
    admin = User.objects.create_superuser("decisions-admin", "bench@example.com", "x")
    people = generate_people(args.people)
    services.mirror_upsert(connection=connection, object_name="contacts", records=crm_records(people))
    first_load = mirror_digests()
    if args.in_memory:
        mirror_index.keep_in_memory()
        services.resolver_for_rules(services.identity_rules_for_flow(flow=flow)).reader.prepare()
    services.mirror_upsert(
        connection=connection, object_name="contacts", records=changed_records(people, crm_records)
    )
    snapshot = {"first_load": first_load, "after_changes": mirror_digests()}
    inbound = inbound_records(people, args.inbound)
    for record in inbound:
        record.pop("truth")
    snapshot["probabilistic_off"] = decisions(flow, inbound, services)
    rules = services.identity_rules_for_flow(flow=flow)
    services.validation_run_create(flow=flow, records=inbound, actor=admin)
    services.identity_rules_update(rule_set=rules, actor=admin, probabilistic_enabled=True)
    snapshot["probabilistic_on"] = decisions(flow, inbound, services)
    Path(args.out).write_text(json.dumps(snapshot, default=str))
    for name in ("probabilistic_off", "probabilistic_on"):
        print(name, dict(Counter(d["outcome"] for d in snapshot[name])))
    if args.compare:
        sys.exit(compare(json.loads(Path(args.compare).read_text()), snapshot))


def compare(before: dict, after: dict) -> int:
    differences = 0
    for name in ("first_load", "after_changes"):
        same = before[name] == after[name]
        differences += not same
        print(f"mirror {name}: {'identical' if same else 'DIFFERENT'} {after[name]}")
    for name in ("probabilistic_off", "probabilistic_on"):
        pairs = list(zip(before[name], after[name], strict=True))
        changed = [i for i, (b, a) in enumerate(pairs) if _decision(b) != _decision(a)]
        shown_differently = [i for i, (b, a) in enumerate(pairs) if b != a and i not in changed]
        differences += len(changed)
        print(
            f"decisions {name}: {len(changed)} of {len(pairs)} differ; "
            f"{len(shown_differently)} more differ only in how a candidate is shown"
        )
        for index in changed[:3]:
            print("  before", before[name][index])
            print("  after ", after[name][index])
        for index in shown_differently[:3]:
            before_candidates, after_candidates = (pairs[index][side]["candidates"] for side in (0, 1))
            for rank, (b, a) in enumerate(zip(before_candidates, after_candidates, strict=False), start=1):
                if b != a:
                    print(
                        f"  {after[name][index]['external_id']} rank {rank}: note {b['note']!r} -> {a['note']!r}"
                    )
    return 1 if differences else 0


def _decision(result: dict) -> tuple:
    """What was decided: outcome, target, method, scores, notes and the ranked candidates with their scores
    (not which merged duplicate of a candidate its attributes were shown from when two score the same)."""
    ranked = tuple(
        (c["crm_id"], c["score"], c["probability"], tuple(c["vetoed_by"])) for c in result["candidates"]
    )
    fields = (
        "outcome",
        "crm_id",
        "method",
        "score",
        "probability",
        "notes",
        "repointed_from",
        "would_auto_link",
    )
    return (*(json.dumps(result[field]) for field in fields), ranked)


if __name__ == "__main__":
    main()
