"""Bulk row writes for high-volume tables (write-back records and outcomes, review items): few statements
per batch, little work per value. Only the apps' repository modules (`crmhub/writeback/repository.py`,
`identity_app/repository.py`) use this; domain code calls their functions, which say what they do.

PostgreSQL: inserts go through COPY (ids drawn from the table's sequence first, so the caller knows them);
updates COPY the new values into a temporary table and apply them with one UPDATE ... FROM. Other
databases (SQLite): `bulk_create` and one UPDATE per row. Django's own bulk paths spent most of the
pipeline's time turning each value into SQL text on the client; COPY sends them in the binary driver.

Values are prepared here rather than by `Field.get_db_prep_save` (too slow per value): JSON columns are
serialised with orjson (SQL NULL for None, as Django stores it), foreign keys by their id, `auto_now`
fields get the current time. Only models without save() logic use this; a model with simple-history gets
its history rows written by the caller (see identity_app.repository.review_items_insert).

Id lists are passed one way everywhere: a Python list bound as one array parameter (`AnyOf` in querysets,
`probed` in SQL).
"""

import json
from collections.abc import Callable, Iterable
from functools import cache
from operator import attrgetter

import orjson
from django.core.exceptions import EmptyResultSet
from django.db import connections, router, transaction
from django.db.models import BooleanField, DateTimeField, Expression, F, JSONField, Model
from django.db.models.base import ModelState
from django.utils import timezone


def _database(model: type[Model]):
    return connections[router.db_for_write(model)]


def json_text(value, encoder=None) -> str | None:
    """A JSON column's value as COPY text: SQL NULL for None (as Django stores it), otherwise orjson's
    encoding; json.dumps for what orjson refuses (integers beyond 64 bits, keys that are not text) or for
    a field with its own encoder."""
    if value is None:
        return None
    if encoder is None:
        try:
            return orjson.dumps(value).decode()
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            pass
    return json.dumps(value, cls=encoder)


def json_value(text, decoder=None):
    """A JSON column read as text, decoded. json.loads, not orjson: orjson reads an integer beyond 64 bits
    as a float, which would change the value."""
    if not isinstance(text, str):
        return text
    if text == "{}":  # payload columns a record does not use yet
        return {}
    if text == "[]":
        return []
    return json.loads(text, cls=decoder)


def _json_preparer(field: JSONField) -> Callable:
    """How one JSON field's Python value becomes a COPY value."""
    attname, encoder = field.attname, field.encoder

    def prepare_json(obj):
        return json_text(getattr(obj, attname), encoder)

    return prepare_json


def _row_source(fields: list) -> tuple[list, Callable]:
    """The fields in COPY order and a function giving an object's row: the plain attributes through one
    attrgetter (in C), then each JSON value through its preparer."""
    plain = [field for field in fields if not isinstance(field, JSONField)]
    documents = [field for field in fields if isinstance(field, JSONField)]
    get_plain = attrgetter(*(field.attname for field in plain)) if plain else (lambda obj: ())
    if len(plain) == 1:
        get_one = get_plain
        get_plain = lambda obj: (get_one(obj),)  # noqa: E731 - attrgetter of one name gives no tuple
    preparers = [_json_preparer(field) for field in documents]

    def row(obj) -> tuple:
        return (*get_plain(obj), *[prepare(obj) for prepare in preparers])

    return plain + documents, row


def _stamp(objects: list[Model], fields, *, adding: bool) -> None:
    """auto_now (and, on insert, auto_now_add) fields get the current time, as Model.save would."""
    now = timezone.now()
    for field in fields:
        if isinstance(field, DateTimeField) and (field.auto_now or (adding and field.auto_now_add)):
            for obj in objects:
                setattr(obj, field.attname, now)


