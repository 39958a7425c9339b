"""Pipedrive: v2 fields and lists (cursor paging on update_time), v1 changelogs, v2 PATCH per record.

Enumerations travel as option ids on the wire; the catalog speaks option labels, so this connector turns
labels into ids on writes and ids into labels on reads, with the field definitions it fetched once.
"""

from __future__ import annotations

import base64
import logging
import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from crmhub.connectors.base import (
    Association,
    ChangeDeduper,
    CreateResult,
    CrmConnector,
    CrmRecord,
    DeletedRecord,
    FieldEdit,
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
    results_for_failed_call,
)
from crmhub.connectors.errors import CrmError, CrmValidationError
from crmhub.connectors.field_types import FieldType
from crmhub.connectors.readahead import in_worker, read_ahead
from crmhub.connectors.user_directory import BOOLEAN, DATETIME, EMAIL, EPOCH, INTEGER, STRING, users_schema
from crmhub.core.timestamps import iso_z, parse_timestamp

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.pipedrive.com"
DEFAULT_OAUTH_URL = "https://oauth.pipedrive.com"
LIST_LIMIT = 500
READ_AHEAD_PAGES = 4  # list pages requested while the caller mirrors the ones it has (one sync batch)
IDS_PER_LIST = 100
REFRESH_MARGIN_SECONDS = 60
HUMAN_SOURCES = {"app", "mobile"}
# x-token-cost of the endpoints we call (from the published specs).
COST = {
    "v2_list": 10,
    "v2_get": 1,
    "v2_patch": 5,
    "v2_fields": 10,
    "v1_changelog": 20,
    "v1_get": 2,
    "v1_list": 20,
    "v2_post": 5,
    "v2_search": 20,
}
# The custom text field (by its name) that carries our idempotency key on persons, organizations and deals we
# create; activities have no custom fields, so theirs sits on the last line of the note.
CREATE_KEY_FIELD_NAME = "CrmHub create key"
NOTE_MARKER = "crmhub-key: "
SEARCHABLE = {"persons", "organizations", "deals"}
LINK_FIELDS = {"persons": "person_id", "organizations": "org_id", "deals": "deal_id"}

FIELDS_ENDPOINT = {
    "persons": "personFields",
    "organizations": "organizationFields",
    "deals": "dealFields",
    "activities": "activityFields",
}
SINGULAR = {"persons": "person", "organizations": "organization", "deals": "deal", "activities": "activity"}

TYPE_MAP = {
    "varchar": FieldType.STRING,
    "varchar_auto": FieldType.STRING,
    "varchar_options": FieldType.STRING,
    "address": FieldType.STRING,
    "time": FieldType.STRING,
    "timerange": FieldType.STRING,
    "daterange": FieldType.STRING,
    "visible_to": FieldType.STRING,
    "text": FieldType.TEXT,
    "double": FieldType.NUMBER,
    "monetary": FieldType.NUMBER,
    "int": FieldType.INTEGER,
    "boolean": FieldType.BOOLEAN,
    "date": FieldType.DATE,
    "enum": FieldType.PICKLIST,
    "status": FieldType.PICKLIST,
    "set": FieldType.MULTIPICKLIST,
    "phone": FieldType.PHONE,
}
REFERENCE_TYPES = {"user", "org", "people", "deal", "deals", "stage", "lead", "project", "activity"}
READ_ONLY_TYPES = {"picture", "json", "price_list", "billing_frequency", "projects_board", "projects_phase"}
READ_ONLY_CODES = {"id", "add_time", "update_time", "creator_user_id", "is_deleted", "company_id"}
# Standard fields the v2 PATCH endpoints accept (pipedrive-v2-openapi.yml, updatePerson/Deal/Organization).
WRITABLE_STANDARD = {
    "persons": {"name", "owner_id", "org_id", "email", "phone", "emails", "phones", "visible_to", "label_ids",
                "marketing_status"},
    "organizations": {"name", "owner_id", "visible_to", "label_ids", "address"},
    "deals": {
        "title", "owner_id", "person_id", "org_id", "pipeline_id", "stage_id", "value", "currency", "status",
        "probability", "lost_reason", "visible_to", "close_time", "won_time", "lost_time",
        "expected_close_date", "label_ids",
    },
}  # fmt: skip
_CUSTOM_KEY = re.compile(r"^[0-9a-f]{40}$")
# Person fields a v2 list returns only when include_fields names them (getPersons; marketing app enabled).
INCLUDE_ON_REQUEST = ("marketing_status", "doi_status")
# Multi-value fields: personFields and the changelog call them "email" and "phone"; v2 records carry them as
# arrays of {value, primary, label} under "emails" and "phones".
MULTI_VALUE_KEYS = {"email": "emails", "phone": "phones", "emails": "emails", "phones": "phones"}
NEW_ENTRY_LABEL = "work"


