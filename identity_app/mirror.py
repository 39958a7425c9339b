"""Batch reads and writes of the identifier mirror. Each call is one query (or a bounded few), whatever the
batch size.

Writes: on PostgreSQL records go through COPY into a temporary staging table and one INSERT ... ON CONFLICT,
and lookup rows are COPYed straight into their table; Django's row-by-row statement building costs more than
the database work at a million records. Other databases use the generic bulk_create path.
"""

import json
import random
import time
from collections import defaultdict
from typing import NamedTuple

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db import connection as db
from django.db.models import Count, Max, Min, Q

from crmhub.models import CrmConnection
from identity_app import name_frequency, normalise_emails
from identity_app.attributes import PROFILE_ATTRIBUTES
from identity_app.models import IdentityLink, MirrorIdentifier, MirrorRecord

MAX_MERGE_DEPTH = 5
NAME_COUNTS_CHUNK = 20_000
NAME_COUNTS_MAX_AGE = 3600
# (database, connection and its creation time, object, attributes, positions)
#     -> (when counted, (latest revision, records, highest id), frequencies)
_name_counts: dict[tuple, tuple] = {}


class RecordRef(NamedTuple):
    id: int
    crm_id: str
    is_deleted: bool
    merged_into: str


def _pairs_filter(keys) -> Q:
    by_kind: dict[str, set[str]] = defaultdict(set)
    for kind, value in keys:
        by_kind[kind].add(value)
    condition = Q()
    for kind, values in by_kind.items():
        condition |= Q(kind=kind, value__in=sorted(values))
    return condition


