"""Loading into a warehouse through dlt: merge on the CRM id, schema evolution, load state, soft deletes.

One dlt pipeline per destination (its local working state under EXPORTS_WORK_DIR; its load state and schema
versions in the warehouse's own `_dlt_*` tables). Tables:

- `<object>`: one row per record, merged on (`_crm_connection`, `crm_id`); `_deleted`, `_deleted_at` and
  `_merged_into` mark CRM deletes and merges (the row stays: a soft delete); `_suppressed` marks a consent
  withdrawal for the purposes the destination needs.
- `<object>_daily_snapshots` (deals and opportunities): one row per record and day, merged on
  (`_crm_connection`, `crm_id`, `snapshot_date`): the day's last state.
- `relationships`: one row per link between records (a contact's account, a deal's company, each of a
  HubSpot task's associated contacts), keyed on (`_crm_connection`, `from_object`, `from_id`, `field`,
  `to_id`): a record's links of one field are replaced as a whole by its next load (dlt's delete-insert on
  the key without `to_id`), so a link that went away while others stayed goes too. A field left with no
  link at all loads no row, and its last links stay.

DuckDB and PostgreSQL are tested here; Snowflake, BigQuery and Redshift are dlt destinations by configuration
(credentials as dlt names them) and no local stand-in tests them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings

from crmhub.core.errors import ApplicationError
from crmhub.exports.models import Destination, WarehouseType

logger = logging.getLogger(__name__)

KEY = ("_crm_connection", "crm_id")
SNAPSHOT_KEY = ("_crm_connection", "crm_id", "snapshot_date")
RELATIONSHIP_KEY = ("_crm_connection", "from_object", "from_id", "field")
RELATIONSHIP_ROW_KEY = (*RELATIONSHIP_KEY, "to_id")
RELATIONSHIPS = "relationships"
FLAG_COLUMNS = {
    "_crm_connection": {"data_type": "text", "nullable": False},
    "crm_id": {"data_type": "text", "nullable": False},
    "_crm_modified_at": {"data_type": "timestamp", "nullable": True},
    "_deleted": {"data_type": "bool", "nullable": True},
    "_deleted_at": {"data_type": "timestamp", "nullable": True},
    "_merged_into": {"data_type": "text", "nullable": True},
    "_suppressed": {"data_type": "bool", "nullable": True},
    "_suppressed_at": {"data_type": "timestamp", "nullable": True},
    "_exported_at": {"data_type": "timestamp", "nullable": True},
}

RELATIONSHIP_TYPES = {name: "text" for name in (*RELATIONSHIP_ROW_KEY, "to_object")}


def row_types(columns) -> dict[str, str]:
    """Each column of an object's table and its dlt data type: the mapped columns, then the flags."""
    return {
        **{column.target: column.target_type for column in columns},
        **{name: spec["data_type"] for name, spec in FLAG_COLUMNS.items()},
    }


class WarehouseError(ApplicationError):
    """The warehouse refused a load or could not be reached."""


@dataclass
class TableRows:
    """Rows for one table, with how dlt merges them and each column's dlt data type (text, double, bigint,
    bool, date, timestamp, json) where it is known."""

    name: str
    rows: list[dict]
    key: tuple[str, ...] = KEY
    types: dict[str, str] = field(default_factory=dict)
    # When set: the destination's rows sharing these columns with a row of this load are replaced by the
    # load's rows (several rows per value, e.g. a record's links of one field), not merged one by one.
    replace_key: tuple[str, ...] = ()


@dataclass
class LoadResult:
    load_ids: list[str] = field(default_factory=list)
    schema_changes: list[dict] = field(default_factory=list)  # {table, column, change}
    columnar: bool = False  # loaded as Arrow tables (True) or as Python rows through dlt's normaliser


