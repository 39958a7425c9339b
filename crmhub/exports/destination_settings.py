"""What each destination type needs to connect, field by field, as dlt's own destinations (and the Segment
HTTP Tracking API) read it.

One schema serves the destination form (a plain field per setting), the REST API (a JSON object with the same
keys) and the service that saves a destination. Credentials are stored with the names dlt gives them, so that
the stored object is what dlt reads (`dlt.destinations.<type>(credentials=...)`):

- DuckDB: `path` of the file (optional).
- PostgreSQL and Redshift: `host`, `port`, `database`, `username`, `password` (dlt's PostgresCredentials and
  RedshiftCredentials; Redshift is loaded through psycopg2 with Redshift's SQL, port 5439 by default).
- Snowflake: `host` is the account identifier (orgname-account), `database`, `username`, and `password` or a
  `private_key` (PEM, with its `private_key_passphrase`); `warehouse` and `role` are optional when the user has
  defaults (dlt's SnowflakeCredentials).
- BigQuery: the service account key as Google issues it (type "service_account", project_id, client_email,
  private_key...), plus `location`, which dlt takes as a destination option (where new datasets are created,
  "US" by default), not as part of the key.
- CDP (Segment spec): the source's `write_key`; the data plane URL is the destination's endpoint. A Segment
  Profile API (`profile_api_url`, `space_id`, `profile_api_token`, all three or none) lets reconciliation read
  profiles back (`cdp_profiles`).

A `connection_string` (postgresql:// or snowflake://) is still read from older destinations and the API: it is
parsed by dlt's own credential class into the same parts. Nothing here opens a connection: the Test button does.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from crmhub.exports.models import DestinationKind, WarehouseType

CDP = "cdp"
SERVICE_ACCOUNT_KEY = "service_account_key"  # the form's one field for the whole BigQuery key
SERVICE_ACCOUNT_KEYS = (
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
)
PROFILE_KEYS = ("profile_api_url", "space_id", "profile_api_token")


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    required: bool = False
    secret: bool = False
    number: bool = False
    multiline: bool = False
    help: str = ""
    placeholder: str = ""


@dataclass(frozen=True)
class Problem:
    key: str  # the setting it concerns ("" when it concerns the whole object)
    message: str


def _sql(
    host_label: str, host_help: str, host_example: str, port: int, *, password_required: bool = True
) -> tuple[Setting, ...]:
    password_help = "" if password_required else "Empty when the server trusts this hub without one."
    return (
        Setting("host", host_label, required=True, help=host_help, placeholder=host_example),
        Setting("port", "Port", number=True, help=f"Empty: {port}.", placeholder=str(port)),
        Setting("database", "Database", required=True, placeholder="analytics"),
        Setting("username", "User", required=True, placeholder="loader"),
        Setting("password", "Password", required=password_required, secret=True, help=password_help),
    )


SETTINGS: dict[str, tuple[Setting, ...]] = {
    WarehouseType.DUCKDB: (
        Setting(
            "path",
            "File on this hub",
            help="Where the DuckDB file is written, e.g. var/warehouse.duckdb. Empty: a file of its own in "
            "the hub's exports folder.",
            placeholder="var/warehouse.duckdb",
        ),
    ),
    WarehouseType.POSTGRES: _sql(
        "Host", "The server's name or address.", "db.example.com", 5432, password_required=False
    ),
    WarehouseType.REDSHIFT: _sql(
        "Cluster endpoint",
        "The cluster's endpoint without the port and database (Redshift console > Clusters > General "
        "information).",
        "examplecluster.abc123.eu-west-1.redshift.amazonaws.com",
        5439,
    ),
    WarehouseType.SNOWFLAKE: (
        Setting(
            "host",
            "Account identifier",
            required=True,
            help="The part before .snowflakecomputing.com in your Snowflake address, e.g. orgname-account.",
            placeholder="orgname-account",
        ),
        Setting("database", "Database", required=True, placeholder="ANALYTICS"),
        Setting("username", "User", required=True, placeholder="LOADER"),
        Setting("password", "Password", secret=True, help="Or a private key below."),
        Setting(
            "private_key",
            "Private key (instead of a password)",
            secret=True,
            multiline=True,
            help="The PEM text of the user's key pair, -----BEGIN PRIVATE KEY----- ...",
        ),
        Setting("private_key_passphrase", "Private key passphrase", secret=True, help="If the key has one."),
        Setting("warehouse", "Warehouse", help="Empty: the user's default warehouse.", placeholder="LOADING"),
        Setting("role", "Role", help="Empty: the user's default role.", placeholder="LOADER"),
    ),
    WarehouseType.BIGQUERY: (
        Setting(
            SERVICE_ACCOUNT_KEY,
            "Service account key",
            required=True,
            secret=True,
            multiline=True,
            help="The JSON key file of a service account that may create datasets and load jobs (Google Cloud "
            "console > IAM > Service accounts > Keys > Add key > JSON): upload it or paste its text.",
        ),
        Setting(
            "location",
            "Location",
            help="Where new datasets are created, e.g. EU or europe-west3. Empty: US.",
            placeholder="EU",
        ),
    ),
    CDP: (
        Setting(
            "write_key",
            "Write key",
            required=True,
            secret=True,
            help="The write key of the source that receives the CRM's profiles (Segment: Connections > "
            "Sources > the source > Settings > API Keys; RudderStack: the source's write key).",
        ),
        Setting(
            "profile_api_url",
            "Profile API address (optional)",
            help="Segment Unify only, for reconciliation: e.g. https://profiles.segment.com. Needs the space "
            "id and token too.",
            placeholder="https://profiles.segment.com",
        ),
        Setting("space_id", "Profile API space id (optional)"),
        Setting("profile_api_token", "Profile API access token (optional)", secret=True),
    ),
}
# Keys the API may also send, beyond the form's fields (dlt reads them too).
EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    WarehouseType.POSTGRES: ("connection_string", "connect_timeout"),
    WarehouseType.REDSHIFT: ("connection_string", "connect_timeout"),
    WarehouseType.SNOWFLAKE: ("connection_string", "authenticator"),
    WarehouseType.BIGQUERY: SERVICE_ACCOUNT_KEYS,
}
SCHEMES = {
    WarehouseType.POSTGRES: ("postgresql", "postgres"),
    WarehouseType.REDSHIFT: ("postgresql", "postgres"),  # psycopg2 reads the string itself: no redshift://
    WarehouseType.SNOWFLAKE: ("snowflake",),
}
TYPE_LABELS = {**dict(WarehouseType.choices), CDP: "Customer data platform (Segment spec)"}


def destination_type(*, kind: str, warehouse_type: str) -> str:
    """One name for what the form offers: a warehouse type, or "cdp"."""
    return CDP if kind == DestinationKind.CDP else (warehouse_type or "")


def known_keys(type_: str) -> set[str]:
    keys = {setting.key for setting in SETTINGS.get(type_, ())} | set(EXTRA_KEYS.get(type_, ()))
    return keys - {SERVICE_ACCOUNT_KEY}


def normalized(type_: str, credentials: dict | None) -> dict | Problem:
    """The credentials with a connection string taken apart into its settings (dlt's parse), or the problem."""
    credentials = dict(credentials or {})
    text = credentials.pop("connection_string", None)
    if not text or type_ not in SCHEMES:
        return credentials
    parsed = _parsed(type_, str(text))
    if isinstance(parsed, Problem):
        return parsed
    return {**{k: v for k, v in parsed.items() if v not in (None, "")}, **credentials}


def _parsed(type_: str, text: str) -> dict | Problem:
    from dlt.common.configuration.exceptions import ConfigurationException

    label = TYPE_LABELS[type_]
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme not in SCHEMES[type_]:
        starts = " or ".join(s + "://" for s in SCHEMES[type_])
        return Problem(
            "connection_string",
            f"A {label} connection string starts with {starts}, not {scheme + '://' if scheme else 'nothing'}.",
        )
    credentials = _credentials_class(type_)()
    try:
        credentials.parse_native_representation(text)
    except (ConfigurationException, ValueError) as exc:
        return Problem(
            "connection_string", f"dlt cannot read this connection string: {str(exc).splitlines()[0][:200]}"
        )
    keys = [s.key for s in SETTINGS[type_]]
    values = {key: getattr(credentials, key, None) for key in keys}
    if values.get("password") is not None:
        values["password"] = str(values["password"])
    return values


def _credentials_class(type_: str):
    if type_ == WarehouseType.SNOWFLAKE:
        from dlt.destinations.impl.snowflake.configuration import SnowflakeCredentials

        return SnowflakeCredentials
    if type_ == WarehouseType.REDSHIFT:
        from dlt.destinations.impl.redshift.configuration import RedshiftCredentials

        return RedshiftCredentials
    from dlt.destinations.impl.postgres.configuration import PostgresCredentials

    return PostgresCredentials


def problems(type_: str, credentials: dict | None) -> list[Problem]:
    """What is wrong with these credentials for this destination type (empty: nothing)."""
    if type_ not in SETTINGS:
        return []
    label = "The CDP" if type_ == CDP else TYPE_LABELS[type_]
    if credentials is not None and not isinstance(credentials, dict):
        return [
            Problem(
                "", f"{label}'s settings are an object of names and values, not a {_json_type(credentials)}."
            )
        ]
    given = dict(credentials or {})
    known = known_keys(type_)
    unknown = sorted(set(given) - known)
    found = (
        [Problem("", f"{label} does not read {', '.join(unknown)} (it reads {', '.join(sorted(known))}).")]
        if unknown
        else []
    )
    values = normalized(type_, given)
    if isinstance(values, Problem):
        return [*found, values]
    if type_ == WarehouseType.BIGQUERY:
        return found + _bigquery_problems(values)
    for setting in SETTINGS[type_]:
        value = values.get(setting.key)
        if setting.required and _blank(value):
            found.append(Problem(setting.key, f"{label} needs the {_lower(setting.label)}."))
        elif setting.number and not _blank(value) and not _is_port(value):
            found.append(Problem(setting.key, "Enter a port number between 1 and 65535."))
    for key in ("host",):
        if "://" in str(values.get(key) or "") or "/" in str(values.get(key) or ""):
            found.append(
                Problem(key, "Enter the name only, without https:// or a path (e.g. db.example.com).")
            )
    if type_ == WarehouseType.SNOWFLAKE:
        found += _snowflake_problems(values)
    if type_ == CDP:
        found += _cdp_problems(values)
    return found


def _json_type(value) -> str:
    return {list: "list", str: "text", bool: "yes/no", int: "number", float: "number"}.get(
        type(value), "value"
    )


def _snowflake_problems(values: dict) -> list[Problem]:
    found = []
    if not any(values.get(key) for key in ("password", "private_key", "authenticator")):
        found.append(Problem("password", "Snowflake needs a password or a private key."))
    key = str(values.get("private_key") or "")
    if key and "PRIVATE KEY-----" not in key:
        found.append(
            Problem("private_key", "Paste the whole key, from -----BEGIN PRIVATE KEY----- to its END line.")
        )
    return found


def _cdp_problems(values: dict) -> list[Problem]:
    found = []
    profile = [key for key in PROFILE_KEYS if values.get(key)]
    if profile and len(profile) < len(PROFILE_KEYS):
        for key in PROFILE_KEYS:
            if not values.get(key):
                label = next(s.label for s in SETTINGS[CDP] if s.key == key).replace(" (optional)", "")
                found.append(Problem(key, f"Reading profiles back needs the {_lower(label)} too."))
    url = str(values.get("profile_api_url") or "")
    if url and urlparse(url).scheme not in ("http", "https"):
        found.append(Problem("profile_api_url", "Enter an address starting with https://."))
    return found


def _bigquery_problems(values: dict) -> list[Problem]:
    missing = [name for name in ("project_id", "client_email", "private_key") if not values.get(name)]
    if len(missing) == 3 and not any(values.get(k) for k in SERVICE_ACCOUNT_KEYS):
        return [Problem(SERVICE_ACCOUNT_KEY, "BigQuery needs the service account key (its JSON file).")]
    found = []
    if missing:
        found.append(
            Problem(
                SERVICE_ACCOUNT_KEY,
                "This is not a whole service account key (the JSON file of IAM > Service accounts > Keys); "
                f"missing: {', '.join(missing)}.",
            )
        )
    if values.get("type", "service_account") != "service_account":
        found.append(
            Problem(
                SERVICE_ACCOUNT_KEY,
                f"BigQuery takes a service account key, not a {values['type']!r} credential.",
            )
        )
    key = str(values.get("private_key") or "")
    if key and "PRIVATE KEY-----" not in key:
        found.append(
            Problem(
                SERVICE_ACCOUNT_KEY,
                "The key's private_key is not the PEM block (-----BEGIN PRIVATE KEY----- ...) Google issues.",
            )
        )
    return found


def service_account_key_read(text: str) -> dict | str:
    """A pasted or uploaded key file as a dict, or the sentence saying why it is not one."""
    import json

    try:
        value = json.loads(text)
    except ValueError:
        return "This is not a key file: Google's key files are JSON, starting with {."
    if not isinstance(value, dict):
        return "This is not a key file: Google's key files are JSON, starting with {."
    unknown = sorted(set(value) - set(SERVICE_ACCOUNT_KEYS))
    if unknown:
        return f"This key file has fields a service account key does not have: {', '.join(unknown)}."
    return value


def merged(type_: str, entered: dict, stored: dict | None, *, same_type: bool) -> dict:
    """The credentials to store from what the form entered: a secret left empty keeps the stored one; any other
    setting left empty is cleared. A BigQuery key entered replaces the stored key whole."""
    kept = normalized(type_, stored) if same_type else {}
    kept = {} if isinstance(kept, Problem) else dict(kept)
    result = dict(kept)
    for setting in SETTINGS.get(type_, ()):
        value = entered.get(setting.key)
        if setting.key == SERVICE_ACCOUNT_KEY:
            if value:
                result = {k: v for k, v in result.items() if k not in SERVICE_ACCOUNT_KEYS}
                result.update(value)
            continue
        if _blank(value):
            if not setting.secret:
                result.pop(setting.key, None)
            continue
        result[setting.key] = int(value) if setting.number else value
    return result


def stored_values(type_: str, stored: dict | None) -> dict:
    """What the form shows of the stored credentials: every setting but the secrets."""
    values = normalized(type_, stored)
    if isinstance(values, Problem):
        return {}
    return {
        s.key: values[s.key]
        for s in SETTINGS.get(type_, ())
        if not s.secret and values.get(s.key) not in (None, "")
    }


def secrets_stored(type_: str, stored: dict | None) -> set[str]:
    values = normalized(type_, stored)
    if isinstance(values, Problem):
        return set()
    found = {s.key for s in SETTINGS.get(type_, ()) if s.secret and values.get(s.key)}
    if type_ == WarehouseType.BIGQUERY and values.get("private_key"):
        found.add(SERVICE_ACCOUNT_KEY)
    return found


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_port(value) -> bool:
    try:
        return 1 <= int(value) <= 65535
    except (TypeError, ValueError):
        return False


def _lower(label: str) -> str:
    return label[0].lower() + label[1:] if label and not label[:2].isupper() else label