class MirrorReader:
    # Narrowing big blocks by the values this reader holds (`block_tokens`, a `blocking.Narrower` reads it):
    # none here, so a block's members' values are read with the candidates'.
    block_tokens = None

    def __init__(self, *, connection_id: int, object_name: str):
        self.connection_id = connection_id
        self.object_name = object_name

    def _identifiers(self):
        return MirrorIdentifier.objects.filter(connection_id=self.connection_id, object_name=self.object_name)

    def _records(self):
        return MirrorRecord.objects.filter(connection_id=self.connection_id, object_name=self.object_name)

    def links(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
        """(source, external id) -> (crm id, link method)."""
        if not pairs:
            return {}
        rows = IdentityLink.objects.filter(
            connection_id=self.connection_id,
            object_name=self.object_name,
            source_system__in={source for source, _ in pairs},
            external_id__in={external_id for _, external_id in pairs},
        ).values_list("source_system", "external_id", "crm_id", "method")
        return {
            (source, ext): (crm_id, method) for source, ext, crm_id, method in rows if (source, ext) in pairs
        }

    def key_hits(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], list[RecordRef]]:
        """(kind, value) -> the records holding that key."""
        if not keys:
            return {}
        if is_postgresql():
            rows = self._select(
                "SELECT i.kind, i.value, r.id, r.crm_id, r.is_deleted, r.merged_into "  # noqa: S608 - table names and placeholders only
                f"FROM {_IDENTIFIERS} i JOIN {_KEYS} ON i.kind = k.kind AND i.value = k.value "
                f"JOIN {_RECORDS} r ON r.id = i.record_id WHERE {_SCOPE}",
                _key_arrays(keys),
            )
        else:
            rows = (
                self._identifiers()
                .filter(_pairs_filter(keys))
                .values_list(
                    "kind",
                    "value",
                    "record_id",
                    "record__crm_id",
                    "record__is_deleted",
                    "record__merged_into",
                )
            )
        hits: dict[tuple[str, str], list[RecordRef]] = defaultdict(list)
        for kind, value, *ref in rows:
            hits[(kind, value)].append(RecordRef(*ref))
        return hits

    def refs_by_crm_id(self, crm_ids: set[str]) -> dict[str, RecordRef]:
        if not crm_ids:
            return {}
        rows = (
            self._records()
            .filter(crm_id__in=crm_ids)
            .values_list("id", "crm_id", "is_deleted", "merged_into")
        )
        return {row[1]: RecordRef(*row) for row in rows}

    def add_survivors(self, refs: dict[str, RecordRef]) -> None:
        """Fetch the records that merged records point to, following chains a few merges deep."""
        for _ in range(MAX_MERGE_DEPTH):
            missing = {
                ref.merged_into for ref in refs.values() if ref.merged_into and ref.merged_into not in refs
            }
            if not missing:
                return
            found = self.refs_by_crm_id(missing)
            if not found:
                return
            refs.update(found)

    def block_members(
        self, keys: set[tuple[str, str]], max_block_size: int
    ) -> dict[tuple[str, str], list[int]]:
        """(kind, value) -> record ids, leaving out blocks too big to be evidence (a shared domain)."""
        if not keys:
            return {}
        if is_postgresql():
            return self._bounded_block_members(keys, max_block_size)
        usable = {(kind, value) for kind, value, size in self._block_sizes(keys) if size <= max_block_size}
        if not usable:
            return {}
        members: dict[tuple[str, str], list[int]] = defaultdict(list)
        rows = self._identifiers().filter(_pairs_filter(usable)).values_list("kind", "value", "record_id")
        for kind, value, record_id in rows:
            members[(kind, value)].append(record_id)
        return members

    def holder_count(self, key: tuple[str, str], at_most: int) -> int:
        """How many records hold a lookup key, counted up to `at_most`."""
        kind, value = key
        return self._identifiers().filter(kind=kind, value=value)[:at_most].count()

    def _bounded_block_members(self, keys, max_block_size: int) -> dict[tuple[str, str], list[int]]:
        """PostgreSQL: one query that reads at most max_block_size + 1 lookup rows per key, so a big
        shared domain costs as little as a small block instead of being counted in full."""
        # One row per usable block with its members as text: a row per member cost more to hand over and
        # collect than the database spent finding them.
        rows = self._select(
            f"SELECT k.kind, k.value, m.ids FROM {_KEYS} CROSS JOIN LATERAL ("  # noqa: S608 - table names and placeholders only
            "SELECT string_agg(b.record_id::text, ',') AS ids, count(*) AS size FROM ("
            f"SELECT i.record_id FROM {_IDENTIFIERS} i WHERE i.kind = k.kind AND i.value = k.value "
            f"AND {_SCOPE} LIMIT %s) AS b) AS m WHERE m.size BETWEEN 1 AND %s",
            _key_arrays(keys),
            tail=[max_block_size + 1, max_block_size],
        )
        return {(kind, value): list(map(int, ids.split(","))) for kind, value, ids in rows}

    def _block_sizes(self, keys: set[tuple[str, str]]):
        """Other databases: how many lookup rows each key has (PostgreSQL bounds its block reads instead)."""
        return (
            self._identifiers()
            .filter(_pairs_filter(keys))
            .values_list("kind", "value")
            .annotate(size=Count("id"))
        )

    def _select(self, sql: str, params: list, tail: list = ()) -> list[tuple]:
        """PostgreSQL: a query over the batch's keys (`_KEYS`) in this connection and object."""
        with db.cursor() as cursor:
            cursor.execute(sql, [*params, self.connection_id, self.object_name, *tail])
            return cursor.fetchall()

    def profiles(self, record_ids: set[int], attributes=PROFILE_ATTRIBUTES) -> dict[int, dict]:
        """id -> the record's profile (only `attributes` of it when given) with its display values."""
        if not record_ids:
            return {}
        columns = ("id", "crm_id", "is_deleted", "merged_into", "display", *attributes)
        if is_postgresql():
            return {row[0]: dict(zip(columns, row, strict=True)) for row in _rows_by_id(record_ids, columns)}
        return {row["id"]: row for row in MirrorRecord.objects.filter(id__in=record_ids).values(*columns)}

    def name_frequencies(self, attributes, values, first: int, last: int, company: int):
        """`name_frequency.measure` of the live records' values at these positions of `attributes` (None
        when there are too few to measure). Counted once per mirror revision and kept for the process;
        a mirror too large for memory is counted again at most every `NAME_COUNTS_MAX_AGE` seconds."""
        key = (*self._mirror_identity(), self.object_name, tuple(attributes), first, last, company)
        batch = self.__dict__.setdefault("_name_counts_this_batch", {})
        if key in batch:
            return batch[key]  # one look at the mirror per batch (`prepare` forgets it)
        batch[key] = frequencies = self._counted_names(key, attributes, values, (first, last, company))
        return frequencies

    def _mirror_identity(self) -> tuple:
        """The database and the connection, with its creation time: a connection id alone comes back for
        another connection (a rolled-back test world, a database created again), and so would its mirror's
        revision and size (SQLite counts revisions per mirror from 1)."""
        identity = self.__dict__.get("_identity")
        if identity is None:
            created = CrmConnection.objects.filter(pk=self.connection_id).values_list("created_at", flat=True)
            identity = self._identity = (db.settings_dict["NAME"], self.connection_id, created.first())
        return identity

    def _counted_names(self, key: tuple, attributes, values, positions: tuple[int, int, int]):
        cached = _name_counts.get(key)
        now = time.monotonic()
        large = cached is not None and cached[1][1] > settings.IDENTITY_MIRROR_INDEX_MAX_RECORDS
        if large and now - cached[0] < NAME_COUNTS_MAX_AGE:
            return cached[2]
        # The highest id too: a mirror emptied and loaded again holds as many records, and on SQLite its
        # revisions count from 1 again.
        latest = self._records().aggregate(top=Max("revision"), size=Count("id"), last=Max("id"))
        state = (latest["top"], latest["size"], latest["last"])
        if cached is not None and cached[1] == state:
            return cached[2]
        frequencies = name_frequency.measure(self._name_rows(attributes, values, positions))
        _name_counts[key] = (now, state, frequencies)
        return frequencies

    def _name_rows(self, attributes, values, positions: tuple[int, int, int]):
        last_id = 0
        while True:
            rows = scoring_rows(
                self.connection_id,
                self.object_name,
                attributes,
                values,
                after_id=last_id,
                limit=NAME_COUNTS_CHUNK,
            )
            for ref, record_values in rows:
                if not ref.is_deleted and not ref.merged_into:
                    yield tuple(record_values[position] for position in positions)
            if len(rows) < NAME_COUNTS_CHUNK:
                return
            last_id = rows[-1][0].id

    def live_count(self) -> int:
        """Live records (neither deleted nor merged away): what an inbound record could match."""
        return self._records().filter(is_deleted=False, merged_into="").count()

    def prepare(self) -> None:
        """Called before each batch's reads (an in-memory index catches up with the mirror here)."""
        self.__dict__.pop("_name_counts_this_batch", None)

    def scoring_values(self, record_ids: set[int], attributes, values) -> dict[int, tuple[RecordRef, tuple]]:
        """id -> (ref, its value of each of `attributes`, None where missing), as `values(profile)` gives
        them: what scoring every blocked candidate needs, without the columns only shown candidates need."""
        if not record_ids:
            return {}
        rows = _scoring_query(attributes, values, _BY_IDS, _ids_param(record_ids), Q(id__in=record_ids))
        return {ref.id: (ref, record_values) for ref, record_values in rows}

    def sample_values(self, size: int, values, *, seed: int = 0) -> list[tuple]:
        """`values(profile)` (a scorer's comparison values) of each of `sample_profiles`, in its order."""
        return [values(profile) for profile in self.sample_profiles(size, seed=seed)]

    def sample_profiles(self, size: int, *, seed: int = 0) -> list[dict]:
        """About `size` random live records, drawn by id without scanning the table."""
        bounds = self._records().aggregate(low=Min("id"), high=Max("id"))
        if bounds["low"] is None:
            return []
        rng = random.Random(seed)  # noqa: S311 - sampling, not security
        span = range(bounds["low"], bounds["high"] + 1)
        ids = set(rng.sample(span, min(len(span), size * 2)))
        found = self.profiles(ids)
        # In id order whatever order the database returns rows in: the pairs drawn from them are the same.
        profiles = [
            found[i] for i in sorted(found) if not found[i]["is_deleted"] and not found[i]["merged_into"]
        ]
        return profiles[:size]