def _copy_rows(cursor, table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    quote = cursor.db.ops.quote_name
    column_list = ", ".join(quote(column) for column in columns)
    # The raw driver's copy() bypasses Django's error translation: a duplicate key must still raise
    # django.db.IntegrityError (the ingest retries on it).
    with (
        cursor.db.wrap_database_errors,
        cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


# -- unsaved instances ------------------------------------------------------------------------------------


@cache
def _default_makers(model: type[Model]) -> tuple:
    """(attribute name, the field's `get_default`) of each concrete field with a default of its own."""
    return tuple((field.attname, field.get_default) for field in model._meta.concrete_fields)


def unsaved(model: type[Model], values: dict, related: dict | None = None) -> Model:
    """A new instance built the way Model.from_db builds loaded rows: attributes set directly (by attname,
    e.g. flow_id), defaults filled in, related objects put in the cache. Keyword construction costs
    ~25 µs a record (a descriptor call per field); this is for models without save() logic. Every
    instance gets defaults of its own (`get_default()` per field and instance), as the constructor gives:
    a mutable default such as `JSONField(default=dict)` is never shared between instances."""
    instance = model.__new__(model)
    instance._state = ModelState()
    attributes = instance.__dict__
    for attname, make in _default_makers(model):
        attributes[attname] = make()
    attributes.update(values)
    if related:
        instance._state.fields_cache.update(related)
    return instance


# -- load -------------------------------------------------------------------------------------------------


def rows_load(model: type[Model], cursor, sql: str, params: list) -> list[Model]:
    """Instances from `sql`, which selects every concrete column of `model` in field order (see
    `columns_of`). What Model.from_db does, without the per-row converter machinery of QuerySet and
    RawQuerySet (RawQuerySet cost twice the fetch itself): psycopg returns typed values, only JSON text
    needs decoding. Other databases (SQLite returns text for moments) go through RawQuerySet."""
    if cursor.db.vendor != "postgresql":
        return list(model.objects.using(cursor.db.alias).raw(sql, params))
    fields = model._meta.concrete_fields
    names = [field.attname for field in fields]
    documents = [(n, field.decoder) for n, field in enumerate(fields) if isinstance(field, JSONField)]
    alias = cursor.db.alias
    cursor.execute(sql, params)
    instances = []
    for row in cursor.fetchall():
        values = list(row)
        for n, decoder in documents:
            values[n] = json_value(values[n], decoder)
        instances.append(model.from_db(alias, names, values))
    return instances


def columns_of(model: type[Model], alias: str) -> str:
    quote = connections[router.db_for_read(model)].ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


# -- insert -----------------------------------------------------------------------------------------------


def rows_insert(objects: list[Model]) -> None:
    """Insert unsaved instances of one model and set their primary keys."""
    if not objects:
        return
    model = type(objects[0])
    database = _database(model)
    if database.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=1000)
        return
    meta = model._meta
    _stamp(objects, meta.concrete_fields, adding=True)
    fields, row = _row_source(list(meta.concrete_fields))
    with transaction.atomic(using=database.alias, savepoint=False), database.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
            [_sequence(cursor, meta), len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        _copy_rows(cursor, meta.db_table, [field.column for field in fields], map(row, objects))
    for obj in objects:
        obj._state.adding = False
        obj._state.db = database.alias


_sequences: dict[tuple[str, str], str] = {}


def _sequence(cursor, meta) -> str:
    """The primary key's sequence, looked up once: `nextval(pg_get_serial_sequence(...))` per row cost
    about 8 µs of server CPU an id, against 1 µs with the name as a constant."""
    key = (cursor.db.alias, meta.db_table)
    if key not in _sequences:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
        _sequences[key] = cursor.fetchone()[0]
    return _sequences[key]


# -- update -----------------------------------------------------------------------------------------------


def rows_update(objects: list[Model], fields: list[str], *, claim_token: str | None = None) -> set:
    """Save `fields` of each object (auto_now fields get the current time). With `claim_token`, only rows
    that still carry that token in the database are changed. Returns the primary keys of changed rows."""
    if not objects:
        return set()
    model = type(objects[0])
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    _stamp(objects, columns, adding=False)
    database = _database(model)
    with transaction.atomic(using=database.alias, savepoint=False), database.cursor() as cursor:
        if database.vendor == "postgresql":
            return _update_from_copy(cursor, meta, objects, columns, claim_token)
        return _update_row_by_row(cursor, meta, objects, columns, claim_token)


def _update_from_copy(cursor, meta, objects, columns, claim_token) -> set:
    quote = cursor.db.ops.quote_name
    stage = f"wb_stage_{meta.db_table}_{'_'.join(column.column for column in columns)}"[:63]
    fields, row = _row_source([meta.pk, *columns])
    name_list = ", ".join(quote(field.column) for field in [meta.pk, *columns])
    # Dropped at commit; emptied in case this transaction staged rows before.
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {quote(stage)} ON COMMIT DROP AS "  # noqa: S608 - model names only
        f"SELECT {name_list} FROM {quote(meta.db_table)} WITH NO DATA"
    )
    cursor.execute(f"TRUNCATE {quote(stage)}")
    _copy_rows(cursor, stage, [field.column for field in fields], map(row, objects))
    assignments = ", ".join(f"{quote(column.column)} = s.{quote(column.column)}" for column in columns)
    pk = quote(meta.pk.column)
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET {assignments} FROM {quote(stage)} AS s "  # noqa: S608
        f"WHERE t.{pk} = s.{pk}"
    )
    params = []
    if claim_token is not None:
        sql += " AND t.claim_token = %s"
        params.append(claim_token)
    cursor.execute(f"{sql} RETURNING t.{pk}", params)
    return {row[0] for row in cursor.fetchall()}