# The file each warehouse bulk-loads fastest from an Arrow table (DuckDB reads Parquet, PostgreSQL COPYs CSV).
# Snowflake, BigQuery and Redshift load Parquet from a staging bucket, which this hub does not configure:
# they take Python rows.
COLUMNAR_FORMATS = {WarehouseType.DUCKDB: "parquet", WarehouseType.POSTGRES: "csv"}


def work_dir() -> Path:
    return Path(getattr(settings, "EXPORTS_WORK_DIR", Path(settings.BASE_DIR) / "var" / "exports"))


def dlt_destination(destination: Destination, *, duckdb_connection=None):
    """The dlt destination object for one of ours, from its type and (decrypted) credentials. A DuckDB
    destination loads through the connection `pipeline_open` opened."""
    from dlt import destinations

    credentials = dict(destination.credentials or {})
    kind = destination.warehouse_type
    if kind == WarehouseType.DUCKDB:
        if duckdb_connection is None:
            raise WarehouseError("A DuckDB destination is opened with pipeline_open.")
        return destinations.duckdb(credentials=_duckdb_credentials(duckdb_connection))
    factories = {
        WarehouseType.POSTGRES: destinations.postgres,
        WarehouseType.SNOWFLAKE: destinations.snowflake,
        WarehouseType.BIGQUERY: destinations.bigquery,
        WarehouseType.REDSHIFT: destinations.redshift,
    }
    if kind not in factories:
        raise WarehouseError(f"{destination.name} has no warehouse type.")
    options = {}
    if kind == WarehouseType.BIGQUERY and credentials.get("location"):
        options["location"] = credentials.pop("location")  # a destination option in dlt, not part of the key
    else:
        credentials.pop("location", None)
    given = credentials.get("connection_string") or credentials
    if not given:
        raise WarehouseError(f"{destination.name} has no credentials.")
    return factories[kind](credentials=given, **options)


