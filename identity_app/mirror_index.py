"""An in-memory index of one mirror (connection and object) for processes that resolve batch after batch.

Reading candidates from the database costs a random row per candidate: at a million mirror records that was
most of the resolver's time. A long-lived process (the write-back worker, `identity_link`) instead reads the
mirror once, sequentially: every record's reference and comparison values, and every lookup row. It then
answers key, block and candidate reads from memory, exactly as `MirrorReader` answers them from the database.

It stays in step with every writer: the database stamps each written record with a revision (migration
identity_app/0008). Before each batch, the index reads the records stamped since it last looked, with their
current lookup rows. Lookup entries a record no longer has are left in place but filtered out when read, so
a change never needs the record's old keys.

Memory grows with the mirror: about 1.6 KB per record (1.6 GB for a million records with seven lookup keys each,
measured), and the build reads the whole mirror once (30-60 s for a million records). So the index is only built
for mirrors up to settings.IDENTITY_MIRROR_INDEX_MAX_RECORDS, and only in processes that ask for it
(`keep_in_memory`): the RQ worker, and `identity_link` for files large against the mirror. Web requests resolve a record at a time
and read the database.

Mirror records are never deleted one by one (deleted CRM records stay as tombstones); rows removed with their
connection stay in an index until the process ends, and no flow resolves against them.
"""

import bisect
import datetime as dt
import gc
import random
import time
from collections import defaultdict

from django.conf import settings
from django.db import connection as db
from django.db import transaction

from crmhub.core.gc_pause import collector_paused
from identity_app import blocking, name_frequency
from identity_app.attributes import PROFILE_ATTRIBUTES
from identity_app.mirror import MirrorReader, RecordRef, is_postgresql, scoring_rows
from identity_app.models import MirrorIdentifier, MirrorRecord

LOAD_CHUNK = 50_000
UNIQUE_ATTRIBUTES = frozenset({"emails", "phone"})  # values not worth sharing between records
SHAREABLE = (str, dt.date)
SIZE_RECHECK_SECONDS = 3600
# Record ids the big blocks' token indexes hold, counted once per comparison (`MirrorIndex.block_tokens`),
# before they are dropped whole.
BLOCK_TOKENS_LIMIT = 2_000_000

_enabled = False
_indexes: dict[tuple, "MirrorIndex"] = {}
_too_big: dict[tuple, float] = {}  # mirrors read from the database instead, and when that was decided


def keep_in_memory(enabled: bool = True, *, drop: bool = True) -> None:
    """Let resolvers in this process use in-memory mirror indexes. Turned off, they are dropped, unless
    `drop` is false: a forked child would copy every page of them just to release them."""
    global _enabled
    _enabled = enabled
    if not enabled and drop:
        _indexes.clear()
        _too_big.clear()


def keeps_in_memory() -> bool:
    return _enabled


def reader_for(connection_id: int, object_name: str, attributes, values) -> MirrorReader:
    """An indexed reader where this process keeps indexes and the mirror is small enough, else the database
    reader. `attributes` and `values` are the scorer's comparison attributes and their reader."""
    key = (connection_id, object_name, tuple(attributes))
    index = _indexes.get(key) if _enabled else None
    if index is None and _enabled and not _recently_too_big(key):
        size = MirrorRecord.objects.filter(connection_id=connection_id, object_name=object_name).count()
        if size <= settings.IDENTITY_MIRROR_INDEX_MAX_RECORDS:
            index = _indexes[key] = MirrorIndex(connection_id, object_name, tuple(attributes), values)
        else:
            _too_big[key] = time.monotonic()
    if index is None:
        return MirrorReader(connection_id=connection_id, object_name=object_name)
    return IndexedMirrorReader(index)