def _update_row_by_row(cursor, meta, objects, columns, claim_token) -> set:
    quote = cursor.db.ops.quote_name
    pk = quote(meta.pk.column)
    if claim_token is not None:
        ours = set(
            meta.model._base_manager.using(cursor.db.alias)
            .filter(AnyOf(meta.pk.attname, [obj.pk for obj in objects]), claim_token=claim_token)
            .values_list("pk", flat=True)
        )
        objects = [obj for obj in objects if obj.pk in ours]
    if not objects:
        return set()
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    connection = cursor.db
    params = [
        [column.get_db_prep_save(getattr(obj, column.attname), connection) for column in columns] + [obj.pk]
        for obj in objects
    ]
    cursor.executemany(sql, params)
    return {obj.pk for obj in objects}


# -- filters ----------------------------------------------------------------------------------------------


class AnyOf(Expression):
    """A filter `column IN values` for long lists: `column = ANY(%s)` with one array parameter on
    PostgreSQL, `IN (%s, ...)` elsewhere. Django's `__in` prepares and binds each value on its own, and
    psycopg then parses one placeholder per value: about 12 ms of CPU per 1,000 ids, against 2 ms."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, values):
        super().__init__()
        self.column = F(column)
        self.values = list(values)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        if not self.values:
            raise EmptyResultSet
        column_sql, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column_sql} = ANY(%s)", [*params, self.values]
        placeholders = ", ".join(["%s"] * len(self.values))
        return f"{column_sql} IN ({placeholders})", [*params, *self.values]


def probed(table: str, key: str, *, lock: bool = False) -> str:
    """PostgreSQL only: a FROM clause giving the rows `r` of `table` whose `key` is one of the ids in the
    statement's first parameter (an array), found by one index probe per id.

    The LATERAL subquery with OFFSET 0 is neither flattened nor handed the outer filters, so the plan
    cannot depend on statistics. `key = ANY(ids) AND status = 'received'` could: while the ingest ran
    ahead of the workers, PostgreSQL's stale statistics made it read every received record through the
    status index, or scan the outcomes, for each 1,000-record job (~150 ms of server CPU a job at 30,000
    records). With `lock`, the probed rows are locked (FOR UPDATE SKIP LOCKED) before the outer filters
    look at their latest version."""
    locking = " FOR UPDATE SKIP LOCKED" if lock else ""
    subquery = f"SELECT * FROM {table} WHERE {key} = probe.id OFFSET 0{locking}"  # noqa: S608 - model names
    return f"unnest(%s::bigint[]) AS probe(id) CROSS JOIN LATERAL ({subquery}) AS r"