def duckdb_path(destination: Destination) -> Path:
    path = Path(
        (destination.credentials or {}).get("path") or work_dir() / f"destination-{destination.pk}.duckdb"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def duckdb_connect(path: Path):
    """The DuckDB file with a bounded engine, attached to an in-memory primary so that its row groups can
    be small.

    - Its buffer pool (80 % of the machine's memory by default) and threads are capped; beyond the limit it
      spills to a directory beside the file. The upsert's MERGE reads every row group's key columns and keeps
      them until the connection closes (~3 MB per 100,000 rows when ids arrive in read order): at 64 MB that
      let a million-row drain reach 332 MB, at 24 MB it stayed flat below 300 MB.
    - Every close checkpoints the file, and a checkpoint rewrites the table's last row group whole: at
      DuckDB's default of 122,880 rows that held 60-70 MB for a moment on every load; 16,384 rows hold
      ~10 MB. Row group size is an attach option, not a setting of a file opened directly."""
    import duckdb

    connection = duckdb.connect(
        config={
            "memory_limit": getattr(settings, "EXPORTS_DUCKDB_MEMORY_LIMIT", "24MB"),
            "temp_directory": f"{path}.tmp",
            "threads": getattr(settings, "EXPORTS_DUCKDB_THREADS", 1),
        }
    )
    try:
        row_group_size = int(getattr(settings, "EXPORTS_DUCKDB_ROW_GROUP_SIZE", 16_384))
        quoted = str(path).replace("'", "''")
        connection.execute(f"ATTACH '{quoted}' AS {DUCKDB_CATALOG} (ROW_GROUP_SIZE {row_group_size})")
        connection.execute(f"USE {DUCKDB_CATALOG}")
    except Exception:
        connection.close()
        raise
    return connection


DUCKDB_CATALOG = "warehouse"


def _duckdb_credentials(connection):
    """dlt borrows our connection (it does not close it) and clones a session from it per client: each
    clone is pointed at the attached file before dlt sets its dataset's search path."""
    from dlt.destinations.impl.duckdb.configuration import DuckDbCredentials

    return DuckDbCredentials(connection, pragmas=[f"search_path = '{DUCKDB_CATALOG}.main'"])


@contextmanager
def pipeline_open(destination: Destination):
    """The destination's dlt pipeline for the block; a DuckDB file is open for the block only (its lock
    and its memory go, and its changes are checkpointed, when the block ends)."""
    connection = None
    if destination.warehouse_type == WarehouseType.DUCKDB:
        connection = duckdb_connect(duckdb_path(destination))
    try:
        yield _pipeline(destination, duckdb_connection=connection)
    finally:
        if connection is not None:
            connection.close()


def _pipeline(destination: Destination, *, duckdb_connection=None):
    import dlt

    return dlt.pipeline(
        pipeline_name=f"crmhub_destination_{destination.pk}",
        destination=dlt_destination(destination, duckdb_connection=duckdb_connection),
        dataset_name=destination.dataset_name or "crm",
        pipelines_dir=str(work_dir() / "pipelines"),
        progress=None,
    )


def load(*, destination: Destination, tables: Iterable[TableRows]) -> LoadResult:
    """Merge the rows into their tables in one dlt run; schema changes come back for the drift alert.

    Where the warehouse bulk-loads a file and every column's type is known and unchanged, the rows go as
    Arrow tables (dlt writes them to Parquet or CSV without normalising row by row: the fast path). A column
    whose type changed goes as Python rows, so that dlt's schema evolution adds its variant column."""
    tables = [table for table in tables if table.rows]
    if not tables:
        return LoadResult()
    _bounded_memory()
    with pipeline_open(destination) as pipeline:
        return _load_into(pipeline, destination, tables)


def _load_into(pipeline, destination: Destination, tables: list[TableRows]) -> LoadResult:
    import dlt
    from dlt.pipeline.exceptions import PipelineStepFailed

    existing = _known_columns(pipeline)
    file_format = COLUMNAR_FORMATS.get(destination.warehouse_type)
    data = _arrow_tables(tables, existing) if file_format else None
    if data is None:
        data, file_format = [table.rows for table in tables], None
    else:
        # Arrow tables carry no dlt row ids: add them, so that both paths leave the same columns.
        dlt.config["normalize.parquet_normalizer.add_dlt_id"] = True
        dlt.config["normalize.parquet_normalizer.add_dlt_load_id"] = True
    strategy = merge_strategy(pipeline)
    resources = [
        dlt.resource(
            items,
            name=table.name,
            write_disposition={
                "disposition": "merge",
                "strategy": "delete-insert" if table.replace_key else strategy,
            },
            primary_key=table.key,
            merge_key=table.replace_key or (),
            columns=FLAG_COLUMNS if table.name != RELATIONSHIPS else None,
        )
        for table, items in zip(tables, data, strict=True)
    ]
    _drop_leftover_packages(pipeline)
    try:
        info = pipeline.run(resources, loader_file_format=file_format)
    except PipelineStepFailed as exc:
        raise WarehouseError(f"The warehouse load failed at {exc.step}: {_short(exc)}") from exc
    return LoadResult(
        load_ids=list(info.loads_ids),
        schema_changes=_schema_changes(info, existing),
        columnar=file_format is not None,
    )


def _drop_leftover_packages(pipeline) -> None:
    """A load that failed after normalising leaves its package pending, and dlt's `run` would load that
    package instead of the rows it is given. The export buffer still holds the failed rows (they were never
    marked delivered), so the leftover goes and this load carries the current rows."""
    if pipeline.has_pending_data:
        logger.warning("Dropping a leftover warehouse load package of %s", pipeline.pipeline_name)
        pipeline.abort_packages()


def merge_strategy(pipeline) -> str:
    """`upsert` (update the row of a key, insert a new key) where the warehouse supports it; Redshift's dlt
    destination has only `delete-insert`, which gives the same rows: the load's row per key replaces the old."""
    supported = pipeline.destination.capabilities().supported_merge_strategies or []
    return "upsert" if "upsert" in supported else "delete-insert"


def _bounded_memory() -> None:
    """A load's memory goes back once it is done: Arrow allocates through the system allocator (its default
    pool keeps freed memory for reuse), and dlt loads a package's few files on one thread (each extra
    thread gets its own allocator arena)."""
    import dlt
    import pyarrow as pa

    if pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())
    dlt.config["load.workers"] = 1


