"""Salesforce REST: SOQL on SystemModstamp, describe, field history, sObject Collections writes."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

from crmhub.connectors.base import (
    Association,
    ChangeDeduper,
    CreateResult,
    CrmConnector,
    CrmRecord,
    DeletedRecord,
    FieldEdit,
    FieldError,
    FieldSchema,
    ObjectSchema,
    RecordCreate,
    RecordUpdate,
    TaskSpec,
    WriteResult,
    WriteStatus,
    chunked,
    create_results_for_failed_call,
    latest_human_edits,
    response_body,
    results_for_failed_call,
)
from crmhub.connectors.errors import (
    CrmAuthError,
    CrmCursorExpired,
    CrmError,
    CrmNotFound,
    CrmRateLimited,
    CrmUnavailable,
    CrmValidationError,
)
from crmhub.connectors.field_types import FieldType
from crmhub.connectors.salesforce.bulk import SalesforceBulk
from crmhub.connectors.user_directory import BOOLEAN, DATETIME, EMAIL, STRING, users_schema
from crmhub.core.backoff import retry_delay
from crmhub.core.timestamps import iso_z, parse_timestamp

logger = logging.getLogger(__name__)

DEFAULT_VERSION = "v67.0"
DEFAULT_LOGIN_URL = "https://login.salesforce.com"
CLIENT_TAG = "crmhub"
WRITE_CHUNK = 200
ID_CHUNK = 200
CONCURRENCY_WAIT_SECONDS = 20.0  # Salesforce counts requests running this long toward its concurrency limit

# The custom text field (External ID, unique) that carries our idempotency key on records we create;
# sales-ops adds it to every object we create (Contact, Lead, Account, Opportunity, Task).
CREATE_KEY_FIELD = "CrmHub_Create_Key__c"
TASK_PRIORITY = {"low": "Low", "medium": "Normal", "high": "High"}
WHO_OBJECTS = {"Contact", "Lead"}  # a Task's WhoId; anything else is its WhatId
# The objects Salesforce merges, the only ones with MasterRecordId: asking another (Task, Opportunity) for it
# is refused ("No such column 'MasterRecordId' on entity 'Task'").
MERGEABLE_OBJECTS = {"Account", "Contact", "Lead", "Case"}


def deleted_columns(object_name: str) -> list[str]:
    """What a read of deleted records selects: the merge winner where the object can be merged."""
    return ["MasterRecordId"] if object_name in MERGEABLE_OBJECTS else []


TYPE_MAP = {
    "id": FieldType.REFERENCE,
    "reference": FieldType.REFERENCE,
    "string": FieldType.STRING,
    "encryptedstring": FieldType.STRING,
    "combobox": FieldType.STRING,
    "textarea": FieldType.TEXT,
    "email": FieldType.EMAIL,
    "phone": FieldType.PHONE,
    "url": FieldType.URL,
    "boolean": FieldType.BOOLEAN,
    "int": FieldType.INTEGER,
    "long": FieldType.INTEGER,
    "double": FieldType.NUMBER,
    "currency": FieldType.NUMBER,
    "percent": FieldType.NUMBER,
    "date": FieldType.DATE,
    "datetime": FieldType.DATETIME,
    "picklist": FieldType.PICKLIST,
    "multipicklist": FieldType.MULTIPICKLIST,
}

# Per-record error codes of sObject Collections, mapped to our write taxonomy.
RECORD_ERROR_STATUS = {
    "ENTITY_IS_DELETED": WriteStatus.DELETED_OR_MERGED,
    "INVALID_CROSS_REFERENCE_KEY": WriteStatus.NOT_FOUND,
    "NOT_FOUND": WriteStatus.NOT_FOUND,
    "MALFORMED_ID": WriteStatus.NOT_FOUND,
    "INVALID_ID_FIELD": WriteStatus.NOT_FOUND,
    "UNABLE_TO_LOCK_ROW": WriteStatus.TRANSIENT,
    "SERVER_UNAVAILABLE": WriteStatus.TRANSIENT,
    "REQUEST_LIMIT_EXCEEDED": WriteStatus.RATE_LIMITED,
    "INVALID_SESSION_ID": WriteStatus.AUTH,
}

_LIMIT_INFO = re.compile(r"api-usage=(\d+)/(\d+)")
_SAFE_ID = re.compile(r"^[A-Za-z0-9]{15,18}$")
_SAFE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


# -- pure mapping functions -------------------------------------------------------------------------


def field_from_describe(raw: dict[str, Any]) -> FieldSchema:
    sf_type = raw.get("type", "string")
    field_type = TYPE_MAP.get(sf_type, FieldType.STRING)
    options = [value["value"] for value in raw.get("picklistValues") or [] if value.get("active", True)]
    length = raw.get("length") or None
    return FieldSchema(
        name=raw["name"],
        label=raw.get("label") or raw["name"],
        field_type=field_type,
        picklist_options=options if field_type in (FieldType.PICKLIST, FieldType.MULTIPICKLIST) else [],
        external_options=field_type == FieldType.REFERENCE,
        writable=bool(raw.get("updateable", False)),
        nillable=bool(raw.get("nillable", True)),
        max_length=length if field_type in (FieldType.STRING, FieldType.TEXT) else None,
        provider_metadata={
            key: raw.get(key)
            for key in (
                "type",
                "custom",
                "calculated",
                "restrictedPicklist",
                "referenceTo",
                "precision",
                "scale",
                "externalId",
                "unique",
            )
            if key in raw
        },
    )


def object_from_describe(raw: dict[str, Any]) -> ObjectSchema:
    return ObjectSchema(
        name=raw["name"],
        label=raw.get("label") or raw["name"],
        fields=[field_from_describe(f) for f in raw.get("fields", [])],
        provider_metadata={key: raw.get(key) for key in ("custom", "keyPrefix", "updateable") if key in raw},
    )


def history_source(object_name: str) -> tuple[str, str]:
    """(history object, its parent-id field): OpportunityFieldHistory, Custom__History, ContactHistory."""
    if object_name == "Opportunity":
        return "OpportunityFieldHistory", "OpportunityId"
    if object_name.endswith("__c"):
        return object_name[:-3] + "__History", "ParentId"
    return f"{object_name}History", f"{object_name}Id"


def same_user(left: str | None, right: str | None) -> bool:
    """Salesforce ids come in 15- and 18-character forms; the first 15 characters identify."""
    return bool(left and right and left[:15] == right[:15])


def record_error_result(record_id: str, errors: list[dict[str, Any]]) -> WriteResult:
    codes = [error.get("statusCode", "") for error in errors]
    status = next((RECORD_ERROR_STATUS[c] for c in codes if c in RECORD_ERROR_STATUS), None)
    field_errors = tuple(
        FieldError(field_name, error.get("statusCode", ""), error.get("message", ""))
        for error in errors
        for field_name in (error.get("fields") or [""])
    )
    return WriteResult(
        record_id,
        status or WriteStatus.VALIDATION_ERROR,
        field_errors=field_errors if status is None else (),
        message="; ".join(error.get("message", "") for error in errors),
    )


def build_soql(columns: list[str], object_name: str, where: str, order_by: str = "") -> str:
    """SOQL from checked API names; `where` is built only from checked ids, names and timestamps."""
    check_names([*columns, object_name])
    query = f"SELECT {', '.join(dict.fromkeys(columns))} FROM {object_name}"  # noqa: S608
    query = f"{query} WHERE {where}" if where else query
    return f"{query} ORDER BY {order_by}" if order_by else query


def soql_list(values: list[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def check_ids(ids: list[str]) -> list[str]:
    bad = [value for value in ids if not _SAFE_ID.match(value)]
    if bad:
        raise CrmValidationError(f"Not Salesforce record ids: {bad[:5]}")
    return ids


def check_names(names: list[str]) -> list[str]:
    bad = [name for name in names if not _SAFE_NAME.match(name)]
    if bad:
        raise CrmValidationError(f"Not Salesforce API names: {bad[:5]}")
    return names


# -- the connector ----------------------------------------------------------------------------------


class SalesforceConnector(CrmConnector):
    provider = "salesforce"
    default_objects = ("Account", "Contact", "Lead", "Opportunity")
    users_object = "User"
    # The User sObject's standard fields a warehouse wants (its describe lists hundreds of setup fields).
    user_fields = (
        ("Username", "Username", STRING),
        ("Name", "Full name", STRING),
        ("FirstName", "First name", STRING),
        ("LastName", "Last name", STRING),
        ("Email", "Email", EMAIL),
        ("IsActive", "Active", BOOLEAN),
        ("UserType", "User type", STRING),
        ("Title", "Title", STRING),
        ("Department", "Department", STRING),
        ("LastModifiedDate", "Last modified", DATETIME),
    )

    @property
    def version(self) -> str:
        return self.connection.api_version or DEFAULT_VERSION

    @property
    def instance_url(self) -> str:
        return (self.credentials.get("instance_url") or self.connection.base_url).rstrip("/")

    def _data_url(self, path: str) -> str:
        return f"{self.instance_url}/services/data/{self.version}/{path.lstrip('/')}"

    # -- schema -------------------------------------------------------------------------------------

    def discover_schema(self, objects: list[str] | None = None) -> list[ObjectSchema]:
        names = check_names(list(objects or self.default_objects))
        schemas = []
        for name in names:
            if name == self.users_object:
                schemas.append(users_schema(name, "Users", self.user_fields))
                continue
            try:
                describe = self._request("GET", self._data_url(f"sobjects/{name}/describe")).json()
            except CrmNotFound:
                if objects:
                    raise
                continue  # a default object this org does not expose (no Leads, no Opportunities)
            schemas.append(object_from_describe(describe))
        return schemas

    # -- reads --------------------------------------------------------------------------------------

    def iter_changes(
        self, object_name: str, *, since: datetime, fields: list[str], overlap: timedelta | None = None
    ) -> Iterator[list[CrmRecord]]:
        check_names([object_name, *fields])
        start = since - (self.default_overlap if overlap is None else overlap)
        deduper = ChangeDeduper()
        while True:
            soql = build_soql(
                ["Id", "SystemModstamp", *fields],
                object_name,
                f"SystemModstamp >= {iso_z(start)}",
                "SystemModstamp, Id",
            )
            try:
                for rows in self._query_pages(soql):
                    page = [self._record(row, fields) for row in rows]
                    fresh = [record for record in page if deduper.is_new(record)]
                    if fresh:
                        yield fresh
                return
            except CrmCursorExpired:
                # Restart at the last timestamp we saw; the deduper drops the repeats at it.
                if deduper.last_seen is not None:
                    start = deduper.last_seen

    def iter_deleted(self, object_name: str, *, since: datetime) -> Iterator[DeletedRecord]:
        check_names([object_name])
        soql = build_soql(
            ["Id", "IsDeleted", *deleted_columns(object_name), "SystemModstamp"],
            object_name,
            f"SystemModstamp >= {iso_z(since)} AND IsDeleted = true",
            "SystemModstamp, Id",
        )
        for rows in self._query_pages(soql, endpoint="queryAll"):
            for row in rows:
                yield DeletedRecord(
                    id=row["Id"],
                    deleted_at=parse_timestamp(row.get("SystemModstamp")),
                    merged_into=row.get("MasterRecordId") or None,
                )

    def users_read(self) -> list[CrmRecord]:
        """Every User, active or not (SOQL over the User sObject, cursor pages)."""
        fields = [name for name, _, _ in self.user_fields]
        soql = build_soql(["Id", "SystemModstamp", *fields], self.users_object, "", "Id")
        return [self._record(row, fields) for rows in self._query_pages(soql) for row in rows]

    def read_records(self, object_name: str, ids: list[str], fields: list[str]) -> dict[str, dict[str, Any]]:
        check_names([object_name, *fields])
        answer: dict[str, dict[str, Any]] = {}
        for chunk in chunked(check_ids(list(ids)), ID_CHUNK):
            soql = build_soql(["Id", *fields], object_name, f"Id IN ({soql_list(chunk)})")
            for rows in self._query_pages(soql):
                for row in rows:
                    answer[row["Id"]] = {name: row.get(name) for name in fields}
        return answer

    def last_human_edits(
        self, object_name: str, record_ids: list[str], fields: list[str]
    ) -> dict[str, dict[str, datetime | None]]:
        return latest_human_edits(self.field_history(object_name, record_ids, fields), record_ids, fields)

    def field_history(self, object_name: str, record_ids: list[str], fields: list[str]) -> list[FieldEdit]:
        check_names([object_name, *fields])
        history_object, parent_field = history_source(object_name)
        integration_user = self.integration_user_id()
        edits = []
        for chunk in chunked(check_ids(list(record_ids)), ID_CHUNK):
            soql = build_soql(
                [parent_field, "Field", "CreatedById", "CreatedDate"],
                history_object,
                f"{parent_field} IN ({soql_list(chunk)}) AND Field IN ({soql_list(fields)})",
                "CreatedDate DESC",
            )
            for rows in self._query_pages(soql):
                for row in rows:
                    edits.append(
                        FieldEdit(
                            record_id=row[parent_field],
                            field=row["Field"],
                            edited_at=parse_timestamp(row["CreatedDate"]),
                            by_human=not same_user(row.get("CreatedById"), integration_user),
                            actor=row.get("CreatedById") or "",
                        )
                    )
        return edits

    def _query_pages(self, soql: str, *, endpoint: str = "query") -> Iterator[list[dict[str, Any]]]:
        headers = {"Sforce-Query-Options": f"batchSize={self.page_size or 2000}"}
        payload = self._request("GET", self._data_url(endpoint), params={"q": soql}, headers=headers).json()
        while True:
            yield payload.get("records", [])
            next_url = payload.get("nextRecordsUrl")
            if payload.get("done", True) or not next_url:
                return
            # nextRecordsUrl is absolute from the instance root: standard URL joining, as every client does.
            payload = self._request("GET", urljoin(self.instance_url, next_url), headers=headers).json()

    def _record(self, row: dict[str, Any], fields: list[str]) -> CrmRecord:
        return CrmRecord(
            id=row["Id"],
            modified_at=parse_timestamp(row["SystemModstamp"]),
            values={name: row.get(name) for name in fields},
        )

    # -- writes -------------------------------------------------------------------------------------

    # A write or create of at least this many records goes through Bulk API 2.0 ingest jobs instead of
    # sObject Collections (None: settings.SALESFORCE_BULK_WRITE_THRESHOLD).
    bulk_write_threshold: int | None = None

    @cached_property
    def bulk(self) -> SalesforceBulk:
        return SalesforceBulk(self)

    def goes_bulk(self, records: int) -> bool:
        """Whether a write of `records` records goes through ingest jobs ("API for small volumes, Bulk API
        for millions")."""
        return records >= (self.bulk_write_threshold or settings.SALESFORCE_BULK_WRITE_THRESHOLD)

    def write(self, object_name: str, updates: list[RecordUpdate]) -> list[WriteResult]:
        if self.goes_bulk(len(updates)):
            return self._with_survivors(object_name, self.bulk.write(object_name, list(updates)))
        results: list[WriteResult] = []
        for chunk in chunked(list(updates), WRITE_CHUNK):
            results.extend(self._write_chunk(object_name, chunk))
        return self._with_survivors(object_name, results)

    def _write_chunk(self, object_name: str, chunk: list[RecordUpdate]) -> list[WriteResult]:
        body = {
            "allOrNone": False,
            "records": [
                {"attributes": {"type": object_name}, "id": update.record_id, **update.values}
                for update in chunk
            ],
        }
        ids = [update.record_id for update in chunk]
        try:
            response = self._request(
                "PATCH",
                self._data_url("composite/sobjects"),
                json=body,
                headers={"Sforce-Call-Options": f"client={CLIENT_TAG}"},
            )
        except CrmError as exc:
            return results_for_failed_call(ids, exc)
        return [
            WriteResult(rid, WriteStatus.OK)
            if item.get("success")
            else record_error_result(rid, item.get("errors") or [])
            for rid, item in zip(ids, response.json(), strict=False)
        ]

    def _with_survivors(self, object_name: str, results: list[WriteResult]) -> list[WriteResult]:
        """A merged-away record fails as deleted; queryAll tells which record it was merged into."""
        gone = [r.record_id for r in results if r.status == WriteStatus.DELETED_OR_MERGED]
        if not gone:
            return results
        try:
            masters = self._merge_masters(object_name, gone)
        except CrmError:
            return results
        return [
            replace(r, surviving_id=masters[r.record_id]) if r.record_id in masters else r for r in results
        ]

    def _merge_masters(self, object_name: str, ids: list[str]) -> dict[str, str]:
        masters = {}
        if not deleted_columns(object_name):
            return masters
        for chunk in chunked(check_ids(ids), ID_CHUNK):
            soql = build_soql(["Id", "MasterRecordId"], object_name, f"Id IN ({soql_list(chunk)})")
            for rows in self._query_pages(soql, endpoint="queryAll"):
                masters.update(
                    {row["Id"]: row["MasterRecordId"] for row in rows if row.get("MasterRecordId")}
                )
        return masters

    # -- creates ------------------------------------------------------------------------------------

    task_object = "Task"

    def _create_batch(self, object_name: str, records: list[RecordCreate]) -> list[CreateResult]:
        check_names([object_name])
        if self.goes_bulk(len(records)):
            # An upsert on our unique marker field: a record sent again updates the one it created.
            try:
                rows = [
                    (
                        record.key,
                        {**record.values, **self._association_fields(object_name, record.associations)},
                    )
                    for record in records
                ]
            except CrmError as exc:
                return create_results_for_failed_call([record.key for record in records], exc)
            return self.bulk.upsert(object_name, rows, key_field=CREATE_KEY_FIELD)
        results: list[CreateResult] = []
        for chunk in chunked(records, WRITE_CHUNK):
            results.extend(self._create_chunk(object_name, chunk))
        return results

    def _create_chunk(self, object_name: str, chunk: list[RecordCreate]) -> list[CreateResult]:
        keys = [record.key for record in chunk]
        try:
            body = {
                "allOrNone": False,
                "records": [
                    {
                        "attributes": {"type": object_name},
                        **record.values,
                        **self._association_fields(object_name, record.associations),
                        CREATE_KEY_FIELD: record.key,
                    }
                    for record in chunk
                ],
            }
            response = self._request(
                "POST",
                self._data_url("composite/sobjects"),
                json=body,
                headers={"Sforce-Call-Options": f"client={CLIENT_TAG}"},
                retry_transient=False,
            )
        except CrmError as exc:
            return create_results_for_failed_call(keys, exc)
        # SaveResults come back in input order.
        return [self._create_result(key, item) for key, item in zip(keys, response.json(), strict=False)]

    @staticmethod
    def _create_result(key: str, item: dict[str, Any]) -> CreateResult:
        if item.get("success"):
            return CreateResult(key, WriteStatus.OK, record_id=item.get("id"))
        errors = item.get("errors") or []
        result = record_error_result(key, errors)
        if any(error.get("statusCode") == "DUPLICATE_VALUE" for error in errors):
            # Our marker is unique: an earlier attempt created the record; the lookup that follows finds it.
            return CreateResult(key, WriteStatus.TRANSIENT, message=result.message)
        return CreateResult(key, result.status, field_errors=result.field_errors, message=result.message)

    @staticmethod
    def _association_fields(object_name: str, links: tuple[Association, ...]) -> dict[str, str]:
        if not links:
            return {}
        if object_name not in ("Task", "Event"):
            raise CrmValidationError(f"Salesforce links a new {object_name} through its own lookup fields")
        fields = {}
        for link in links:
            fields["WhoId" if link.object_name in WHO_OBJECTS else "WhatId"] = link.record_id
        return fields

    def _find_created(self, object_name: str, records: list[RecordCreate]) -> dict[str, str]:
        found = {}
        for chunk in chunked([record.key for record in records], ID_CHUNK):
            soql = build_soql(
                ["Id", CREATE_KEY_FIELD], object_name, f"{CREATE_KEY_FIELD} IN ({soql_list(chunk)})"
            )
            for rows in self._query_pages(soql):
                found.update({row[CREATE_KEY_FIELD]: row["Id"] for row in rows if row.get(CREATE_KEY_FIELD)})
        return found

    def task_create(self, task: TaskSpec, *, key: str) -> RecordCreate:
        values: dict[str, Any] = {
            "Subject": task.subject,
            "Description": task.body,
            "Status": "Not Started",
            "Priority": TASK_PRIORITY[task.priority],
        }
        if task.due:
            values["ActivityDate"] = task.due.isoformat()
        if task.owner_id:
            values["OwnerId"] = task.owner_id
        return RecordCreate(key, values, (Association(task.about_object, task.about_id),))

    # -- own changes --------------------------------------------------------------------------------

    def integration_user_id(self) -> str | None:
        """Our API user: the credential, or the user of the current token (then remembered)."""
        known = self.credentials.get("integration_user_id")
        if known:
            return known
        try:
            info = self._request("GET", f"{self.instance_url}/services/oauth2/userinfo").json()
        except CrmError as exc:
            logger.warning(
                "salesforce connection %s: our API user is unknown (userinfo failed: %s); "
                "our own changes cannot be told from a rep's until it is read",
                self.connection.pk,
                exc.message,
            )
            return None
        user_id = info.get("user_id")
        if user_id:
            self._save_credentials({"integration_user_id": user_id})
        return user_id

    def is_own_change(
        self, *, last_modified_by_id: str | None = None, change_origin: str | None = None
    ) -> bool:
        """Ours if the record was last modified by our user, or a CDC changeOrigin carries our tag."""
        if change_origin and f"client={CLIENT_TAG}" in change_origin:
            return True
        return same_user(last_modified_by_id, self.credentials.get("integration_user_id"))

    def user_name(self, user_id: str) -> str | None:
        """The Name of a Salesforce User (a history row's CreatedById); None when there is no such user."""
        [checked] = check_ids([str(user_id)])
        try:
            user = self._request("GET", self._data_url(f"sobjects/User/{checked}"), params={"fields": "Name"})
        except CrmNotFound:
            return None
        return user.json().get("Name") or None

    # -- provider hooks -----------------------------------------------------------------------------

    def _refresh_token(self) -> None:
        creds = self.credentials
        login = (creds.get("login_url") or DEFAULT_LOGIN_URL).rstrip("/")
        payload = self._token_call(
            f"{login}/services/oauth2/token",
            data={
                "grant_type": "refresh_token",
                "client_id": creds.get("client_id", ""),
                "client_secret": creds.get("client_secret", ""),
                "refresh_token": creds.get("refresh_token", ""),
            },
        )
        updates = {"access_token": payload["access_token"]}
        if payload.get("instance_url"):
            updates["instance_url"] = payload["instance_url"]
        if payload.get("refresh_token"):  # refresh-token rotation
            updates["refresh_token"] = payload["refresh_token"]
        if payload.get("id") and not creds.get("integration_user_id"):
            updates["integration_user_id"] = urlsplit(payload["id"]).path.rstrip("/").rsplit("/", 1)[-1]
        self._save_credentials(updates)

    def _token_rejected(self, response: httpx.Response) -> bool:
        """The identity service (userinfo) refuses an expired token with a plain-text 403, not a 401."""
        if response.status_code == 403 and response.text.strip() == "Bad_OAuth_Token":
            return True
        return super()._token_rejected(response)

    def _error_details(self, body: Any) -> tuple[str, str]:
        if isinstance(body, list) and body and isinstance(body[0], dict):
            return body[0].get("errorCode", ""), body[0].get("message", "")
        if isinstance(body, dict):  # OAuth endpoint errors
            return body.get("error", ""), body.get("error_description", "") or str(body)
        return "", str(body)[:500]

    def _classify_error(self, response: httpx.Response, code: str, message: str) -> CrmError | None:
        details = {
            "status_code": response.status_code,
            "provider_code": code,
            "body": response_body(response),
        }
        text = f"salesforce {response.status_code} {code}: {message}"
        if code == "REQUEST_LIMIT_EXCEEDED":
            # No Retry-After from Salesforce: concurrency clears in seconds, the daily cap in hours,
            # and then every worker of this connection has to hold back.
            if "concurrent" in message.lower():
                # Only requests running 20 s or more count: wait that long, jittered so that workers
                # refused together do not come back together. The daily budget is not paused.
                wait = retry_delay(attempt=1, base=CONCURRENCY_WAIT_SECONDS, jitter=0.5)
                return CrmRateLimited(text, retry_after=wait, **details)
            self.rate_budget.pause_for(3600.0)
            return CrmRateLimited(text, retry_after=3600.0, **details)
        if code == "INVALID_QUERY_LOCATOR":
            return CrmCursorExpired(text, **details)
        if code in ("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE"):
            return CrmUnavailable(text, **details)
        if code in ("NOT_FOUND", "INVALID_CROSS_REFERENCE_KEY") and response.status_code in (400, 404):
            return CrmNotFound(text, **details)
        if response.status_code == 401 or code == "INVALID_SESSION_ID":
            return CrmAuthError(text, **details)
        return None

    def _observe_limits(self, response: httpx.Response) -> None:
        match = _LIMIT_INFO.search(response.headers.get("Sforce-Limit-Info", ""))
        if match:
            self.rate_budget.observe_daily(used=int(match.group(1)), limit=int(match.group(2)))
