"""Salesforce Bulk API 2.0 emulator: query jobs (query / queryAll) and ingest jobs (insert, update, upsert by
an external id field, delete, hardDelete).

Wire format as documented: JSON job info; CSV (comma, LF, every value quoted) for uploads and results; query
results in chunks addressed by `locator` with `Sforce-Locator` (the literal "null" after the last chunk) and
`Sforce-NumberOfRecords`; ingest results as successfulResults (`sf__Id`, `sf__Created`), failedResults
(`sf__Id`, `sf__Error`) and unprocessedrecords (the uploaded columns). Errors are JSON arrays of
{errorCode, message}.

Jobs move through their states on the client's polls: a job closed (or a query job created) is
`UploadComplete`; the next poll sees `InProgress`; after `polls_to_complete` more polls the work is done and
the job is `JobComplete`, or `Failed` (quota exceeded, a bad upload, an injected failure) with the records it
did not reach left unprocessed. Allocations (query jobs, batches of 10,000 ingested records, ingested records,
upload size: 150 MB once base64-encoded, as Salesforce counts it) come from `sandbox.limits.SalesforceBounds`.
A hard-deleted record skips the Recycle Bin: queryAll no longer finds it.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
from dataclasses import dataclass, field

from . import soql
from .limits import BULK_RECORDS_PER_BATCH, salesforce_bounds
from .wire import SandboxRequest, SandboxResponse, empty_response, json_response, salesforce_datetime

JOB_ID_PREFIX = "750"
DEFAULT_CHUNK = 100_000  # records per results chunk when the client gives no maxRecords
INGEST_OPERATIONS = ("insert", "update", "upsert", "delete", "hardDelete")
NULL_MARKER = "#N/A"  # Bulk API CSV: set a field to null
CSV_TYPE = "text/csv"


def register(provider, data_prefix: str) -> None:
    """Add the Bulk API 2.0 routes to the Salesforce provider."""
    bulk = BulkApi(provider)
    jobs = data_prefix + r"/jobs/(?P<kind>query|ingest)"
    provider.add("POST", jobs + r"/?", bulk.create, kind="write")
    provider.add("GET", jobs + r"/?", bulk.list_jobs)
    provider.add("GET", jobs + r"/(?P<job>750\w+)/?", bulk.info)
    provider.add("PATCH", jobs + r"/(?P<job>750\w+)/?", bulk.change_state, kind="write")
    provider.add("DELETE", jobs + r"/(?P<job>750\w+)/?", bulk.delete)
    provider.add("PUT", data_prefix + r"/jobs/ingest/(?P<job>750\w+)/batches/?", bulk.upload, kind="write")
    provider.add("GET", data_prefix + r"/jobs/query/(?P<job>750\w+)/results/?", bulk.query_results)
    provider.add(
        "GET",
        data_prefix
        + r"/jobs/ingest/(?P<job>750\w+)/(?P<which>successfulResults|failedResults|unprocessedrecords)/?",
        bulk.ingest_results,
    )


def bulk_error(status: int, code: str, message: str) -> SandboxResponse:
    return json_response(status, [{"errorCode": code, "message": message}])


@dataclass
class BulkJob:
    id: str
    kind: str  # query | ingest
    operation: str
    object: str  # the sObject name
    object_name: str  # the sandbox's generic name
    version: str
    created_ms: int
    created_by: str
    state: str
    polls: int = 0
    query: str = ""
    external_id: str | None = None
    upload: bytes | None = None
    ids: list = field(default_factory=list)  # query: result record ids in order
    columns: list = field(default_factory=list)  # query: the selected field definitions
    successful: list = field(default_factory=list)  # ingest: (sf__Id, created, row)
    failed: list = field(default_factory=list)  # ingest: (sf__Id, error, row)
    unprocessed: list = field(default_factory=list)  # ingest: rows
    header: list = field(default_factory=list)  # ingest: uploaded columns
    processed: int = 0
    error_message: str = ""
    modified_ms: int = 0
    actor: object = None  # who the job writes as (its creator, with the Sforce-Call-Options client)


@dataclass
class BulkState:
    """An account's jobs, and switches for tests."""

    jobs: dict = field(default_factory=dict)
    polls_to_complete: int = 1
    fail_after: int | None = None  # ingest: process this many records, then fail the job