# -- pure mapping functions -------------------------------------------------------------------------


def is_custom_key(code: str) -> bool:
    return bool(_CUSTOM_KEY.match(code))


def field_from_definition(raw: dict[str, Any], object_name: str = "") -> FieldSchema:
    code, pd_type = raw["field_code"], raw.get("field_type", "varchar")
    if pd_type in REFERENCE_TYPES:
        field_type = FieldType.REFERENCE
    elif code in ("email", "emails"):
        field_type = FieldType.EMAIL
    elif code in ("phone", "phones"):
        field_type = FieldType.PHONE
    else:
        field_type = TYPE_MAP.get(pd_type, FieldType.TEXT)
    options = raw.get("options") or []
    custom = bool(raw.get("is_custom_field", is_custom_key(code)))
    if custom or object_name not in WRITABLE_STANDARD:
        writable = pd_type not in READ_ONLY_TYPES and code not in READ_ONLY_CODES
    else:
        writable = code in WRITABLE_STANDARD[object_name]
    return FieldSchema(
        name=code,
        label=raw.get("field_name") or code,
        field_type=field_type,
        picklist_options=[str(option["label"]) for option in options],
        external_options=field_type == FieldType.REFERENCE,
        writable=writable,
        nillable=not raw.get("is_required", False),
        provider_metadata={
            "field_type": pd_type,
            "is_custom_field": custom,
            "option_ids": {str(option["label"]): option["id"] for option in options},
        },
    )


def read_value(raw: Any, schema: FieldSchema | None) -> Any:
    """A v2 value as the catalog sees it: monetary -> amount, option ids -> labels, primary email."""
    if isinstance(raw, dict) and "value" in raw:  # monetary, and typed webhook values
        raw = raw["value"]
    if isinstance(raw, list) and raw and isinstance(raw[0], dict) and "value" in raw[0]:
        primary = next((item for item in raw if item.get("primary")), raw[0])
        return primary.get("value")
    if raw == [] and schema is not None and schema.field_type in (FieldType.EMAIL, FieldType.PHONE):
        return None
    if schema is None or schema.field_type not in (FieldType.PICKLIST, FieldType.MULTIPICKLIST):
        return raw
    labels = {
        str(option_id): label for label, option_id in schema.provider_metadata.get("option_ids", {}).items()
    }
    if not labels:
        return raw
    if isinstance(raw, list):
        return [labels.get(str(item), item) for item in raw]
    if isinstance(raw, str) and "," in raw:
        return [labels.get(item, item) for item in raw.split(",")]
    return labels.get(str(raw), raw) if raw is not None else None


def write_value(value: Any, schema: FieldSchema | None) -> Any:
    """The catalog's value as v2 wants it: labels -> option ids (ints), strict JSON types."""
    if schema is None or value is None:
        return value
    ids = schema.provider_metadata.get("option_ids") or {}
    if schema.field_type == FieldType.PICKLIST and ids:
        return ids.get(str(value), value)
    if schema.field_type == FieldType.MULTIPICKLIST and ids:
        items = value if isinstance(value, list | tuple | set) else str(value).split(";")
        return [ids.get(str(item), item) for item in items]
    return value


