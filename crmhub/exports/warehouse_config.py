"""Is a destination's configuration complete, and can this hub load into its warehouse?

The settings each type takes, and their checks, are in `destination_settings` (one schema for the form, the API
and the service). Nothing here opens a connection: the Test button does that (`warehouse.connection_test`). No
local stand-in loads Snowflake, BigQuery or Redshift: Snowflake and BigQuery have no local server, and
PostgreSQL, which speaks Redshift's protocol, refuses the DDL dlt's Redshift destination writes (`varchar(max)`).
"""

from __future__ import annotations

from crmhub.exports import destination_settings
from crmhub.exports.models import DestinationKind, WarehouseType

# The Python package dlt needs to load into each (DuckDB, PostgreSQL and Redshift drivers ship with the hub).
DRIVERS = {
    WarehouseType.SNOWFLAKE: ("snowflake.connector", "dlt[snowflake]"),
    WarehouseType.BIGQUERY: ("google.cloud.bigquery", "dlt[bigquery]"),
    WarehouseType.REDSHIFT: ("psycopg2", "dlt[redshift]"),
    WarehouseType.POSTGRES: ("psycopg2", "dlt[postgres]"),
}


def credentials_problems(
    *, warehouse_type: str, credentials: dict | None, kind: str = DestinationKind.WAREHOUSE
) -> list[str]:
    """What is wrong with these credentials, in sentences (empty: nothing); each names its setting."""
    type_ = destination_settings.destination_type(kind=kind, warehouse_type=warehouse_type)
    named = destination_settings.known_keys(type_)
    return [
        f"{problem.key}: {problem.message}" if problem.key in named else problem.message
        for problem in destination_settings.problems(type_, credentials)
    ]


def driver_missing(*, warehouse_type: str) -> str:
    """The sentence saying which package this hub lacks to load into the warehouse, or ""."""
    import importlib.util

    found = DRIVERS.get(warehouse_type)
    if found is None:
        return ""
    module, extra = found
    try:
        present = importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        present = False
    if present:
        return ""
    label = WarehouseType(warehouse_type).label
    return (
        f"This hub cannot load into {label} yet: dlt's {label} driver is not installed "
        f'(pip install "{extra}" on the hub and its workers, then test again).'
    )