def _arrow_tables(tables: list[TableRows], existing: dict[str, dict[str, str]]) -> list | None:
    """The tables as Arrow tables, or None when one of them must go as rows (a json column, a column of
    unknown type, or a type that differs from the warehouse's: dlt's variant columns handle those)."""
    import pyarrow as pa

    from crmhub.exports.rows import column_name

    built = []
    for table in tables:
        known = existing.get(table.name, {})
        fields = []
        for name, data_type in table.types.items():
            arrow_type = _arrow_type(data_type)
            if arrow_type is None or known.get(column_name(name), data_type) != data_type:
                return None
            fields.append(pa.field(name, arrow_type, nullable=name not in table.key))
        if any(name not in table.types for row in table.rows for name in row):
            return None
        try:
            built.append(pa.Table.from_pylist(table.rows, schema=pa.schema(fields)))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            return None
    return built


def _arrow_type(data_type: str):
    """The Arrow type of a dlt data type; None for `json` (no Arrow type: such a load goes as rows)."""
    import pyarrow as pa

    return {
        "text": pa.string(),
        "double": pa.float64(),
        "bigint": pa.int64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }.get(data_type)


def _known_columns(pipeline) -> dict[str, dict[str, str]]:
    """Table -> column -> dlt data type, as the pipeline's schema knows them before this load."""
    if not pipeline.default_schema_name:  # a pipeline that never ran has no schema yet
        return {}
    schema = pipeline.default_schema
    return {
        name: {column: spec.get("data_type", "") for column, spec in table.get("columns", {}).items()}
        for name, table in schema.tables.items()
    }


def _schema_changes(info, existing: dict[str, dict[str, str]]) -> list[dict]:
    """Columns dlt added to tables that existed before this load: a new field, or a type change (dlt keeps
    the old column and adds a variant `<column>__v_<type>` for values of the new type)."""
    changes = []
    for package in info.load_packages:
        for table, update in (package.schema_update or {}).items():
            if table.startswith("_dlt") or table not in existing:
                continue
            for column in update.get("columns", {}):
                if column.startswith("_dlt") or column in existing[table]:
                    continue
                base, _, variant = column.partition("__v_")
                if variant:
                    changes.append(
                        {
                            "table": table,
                            "column": column,
                            "change": f"type change: {base} now also {variant}",
                        }
                    )
                else:
                    changes.append({"table": table, "column": column, "change": "new column"})
    return changes


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__


def mark_gone(*, destination: Destination, table: str, connection_name: str, gone: list[dict]) -> int:
    """Soft deletes and merges: set the flag columns on rows already loaded (values stay as they were)."""
    return _update_flags(
        destination,
        table,
        connection_name,
        [
            (
                g["id"],
                {
                    "_deleted": True,
                    "_deleted_at": g.get("deleted_at"),
                    "_merged_into": g.get("merged_into") or None,
                },
            )
            for g in gone
        ],
    )


def mark_suppressed(
    *, destination: Destination, table: str, connection_name: str, suppressed: list[tuple[str, datetime]]
) -> int:
    """A consent withdrawal: the row keeps its key and is flagged, so downstream audiences drop it."""
    return _update_flags(
        destination,
        table,
        connection_name,
        [(crm_id, {"_suppressed": True, "_suppressed_at": when}) for crm_id, when in suppressed],
    )


