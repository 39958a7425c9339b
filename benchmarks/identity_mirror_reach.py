"""How much of an in-memory mirror an offline run reads: whether loading CRM records lazily could pay.

    python benchmarks/identity_mirror_reach.py INBOUND --mirror-csv CRM --provider ... --object ... --kind ...
                                                 [any other identity_link option]

Runs `manage.py identity_link` in this process (one process, `--train` added when not given, results to a
temporary file) and counts the mirror records that the run ever touched, by how: holding a lookup key the
inbound file asks for (the keys the load indexes), found through a key or a block, read for scoring (their
comparison values), read as whole profiles (key holders' checks, shown candidates), or drawn for the
random-pair sample that estimates u. A record that is never touched needs no normalising beyond what
decides whether it holds a wanted key; the share touched bounds what building profiles on first use could
save. Uses DATABASE_URL or a fresh SQLite file.
"""

import os
import sys
import tempfile
from collections import defaultdict

from identity_django import setup_django

READS = ("key_hits", "block_members", "scoring_values", "profiles", "sample_profiles")


def _counting(reader_class, touched: dict[str, set]) -> None:
    """Wrap the in-memory reader's reads so each notes the record ids it returned."""

    def ids_of(name: str, found) -> set[int]:
        if name == "key_hits":
            return {ref.id for refs in found.values() for ref in refs}
        if name == "block_members":
            return {record_id for record_ids in found.values() for record_id in record_ids}
        if name == "sample_profiles":
            return {profile["id"] for profile in found}
        return set(found)

    def wrapped(name: str, read):
        def counted(self, *args, **kwargs):
            found = read(self, *args, **kwargs)
            touched[name] |= ids_of(name, found)
            return found

        return counted

    for name in READS:
        setattr(reader_class, name, wrapped(name, getattr(reader_class, name)))


def main() -> None:
    setup_django(f"identity-reach-{os.getpid()}.sqlite3")
    from django.core.management import call_command

    from identity_app import mirror_index

    touched: dict[str, set] = defaultdict(set)
    _counting(mirror_index.IndexedMirrorReader, touched)
    arguments = sys.argv[1:]
    if "--train" not in arguments:
        arguments.append("--train")
    with tempfile.TemporaryDirectory() as directory:
        call_command(
            "identity_link", *arguments, "--no-progress", "--workers", "1", "--out", f"{directory}/r.csv"
        )
    index = next(iter(mirror_index._indexes.values()))
    holders = set()
    for by_value in index.members.values():
        for record_ids in by_value.values():
            holders.update(mirror_index._as_tuple(record_ids))
    total = len(index.records)

    def share(ids: set) -> str:
        return f"{len(ids):,} ({len(ids) / max(total, 1):.1%})"

    print(f"mirror records: {total:,}")
    print(f"holding a wanted (indexed) key: {share(holders)}")
    for name in READS:
        print(f"{name}: {share(touched[name])}")
    found = touched["key_hits"] | touched["block_members"] | touched["scoring_values"] | touched["profiles"]
    print(f"touched by keys, blocks, scoring or profiles: {share(found)}")
    print(f"touched at all (with the random-pair sample): {share(found | touched['sample_profiles'])}")


if __name__ == "__main__":
    main()
