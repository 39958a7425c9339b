"""HubSpot CRM v3: properties, search on the last-modified date, propertiesWithHistory, batch update."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

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
    parse_retry_after,
    response_body,
    results_for_failed_call,
)
from crmhub.connectors.errors import CrmError, CrmRateLimited, CrmValidationError
from crmhub.connectors.field_types import FieldType
from crmhub.connectors.readahead import in_worker, read_ahead
from crmhub.connectors.user_directory import BOOLEAN, DATETIME, EMAIL, EPOCH, INTEGER, STRING, users_schema
from crmhub.core.timestamps import epoch_millis, iso_z_millis, parse_timestamp

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.hubapi.com"
SEARCH_LIMIT = 200
SEARCH_CAP = 10_000  # HubSpot refuses to page a search past 10,000 results (reads never page that far)
READ_AHEAD_PAGES = 10  # search pages requested while the caller mirrors the ones it has (one sync batch)
WRITE_CHUNK = 100
READ_CHUNK = 100
HISTORY_CHUNK = 50  # propertiesWithHistory lowers the batch size HubSpot accepts
REFRESH_MARGIN_SECONDS = 60
OWN_SOURCE_TYPES = {"INTEGRATION", "API"}
TOKEN_INFO_PATH = "/oauth/v1/access-tokens/"  # noqa: S105 - a path, not a secret
# The unique-value text property (hasUniqueValue) that carries our idempotency key on records we create;
# sales-ops creates it once per object type we create (contacts, companies, deals, tasks).
CREATE_KEY_PROPERTY = "crmhub_create_key"
# HUBSPOT_DEFINED association type ids, from the created object to the record it is attached to.
ASSOCIATION_TYPES = {
    ("tasks", "contacts"): 204,
    ("tasks", "companies"): 192,
    ("tasks", "deals"): 216,
    ("contacts", "companies"): 279,
    ("deals", "contacts"): 3,
    ("deals", "companies"): 341,
}
# A task's associations, read as fields of their own: "associations.contacts" holds the associated contacts' ids
# (";"-separated, ascending). No HubSpot property can hold a dot, so these names never meet a real one.
ASSOCIATION_PREFIX = "associations."
ASSOCIATED_OBJECTS = {"tasks": ("contacts", "companies", "deals")}
ASSOCIATION_BATCH = 100  # ids per v4 associations batch read (HubSpot's limit since January 2024)
OBJECT_TYPE_IDS = {"0-1": "contacts", "0-2": "companies", "0-3": "deals", "0-27": "tasks"}
TASK_PRIORITY = {"low": "LOW", "medium": "MEDIUM", "high": "HIGH"}
EXTERNAL_OPTION_PROPERTIES = {"hubspot_owner_id", "dealstage", "pipeline", "hs_pipeline", "hs_pipeline_stage"}


# -- pure mapping functions -------------------------------------------------------------------------


def field_type_for(prop: dict[str, Any]) -> str:
    hs_type, widget = prop.get("type", "string"), prop.get("fieldType", "")
    if prop.get("referencedObjectType") == "OWNER" or prop.get("name") == "hubspot_owner_id":
        return FieldType.REFERENCE
    if hs_type == "enumeration":
        if widget == "booleancheckbox":
            return FieldType.BOOLEAN
        return FieldType.MULTIPICKLIST if widget == "checkbox" else FieldType.PICKLIST
    if hs_type == "string":
        if prop.get("name") == "email":
            return FieldType.EMAIL
        if widget == "phonenumber":
            return FieldType.PHONE
        return FieldType.TEXT if widget in ("textarea", "html") else FieldType.STRING
    return {
        "number": FieldType.NUMBER,
        "bool": FieldType.BOOLEAN,
        "date": FieldType.DATE,
        "datetime": FieldType.DATETIME,
        "phone_number": FieldType.PHONE,
    }.get(hs_type, FieldType.TEXT)


def field_from_property(prop: dict[str, Any]) -> FieldSchema:
    field_type = field_type_for(prop)
    meta = prop.get("modificationMetadata") or {}
    external = bool(prop.get("externalOptions")) or prop["name"] in EXTERNAL_OPTION_PROPERTIES
    options = [option["value"] for option in prop.get("options") or [] if not option.get("hidden")]
    return FieldSchema(
        name=prop["name"],
        label=prop.get("label") or prop["name"],
        field_type=field_type,
        picklist_options=options if field_type in (FieldType.PICKLIST, FieldType.MULTIPICKLIST) else [],
        external_options=external,
        writable=not meta.get("readOnlyValue", False) and not prop.get("calculated", False),
        nillable=True,
        provider_metadata={
            key: prop.get(key)
            for key in (
                "type",
                "fieldType",
                "groupName",
                "hubspotDefined",
                "calculated",
                "hasUniqueValue",
                "referencedObjectType",
                "hidden",
            )
            if key in prop
        },
    )


def association_fields(object_name: str) -> list[FieldSchema]:
    """The association fields of an object: read-only references to each object it may be associated with."""
    return [
        FieldSchema(
            name=f"{ASSOCIATION_PREFIX}{target}",
            label=f"Associated {target}",
            field_type=FieldType.TEXT,
            writable=False,
            provider_metadata={"association": target},
        )
        for target in ASSOCIATED_OBJECTS.get(object_name, ())
    ]


def split_association_fields(fields: list[str]) -> tuple[list[str], list[str]]:
    """(properties, association targets) of the fields a caller asks for."""
    properties = [name for name in fields if not name.startswith(ASSOCIATION_PREFIX)]
    targets = [name[len(ASSOCIATION_PREFIX) :] for name in fields if name.startswith(ASSOCIATION_PREFIX)]
    return properties, targets


def associated_ids(results: list[dict[str, Any]]) -> dict[str, list[str]]:
    """From id -> associated ids, from the `results` of a v4 associations batch read (PublicAssociationMulti
    WithLabel: `from.id`, `to[].toObjectId`, a number)."""
    found: dict[str, list[str]] = {}
    for result in results:
        ids = found.setdefault(str((result.get("from") or {}).get("id")), [])
        ids += [str(to["toObjectId"]) for to in result.get("to") or [] if to.get("toObjectId") is not None]
    return found


def modified_property(object_name: str) -> str:
    return "lastmodifieddate" if object_name in ("contacts", "0-1") else "hs_lastmodifieddate"


def to_hubspot_value(value: Any) -> str:
    """HubSpot takes every property value as a string; an empty string clears the value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return iso_z_millis(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return ";".join(str(item) for item in value)
    return str(value)


def is_own_history_entry(entry: dict[str, Any], app_id: str | None) -> bool:
    """Ours only when an app wrote it (INTEGRATION, or API) and that app is ours (sourceId = our app id).
    Another app's write is someone else's edit; so is any app's write while our app id is unknown (never
    overwrite on a guess)."""
    if entry.get("sourceType") not in OWN_SOURCE_TYPES:
        return False
    return app_id not in (None, "") and source_app(entry.get("sourceId")) == str(app_id)


def source_app(source_id: Any) -> str:
    """The app id of a sourceId ("8151242", or "appId:8151242" as some webhook payloads put it)."""
    text = str(source_id or "")
    return text.split(":", 1)[1] if text.startswith("appId:") else text


def history_edits(result: dict[str, Any], app_id: str | None) -> list[FieldEdit]:
    return [
        FieldEdit(
            record_id=str(result["id"]),
            field=name,
            edited_at=parse_timestamp(entry["timestamp"]),
            by_human=not is_own_history_entry(entry, app_id),
            actor=str(entry.get("updatedByUserId") or entry.get("sourceId") or entry.get("sourceType")),
        )
        for name, entries in (result.get("propertiesWithHistory") or {}).items()
        for entry in entries
    ]


def validation_field_errors(body: Any) -> tuple[FieldError, ...]:
    """Field errors of a whole-batch 400: the JSON list inside `message`, or the `errors` array."""
    if not isinstance(body, dict):
        return (FieldError("", "", str(body)[:500]),)
    message = body.get("message", "")
    if "[" in message:
        try:
            items = json.loads(message[message.index("[") :])
        except ValueError:
            items = []
        found = tuple(
            FieldError(item.get("name", ""), item.get("error", ""), item.get("message", ""))
            for item in items
            if isinstance(item, dict)
        )
        if found:
            return found
    details = tuple(
        FieldError(
            ((error.get("context") or {}).get("propertyName") or [""])[0],
            error.get("code", ""),
            error.get("message", ""),
        )
        for error in body.get("errors") or []
    )
    return details or (FieldError("", body.get("category", ""), message),)


def batch_error_results(errors: list[dict[str, Any]]) -> dict[str, WriteResult]:
    """Per-id results from the `errors[]` of a 207 batch response."""
    results = {}
    for error in errors:
        category = error.get("category", "")
        context = error.get("context") or {}
        if category == "OBJECT_NOT_FOUND":
            status, field_errors = WriteStatus.NOT_FOUND, ()
        elif category == "RATE_LIMITS":
            status, field_errors = WriteStatus.RATE_LIMITED, ()
        else:
            status = WriteStatus.VALIDATION_ERROR
            field_errors = tuple(
                FieldError(name, category or error.get("subCategory") or "", error.get("message", ""))
                for name in context.get("propertyName") or [""]
            )
        for record_id in context.get("ids") or context.get("id") or []:
            results[str(record_id)] = WriteResult(
                str(record_id), status, field_errors=field_errors, message=error.get("message", "")
            )
    return results


def clock_today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class SearchStep:
    """One search request of a read in modification order.

    Search pages by offset, and an offset shifts when a record not read yet is edited (it moves to the end);
    it also stops at 10,000 results. So no read follows the offset: after each page the next request starts
    again at the newest modification time the page held (GTE; the caller drops the repeats). A page that is
    all one instant cannot move the start: that instant is then read by id (EQ on the time, hs_object_id
    above the last id seen, sorted by id), however many records it holds, and the read goes on after it
    (GT)."""

    operator: str  # GTE, GT, or EQ (one instant, by id)
    at_ms: int
    after_id: int | None = None

    def body(self, modified: str, properties: list[str], limit: int) -> dict[str, Any]:
        filters = [{"propertyName": modified, "operator": self.operator, "value": str(self.at_ms)}]
        sort = modified
        if self.operator == "EQ":
            sort = "hs_object_id"
            if self.after_id is not None:
                filters.append(
                    {"propertyName": "hs_object_id", "operator": "GT", "value": str(self.after_id)}
                )
        return {
            "filterGroups": [{"filters": filters}],
            "sorts": [{"propertyName": sort, "direction": "ASCENDING"}],
            "properties": properties,
            "limit": limit,
        }

    def next(self, payload: dict[str, Any], modified: str) -> SearchStep | None:
        results = payload.get("results") or []
        more = bool(((payload.get("paging") or {}).get("next") or {}).get("after")) and bool(results)
        if self.operator == "EQ":
            if not more:
                return SearchStep("GT", self.at_ms)
            last_id = max(int(result["id"]) for result in results)
            if self.after_id is not None and last_id <= self.after_id:
                raise CrmError(f"hubspot search by id at {self.at_ms} did not move past id {self.after_id}")
            return SearchStep("EQ", self.at_ms, last_id)
        if not more:
            return None
        newest = max(result_stamp_ms(result, modified) for result in results)
        if newest > self.at_ms:
            return SearchStep("GTE", newest)
        return SearchStep("EQ", self.at_ms)


def result_stamp_ms(result: dict[str, Any], modified: str) -> int:
    stamp = (result.get("properties") or {}).get(modified) or result.get("updatedAt")
    return epoch_millis(parse_timestamp(stamp))


# -- the connector ----------------------------------------------------------------------------------


class HubSpotConnector(CrmConnector):
    provider = "hubspot"
    default_objects = ("contacts", "companies", "deals")
    users_object = "owners"
    # GET /crm/v3/owners (PublicOwner); `teams` is read as the team names, `;`-separated.
    user_fields = (
        ("email", "Email", EMAIL),
        ("firstName", "First name", STRING),
        ("lastName", "Last name", STRING),
        ("userId", "User id", INTEGER),
        ("type", "Type", STRING),
        ("teams", "Teams", STRING),
        ("archived", "Deactivated", BOOLEAN),
        ("createdAt", "Created", DATETIME),
        ("updatedAt", "Updated", DATETIME),
    )
    read_ahead_pages = READ_AHEAD_PAGES

    @property
    def base_url(self) -> str:
        return (self.connection.base_url or DEFAULT_BASE_URL).rstrip("/")

    @property
    def version(self) -> str:
        return self.connection.api_version or "v3"

    def _objects_url(self, object_name: str, suffix: str = "") -> str:
        if self.version.startswith("v"):
            path = f"/crm/{self.version}/objects/{object_name}"
        else:  # date-based versions: /crm/objects/2026-03/contacts
            path = f"/crm/objects/{self.version}/{object_name}"
        return f"{self.base_url}{path}{suffix}"

    def _properties_url(self, object_name: str) -> str:
        if self.version.startswith("v"):
            return f"{self.base_url}/crm/{self.version}/properties/{object_name}"
        return f"{self.base_url}/crm/properties/{self.version}/{object_name}"

    # -- schema -------------------------------------------------------------------------------------

    def discover_schema(self, objects: list[str] | None = None) -> list[ObjectSchema]:
        schemas = []
        for name in objects or self.default_objects:
            if name == self.users_object:
                schemas.append(users_schema(name, "Owners (users)", self.user_fields))
                continue
            payload = self._request("GET", self._properties_url(name), params={"archived": "false"}).json()
            fields = [field_from_property(p) for p in payload.get("results", []) if not p.get("archived")]
            fields += association_fields(name)
            schemas.append(ObjectSchema(name=name, label=name.title(), fields=fields))
        return schemas

    # -- reads --------------------------------------------------------------------------------------

    def iter_changes(
        self, object_name: str, *, since: datetime, fields: list[str], overlap: timedelta | None = None
    ) -> Iterator[list[CrmRecord]]:
        modified = modified_property(object_name)
        start = since - (self.default_overlap if overlap is None else overlap)
        deduper = ChangeDeduper()
        properties, targets = split_association_fields(fields)
        pages = self._search_from(object_name, start, [*properties, modified], depth=self.read_ahead_pages)
        for results in pages:
            page = [self._record(result, properties, modified) for result in results]
            fresh = [record for record in page if deduper.is_new(record)]
            if fresh:
                self._associations_add(object_name, targets, {r.id: r.values for r in fresh})
                yield fresh

    def _search_from(
        self,
        object_name: str,
        start: datetime,
        properties: list[str],
        *,
        depth: int = 0,
        extra_filters: list[dict[str, Any]] | None = None,
    ) -> Iterator[list[dict[str, Any]]]:
        """Search pages in modification order, keyset style, `depth` pages read ahead (see `SearchStep`).
        Records at the restart time come again: the caller's ChangeDeduper drops them."""
        modified = modified_property(object_name)

        def fetch(step: SearchStep) -> dict[str, Any]:
            body = step.body(modified, list(dict.fromkeys(properties)), self.page_size or SEARCH_LIMIT)
            body["filterGroups"][0]["filters"].extend(extra_filters or [])
            url = self._objects_url(object_name, "/search")
            return self._request("POST", url, json=body, bucket="search").json()

        def advance(step: SearchStep, payload: dict[str, Any]) -> SearchStep | None:
            return step.next(payload, modified)

        for payload in read_ahead(
            first=SearchStep("GTE", epoch_millis(start)), fetch=fetch, advance=advance, depth=depth
        ):
            yield payload.get("results", [])

    def _record(self, result: dict[str, Any], fields: list[str], modified: str) -> CrmRecord:
        properties = result.get("properties") or {}
        stamp = properties.get(modified) or result.get("updatedAt")
        return CrmRecord(
            id=str(result["id"]),
            modified_at=parse_timestamp(stamp),
            values={name: properties.get(name) for name in fields},
        )

    def iter_deleted(self, object_name: str, *, since: datetime) -> Iterator[DeletedRecord]:
        """Archived records (the archive list has no date filter, so it is filtered here), then records
        merged away: each primary modified since `since` names its merged ids in hs_merged_object_ids."""
        yield from self._archived_since(object_name, since)
        yield from self._merged_since(object_name, since)

    def _archived_since(self, object_name: str, since: datetime) -> Iterator[DeletedRecord]:
        params: dict[str, Any] = {"archived": "true", "limit": 100, "properties": "hs_object_id"}
        while True:
            payload = self._request("GET", self._objects_url(object_name), params=params).json()
            for result in payload.get("results", []):
                archived_at = parse_timestamp(result.get("archivedAt") or result.get("updatedAt"))
                if archived_at is None or archived_at >= since:
                    yield DeletedRecord(id=str(result["id"]), deleted_at=archived_at)
            after = ((payload.get("paging") or {}).get("next") or {}).get("after")
            if after is None:
                return
            params["after"] = after

    def _merged_since(self, object_name: str, since: datetime) -> Iterator[DeletedRecord]:
        modified = modified_property(object_name)
        has_merges = [{"propertyName": "hs_merged_object_ids", "operator": "HAS_PROPERTY"}]
        deduper = ChangeDeduper()
        for results in self._search_from(
            object_name, since, ["hs_merged_object_ids", modified], extra_filters=has_merges
        ):
            for result in results:
                record = self._record(result, ["hs_merged_object_ids"], modified)
                if not deduper.is_new(record):
                    continue
                for loser in (record.values["hs_merged_object_ids"] or "").split(";"):
                    if loser.strip():
                        yield DeletedRecord(
                            id=loser.strip(), deleted_at=record.modified_at, merged_into=record.id
                        )

    def users_read(self) -> list[CrmRecord]:
        """Owners, active then deactivated (`archived=true`), through the owners API's `after` paging."""
        users = []
        for archived in ("false", "true"):
            params: dict[str, Any] = {"limit": 500, "archived": archived}
            while True:
                payload = self._request("GET", f"{self.base_url}/crm/v3/owners", params=params).json()
                users += [self._owner(owner, archived == "true") for owner in payload.get("results", [])]
                after = ((payload.get("paging") or {}).get("next") or {}).get("after")
                if after is None:
                    break
                params["after"] = after
        return users

    def _owner(self, owner: dict[str, Any], archived: bool) -> CrmRecord:
        values = {name: owner.get(name) for name, _, _ in self.user_fields}
        values["teams"] = "; ".join(
            str(team.get("name") or team.get("id")) for team in owner.get("teams") or []
        )
        values["archived"] = bool(owner.get("archived", archived))
        stamp = owner.get("updatedAt") or owner.get("createdAt")
        return CrmRecord(
            id=str(owner["id"]), modified_at=parse_timestamp(stamp) if stamp else EPOCH, values=values
        )

    def read_records(self, object_name: str, ids: list[str], fields: list[str]) -> dict[str, dict[str, Any]]:
        if object_name == self.users_object:
            wanted = {str(i) for i in ids}
            return {u.id: {n: u.values.get(n) for n in fields} for u in self.users_read() if u.id in wanted}
        answer = {}
        wanted, targets = split_association_fields(fields)
        for chunk in chunked([str(i) for i in ids], READ_CHUNK):
            for result in self._batch_read(object_name, chunk, properties=wanted):
                properties = result.get("properties") or {}
                answer[str(result["id"])] = {name: properties.get(name) for name in wanted}
        self._associations_add(object_name, targets, answer)
        return answer

    def _associations_add(self, object_name: str, targets: list[str], values: dict[str, dict]) -> None:
        """Each record's associated ids per target, into its values (None where it has none): the v4
        associations batch read, 100 ids a call, following each record's own `paging.next.after`. Search
        and the objects batch read do not return associations, so this is the one extra call per target and
        page that a read of association fields costs."""
        for target in targets:
            found: dict[str, list[str]] = {}
            url = f"{self.base_url}/crm/v4/associations/{object_name}/{target}/batch/read"
            pending = [{"id": record_id} for record_id in values]
            while pending:
                more = []
                for chunk in chunked(pending, ASSOCIATION_BATCH):
                    payload = self._request("POST", url, json={"inputs": chunk}).json()
                    results = payload.get("results") or []
                    for record_id, ids in associated_ids(results).items():
                        found.setdefault(record_id, []).extend(ids)
                    more += [
                        {"id": str(result["from"]["id"]), "after": result["paging"]["next"]["after"]}
                        for result in results
                        if ((result.get("paging") or {}).get("next") or {}).get("after")
                    ]
                pending = more
            for record_id, record_values in values.items():
                ids = sorted(set(found.get(record_id, ())), key=lambda i: (len(i), i))
                record_values[f"{ASSOCIATION_PREFIX}{target}"] = ";".join(ids) or None

    def last_human_edits(
        self, object_name: str, record_ids: list[str], fields: list[str]
    ) -> dict[str, dict[str, datetime | None]]:
        return latest_human_edits(self.field_history(object_name, record_ids, fields), record_ids, fields)

    def field_history(self, object_name: str, record_ids: list[str], fields: list[str]) -> list[FieldEdit]:
        app_id = self.api_user_id()
        edits = []
        for chunk in chunked([str(i) for i in record_ids], HISTORY_CHUNK):
            for result in self._batch_read(object_name, chunk, properties=fields, with_history=fields):
                edits.extend(history_edits(result, app_id))
        return edits

    def _batch_read(
        self,
        object_name: str,
        ids: list[str],
        *,
        properties: list[str],
        with_history: list[str] | None = None,
    ) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"inputs": [{"id": rid} for rid in ids], "properties": properties}
        if with_history:
            body["propertiesWithHistory"] = with_history
        response = self._request(
            "POST", self._objects_url(object_name, "/batch/read"), params={"archived": "false"}, json=body
        )
        return response.json().get("results", [])

    # -- writes -------------------------------------------------------------------------------------

    def write(self, object_name: str, updates: list[RecordUpdate]) -> list[WriteResult]:
        results: list[WriteResult] = []
        for chunk in chunked(list(updates), WRITE_CHUNK):
            results.extend(self._write_chunk(object_name, chunk))
        return results

    def _write_chunk(self, object_name: str, chunk: list[RecordUpdate]) -> list[WriteResult]:
        ids = [str(update.record_id) for update in chunk]
        body = {
            "inputs": [
                {"id": str(u.record_id), "properties": {k: to_hubspot_value(v) for k, v in u.values.items()}}
                for u in chunk
            ]
        }
        try:
            response = self._request("POST", self._objects_url(object_name, "/batch/update"), json=body)
        except CrmValidationError as exc:
            # A whole-batch 400 (unknown or read-only property, bad option): every record carries it.
            return results_for_failed_call(ids, exc, field_errors=validation_field_errors(exc.body))
        except CrmError as exc:
            return results_for_failed_call(ids, exc)
        payload = response.json()
        return self._match_batch_results(ids, payload.get("results", []), payload.get("errors", []))

    def _match_batch_results(
        self, ids: list[str], results: list[dict[str, Any]], errors: list[dict[str, Any]]
    ) -> list[WriteResult]:
        failed = batch_error_results(errors)
        written = {str(result["id"]): result for result in results}
        # A merged-away id is written to its primary, which answers under its own id.
        strangers = [result for rid, result in written.items() if rid not in ids]
        unmatched = [rid for rid in ids if rid not in failed and rid not in written]
        answer = []
        for rid in ids:
            if rid in failed:
                answer.append(failed[rid])
            elif rid in written:
                answer.append(WriteResult(rid, WriteStatus.OK))
            else:
                answer.append(self._merged_result(rid, strangers, only_one=len(unmatched) == 1))
        return answer

    @staticmethod
    def _merged_result(record_id: str, strangers: list[dict[str, Any]], *, only_one: bool) -> WriteResult:
        survivor = next(
            (
                str(result["id"])
                for result in strangers
                if record_id
                in ((result.get("properties") or {}).get("hs_merged_object_ids") or "").split(";")
            ),
            None,
        )
        if survivor is None and only_one and len(strangers) == 1:
            survivor = str(strangers[0]["id"])
        return WriteResult(
            record_id,
            WriteStatus.DELETED_OR_MERGED,
            surviving_id=survivor,
            message="HubSpot answered for another record: this id was merged"
            if survivor
            else "HubSpot returned no result for this id",
        )

    # -- creates ------------------------------------------------------------------------------------

    task_object = "tasks"

    def _create_batch(self, object_name: str, records: list[RecordCreate]) -> list[CreateResult]:
        results: list[CreateResult] = []
        for chunk in chunked(records, WRITE_CHUNK):
            results.extend(self._create_chunk(object_name, chunk))
        return results

    def _create_chunk(self, object_name: str, chunk: list[RecordCreate]) -> list[CreateResult]:
        keys = [record.key for record in chunk]
        try:
            inputs = [self._create_input(object_name, record) for record in chunk]
        except ValueError as exc:
            error = CrmValidationError(str(exc))
            return create_results_for_failed_call(keys, error, (FieldError("", "ASSOCIATION", str(exc)),))
        try:
            response = self._request(
                "POST",
                self._objects_url(object_name, "/batch/create"),
                json={"inputs": inputs},
                retry_transient=False,
            )
        except CrmValidationError as exc:
            if exc.status_code == 409:  # a unique value exists already: an earlier attempt created it
                return self._results_after_conflict(object_name, chunk, exc)
            return create_results_for_failed_call(keys, exc, field_errors=validation_field_errors(exc.body))
        except CrmError as exc:
            return create_results_for_failed_call(keys, exc)
        payload = response.json()
        # HubSpot does not promise input order: the marker property says which result is which input.
        created = {
            (result.get("properties") or {}).get(CREATE_KEY_PROPERTY): str(result["id"])
            for result in payload.get("results", [])
        }
        errors = payload.get("errors", [])
        return [self._create_result(key, created, errors) for key in keys]

    @staticmethod
    def _create_result(key: str, created: dict, errors: list[dict[str, Any]]) -> CreateResult:
        if key in created:
            return CreateResult(key, WriteStatus.OK, record_id=created[key])
        if not errors:
            # Nothing says what happened to this input: the lookup that follows tells.
            return CreateResult(
                key, WriteStatus.TRANSIENT, message="HubSpot returned no result for this input"
            )
        # A 207 names its failures by context, not by input: an input without a result carries them all.
        limited = all(error.get("category") == "RATE_LIMITS" for error in errors)
        field_errors = tuple(
            FieldError(name, error.get("category", ""), error.get("message", ""))
            for error in errors
            for name in (error.get("context") or {}).get("propertyName") or [""]
        )
        return CreateResult(
            key,
            WriteStatus.RATE_LIMITED if limited else WriteStatus.VALIDATION_ERROR,
            field_errors=() if limited else field_errors,
            message="; ".join(error.get("message", "") for error in errors),
        )

    def _results_after_conflict(
        self, object_name: str, chunk: list[RecordCreate], exc: CrmError
    ) -> list[CreateResult]:
        try:
            found = self._find_created(object_name, chunk)
        except CrmError:
            found = {}
        if not found:
            return create_results_for_failed_call([r.key for r in chunk], exc)
        return [
            CreateResult(r.key, WriteStatus.OK, record_id=found[r.key], already_existed=True)
            if r.key in found
            else CreateResult(
                r.key, WriteStatus.TRANSIENT, message="another input of the batch already existed"
            )
            for r in chunk
        ]

    def _create_input(self, object_name: str, record: RecordCreate) -> dict[str, Any]:
        properties = {name: to_hubspot_value(value) for name, value in record.values.items()}
        properties[CREATE_KEY_PROPERTY] = record.key
        return {
            "properties": properties,
            "associations": [self._association(object_name, link) for link in record.associations],
        }

    @staticmethod
    def _association(object_name: str, link: Association) -> dict[str, Any]:
        source = OBJECT_TYPE_IDS.get(object_name, object_name)
        target = OBJECT_TYPE_IDS.get(link.object_name, link.object_name)
        type_id = ASSOCIATION_TYPES.get((source, target))
        if type_id is None:
            raise ValueError(f"HubSpot has no default association from {source} to {target}")
        return {
            "to": {"id": str(link.record_id)},
            "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}],
        }

    def _find_created(self, object_name: str, records: list[RecordCreate]) -> dict[str, str]:
        """A batch read by the unique marker property: consistent at once, unlike search."""
        found = {}
        for chunk in chunked([record.key for record in records], READ_CHUNK):
            body = {
                "inputs": [{"id": key} for key in chunk],
                "idProperty": CREATE_KEY_PROPERTY,
                "properties": [CREATE_KEY_PROPERTY],
            }
            response = self._request("POST", self._objects_url(object_name, "/batch/read"), json=body)
            for result in response.json().get("results", []):
                key = (result.get("properties") or {}).get(CREATE_KEY_PROPERTY)
                if key:
                    found[key] = str(result["id"])
        return found

    def task_create(self, task: TaskSpec, *, key: str) -> RecordCreate:
        due = task.due or clock_today()
        values: dict[str, Any] = {
            "hs_timestamp": datetime(due.year, due.month, due.day, 9, tzinfo=UTC),
            "hs_task_subject": task.subject,
            "hs_task_body": task.body,
            "hs_task_status": "NOT_STARTED",
            "hs_task_priority": TASK_PRIORITY[task.priority],
            "hs_task_type": "TODO",
        }
        if task.owner_id:
            values["hubspot_owner_id"] = task.owner_id
        return RecordCreate(key, values, (Association(task.about_object, task.about_id),))

    # -- own changes --------------------------------------------------------------------------------

    def api_user_id(self) -> str | None:
        """Our app (HubSpot marks each app's writes with its app id): the credential `app_id`, or the app of
        our access token, read once from its metadata (GET /oauth/v1/access-tokens/{token}), then kept."""
        known = self.credentials.get("app_id")
        if known not in (None, ""):
            return str(known)
        if self._token_is_expiring() and self._can_refresh():
            self._refresh_token()
        token = self.credentials.get("access_token") or ""
        try:
            info = self._request(
                "GET", f"{self.base_url}{TOKEN_INFO_PATH}{token}", authenticated=False
            ).json()
        except CrmError as exc:
            logger.warning(  # not the message: a transport error's names the URL, and the URL the token
                "hubspot connection %s: our app id is unknown (token metadata failed: %s %s); "
                "our own writes cannot be told from other apps' until it is read",
                self.connection.pk,
                type(exc).__name__,
                exc.status_code or "",
            )
            return None
        app_id = info.get("app_id") if isinstance(info, dict) else None
        if app_id in (None, ""):
            return None
        self._save_credentials({"app_id": str(app_id)})
        return str(app_id)

    def is_own_change(self, *, change_source: str | None = None, source_id: str | None = None) -> bool:
        """For webhook events: INTEGRATION/API changes made by our app (never while our app is unknown)."""
        return is_own_history_entry(
            {"sourceType": change_source, "sourceId": source_id}, self.credentials.get("app_id")
        )

    def _log_retry(self, method: str, url: str, state) -> None:
        """The token metadata path carries the token itself: it never reaches a log."""
        if TOKEN_INFO_PATH in url:
            url = url.split(TOKEN_INFO_PATH, 1)[0] + TOKEN_INFO_PATH + "<token>"
        super()._log_retry(method, url, state)

    def user_name(self, user_id: str) -> str | None:
        """The name of the HubSpot user behind a history entry's updatedByUserId (owners API, looked up by
        userId); None when HubSpot knows no such owner."""
        if not str(user_id).isdigit():
            return None
        try:
            owner = self._request(
                "GET", f"{self.base_url}/crm/v3/owners/{user_id}", params={"idProperty": "userId"}
            ).json()
        except CrmError as exc:
            if exc.status_code == 404:
                return None
            raise
        name = " ".join(part for part in (owner.get("firstName"), owner.get("lastName")) if part)
        return name or owner.get("email") or None

    # -- provider hooks -----------------------------------------------------------------------------

    def _can_refresh(self) -> bool:
        return not in_worker() and super()._can_refresh()

    def _token_is_expiring(self) -> bool:
        expires_at = self.credentials.get("expires_at")
        return bool(expires_at) and time.time() >= float(expires_at) - REFRESH_MARGIN_SECONDS

    def _refresh_token(self) -> None:
        creds = self.credentials
        payload = self._token_call(
            f"{self.base_url}/oauth/v1/token",
            data={
                "grant_type": "refresh_token",
                "client_id": creds.get("client_id", ""),
                "client_secret": creds.get("client_secret", ""),
                "refresh_token": creds.get("refresh_token", ""),
            },
        )
        updates = {"access_token": payload["access_token"]}
        if payload.get("refresh_token"):
            updates["refresh_token"] = payload["refresh_token"]
        if payload.get("expires_in"):
            updates["expires_at"] = time.time() + float(payload["expires_in"])
        self._save_credentials(updates)

    def _error_details(self, body: Any) -> tuple[str, str]:
        if isinstance(body, dict):
            return (
                body.get("category") or body.get("errorType") or body.get("status", ""),
                body.get("message", ""),
            )
        return "", str(body)[:500]

    def _classify_error(self, response: httpx.Response, code: str, message: str) -> CrmError | None:
        if response.status_code != 429:
            return None
        body = response_body(response)
        policy = body.get("policyName", "") if isinstance(body, dict) else ""
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is None:
            retry_after = {"SECONDLY": 1.0, "DAILY": 3600.0}.get(policy, 10.0)
        if policy == "DAILY":
            self.rate_budget.pause_for(retry_after)
        return CrmRateLimited(
            f"hubspot 429 {policy}: {message}",
            retry_after=retry_after,
            status_code=429,
            provider_code=policy or code,
            body=body,
        )

    def _observe_limits(self, response: httpx.Response) -> None:
        headers = response.headers
        remaining = headers.get("X-HubSpot-RateLimit-Remaining")
        if remaining is not None and remaining.lstrip("-").isdigit():
            interval = headers.get("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
            reset_after = int(interval) / 1000 if interval.isdigit() else 10.0
            self.rate_budget.observe_window(remaining=int(remaining), reset_after=reset_after)
        daily, daily_left = (
            headers.get("X-HubSpot-RateLimit-Daily"),
            headers.get("X-HubSpot-RateLimit-Daily-Remaining"),
        )
        if daily and daily_left and daily.isdigit() and daily_left.isdigit():
            self.rate_budget.observe_daily(used=int(daily) - int(daily_left), limit=int(daily))