def bulk_state(account) -> BulkState:
    state = getattr(account, "bulk", None)
    if state is None:
        state = account.bulk = BulkState()
    return state


class BulkApi:
    def __init__(self, provider):
        self.provider = provider

    # -- jobs -----------------------------------------------------------------------------------------

    def create(self, account, request: SandboxRequest, match) -> SandboxResponse:
        try:
            body = request.json() or {}
        except ValueError as error:
            return bulk_error(400, "JSON_PARSER_ERROR", str(error))
        if body.get("contentType", "CSV") != "CSV" or body.get("columnDelimiter", "COMMA") != "COMMA":
            return bulk_error(
                400, "INVALIDJOB", "The sandbox emulates contentType CSV with COMMA delimiters only"
            )
        if body.get("lineEnding", "LF") not in ("LF", "CRLF"):
            return bulk_error(400, "INVALIDJOB", "lineEnding must be LF or CRLF")
        if match.group("kind") == "query":
            return self._create_query(account, match.group("version"), body)
        return self._create_ingest(
            account, match.group("version"), body, self.provider._actor(account, request)
        )

    def _create_query(self, account, version: str, body: dict) -> SandboxResponse:
        operation = body.get("operation")
        if operation not in ("query", "queryAll"):
            return bulk_error(400, "INVALIDJOB", f"Invalid operation for a query job: {operation}")
        text = body.get("query") or ""
        try:
            parsed = soql.parse(text)
        except soql.SoqlError as error:
            return bulk_error(400, "MALFORMED_QUERY", f"\n{text}\n^\nERROR at Row:1:Column:1\n{error}")
        if parsed.count_only:
            return bulk_error(
                400, "INVALIDJOB", "Aggregate queries (COUNT()) are not supported by Bulk API 2.0"
            )
        object_name = self.provider._object(parsed.object)
        if object_name is None:
            return bulk_error(400, "INVALID_TYPE", f"sObject type '{parsed.object}' is not supported.")
        lookup = self.provider.field_lookup(account, object_name)
        try:
            columns = self.provider._resolve_fields(lookup, parsed.fields, parsed.object)
        except Exception as error:  # QueryError: (code, message)
            return bulk_error(400, error.args[0], error.args[1])
        bounds = salesforce_bounds(account)
        if not bounds.take("query_jobs", bounds.bulk_query_jobs, account.now_ms()):
            return bulk_error(
                403,
                "REQUEST_LIMIT_EXCEEDED",
                "Exceeded max number of Bulk API 2.0 query jobs in a 24 hour period",
            )
        job = self._new_job(account, "query", operation, object_name, version, state="UploadComplete")
        job.query, job.columns = text, columns
        return json_response(200, self._info(account, job))

    def _create_ingest(self, account, version: str, body: dict, actor) -> SandboxResponse:
        operation = body.get("operation")
        if operation not in INGEST_OPERATIONS:
            return bulk_error(
                400,
                "INVALIDJOB",
                f"The sandbox emulates ingest operations {', '.join(INGEST_OPERATIONS)}; got {operation}",
            )
        object_name = self.provider._object(body.get("object") or "")
        if object_name is None:
            return bulk_error(400, "INVALIDJOB", f"Unable to find object: {body.get('object')}")
        external_id = body.get("externalIdFieldName")
        if operation == "upsert":
            problem = self._external_id_problem(account, object_name, external_id)
            if problem:
                return bulk_error(400, "INVALIDJOB", problem)
        job = self._new_job(account, "ingest", operation, object_name, version, state="Open")
        job.actor, job.external_id = actor, external_id if operation == "upsert" else None
        return json_response(200, self._info(account, job))

    def _external_id_problem(self, account, object_name: str, name: str | None) -> str:
        if not name:
            return "externalIdFieldName is required for an upsert job"
        definition = self.provider.field_lookup(account, object_name).get(name.lower())
        if definition is None:
            return f"Field name not found : {name}"
        if name.lower() != "id" and not definition.unique:
            return f"Field {name} is not an External ID field or the Id field"
        return ""

    def _new_job(self, account, kind, operation, object_name, version, *, state) -> BulkJob:
        number = account.next_number("bulk_job")
        job_id = f"{JOB_ID_PREFIX}{account.org_id[3:5]}{number:010d}AAA"
        now = account.now_ms()
        job = BulkJob(
            id=job_id, kind=kind, operation=operation, object=self._sobject(object_name), object_name=object_name,
            version=version, created_ms=now, created_by=account.integration_user_id, state=state, modified_ms=now,
        )  # fmt: skip
        bulk_state(account).jobs[job_id] = job
        return job

    def _sobject(self, object_name: str) -> str:
        from .salesforce import SOBJECTS

        return SOBJECTS[object_name]

    def _job(self, account, match) -> BulkJob | None:
        job = bulk_state(account).jobs.get(match.group("job"))
        kind = match.groupdict().get("kind")
        if job is None or (kind and job.kind != kind):
            return None
        return job

    def info(self, account, request: SandboxRequest, match) -> SandboxResponse:
        job = self._job(account, match)
        if job is None:
            return bulk_error(404, "NOT_FOUND", "The requested resource does not exist")
        self._advance(account, job)
        return json_response(200, self._info(account, job))

    def list_jobs(self, account, request: SandboxRequest, match) -> SandboxResponse:
        kind = match.group("kind")
        records = [self._info(account, job) for job in bulk_state(account).jobs.values() if job.kind == kind]
        return json_response(200, {"done": True, "records": records, "nextRecordsUrl": None})

    def change_state(self, account, request: SandboxRequest, match) -> SandboxResponse:
        job = self._job(account, match)
        if job is None:
            return bulk_error(404, "NOT_FOUND", "The requested resource does not exist")
        try:
            wanted = (request.json() or {}).get("state")
        except ValueError as error:
            return bulk_error(400, "JSON_PARSER_ERROR", str(error))
        if wanted == "Aborted" and job.state in ("Open", "UploadComplete", "InProgress"):
            self._abort(account, job)
        elif wanted == "UploadComplete" and job.kind == "ingest" and job.state == "Open":
            job.state, job.modified_ms = "UploadComplete", account.now_ms()
        else:
            return bulk_error(
                400, "INVALIDJOBSTATE", f"Job {job.id} cannot move from state {job.state} to {wanted}"
            )
        return json_response(200, self._info(account, job))

    def delete(self, account, request: SandboxRequest, match) -> SandboxResponse:
        job = self._job(account, match)
        if job is None:
            return bulk_error(404, "NOT_FOUND", "The requested resource does not exist")
        if job.state not in ("UploadComplete", "JobComplete", "Aborted", "Failed"):
            return bulk_error(400, "INVALIDJOBSTATE", f"Job {job.id} in state {job.state} cannot be deleted")
        del bulk_state(account).jobs[job.id]
        return empty_response(204)

    def _abort(self, account, job: BulkJob) -> None:
        if job.kind == "ingest" and job.upload is not None and job.state != "Open":
            job.header, rows = _read_upload(job.upload)
            job.unprocessed = rows
        job.state, job.modified_ms = "Aborted", account.now_ms()

    def _info(self, account, job: BulkJob) -> dict:
        info = {
            "id": job.id, "operation": job.operation, "object": job.object, "createdById": job.created_by,
            "createdDate": salesforce_datetime(job.created_ms), "systemModstamp": salesforce_datetime(job.modified_ms),
            "state": job.state, "concurrencyMode": "Parallel", "contentType": "CSV",
            "apiVersion": float(job.version.lstrip("v")), "lineEnding": "LF", "columnDelimiter": "COMMA",
        }  # fmt: skip
        if job.kind == "ingest":
            info["jobType"] = "V2Ingest"
            info["externalIdFieldName"] = job.external_id
            if job.state == "Open":
                info["contentUrl"] = f"services/data/{job.version}/jobs/ingest/{job.id}/batches"
            info["numberRecordsFailed"] = len(job.failed)
        else:
            info["jobType"] = "V2Query"
        info["numberRecordsProcessed"] = job.processed
        info["retries"] = 0
        info["totalProcessingTime"] = 0
        if job.error_message:
            info["errorMessage"] = job.error_message
        return info

    # -- processing, on polls ---------------------------------------------------------------------------

    def _advance(self, account, job: BulkJob) -> None:
        if job.state == "UploadComplete":
            job.state, job.polls = "InProgress", 0
            return
        if job.state != "InProgress":
            return
        job.polls += 1
        if job.polls < bulk_state(account).polls_to_complete:
            return
        if job.kind == "query":
            self._run_query(account, job)
        else:
            self._run_ingest(account, job)
        job.modified_ms = account.now_ms()

    def _run_query(self, account, job: BulkJob) -> None:
        parsed = soql.parse(job.query)
        try:
            ids, _render = self.provider._record_query(
                account, parsed, job.operation == "queryAll", job.version
            )
        except Exception as error:  # the schema changed under the job: it fails as Salesforce's would
            job.state, job.error_message = "Failed", str(error.args[-1] if error.args else error)
            return
        job.ids = ids
        job.processed = len(ids)
        job.state = "JobComplete"

    def _run_ingest(self, account, job: BulkJob) -> None:
        job.header, rows = _read_upload(job.upload or b"")
        bounds = salesforce_bounds(account)
        now = account.now_ms()
        batches = max(1, math.ceil(len(rows) / BULK_RECORDS_PER_BATCH))
        if bounds.remaining("batches", bounds.bulk_batches, now) < batches or bounds.remaining(
            "ingest_records", bounds.bulk_ingest_records, now
        ) < len(rows):
            job.unprocessed, job.state = rows, "Failed"
            job.error_message = (
                "ExceededQuota : the 24-hour Bulk API allocation (batches or records) is used up"
            )
            return
        bounds.take("batches", bounds.bulk_batches, now, batches)
        bounds.take("ingest_records", bounds.bulk_ingest_records, now, len(rows))
        problem = _header_problem(self.provider, account, job)
        if problem:
            job.unprocessed, job.state, job.error_message = rows, "Failed", f"InvalidBatch : {problem}"
            return
        stop = bulk_state(account).fail_after
        by_external_id = self._external_ids(account, job)
        for index, row in enumerate(rows):
            if stop is not None and index >= stop:
                job.unprocessed = rows[index:]
                job.state, job.error_message = (
                    "Failed",
                    "InternalServerError : processing stopped (injected fault)",
                )
                return
            self._ingest_row(account, job, row, by_external_id)
            job.processed += 1
        job.state = "JobComplete"

    def _ingest_row(self, account, job: BulkJob, row: list, by_external_id: dict) -> None:
        values = dict(zip(job.header, row, strict=False))
        record_id = values.pop("Id", "") or values.pop("id", "")
        actor = job.actor
        if job.operation in ("delete", "hardDelete"):
            self._delete(account, job, record_id, row, actor)
            return
        body = {
            name: (None if value == NULL_MARKER else value) for name, value in values.items() if value != ""
        }
        if job.operation == "upsert":
            key = record_id if job.external_id.lower() == "id" else _cell_named(values, job.external_id)
            if not key:
                job.failed.append(("", f"MISSING_ARGUMENT:{job.external_id} not specified:--", row))
                return
            record_id = record_id or (by_external_id.get(key) or "")
            if not record_id and job.external_id.lower() == "id":
                job.failed.append((key, "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--", row))
                return
        if job.operation == "insert" or (job.operation == "upsert" and not record_id):
            record = self._insert(account, job, body, row, actor)
            if record is not None and job.operation == "upsert":
                by_external_id[key] = record.id
        else:
            self._update(account, job, record_id, body, row, actor)

    def _delete(self, account, job: BulkJob, record_id: str, row: list, actor) -> None:
        store = account.objects[job.object_name]
        record = store.get(record_id)
        if record is None or record.deleted:
            job.failed.append((record_id, "ENTITY_IS_DELETED:entity is deleted:--", row))
            return
        account.delete(job.object_name, record_id, actor)
        if job.operation == "hardDelete":  # no Recycle Bin: queryAll does not find it either
            store.dead.remove(record.modified_ms, record.sort_key)
            record.hard_deleted = True
        job.successful.append((record_id, False, row))

    def _external_ids(self, account, job: BulkJob) -> dict:
        """Upsert: the live records by their external id value (one pass per job, not one per row)."""
        if job.operation != "upsert" or job.external_id.lower() == "id":
            return {}
        name = self.provider.field_lookup(account, job.object_name)[job.external_id.lower()].name
        return {
            str(record.values[name]): record.id
            for record in account.objects[job.object_name].records.values()
            if not record.deleted and record.values.get(name) not in (None, "")
        }

    def _insert(self, account, job, body, row, actor) -> None:
        from .salesforce import ParserError

        try:
            clean, errors = self.provider._plan_insert(account, job.object_name, body, [])
        except ParserError as error:
            errors = [("JSON_PARSER_ERROR", str(error), [])]
        if errors:
            job.failed.append(("", _error_text(errors), row))
            return None
        record = account.create_record(job.object_name, clean, actor, self.provider._links(clean))
        job.successful.append((record.id, True, row))
        return record

    def _update(self, account, job, record_id, body, row, actor) -> None:
        from .salesforce import ParserError

        record = account.objects[job.object_name].get(record_id)
        if record is None:
            job.failed.append((record_id, "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--", row))
            return
        if record.deleted:
            job.failed.append((record_id, "ENTITY_IS_DELETED:entity is deleted:--", row))
            return
        try:
            clean, errors = self.provider.validate(account, job.object_name, body)
        except ParserError as error:
            errors = [("JSON_PARSER_ERROR", str(error), [])]
        if errors:
            job.failed.append((record_id, _error_text(errors), row))
            return
        account.apply_write(job.object_name, record, clean, actor)
        job.successful.append((record_id, False, row))

    # -- data in and out --------------------------------------------------------------------------------

    def upload(self, account, request: SandboxRequest, match) -> SandboxResponse:
        job = self._job(account, match)
        if job is None:
            return bulk_error(404, "NOT_FOUND", "The requested resource does not exist")
        if not request.headers.get("content-type", "").startswith(CSV_TYPE):
            return bulk_error(400, "INVALIDJOB", "Upload data as text/csv")
        if job.state != "Open" or job.upload is not None:
            return bulk_error(400, "INVALIDJOBSTATE", (
                f"Found multiple contents for job: <{job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job "
                "then create a new Job and make sure you only do 'PUT' once on a given Job."
            ))  # fmt: skip
        limit = salesforce_bounds(account).upload_bytes
        encoded = math.ceil(len(request.body) / 3) * 4  # Salesforce stores the upload base64-encoded
        if encoded > limit:
            return bulk_error(
                400,
                "EXCEEDED_QUOTA",
                f"A job's data may be at most {limit} bytes once base64-encoded; got {encoded}",
            )
        job.upload = request.body
        return empty_response(201)

    def query_results(self, account, request: SandboxRequest, match) -> SandboxResponse:
        job = self._job(account, match)
        if job is None:
            return bulk_error(404, "NOT_FOUND", "The requested resource does not exist")
        if job.state != "JobComplete":
            return bulk_error(412, "JOB_NOT_COMPLETE", (
                "can only download query results of successfully completed bulk job with status: JOB_COMPLETE. "
                f"Current status: {job.state.upper()}"
            ))  # fmt: skip
        try:
            start = _locator_offset(request.param("locator"))
            size = int(request.param("maxRecords") or DEFAULT_CHUNK)
        except ValueError:
            return bulk_error(400, "INVALID_REQUEST", "locator or maxRecords is not valid")
        if size < 1:
            return bulk_error(400, "INVALID_REQUEST", "maxRecords must be a positive integer")
        chunk = job.ids[start : start + size]
        body = self._query_csv(account, job, chunk)
        storage = salesforce_bounds(account)
        storage.take("query_storage_mb", storage.bulk_query_storage_mb, account.now_ms(), len(body) // 2**20)
        end = start + len(chunk)
        headers = {
            "content-type": CSV_TYPE,
            "sforce-locator": _locator(end) if end < len(job.ids) else "null",
            "sforce-numberofrecords": str(len(chunk)),
        }
        return SandboxResponse(200, body, headers)

    def _query_csv(self, account, job: BulkJob, ids: list) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow([definition.name for definition in job.columns])
        records = account.objects[job.object_name].records
        for record_id in ids:
            record = records[record_id]
            writer.writerow([
                _csv_value(definition, self.provider.field_value(record, definition)) for definition in job.columns
            ])  # fmt: skip
        return out.getvalue().encode()

    def ingest_results(self, account, request: SandboxRequest, match) -> SandboxResponse:
        job = self._job(account, match)
        if job is None:
            return bulk_error(404, "NOT_FOUND", "The requested resource does not exist")
        if job.state not in ("JobComplete", "Failed", "Aborted"):
            return bulk_error(400, "INVALIDJOBSTATE", f"Job {job.id} is {job.state}: results are not ready")
        out = io.StringIO()
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        which = match.group("which")
        if which == "successfulResults":
            writer.writerow(["sf__Id", "sf__Created", *job.header])
            writer.writerows(
                [record_id, "true" if created else "false", *row]
                for record_id, created, row in job.successful
            )
        elif which == "failedResults":
            writer.writerow(["sf__Id", "sf__Error", *job.header])
            writer.writerows([record_id, error, *row] for record_id, error, row in job.failed)
        else:
            writer.writerow(job.header)
            writer.writerows(job.unprocessed)
        return SandboxResponse(200, out.getvalue().encode(), {"content-type": CSV_TYPE})


def _read_upload(data: bytes) -> tuple[list, list]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    return (rows[0], rows[1:]) if rows else ([], [])


def _header_problem(provider, account, job: BulkJob) -> str:
    if not job.header:
        return "The upload has no header row"
    lookup = provider.field_lookup(account, job.object_name)
    unknown = [name for name in job.header if name.lower() not in lookup]
    if unknown:
        return f"Field name not found : {unknown[0]}"
    names = [name.lower() for name in job.header]
    if job.operation in ("update", "delete", "hardDelete") and "id" not in names:
        return f"Id column is required for {job.operation}"
    if job.operation == "upsert" and job.external_id.lower() not in names:
        return f"The external id field {job.external_id} is not in the upload"
    return ""


def _cell_named(values: dict, name: str) -> str:
    return next((value for column, value in values.items() if column.lower() == name.lower()), "")


def _error_text(errors: list) -> str:
    code, message, fields = errors[0]
    return f"{code}:{message}:{','.join(fields) or '--'}"


def _csv_value(definition, value) -> str:
    if value is None:
        return ""
    if definition.type == "datetime" and isinstance(value, int):
        return salesforce_datetime(value).replace("+0000", "Z")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)


def _locator(offset: int) -> str:
    return base64.b64encode(str(offset).encode()).decode().rstrip("=")


def _locator_offset(locator: str | None) -> int:
    if not locator:
        return 0
    padded = locator + "=" * (-len(locator) % 4)
    return int(base64.b64decode(padded.encode(), validate=True).decode())