_IDENTIFIERS = MirrorIdentifier._meta.db_table
_RECORDS = MirrorRecord._meta.db_table
# The batch's keys as one JSON parameter: [[kind, value], ...] (one parse however many keys).
_KEYS = "(SELECT e ->> 0 AS kind, e ->> 1 AS value FROM json_array_elements(%s::json) AS e) AS k"
_SCOPE = "i.connection_id = %s AND i.object_name = %s"


# Comparison attribute -> SQL giving its value as `Scorer.values` has it (NULL where missing; emails as "=" and
# the one address, or the JSON text of a longer list, see `_emails_decoded`).
_SCORING_SQL = {
    "emails": "CASE jsonb_array_length(emails) WHEN 0 THEN NULL WHEN 1 THEN '=' || (emails ->> 0) "
    "ELSE emails::text END",
    # One number as text, several as their JSON text (see `_listed_phones`).
    "phone": "CASE WHEN jsonb_array_length(phones) > 1 THEN phones::text ELSE NULLIF(phone, '') END",
    "date_of_birth": "date_of_birth",
    **{
        column: f"NULLIF({column}, '')"
        for column in (
            "email_domain",
            "first_name",
            "last_name",
            "company_name",
            "company_id",
            "street",
            "city",
            "postcode",
            "state",
            "country",
        )
    },
}