def in_memory_only(connection_id: int, object_name: str, attributes: tuple, values) -> "MirrorIndex":
    """An empty index of a mirror that lives in this process only, never in the database (a file pair's
    mirror in an offline `identity_link` run): filled with `MirrorIndex.put`, then `finish_loading`.
    Resolvers of this process read it (this turns `keep_in_memory` on)."""
    keep_in_memory(True)
    key = (connection_id, object_name, tuple(attributes))
    index = _indexes[key] = MirrorIndex(connection_id, object_name, tuple(attributes), values)
    index.stored_profiles = {}
    index.horizon = 0  # never read from the database
    return index


def _recently_too_big(key: tuple) -> bool:
    decided = _too_big.get(key)
    return decided is not None and time.monotonic() - decided < SIZE_RECHECK_SECONDS


class MirrorIndex:
    def __init__(self, connection_id: int, object_name: str, attributes: tuple, values):
        self.connection_id = connection_id
        self.object_name = object_name
        self.attributes = attributes
        self.values = values
        self.records: dict[int, tuple[RecordRef, tuple]] = {}
        self.ids_by_crm_id: dict[str, int] = {}
        # kind -> value -> record id, or a sorted tuple of them (most keys have one holder)
        self.members: dict[str, dict[str, int | tuple[int, ...]]] = defaultdict(dict)
        self.keys_now: dict[int, frozenset] = {}  # the lookup keys of records written since the build
        self.horizon: int | None = None
        self.build_seconds = 0.0
        self.shared: dict = {}
        self.repeated_columns = tuple(attribute not in UNIQUE_ATTRIBUTES for attribute in attributes)
        # In-memory-only mirrors (`in_memory_only`): each record's profile, and while loading, each lookup key's
        # holders (`put_many`), plus the keys of records put again or one by one, which replace their earlier
        # ones (`_superseded`).
        self.stored_profiles: dict[int, dict] | None = None
        self._loading_holders: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._loading_keys: dict[int, set] = {}
        self._superseded: set[int] = set()
        self.changes = 0  # counts writes, so statistics of the records know when to count again
        self._name_frequencies: dict[tuple[int, int, int], tuple[int, object]] = {}
        # (block key, comparison indices) -> `blocking.token_indexes` of its members there, valid while `changes`
        # is `_block_tokens_at`
        self._block_tokens: dict[tuple, dict] = {}
        self._block_tokens_at = -1
        self._block_tokens_size = 0

    # -- a mirror that lives in memory only ---------------------------------------------------------------

    def name_frequencies(self, first: int, last: int, company: int):
        """`name_frequency.measure` of the live records' (first name, last name, company) values at these
        positions, counted again only after the records changed."""
        positions = (first, last, company)
        cached = self._name_frequencies.get(positions)
        if cached is None or cached[0] != self.changes:
            rows = (
                (values[first], values[last], values[company])
                for ref, values in self.records.values()
                if not ref.is_deleted and not ref.merged_into
            )
            cached = self._name_frequencies[positions] = (self.changes, name_frequency.measure(rows))
        return cached[1]

    def block_tokens(self, key: tuple[str, str], record_ids, positions: tuple[int, ...]) -> dict[int, dict]:
        """`blocking.token_indexes` of a block's members (`record_ids`, as `holders` gives them) at these
        comparisons, built once while the records do not change: a common name's block is narrowed for many
        inbound records."""
        if self._block_tokens_at != self.changes:
            self._block_tokens, self._block_tokens_at, self._block_tokens_size = {}, self.changes, 0
        found = self._block_tokens.get((key, positions))
        if found is None:
            records = self.records
            found = blocking.token_indexes(
                [(record_id, records[record_id][1]) for record_id in record_ids if record_id in records],
                positions,
            )
            size = len(record_ids) * len(positions)
            self._block_tokens_size += size
            if self._block_tokens_size > BLOCK_TOKENS_LIMIT:
                self._block_tokens, self._block_tokens_size = {}, size
            self._block_tokens[(key, positions)] = found
        return found

    def has(self, crm_id: str) -> bool:
        return crm_id in self.ids_by_crm_id

    def put(self, crm_id: str, row: dict, keys) -> None:
        """Store (or replace) a record: `row` holds its profile columns, display values and flags."""
        record_id = self.ids_by_crm_id.get(crm_id) or len(self.ids_by_crm_id) + 1
        ref = RecordRef(record_id, crm_id, row["is_deleted"], row["merged_into"])
        self._apply_records([(ref, self.values(row))])
        self.stored_profiles[record_id] = {
            "id": record_id,
            "crm_id": crm_id,
            "is_deleted": row["is_deleted"],
            "merged_into": row["merged_into"],
            "display": row["display"],
            **{attribute: row[attribute] for attribute in PROFILE_ATTRIBUTES},
        }
        self._loading_keys[record_id] = set(keys)
        self._superseded.add(record_id)

    def put_many(self, prepared: list[tuple], positions: dict[tuple[str, str], list[int]]) -> None:
        """`put` (or `mark`, for a deleted or merged record sent without values that is already here) of
        each (crm id, whether values came, row, its comparison values: `values` of it), in order;
        `positions`: each lookup key -> the positions in `prepared` of the records holding it, ascending.
        Each row becomes the stored profile itself (its id and CRM id added): it holds the profile columns,
        display values and flags `put` stores."""
        stored, ids_by_crm_id = self.stored_profiles, self.ids_by_crm_id
        records = []
        ids_at = []  # the record id of each position; 0 for a record only marked, whose keys stay as they were
        again = []  # positions of records already here: their keys replace the ones they had
        for position, (crm_id, has_values, row, values) in enumerate(prepared):
            if not has_values and crm_id in ids_by_crm_id and (row["is_deleted"] or row["merged_into"]):
                if records:
                    self._apply_records(records)
                    records = []
                self.mark(crm_id, is_deleted=row["is_deleted"], merged_into=row["merged_into"])
                ids_at.append(0)
                continue
            record_id = ids_by_crm_id.get(crm_id)
            if record_id is None:
                record_id = ids_by_crm_id[crm_id] = len(ids_by_crm_id) + 1  # the next new one counts this one
            else:
                again.append(position)
            ids_at.append(record_id)
            records.append((RecordRef(record_id, crm_id, row["is_deleted"], row["merged_into"]), values))
            row["id"], row["crm_id"] = record_id, crm_id
            stored[record_id] = row
        self._apply_records(records)
        self._add_holders(ids_at, again, positions)

    def _add_holders(self, ids_at: list[int], again: list[int], positions: dict) -> None:
        """Each key's new holders, by record id: ids of new records ascend with their positions, so each
        key's list stays ascending. Records put again (and marked ones) are left out: `_loading_keys`
        holds the last keys of a record put again, and `finish_loading` puts them in their place."""
        holders = self._loading_holders
        if not again and 0 not in ids_at:
            record_id_at = ids_at.__getitem__
            for key, held in positions.items():
                holders[key].extend(map(record_id_at, held))
            return
        skipped = {position: set() for position in again}
        for position, record_id in enumerate(ids_at):
            if not record_id:
                skipped[position] = set()
        for key, held in positions.items():
            kept = []
            for position in held:
                if position in skipped:
                    skipped[position].add(key)
                else:
                    kept.append(ids_at[position])
            if kept:
                holders[key].extend(kept)
        for position in again:  # in order: a record put twice in one chunk keeps its last keys
            self._loading_keys[ids_at[position]] = skipped[position]
            self._superseded.add(ids_at[position])

    def mark(self, crm_id: str, *, is_deleted: bool, merged_into: str) -> None:
        """A stored record deleted or merged, its attributes and keys kept (as `mirror_upsert` keeps them)."""
        record_id = self.ids_by_crm_id[crm_id]
        self.changes += 1
        ref, values = self.records[record_id]
        self.records[record_id] = (ref._replace(is_deleted=is_deleted, merged_into=merged_into), values)
        self.stored_profiles[record_id].update(is_deleted=is_deleted, merged_into=merged_into)

    def finish_loading(self) -> None:
        grouped, self._loading_holders = self._loading_holders, defaultdict(list)
        if self._superseded:  # records put again or one by one: their earlier keys go, their last ones come
            superseded = self._superseded
            for key, record_ids in grouped.items():
                if not superseded.isdisjoint(record_ids):
                    grouped[key] = [record_id for record_id in record_ids if record_id not in superseded]
            touched = set()
            for record_id, keys in self._loading_keys.items():
                for key in keys:
                    grouped[key].append(record_id)
                touched.update(keys)
            for key in touched:
                grouped[key].sort()
        self._loading_keys, self._superseded = {}, set()
        self.changes += 1  # the blocks changed: their token indexes (`block_tokens`) are built again
        members = self.members
        for (kind, value), record_ids in grouped.items():
            if record_ids:
                members[kind][value] = record_ids[0] if len(record_ids) == 1 else tuple(record_ids)

    # -- keeping in step ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Build on first use; afterwards read the records written since the last look."""
        if self.stored_profiles is not None:
            return  # a mirror in memory only: nothing else writes it
        if self.horizon is None:
            self._build()
        horizon = self._current_horizon()
        changed = list(self._record_rows(revision_from=self.horizon))
        if changed:
            self._apply_records(changed)
            keys: dict[int, set] = defaultdict(set)
            for record_id, kind, value in self._identifier_rows([row[0] for row, _ in changed]):
                keys[record_id].add((kind, value))
            for row, _ in changed:
                self._set_keys(row[0], frozenset(keys.get(row[0], ())))
        self.horizon = horizon

    def _build(self) -> None:
        started = time.perf_counter()
        horizon = self._current_horizon()  # first: whatever is written during the build is read again
        with collector_paused():
            self._apply_records(self._record_rows())
            members = self.members
            for kind, value, record_ids in self._all_members():
                members[kind][value] = record_ids
        # Millions of long-lived tuples: left to the collector, every full collection would walk them all.
        gc.freeze()
        self.horizon = horizon
        self.build_seconds = time.perf_counter() - started

    def _current_horizon(self) -> int:
        """The revision from which later writes will be found: on PostgreSQL the oldest transaction still
        running (its writes, and any later one's, carry an id at least this); on SQLite, whose writers take
        turns, one past the highest revision stored."""
        with db.cursor() as cursor:
            if is_postgresql():
                cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            else:
                cursor.execute(
                    f"SELECT coalesce(max(revision), 0) + 1 FROM {MirrorRecord._meta.db_table} "  # noqa: S608 - model table
                    "WHERE connection_id = %s AND object_name = %s",
                    [self.connection_id, self.object_name],
                )
            return cursor.fetchone()[0]

    def _record_rows(self, revision_from: int | None = None):
        """(ref, comparison values) of every record, or of those written from a revision on, by id."""
        last_id = 0
        while True:
            rows = scoring_rows(
                self.connection_id,
                self.object_name,
                self.attributes,
                self.values,
                after_id=last_id,
                revision_from=revision_from,
                limit=LOAD_CHUNK,
            )
            yield from rows
            if len(rows) < LOAD_CHUNK:
                return
            last_id = rows[-1][0].id

    def _apply_records(self, rows) -> None:
        records, ids_by_crm_id, shared = self.records, self.ids_by_crm_id, self.shared
        repeated = self.repeated_columns
        self.changes += 1
        for ref, values in rows:
            # Names, cities, companies, dates repeat across records: one copy of each saves a third of memory.
            values = tuple(
                [
                    shared.setdefault(value, value) if repeats and isinstance(value, SHAREABLE) else value
                    for value, repeats in zip(values, repeated, strict=True)
                ]
            )
            records[ref.id] = (ref, values)
            ids_by_crm_id[ref.crm_id] = ref.id

    def _all_members(self):
        """(kind, value, record id or sorted tuple of them) of every lookup key, in the lookup index's order."""
        if is_postgresql():
            # Streamed through a server-side cursor: a million records have several million keys.
            with transaction.atomic(), db.connection.cursor(name="mirror_index_members") as cursor:
                cursor.itersize = LOAD_CHUNK
                cursor.execute(
                    f"SELECT kind, value, string_agg(record_id::text, ',' ORDER BY record_id) "  # noqa: S608 - model table
                    f"FROM {MirrorIdentifier._meta.db_table} WHERE connection_id = %s AND object_name = %s "
                    "GROUP BY kind, value",
                    [self.connection_id, self.object_name],
                )
                for kind, value, ids in cursor:
                    yield kind, value, int(ids) if "," not in ids else tuple(map(int, ids.split(",")))
            return
        grouped: dict[tuple[str, str], list[int]] = defaultdict(list)
        rows = (
            MirrorIdentifier.objects.filter(connection_id=self.connection_id, object_name=self.object_name)
            .order_by("kind", "value", "record_id")
            .values_list("kind", "value", "record_id")
        )
        for kind, value, record_id in rows.iterator(chunk_size=LOAD_CHUNK):
            grouped[(kind, value)].append(record_id)
        for (kind, value), record_ids in grouped.items():
            yield kind, value, record_ids[0] if len(record_ids) == 1 else tuple(record_ids)

    def _identifier_rows(self, record_ids: list[int]):
        for start in range(0, len(record_ids), LOAD_CHUNK):
            yield from MirrorIdentifier.objects.filter(
                record_id__in=record_ids[start : start + LOAD_CHUNK]
            ).values_list("record_id", "kind", "value")

    def _set_keys(self, record_id: int, keys: frozenset) -> None:
        for kind, value in keys:
            by_value = self.members[kind]
            record_ids = _as_tuple(by_value.get(value, ()))
            position = bisect.bisect_left(record_ids, record_id)
            if position == len(record_ids) or record_ids[position] != record_id:
                by_value[value] = (*record_ids[:position], record_id, *record_ids[position:])
        self.keys_now[record_id] = keys

    # -- reads --------------------------------------------------------------------------------------------

    def holders(self, kind: str, value: str, limit: int | None = None) -> list[int]:
        """The records that hold a lookup key now, by id (entries a record has since lost left out); at most
        `limit` of them when given, as a bounded database read gives."""
        record_ids = self.members.get(kind, {}).get(value)
        if record_ids is None:
            return []
        record_ids = _as_tuple(record_ids)
        if self.stored_profiles is not None:  # in memory only: every holder is stored, no key ever lost
            return list(record_ids if limit is None else record_ids[:limit])
        keys_now, records, key = self.keys_now, self.records, (kind, value)
        found = []
        for record_id in record_ids:
            if record_id in records and ((now := keys_now.get(record_id)) is None or key in now):
                found.append(record_id)
                if limit is not None and len(found) >= limit:
                    break
        return found