def record_values(row: dict[str, Any], fields: list[str], schemas: dict[str, FieldSchema]) -> dict[str, Any]:
    custom = row.get("custom_fields") or {}
    return {
        name: read_value(
            custom.get(name)
            if name in custom or is_custom_key(name)
            else row.get(MULTI_VALUE_KEYS.get(name, name)),
            schemas.get(name),
        )
        for name in fields
    }


def with_primary(entries: list[dict[str, Any]] | None, value: Any) -> list[dict[str, Any]]:
    """The whole v2 array with `value` as its primary entry and every other entry kept.

    The primary entry's value is replaced (its label kept); an address already in the array becomes the
    primary instead of being added twice; a person without one gets a new primary entry. None or "" drops
    the primary entry and keeps the rest. A caller that passes the array itself gets it through unchanged."""
    if isinstance(value, list):
        return value
    kept = [dict(entry) for entry in entries or [] if isinstance(entry, dict)]
    primary = next((entry for entry in kept if entry.get("primary")), None)
    if value in (None, ""):
        return [entry for entry in kept if entry is not primary]
    text = str(value)
    same = next((entry for entry in kept if str(entry.get("value", "")).lower() == text.lower()), None)
    if same is not None and same is not primary:
        kept = [entry for entry in kept if entry is not primary]
        for entry in kept:
            entry["primary"] = entry is same
        return kept
    if primary is not None:
        primary["value"] = text
        return kept
    return [{"value": text, "primary": True, "label": NEW_ENTRY_LABEL}, *kept]


def multi_value_keys(values: dict[str, Any]) -> set[str]:
    """The v2 array keys ("emails", "phones") a write touches."""
    return {MULTI_VALUE_KEYS[name] for name in values if name in MULTI_VALUE_KEYS}