def _emails_decoded(row, position: int) -> tuple:
    """row[4:] with the emails column at `position` made a list (a json.loads per candidate was a fifth of
    the resolver's time). One address comes as plain text; a longer list as PostgreSQL's JSON text, which
    writes strings without escapes unless they hold a quote, a backslash or a control character."""
    emails = row[position]
    if emails is None:
        return row[4:]
    if emails[0] == "=":
        emails = [emails[1:]]
    elif "\\" in emails:
        emails = json.loads(emails)
    else:
        emails = emails[2:-2].split('", "')
    # As `scoring.value_of` reads them: role mailboxes are no evidence of a person.
    emails = [address for address in emails if normalise_emails.is_key_email(address)] or None
    return (*row[4:position], emails, *row[position + 1 :])


def _listed_phones(rows: list, position: int) -> list:
    """Rows with a record's several numbers (JSON text: E.164 numbers hold no character JSON escapes) made
    a list, as `scoring.value_of` gives them; one number stays text."""
    changed = []
    for row in rows:
        phone = row[position]
        if phone is not None and phone[0] == "[":
            row = (*row[:position], phone[2:-2].split('", "'), *row[position + 1 :])
        changed.append(row)
    return changed


def scoring_rows(
    connection_id: int,
    object_name: str,
    attributes,
    values,
    *,
    after_id: int = 0,
    revision_from: int | None = None,
    limit: int,
) -> list[tuple[RecordRef, tuple]]:
    """(ref, comparison values) of up to `limit` records of a mirror in id order, from after `after_id`;
    only those written from `revision_from` on when given (see identity_app/mirror_index.py)."""
    where = "connection_id = %s AND object_name = %s AND id > %s"
    params = [connection_id, object_name, after_id]
    condition = Q(connection_id=connection_id, object_name=object_name, id__gt=after_id)
    if revision_from is not None:
        where += " AND revision >= %s"
        params.append(revision_from)
        condition &= Q(revision__gte=revision_from)
    return _scoring_query(attributes, values, where, params, condition, limit=limit)