_NO_MEMBERS: dict = {}


def _as_tuple(record_ids: int | tuple[int, ...]) -> tuple[int, ...]:
    return (record_ids,) if type(record_ids) is int else record_ids


class IndexedMirrorReader(MirrorReader):
    """`MirrorReader` with keys, blocks, references and comparison values served by a `MirrorIndex`;
    identity links and the shown candidates' profiles still come from the database."""

    def __init__(self, index: MirrorIndex):
        super().__init__(connection_id=index.connection_id, object_name=index.object_name)
        self.index = index

    def prepare(self) -> None:
        self.index.refresh()

    def block_tokens(self, key: tuple[str, str], record_ids, positions: tuple[int, ...]) -> dict[int, dict]:
        return self.index.block_tokens(key, record_ids, positions)

    def name_frequencies(self, attributes, values, first: int, last: int, company: int):
        # The index holds the scorer's attributes (`reader_for`), which are these.
        return self.index.name_frequencies(first, last, company)

    def live_count(self) -> int:
        return sum(1 for ref, _ in self.index.records.values() if not ref.is_deleted and not ref.merged_into)

    def key_hits(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], list[RecordRef]]:
        records = self.index.records
        hits = {}
        for kind, value in keys:
            refs = [records[record_id][0] for record_id in self.index.holders(kind, value)]
            if refs:
                hits[(kind, value)] = refs
        return hits

    def refs_by_crm_id(self, crm_ids: set[str]) -> dict[str, RecordRef]:
        ids, records = self.index.ids_by_crm_id, self.index.records
        return {crm_id: records[ids[crm_id]][0] for crm_id in crm_ids if crm_id in ids}

    def block_members(
        self, keys: set[tuple[str, str]], max_block_size: int
    ) -> dict[tuple[str, str], list[int]]:
        if self.index.stored_profiles is not None:
            return self._blocks_in_memory(keys, max_block_size)
        members = {}
        for kind, value in keys:
            record_ids = self.index.holders(kind, value, limit=max_block_size + 1)
            if 0 < len(record_ids) <= max_block_size:
                members[(kind, value)] = record_ids
        return members

    def holder_count(self, key: tuple[str, str], at_most: int) -> int:
        return len(self.index.holders(*key, limit=at_most))

    def _blocks_in_memory(self, keys: set[tuple[str, str]], max_block_size: int) -> dict:
        """`block_members` of a mirror in memory only, whose every holder is stored (`MirrorIndex.holders`),
        read straight from its members: a batch asks for tens of thousands of keys."""
        members, found = self.index.members, {}
        for kind, value in keys:
            record_ids = members.get(kind, _NO_MEMBERS).get(value)
            if record_ids is None:
                continue
            record_ids = _as_tuple(record_ids)
            if 0 < len(record_ids) <= max_block_size:
                found[(kind, value)] = list(record_ids)
        return found

    def links(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
        if self.index.stored_profiles is not None:
            return {}  # a mirror in memory only belongs to a run's own connection: nothing links to it
        return super().links(pairs)

    def profiles(self, record_ids: set[int], attributes=PROFILE_ATTRIBUTES) -> dict[int, dict]:
        stored = self.index.stored_profiles
        if stored is None:
            return super().profiles(record_ids, attributes)
        # The stored profiles themselves, not copies of the asked columns: resolvers only read them.
        return {record_id: stored[record_id] for record_id in record_ids if record_id in stored}

    def sample_profiles(self, size: int, *, seed: int = 0) -> list[dict]:
        """As `MirrorReader.sample_profiles` draws them: ids at random from the id range, live records kept."""
        stored = self.index.stored_profiles
        if stored is None:
            return super().sample_profiles(size, seed=seed)
        if not stored:
            return []
        return [dict(stored[i]) for i in self._sample_ids(size, seed)]

    def _sample_ids(self, size: int, seed: int) -> list[int]:
        """The ids of `sample_profiles`, in its order (the stored profiles are not empty)."""
        stored = self.index.stored_profiles
        rng = random.Random(seed)  # noqa: S311 - sampling, not security
        span = range(min(stored), max(stored) + 1)
        ids = sorted(set(rng.sample(span, min(len(span), size * 2))))
        return [i for i in ids if not stored[i]["is_deleted"] and not stored[i]["merged_into"]][:size]

    def sample_values(self, size: int, values, *, seed: int = 0) -> list[tuple]:
        """`values` of each of `sample_profiles`, read from the index (it holds each record's values as the
        scorer's `values` gives them, `reader_for`) instead of from copies of the profiles."""
        stored = self.index.stored_profiles
        if not stored:
            return super().sample_values(size, values, seed=seed)
        records = self.index.records
        return [records[i][1] for i in self._sample_ids(size, seed)]

    def scoring_values(self, record_ids: set[int], attributes, values) -> dict[int, tuple[RecordRef, tuple]]:
        # The index was built for the scorer's attributes (`reader_for`), which are these.
        records = self.index.records
        return {record_id: records[record_id] for record_id in record_ids if record_id in records}