def patch_body(
    values: dict[str, Any], schemas: dict[str, FieldSchema], current: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A v2 PATCH/POST body; `current` is the record as it is, whose email and phone arrays a write of
    their primary value keeps (v2 replaces the whole array)."""
    body: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for name, value in values.items():
        schema = schemas.get(name)
        is_custom = schema.provider_metadata.get("is_custom_field") if schema else is_custom_key(name)
        if not is_custom and name in MULTI_VALUE_KEYS:
            key = MULTI_VALUE_KEYS[name]
            body[key] = with_primary(body.get(key, (current or {}).get(key)), value)
            continue
        (custom if is_custom else body)[name] = write_value(value, schema)
    if custom:
        body["custom_fields"] = custom
    return body


def is_own_changelog_entry(entry: dict[str, Any], api_user_id: Any) -> bool:
    """Ours only when it came through the API and was made by our user. Another integration's API edit is
    someone else's edit; so is any API edit while our user is unknown (never overwrite on a guess)."""
    if entry.get("change_source") != "api":  # app, mobile, or anything we cannot place
        return False
    return api_user_id not in (None, "") and str(entry.get("actor_user_id")) == str(api_user_id)


def pipedrive_id(value: Any, name: str) -> int:
    """Pipedrive ids are integers, and v2 refuses them as strings."""
    text = str(value).strip()
    if not text.isdigit():
        raise CrmValidationError(f"pipedrive {name} must be a numeric id, not {text[:40]!r}")
    return int(text)


def activity_marker(note: str | None) -> str | None:
    last_line = (note or "").strip().rsplit("\n", 1)[-1].strip()
    return last_line[len(NOTE_MARKER) :] if last_line.startswith(NOTE_MARKER) else None


def next_list_request(request: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any] | None:
    """The list request after `payload` in a read in update order (see `_changed_lists`), None at the end."""
    cursor = (payload.get("additional_data") or {}).get("next_cursor")
    rows = payload.get("data") or []
    if not cursor:
        return None
    start = parse_timestamp(request["updated_since"])
    newest = max((parse_timestamp(row["update_time"]) for row in rows), default=start)
    if newest > start:
        return {**{k: v for k, v in request.items() if k != "cursor"}, "updated_since": iso_z(newest)}
    return {**request, "cursor": cursor}


# -- the connector ----------------------------------------------------------------------------------


class PipedriveConnector(CrmConnector):
    provider = "pipedrive"
    default_objects = ("persons", "organizations", "deals")
    users_object = "users"
    # GET /v1/users (getUsers): the fields of a user a warehouse wants.
    user_fields = (
        ("name", "Name", STRING),
        ("email", "Email", EMAIL),
        ("active_flag", "Active", BOOLEAN),
        ("is_admin", "Admin", INTEGER),
        ("role_id", "Role", INTEGER),
        ("timezone_name", "Time zone", STRING),
        ("created", "Created", DATETIME),
        ("modified", "Modified", DATETIME),
    )
    read_ahead_pages = READ_AHEAD_PAGES

    def __init__(self, connection, **kwargs: Any):
        super().__init__(connection, **kwargs)
        self._schemas: dict[str, dict[str, FieldSchema]] = {}

    @property
    def base_url(self) -> str:
        return (self.credentials.get("api_domain") or self.connection.base_url or DEFAULT_BASE_URL).rstrip(
            "/"
        )

    def _v2(self, path: str) -> str:
        return f"{self.base_url}/api/v2/{path.lstrip('/')}"

    def _v1(self, path: str) -> str:
        # api.pipedrive.com serves v1 at /v1; company domains at /api/v1.
        prefix = "/v1" if urlsplit(self.base_url).hostname == "api.pipedrive.com" else "/api/v1"
        return f"{self.base_url}{prefix}/{path.lstrip('/')}"

    # -- schema -------------------------------------------------------------------------------------

    def discover_schema(self, objects: list[str] | None = None) -> list[ObjectSchema]:
        schemas = []
        for name in objects or self.default_objects:
            if name == self.users_object:
                schemas.append(users_schema(name, "Users", self.user_fields))
                continue
            endpoint = FIELDS_ENDPOINT.get(name, f"{SINGULAR.get(name, name.rstrip('s'))}Fields")
            fields = [
                field_from_definition(raw) for raw in self._v2_pages(endpoint, {}, cost=COST["v2_fields"])
            ]
            self._schemas[name] = {f.name: f for f in fields}
            schemas.append(ObjectSchema(name=name, label=name.title(), fields=fields))
        self.api_user_id()  # known from the start, so that webhooks can tell our API changes from others'
        return schemas

    def _field_index(self, object_name: str) -> dict[str, FieldSchema]:
        if object_name not in self._schemas:
            self.discover_schema([object_name])
        return self._schemas[object_name]

    # -- reads --------------------------------------------------------------------------------------

    def iter_changes(
        self, object_name: str, *, since: datetime, fields: list[str], overlap: timedelta | None = None
    ) -> Iterator[list[CrmRecord]]:
        schemas = self._field_index(object_name)
        start = since - (self.default_overlap if overlap is None else overlap)
        params: dict[str, Any] = {"sort_by": "update_time", "sort_direction": "asc"}
        custom = [name for name in fields if is_custom_key(name)]
        if custom and len(custom) <= 15:
            params["custom_fields"] = ",".join(custom)
        params.update(_included(fields))
        deduper = ChangeDeduper()
        for rows in self._changed_lists(object_name, params, start):
            page = [
                CrmRecord(
                    id=str(row["id"]),
                    modified_at=parse_timestamp(row["update_time"]),
                    values=record_values(row, fields, schemas),
                )
                for row in rows
            ]
            fresh = [record for record in page if deduper.is_new(record)]
            if fresh:
                yield fresh

    def _changed_lists(
        self, object_name: str, params: dict[str, Any], start: datetime
    ) -> Iterator[list[dict]]:
        """Lists in update order, keyset style, `read_ahead_pages` pages read ahead: after each page the
        window restarts at the newest update time the page held (updated_since is inclusive; the caller's
        deduper drops the repeats), so a record edited during the read cannot shift the rest out of reach,
        whatever the cursor encodes. The cursor is followed only through a page that is all one update
        time."""
        first = {**params, "updated_since": iso_z(start), "limit": self.page_size or LIST_LIMIT}

        def fetch(request: dict[str, Any]) -> dict[str, Any]:
            return self._request("GET", self._v2(object_name), params=request, cost=COST["v2_list"]).json()

        for payload in read_ahead(
            first=first, fetch=fetch, advance=next_list_request, depth=self.read_ahead_pages
        ):
            yield payload.get("data") or []

    def iter_deleted(self, object_name: str, *, since: datetime) -> Iterator[DeletedRecord]:
        """Deals list their deleted ones (30 days). Persons and organizations have no such filter in v2;
        the v1 recents feed returns changed items, the deleted ones with active_flag false."""
        if object_name == "deals":
            params = {"status": "deleted", "updated_since": iso_z(since), "sort_by": "update_time"}
            for rows in self._v2_page_lists("deals", params, cost=COST["v2_list"]):
                for row in rows:
                    yield DeletedRecord(id=str(row["id"]), deleted_at=parse_timestamp(row.get("update_time")))
            return
        yield from self._recently_deleted(object_name, since)

    def _recently_deleted(self, object_name: str, since: datetime) -> Iterator[DeletedRecord]:
        params: dict[str, Any] = {
            "since_timestamp": since.strftime("%Y-%m-%d %H:%M:%S"),
            "items": SINGULAR.get(object_name, object_name),
            "start": 0,
            "limit": LIST_LIMIT,
        }
        while True:
            payload = self._request("GET", self._v1("recents"), params=params, cost=COST["v1_list"]).json()
            for item in payload.get("data") or []:
                data = item.get("data") or {}
                if data.get("active_flag") is False or data.get("is_deleted") is True:
                    yield DeletedRecord(
                        id=str(item.get("id") or data.get("id")),
                        deleted_at=parse_timestamp(data.get("update_time")),
                        merged_into=str(data["merged_to_id"]) if data.get("merged_to_id") else None,
                    )
            pagination = (payload.get("additional_data") or {}).get("pagination") or {}
            if not pagination.get("more_items_in_collection"):
                return
            params["start"] = pagination.get("next_start", params["start"] + params["limit"])

    def users_read(self) -> list[CrmRecord]:
        """GET /v1/users: every user of the company (one call, no paging), active or not."""
        answer = self._request("GET", self._v1("users"), cost=COST["v1_list"]).json()
        users = []
        for user in answer.get("data") or []:
            stamp = user.get("modified") or user.get("created")
            users.append(
                CrmRecord(
                    id=str(user["id"]),
                    modified_at=parse_timestamp(stamp) if stamp else EPOCH,
                    values={name: user.get(name) for name, _, _ in self.user_fields},
                )
            )
        return users

    def read_records(self, object_name: str, ids: list[str], fields: list[str]) -> dict[str, dict[str, Any]]:
        if object_name == self.users_object:
            wanted = {str(i) for i in ids}
            return {u.id: {n: u.values.get(n) for n in fields} for u in self.users_read() if u.id in wanted}
        schemas = self._field_index(object_name)
        answer = {}
        for chunk in chunked([str(i) for i in ids], IDS_PER_LIST):
            params = {"ids": ",".join(chunk), **_included(fields)}
            for rows in self._v2_page_lists(object_name, params, cost=COST["v2_list"]):
                for row in rows:
                    answer[str(row["id"])] = record_values(row, fields, schemas)
        return answer

    def last_human_edits(
        self, object_name: str, record_ids: list[str], fields: list[str]
    ) -> dict[str, dict[str, datetime | None]]:
        return latest_human_edits(self.field_history(object_name, record_ids, fields), record_ids, fields)

    def field_history(self, object_name: str, record_ids: list[str], fields: list[str]) -> list[FieldEdit]:
        """One changelog per record (20 tokens each): Pipedrive has no batched history."""
        api_user = self.api_user_id()
        wanted = set(fields)
        edits = []
        for record_id in record_ids:
            params: dict[str, Any] = {"limit": LIST_LIMIT}
            while True:
                payload = self._request(
                    "GET",
                    self._v1(f"{object_name}/{record_id}/changelog"),
                    params=params,
                    cost=COST["v1_changelog"],
                ).json()
                for entry in payload.get("data") or []:
                    if entry.get("field_key") in wanted:
                        edits.append(
                            FieldEdit(
                                record_id=str(record_id),
                                field=entry["field_key"],
                                edited_at=parse_timestamp(entry["time"]),
                                by_human=not is_own_changelog_entry(entry, api_user),
                                actor=str(entry.get("actor_user_id") or entry.get("change_source") or ""),
                            )
                        )
                cursor = (payload.get("additional_data") or {}).get("next_cursor")
                if not cursor:
                    break
                params["cursor"] = cursor
        return edits

    def _v2_page_lists(self, object_name: str, params: dict[str, Any], *, cost: int) -> Iterator[list[dict]]:
        params = {**params, "limit": self.page_size or LIST_LIMIT}
        while True:
            payload = self._request("GET", self._v2(object_name), params=params, cost=cost).json()
            yield payload.get("data") or []
            cursor = (payload.get("additional_data") or {}).get("next_cursor")
            if not cursor:
                return
            params["cursor"] = cursor

    def _v2_pages(self, path: str, params: dict[str, Any], *, cost: int) -> Iterator[dict]:
        for rows in self._v2_page_lists(path, params, cost=cost):
            yield from rows

    # -- writes -------------------------------------------------------------------------------------

    def write(self, object_name: str, updates: list[RecordUpdate]) -> list[WriteResult]:
        """One PATCH per record: Pipedrive has no batch update for persons, organizations or deals."""
        try:
            schemas = self._field_index(object_name)
        except CrmError as exc:
            return results_for_failed_call([str(u.record_id) for u in updates], exc)
        return [self._write_one(object_name, update, schemas) for update in updates]

    def _write_one(
        self, object_name: str, update: RecordUpdate, schemas: dict[str, FieldSchema]
    ) -> WriteResult:
        record_id = str(update.record_id)
        try:
            current = self._current_arrays(object_name, record_id, update.values)
            self._request(
                "PATCH",
                self._v2(f"{object_name}/{record_id}"),
                json=patch_body(update.values, schemas, current),
                cost=COST["v2_patch"],
            )
        except CrmError as exc:
            if exc.status_code == 410:
                return WriteResult(record_id, WriteStatus.DELETED_OR_MERGED, message=exc.message)
            return results_for_failed_call([record_id], exc)[0]
        return WriteResult(record_id, WriteStatus.OK)

    def _current_arrays(self, object_name: str, record_id: str, values: dict[str, Any]) -> dict[str, Any]:
        """The record's email and phone arrays when the write touches them (one GET, 1 token): v2 replaces a
        whole array, so the entries we do not write must be sent back as they are."""
        keys = multi_value_keys(values)
        if not keys:
            return {}
        data = self._request("GET", self._v2(f"{object_name}/{record_id}"), cost=COST["v2_get"]).json()
        row = data.get("data") or {}
        return {key: row.get(key) or [] for key in keys}

    # -- creates ------------------------------------------------------------------------------------

    task_object = "activities"

    def _create_batch(self, object_name: str, records: list[RecordCreate]) -> list[CreateResult]:
        """One POST per record: Pipedrive has no batch create."""
        try:
            schemas = self._field_index(object_name) if object_name in SEARCHABLE else {}
            marker = self._create_key_field(object_name, schemas)
        except CrmError as exc:
            return create_results_for_failed_call([r.key for r in records], exc)
        return [self._create_one(object_name, record, schemas, marker) for record in records]

    def _create_key_field(self, object_name: str, schemas: dict[str, FieldSchema]) -> str | None:
        if object_name not in SEARCHABLE:
            return None
        field_key = next((f.name for f in schemas.values() if f.label == CREATE_KEY_FIELD_NAME), None)
        if field_key is None:
            raise CrmValidationError(
                f"pipedrive {object_name} have no custom field {CREATE_KEY_FIELD_NAME!r} for the idempotency key"
            )
        return field_key

    def _create_one(
        self, object_name: str, record: RecordCreate, schemas: dict[str, FieldSchema], marker: str | None
    ) -> CreateResult:
        try:
            body = self._create_body(object_name, record, schemas, marker)
            response = self._request(
                "POST", self._v2(object_name), json=body, cost=COST["v2_post"], retry_transient=False
            )
        except CrmError as exc:
            return create_results_for_failed_call([record.key], exc)[0]
        data = response.json().get("data") or {}
        return CreateResult(record.key, WriteStatus.OK, record_id=str(data.get("id")))

    def _create_body(
        self, object_name: str, record: RecordCreate, schemas: dict[str, FieldSchema], marker: str | None
    ) -> dict[str, Any]:
        body = patch_body(record.values, schemas)
        for link in record.associations:
            field_name = LINK_FIELDS.get(link.object_name)
            if field_name is None:
                raise CrmValidationError(f"pipedrive cannot attach a new {object_name} to {link.object_name}")
            body[field_name] = pipedrive_id(link.record_id, field_name)
        if marker is not None:
            body.setdefault("custom_fields", {})[marker] = record.key
        else:
            note = body.get("note") or ""
            body["note"] = f"{note}\n\n{NOTE_MARKER}{record.key}" if note else f"{NOTE_MARKER}{record.key}"
        return body

    def _find_created(self, object_name: str, records: list[RecordCreate]) -> dict[str, str]:
        if object_name in SEARCHABLE:
            return self._search_markers(object_name, [record.key for record in records])
        return self._activities_with_markers(records)

    def _search_markers(self, object_name: str, keys: list[str]) -> dict[str, str]:
        found = {}
        for key in keys:
            params = {"term": key, "fields": "custom_fields", "exact_match": "true", "limit": 2}
            payload = self._request(
                "GET", self._v2(f"{object_name}/search"), params=params, cost=COST["v2_search"]
            ).json()
            items = ((payload.get("data") or {}).get("items")) or []
            hits = [
                item["item"] for item in items if key in ((item.get("item") or {}).get("custom_fields") or [])
            ]
            if hits:
                found[key] = str(hits[0]["id"])
        return found

    def _activities_with_markers(self, records: list[RecordCreate]) -> dict[str, str]:
        """Activities have no search: list the activities of the record each one is attached to."""
        found: dict[str, str] = {}
        wanted = {record.key for record in records}
        filters = {
            (LINK_FIELDS[link.object_name], str(link.record_id))
            for record in records
            for link in record.associations[:1]
            if link.object_name in LINK_FIELDS
        }
        for name, value in sorted(filters):
            for rows in self._v2_page_lists("activities", {name: value}, cost=COST["v2_list"]):
                for row in rows:
                    key = activity_marker(row.get("note"))
                    if key in wanted:
                        found[key] = str(row["id"])
        return found

    def task_create(self, task: TaskSpec, *, key: str) -> RecordCreate:
        values: dict[str, Any] = {"subject": task.subject, "type": "task", "note": task.body, "done": False}
        if task.due:
            values["due_date"] = task.due.isoformat()
        if task.owner_id:
            values["owner_id"] = pipedrive_id(task.owner_id, "owner_id")
        priority = self._activity_priority(task.priority)
        if priority is not None:
            values["priority"] = priority
        return RecordCreate(key, values, (Association(task.about_object, task.about_id),))

    def _activity_priority(self, level: str) -> int | None:
        """The option id of a priority level, as the company's activityFields name it ("High", ...); none
        where the company has no such option (priorities are not on every plan), and Pipedrive's default
        applies."""
        field = self._field_index(self.task_object).get("priority")
        options = (field.provider_metadata.get("option_ids") if field else None) or {}
        return {str(label).lower(): option_id for label, option_id in options.items()}.get(level.lower())

    # -- own changes --------------------------------------------------------------------------------

    def api_user_id(self) -> Any:
        """Our API user: the credential, or /users/me once (then remembered)."""
        known = self.credentials.get("api_user_id")
        if known not in (None, ""):
            return known
        try:
            data = self._request("GET", self._v1("users/me"), cost=COST["v1_get"]).json().get("data") or {}
        except CrmError as exc:
            logger.warning(
                "pipedrive connection %s: our API user is unknown (users/me failed: %s); "
                "our own changes cannot be told from a rep's until it is read",
                self.connection.pk,
                exc.message,
            )
            return None
        if data.get("id") is not None:
            self._save_credentials({"api_user_id": data["id"]})
        return data.get("id")

    def is_own_change(self, *, change_source: str | None = None, user_id: Any = None) -> bool:
        """For webhook `meta`: ours when it came from the API as our user."""
        return is_own_changelog_entry(
            {"change_source": change_source, "actor_user_id": user_id}, self.credentials.get("api_user_id")
        )

    def user_name(self, user_id: str) -> str | None:
        """The name of a Pipedrive user (a changelog's actor_user_id); None when there is no such user."""
        if not str(user_id).isdigit():
            return None
        try:
            answer = self._request("GET", self._v1(f"users/{user_id}"), cost=COST["v1_get"]).json()
        except CrmError as exc:
            if exc.status_code == 404:
                return None
            raise
        return (answer.get("data") or {}).get("name") or None

    # -- provider hooks -----------------------------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        if self.credentials.get("access_token"):
            return {"Authorization": f"Bearer {self.credentials['access_token']}"}
        if self.credentials.get("api_token"):
            return {"x-api-token": self.credentials["api_token"]}
        return {}

    def _can_refresh(self) -> bool:
        creds = self.credentials
        return not in_worker() and bool(
            creds.get("refresh_token") and creds.get("client_id") and creds.get("access_token")
        )

    def _token_is_expiring(self) -> bool:
        expires_at = self.credentials.get("expires_at")
        return bool(expires_at) and time.time() >= float(expires_at) - REFRESH_MARGIN_SECONDS

    def _refresh_token(self) -> None:
        creds = self.credentials
        basic = base64.b64encode(
            f"{creds.get('client_id', '')}:{creds.get('client_secret', '')}".encode()
        ).decode()
        oauth = (creds.get("oauth_url") or DEFAULT_OAUTH_URL).rstrip("/")
        payload = self._token_call(
            f"{oauth}/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": creds.get("refresh_token", "")},
            headers={"Authorization": f"Basic {basic}"},
        )
        updates = {"access_token": payload["access_token"]}
        for key in ("refresh_token", "api_domain"):
            if payload.get(key):
                updates[key] = payload[key]
        if payload.get("expires_in"):
            updates["expires_at"] = time.time() + float(payload["expires_in"])
        self._save_credentials(updates)

    def _error_details(self, body: Any) -> tuple[str, str]:
        if isinstance(body, dict):
            code = body.get("errorCode") or body.get("error_info") or ""
            return str(code), str(body.get("error") or body.get("message") or body)
        return "", str(body)[:500]

    def _observe_limits(self, response: httpx.Response) -> None:
        remaining = response.headers.get("x-ratelimit-remaining")
        if remaining is not None and remaining.lstrip("-").isdigit():
            reset = response.headers.get("x-ratelimit-reset", "2")
            self.rate_budget.observe_window(
                remaining=int(remaining),
                reset_after=float(reset) if reset.replace(".", "", 1).isdigit() else 2.0,
            )


def _included(fields: list[str]) -> dict[str, str]:
    wanted = [name for name in INCLUDE_ON_REQUEST if name in fields]
    return {"include_fields": ",".join(wanted)} if wanted else {}