def _scoring_query(attributes, values, where: str, params: list, condition: Q, limit: int | None = None):
    """[(ref, comparison values)] of the records a condition selects (SQL for PostgreSQL, `condition` for
    the ORM), in id order when `limit` is given.

    On PostgreSQL, when every attribute is a column, the database hands the tuples over nearly ready-made
    (blanks as NULL), so a candidate costs almost no Python work until it is scored. Emails come as JSON
    text decoded here: psycopg parses a text[] column in Python, five times slower."""
    head = ("id", "crm_id", "is_deleted", "merged_into")
    tail = f" ORDER BY id LIMIT {int(limit)}" if limit is not None else ""
    if is_postgresql() and all(attribute in _SCORING_SQL for attribute in attributes):
        rows = _rows_where(
            (*head, *(_SCORING_SQL[attribute] for attribute in attributes)), where + tail, params
        )
        if "phone" in attributes:
            rows = _listed_phones(rows, 4 + list(attributes).index("phone"))
        if "emails" not in attributes:
            return [(RecordRef(*row[:4]), row[4:]) for row in rows]
        position = 4 + list(attributes).index("emails")
        return [(RecordRef(*row[:4]), _emails_decoded(row, position)) for row in rows]
    columns = _columns_for(attributes)
    if is_postgresql():
        rows = _rows_where((*head, *columns), where + tail, params)
    else:
        query = MirrorRecord.objects.filter(condition).values_list(*head, *columns)
        rows = query.order_by("id")[:limit] if limit is not None else query
    return [(RecordRef(*row[:4]), values(dict(zip(columns, row[4:], strict=True)))) for row in rows]


def _key_arrays(keys: set[tuple[str, str]]) -> list[str]:
    return [json.dumps(list(keys))]


def _rows_by_id(record_ids: set[int], columns: tuple[str, ...]) -> list[list]:
    """PostgreSQL: mirror rows by id (one array parameter), JSON columns decoded as the ORM would."""
    return _rows_where(columns, _BY_IDS, _ids_param(record_ids))


# Ids as one text parameter: one array to plan, however many ids.
_BY_IDS = "id = ANY(string_to_array(%s, ',')::bigint[])"


def _ids_param(record_ids) -> list[str]:
    return [",".join(map(str, record_ids))]


def _rows_where(columns: tuple[str, ...], where: str, params: list) -> list[list]:
    """PostgreSQL: mirror rows a condition selects, JSON columns decoded as the ORM would."""
    json_columns = [index for index, column in enumerate(columns) if column in _JSON_COLUMNS]
    with db.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {_RECORDS} WHERE {where}", params)  # noqa: S608 - model columns and fixed conditions
        rows = cursor.fetchall()
    if not json_columns:
        return rows
    decoded = []
    for row in rows:
        row = list(row)
        for index in json_columns:
            if row[index] is not None:
                row[index] = json.loads(row[index])
        decoded.append(row)
    return decoded


def _columns_for(attributes) -> tuple[str, ...]:
    """The MirrorRecord columns that hold these profile attributes ("extra.x" lives in `extra`)."""
    stored = {field.name for field in MirrorRecord._meta.concrete_fields}
    columns = []
    for attribute in attributes:
        column = (
            attribute.split(".", 1)[0] if attribute.startswith(("extra.", "external_ids.")) else attribute
        )
        if column in stored and column not in columns:
            columns.append(column)
        if attribute == "phone":  # the record's other numbers
            columns.append("phones")
    return tuple(columns)


# -- writes -----------------------------------------------------------------------------------------------

# The stored columns of a mirror record besides its identity (connection, object, crm id).
RECORD_COLUMNS = (
    "emails",
    "email_domain",
    "phone",
    "phones",
    "first_name",
    "last_name",
    "company_name",
    "company_id",
    "street",
    "city",
    "postcode",
    "state",
    "country",
    "date_of_birth",
    "external_ids",
    "extra",
    "display",
    "is_deleted",
    "merged_into",
    "crm_modified_at",
    "last_human_edit",
    "refreshed_at",
)
_JSON_COLUMNS = frozenset({"emails", "phones", "external_ids", "extra", "display", "last_human_edit"})
_DATETIME_COLUMNS = frozenset({"crm_modified_at", "refreshed_at"})
_STAGE_TABLE = "identity_mirror_stage"


