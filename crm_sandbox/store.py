"""In-memory record store with a sorted modified-time index (bisect, no per-page scans)."""

import bisect
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Actor:
    """Who made a change: our integration, another API client, or a human rep."""

    kind: str  # "integration" | "api" | "rep"
    user_id: Any
    client: str | None = None
    channel: str = "app"  # rep edits: "app" or "mobile" (Pipedrive change_source)


@dataclass
class Change:
    """One change to one record, as the webhook emitter hears of it.

    kind: create | change | delete | merge. changes: {field: (old, new)} for a change (for a merge: the
    values moved to the winner); record: the changed record (for a merge: the loser)."""

    kind: str
    object_name: str
    record: "Record"
    actor: Actor
    changes: dict = field(default_factory=dict)
    winner: "Record | None" = None


@dataclass
class HistoryEntry:
    record_id: str
    field: str
    old: Any
    new: Any
    at_ms: int
    actor: Actor
    seq: int = 0


@dataclass
class Record:
    id: str
    sort_key: Any
    values: dict
    created_ms: int
    modified_ms: int
    created_by: Actor
    modified_by: Actor
    deleted: bool = False
    deleted_ms: int | None = None
    hard_deleted: bool = False  # Bulk API hardDelete: no Recycle Bin, so not even queryAll finds it
    merged_into: str | None = None
    merged_ids: list = field(default_factory=list)
    history: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (object_name, record_id) this record is associated with


class SortedIndex:
    """Sorted list of (modified_ms, sort_key); O(log n) lookups, memmove-cost updates."""

    def __init__(self):
        self.keys: list[tuple[int, Any]] = []

    def add(self, modified_ms: int, sort_key: Any) -> None:
        bisect.insort(self.keys, (modified_ms, sort_key))

    def remove(self, modified_ms: int, sort_key: Any) -> None:
        position = bisect.bisect_left(self.keys, (modified_ms, sort_key))
        if position < len(self.keys) and self.keys[position] == (modified_ms, sort_key):
            del self.keys[position]

    def position_after(self, key: tuple) -> int:
        return bisect.bisect_right(self.keys, key)

    def position_at_or_after(self, key: tuple) -> int:
        return bisect.bisect_left(self.keys, key)

    def __len__(self) -> int:
        return len(self.keys)


class ObjectStore:
    """All records of one object type in one account."""

    def __init__(self, name: str):
        self.name = name
        self.records: dict[str, Record] = {}
        self.by_sort_key: dict[Any, str] = {}
        self.live = SortedIndex()
        self.dead = SortedIndex()
        self.creation_order: list[Any] = []  # sort keys in creation order (= id order)
        self.history_log: list[HistoryEntry] = []  # append-only, ordered by at_ms
        self._history_seq = 0

    def bulk_load(self, records: list[Record]) -> None:
        """Insert many records at once (seeding): one sort instead of n insorts."""
        for record in records:
            self.records[record.id] = record
            self.by_sort_key[record.sort_key] = record.id
            self.creation_order.append(record.sort_key)
        self.creation_order.sort()
        self.live.keys = sorted((r.modified_ms, r.sort_key) for r in records if not r.deleted)
        self.dead.keys = sorted((r.modified_ms, r.sort_key) for r in records if r.deleted)

    def bulk_history(self, entries: list[HistoryEntry]) -> None:
        entries = sorted(entries, key=lambda e: e.at_ms)
        for entry in entries:
            self._history_seq += 1
            entry.seq = self._history_seq
            self.records[entry.record_id].history.append(entry)
            self.history_log.append(entry)

    def add(self, record: Record) -> None:
        self.records[record.id] = record
        self.by_sort_key[record.sort_key] = record.id
        self.creation_order.append(record.sort_key)
        self.live.add(record.modified_ms, record.sort_key)

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def touch(self, record: Record, modified_ms: int, actor: Actor) -> None:
        index = self.dead if record.deleted else self.live
        index.remove(record.modified_ms, record.sort_key)
        record.modified_ms = modified_ms
        record.modified_by = actor
        index.add(modified_ms, record.sort_key)

    def mark_deleted(self, record: Record, at_ms: int, actor: Actor) -> None:
        self.live.remove(record.modified_ms, record.sort_key)
        record.deleted = True
        record.deleted_ms = at_ms
        record.modified_ms = at_ms
        record.modified_by = actor
        self.dead.add(at_ms, record.sort_key)

    def record_history(self, record: Record, field_name: str, old, new, at_ms: int, actor: Actor) -> None:
        self._history_seq += 1
        entry = HistoryEntry(record.id, field_name, old, new, at_ms, actor, self._history_seq)
        record.history.append(entry)
        self.history_log.append(entry)

    def history_since(self, at_ms: int) -> list[HistoryEntry]:
        position = bisect.bisect_right(self.history_log, at_ms, key=lambda e: e.at_ms)
        return self.history_log[position:]

    def record_by_sort_key(self, sort_key) -> Record:
        return self.records[self.by_sort_key[sort_key]]