def _update_flags(destination, table: str, connection_name: str, changes: list[tuple[str, dict]]) -> int:
    if not changes:
        return 0
    from dlt.destinations.exceptions import DatabaseUndefinedRelation

    updated = 0
    try:
        with pipeline_open(destination) as pipeline, pipeline.sql_client() as client:
            qualified = client.make_qualified_table_name(table)
            for crm_id, values in changes:
                assignments = ", ".join(f"{client.escape_column_name(name)} = %s" for name in values)
                client.execute_sql(
                    f"UPDATE {qualified} SET {assignments} WHERE _crm_connection = %s AND crm_id = %s",  # noqa: S608 - names are ours, values bound
                    *values.values(),
                    connection_name,
                    crm_id,
                )
                updated += 1
    except DatabaseUndefinedRelation:
        return 0  # nothing of this object was ever loaded: nothing to flag
    return updated


def table_rows(
    *, destination: Destination, table: str, columns: list[str] | None = None, where: str = ""
) -> list[dict]:
    """Read rows back (reconciliation, lineage, tests); `where` is built by our code only."""
    from dlt.destinations.exceptions import DatabaseUndefinedRelation

    try:
        with pipeline_open(destination) as pipeline, pipeline.sql_client() as client:
            qualified = client.make_qualified_table_name(table)
            names = ", ".join(client.escape_column_name(c) for c in columns) if columns else "*"
            with client.execute_query(f"SELECT {names} FROM {qualified} {where}") as cursor:  # noqa: S608
                header = [d[0] for d in cursor.description]
                return [dict(zip(header, row, strict=True)) for row in cursor.fetchall()]
    except DatabaseUndefinedRelation:
        return []


def table_columns(*, destination: Destination) -> dict[str, dict[str, str]]:
    """Table -> column -> dlt data type, as the destination's schema knows them."""
    with pipeline_open(destination) as pipeline:
        if not pipeline.default_schema_name:
            return {}
        schema = pipeline.default_schema
    return {
        name: {column: spec.get("data_type", "") for column, spec in table.get("columns", {}).items()}
        for name, table in schema.tables.items()
        if not name.startswith("_dlt")
    }


def connection_test(*, destination: Destination) -> str:
    """Check the configuration, that this hub has the warehouse's driver, then open the warehouse and run a
    trivial query; returns what answered, or raises with a sentence a sales-ops person can act on."""
    from crmhub.exports import warehouse_config

    label = destination.get_warehouse_type_display() or "The warehouse"
    problems = warehouse_config.credentials_problems(
        warehouse_type=destination.warehouse_type, credentials=destination.credentials
    )
    if problems:
        raise WarehouseError(f"{label} is not configured completely: {' '.join(problems)}")
    missing = warehouse_config.driver_missing(warehouse_type=destination.warehouse_type)
    if missing:
        raise WarehouseError(missing)
    try:
        with pipeline_open(destination) as pipeline, pipeline.sql_client() as client:
            client.execute_sql("SELECT 1")
    except Exception as exc:  # any driver error is the answer the test button shows
        raise WarehouseError(
            f"Could not reach {label}: {_short(exc)}. Check the host and credentials, and that this hub's "
            "network can reach the warehouse."
        ) from exc
    return f"{label} answered."


def rows_remove(*, destination: Destination, table: str, connection_name: str) -> int:
    """A full refresh starts from nothing: this connection's rows of the table go (other CRMs' stay)."""
    from dlt.destinations.exceptions import DatabaseUndefinedRelation

    try:
        with pipeline_open(destination) as pipeline, pipeline.sql_client() as client:
            qualified = client.make_qualified_table_name(table)
            with client.execute_query(
                f"SELECT COUNT(*) FROM {qualified} WHERE _crm_connection = %s",  # noqa: S608 - our names
                connection_name,
            ) as cursor:
                count = cursor.fetchone()[0]
            client.execute_sql(f"DELETE FROM {qualified} WHERE _crm_connection = %s", connection_name)  # noqa: S608
    except DatabaseUndefinedRelation:
        return 0
    return int(count)