def is_postgresql() -> bool:
    return db.vendor == "postgresql"


def stored_records(connection_id: int, object_name: str, crm_ids) -> dict[str, tuple[int, dict]]:
    """crm id -> (primary key, last human edits) of those of `crm_ids` already in the mirror."""
    crm_ids = list(crm_ids)
    if not crm_ids:
        return {}
    if is_postgresql():  # one array parameter instead of thousands of placeholders to plan
        with db.cursor() as cursor:
            cursor.execute(
                f"SELECT crm_id, id, last_human_edit FROM {_RECORDS} "  # noqa: S608 - constant name
                "WHERE connection_id = %s AND object_name = %s AND crm_id = ANY(%s)",
                [connection_id, object_name, crm_ids],
            )
            return {crm_id: (pk, json.loads(edits)) for crm_id, pk, edits in cursor.fetchall()}
    rows = MirrorRecord.objects.filter(
        connection_id=connection_id, object_name=object_name, crm_id__in=crm_ids
    ).values_list("crm_id", "id", "last_human_edit")
    return {crm_id: (pk, edits) for crm_id, pk, edits in rows}


def store_records(
    connection_id: int, object_name: str, rows: dict[str, dict], *, new: frozenset[str] = frozenset()
) -> dict[str, int]:
    """Insert or update full records (crm id -> {column: value} with every RECORD_COLUMNS entry);
    returns crm id -> primary key. `new` names the crm ids the caller found absent from the mirror: on
    PostgreSQL those are COPYed straight into the table (see `_copy_new_records`)."""
    if not rows:
        return {}
    if is_postgresql():
        fresh = {crm_id: columns for crm_id, columns in rows.items() if crm_id in new}
        ids = _copy_new_records(connection_id, object_name, fresh) if fresh else {}
        rest = {crm_id: columns for crm_id, columns in rows.items() if crm_id not in ids}
        if rest:
            ids.update(_copy_records(connection_id, object_name, rest))
        return ids
    return _upsert_records(connection_id, object_name, rows)


def _db_value(column: str, value):
    """A column value as the database takes it, as Django's fields prepare them (JSON as text, dates and
    times through the backend's adapters)."""
    if column in _JSON_COLUMNS:
        return json.dumps(value)
    if column in _DATETIME_COLUMNS:
        return db.ops.adapt_datetimefield_value(value)
    if column == "date_of_birth":
        return db.ops.adapt_datefield_value(value)
    return value


def _upsert_records(connection_id: int, object_name: str, rows: dict[str, dict]) -> dict[str, int]:
    """One prepared INSERT ... ON CONFLICT for every record, then one read of their ids: Django's
    bulk_create compiled SQL for every row, two thirds of a first mirror load on SQLite."""
    # The revision starts at 0, as Django's default has it; the database's trigger stamps it after the write.
    columns = ("connection_id", "object_name", "crm_id", "revision", *RECORD_COLUMNS)
    updates = ", ".join(f"{column} = excluded.{column}" for column in RECORD_COLUMNS)
    placeholders = ", ".join(["%s"] * len(columns))
    with db.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {_RECORDS} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608 - constant names
            f"ON CONFLICT (connection_id, object_name, crm_id) DO UPDATE SET {updates}",
            [
                (
                    connection_id,
                    object_name,
                    crm_id,
                    0,
                    *(_db_value(column, values[column]) for column in RECORD_COLUMNS),
                )
                for crm_id, values in rows.items()
            ],
        )
    return dict(
        MirrorRecord.objects.filter(
            connection_id=connection_id, object_name=object_name, crm_id__in=list(rows)
        ).values_list("crm_id", "id")
    )


