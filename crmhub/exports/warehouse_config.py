"""Is a warehouse destination's configuration complete, in the terms dlt's own destinations read it?

Checked when a destination is saved (form, API, service), so that a Snowflake, BigQuery or Redshift destination
is refused with a sentence naming what is missing instead of failing at its first load. Connection strings are
parsed by dlt's own credential classes (what dlt will read is what is checked). Nothing here opens a
connection: the Test button does that (`warehouse.connection_test`). No local stand-in loads any of the three:
Snowflake and BigQuery have no local server, and PostgreSQL, which speaks Redshift's protocol, refuses the DDL
dlt's Redshift destination writes (`varchar(max)`).

What each takes (the names dlt gives them):
- DuckDB: optional `path` to the file.
- PostgreSQL: `connection_string` postgresql://user:password@host:port/database, or database, username,
  password, host (and port).
- Redshift: `connection_string` postgresql://user:password@cluster-host:5439/database (psycopg2 reads the string
  as it is and knows no redshift:// scheme), or the same keys; dlt loads it through psycopg2 with Redshift's SQL
  (merge by delete-insert: its destination has no upsert).
- Snowflake: `connection_string` snowflake://user:password@account/database?warehouse=...&role=..., or
  database, username, host (the account identifier) and password or private_key; warehouse and role optional.
- BigQuery: a service account key as Google issues it (type "service_account", project_id, client_email,
  private_key), optionally with `location`.
"""

from __future__ import annotations

from crmhub.exports.models import WarehouseType

SQL_KEYS = ("database", "username", "password", "host", "port")
KNOWN_KEYS = {
    WarehouseType.DUCKDB: {"path"},
    WarehouseType.POSTGRES: {"connection_string", *SQL_KEYS, "connect_timeout"},
    WarehouseType.REDSHIFT: {"connection_string", *SQL_KEYS, "connect_timeout"},
    WarehouseType.SNOWFLAKE: {
        "connection_string",
        *SQL_KEYS,
        "warehouse",
        "role",
        "private_key",
        "private_key_passphrase",
        "authenticator",
    },
    WarehouseType.BIGQUERY: {
        "type",
        "project_id",
        "private_key_id",
        "private_key",
        "client_email",
        "client_id",
        "auth_uri",
        "token_uri",
        "auth_provider_x509_cert_url",
        "client_x509_cert_url",
        "universe_domain",
        "location",
    },
}
SCHEMES = {
    WarehouseType.POSTGRES: ("postgresql", "postgres"),
    WarehouseType.REDSHIFT: ("postgresql", "postgres"),  # psycopg2 reads the string itself: no redshift://
    WarehouseType.SNOWFLAKE: ("snowflake",),
}
# The Python package dlt needs to load into each (DuckDB, PostgreSQL and Redshift drivers ship with the hub).
DRIVERS = {
    WarehouseType.SNOWFLAKE: ("snowflake.connector", "dlt[snowflake]"),
    WarehouseType.BIGQUERY: ("google.cloud.bigquery", "dlt[bigquery]"),
    WarehouseType.REDSHIFT: ("psycopg2", "dlt[redshift]"),
    WarehouseType.POSTGRES: ("psycopg2", "dlt[postgres]"),
}


def credentials_problems(*, warehouse_type: str, credentials: dict | None) -> list[str]:
    """What is wrong with these credentials for this warehouse, in sentences (empty: nothing)."""
    credentials = dict(credentials or {})
    label = WarehouseType(warehouse_type).label if warehouse_type in WarehouseType.values else warehouse_type
    known = KNOWN_KEYS.get(warehouse_type)
    if known is None:
        return []
    unknown = sorted(set(credentials) - known)
    problems = (
        [f"{label} does not read {', '.join(unknown)} (it reads {', '.join(sorted(known))})."]
        if unknown
        else []
    )
    if warehouse_type == WarehouseType.DUCKDB:
        return problems
    if warehouse_type == WarehouseType.BIGQUERY:
        return problems + _bigquery_problems(credentials)
    return problems + _sql_problems(warehouse_type, label, credentials)


def _sql_problems(warehouse_type: str, label: str, credentials: dict) -> list[str]:
    given = credentials.get("connection_string")
    if given:
        parsed = _parsed(warehouse_type, str(given))
        if isinstance(parsed, str):
            return [parsed]
        credentials = {**credentials, **parsed}
    missing = [name for name in ("database", "username", "host") if not credentials.get(name)]
    if warehouse_type == WarehouseType.SNOWFLAKE:
        if not (
            credentials.get("password") or credentials.get("private_key") or credentials.get("authenticator")
        ):
            missing.append("password (or private_key)")
    elif warehouse_type == WarehouseType.REDSHIFT and not credentials.get("password"):
        missing.append("password")
    if not missing:
        return []
    example = {
        WarehouseType.POSTGRES: "postgresql://loader:secret@db.example.com:5432/analytics",
        WarehouseType.REDSHIFT: "postgresql://loader:secret@examplecluster.abc123.eu-west-1.redshift.amazonaws.com:5439/dev",
        WarehouseType.SNOWFLAKE: "snowflake://loader:secret@orgname-account/ANALYTICS?warehouse=LOADING&role=LOADER",
    }[warehouse_type]
    return [f'{label} needs {", ".join(missing)}: e.g. {{"connection_string": "{example}"}}.']


def _parsed(warehouse_type: str, text: str) -> dict | str:
    """The parts of a connection string as dlt's credential class reads them, or the problem."""
    from dlt.common.configuration.exceptions import ConfigurationException

    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme not in SCHEMES[warehouse_type]:
        return (
            f"A {WarehouseType(warehouse_type).label} connection string starts with "
            f"{' or '.join(s + '://' for s in SCHEMES[warehouse_type])}, not {scheme + '://' if scheme else 'nothing'}."
        )
    credentials = _credentials_class(warehouse_type)()
    try:
        credentials.parse_native_representation(text)
    except (ConfigurationException, ValueError) as exc:
        return f"dlt cannot read this connection string: {str(exc).splitlines()[0][:200]}"
    return {
        name: getattr(credentials, name, None)
        for name in ("database", "username", "password", "host", "port")
    }


def _credentials_class(warehouse_type: str):
    if warehouse_type == WarehouseType.SNOWFLAKE:
        from dlt.destinations.impl.snowflake.configuration import SnowflakeCredentials

        return SnowflakeCredentials
    if warehouse_type == WarehouseType.REDSHIFT:
        from dlt.destinations.impl.redshift.configuration import RedshiftCredentials

        return RedshiftCredentials
    from dlt.destinations.impl.postgres.configuration import PostgresCredentials

    return PostgresCredentials


def _bigquery_problems(credentials: dict) -> list[str]:
    missing = [name for name in ("project_id", "client_email", "private_key") if not credentials.get(name)]
    problems = []
    if missing:
        problems.append(
            f"BigQuery needs a service account key as Google issues it (the JSON file of IAM > Service accounts "
            f"> Keys); missing: {', '.join(missing)}."
        )
    if credentials.get("type", "service_account") != "service_account":
        problems.append(f"BigQuery takes a service account key, not a {credentials['type']!r} credential.")
    key = str(credentials.get("private_key") or "")
    if key and "PRIVATE KEY-----" not in key:
        problems.append(
            "BigQuery's private_key is the PEM block (-----BEGIN PRIVATE KEY----- ...) of the key file."
        )
    return problems


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