def _copy_row(connection_id: int, object_name: str, crm_id: str, values: dict) -> tuple:
    return (
        connection_id,
        object_name,
        crm_id,
        *(
            json.dumps(values[column]) if column in _JSON_COLUMNS else values[column]
            for column in RECORD_COLUMNS
        ),
    )


def _copy_new_records(connection_id: int, object_name: str, rows: dict[str, dict]) -> dict[str, int]:
    """COPY records not yet in the mirror into the table itself, with ids drawn from its sequence first:
    no staging table and no conflict handling, half the database work of `_copy_records` (a first sync
    is all new records). Returns {} when another writer stored one of them meanwhile; the caller then
    sends them all through `_copy_records`."""
    column_list = ", ".join(("id", "connection_id", "object_name", "crm_id", *RECORD_COLUMNS))
    with db.cursor() as cursor:
        cursor.execute(
            f"SELECT nextval(pg_get_serial_sequence('{_RECORDS}', 'id')) FROM generate_series(1, %s)",  # noqa: S608 - constant name
            [len(rows)],
        )
        ids = dict(zip(rows, (row[0] for row in cursor.fetchall()), strict=True))
        try:
            with transaction.atomic(), cursor.copy(f"COPY {_RECORDS} ({column_list}) FROM STDIN") as copy:
                for crm_id, values in rows.items():
                    copy.write_row((ids[crm_id], *_copy_row(connection_id, object_name, crm_id, values)))
        except (IntegrityError, db.Database.IntegrityError):  # COPY errors come from the driver unwrapped
            return {}
    return ids


def _copy_records(connection_id: int, object_name: str, rows: dict[str, dict]) -> dict[str, int]:
    table = MirrorRecord._meta.db_table
    columns = ("connection_id", "object_name", "crm_id", *RECORD_COLUMNS)
    column_list = ", ".join(columns)
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in RECORD_COLUMNS)
    with db.cursor() as cursor:
        # Dropped at commit; truncated in case an outer transaction already created it.
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGE_TABLE} ON COMMIT DROP AS "  # noqa: S608 - constant names
            f"SELECT {column_list} FROM {table} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {_STAGE_TABLE}")
        with cursor.copy(f"COPY {_STAGE_TABLE} ({column_list}) FROM STDIN") as copy:
            for crm_id, values in rows.items():
                copy.write_row(_copy_row(connection_id, object_name, crm_id, values))
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM {_STAGE_TABLE} "  # noqa: S608
            f"ON CONFLICT (connection_id, object_name, crm_id) DO UPDATE SET {updates} RETURNING crm_id, id"
        )
        return dict(cursor.fetchall())


def store_identifiers(connection_id: int, object_name: str, rows) -> int:
    """Insert lookup rows, each (record id, kind, value); returns how many."""
    rows = list(rows)
    if not rows:
        return 0
    if is_postgresql():
        # In key order, consecutive rows land in the same leaf of the lookup index: at a million records
        # that index is far larger than the buffer cache, and random order re-reads a leaf per row.
        rows.sort(key=lambda row: (row[1], row[2]))
        table = MirrorIdentifier._meta.db_table
        with (
            db.cursor() as cursor,
            cursor.copy(
                f"COPY {table} (connection_id, object_name, record_id, kind, value) FROM STDIN"
            ) as copy,
        ):
            for record_id, kind, value in rows:
                copy.write_row((connection_id, object_name, record_id, kind, value))
        return len(rows)
    # One prepared statement for every row: building a model instance and its SQL per row was four fifths
    # of a first mirror load on SQLite.
    table = MirrorIdentifier._meta.db_table
    with db.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (connection_id, object_name, record_id, kind, value) "  # noqa: S608 - constant name
            "VALUES (%s, %s, %s, %s, %s)",
            [(connection_id, object_name, record_id, kind, value) for record_id, kind, value in rows],
        )
    return len(rows)


def delete_identifiers(record_ids: list[int]) -> None:
    if record_ids:
        MirrorIdentifier.objects.filter(record_id__in=record_ids).delete()
